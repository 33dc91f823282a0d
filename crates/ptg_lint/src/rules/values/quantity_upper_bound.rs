//! `quantity-upper-bound`: a 数量 target written as an upper bound (`≤165人`).

use ptg_diagnostics::{Diagnostic, Fix, Severity};
use ptg_semantic::Role;
use ptg_syntax::ast::{CmpOp, ValueKind};

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "quantity-upper-bound",
    code: "L203",
    group: Group::Values,
    severity: Severity::Warning,
    fix: FixKind::Unsafe,
    zh: RuleDocs {
        what: "数量指标写成了上限（`≤`、`<`），例如 `≤165人`。接待、会议、出差、公务用车类指标和范围值除外。",
        why: "数量指标是承诺完成的产出，应写下限：写成上限等于承诺“最多做这么多”，完成 0 也算达标。可改为 `≥`（不安全修复：请确认原意）。",
    },
    en: RuleDocs {
        what: "A 数量 (quantity) target written as an upper bound (`≤`, `<`), e.g. `≤165人`. Indicators about receptions, meetings, travel or official cars, and ranges, are exempt.",
        why: "A quantity target promises an output and needs a lower bound; an upper bound promises “at most”, so delivering nothing would meet it. The fix flips it to `≥` (unsafe: confirm the intent).",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"享受救助补贴人数\" ≤ 160人\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"享受救助补贴人数\" ≥ 160人\n        \"公务接待批次\" ≤ 5批\n      }\n    }\n  }\n}\n",
};

/// Names about things that should be kept low.
const EXEMPT: [&str; 4] = ["接待", "会议", "出差", "公务用车"];

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Quantity) {
            continue;
        }
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let ValueKind::Bound { cmp, quantity } = &value.kind else {
            continue;
        };
        if !matches!(cmp.op, CmpOp::Le | CmpOp::Lt) {
            continue;
        }
        let name = indicator.name();
        if EXEMPT.iter().any(|word| name.contains(word)) {
            continue;
        }
        let written = ctx.model.source(value.range);
        let flipped = if cmp.op == CmpOp::Le { "≥" } else { ">" };
        let edits = crate::facts::replace_comparator(cmp, quantity, flipped);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("数量指标“{name}”写成了上限 `{written}`"),
                    format!("quantity indicator “{name}” is written as an upper bound `{written}`"),
                ),
            )
            .with_primary_message(ctx.pick("上限", "upper bound"))
            .with_note(ctx.pick("数量指标承诺完成的产出，应写下限：上限意味着完成 0 也算达标", "a quantity target promises an output and needs a lower bound: with an upper bound, delivering nothing meets it"))
            .with_fix(Fix::unsafe_(
                ctx.t(format!("改为 `{flipped}`"), format!("change to `{flipped}`")),
                edits,
            )),
        );
    }
}

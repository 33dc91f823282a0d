//! `cost-lower-bound`: a cost target written as a lower bound (`≥ 400万元`).

use ptg_diagnostics::{Diagnostic, Fix, Severity};
use ptg_semantic::Role;
use ptg_syntax::ast::{CmpOp, ValueKind};

use super::util::is_money_quantity;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "cost-lower-bound",
    code: "L306",
    group: Group::Money,
    severity: Severity::Warning,
    fix: FixKind::Unsafe,
    zh: RuleDocs {
        what: "成本指标写成了下限（`≥`、`>`），例如 `\"救助资金总额\" ≥ 40万元`。",
        why: "成本指标控制的是花多少钱，应写上限：写成下限等于承诺“至少花这么多”，超支也算达标。可改为 `≤`（不安全修复：请确认原意）。",
    },
    en: RuleDocs {
        what: "A cost target written as a lower bound (`≥`, `>`), e.g. `\"救助资金总额\" ≥ 40万元`.",
        why: "A cost target limits spending and needs an upper bound; a lower bound promises to spend “at least” that much, so overspending would meet it. The fix flips it to `≤` (unsafe: confirm the intent).",
    },
    bad_example: "年度 2024\n金额单位 万元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 40万元\n    成本指标 {\n      经济成本指标 {\n        \"救助资金总额\" ≥ 40万元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 万元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 40万元\n    成本指标 {\n      经济成本指标 {\n        \"救助资金总额\" ≤ 40万元\n      }\n    }\n    产出指标 {\n      数量指标 {\n        \"救助人数\" ≥ 160人\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Cost) {
            continue;
        }
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let ValueKind::Bound { cmp, quantity } = &value.kind else {
            continue;
        };
        if !matches!(cmp.op, CmpOp::Ge | CmpOp::Gt) || !is_money_quantity(ctx.model, quantity) {
            continue;
        }
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let flipped = if cmp.op == CmpOp::Ge { "≤" } else { "<" };
        let edits = crate::facts::replace_comparator(cmp, quantity, flipped);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("成本指标“{name}”写成了下限 `{written}`"),
                    format!("cost indicator “{name}” is written as a lower bound `{written}`"),
                ),
            )
            .with_primary_message(ctx.pick("下限", "lower bound"))
            .with_note(ctx.pick("成本指标控制花多少钱，应写上限：下限意味着超支也算达标", "a cost target limits spending and needs an upper bound: with a lower bound, overspending meets it"))
            .with_fix(Fix::unsafe_(
                ctx.t(format!("改为 `{flipped}`"), format!("change to `{flipped}`")),
                edits,
            )),
        );
    }
}

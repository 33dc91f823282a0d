//! `formula-bound`: a standard indicator whose bound cannot be meant for its formula:
//! `“三公经费”控制率` (实际支出数 / 预算数 ×100%) held below 50% (`≤8%`): a reduction rate
//! written as a control rate.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{CmpOp, Quantity, ValueKind};
use ptg_syntax::Decimal;

use crate::facts::{percent_text, trim_name};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "formula-bound",
    code: "L501",
    group: Group::Department,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "标准指标的目标值与其计算公式不符：`“三公经费”控制率`（= 实际支出数 / 预算数 ×100%）的上限低于 50%，例如 `≤8%`。名称带不带引号、全角半角引号都算。",
        why: "按公式，控制率 ≤8% 意味着三公经费只能花预算的 8%，几乎不可能；这通常是把“压减率”写成了“控制率”（洛阳西工区 53 个部门中 16 个如此）。控制率的常见目标是 `≤100%`；要体现压减，另设压减率指标。",
    },
    en: RuleDocs {
        what: "A standard indicator whose target contradicts its formula: `“三公经费”控制率` (= actual spending / budget ×100%) with an upper bound below 50%, such as `≤8%`. The name matches with or without quotes, full-width or ASCII.",
        why: "By the formula, a control rate of at most 8% means spending no more than 8% of the budget, which nobody intends; it is a reduction rate mislabelled as a control rate (16 of 53 departments in one district). The usual target is `≤100%`; state a reduction in a separate indicator.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  履职目标 \"依法履职。\"\n  投入管理指标 {\n    预算和财务管理 {\n      \"“三公经费”控制率\" ≤ 8%\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  履职目标 \"依法履职。\"\n  投入管理指标 {\n    预算和财务管理 {\n      \"“三公经费”控制率\" ≤ 100%\n    }\n  }\n}\n",
};

/// The standard name, without quotes.
const CONTROL_RATE: &str = "三公经费控制率";

/// Quote characters authors put around 三公经费.
const QUOTES: [char; 10] = ['“', '”', '"', '\'', '‘', '’', '「', '」', '『', '』'];

/// Whether a name is the standard `“三公经费”控制率`, however it is quoted.
fn is_control_rate(name: &str) -> bool {
    let bare: String = trim_name(name)
        .chars()
        .filter(|c| !QUOTES.contains(c) && !c.is_whitespace())
        .collect();
    bare == CONTROL_RATE
}

/// The percentage a value caps the rate at: the number of `≤`, `<`, `=` or an exact value,
/// or the upper end of a range. `None` for lower bounds, `≈` and anything not in %.
fn upper_bound(value: &ValueKind) -> Option<Decimal> {
    let in_percent = |q: &Quantity| q.unit.as_ref().is_some_and(|u| u.text == "%");
    let quantity = match value {
        ValueKind::Bound { cmp, quantity }
            if matches!(cmp.op, CmpOp::Le | CmpOp::Lt | CmpOp::Eq) =>
        {
            quantity
        }
        ValueKind::Exact(quantity) => quantity,
        ValueKind::Range { hi, .. } => hi,
        _ => return None,
    };
    in_percent(quantity).then_some(quantity.number.node)
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let half = Decimal::from_int(50);
    for indicator in ctx.indicators() {
        if !is_control_rate(indicator.name()) {
            continue;
        }
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let Some(cap) = upper_bound(&value.kind) else {
            continue;
        };
        if cap >= half {
            continue;
        }
        let written = ctx.model.source(value.range);
        let cap = percent_text(cap);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("“三公经费”控制率的目标 `{written}` 意味着三公经费只能花预算的 {cap}"),
                    format!("the target `{written}` of the “三公经费” control rate means spending at most {cap} of the budget"),
                ),
            )
            .with_primary_message(ctx.pick("上限低于 50%", "upper bound below 50%"))
            .with_secondary(Label::with_message(
                indicator.ast.name.range,
                ctx.pick("控制率 = 实际支出数 / 预算数 ×100%", "control rate = actual spending / budget ×100%"),
            ))
            .with_note(ctx.pick("这通常是把“压减率”写成了“控制率”：控制率的常见目标是 `≤100%`；要体现压减，另设“三公经费”压减率指标", "this is usually a reduction rate written as a control rate: the usual target is `≤100%`; state a reduction in a separate indicator")),
        );
    }
}

//! `rate-needs-percent`: a rate name (`…率`, `…比例`, `…占比`, `…满意度`) whose value is
//! not a percentage (`残疾儿童康复训练比例 ≥5人数`, `及时率 ≤12月份`, `知晓率 = 是`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::ValueKind;

use super::util;
use crate::facts;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "rate-needs-percent",
    code: "L201",
    group: Group::Values,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "名称以“率”（效率、频率、功率除外）、“比例”、“占比”或“满意度”结尾的指标，值却不是百分比，例如 `残疾儿童康复训练比例 ≥5人数`、`及时率 ≤12月份`、`知晓率 “是”`。不带单位的数另由 value-unit-required 报告。",
        why: "比率衡量的是一部分占整体的比例，只能用百分比核验；写成人数、日期或“是”，完成情况就无从判断。请写成百分比（`≥ 95%`），或者如果要计数、定期限，就改名称并放到相应的指标类别中。",
    },
    en: RuleDocs {
        what: "An indicator whose name ends in 率 (except 效率, 频率, 功率), 比例, 占比 or 满意度 but whose value is not a percentage, e.g. `残疾儿童康复训练比例 ≥5人数`, `及时率 ≤12月份`, `知晓率 “是”`. Bare numbers are left to value-unit-required.",
        why: "A rate measures a share of a whole and can only be checked as a percentage; a head count, a date or “yes” cannot tell whether it was met. Write a percentage (`≥ 95%`), or, if a count or a deadline is meant, rename the indicator and move it to the matching category.",
    },
    bad_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"残疾儿童康复训练比例\" ≥ 5人\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"残疾儿童康复训练比例\" ≥ 5%\n        \"工作效率\" \"明显提高\"\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        let name = indicator.name();
        if !facts::is_rate_name(name) {
            continue;
        }
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        if util::value_kind(ctx.model, value) == Some(ptg_semantic::UnitKind::Percent) {
            continue;
        }
        // A bare number (`完成率 100`) is a missing unit: value-unit-required says so.
        if facts::is_bare_number(value) {
            continue;
        }
        let written = ctx.model.source(value.range);
        let what = util::describe(ctx, value);
        let hint = match &value.kind {
            ValueKind::Qualitative(_) => ctx.pick("文字无法核验比率：请写出目标百分比，如 `≥ 95%`", "text cannot be checked as a rate: state the target percentage, e.g. `≥ 95%`"),
            ValueKind::Deadline(_) | ValueKind::Period(_) => ctx.pick("日期和周期不是比率：若要考核是否按时完成，请写及时率（如 `≥ 95%`），或把名称改为“完成时间”", "a date or a period is not a rate: to measure timeliness, write the on-time rate (e.g. `≥ 95%`), or rename the indicator to a completion date"),
            _ => ctx.pick("计数不是比率：请写成百分比（如 `≥ 95%`）；若确实要考核数量，请改名称并放到数量指标中", "a count is not a rate: write a percentage (e.g. `≥ 95%`); if a count is really meant, rename the indicator and move it to `数量指标`"),
        };
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("比率指标“{name}”的值 `{written}` 不是百分比，而是{what}"),
                    format!("rate indicator “{name}” has the value `{written}`: {what}, not a percentage"),
                ),
            )
            .with_primary_message(ctx.pick("不是百分比", "not a percentage"))
            .with_secondary(Label::with_message(
                indicator.ast.name.range,
                ctx.pick("名称表明这是比率", "the name says this is a rate"),
            ))
            .with_note(hint),
        );
    }
}

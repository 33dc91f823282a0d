//! `quantity-needs-number`: a 数量 indicator whose value is text, yes/no, a percentage or a
//! date (`医疗救助对象人次规模 “符合救助条件的对象按规定纳入救助范围”`, `新建景观及照明设施数量 100%`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::{Role, UnitKind};
use ptg_syntax::ast::ValueKind;

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "quantity-needs-number",
    code: "L204",
    group: Group::Values,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "数量指标的值不是带单位的数，而是文字、“是/否”、百分比或日期，例如 `医疗救助对象人次规模 “符合救助条件的对象按规定纳入救助范围”`、`新建景观及照明设施数量 100%`。",
        why: "数量指标考核完成了多少产出，必须是可以清点的数（`≥ 165人`、`≥ 3所`）；文字和“是”无法核验，百分比属于质量或时效指标，日期属于时效指标。",
    },
    en: RuleDocs {
        what: "A 数量 (quantity) indicator whose value is not a number with a unit but text, yes/no, a percentage or a date, e.g. `医疗救助对象人次规模 “符合救助条件的对象按规定纳入救助范围”`, `新建景观及照明设施数量 100%`.",
        why: "A quantity indicator measures how much was delivered and must be a countable number (`≥ 165人`, `≥ 3所`); text and “yes” cannot be checked, percentages belong to 质量 or 时效 indicators, dates to 时效.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"新建景观及照明设施数量\" 100%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"新建景观及照明设施数量\" ≥ 5个\n      }\n      质量指标 {\n        \"景观及照明设施验收合格率\" 100%\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Quantity) {
            continue;
        }
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let percent = util::value_kind(ctx.model, value) == Some(UnitKind::Percent);
        let hint = match &value.kind {
            ValueKind::Qualitative(_) => ctx.pick("把文字改写成可清点的目标，如 `≥ 200人次`；描述放进 `描述`", "rewrite the text as a countable target, e.g. `≥ 200人次`; put the explanation in `描述`"),
            ValueKind::Deadline(_) | ValueKind::Period(_) => ctx.pick("完成时间属于时效指标；数量指标请写完成的数量，如 `≥ 5个`", "a completion date belongs under `时效指标`; a quantity indicator states how many, e.g. `≥ 5个`"),
            _ if percent => ctx.pick("百分比属于质量或时效指标；数量指标请写完成的数量，如 `≥ 5个`", "a percentage belongs under `质量指标` or `时效指标`; a quantity indicator states how many, e.g. `≥ 5个`"),
            _ => continue,
        };
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let what = util::describe(ctx, value);
        let mut diagnostic = ctx
            .diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("数量指标“{name}”的值 `{written}` 不是可清点的数，而是{what}"),
                    format!("quantity indicator “{name}” has the value `{written}`: {what}, not a countable number"),
                ),
            )
            .with_primary_message(ctx.pick("不是数量", "not a quantity"));
        if let Some((range, category)) = util::category_name(ctx.model, indicator) {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                range,
                ctx.t(
                    format!("“{category}”要求带单位的数"),
                    format!("“{category}” expects a number with a unit"),
                ),
            ));
        }
        out.push(diagnostic.with_note(hint));
    }
}

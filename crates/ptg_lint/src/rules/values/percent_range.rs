//! `percent-range`: a percentage below 0% or above 100% (`救助对象识别准确率 ≥ 120%`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::ValueKind;
use ptg_syntax::Decimal;

use super::util;
use crate::facts;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "percent-range",
    code: "L202",
    group: Group::Values,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "百分比小于 0% 或大于 100%，例如 `救助对象识别准确率 ≥ 120%`（‰ 按 1000‰ = 100% 换算）。名称表明是增长、增幅、同比、环比的指标除外。",
        why: "达标率、覆盖率、满意度这类比例不可能超过 100% 或小于 0%，这样的目标永远无法完成，多半是笔误或把数量写成了百分比。",
    },
    en: RuleDocs {
        what: "A percentage below 0% or above 100%, e.g. `救助对象识别准确率 ≥ 120%` (‰ counts 1000‰ as 100%). Indicators named as growth (增长, 增幅, 增速, 同比, 环比) are exempt.",
        why: "A share such as a pass rate, a coverage or a satisfaction cannot exceed 100% or fall below 0%: such a target can never be met and is usually a typo or a count written as a percentage.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"救助对象识别准确率\" ≥ 120%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"救助对象识别准确率\" ≥ 100%\n      }\n    }\n    效益指标 {\n      经济效益指标 {\n        \"农民人均收入同比增长\" ≥ 105%\n      }\n    }\n  }\n}\n",
};

/// Names of growth measures, which may legitimately exceed 100% or be negative.
const GROWTH: [&str; 7] = ["增长", "增幅", "增速", "同比", "环比", "上年", "倍"];

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let hundred = Decimal::from_int(100);
    for indicator in ctx.indicators() {
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let Some((quantity, percent)) = facts::quantities(value).into_iter().find_map(|q| {
            util::percent_of(ctx.model, q)
                .filter(|p| p.is_negative() || *p > hundred)
                .map(|p| (q, p))
        }) else {
            continue;
        };
        let name = indicator.name();
        if GROWTH.iter().any(|word| name.contains(word)) {
            continue;
        }
        let written = ctx.model.source(value.range);
        let shown = util::percent_text(percent);
        let (message, label) = if percent.is_negative() {
            (
                ctx.t(
                    format!("指标“{name}”的值 `{written}` 中的百分比 {shown} 小于 0%"),
                    format!(
                        "the value `{written}` of “{name}” has a percentage of {shown}, below 0%"
                    ),
                ),
                ctx.pick("小于 0%", "below 0%"),
            )
        } else {
            (
                ctx.t(
                    format!("指标“{name}”的值 `{written}` 中的百分比 {shown} 大于 100%"),
                    format!(
                        "the value `{written}` of “{name}” has a percentage of {shown}, above 100%"
                    ),
                ),
                ctx.pick("大于 100%", "above 100%"),
            )
        };
        let mut diagnostic = ctx
            .diagnostic(&META, value.range, message)
            .with_primary_message(label)
            .with_note(ctx.pick("比例只能在 0% 到 100% 之间，这样的目标永远无法完成；请核对数字，数量请用计数单位（如 `120人`）", "a share lies between 0% and 100%, so this target can never be met; check the number, and write counts with a count unit (e.g. `120人`)"));
        if matches!(value.kind, ValueKind::Range { .. }) {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                quantity.range,
                ctx.pick("超出范围的百分比", "the percentage out of range"),
            ));
        }
        out.push(diagnostic);
    }
}

//! `name-equals-description`: a `描述` that only repeats the indicator's name.

use ptg_diagnostics::{Diagnostic, Fix, Label, Severity, TextEdit};
use ptg_syntax::ast::{FieldKey, FieldValue, Item};
use text_size::TextRange;

use super::util::{empty_key, removal_range, same_key};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "name-equals-description",
    code: "L109",
    group: Group::Structure,
    severity: Severity::Info,
    fix: FixKind::Safe,
    zh: RuleDocs {
        what: "指标的 `描述`（指标值说明）与指标名称相同（忽略空白和标点）。",
        why: "照抄名称的描述不提供任何信息（乐亭县 003 的 78 行中有 61 行如此）；描述应说明怎样计算、口径是什么。没有可写的内容时删除它（安全修复）。",
    },
    en: RuleDocs {
        what: "An indicator whose `描述` (description) equals its name, ignoring whitespace and punctuation.",
        why: "A description that repeats the name says nothing (61 of 78 rows in seed 003); it should say how the value is computed. If there is nothing to add, remove it (safe fix).",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"残疾人康复服务质量\" ≥ 95% {\n          描述 \"残疾人康复服务质量\"\n          依据 \"唐财社[2022]108号\"\n        }\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"残疾人康复服务质量\" ≥ 95% {\n          描述 \"康复服务评估达标的人数占接受服务人数的比例\"\n          依据 \"唐财社[2022]108号\"\n        }\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for ind in ctx.indicators() {
        let Some(attrs) = &ind.ast.attrs else {
            continue;
        };
        if empty_key(ind.name()) {
            continue;
        }
        for item in &attrs.items {
            let Item::Field(field) = item else { continue };
            if field.key != FieldKey::Description || field.has_error {
                continue;
            }
            let FieldValue::Text(text) = &field.value else {
                continue;
            };
            if !same_key(&text.text, ind.name()) {
                continue;
            }
            let name = ind.name();
            let mut d = ctx
                .diagnostic(
                    &META,
                    text.range,
                    ctx.t(
                        format!("描述只是重复了指标名称“{name}”"),
                        format!("the description only repeats the indicator name “{name}”"),
                    ),
                )
                .with_primary_message(ctx.pick("与名称相同", "same as the name"))
                .with_secondary(Label::with_message(
                    ind.ast.name.range,
                    ctx.pick("指标名称", "the name"),
                ))
                .with_note(ctx.pick("描述应说明指标怎样计算、口径是什么（如“康复达标人数 / 接受服务人数”）；没有可补充的内容时删除它", "a description should say how the value is computed; if there is nothing to add, remove it"));
            if let Some(range) = removal(ctx, ind.ast, attrs, field.range) {
                d = d.with_fix(Fix::safe(
                    ctx.pick("删除这条描述", "remove the description"),
                    vec![TextEdit::delete(range)],
                ));
            }
            out.push(d);
        }
    }
}

/// The whole attribute block when the description is all it holds (and no comment is
/// inside), otherwise the description's line.
fn removal(
    ctx: &RuleContext<'_, '_>,
    ind: &ptg_syntax::ast::Indicator,
    attrs: &ptg_syntax::ast::Block,
    field: TextRange,
) -> Option<TextRange> {
    let model = ctx.model;
    let alone = attrs.items.len() == 1
        && attrs.r_brace.is_some()
        && !model
            .parse
            .comments
            .iter()
            .any(|c| attrs.range.contains_range(c.range));
    if alone {
        let before = ind
            .value
            .as_ref()
            .map_or(ind.name.range.end(), |v| v.range.end());
        if before <= attrs.range.start()
            && model
                .source(TextRange::new(before, attrs.range.start()))
                .trim()
                .is_empty()
        {
            return Some(TextRange::new(before, attrs.range.end()));
        }
    }
    removal_range(model, field)
}

//! `timeliness-kind`: a 时效 value that is neither a deadline, a period nor a percentage
//! (`按时完成装备采购 “完成”`, `项目完成时间 “2024年全年”`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::{Role, UnitKind};
use ptg_syntax::ast::ValueKind;

use super::util;
use crate::facts;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "timeliness-kind",
    code: "L213",
    group: Group::Values,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "时效指标的值既不是期限（`2024-12-31前`、`12月底前`）、周期（`每月`、`30个工作日内`、`≤ 15个工作日`），也不是百分比（及时率），例如 `按时完成装备采购 “完成”`、`项目完成时间 “2024年全年”`。不带单位的数另由 value-unit-required 报告。",
        why: "时效指标考核是否按时：只有期限、周期或及时率能在年底核对；“完成”“是”只说了做没做，没说按不按时。写在引号里的日期也无法核对，请去掉引号按日期写。",
    },
    en: RuleDocs {
        what: "A 时效 (timeliness) value that is neither a deadline (`2024-12-31前`, `12月底前`), a period (`每月`, `30个工作日内`, `≤ 15个工作日`) nor a percentage (an on-time rate), e.g. `按时完成装备采购 “完成”`, `项目完成时间 “2024年全年”`. Bare numbers are left to value-unit-required.",
        why: "A timeliness indicator measures whether work was on time: only a deadline, a period or an on-time rate can be checked at the year's end; “done” or “yes” says whether, not when. A date inside quotes cannot be checked either: write it unquoted.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"按时完成装备采购\" \"完成\"\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"装备采购完成时间\" 2024年10月底前\n        \"补贴发放\" 每月10日前\n        \"资金拨付及时率\" ≥ 95%\n        \"审批时限\" ≤ 15个工作日\n      }\n    }\n  }\n}\n",
};

/// Whether quoted text looks like a date or a period that could be written unquoted.
fn looks_like_date(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && ["年", "月", "日", "-"].iter().any(|w| text.contains(w))
        || ["全年", "年内", "年底", "每月", "每季度", "按月", "按季度"]
            .iter()
            .any(|w| text.contains(w))
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Timeliness) {
            continue;
        }
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let hint = match &value.kind {
            ValueKind::Deadline(_) | ValueKind::Period(_) => continue,
            ValueKind::Qualitative(text) if looks_like_date(&text.text) => ctx.pick("引号里的日期无法核对：请去掉引号，写成期限（`2024年12月31日前`）或周期（`全年`）", "a date inside quotes cannot be checked: write it unquoted as a deadline (`2024年12月31日前`) or a period (`全年`)"),
            ValueKind::Qualitative(text) if util::is_yes_no(&text.text) => ctx.pick("“完成”“是”只说明做没做，没说明是否按时：请写完成期限（`2024-12-31前`）、周期（`每月`）或及时率（`≥ 95%`）", "“done” or “yes” says whether, not when: write a deadline (`2024-12-31前`), a period (`每月`) or an on-time rate (`≥ 95%`)"),
            ValueKind::Qualitative(_) => ctx.pick("文字无法核对是否按时：请写完成期限（`2024-12-31前`）、周期（`每月`）或及时率（`≥ 95%`）", "text cannot show whether work was on time: write a deadline (`2024-12-31前`), a period (`每月`) or an on-time rate (`≥ 95%`)"),
            _ => {
                if facts::is_bare_number(value) {
                    continue; // A missing unit: value-unit-required.
                }
                if matches!(
                    util::value_kind(ctx.model, value),
                    Some(UnitKind::Percent | UnitKind::Time)
                ) {
                    continue;
                }
                ctx.pick("时效指标请写完成期限（`2024-12-31前`）、周期（`30个工作日内`）或及时率（`≥ 95%`）；计数和金额应放在数量指标或成本指标中", "write a deadline (`2024-12-31前`), a period (`30个工作日内`) or an on-time rate (`≥ 95%`); counts and money belong under `数量指标` or `成本指标`")
            }
        };
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let what = util::describe(ctx, value);
        let mut diagnostic = ctx
            .diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("时效指标“{name}”的值 `{written}` 既不是期限、周期，也不是百分比，而是{what}"),
                    format!("timeliness indicator “{name}” has the value `{written}`: {what}, neither a deadline, a period nor a percentage"),
                ),
            )
            .with_primary_message(ctx.pick("应为期限、周期或及时率", "expected a deadline, a period or an on-time rate"));
        if let Some((range, category)) = util::category_name(ctx.model, indicator) {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                range,
                ctx.t(
                    format!("“{category}”要求期限、周期或及时率"),
                    format!("“{category}” expects a deadline, a period or an on-time rate"),
                ),
            ));
        }
        out.push(diagnostic.with_note(hint));
    }
}

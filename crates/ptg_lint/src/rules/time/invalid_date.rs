//! `invalid-date`: a date that does not exist (`2024-02-30`, `13月`, `每月32日前`).

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_semantic::model::days_in_month;
use ptg_syntax::ast::{DayOfMonth, PeriodKind, ValueKind};

use super::util::{date_is_valid, deadlines};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "invalid-date",
    code: "L403",
    group: Group::Time,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "不存在的日期：月份不在 1–12（`13月`），或日超出当月天数（`2024-02-30`、`4月31日`、`每月32日前`）。",
        why: "不存在的日期无法核对，通常是笔误；请改为实际的截止日期。",
    },
    en: RuleDocs {
        what: "A date that does not exist: a month outside 1–12 (`13月`) or a day past the end of its month (`2024-02-30`, `4月31日`, `每月32日前`).",
        why: "An impossible date cannot be checked and is usually a typo; write the real deadline.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"项目完成时间\" 2024-02-30前\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"项目完成时间\" 2024-02-29前\n      }\n    }\n  }\n}\n",
};

/// Why a date does not exist, in both languages.
fn reason(month: Option<u32>, day: Option<u32>, year: Option<u32>) -> (String, String) {
    match (month, day) {
        (Some(month), _) if !(1..=12).contains(&month) => (
            format!("没有 {month} 月，月份应在 1–12 之间"),
            format!("there is no month {month}; months run from 1 to 12"),
        ),
        (Some(month), Some(day)) => {
            let max = days_in_month(year.unwrap_or(2000), month);
            let zh = match year {
                Some(year) => format!("{year}年{month}月只有 {max} 天，没有 {day} 日"),
                None => format!("{month}月最多 {max} 天，没有 {day} 日"),
            };
            let en = match year {
                Some(year) => format!("month {month} of {year} has {max} days, not {day}"),
                None => format!("month {month} has at most {max} days, not {day}"),
            };
            (zh, en)
        }
        (None, Some(day)) => (
            format!("没有 {day} 日，日应在 1–31 之间"),
            format!("there is no day {day}; days run from 1 to 31"),
        ),
        (Some(_) | None, None) => ("日期超出范围".into(), "out of range".into()),
    }
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for item in deadlines(ctx) {
        let date = &item.deadline.date;
        if date_is_valid(ctx, date) {
            continue;
        }
        let day = match date.day {
            Some(DayOfMonth::Day(day)) => Some(day),
            _ => None,
        };
        let year = date.year.or(ctx.model.year.map(|y| y.node));
        found.push((item.value, reason(date.month, day, year)));
    }
    for indicator in ctx.indicators() {
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        if let ValueKind::Period(period) = &value.kind {
            if let PeriodKind::MonthlyBeforeDay(day) = period.kind {
                if !(1..=31).contains(&day) {
                    found.push((value, reason(None, Some(day), None)));
                }
            }
        }
    }
    for (value, (zh, en)) in found {
        let written = ctx.model.source(value.range);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("日期 `{written}` 不存在：{zh}"),
                    format!("the date `{written}` does not exist: {en}"),
                ),
            )
            .with_primary_message(ctx.pick("不存在的日期", "no such date"))
            .with_note(ctx.pick("不存在的日期无法核对，通常是笔误；请改为实际的截止日期", "an impossible date cannot be checked and is usually a typo; write the real deadline")),
        );
    }
}

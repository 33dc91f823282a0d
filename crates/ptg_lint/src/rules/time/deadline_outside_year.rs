//! `deadline-outside-year`: a deadline in another year than the budget year (`2023年12月`
//! in a 2024 table).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{DayOfMonth, Deadline};

use super::util::{date_is_valid, date_text, deadlines};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "deadline-outside-year",
    code: "L401",
    group: Group::Time,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "截止日期不在 `年度` 所写的预算年度内，例如 2024 年的表中写 `2023年12月`、`2023年底前`。没有 `年度` 时不检查。",
        why: "年度绩效目标考核的是本年度内完成的事项：早于年度的日期多半是沿用了上一年的表格，晚于年度的日期在年底无法考核。请改为本年度内的日期。",
    },
    en: RuleDocs {
        what: "A deadline outside the budget year of the `年度` header, e.g. `2023年12月` or `2023年底前` in a 2024 table. Not checked without a `年度` header.",
        why: "Annual targets are assessed on what is done within the year: an earlier date usually comes from last year's table, and a later one cannot be assessed at year end. Use a date within the budget year.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"资金拨付完成时间\" 2023年底前\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"资金拨付完成时间\" 2024年底前\n      }\n    }\n  }\n}\n",
};

/// Whether a deadline is `YYYY-01-01前`: by the end of the year before.
fn before_new_year(deadline: &Deadline) -> bool {
    let date = &deadline.date;
    deadline.before && date.month == Some(1) && date.day == Some(DayOfMonth::Day(1))
}

/// The year a deadline falls in when that is not `budget`. `2025-01-01前` means by the
/// end of 2024; `2025年前` is read either way.
fn outside_year(deadline: &Deadline, year: u32, budget: u32) -> Option<u32> {
    let date = &deadline.date;
    if before_new_year(deadline) {
        let effective = year.checked_sub(1)?;
        return (effective != budget).then_some(effective);
    }
    let bare_year_before = deadline.before && date.month.is_none() && date.day.is_none();
    if year == budget || (bare_year_before && year.checked_sub(1) == Some(budget)) {
        return None;
    }
    Some(year)
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let Some(budget) = ctx.model.year else {
        return;
    };
    for item in deadlines(ctx) {
        let date = &item.deadline.date;
        // Only a written year can differ from the budget year; an impossible date is
        // `invalid-date`'s.
        let Some(year) = date.year else { continue };
        if !date_is_valid(ctx, date) {
            continue;
        }
        let Some(effective) = outside_year(item.deadline, year, budget.node) else {
            continue;
        };
        let shown = if before_new_year(item.deadline) {
            format!("{effective}-12-31")
        } else {
            date_text(&ctx.model.resolve_date(date), ctx.zh())
        };
        let name = item.indicator.name();
        let budget_year = budget.node;
        let earlier = effective < budget_year;
        let (when_zh, when_en) = if earlier {
            ("早于", "before")
        } else {
            ("晚于", "after")
        };
        let note = if earlier {
            ctx.t(
                format!("年度绩效目标只考核本年度内完成的事项；早于年度的日期多半是沿用了上一年的表格，请改为 {budget_year} 年内的日期，例如 `{budget_year}年12月31日前`"),
                format!("annual targets are assessed on what is done within the year; an earlier date usually comes from last year's table: use a date in {budget_year}, e.g. `{budget_year}年12月31日前`"),
            )
        } else {
            ctx.t(
                format!("晚于 {budget_year} 年的日期在年底无法考核；跨年度的项目请写本年度应完成的阶段目标和日期"),
                format!("a date after {budget_year} cannot be assessed at year end; for a multi-year project, state the milestone due within {budget_year}"),
            )
        };
        out.push(
            ctx.diagnostic(
                &META,
                item.value.range,
                ctx.t(
                    format!("“{name}”的截止日期 {shown} 不在预算年度 {budget_year} 内"),
                    format!(
                        "the deadline {shown} of “{name}” is outside the budget year {budget_year}"
                    ),
                ),
            )
            .with_primary_message(ctx.t(
                format!("{when_zh} {budget_year} 年"),
                format!("{when_en} {budget_year}"),
            ))
            .with_secondary(Label::with_message(
                budget.range,
                ctx.pick("预算年度", "the budget year"),
            ))
            .with_note(note),
        );
    }
}

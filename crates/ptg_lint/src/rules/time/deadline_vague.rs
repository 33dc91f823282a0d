//! `deadline-vague`: a deadline that names no checkable day: a day without its month
//! (`10日前`), a comparator on a date (`≤12月份`), or a bare year (`2024年`).

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_syntax::ast::DayOfMonth;

use super::util::{date_is_valid, deadline_suggestion, deadlines};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "deadline-vague",
    code: "L402",
    group: Group::Time,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "截止日期说不清是哪一天：只写了日没写月（`10日前`）、日期前加了比较符（`≤12月份`）、或只写了年份（`2024年`）。没写年份的月、日指预算年度（`12月底` 没有问题）；`全年`、`年底之前`、`每月10日前` 等期间也没有问题。",
        why: "时效指标要在年底核对是否按时完成：说不清的日期无法核对。写明月和日，例如 `2024年12月31日前`、`12月底前`；按月重复的事项写 `每月10日前`。",
    },
    en: RuleDocs {
        what: "A deadline that names no checkable day: a day without its month (`10日前`), a comparator on a date (`≤12月份`), or a bare year (`2024年`). A month or day without a year means the budget year (`12月底` is fine); periods such as `全年`, `年底之前`, `每月10日前` are fine.",
        why: "A timeliness target is checked at year end against a date; a vague one cannot be checked. Name the month and day, e.g. `2024年12月31日前` or `12月底前`; for something monthly write `每月10日前`.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"发放时间\" 10日前\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      时效指标 {\n        \"发放时间\" 每月10日前\n        \"完成任务时限\" 12月底\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for item in deadlines(ctx) {
        let date = &item.deadline.date;
        // An impossible date is `invalid-date`'s; fix that first.
        if !date_is_valid(ctx, date) {
            continue;
        }
        let name = item.indicator.name();
        let written = ctx.model.source(item.value.range);
        let (message, label, note) = match (item.deadline.cmp, date.year, date.month, date.day) {
            (Some(cmp), ..) => {
                let symbol = ctx.model.source(cmp.range);
                let better = deadline_suggestion(date);
                (
                    ctx.t(
                        format!("“{name}”的截止日期 `{written}` 前面带了比较符 `{symbol}`"),
                        format!("the deadline `{written}` of “{name}” carries the comparator `{symbol}`"),
                    ),
                    ctx.pick("日期不能比大小", "a date is not a bound"),
                    ctx.t(
                        format!("比较符用于数量，不用于日期；截止日期写成 `{better}`"),
                        format!("comparators are for quantities, not dates: write the deadline as `{better}`"),
                    ),
                )
            }
            (None, _, None, Some(DayOfMonth::Day(day))) => (
                ctx.t(
                    format!("“{name}”的截止日期 `{written}` 只写了日，没有写月份"),
                    format!("the deadline `{written}` of “{name}” names a day but no month"),
                ),
                ctx.pick("哪个月？", "which month?"),
                ctx.t(
                    format!("每月都要完成的写 `每月{day}日前`；某个月份之前完成的写明月份，例如 `12月{day}日前`"),
                    format!("for something due every month write `每月{day}日前`; otherwise name the month, e.g. `12月{day}日前`"),
                ),
            ),
            (None, Some(year), None, None) => (
                ctx.t(
                    format!("“{name}”的截止日期 `{written}` 只写了年份"),
                    format!("the deadline `{written}` of “{name}” names only a year"),
                ),
                ctx.pick("整年不是截止日期", "a whole year is not a deadline"),
                ctx.t(
                    format!("写明应完成的月和日，例如 `{year}年12月31日前`；若指全年持续进行，写 `全年`"),
                    format!("name the month and day it is due, e.g. `{year}年12月31日前`; for something that runs all year write `全年`"),
                ),
            ),
            _ => continue,
        };
        out.push(
            ctx.diagnostic(&META, item.value.range, message)
                .with_primary_message(label)
                .with_note(note),
        );
    }
}

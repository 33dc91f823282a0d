//! Helpers shared by the time rules: the deadline values of a document and how to write
//! dates in messages.

use ptg_semantic::model::{days_in_month, IndicatorInfo, ResolvedDate};
use ptg_syntax::ast::{DateSpec, DayOfMonth, Deadline, Value, ValueKind};

use crate::rule::RuleContext;

/// A deadline value of an indicator that rules may look at.
pub(super) struct DeadlineValue<'m, 'a> {
    pub indicator: &'m IndicatorInfo<'a>,
    pub value: &'a Value,
    pub deadline: &'a Deadline,
}

/// Every indicator value written as a deadline, under any category: a date means the
/// same thing wherever it stands.
pub(super) fn deadlines<'m, 'a>(
    ctx: &RuleContext<'m, 'a>,
) -> impl Iterator<Item = DeadlineValue<'m, 'a>> + 'm {
    ctx.indicators().filter_map(|indicator| {
        let value = indicator.ast.value.as_ref()?;
        match &value.kind {
            ValueKind::Deadline(deadline) => Some(DeadlineValue {
                indicator,
                value,
                deadline,
            }),
            _ => None,
        }
    })
}

/// The most days a month can have when the year is not known (February: 29).
fn max_days(year: Option<u32>, month: u32) -> u32 {
    match year {
        Some(year) => days_in_month(year, month),
        None => days_in_month(2000, month),
    }
}

/// Whether a written date exists. `Model::resolve_date` decides, except that without any
/// year (no year written and no `年度` header) it accepts 31 days in every month; here a
/// month's own length applies (`2月30日` never exists).
pub(super) fn date_is_valid(ctx: &RuleContext<'_, '_>, date: &DateSpec) -> bool {
    let resolved = ctx.model.resolve_date(date);
    if !resolved.valid {
        return false;
    }
    match (date.month, date.day) {
        (Some(month), Some(DayOfMonth::Day(day))) => day <= max_days(resolved.year, month),
        _ => true,
    }
}

/// A resolved date for messages: `2023-12-31`, `2023年12月` (`2023-12`), `2023年` (`2023`).
pub(super) fn date_text(date: &ResolvedDate, zh: bool) -> String {
    let year = date.year.map_or(String::new(), |y| y.to_string());
    match (date.month, date.day, zh) {
        (Some(month), Some(day), _) => format!("{year}-{month:02}-{day:02}"),
        (Some(month), None, true) => format!("{year}年{month}月"),
        (Some(month), None, false) => format!("{year}-{month:02}"),
        (None, _, true) => format!("{year}年"),
        (None, _, false) => year,
    }
}

/// The canonical spelling of a written date with `前`, for suggestions: `12月底前`,
/// `2024年12月31日前`. Missing parts stay missing.
pub(super) fn deadline_suggestion(date: &DateSpec) -> String {
    let mut out = String::new();
    if let Some(year) = date.year {
        out.push_str(&format!("{year}年"));
    }
    if let Some(month) = date.month {
        out.push_str(&format!("{month}月"));
    }
    match date.day {
        Some(DayOfMonth::Day(day)) => out.push_str(&format!("{day}日")),
        Some(DayOfMonth::End) => out.push('底'),
        None if date.month.is_some() => out.push('底'),
        None => {}
    }
    out.push('前');
    out
}

//! Reading the text of date and period tokens into their typed form.
//!
//! The lexer has already checked the shape of these tokens; these functions only take
//! them apart. Impossible dates (`2024-02-30`, `13月`) are kept as written: they are a
//! lint finding (`invalid-date`), not a syntax error.

use crate::ast::{DateSpec, DateStyle, DayOfMonth, Per, PeriodKind, WithinUnit};
use crate::lexer::normalize_width;

const BEFORE_SUFFIXES: [&str; 3] = ["之前", "以前", "前"];

/// Splits a trailing `前`/`之前`/`以前` off.
fn strip_before(text: &str) -> (&str, bool) {
    for suffix in BEFORE_SUFFIXES {
        if let Some(rest) = text.strip_suffix(suffix) {
            return (rest, true);
        }
    }
    (text, false)
}

/// Leading ASCII digits of `text` as a number, and the rest.
fn take_number(text: &str) -> Option<(u32, &str)> {
    let end = text
        .find(|ch: char| !ch.is_ascii_digit())
        .unwrap_or(text.len());
    if end == 0 {
        return None;
    }
    let value = text[..end].parse().ok()?;
    Some((value, &text[end..]))
}

/// Reads a `Date` token: returns the date and whether it is written with `前`.
pub fn parse_date(token_text: &str) -> Option<(DateSpec, bool)> {
    let norm = normalize_width(token_text);
    let (body, before) = strip_before(&norm);
    // ISO style: 2024-12-31, 2024/12/31, 2024.12.31.
    if body.contains(['-', '/', '.']) {
        let mut parts = body.split(['-', '/', '.']);
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        return Some((
            DateSpec {
                year: Some(year),
                month: Some(month),
                day: Some(DayOfMonth::Day(day)),
                style: DateStyle::Iso,
            },
            before,
        ));
    }
    let mut spec = DateSpec {
        year: None,
        month: None,
        day: None,
        style: DateStyle::Chinese,
    };
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('底') {
            spec.day = Some(DayOfMonth::End);
            rest = after;
            continue;
        }
        let (number, after) = take_number(rest)?;
        let mut chars = after.chars();
        match chars.next()? {
            '年' => spec.year = Some(number),
            '月' => {
                spec.month = Some(number);
                let tail = chars.as_str();
                rest = tail.strip_prefix('份').unwrap_or(tail);
                continue;
            }
            '日' | '号' => spec.day = Some(DayOfMonth::Day(number)),
            _ => return None,
        }
        rest = chars.as_str();
    }
    Some((spec, before))
}

/// Reads a `Period` token.
pub fn parse_period(token_text: &str) -> Option<PeriodKind> {
    let norm = normalize_width(token_text);
    let text = norm.as_str();
    let fixed = match text {
        "全年" => Some(PeriodKind::FullYear),
        "年内" => Some(PeriodKind::WithinYear),
        "年底前" | "年底之前" | "年底以前" => Some(PeriodKind::BeforeYearEnd),
        "每月" | "按月" => Some(PeriodKind::Monthly),
        "每季度" | "按季度" | "按季" => Some(PeriodKind::Quarterly),
        "每年" | "按年" => Some(PeriodKind::Yearly),
        "每周" | "按周" => Some(PeriodKind::Weekly),
        "每日" | "每天" => Some(PeriodKind::Daily),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if let Some(rest) = text.strip_prefix("每月") {
        if let Some((day, tail)) = take_number(rest) {
            let tail = tail.trim_start_matches(['日', '号']);
            let (tail, _) = strip_before(tail);
            if tail.is_empty() {
                return Some(PeriodKind::MonthlyBeforeDay(day));
            }
        }
    }
    if let Some(rest) = text.strip_prefix('每') {
        let (per, rest) = if let Some(rest) = rest.strip_prefix("季度") {
            (Per::Quarter, rest)
        } else if let Some(rest) = rest.strip_prefix('季') {
            (Per::Quarter, rest)
        } else if let Some(rest) = rest.strip_prefix('年') {
            (Per::Year, rest)
        } else if let Some(rest) = rest.strip_prefix('月') {
            (Per::Month, rest)
        } else if let Some(rest) = rest.strip_prefix('周') {
            (Per::Week, rest)
        } else {
            return None;
        };
        let count = rest.strip_suffix('次')?;
        let times = match take_number(count) {
            Some((n, "")) => n,
            _ => chinese_numeral(count)?,
        };
        return Some(PeriodKind::TimesPer { per, times });
    }
    let (amount, rest) = take_number(text)?;
    let unit = match rest {
        "个工作日内" | "工作日内" => WithinUnit::Workdays,
        "日内" | "天内" => WithinUnit::Days,
        "个月内" => WithinUnit::Months,
        "周内" => WithinUnit::Weeks,
        "小时内" => WithinUnit::Hours,
        _ => return None,
    };
    Some(PeriodKind::Within { amount, unit })
}

/// `一` … `九十九` (and `两`).
fn chinese_numeral(text: &str) -> Option<u32> {
    let digit = |ch: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == ch)
            .and_then(|p| u32::try_from(p).ok())
            .or((ch == '两').then_some(2))
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [single] if *single == '十' => Some(10),
        [single] => digit(*single),
        ['十', ones] => Some(10 + digit(*ones)?),
        [tens, '十'] => Some(digit(*tens)? * 10),
        [tens, '十', ones] => Some(digit(*tens)? * 10 + digit(*ones)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> (Option<u32>, Option<u32>, Option<DayOfMonth>, bool) {
        let (spec, before) = parse_date(text).unwrap();
        (spec.year, spec.month, spec.day, before)
    }

    #[test]
    fn dates() {
        use DayOfMonth::{Day, End};
        assert_eq!(
            date("2024-12-31前"),
            (Some(2024), Some(12), Some(Day(31)), true)
        );
        assert_eq!(
            date("2024年12月31日之前"),
            (Some(2024), Some(12), Some(Day(31)), true)
        );
        assert_eq!(
            date("2024年12月底前"),
            (Some(2024), Some(12), Some(End), true)
        );
        assert_eq!(date("2024年底前"), (Some(2024), None, Some(End), true));
        assert_eq!(date("2023年12月"), (Some(2023), Some(12), None, false));
        assert_eq!(date("12月底"), (None, Some(12), Some(End), false));
        assert_eq!(date("12月份"), (None, Some(12), None, false));
        assert_eq!(date("10日前"), (None, None, Some(Day(10)), true));
        assert_eq!(date("2024年"), (Some(2024), None, None, false));
        assert_eq!(
            date("２０２４－０２－３０"),
            (Some(2024), Some(2), Some(Day(30)), false)
        );
        assert_eq!(date("2024年13月"), (Some(2024), Some(13), None, false));
    }

    #[test]
    fn periods() {
        assert_eq!(parse_period("全年"), Some(PeriodKind::FullYear));
        assert_eq!(parse_period("年底之前"), Some(PeriodKind::BeforeYearEnd));
        assert_eq!(
            parse_period("每月10日前"),
            Some(PeriodKind::MonthlyBeforeDay(10))
        );
        assert_eq!(
            parse_period("每年一次"),
            Some(PeriodKind::TimesPer {
                per: Per::Year,
                times: 1
            })
        );
        assert_eq!(
            parse_period("每季度12次"),
            Some(PeriodKind::TimesPer {
                per: Per::Quarter,
                times: 12
            })
        );
        assert_eq!(
            parse_period("30个工作日内"),
            Some(PeriodKind::Within {
                amount: 30,
                unit: WithinUnit::Workdays
            })
        );
        assert_eq!(
            parse_period("3个月内"),
            Some(PeriodKind::Within {
                amount: 3,
                unit: WithinUnit::Months
            })
        );
        assert_eq!(parse_period("每年二十三次").map(|_| ()), Some(()));
        assert_eq!(parse_period("随便"), None);
    }
}

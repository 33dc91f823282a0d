//! `stale-year`: a project or indicator name that mentions an earlier year than the budget
//! year (`2023年…` in a 2024 table), usually left over from last year's table.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::Str;
use text_size::{TextRange, TextSize};

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "stale-year",
    code: "L405",
    group: Group::Time,
    severity: Severity::Info,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "项目或指标名称中写了早于预算年度的 `YYYY年`（2024 年的表中写 `2023年…`），每个名称至多报告一次。文号（`[2022]`、`〔2022〕`）不算；名称写明“结转”或“提前下达”的不报告；十年以前的历史年份（`1949年10月1日前参加工作`）和覆盖本年度的年份范围（`2023年-2025年`）也不报告。",
        why: "名称里往年的年份多半是照抄上一年的表格留下的，会让人误以为是往年的项目；往年资金结转或提前下达的项目应在名称中写明。",
    },
    en: RuleDocs {
        what: "A project or indicator name with `YYYY年` for a year before the budget year (`2023年…` in a 2024 table), at most once per name. Document numbers (`[2022]`, `〔2022〕`) do not count; names that say `结转` or `提前下达` are exempt, and so are historical years more than ten years back and year ranges that reach the budget year (`2023年-2025年`).",
        why: "An old year in a name is usually left over from last year's table and makes the project look like last year's; funds carried over (`结转`) or allocated in advance (`提前下达`) should say so in the name.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"2023年残疾人事业发展补助资金\" {\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"2024年残疾人事业发展补助资金（唐财社[2023]59号）\" {\n  }\n  项目 \"2023年残疾人事业发展补助资金结转\" {\n  }\n}\n",
};

/// How many years back a year in a name still reads as a leftover rather than history.
const WINDOW: u32 = 10;

/// Words that make an earlier year in a name legitimate.
const EXEMPT: [&str; 2] = ["结转", "提前下达"];

/// Characters that join a year range (`2023年-2025年`, `2023年至2025年`).
const RANGE_JOINERS: [char; 8] = ['-', '－', '—', '–', '~', '～', '至', '到'];

fn digit(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => ch.to_digit(10),
        '０'..='９' => Some(ch as u32 - '０' as u32),
        _ => None,
    }
}

/// Maximal runs of digits in `text`: (byte start, byte end, value, number of digits).
fn digit_runs(text: &str) -> Vec<(usize, usize, u32, usize)> {
    let mut runs = Vec::new();
    let mut current: Option<(usize, u32, usize)> = None;
    for (idx, ch) in text.char_indices() {
        match (digit(ch), current) {
            (Some(d), Some((start, value, len))) => {
                current = Some((start, value.saturating_mul(10).saturating_add(d), len + 1));
            }
            (Some(d), None) => current = Some((idx, d, 1)),
            (None, Some((start, value, len))) => {
                runs.push((start, idx, value, len));
                current = None;
            }
            (None, None) => {}
        }
    }
    if let Some((start, value, len)) = current {
        runs.push((start, text.len(), value, len));
    }
    runs
}

/// The first `YYYY年` in `text` for a year in the window before `budget`: its byte range
/// (digits and 年) and the year.
fn stale_year(text: &str, budget: u32) -> Option<(usize, usize, u32)> {
    let runs = digit_runs(text);
    for (idx, &(start, end, year, len)) in runs.iter().enumerate() {
        if len != 4 || !text[end..].starts_with('年') {
            continue;
        }
        if year >= budget || year + WINDOW < budget {
            continue;
        }
        let after = end + '年'.len_utf8();
        // `2023年-2025年`: a range that reaches the budget year.
        if let Some(joiner) = text[after..].chars().next() {
            if RANGE_JOINERS.contains(&joiner) {
                if let Some(&(next_start, _, next_year, 4)) = runs.get(idx + 1) {
                    if next_start == after + joiner.len_utf8() && next_year >= budget {
                        continue;
                    }
                }
            }
        }
        return Some((start, after, year));
    }
    None
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let Some(budget) = ctx.model.year else {
        return;
    };
    let mut names: Vec<(&Str, bool)> = ctx
        .model
        .projects
        .iter()
        .filter_map(|p| p.entity.name.as_ref().map(|name| (name, true)))
        .collect();
    names.extend(ctx.indicators().map(|it| (&it.ast.name, false)));
    for (name, is_project) in names {
        if !name.terminated || EXEMPT.iter().any(|w| name.text.contains(w)) {
            continue;
        }
        // The source keeps every digit and `年` as typed, so positions found there are
        // positions in the document.
        let source = ctx.model.source(name.range);
        let Some((start, end, year)) = stale_year(source, budget.node) else {
            continue;
        };
        let base = usize::from(name.range.start());
        let (Ok(from), Ok(to)) = (u32::try_from(base + start), u32::try_from(base + end)) else {
            continue;
        };
        let year_range = TextRange::new(TextSize::from(from), TextSize::from(to));
        let budget_year = budget.node;
        let text = &name.text;
        let (what_zh, what_en) = if is_project {
            ("项目名称", "project name")
        } else {
            ("指标名称", "indicator name")
        };
        out.push(
            ctx.diagnostic(
                &META,
                name.range,
                ctx.t(
                    format!("{what_zh}“{text}”中的 {year}年 早于预算年度 {budget_year}"),
                    format!("the {what_en} “{text}” mentions {year}, before the budget year {budget_year}"),
                ),
            )
            .with_primary_message(ctx.t(
                format!("名称写的是 {year} 年"),
                format!("named for {year}"),
            ))
            .with_secondary(Label::with_message(
                year_range,
                ctx.pick("往年", "an earlier year"),
            ))
            .with_secondary(Label::with_message(
                budget.range,
                ctx.pick("预算年度", "the budget year"),
            ))
            .with_note(ctx.t(
                format!("名称里往年的年份多半是照抄上一年表格留下的：请改为 {budget_year} 年或删去年份；往年资金结转或提前下达的项目，请在名称中写明“结转”或“提前下达”"),
                format!("an old year in a name is usually left over from last year's table: change it to {budget_year} or drop it; for funds carried over or allocated in advance, say `结转` or `提前下达` in the name"),
            )),
        );
    }
}

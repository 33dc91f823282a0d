//! `plan-cumulative`: a 支出计划 that is not a cumulative share rising to 100% (it
//! decreases, goes above 100%, or ends below 100%).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{FieldKey, FieldValue, Quantity};
use ptg_syntax::Decimal;
use text_size::TextRange;

use crate::facts::percent_text;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "plan-cumulative",
    code: "L404",
    group: Group::Time,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "`支出计划` 不是累计进度：后一项小于前一项、某项超过 100%，或最后一项不是 100%。单独的 `0` 读作 0%。",
        why: "支出计划写的是截至各季度末累计支出占全年资金的比例，只能逐项不减并在年底达到 100%；写成各季度各自的比例或漏填，执行监控就无从对照。",
    },
    en: RuleDocs {
        what: "A `支出计划` that is not cumulative: an entry below the one before it, an entry above 100%, or a last entry other than 100%. A bare `0` reads as 0%.",
        why: "The plan gives the cumulative share of the year's funds spent by the end of each quarter: it never decreases and reaches 100% at year end. Per-quarter shares or a short total leave budget monitoring nothing to compare with.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    支出计划 20% 30% 30% 20%\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    支出计划 20% 50% 80% 100%\n  }\n}\n",
};

/// An entry of the plan as a percentage: `25%`, or a bare number (`0`).
fn percent(quantity: &Quantity) -> Option<Decimal> {
    match &quantity.unit {
        None => Some(quantity.number.node),
        Some(unit) if unit.text == "%" => Some(quantity.number.node),
        Some(_) => None,
    }
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for project in &ctx.model.projects {
        for field in project.fields_of(FieldKey::Plan) {
            if field.has_error {
                continue;
            }
            let FieldValue::Quantities(entries) = &field.value else {
                continue;
            };
            // A plan in other units (money amounts) is not a share: leave it alone.
            let Some(shares) = entries.iter().map(percent).collect::<Option<Vec<_>>>() else {
                continue;
            };
            if let Some(diagnostic) = check_plan(ctx, field.range, entries, &shares) {
                out.push(diagnostic);
            }
        }
    }
}

fn check_plan(
    ctx: &RuleContext<'_, '_>,
    range: TextRange,
    entries: &[Quantity],
    shares: &[Decimal],
) -> Option<Diagnostic> {
    let hundred = Decimal::from_int(100);
    let last = *shares.last()?;
    let mut problems: Vec<(String, String)> = Vec::new();
    // Per entry: what is wrong with it, in both languages.
    let mut marks: Vec<Vec<(String, String)>> = vec![Vec::new(); shares.len()];
    let mut above = false;
    for (idx, &share) in shares.iter().enumerate() {
        if share > hundred {
            if !above {
                above = true;
                let text = percent_text(share);
                problems.push((
                    format!("第 {} 项 {text} 超过 100%", idx + 1),
                    format!("entry {} ({text}) is above 100%", idx + 1),
                ));
            }
            marks[idx].push(("超过 100%".into(), "above 100%".into()));
        }
    }
    let mut dropped = false;
    for idx in 1..shares.len() {
        if shares[idx] < shares[idx - 1] {
            let (now, before) = (percent_text(shares[idx]), percent_text(shares[idx - 1]));
            if !dropped {
                dropped = true;
                problems.push((
                    format!("第 {} 项 {now} 小于第 {idx} 项 {before}", idx + 1),
                    format!("entry {} ({now}) is below entry {idx} ({before})", idx + 1),
                ));
            }
            marks[idx].push((
                format!("比前一项 {before} 少"),
                format!("less than the {before} before it"),
            ));
        }
    }
    if last < hundred {
        let text = percent_text(last);
        problems.push((
            format!("最后一项是 {text}，不是 100%"),
            format!("the last entry is {text}, not 100%"),
        ));
        if let Some(mark) = marks.last_mut() {
            mark.push((
                "年底应累计到 100%".into(),
                "should reach 100% at year end".into(),
            ));
        }
    }
    if problems.is_empty() {
        return None;
    }
    let (zh, en): (Vec<String>, Vec<String>) = problems.into_iter().unzip();
    let mut diagnostic = ctx
        .diagnostic(
            &META,
            range,
            ctx.t(
                format!("支出计划不是逐季累计到 100% 的进度：{}", zh.join("；")),
                format!(
                    "the spending plan is not cumulative up to 100%: {}",
                    en.join("; ")
                ),
            ),
        )
        .with_primary_message(ctx.pick("截至各季度末的累计比例", "cumulative shares by quarter end"))
        .with_note(ctx.pick("支出计划写截至各季度末累计支出占全年资金的比例：逐项不减，最后一项为 100%（例如 `25% 50% 75% 100%`）", "the plan gives the cumulative share of the year's funds spent by the end of each quarter: never decreasing, ending at 100% (e.g. `25% 50% 75% 100%`)"));
    // Shares that add up to 100% were written per quarter: show the cumulative spelling.
    let mut running = Decimal::from_int(0);
    let mut cumulative = Vec::new();
    for &share in shares {
        running = running.checked_add(share)?;
        cumulative.push(percent_text(running));
    }
    if running == hundred {
        let plan = cumulative.join(" ");
        diagnostic = diagnostic.with_note(ctx.t(
            format!("这几项加起来正好 100%，像是各季度各自的比例；累计写法是 `支出计划 {plan}`"),
            format!("the entries add up to exactly 100%, as if written per quarter; cumulatively that is `支出计划 {plan}`"),
        ));
    }
    for (entry, mark) in entries.iter().zip(marks) {
        if mark.is_empty() {
            continue;
        }
        let (zh, en): (Vec<String>, Vec<String>) = mark.into_iter().unzip();
        diagnostic = diagnostic.with_secondary(Label::with_message(
            entry.range,
            ctx.t(zh.join("；"), en.join("; ")),
        ));
    }
    Some(diagnostic)
}

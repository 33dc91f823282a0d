//! `approximate-bound`: a value written as approximately (`5200元左右`, `≈ 95%`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::Role;
use ptg_syntax::ast::{CmpOp, ValueKind};

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "approximate-bound",
    code: "L208",
    group: Group::Values,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "指标值写成约数：`左右` 或 `≈`，例如 `“三支一扶”人员经费人均标准（月） 5200元左右`；也包括写在引号里的 `90%左右`、`≈90%`。",
        why: "约数不是界限：5000元算不算达标？5400元呢？年底无法核验。成本写上限（`≤ 5200元/人/月`），产出和效果写下限（`≥`），确实是固定数就直接写数。",
    },
    en: RuleDocs {
        what: "A value written as approximate: `左右` or `≈`, e.g. `“三支一扶”人员经费人均标准（月） 5200元左右`; also `90%左右` or `≈90%` inside quotes.",
        why: "An approximation is not a bound: would 5,000元 meet it? 5,400元? Nobody can check it at the year's end. Give costs an upper bound (`≤ 5200元/人/月`), outputs and effects a lower bound (`≥`), or write the exact figure.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 {\n      经济成本指标 {\n        \"人员经费人均标准\" 5200元左右\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 {\n      经济成本指标 {\n        \"人员经费人均标准\" ≤ 5200元/人/月\n      }\n    }\n    效益指标 {\n      社会效益指标 {\n        \"道路左右两侧绿化\" \"全部完成\"\n      }\n    }\n  }\n}\n",
};

/// In a quoted value: a number (with at most a short unit) followed by `左右`
/// (`90%左右`, `5200元左右`), or `≈` before a digit.
fn approximate_text(text: &str) -> Option<&'static str> {
    let numberish = |c: char| c.is_ascii_digit() || "%％‰０１２３４５６７８９".contains(c);
    let chars: Vec<char> = text.chars().collect();
    for (idx, window) in chars.windows(2).enumerate() {
        if window[0] == '≈' && numberish(window[1]) {
            return Some("≈");
        }
        if window == ['左', '右'] {
            // Back over a unit of up to four letters (`元`, `平方米`) to the number.
            let number_before = chars[..idx]
                .iter()
                .rev()
                .take(5)
                .try_fold(0, |letters, &c| {
                    if numberish(c) {
                        Err(true)
                    } else if c.is_alphabetic() && letters < 4 {
                        Ok(letters + 1)
                    } else {
                        Err(false)
                    }
                });
            if number_before == Err(true) {
                return Some("左右");
            }
        }
    }
    None
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let (word, cmp_range, amount) = match &value.kind {
            ValueKind::Bound { cmp, quantity } if cmp.op == CmpOp::Approx => {
                let written = ctx.model.source(cmp.range).trim();
                let word = if written.contains("左右") {
                    "左右"
                } else {
                    "≈"
                };
                (
                    word,
                    Some(cmp.range),
                    ctx.model.source(quantity.range).trim(),
                )
            }
            ValueKind::Qualitative(text) => match approximate_text(&text.text) {
                Some(word) => (word, None, "X"),
                None => continue,
            },
            _ => continue,
        };
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let advice = match indicator.role {
            Some(Role::Cost) => ctx.t(
                format!("成本请写上限，如 `≤ {amount}`"),
                format!("give a cost an upper bound, e.g. `≤ {amount}`"),
            ),
            _ => ctx.t(
                format!("请写下限（`≥ {amount}`）或上限（`≤ {amount}`），确实是固定数就直接写数"),
                format!("write a lower bound (`≥ {amount}`) or an upper bound (`≤ {amount}`), or the exact figure"),
            ),
        };
        let mut diagnostic = ctx
            .diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("指标“{name}”的值 `{written}` 是约数（“{word}”），无法判断是否达标"),
                    format!("the value `{written}` of “{name}” is approximate (“{word}”): it cannot be checked"),
                ),
            )
            .with_primary_message(ctx.pick("约数不是界限", "not a bound"));
        if let Some(range) = cmp_range {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                range,
                ctx.pick("约数", "approximately"),
            ));
        }
        out.push(diagnostic.with_note(advice));
    }
}

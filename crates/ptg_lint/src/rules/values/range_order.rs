//! `range-order`: a range whose lower end is above its upper end (`10~5个`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::Model;
use ptg_syntax::ast::{Quantity, ValueKind};
use ptg_syntax::Decimal;

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "range-order",
    code: "L209",
    group: Group::Values,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "范围值的下限大于上限，例如 `10~5个`、`1.5万~8000人`（`万`、`亿` 按倍数换算后比较；下限省略单位时沿用上限的单位）。",
        why: "没有数既不小于 10 又不大于 5，这样的目标无法完成；多半是两端写反了，或者单位、倍数（万）写错了。",
    },
    en: RuleDocs {
        what: "A range whose lower end is above its upper end, e.g. `10~5个`, `1.5万~8000人` (`万` and `亿` are applied before comparing; a lower end without a unit takes the upper end's).",
        why: "No number is at least 10 and at most 5, so such a target cannot be met; the ends are usually swapped, or a unit or a multiplier (万) is wrong.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"生活垃圾处置量\" 150000~0吨\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"生活垃圾处置量\" 0~150000吨\n        \"培训人数\" 8000~1.5万人\n      }\n    }\n  }\n}\n",
};

/// A unit split into its base and its multiplier: `万元` → (`元`, 4), `万人` → (`人`, 4),
/// `元/人` → (`元/人`, 0), `万` alone → (``, 4): a multiplier that fits any base.
fn scale(model: &Model<'_>, unit: &str) -> (String, u32) {
    let (first, rest) = match unit.split_once('/') {
        Some((first, rest)) => (first, format!("/{rest}")),
        None => (unit, String::new()),
    };
    for (prefix, exp) in [('万', 4), ('亿', 8)] {
        if let Some(base) = first.strip_prefix(prefix) {
            if base.is_empty() {
                return (rest, exp);
            }
            if model.units.simple_kind(base).is_some() {
                return (format!("{base}{rest}"), exp);
            }
        }
    }
    (unit.to_string(), 0)
}

/// A quantity in its base unit; `unit` is the unit it is read in.
fn in_base(
    model: &Model<'_>,
    quantity: &Quantity,
    unit: Option<&str>,
) -> Option<(String, Decimal)> {
    let (base, exp) = unit.map_or((String::new(), 0), |u| scale(model, u));
    Some((base, quantity.number.node.checked_mul_pow10(exp)?))
}

fn compatible(a: &str, b: &str) -> bool {
    a == b || a.is_empty() || b.is_empty() || a.starts_with('/') || b.starts_with('/')
}

/// Whether `lo > hi` under every plausible reading of the units.
fn reversed(model: &Model<'_>, lo: &Quantity, hi: &Quantity) -> bool {
    let lo_unit = lo.unit.as_ref().map(|u| u.text.as_str());
    let hi_unit = hi.unit.as_ref().map(|u| u.text.as_str());
    match (lo_unit, hi_unit) {
        (Some(lu), Some(hu)) => {
            let (Some((lb, lv)), Some((hb, hv))) =
                (in_base(model, lo, Some(lu)), in_base(model, hi, Some(hu)))
            else {
                return false;
            };
            compatible(&lb, &hb) && lv > hv
        }
        (None, None) => lo.number.node > hi.number.node,
        // One end leaves the unit out: read it either in the other end's unit (`1~1.5万人`)
        // or in its base unit (`8000~1.5万人`); report only when both readings agree.
        (None, Some(unit)) | (Some(unit), None) => {
            let same_unit = lo.number.node > hi.number.node;
            let (_, exp) = scale(model, unit);
            let scaled = if lo_unit.is_some() {
                (lo.number.node.checked_mul_pow10(exp), Some(hi.number.node))
            } else {
                (Some(lo.number.node), hi.number.node.checked_mul_pow10(exp))
            };
            let (Some(lo_base), Some(hi_base)) = scaled else {
                return false;
            };
            same_unit && lo_base > hi_base
        }
    }
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let ValueKind::Range { lo, hi, .. } = &value.kind else {
            continue;
        };
        if !reversed(ctx.model, lo, hi) {
            continue;
        }
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let lo_text = ctx.model.source(lo.range);
        let hi_text = ctx.model.source(hi.range);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("指标“{name}”的范围 `{written}` 下限 `{lo_text}` 大于上限 `{hi_text}`"),
                    format!("the range `{written}` of “{name}” has its lower end `{lo_text}` above its upper end `{hi_text}`"),
                ),
            )
            .with_primary_message(ctx.pick("下限大于上限", "lower end above upper end"))
            .with_secondary(Label::with_message(lo.range, ctx.pick("下限", "lower end")))
            .with_secondary(Label::with_message(hi.range, ctx.pick("上限", "upper end")))
            .with_note(ctx.pick("范围应从小写到大（如 `0~150000吨`）；请确认两端是否写反，或者单位、倍数（万、亿）是否写错", "write a range from low to high (e.g. `0~150000吨`); check whether the ends are swapped or a unit or multiplier (`万`, `亿`) is wrong")),
        );
    }
}

//! Facts about values and names that several rules share.

use ptg_diagnostics::TextEdit;
use ptg_semantic::{Model, UnitKind};
use ptg_syntax::ast::{CmpOp, CmpSpelling, Comparator, Quantity, Value, ValueKind};
use ptg_syntax::Decimal;

/// The quantities a value is written with (the bound's, exact, or both ends of a range).
pub fn quantities(value: &Value) -> Vec<&Quantity> {
    match &value.kind {
        ValueKind::Bound { quantity, .. } | ValueKind::Exact(quantity) => vec![quantity],
        ValueKind::Range { lo, hi, .. } => vec![lo, hi],
        _ => Vec::new(),
    }
}

/// The main quantity of a bound or exact value.
pub fn single_quantity(value: &Value) -> Option<&Quantity> {
    match &value.kind {
        ValueKind::Bound { quantity, .. } | ValueKind::Exact(quantity) => Some(quantity),
        _ => None,
    }
}

/// The comparator of a bound (`None` for exact values and everything else).
pub fn comparator(value: &Value) -> Option<CmpOp> {
    match &value.kind {
        ValueKind::Bound { cmp, .. } => Some(cmp.op),
        _ => None,
    }
}

/// The unit kind a value is measured in: the bound's or exact quantity's unit, or a
/// range's `hi` unit (its `lo` may leave the unit out).
pub fn value_unit_kind(model: &Model<'_>, value: &Value) -> Option<UnitKind> {
    match &value.kind {
        ValueKind::Bound { quantity, .. } | ValueKind::Exact(quantity) => model.unit_kind(quantity),
        ValueKind::Range { lo, hi, .. } => model.unit_kind(hi).or_else(|| model.unit_kind(lo)),
        _ => None,
    }
}

/// Whether a value is a percentage (`≥ 90%`, `95%`, `0~5%`).
pub fn is_percent(model: &Model<'_>, value: &Value) -> bool {
    value_unit_kind(model, value) == Some(UnitKind::Percent)
}

/// Whether a value is money (`≤ 118.8万元`, `≤3万元/块`).
pub fn is_money(model: &Model<'_>, value: &Value) -> bool {
    value_unit_kind(model, value) == Some(UnitKind::Money)
}

/// Whether a quantity is a rate per unit (`元/人`).
pub fn is_per_unit(model: &Model<'_>, quantity: &Quantity) -> bool {
    model.unit_info(quantity).is_some_and(|info| info.per_unit)
}

/// Whether the value is a bare number without a unit.
pub fn is_bare_number(value: &Value) -> bool {
    quantities(value).iter().all(|q| q.unit.is_none()) && !quantities(value).is_empty()
}

/// A qualitative value's text.
pub fn qualitative(value: &Value) -> Option<&str> {
    match &value.kind {
        ValueKind::Qualitative(text) => Some(text.text.as_str()),
        _ => None,
    }
}

/// Whether a name is a rate: ends in 率 (but not 效率, 频率, 功率), 比例, 占比 or 满意度.
pub fn is_rate_name(name: &str) -> bool {
    let name = trim_name(name);
    (name.ends_with('率') && !["效率", "频率", "功率"].iter().any(|w| name.ends_with(w)))
        || ["比例", "占比", "满意度"].iter().any(|w| name.ends_with(w))
}

/// A name without trailing brackets and spaces: `服务群体满意度（%）` → `服务群体满意度`.
pub fn trim_name(name: &str) -> &str {
    let mut name = name.trim();
    loop {
        let before = name;
        for (open, close) in [('（', '）'), ('(', ')')] {
            if name.ends_with(close) {
                if let Some(idx) = name.rfind(open) {
                    name = name[..idx].trim_end();
                }
            }
        }
        if name == before {
            return name;
        }
    }
}

/// Formats a percentage for messages: `120%`.
pub fn percent_text(number: Decimal) -> String {
    format!("{}%", number.normalized())
}

/// The edits that rewrite a bound's comparator as `to` (`≥`, `≤` …): in place for a symbol
/// or a word, and for a postfix word (`5个以内`) removed after the quantity and written
/// before it.
pub fn replace_comparator(cmp: &Comparator, quantity: &Quantity, to: &str) -> Vec<TextEdit> {
    match cmp.spelling {
        CmpSpelling::Postfix => vec![
            TextEdit::delete(cmp.range),
            TextEdit::insert(quantity.range.start(), format!("{to} ")),
        ],
        CmpSpelling::Symbol | CmpSpelling::Word => vec![TextEdit::replace(cmp.range, to)],
    }
}

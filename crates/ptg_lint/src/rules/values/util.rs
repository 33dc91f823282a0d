//! Helpers the value rules share: describing values, lenient unit kinds, percentages.

use ptg_semantic::model::IndicatorInfo;
use ptg_semantic::{Model, UnitKind};
use ptg_syntax::ast::{Quantity, Unit, Value, ValueKind};
use ptg_syntax::Decimal;
use text_size::TextRange;

use crate::rule::RuleContext;

/// An indicator's value, if it has one.
pub(crate) fn value_of<'a>(indicator: &IndicatorInfo<'a>) -> Option<&'a Value> {
    indicator.ast.value.as_deref()
}

/// The kind of a unit as the table classifies it (the table reads `3个月`, `12个村` and
/// `户次` too, see `UnitTable::simple_kind`). `None` for an unknown unit.
pub(crate) fn unit_kind(model: &Model<'_>, unit: &Unit) -> Option<UnitKind> {
    model.units.classify(unit).kind
}

/// The kind of a quantity's unit (leniently), `None` for a bare number or unknown unit.
pub(crate) fn quantity_kind(model: &Model<'_>, quantity: &Quantity) -> Option<UnitKind> {
    quantity
        .unit
        .as_ref()
        .and_then(|unit| unit_kind(model, unit))
}

/// The unit kind of a value: its quantity's, or a range's `hi` (else `lo`).
pub(crate) fn value_kind(model: &Model<'_>, value: &Value) -> Option<UnitKind> {
    match &value.kind {
        ValueKind::Bound { quantity, .. } | ValueKind::Exact(quantity) => {
            quantity_kind(model, quantity)
        }
        ValueKind::Range { lo, hi, .. } => {
            quantity_kind(model, hi).or_else(|| quantity_kind(model, lo))
        }
        _ => None,
    }
}

/// The first unit of a value that is not in the unit table.
pub(crate) fn unknown_unit<'v>(model: &Model<'_>, value: &'v Value) -> Option<&'v Unit> {
    crate::facts::quantities(value)
        .into_iter()
        .filter_map(|q| q.unit.as_ref())
        .find(|unit| unit_kind(model, unit).is_none())
}

/// A quantity in percent: `95%` → 95, `5‰` → 0.5; `None` when the unit is not a percent.
pub(crate) fn percent_of(model: &Model<'_>, quantity: &Quantity) -> Option<Decimal> {
    if quantity_kind(model, quantity) != Some(UnitKind::Percent) {
        return None;
    }
    let number = quantity.number.node;
    let per_mille = quantity
        .unit
        .as_ref()
        .and_then(|u| u.parts().next())
        .is_some_and(|first| first.ends_with('‰'));
    if per_mille {
        Decimal::from_parts(number.mantissa(), number.scale() + 1)
    } else {
        Some(number)
    }
}

/// Formats a percentage for messages: `95%`.
pub(crate) fn percent_text(number: Decimal) -> String {
    crate::facts::percent_text(number)
}

/// What kind of value this is, for messages: `文字`, `日期`, `人数（人）` …
pub(crate) fn describe(ctx: &RuleContext<'_, '_>, value: &Value) -> String {
    let zh = ctx.zh();
    match &value.kind {
        ValueKind::Qualitative(text) if is_yes_no(&text.text) => {
            if zh {
                "“是/否”式的文字".into()
            } else {
                "a yes/no text".into()
            }
        }
        ValueKind::Qualitative(_) => ctx.pick("文字", "text").to_string(),
        ValueKind::Deadline(_) => ctx.pick("日期", "a date").to_string(),
        ValueKind::Period(_) => ctx.pick("周期", "a period").to_string(),
        ValueKind::Bound { .. } | ValueKind::Exact(_) | ValueKind::Range { .. } => {
            if let Some(unit) = unknown_unit(ctx.model, value) {
                return ctx.t(
                    format!("未知单位“{}”的数", unit.text),
                    format!("a number in the unknown unit `{}`", unit.text),
                );
            }
            match value_kind(ctx.model, value) {
                Some(kind) => {
                    let unit = crate::facts::quantities(value)
                        .into_iter()
                        .rev()
                        .find_map(|q| q.unit.as_ref())
                        .map_or(String::new(), |u| u.text.clone());
                    let en = match kind {
                        UnitKind::Money => "an amount of money",
                        UnitKind::Percent => "a percentage",
                        UnitKind::People => "a number of people",
                        UnitKind::Count => "a count",
                        UnitKind::Physical => "a physical quantity",
                        UnitKind::Time => "a length of time",
                    };
                    ctx.t(
                        format!("以“{unit}”计的{}", kind.name(true)),
                        format!("{en} in `{unit}`"),
                    )
                }
                None => ctx
                    .pick("不带单位的数", "a number without a unit")
                    .to_string(),
            }
        }
    }
}

/// Whether a qualitative value is a bare yes/no or done/not done.
pub(crate) fn is_yes_no(text: &str) -> bool {
    matches!(
        text.trim(),
        "是" | "否"
            | "有"
            | "无"
            | "完成"
            | "未完成"
            | "达到"
            | "达标"
            | "符合"
            | "合格"
            | "已完成"
    )
}

/// The name range and text of the category block directly holding the indicator.
pub(crate) fn category_name<'a>(
    model: &Model<'a>,
    indicator: &IndicatorInfo<'a>,
) -> Option<(TextRange, &'a str)> {
    let category = model.categories.get(indicator.category?)?;
    let name = &category.ast.name;
    Some((name.range, model.source(name.range)))
}

//! Value rules (DOMAIN.md §4 "Values"), one line each, sorted by code.

use crate::rule::Rule;

mod approximate_bound;
mod percent_range;
mod placeholder_text;
mod quantity_needs_number;
mod quantity_upper_bound;
mod range_order;
mod rate_needs_percent;
mod satisfaction_min;
mod satisfaction_name;
mod satisfaction_needs_lower_bound;
mod timeliness_kind;
mod util;
mod vague_value;
mod value_unit_required;

pub(crate) const RULES: &[Rule] = &[
    rule!(rate_needs_percent),
    rule!(percent_range),
    rule!(quantity_upper_bound),
    rule!(quantity_needs_number),
    rule!(value_unit_required),
    rule!(vague_value),
    rule!(placeholder_text),
    rule!(approximate_bound),
    rule!(range_order),
    rule!(satisfaction_min),
    rule!(satisfaction_needs_lower_bound),
    rule!(satisfaction_name),
    rule!(timeliness_kind),
];

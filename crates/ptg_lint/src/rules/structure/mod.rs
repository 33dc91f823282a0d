//! Structure rules (DOMAIN.md §4 "Structure"), one line each, sorted by code.

use crate::rule::Rule;

mod duplicate_indicator;
mod empty_category;
mod misplaced_category;
mod missing_funds;
mod missing_goal;
mod missing_required_category;
mod name_contains_value;
mod name_equals_description;
mod name_is_category;
mod one_indicator_per_row;
mod truncated_name;
mod unknown_category;
mod util;

pub(crate) const RULES: &[Rule] = &[
    rule!(unknown_category),
    rule!(misplaced_category),
    rule!(missing_required_category),
    rule!(empty_category),
    rule!(duplicate_indicator),
    rule!(missing_goal),
    rule!(missing_funds),
    rule!(name_is_category),
    rule!(name_equals_description),
    rule!(truncated_name),
    rule!(one_indicator_per_row),
    rule!(name_contains_value),
];

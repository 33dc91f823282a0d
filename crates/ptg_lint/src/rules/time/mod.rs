//! Time rules (DOMAIN.md §4 "Time"), one line each, sorted by code.

use crate::rule::Rule;

mod deadline_outside_year;
mod deadline_vague;
mod invalid_date;
mod plan_cumulative;
mod stale_year;
mod util;

pub(crate) const RULES: &[Rule] = &[
    rule!(deadline_outside_year),
    rule!(deadline_vague),
    rule!(invalid_date),
    rule!(plan_cumulative),
    rule!(stale_year),
];

//! Money rules (DOMAIN.md §4 "Money"), one line each, sorted by code.

use crate::rule::Rule;

mod budget_breakdown_sum;
mod budget_structure_sum;
mod cost_exceeds_budget;
mod cost_lines_sum;
mod cost_lower_bound;
mod cost_needs_money;
mod cost_per_unit_implicit;
mod input_as_output;
mod money_unit_consistency;
mod rollup_sum;
mod util;

pub(crate) const RULES: &[Rule] = &[
    rule!(budget_breakdown_sum),
    rule!(budget_structure_sum),
    rule!(rollup_sum),
    rule!(cost_exceeds_budget),
    rule!(cost_lines_sum),
    rule!(cost_lower_bound),
    rule!(cost_needs_money),
    rule!(cost_per_unit_implicit),
    rule!(money_unit_consistency),
    rule!(input_as_output),
];

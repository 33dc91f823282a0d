//! Value rules (DOMAIN.md §4 "Values"), one line each, sorted by code.

use crate::rule::Rule;

mod quantity_upper_bound;

pub(crate) const RULES: &[Rule] = &[rule!(quantity_upper_bound)];

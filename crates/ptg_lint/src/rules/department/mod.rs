//! Department-overall rules (DOMAIN.md §4 "Department-overall"), one line each, sorted by
//! code.

use crate::rule::Rule;

mod formula_bound;
mod missing_duties;

pub(crate) const RULES: &[Rule] = &[rule!(formula_bound), rule!(missing_duties)];

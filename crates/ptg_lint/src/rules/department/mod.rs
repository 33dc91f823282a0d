//! Rules of this DOMAIN.md §4 section, one line each, sorted by code.

use crate::rule::Rule;

pub(crate) const RULES: &[Rule] = &[];

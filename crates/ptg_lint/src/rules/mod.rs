//! The rule catalogue of DOMAIN.md §4, one file per rule, grouped by section. Each
//! group's `mod.rs` lists its rules, one line each.

use crate::rule::Rule;

/// `rule!(module)`: the registry entry of a rule file that defines `META` and `check`.
macro_rules! rule {
    ($module:ident) => {
        $crate::rule::Rule {
            meta: &$module::META,
            check: Some($module::check),
        }
    };
}

pub(crate) mod department;
pub(crate) mod money;
pub(crate) mod structure;
pub(crate) mod syntax;
pub(crate) mod time;
pub(crate) mod values;

pub(crate) const GROUPS: &[&[Rule]] = &[
    syntax::RULES,
    structure::RULES,
    values::RULES,
    money::RULES,
    time::RULES,
    department::RULES,
];

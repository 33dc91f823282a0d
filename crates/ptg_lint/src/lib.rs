//! The rule catalogue of PTG (DOMAIN.md §4): one file per rule under `rules/`, a registry,
//! suppression comments, configured severities, and [`lint`], which runs them on a document.
//!
//! Architecture Invariant: no IO, no rendering; depends on syntax and semantic only.
//! Configuration arrives as [`LintSettings`] (built from `ptg.toml` by `ptg_config`).

pub mod engine;
pub mod facts;
pub mod registry;
pub mod rule;
mod rules;
mod stream;
pub mod suppression;

pub use engine::{
    check_parts, finish, lint, lint_with_threads, mentions_lines, parts, Level, LintSettings, Part,
    PartChecker, PARALLEL_MIN_BYTES,
};
pub use rule::{FixKind, Group, Rule, RuleContext, RuleDocs, RuleMeta};
pub use stream::lint_in_chunks;

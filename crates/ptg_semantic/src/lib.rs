//! The semantic layer of PTG: indicator schemes as data, units by kind, money in exact
//! 元, dates against the budget year, and a [`Model`] of each document.
//!
//! Architecture Invariant: depends on `ptg_syntax` only; no IO, no rules, no rendering.

pub mod model;
pub mod scheme;
pub mod units;

pub use model::{Model, ModelOptions, Owner};
pub use scheme::{CategoryRef, Role, Scheme};
pub use units::{MoneyUnit, UnitKind, UnitTable};

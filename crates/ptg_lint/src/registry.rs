//! Every rule, sorted by code. One line per rule in its group's `mod.rs`.

use std::sync::OnceLock;

use crate::rule::{Rule, RuleMeta};
use crate::rules;

/// All rules, sorted by code.
pub fn all() -> &'static [Rule] {
    static ALL: OnceLock<Vec<Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Rule> = rules::GROUPS
            .iter()
            .flat_map(|g| g.iter().copied())
            .collect();
        all.sort_by_key(|rule| rule.meta.code);
        all
    })
}

pub fn find(name: &str) -> Option<&'static Rule> {
    all().iter().find(|rule| rule.meta.name == name)
}

/// The metadata of a rule the engine itself reports; the name must exist.
pub(crate) fn meta(name: &str) -> &'static RuleMeta {
    match find(name) {
        Some(rule) => rule.meta,
        None => panic!("rule {name} is not registered"),
    }
}

/// The registered name closest to a misspelt one.
pub fn nearest_name(name: &str) -> Option<&'static str> {
    let names: Vec<&'static str> = all().iter().map(|r| r.meta.name).collect();
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in names {
        let dist = distance(name, candidate);
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, candidate));
        }
    }
    best.filter(|(d, _)| *d <= name.len() / 3 + 1)
        .map(|(_, n)| n)
}

fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    ptg_semantic::scheme::edit_distance(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_are_unique_and_well_formed() {
        let rules = all();
        let mut names: Vec<_> = rules.iter().map(|r| r.meta.name).collect();
        let mut codes: Vec<_> = rules.iter().map(|r| r.meta.code).collect();
        names.sort_unstable();
        codes.sort_unstable();
        let n = rules.len();
        names.dedup();
        codes.dedup();
        assert_eq!(names.len(), n, "duplicate rule name");
        assert_eq!(codes.len(), n, "duplicate rule code");
        for rule in rules {
            let meta = rule.meta;
            assert!(
                meta.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                meta.name
            );
            assert!(
                !meta.zh.what.is_empty() && !meta.en.what.is_empty(),
                "{}",
                meta.name
            );
            assert!(
                !meta.zh.why.is_empty() && !meta.en.why.is_empty(),
                "{}",
                meta.name
            );
            // A non-UTF-8 file and a ptg.toml cannot be shown as a `.ptg` example.
            if !["invalid-encoding", "invalid-config"].contains(&meta.name) {
                assert!(!meta.bad_example.is_empty(), "{} has no example", meta.name);
            }
        }
    }

    #[test]
    fn suggests_near_names() {
        assert_eq!(
            nearest_name("quantity-upper-bond"),
            Some("quantity-upper-bound")
        );
        assert_eq!(nearest_name("zzzzzzzzzzzzzzzzzzzzzzzzzzzz"), None);
    }
}

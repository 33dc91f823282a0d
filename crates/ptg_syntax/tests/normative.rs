//! The normative examples of the language brief parse, and give exactly their
//! syntax-level `.expected` lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const SYNTAX_RULES: [&str; 2] = ["syntax-error", "unknown-field"];

fn examples_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/examples");
    dir.is_dir().then_some(dir)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

#[test]
fn normative_examples_give_their_syntax_lines() {
    let Some(dir) = examples_dir() else {
        // The spec lives beside the repository; a bare clone has no examples to check.
        return;
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ptg"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 8, "expected the eight normative examples");
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let expected_text = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        let expected: BTreeSet<(usize, String)> = expected_text
            .lines()
            .filter_map(|line| {
                let (num, rule) = line.trim().split_once(' ')?;
                SYNTAX_RULES
                    .contains(&rule)
                    .then(|| (num.parse().unwrap(), rule.to_string()))
            })
            .collect();
        let parse = ptg_syntax::parse(&text);
        let actual: BTreeSet<(usize, String)> = parse
            .errors
            .iter()
            .map(|err| {
                (
                    line_of(&text, usize::from(err.range.start())),
                    err.rule().0.to_string(),
                )
            })
            .collect();
        if actual != expected {
            let messages: Vec<String> = parse
                .errors
                .iter()
                .map(|err| {
                    format!(
                        "  {}: {} {}",
                        line_of(&text, usize::from(err.range.start())),
                        err.rule().0,
                        err.message(ptg_diagnostics::Lang::Zh)
                    )
                })
                .collect();
            failures.push(format!(
                "{}: expected {expected:?}, got {actual:?}\n{}",
                path.display(),
                messages.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

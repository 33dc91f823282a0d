//! Linting a large document on several threads gives exactly what one thread gives.

use std::path::Path;

use ptg_lint::{lint, lint_with_threads, LintSettings, PARALLEL_MIN_BYTES};

#[test]
fn threads_do_not_change_the_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lint");
    let mut rules: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    rules.sort();
    // Every rule's invalid and valid fixture, one department after another, repeated
    // until the document is large enough to be linted in parallel.
    let mut text = String::new();
    while text.len() < 2 * PARALLEL_MIN_BYTES {
        for dir in &rules {
            for name in ["invalid.ptg", "valid.ptg"] {
                if let Ok(fixture) = std::fs::read_to_string(dir.join(name)) {
                    text.push_str(&fixture);
                    text.push('\n');
                }
            }
        }
    }
    let parse = ptg_syntax::parse(&text);
    let settings = LintSettings::default();
    let one = lint(&text, &parse, &settings);
    assert!(one.len() > 500, "{} findings", one.len());
    for threads in [2, 3, 8] {
        assert_eq!(
            one,
            lint_with_threads(&text, &parse, &settings, threads),
            "{threads} threads"
        );
    }
}

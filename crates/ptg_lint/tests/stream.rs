//! Linting run by run (one top-level entity's tree at a time) must give exactly what
//! linting the whole parse gives, whenever it answers; and it must answer for documents
//! without syntax errors, the case it is for. Every `.ptg` file of the repository, whole
//! and cut, in both languages, on one and two threads, and all of them concatenated.

#[path = "../../../tests/support/files.rs"]
pub mod files;

use ptg_diagnostics::Lang;
use ptg_lint::{lint, lint_in_chunks, LintSettings};

/// Whether the run-by-run lint answered.
fn check(text: &str, what: &str, settings: &LintSettings) -> bool {
    let parse = ptg_syntax::parse(text);
    let whole = lint(text, &parse, settings);
    let mut answered = false;
    for threads in [1, 2] {
        if let Some(runs) = lint_in_chunks(text, settings, threads) {
            assert_eq!(runs, whole, "{what} ({threads} threads)");
            answered = true;
        }
    }
    answered
}

#[test]
fn run_by_run_equals_the_whole_lint() {
    let texts = files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR"));
    let (mut valid, mut answered) = (0, 0);
    for (path, text) in &texts {
        for lang in [Lang::Zh, Lang::En] {
            let settings = LintSettings {
                lang,
                ..LintSettings::default()
            };
            for (what, text) in files::whole_and_cut(text) {
                let what = format!("{} ({what}, {lang:?})", path.display());
                let ok = check(text, &what, &settings);
                let clean = ptg_syntax::parse(text).errors.is_empty();
                let file_wide = text.contains("allow-file");
                if clean && !file_wide {
                    valid += 1;
                    answered += usize::from(ok);
                }
            }
        }
    }
    // Documents without syntax errors are linted run by run, except those with a header
    // after an entity (some fixtures test exactly that).
    assert!(valid > 300, "{valid}");
    assert!(answered * 10 >= valid * 9, "{answered} of {valid}");
    // Big enough for two threads; headers after entities: the whole path.
    let all = files::concatenated(texts.iter().map(|(_, text)| text.as_str()));
    check(&all, "all files concatenated", &LintSettings::default());
}

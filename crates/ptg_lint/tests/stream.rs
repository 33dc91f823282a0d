//! Linting run by run (one top-level entity's tree at a time) must give exactly what
//! linting the whole parse gives, whenever it answers; and it must answer for documents
//! without syntax errors, the case it is for. Every `.ptg` file of the repository, whole
//! and cut, in both languages, on one and two threads, and all of them concatenated.

use std::path::{Path, PathBuf};

use ptg_diagnostics::Lang;
use ptg_lint::{lint, lint_in_chunks, LintSettings};

fn ptg_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            ptg_files(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "ptg") {
            out.push(path);
        }
    }
}

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
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests", "examples", "editors", "docs"] {
        ptg_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 150, "only {} files found", files.len());
    let (mut valid, mut answered) = (0, 0);
    let mut all = String::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let cut = |n: usize| {
            let mut at = text.len() * n / 3;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            &text[..at]
        };
        for lang in [Lang::Zh, Lang::En] {
            let settings = LintSettings {
                lang,
                ..LintSettings::default()
            };
            for (what, text) in [("whole", text.as_str()), ("1/3", cut(1)), ("2/3", cut(2))] {
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
        all.push_str(&text);
        all.push('\n');
    }
    // Documents without syntax errors are linted run by run, except those with a header
    // after an entity (some fixtures test exactly that).
    assert!(valid > 300, "{valid}");
    assert!(answered * 10 >= valid * 9, "{answered} of {valid}");
    // Big enough for two threads; headers after entities: the whole path.
    check(&all, "all files concatenated", &LintSettings::default());
}

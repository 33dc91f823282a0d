//! The engine evaluates a document part by part (the headers, then each top-level
//! entity on its own model). That is only right if top-level entities are independent:
//! the findings must be exactly those of every rule run on the model of the whole
//! document. Checked on every `.ptg` file of the repository, whole and cut (broken), in
//! both languages, and on all the rule fixtures concatenated into one document.

use std::path::{Path, PathBuf};

use ptg_diagnostics::Lang;
use ptg_lint::engine::lint_whole_model;
use ptg_lint::{lint, LintSettings};

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

fn assert_same(text: &str, what: &str, settings: &LintSettings) -> usize {
    let parse = ptg_syntax::parse(text);
    let parts = lint(text, &parse, settings);
    let whole = lint_whole_model(text, &parse, settings);
    assert_eq!(parts, whole, "{what}");
    parts.len()
}

#[test]
fn part_by_part_equals_the_whole_model_on_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests", "examples", "editors", "docs"] {
        ptg_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 150, "only {} files found", files.len());
    let mut all = String::new();
    let mut findings = 0;
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
                findings += assert_same(text, &format!("{} ({what})", path.display()), &settings);
            }
        }
        all.push_str(&text);
        all.push('\n');
    }
    assert!(findings > 1000, "{findings} findings");
    // Every file after another: duplicate departments, headers repeated mid-file.
    assert_same(&all, "all files concatenated", &LintSettings::default());
}

/// An editor keeps the findings of the parts an edit did not touch and moves them
/// (`Diagnostic::shift_from`); that is right only if nothing in a finding but its ranges
/// depends on where the part stands, except the messages of the rules that
/// `mentions_lines` names.
#[test]
fn findings_move_with_their_text_except_line_numbers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests", "examples"] {
        ptg_files(&root.join(dir), &mut files);
    }
    files.sort();
    let settings = LintSettings::default();
    let mut line_messages = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let moved_text = format!("\n{text}");
        let here = lint(&text, &ptg_syntax::parse(&text), &settings);
        let moved = lint(&moved_text, &ptg_syntax::parse(&moved_text), &settings);
        assert_eq!(here.len(), moved.len(), "{}", path.display());
        for (mut here, moved) in here.into_iter().zip(moved) {
            here.shift_from(0.into(), 1);
            if ptg_lint::mentions_lines(here.rule) {
                line_messages += usize::from(here.message != moved.message);
                here.message.clone_from(&moved.message);
            }
            assert_eq!(here, moved, "{}", path.display());
        }
    }
    // The exception is needed: some finding's message does name a line.
    assert!(line_messages > 0);
}

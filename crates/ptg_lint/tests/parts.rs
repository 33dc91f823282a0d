//! The engine evaluates a document part by part (the headers, then each top-level
//! entity on its own model). That is only right if top-level entities are independent:
//! the findings must be exactly those of every rule run on the model of the whole
//! document. Checked on every `.ptg` file of the repository, whole and cut (broken), in
//! both languages, and on all the rule fixtures concatenated into one document.

#[path = "../../../tests/support/files.rs"]
pub mod files;

use ptg_diagnostics::Lang;
use ptg_lint::engine::lint_whole_model;
use ptg_lint::{lint, LintSettings};

fn assert_same(text: &str, what: &str, settings: &LintSettings) -> usize {
    let parse = ptg_syntax::parse(text);
    let parts = lint(text, &parse, settings);
    let whole = lint_whole_model(text, &parse, settings);
    assert_eq!(parts, whole, "{what}");
    parts.len()
}

#[test]
fn part_by_part_equals_the_whole_model_on_every_file() {
    let texts = files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR"));
    let mut findings = 0;
    for (path, text) in &texts {
        for lang in [Lang::Zh, Lang::En] {
            let settings = LintSettings {
                lang,
                ..LintSettings::default()
            };
            for (what, text) in files::whole_and_cut(text) {
                findings += assert_same(text, &format!("{} ({what})", path.display()), &settings);
            }
        }
    }
    assert!(findings > 1000, "{findings} findings");
    // Every file after another: duplicate departments, headers repeated mid-file.
    let all = files::concatenated(texts.iter().map(|(_, text)| text.as_str()));
    assert_same(&all, "all files concatenated", &LintSettings::default());
}

/// An editor keeps the findings of the parts an edit did not touch and moves them
/// (`Diagnostic::shift_from`); that is right only if nothing in a finding but its ranges
/// depends on where the part stands, except the messages of the rules that
/// `mentions_lines` names.
#[test]
fn findings_move_with_their_text_except_line_numbers() {
    let settings = LintSettings::default();
    let mut line_messages = 0;
    for (path, text) in &files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR")) {
        let text = text.as_str();
        let moved_text = format!("\n{text}");
        let here = lint(text, &ptg_syntax::parse(text), &settings);
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

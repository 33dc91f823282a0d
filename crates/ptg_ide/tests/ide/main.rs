//! IDE features, data-driven: fixtures with a `$0` cursor, one `check` per feature.

#[path = "../../../../tests/support/files.rs"]
pub mod files;

mod actions;
mod completion;
mod edit;
mod folding;
mod format_runs;
mod goto;
mod hover;
mod offsets;
mod symbols;

use ptg_ide::Document;
use ptg_lint::LintSettings;
use text_size::{TextRange, TextSize};

/// The text without its `$0` marker, and the marker's offset.
pub fn cursor(fixture: &str) -> (String, TextSize) {
    let at = fixture.find("$0").expect("fixture has no `$0` cursor");
    let text = fixture.replacen("$0", "", 1);
    (text, TextSize::try_from(at).unwrap())
}

/// The text without its `$0 … $0` markers, and the range between them.
pub fn range(fixture: &str) -> (String, TextRange) {
    let (text, start) = cursor(fixture);
    let (text, end) = cursor(&text);
    (text, TextRange::new(start, end))
}

pub fn doc(text: &str) -> Document {
    Document::new(text.to_string(), LintSettings::default())
}

pub fn doc_en(text: &str) -> Document {
    let settings = LintSettings {
        lang: ptg_diagnostics::Lang::En,
        ..LintSettings::default()
    };
    Document::new(text.to_string(), settings)
}

/// Applies edits (non-overlapping) back to front.
pub fn apply(text: &str, edits: &[ptg_diagnostics::TextEdit]) -> String {
    let mut edits: Vec<_> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start(), e.range.end())));
    let mut out = text.to_string();
    for edit in edits {
        out.replace_range(
            usize::from(edit.range.start())..usize::from(edit.range.end()),
            &edit.replacement,
        );
    }
    out
}

/// Compares rendered output with the expectation (both trimmed); on a mismatch, shows
/// the actual text to paste.
#[track_caller]
pub fn expect(actual: &str, expected: &str) {
    let (actual, expected) = (actual.trim(), expected.trim());
    assert!(
        actual == expected,
        "\n--- expected\n{expected}\n--- actual\n{actual}\n---"
    );
}

/// The 1-based line of an offset and the text of a range, for readable expectations.
pub fn show_range(text: &str, range: TextRange) -> String {
    let line = text[..usize::from(range.start())].matches('\n').count() + 1;
    format!("{line}: {}", &text[range])
}

#[test]
fn documents_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Document>();
}

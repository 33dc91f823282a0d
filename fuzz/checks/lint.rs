//! The `lint` fuzz target's check, shared with `ptg_lsp`'s `fuzz_regressions` test.
//!
//! A document is parsed and linted as `ptg check` and the server do (`ptg_ide::Document`
//! runs `ptg_syntax::parse` then `ptg_lint::lint`, the CLI's `lint_text`). Nothing may
//! panic; every diagnostic's labels and every fix edit lie inside the text on char
//! boundaries, a fix's edits do not overlap; each quick fix (safe or not) applied alone,
//! and "fix all" (the fixpoint loop of `ptg check --fix`), give a text that lints again
//! without panicking. Linting run by run (`lint_in_chunks`) and building the analysis
//! from a previous version's (`Document::edit`) give what the whole analysis gives.

use ptg_diagnostics::{Lang, TextEdit};
use ptg_ide::Document;
use ptg_lint::LintSettings;
use text_size::{TextRange, TextSize};

/// Quick fixes applied one by one, at most (each costs a lint of the result).
const MAX_FIXES_APPLIED: usize = 4;

pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    // Odd lengths lint in English, so that both languages' messages are built.
    let settings = LintSettings {
        lang: if data.len() % 2 == 1 {
            Lang::En
        } else {
            Lang::Zh
        },
        ..LintSettings::default()
    };
    let doc = Document::new(text.clone(), settings.clone());
    for diagnostic in doc.diagnostics() {
        let mut ranges = vec![diagnostic.primary.range];
        ranges.extend(diagnostic.secondary.iter().map(|label| label.range));
        for range in ranges {
            assert_in_text(&text, range, diagnostic.rule);
        }
        if let Some(fix) = &diagnostic.fix {
            for edit in &fix.edits {
                assert_in_text(&text, edit.range, diagnostic.rule);
            }
            apply(&text, &fix.edits, diagnostic.rule);
        }
    }
    let whole = TextRange::up_to(TextSize::of(text.as_str()));
    for action in doc.code_actions(whole).iter().take(MAX_FIXES_APPLIED) {
        let fixed = apply(&text, &action.edits, &action.title);
        let _ = Document::new(fixed, settings.clone());
    }
    // `ptg check` lints run by run when it can: the same findings.
    for threads in [1, 2] {
        if let Some(runs) = ptg_lint::lint_in_chunks(&text, &settings, threads) {
            assert_eq!(
                runs.as_slice(),
                doc.diagnostics(),
                "run-by-run lint differs"
            );
        }
    }
    // The server builds a version from the previous one: here, from the text without the
    // character in its middle. The same tree and findings as from nothing.
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle -= 1;
    }
    if let Some(ch) = text[middle..].chars().next() {
        let before = format!("{}{}", &text[..middle], &text[middle + ch.len_utf8()..]);
        let edited = Document::new(before, settings.clone()).edit(text.clone());
        assert_eq!(edited.parse(), doc.parse(), "incremental parse differs");
        assert_eq!(
            edited.diagnostics(),
            doc.diagnostics(),
            "incremental lint differs"
        );
    }
    if let Some(action) = doc.fix_all() {
        let fixed = apply(&text, &action.edits, "fix all");
        let again = Document::new(fixed, settings);
        // What fix-all leaves has no safe fix it could still apply in one more round,
        // unless the loop stopped at its round limit; either way, no panic.
        let _ = again.fix_all();
    }
}

fn assert_in_text(text: &str, range: TextRange, what: &str) {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    assert!(
        start <= end && end <= text.len(),
        "{what}: {range:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {range:?} not on char boundaries"
    );
}

/// Applies non-overlapping edits (against the same text) front to back.
fn apply(text: &str, edits: &[TextEdit], what: &str) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in sorted {
        assert_in_text(text, edit.range, what);
        let start = usize::from(edit.range.start());
        assert!(start >= copied, "{what}: edits overlap at {start}");
        out.push_str(&text[copied..start]);
        out.push_str(&edit.replacement);
        copied = usize::from(edit.range.end());
    }
    out.push_str(&text[copied..]);
    out
}

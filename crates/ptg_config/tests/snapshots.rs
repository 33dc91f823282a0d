//! Rendered config diagnostics, in both languages, as insta snapshots.

use std::fmt::Write;
use std::path::PathBuf;

use ptg_config::parse;
use ptg_diagnostics::{Diagnostic, Lang};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/config")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A plain rendering: position, rule, message, the line with carets, notes.
fn render(text: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let start = usize::from(d.primary.range.start());
        let end = usize::from(d.primary.range.end());
        let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        let line_no = text[..start].matches('\n').count() + 1;
        let col = text[line_start..start].chars().count() + 1;
        let width = text[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        let _ = writeln!(
            out,
            "{line_no}:{col} {}[{}] {}: {}",
            d.rule,
            d.code,
            d.severity.as_str(),
            d.message
        );
        let _ = writeln!(out, "  | {}", &text[line_start..line_end]);
        let _ = writeln!(
            out,
            "  | {}{} {}",
            " ".repeat(text[line_start..start].chars().count()),
            "^".repeat(width),
            d.primary.message.as_deref().unwrap_or("")
        );
        for note in &d.notes {
            let _ = writeln!(out, "  = {note}");
        }
    }
    out
}

fn snapshot(name: &str, lang: Lang) -> String {
    let text = fixture(name);
    let (_, diags) = parse(&text, lang);
    render(&text, &diags)
}

#[test]
fn errors_zh() {
    insta::assert_snapshot!(snapshot("errors.toml", Lang::Zh));
}

#[test]
fn errors_en() {
    insta::assert_snapshot!(snapshot("errors.toml", Lang::En));
}

#[test]
fn syntax_error_zh() {
    insta::assert_snapshot!(snapshot("syntax-error.toml", Lang::Zh));
}

#[test]
fn full_is_clean() {
    assert_eq!(snapshot("full.toml", Lang::Zh), "");
}

//! `Document::edit` (re-parse and re-check only what an edit touched) must give exactly
//! what `Document::new` gives on the new text: tree, tokens, diagnostics. Random edits of
//! a document of many departments and projects (the examples and every rule's fixtures
//! one after another), typed into one entity, across entities, into the headers.

use std::path::Path;

use crate::files::{boundary, Rng};

use ptg_ide::Document;
use ptg_lint::LintSettings;

const CHARS: &[&str] = &[
    "0", "9", "%", "万", "人", " ", "以上", "≤ ", "≥ ", "}", "{", "\"",
];

const LINES: &[&str] = &[
    "\n",
    "# 注释\n",
    "  \"新增指标\" ≥ 9\n",
    "  \"新增指标\" ≥ 9\n  \"新增指标\" ≥ 9\n",
    "项目 \"新\" { }\n",
    "# ptg: allow(duplicate-indicator) -- 原因\n",
    "年度 2025\n",
];

fn edit(text: &str, rng: &mut Rng) -> String {
    let at = boundary(text, rng.below(text.len() + 1));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // A line without braces: an indicator, a field, a comment, a blank.
    let plain = |rng: &mut Rng| loop {
        let line = rng.below(lines.len());
        if !lines[line].contains(['{', '}']) {
            return line;
        }
    };
    let mut out = String::with_capacity(text.len() + 64);
    match rng.below(8) {
        // Change a digit (a value, an amount, a year).
        0..=2 => {
            let digit = text[at..]
                .find(|c: char| c.is_ascii_digit())
                .map(|d| at + d);
            let digit = digit.unwrap_or_else(|| text.find(|c: char| c.is_ascii_digit()).unwrap());
            out.push_str(&text[..digit]);
            out.push(char::from(b'0' + rng.below(10) as u8));
            out.push_str(&text[digit + 1..]);
        }
        // Type a character anywhere.
        3 => {
            out.push_str(&text[..at]);
            out.push_str(CHARS[rng.below(CHARS.len())]);
            out.push_str(&text[at..]);
        }
        // Delete a short run.
        4 => {
            let end = boundary(text, at + 1 + rng.below(16));
            out.push_str(&text[..at]);
            out.push_str(&text[end..]);
        }
        // Insert a line, delete a line, repeat a line.
        kind => {
            let line = plain(rng);
            for (idx, text) in lines.iter().enumerate() {
                match kind {
                    5 if idx == line => out.push_str(LINES[rng.below(LINES.len())]),
                    6 if idx == line => continue,
                    7 if idx == line => out.push_str(text),
                    _ => {}
                }
                out.push_str(text);
            }
        }
    }
    out
}

fn corpus() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut text = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let mut rules: Vec<_> = std::fs::read_dir(root.join("tests/lint"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("invalid.ptg"))
        .collect();
    paths.sort();
    rules.sort();
    for path in paths.iter().chain(rules.iter().step_by(2)) {
        // Only fixtures without syntax errors: a broken document is analysed whole.
        let Ok(fixture) = std::fs::read_to_string(path) else {
            continue;
        };
        if ptg_syntax::parse(&fixture).errors.is_empty() {
            text.push_str(&fixture);
            text.push('\n');
        }
    }
    text
}

#[test]
fn edit_gives_what_a_new_analysis_gives() {
    let mut text = corpus();
    let settings = LintSettings::default();
    let mut doc = Document::new(text.clone(), settings.clone());
    assert!(doc.diagnostics().len() > 100);
    assert_eq!(doc.parse().errors, Vec::new());
    let mut rng = Rng(11);
    let mut valid = text.clone();
    let (mut kept_going, mut incremental, mut clean) = (0, 0, 0);
    for step in 0..150 {
        let next = edit(&text, &mut rng);
        let fresh = Document::new(next.clone(), settings.clone());
        let was_clean = doc.parse().errors.is_empty();
        let edited = doc.edit(next.clone());
        let what = format!("step {step}");
        assert_eq!(edited.parse(), fresh.parse(), "{what}");
        assert_eq!(edited.tokens(), fresh.tokens(), "{what}");
        assert_eq!(edited.line_index(), fresh.line_index(), "{what}");
        let (got, want) = (edited.diagnostics(), fresh.diagnostics());
        for (idx, (a, b)) in got.iter().zip(want).enumerate() {
            assert_eq!(a, b, "{what}: diagnostic {idx}");
        }
        assert_eq!(got.len(), want.len(), "{what}");
        assert_eq!(edited.text(), next);
        if was_clean && fresh.parse().errors.is_empty() {
            clean += 1;
            incremental += usize::from(edited.was_edited());
        }
        // Go on from the new version if it is valid, or if the current one is (one broken
        // version between valid ones, as typing goes); else back to the last valid one.
        if fresh.parse().errors.is_empty() || was_clean {
            if fresh.parse().errors.is_empty() {
                valid.clone_from(&next);
            }
            text = next;
            doc = edited;
            kept_going += 1;
        } else {
            text.clone_from(&valid);
            doc = Document::new(text.clone(), settings.clone());
        }
    }
    assert!(kept_going > 40, "{kept_going}");
    // Edits between valid versions take the incremental path.
    assert!(clean > 30, "{clean}");
    assert!(incremental * 10 >= clean * 9, "{incremental} of {clean}");
}

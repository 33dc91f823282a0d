//! An incremental re-parse must be exactly the whole parse of the new text: on random
//! edits (typing, deleting, pasting, breaking braces and strings) of every `.ptg` file of
//! the repository, whenever `reparse` answers, its tree, comments and tokens are those of
//! `parse_with_tokens`, and its description of what was kept holds.

#[path = "../../../tests/support/files.rs"]
pub mod files;

use files::{boundary, Rng};

use ptg_syntax::{parse_with_tokens, reparse};

const INSERTS: &[&str] = &[
    "0",
    "5",
    "%",
    "万元",
    " ",
    "\n",
    "\n\n",
    "#",
    "# 注释\n",
    "\"",
    "{",
    "}",
    "}\n",
    "≥",
    "≤ 9",
    "人",
    "项目 \"新\" { }\n",
    "部门 \"新部门\" {\n}\n",
    "  \"新增指标\" ≥ 9\n",
    "年度 2025\n",
    "\"\"\"",
    "＃",
    "，",
    "　",
];

/// One random edit of `text`.
fn edit(text: &str, rng: &mut Rng) -> String {
    let at = boundary(text, rng.below(text.len() + 1));
    let mut out = String::with_capacity(text.len() + 64);
    match rng.below(5) {
        // Insert a snippet.
        0 | 1 => {
            out.push_str(&text[..at]);
            out.push_str(INSERTS[rng.below(INSERTS.len())]);
            out.push_str(&text[at..]);
        }
        // Delete a short run.
        2 => {
            let end = boundary(text, at + 1 + rng.below(24));
            out.push_str(&text[..at]);
            out.push_str(&text[end..]);
        }
        // Replace a line by a copy of another.
        3 => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            for (idx, line) in lines.iter().enumerate() {
                out.push_str(if idx == a { lines[b] } else { line });
            }
        }
        // Change one character of a digit run or a name.
        _ => {
            let end = boundary(text, at + 1);
            out.push_str(&text[..at]);
            out.push(char::from(b'0' + rng.below(10) as u8));
            out.push_str(&text[end..]);
        }
    }
    out
}

#[test]
fn reparse_equals_whole_parse_on_random_edits() {
    let mut rng = Rng(7);
    let (mut answered, mut eligible) = (0, 0);
    // Every file, then all the valid ones one after another (a large document, where
    // the lexer restarts and stops far from both ends).
    let mut texts: Vec<(String, String)> = files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR"))
        .into_iter()
        .map(|(path, text)| (path.display().to_string(), text))
        .collect();
    let all = files::concatenated(
        texts
            .iter()
            .map(|(_, text)| text.as_str())
            .filter(|text| ptg_syntax::parse(text).errors.is_empty()),
    );
    texts.push(("all valid files".to_string(), all));
    for (name, text) in texts {
        let steps = if name == "all valid files" { 60 } else { 24 };
        // A chain of edits, each re-parsing the previous version's result.
        let mut current = text;
        let (mut parse, mut tokens) = parse_with_tokens(&current);
        for step in 0..steps {
            let next = edit(&current, &mut rng);
            let (whole, whole_tokens) = parse_with_tokens(&next);
            // Both versions without syntax errors: the case the fast path is for.
            let clean = parse.errors.is_empty() && whole.errors.is_empty();
            eligible += usize::from(clean);
            let old_items: Vec<_> = parse.file.items.iter().map(|i| i.range()).collect();
            if let Some(re) = reparse(&current, parse.clone(), tokens.clone(), &next) {
                answered += usize::from(clean);
                let what = if current.len() > 20_000 {
                    format!("{name} step {step}")
                } else {
                    format!("{name} step {step}:\n--- old\n{current}\n--- new\n{next}")
                };
                let (got, want) = (&re.parse.file.items, &whole.file.items);
                for (idx, (a, b)) in got.iter().zip(want).enumerate() {
                    assert_eq!(a, b, "item {idx} of {what}\n(reparsed {:?})", re.reparsed);
                }
                assert_eq!(got.len(), want.len(), "item count of {what}");
                assert_eq!(re.parse.comments, whole.comments, "{what}");
                assert_eq!(re.parse, whole, "{what}");
                assert_eq!(re.tokens, whole_tokens, "{what}");
                assert_eq!(re.delta, next.len() as i64 - current.len() as i64);
                let items = &re.parse.file.items;
                for (idx, range) in old_items[..re.reparsed.start].iter().enumerate() {
                    assert_eq!(items[idx].range(), *range, "{what}");
                }
                let after = &old_items[re.old_suffix..];
                assert_eq!(items.len() - re.reparsed.end, after.len(), "{what}");
                for (item, range) in items[re.reparsed.end..].iter().zip(after) {
                    let start = u32::from(range.start()) as i64 + re.delta;
                    assert_eq!(u32::from(item.range().start()) as i64, start, "{what}");
                }
            }
            // Go on from the new version, unless it broke a valid one: most steps should
            // start from a valid version, as most keystrokes in an editor do.
            if whole.errors.is_empty() || !parse.errors.is_empty() {
                current = next;
                parse = whole;
                tokens = whole_tokens;
            }
        }
    }
    // Edits between valid versions take the fast path.
    assert!(
        eligible > 300,
        "only {eligible} edits between valid versions"
    );
    assert!(
        answered * 10 >= eligible * 9,
        "re-parsed {answered} of {eligible} edits between valid versions"
    );
}

//! Code actions: each diagnostic's fix as a quick fix, and every safe fix at once
//! (`source.fixAll.ptg`), applied to a fixpoint the way `ptg check --fix` does.

use ptg_diagnostics::{Applicability, Diagnostic, Fix, Lang, TextEdit};
use text_size::TextRange;

use crate::text::{clamp_range, size};
use crate::Document;

/// Lint–fix rounds before giving up, as in `ptg check --fix`.
const MAX_ROUNDS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// One diagnostic's fix (LSP `quickfix`).
    QuickFix,
    /// Every safe fix of the document (LSP `source.fixAll.ptg`).
    FixAll,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// Non-overlapping edits against the document's text.
    pub edits: Vec<TextEdit>,
    /// Indices into [`Document::diagnostics`] of the findings it fixes.
    pub diagnostics: Vec<usize>,
    /// The fix is safe: an editor may apply it with a single key.
    pub preferred: bool,
}

/// Whether two ranges meet: they overlap, or one touches the other (a cursor at the end
/// of a diagnostic's range still gets its fix).
fn meets(a: TextRange, b: TextRange) -> bool {
    a.start() <= b.end() && b.start() <= a.end()
}

pub(crate) fn code_actions(doc: &Document, range: TextRange) -> Vec<Action> {
    let range = clamp_range(doc.text(), range);
    let lang = doc.lang();
    let mut out = Vec::new();
    for (idx, diagnostic) in doc.diagnostics().iter().enumerate() {
        let Some(fix) = &diagnostic.fix else { continue };
        if fix.edits.is_empty() || !meets(diagnostic.primary.range, range) {
            continue;
        }
        if !edits_are_valid(doc.text(), &fix.edits) {
            continue;
        }
        let title = match fix.applicability {
            Applicability::Safe => fix.title.clone(),
            Applicability::Unsafe => match lang {
                Lang::Zh => format!("{}（不安全的修复，请核对）", fix.title),
                Lang::En => format!("{} (unsafe fix: review it)", fix.title),
            },
            Applicability::DisplayOnly => match lang {
                Lang::Zh => format!("{}（建议）", fix.title),
                Lang::En => format!("{} (suggestion)", fix.title),
            },
        };
        out.push(Action {
            title,
            kind: ActionKind::QuickFix,
            edits: fix.edits.clone(),
            diagnostics: vec![idx],
            preferred: fix.applicability == Applicability::Safe,
        });
    }
    out
}

pub(crate) fn fix_all(doc: &Document) -> Option<Action> {
    let text = doc.text();
    let first = apply_safe_fixes(text, doc.diagnostics())?;
    let mut current = first.text;
    for _ in 1..MAX_ROUNDS {
        let parse = ptg_syntax::parse(&current);
        let diagnostics = ptg_lint::lint(&current, &parse, doc.settings());
        let Some(next) = apply_safe_fixes(&current, &diagnostics) else {
            break;
        };
        current = next.text;
    }
    if current == text {
        return None;
    }
    let edit = minimal_edit(text, &current);
    Some(Action {
        title: doc
            .lang()
            .pick("修复全部可安全修复的问题", "Fix all safe fixes")
            .to_string(),
        kind: ActionKind::FixAll,
        edits: vec![edit],
        diagnostics: first.fixed,
        preferred: false,
    })
}

struct Applied {
    text: String,
    /// Indices of the diagnostics whose fixes went in.
    fixed: Vec<usize>,
}

fn edits_are_valid(text: &str, edits: &[TextEdit]) -> bool {
    edits.iter().all(|edit| {
        let (start, end) = (
            usize::from(edit.range.start()),
            usize::from(edit.range.end()),
        );
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    })
}

/// Two edits conflict when their ranges overlap or they start at the same offset (two
/// insertions there would have no defined order).
fn conflict(a: &TextEdit, b: &TextEdit) -> bool {
    let (a0, a1) = (a.range.start(), a.range.end());
    let (b0, b1) = (b.range.start(), b.range.end());
    a0 == b0 || (a0 < b1 && b0 < a1)
}

/// Applies the safe fixes whose edits do not conflict with an earlier one (by
/// position): the same choice as `ptg check --fix`. `None` when nothing changes.
fn apply_safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> Option<Applied> {
    let mut fixes: Vec<(usize, &Fix)> = diagnostics
        .iter()
        .enumerate()
        .filter_map(|(idx, d)| d.fix.as_ref().map(|fix| (idx, fix)))
        .filter(|(_, fix)| fix.applicability == Applicability::Safe && !fix.edits.is_empty())
        .filter(|(_, fix)| edits_are_valid(text, &fix.edits))
        .collect();
    fixes.sort_by_key(|(_, fix)| {
        let start = fix.edits.iter().map(|e| e.range.start()).min();
        let end = fix.edits.iter().map(|e| e.range.end()).max();
        (start, end)
    });
    let mut accepted: Vec<&TextEdit> = Vec::new();
    let mut fixed = Vec::new();
    for (idx, fix) in fixes {
        let clashes_with_itself = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| conflict(a, b)));
        let clashes = fix
            .edits
            .iter()
            .any(|edit| accepted.iter().any(|other| conflict(edit, other)));
        if clashes_with_itself || clashes {
            continue;
        }
        accepted.extend(fix.edits.iter());
        fixed.push(idx);
    }
    accepted.sort_by_key(|edit| std::cmp::Reverse((edit.range.start(), edit.range.end())));
    let mut out = text.to_string();
    for edit in accepted {
        out.replace_range(
            usize::from(edit.range.start())..usize::from(edit.range.end()),
            &edit.replacement,
        );
    }
    fixed.sort_unstable();
    (!fixed.is_empty() && out != text).then_some(Applied { text: out, fixed })
}

/// One edit turning `old` into `new`: the changed middle, on char boundaries.
pub(crate) fn minimal_edit(old: &str, new: &str) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - suffix) && new.is_char_boundary(new.len() - suffix)) {
        suffix -= 1;
    }
    let range = TextRange::new(size(prefix), size(old.len() - suffix));
    TextEdit::replace(range, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;
    use text_size::TextSize;

    fn apply(old: &str, edit: &TextEdit) -> String {
        let mut out = old.to_string();
        out.replace_range(
            usize::from(edit.range.start())..usize::from(edit.range.end()),
            &edit.replacement,
        );
        out
    }

    #[test]
    fn minimal_edits_stay_on_char_boundaries() {
        for (old, new) in [
            ("\"满意度\" 95%", "\"满意度\" ≥ 95%"),
            ("中文", "中中文"),
            ("一二三", "一四三"),
            ("abc", "abc"),
            ("", "新"),
            ("旧", ""),
            ("aa", "aaa"),
            ("😀😁", "😀😂"),
        ] {
            let edit = minimal_edit(old, new);
            assert_eq!(apply(old, &edit), new, "{old} -> {new}");
        }
        let edit = minimal_edit("\"满意度\" 95%", "\"满意度\" ≥ 95%");
        assert_eq!(edit.range, TextRange::empty(TextSize::from(12)));
        assert_eq!(&*edit.replacement, "≥ ");
    }
}

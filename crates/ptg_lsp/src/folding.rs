//! `textDocument/foldingRange`: blocks, comment runs and multi-line strings.

use tower_lsp_server::lsp_types as lsp;

use crate::convert::to_proto;
use crate::server::Snapshot;

pub(crate) fn folding_ranges(snapshot: &Snapshot) -> Vec<lsp::FoldingRange> {
    let cx = snapshot.cx();
    let text = snapshot.doc.text();
    let mut folds = Vec::new();
    for fold in snapshot.doc.folding_ranges() {
        let start = to_proto::position(cx, fold.range.start());
        let end = to_proto::position(cx, fold.range.end());
        let kind = fold.is_comment.then_some(lsp::FoldingRangeKind::Comment);
        if snapshot.caps.line_folding_only {
            // Whole lines only: keep the line of a closing `}` visible, as editors do for
            // braces.
            let ends_with_brace = text
                .get(..usize::from(fold.range.end()))
                .is_some_and(|before| before.ends_with('}'));
            let end_line = if ends_with_brace {
                end.line.saturating_sub(1)
            } else {
                end.line
            };
            if end_line <= start.line {
                continue;
            }
            folds.push(lsp::FoldingRange {
                start_line: start.line,
                start_character: None,
                end_line,
                end_character: None,
                kind,
                collapsed_text: None,
            });
        } else {
            if end.line <= start.line {
                continue;
            }
            folds.push(lsp::FoldingRange {
                start_line: start.line,
                start_character: Some(start.character),
                end_line: end.line,
                end_character: Some(end.character),
                kind,
                collapsed_text: None,
            });
        }
    }
    folds
}

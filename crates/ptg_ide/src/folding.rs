//! Folding ranges: blocks that span lines, runs of own-line comments, block strings.

use ptg_semantic::model::walk_items;
use ptg_syntax::ast::{Block, Item};
use ptg_syntax::{CommentPlacement, SyntaxKind};
use text_size::TextRange;

use crate::Document;

/// A foldable region. A block's range runs from its `{` to the end of its `}` (to the end
/// of its last item when the `}` is missing); the server decides whether the line of the
/// `}` stays visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fold {
    pub range: TextRange,
    pub is_comment: bool,
}

pub(crate) fn folding_ranges(doc: &Document) -> Vec<Fold> {
    let text = doc.text();
    let spans_lines = |range: TextRange| text[range].contains(['\n', '\r']);
    let mut out = Vec::new();
    let mut block = |block: &Block| {
        let range = TextRange::new(block.l_brace.start(), block.range.end());
        if spans_lines(range) {
            out.push(Fold {
                range,
                is_comment: false,
            });
        }
    };
    walk_items(&doc.parse().file.items, &mut |item| match item {
        Item::Entity(entity) => {
            if let Some(body) = &entity.body {
                block(body);
            }
        }
        Item::Category(category) => block(&category.body),
        Item::Field(field) => {
            if let Some(nested) = &field.block {
                block(nested);
            }
        }
        Item::Indicator(indicator) => {
            if let Some(attrs) = &indicator.attrs {
                block(attrs);
            }
        }
        Item::UnknownField(_) | Item::Error(_) => {}
    });
    // Runs of own-line comments on consecutive lines.
    let mut run: Option<(TextRange, usize)> = None;
    let flush = |run: Option<(TextRange, usize)>, out: &mut Vec<Fold>| {
        if let Some((range, count)) = run {
            if count >= 2 {
                out.push(Fold {
                    range,
                    is_comment: true,
                });
            }
        }
    };
    for comment in &doc.parse().comments {
        if comment.placement != CommentPlacement::OwnLine {
            flush(run.take(), &mut out);
            continue;
        }
        run = match run {
            Some((range, count)) if next_line(text, range, comment.range) => {
                Some((range.cover(comment.range), count + 1))
            }
            previous => {
                flush(previous, &mut out);
                Some((comment.range, 1))
            }
        };
    }
    flush(run, &mut out);
    // Block strings over several lines.
    for token in doc.tokens() {
        if matches!(
            token.kind,
            SyntaxKind::BlockString | SyntaxKind::UnterminatedBlockString
        ) && spans_lines(token.range)
        {
            out.push(Fold {
                range: token.range,
                is_comment: false,
            });
        }
    }
    out.sort_by_key(|fold| (fold.range.start(), std::cmp::Reverse(fold.range.end())));
    out
}

/// Whether `next` starts on the line right after the one `prev` ends on, with only
/// whitespace between.
fn next_line(text: &str, prev: TextRange, next: TextRange) -> bool {
    let between = &text[TextRange::new(prev.end(), next.start().max(prev.end()))];
    let breaks = between.matches('\n').count() + between.matches('\r').count()
        - between.matches("\r\n").count();
    breaks == 1 && between.trim().is_empty()
}

//! Re-parsing a document after an edit without parsing what the edit did not touch.
//!
//! The new text is lexed whole (lexing is ~10× faster than parsing). Tokens equal at the
//! start of both versions, and tokens equal (moved by the edit's length change) at their
//! end, bound what changed. Top-level items whose tokens, and the token after them, lie in
//! the equal start are kept as they are; top-level items whose tokens, and the token
//! before them, lie in the equal end are kept and moved. Only the top-level items in
//! between are parsed, by the same grammar over the same tokens a whole parse would see.
//!
//! Anything unusual falls back to a whole parse (`None`): a syntax error in the old or
//! the re-parsed part, braces nested too deep, a re-parsed part that does not end with a
//! closed block before kept items. `tests/incremental.rs` checks, on random edits of every
//! fixture, that a re-parse is exactly the whole parse of the new text.

use std::ops::Range;

use text_size::{TextRange, TextSize};

use crate::ast::{Item, SourceFile};
use crate::lexer::{lex_from, SyntaxKind, Token};
use crate::parser::{parse_items_fast, significant_tokens, Tok};
use crate::shift::Shift;
use crate::{trivia, Parse};

/// A re-parse: the new parse and tokens, and which top-level items were parsed anew.
#[derive(Debug)]
pub struct Reparse {
    pub parse: Parse,
    /// Every token of the new text, trivia included.
    pub tokens: Vec<Token>,
    /// The new `parse.file.items` parsed anew. The items before are the old ones as they
    /// were; the items after are the old items from `old_suffix` on, moved by `delta`.
    pub reparsed: Range<usize>,
    /// Index in the old `parse.file.items` of the first item kept after the re-parsed
    /// ones (the old item count when none is kept).
    pub old_suffix: usize,
    /// New length minus old length, in bytes.
    pub delta: i64,
    /// The bytes that differ between the texts.
    pub change: Change,
}

/// The bytes that differ between two texts: `start..old_end` of the old one became
/// `start..new_end` of the new one; everything before and after is equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// Re-parses `new_text`, reusing the top-level items of `old` (the parse of `old_text`,
/// whose tokens are `old_tokens`) that the change does not touch. `None` when only a
/// whole parse gives the right result; the result is otherwise equal to
/// `parse_with_tokens(new_text)`.
pub fn reparse(
    old_text: &str,
    old: Parse,
    old_tokens: Vec<Token>,
    new_text: &str,
) -> Option<Reparse> {
    if !old.errors.is_empty() || u32::try_from(new_text.len()).is_err() {
        return None;
    }
    let delta = i64::try_from(new_text.len()).ok()? - i64::try_from(old_text.len()).ok()?;

    // The bytes equal at the start and at the end of both texts.
    let (old_bytes, new_bytes) = (old_text.as_bytes(), new_text.as_bytes());
    let prefix = common_prefix(old_bytes, new_bytes);
    let room = old_bytes.len().min(new_bytes.len()) - prefix;
    let suffix = common_suffix(old_bytes, new_bytes).min(room);
    let changed_end = new_bytes.len() - suffix;

    // Lex again from the start of a line before the change (the token before is a line
    // break far enough from the change that the lexer's look-ahead never reached it)
    // until a line break well after the change that the old tokens also have at the
    // moved place: from there on both texts lex alike.
    let mut tokens = old_tokens;
    let restart = {
        let near = tokens.partition_point(|tok| to_usize(tok.range.end()) + MARGIN <= prefix);
        tokens[..near]
            .iter()
            .rposition(|tok| tok.kind == SyntaxKind::Newline)
            .map_or(0, |idx| idx + 1)
    };
    let from_offset = match restart {
        0 => 0,
        n => to_usize(tokens[n - 1].range.end()),
    };
    let mut resync = None;
    let window = lex_from(new_text, from_offset, 256, |tok| {
        if tok.kind != SyntaxKind::Newline || to_usize(tok.range.start()) < changed_end + MARGIN {
            return false;
        }
        let old_start = i64::from(u32::from(tok.range.start())) - delta;
        let idx = tokens.partition_point(|old| i64::from(u32::from(old.range.start())) < old_start);
        let same = tokens.get(idx).is_some_and(|old| {
            old.kind == SyntaxKind::Newline
                && i64::from(u32::from(old.range.start())) == old_start
                && old.range.len() == tok.range.len()
        });
        if same {
            resync = Some(idx);
        }
        same
    });
    // Old tokens `restart..=resync` are replaced by the window; those after move.
    let old_tail = resync.map_or(tokens.len(), |idx| idx + 1);
    let tail_old_start = tokens
        .get(old_tail)
        .map_or(TextSize::try_from(old_text.len()).ok()?, |tok| {
            tok.range.start()
        });
    let window_len = window.len();
    tokens.splice(restart..old_tail, window);
    let tail = restart + window_len;
    if delta != 0 {
        for tok in &mut tokens[tail..] {
            tok.range.shift(delta);
        }
    }
    // Where the equal start ends, and where the equal end starts (new coordinates).
    let start_end = TextSize::try_from(from_offset).ok()?;
    let end_start = match tokens.get(tail) {
        Some(tok) => tok.range.start(),
        None => TextSize::try_from(new_text.len()).ok()?,
    };
    // Significant tokens near an offset, without building them all.
    let next_significant = |at: TextSize| {
        let idx = tokens.partition_point(|tok| tok.range.start() < at);
        tokens[idx..]
            .iter()
            .position(|tok| !tok.kind.is_trivia())
            .map(|n| idx + n)
    };
    let prev_significant = |at: TextSize| {
        let idx = tokens.partition_point(|tok| tok.range.start() < at);
        tokens[..idx].iter().rposition(|tok| !tok.kind.is_trivia())
    };

    let items = &old.file.items;
    // Kept at the start: the item and the token after it are in the equal start.
    let kept_before = items
        .iter()
        .take_while(|item| {
            next_significant(item.range().end())
                .is_some_and(|idx| tokens[idx].range.end() <= start_end)
        })
        .count();
    // Kept at the end: the item and the token before it are in the equal end.
    let moved = |at: TextSize| i64::from(u32::from(at)) + delta;
    let end_start_at = i64::from(u32::from(end_start));
    let kept_after = items[kept_before..]
        .iter()
        .rev()
        .take_while(|item| {
            let start = moved(item.range().start());
            if start < end_start_at {
                return false;
            }
            let Ok(start) = u32::try_from(start) else {
                return false;
            };
            prev_significant(TextSize::from(start))
                .is_none_or(|idx| i64::from(u32::from(tokens[idx].range.start())) >= end_start_at)
        })
        .count();
    let mut old_suffix = items.len() - kept_after;

    // The tokens in between, parsed as top-level items.
    let from = match kept_before {
        0 => TextSize::from(0),
        n => items[n - 1].range().end(),
    };
    let fresh = loop {
        let to = match items.get(old_suffix) {
            Some(item) => TextSize::from(u32::try_from(moved(item.range().start())).ok()?),
            None => TextSize::try_from(new_text.len()).ok()?,
        };
        if from > to {
            return None;
        }
        // The significant tokens of the part, with the tokens just before and after it
        // for their context (previous kind, line start, next kind), as a whole pass
        // over every token would give them.
        let first = tokens.partition_point(|tok| tok.range.start() < from);
        let last = tokens.partition_point(|tok| tok.range.start() < to);
        let before = tokens[..first]
            .iter()
            .rposition(|tok| !tok.kind.is_trivia());
        let after = tokens[last..]
            .iter()
            .position(|tok| !tok.kind.is_trivia())
            .map(|n| last + n);
        let slice = &tokens[before.unwrap_or(first)..after.map_or(tokens.len(), |idx| idx + 1)];
        let (mut significant, too_deep) = significant_tokens(slice);
        if too_deep.is_some() {
            return None;
        }
        if after.is_some() {
            significant.pop();
        }
        let toks: &[Tok] = &significant[usize::from(before.is_some())..];
        let fresh = if toks.is_empty() {
            Vec::new()
        } else {
            parse_items_fast(new_text, toks)?
        };
        // Before a kept item the re-parsed part must end with a closed block: nothing
        // that a whole parse could have continued into the kept item's tokens. A part
        // ending with a header (`年度 2024`) takes in the next item and tries again.
        let closed = match fresh.last() {
            Some(Item::Entity(entity)) => entity.body.as_ref().is_some_and(|b| b.r_brace.is_some()),
            Some(_) => false,
            None => true,
        };
        if closed || old_suffix == items.len() {
            break fresh;
        }
        // Only a few headers in a row are worth taking in; beyond, parse whole.
        if old_suffix >= items.len() - kept_after + 8 {
            return None;
        }
        old_suffix += 1;
    };

    // Comments: the old ones before the window, the window's, the old ones after it moved.
    let mut comments = old.comments;
    let keep = comments.partition_point(|c| to_usize(c.range.end()) <= from_offset);
    let moved_from = comments.partition_point(|c| c.range.start() < tail_old_start);
    let mut after_comments = comments.split_off(moved_from);
    comments.truncate(keep);
    comments.extend(trivia::comments(new_text, &tokens[restart..tail]));
    for comment in &mut after_comments {
        comment.range.shift(delta);
    }
    comments.extend(after_comments);
    let mut old_items = old.file.items;
    let mut after = old_items.split_off(old_suffix);
    old_items.truncate(kept_before);
    if delta != 0 {
        after.shift(delta);
    }
    let reparsed = kept_before..kept_before + fresh.len();
    old_items.extend(fresh);
    old_items.extend(after);
    // What a whole parse gives the file: from its first to its last significant token.
    let range = match (
        tokens.iter().find(|tok| !tok.kind.is_trivia()),
        tokens.iter().rev().find(|tok| !tok.kind.is_trivia()),
    ) {
        (Some(first), Some(last)) => TextRange::new(first.range.start(), last.range.end()),
        _ => TextRange::empty(TextSize::try_from(new_text.len()).ok()?),
    };
    Some(Reparse {
        parse: Parse {
            file: SourceFile {
                items: old_items,
                range,
            },
            errors: Vec::new(),
            comments,
        },
        tokens,
        reparsed,
        old_suffix,
        delta,
        change: Change {
            start: prefix,
            old_end: old_text.len() - suffix,
            new_end: changed_end,
        },
    })
}

/// Bytes kept between a change and where lexing restarts or stops: more than the
/// lexer ever looks past the end of a token.
const MARGIN: usize = 16;

fn to_usize(at: TextSize) -> usize {
    u32::from(at) as usize
}

/// How many bytes `a` and `b` share at their start (compared a block at a time).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..len]
        .iter()
        .zip(&b[at..len])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut end = len;
    while end >= BLOCK && a[end - BLOCK..end] == b[end - BLOCK..end] {
        end -= BLOCK;
    }
    (len - end)
        + a[..end]
            .iter()
            .rev()
            .zip(b[..end].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

//! A document cut into runs of top-level items that parse on their own, for checking a
//! large file one department at a time: the trees of one run are built, checked and
//! dropped before the next, so memory stays that of the text, its tokens and one run.
//!
//! A run ends with a `}` that closes a block opened at the top level (a department, a
//! project). The top-level items of the runs, one after another, are the items of the
//! whole parse when every run parses without an error; `tests/chunks.rs` checks it.

use std::ops::Range;

use text_size::{TextRange, TextSize};

use crate::ast::Item;
use crate::lexer::{lex, SyntaxKind, Token};
use crate::parser::{parse_items_fast, significant_tokens, MAX_NESTING};
use crate::trivia::{self, Comment};

/// The runs of one document.
pub struct Chunks<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    comments: Vec<Comment>,
    /// Token indices of each run; the runs cover every token, in order.
    runs: Vec<Range<usize>>,
}

/// Cuts `text` into runs; `None` when braces nest deeper than the parser accepts (a
/// whole parse reports that).
pub fn chunks(text: &str) -> Option<Chunks<'_>> {
    let tokens = lex(text);
    let comments = trivia::comments(text, &tokens);
    let mut runs = Vec::new();
    let (mut start, mut depth) = (0, 0u32);
    for (idx, token) in tokens.iter().enumerate() {
        match token.kind {
            SyntaxKind::LBrace => {
                depth += 1;
                if depth > MAX_NESTING {
                    return None;
                }
            }
            SyntaxKind::RBrace if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    runs.push(start..idx + 1);
                    start = idx + 1;
                }
            }
            _ => {}
        }
    }
    if start < tokens.len() || runs.is_empty() {
        runs.push(start..tokens.len());
    }
    Some(Chunks {
        text,
        tokens,
        comments,
        runs,
    })
}

impl Chunks<'_> {
    /// How many runs.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The text a run covers: from its first token to its last (trivia before its first
    /// item included).
    pub fn range(&self, run: usize) -> TextRange {
        let tokens = &self.tokens[self.runs[run].clone()];
        match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => TextRange::new(first.range.start(), last.range.end()),
            _ => TextRange::empty(TextSize::try_from(self.text.len()).unwrap_or_default()),
        }
    }

    /// The top-level items of a run, as the whole parse builds them; `None` when the run
    /// has a syntax error (the whole parse decides what to make of it then).
    pub fn parse(&self, run: usize) -> Option<Vec<Item>> {
        let range = self.runs[run].clone();
        // The significant tokens of the run, with the ones just before and after it for
        // their context (previous kind, line start, next kind).
        let significant = |tok: &Token| !tok.kind.is_trivia();
        let before = self.tokens[..range.start].iter().rposition(significant);
        let after = self.tokens[range.end..]
            .iter()
            .position(significant)
            .map(|n| range.end + n);
        let slice =
            &self.tokens[before.unwrap_or(range.start)..after.map_or(self.tokens.len(), |n| n + 1)];
        let (mut toks, too_deep) = significant_tokens(slice);
        if too_deep.is_some() {
            return None;
        }
        if after.is_some() {
            toks.pop();
        }
        let toks = &toks[usize::from(before.is_some())..];
        if toks.is_empty() {
            return Some(Vec::new());
        }
        parse_items_fast(self.text, toks)
    }

    /// Every comment of the document, in order.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// The comments within `range`, in order.
    pub fn comments_in(&self, range: TextRange) -> &[Comment] {
        let first = self
            .comments
            .partition_point(|c| c.range.start() < range.start());
        let last = self
            .comments
            .partition_point(|c| c.range.end() <= range.end());
        &self.comments[first..last.max(first)]
    }

    /// The text of every directive comment (`# ptg: …`).
    pub fn directives(&self) -> impl Iterator<Item = &str> + '_ {
        self.comments
            .iter()
            .filter(|c| c.is_directive)
            .map(|c| &self.text[c.range])
    }
}

//! A document cut into runs of top-level items that parse on their own, for checking a
//! large file one department at a time: the tokens and trees of one run are built,
//! checked and dropped before the next, so memory stays that of the text and one run.
//!
//! A run ends with a `}` that closes a block opened at the top level (a department, a
//! project); the trivia after it belong to the next run. The top-level items of the
//! runs, one after another, are the items of the whole parse when every run parses
//! without an error (`ptg_lint`'s `tests/stream.rs` checks the lint built on it).

use text_size::{TextRange, TextSize};

use crate::ast::Item;
use crate::lexer::{lex_from, SyntaxKind, Token};
use crate::parser::{parse_items_fast, significant_tokens, MAX_NESTING};
use crate::trivia::{self, Comment};

/// The runs of one document.
pub struct Chunks<'t> {
    text: &'t str,
    comments: Vec<Comment>,
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    /// Where the run's first token starts.
    start: usize,
    /// Where its last token ends.
    end: usize,
    /// Where the `}` that ends the previous run starts (lexing starts there, for the
    /// context of the run's first token), if there is one.
    context: Option<usize>,
}

/// Lexes one run from `start`: every token up to the `}` that brings the depth back to
/// zero (or the end of the text), then, with `lookahead`, up to the next significant
/// token. `None` when braces nest deeper than the parser accepts.
fn lex_run(text: &str, start: usize, lookahead: bool) -> Option<(Vec<Token>, bool)> {
    let mut depth = 0u32;
    let mut closed = false;
    let mut too_deep = false;
    let tokens = lex_from(text, start, 256, |token| {
        if closed {
            return !token.kind.is_trivia();
        }
        match token.kind {
            SyntaxKind::LBrace => {
                depth += 1;
                too_deep |= depth > MAX_NESTING;
            }
            SyntaxKind::RBrace if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    closed = true;
                    return !lookahead;
                }
            }
            _ => {}
        }
        too_deep
    });
    (!too_deep).then_some((tokens, closed))
}

/// Cuts `text` into runs; `None` when braces nest deeper than the parser accepts (a
/// whole parse reports that).
pub fn chunks(text: &str) -> Option<Chunks<'_>> {
    let mut runs = Vec::new();
    let mut comments = Vec::new();
    let mut start = 0;
    let mut context: Option<Token> = None;
    while start < text.len() || runs.is_empty() {
        let (mut tokens, closed) = lex_run(text, start, false)?;
        let Some(last) = tokens.last().copied() else {
            break;
        };
        // Comments, with the previous run's `}` in front: a comment on its line trails.
        if let Some(brace) = context {
            tokens.insert(0, brace);
        }
        comments.extend(trivia::comments(text, &tokens));
        runs.push(Run {
            start,
            end: u32::from(last.range.end()) as usize,
            context: context.map(|brace| u32::from(brace.range.start()) as usize),
        });
        start = u32::from(last.range.end()) as usize;
        if !closed {
            break;
        }
        context = Some(last);
    }
    Some(Chunks {
        text,
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
        let run = self.runs[run];
        let size = |at: usize| TextSize::try_from(at).unwrap_or_default();
        TextRange::new(size(run.start), size(run.end))
    }

    /// The top-level items of a run, as the whole parse builds them; `None` when the run
    /// has a syntax error (the whole parse decides what to make of it then).
    pub fn parse(&self, run: usize) -> Option<Vec<Item>> {
        let run = self.runs[run];
        // Lexed from the previous run's `}` to the significant token after this run:
        // the context of its first and last tokens (previous kind, line start, next kind).
        let (tokens, _) = lex_run(self.text, run.context.unwrap_or(run.start), true)?;
        let (mut toks, too_deep) = significant_tokens(&tokens);
        if too_deep.is_some() {
            return None;
        }
        let end = TextSize::try_from(run.end).ok()?;
        if toks.last().is_some_and(|tok| tok.range.start() >= end) {
            toks.pop();
        }
        let toks = toks
            .get(usize::from(run.context.is_some())..)
            .unwrap_or_default();
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

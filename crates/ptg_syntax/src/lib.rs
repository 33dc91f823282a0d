//! The syntax of the PTG language: lexer, parser, typed AST with byte ranges.
//!
//! Architecture Invariant: this crate knows nothing of schemes, rules, the file system,
//! terminals or LSP. Parsing never fails and never panics: [`parse`] always returns a
//! [`Parse`] with as much structure as the text allows, plus its errors.

pub mod ast;
pub mod chunks;
pub mod decimal;
pub mod dump;
pub mod error;
pub mod incremental;
pub mod lexer;
pub mod parser;
mod shift;
pub mod trivia;
pub mod words;

pub use ast::SourceFile;
pub use decimal::Decimal;
pub use error::{SyntaxError, SyntaxErrorKind};
pub use incremental::{reparse, Change, Reparse};
pub use lexer::{lex, SyntaxKind, Token};
pub use trivia::{Comment, CommentPlacement};

use ptg_diagnostics::{Diagnostic, Lang};

/// The result of parsing one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    pub file: SourceFile,
    pub errors: Vec<SyntaxError>,
    pub comments: Vec<Comment>,
}

impl Parse {
    /// The syntax errors as diagnostics, in `lang`.
    pub fn diagnostics(&self, lang: Lang) -> Vec<Diagnostic> {
        self.errors
            .iter()
            .map(|err| err.to_diagnostic(lang))
            .collect()
    }
}

/// Parses a document. Texts longer than `u32::MAX` bytes are the caller's to refuse.
pub fn parse(text: &str) -> Parse {
    parse_impl(text, false, false).0
}

/// [`parse`], also returning every token (trivia included), for callers that keep both
/// (the IDE's document snapshot) without lexing twice.
pub fn parse_with_tokens(text: &str) -> (Parse, Vec<Token>) {
    parse_impl(text, false, true)
}

/// [`parse`] without the fast first pass: every document goes through the pass that
/// builds rich errors. The result must be the same as [`parse`]'s; this exists for the
/// tests and fuzz targets that check so.
#[doc(hidden)]
pub fn parse_reporting_pass(text: &str) -> Parse {
    parse_impl(text, true, false).0
}

fn parse_impl(text: &str, reporting_only: bool, keep_tokens: bool) -> (Parse, Vec<Token>) {
    let mut tokens = lex(text);
    let comments = trivia::comments(text, &tokens);
    let (significant, too_deep) = parser::significant_tokens(&tokens);
    if !keep_tokens {
        // Not needed by the parser (it reads `significant`): free them before the tree
        // is built, which lowers the peak (12 bytes a token, ~2 tokens per 10 bytes).
        tokens = Vec::new();
    }
    let (file, errors) = parser::parse_tokens(text, &significant, too_deep, reporting_only);
    let parse = Parse {
        file,
        errors,
        comments,
    };
    (parse, tokens)
}

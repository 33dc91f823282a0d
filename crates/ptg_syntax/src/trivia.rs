//! Comments, kept beside the AST for the formatter and for suppression directives.

use text_size::TextRange;

use crate::lexer::{SyntaxKind, Token};

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentPlacement {
    /// Alone on its line.
    OwnLine,
    /// After code on the same line.
    Trailing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: TextRange,
    pub placement: CommentPlacement,
    /// A `# ptg: …` directive (suppression, formatter switch).
    pub is_directive: bool,
}

/// Every comment of the document, in order.
pub fn comments(text: &str, tokens: &[Token]) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut code_on_line = false;
    for token in tokens {
        match token.kind {
            SyntaxKind::Newline => code_on_line = false,
            SyntaxKind::Whitespace => {}
            SyntaxKind::Comment => {
                let body = text[token.range]
                    .trim_start_matches(['#', '＃'])
                    .trim_start();
                out.push(Comment {
                    range: token.range,
                    placement: if code_on_line {
                        CommentPlacement::Trailing
                    } else {
                        CommentPlacement::OwnLine
                    },
                    is_directive: body.starts_with("ptg:"),
                });
            }
            _ => code_on_line = true,
        }
    }
    out
}

//! The PTG formatter: rewrites a document to one canonical spelling and layout.
//!
//! Architecture Invariant: works from syntax alone (`ptg_syntax`); the only outside
//! knowledge it takes is a [`CategoryResolver`] the caller builds from the active scheme,
//! so that aliases and coded category names become canonical and category blocks follow
//! the scheme's order. It never formats a document with syntax errors, never drops a
//! comment or a character of a name, string or qualitative value, and checks that before
//! returning (re-parse, same comments, same string contents).
//!
//! The layout has no line-fitting decisions (one item per line, blocks always open), so a
//! direct printer is enough; a Wadler-style document IR would only add indirection.

mod print;

use ptg_syntax::{Parse, SyntaxError};

pub use print::CategoryResolver;

/// Which scheme governs a category block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CategoryOwner {
    /// Inside a project (the file's `体系`).
    Project,
    /// Directly inside a department (the department-level scheme).
    Department,
}

/// Formatting options. The defaults keep category names as written (no scheme known).
#[derive(Clone, Copy, Default)]
pub struct FormatOptions<'a> {
    pub categories: Option<&'a dyn CategoryResolver>,
}

/// Why a document was not formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The document has syntax errors; formatting it could lose what the author meant.
    SyntaxErrors(Vec<SyntaxError>),
    /// The formatter's own output failed its safety checks (a bug; nothing is written).
    Unsafe(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::SyntaxErrors(errors) => {
                write!(f, "文件有 {} 个语法错误，未格式化", errors.len())
            }
            FormatError::Unsafe(why) => write!(f, "格式化结果未通过安全检查：{why}"),
        }
    }
}

/// Formats a whole document.
pub fn format(text: &str, options: &FormatOptions<'_>) -> Result<String, FormatError> {
    let parse = ptg_syntax::parse(text);
    format_parsed(text, &parse, options)
}

/// Formats a document already parsed (the language server keeps its parse).
pub fn format_parsed(
    text: &str,
    parse: &Parse,
    options: &FormatOptions<'_>,
) -> Result<String, FormatError> {
    if !parse.errors.is_empty() {
        return Err(FormatError::SyntaxErrors(parse.errors.clone()));
    }
    let output = print::Printer::new(text, parse, options).print();
    verify(text, parse, &output)?;
    Ok(output)
}

/// The safety net: the output parses, and keeps every comment and every string content.
fn verify(text: &str, parse: &Parse, output: &str) -> Result<(), FormatError> {
    let reparsed = ptg_syntax::parse(output);
    if !reparsed.errors.is_empty() {
        return Err(FormatError::Unsafe(format!(
            "output has syntax errors: {}",
            reparsed.errors[0].message(ptg_diagnostics::Lang::En)
        )));
    }
    let comments = |src: &str, p: &Parse| {
        let mut all: Vec<String> = p
            .comments
            .iter()
            .map(|c| src[c.range].trim_end().to_string())
            .collect();
        all.sort();
        all
    };
    if comments(text, parse) != comments(output, &reparsed) {
        return Err(FormatError::Unsafe("comments changed".into()));
    }
    let strings = |p: &Parse| {
        let mut all = print::string_contents(&p.file);
        all.sort();
        all
    };
    if strings(parse) != strings(&reparsed) {
        return Err(FormatError::Unsafe("string contents changed".into()));
    }
    Ok(())
}

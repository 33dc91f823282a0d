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
mod runs;

use ptg_syntax::ast::Item;
use ptg_syntax::{Comment, Parse, SyntaxError};
use text_size::TextSize;

pub use print::CategoryResolver;
pub use runs::Runs;

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
    let starts = print::line_starts(text);
    let items: Vec<&Item> = parse.file.items.iter().collect();
    let out = String::with_capacity(text.len() + text.len() / 8);
    let mut printer = print::Printer::new(text, &parse.comments, &starts, options, out);
    let end = TextSize::try_from(text.len()).unwrap_or(TextSize::from(u32::MAX));
    printer.print_top(&items, TextSize::from(0), end, false);
    let mut output = printer.into_output();
    print::end_output(&mut output);
    verify(text, &parse.comments, &parse.file.items, &output)?;
    Ok(output)
}

/// The safety net: `output` parses, and keeps every comment and every string content of
/// the `comments` and `items` it was printed from.
fn verify(
    text: &str,
    comments: &[Comment],
    items: &[Item],
    output: &str,
) -> Result<(), FormatError> {
    let reparsed = ptg_syntax::parse(output);
    if !reparsed.errors.is_empty() {
        return Err(FormatError::Unsafe(format!(
            "output has syntax errors: {}",
            reparsed.errors[0].message(ptg_diagnostics::Lang::En)
        )));
    }
    let texts = |src: &str, comments: &[Comment]| {
        let mut all: Vec<String> = comments
            .iter()
            .map(|c| src[c.range].trim_end().to_string())
            .collect();
        all.sort();
        all
    };
    if texts(text, comments) != texts(output, &reparsed.comments) {
        return Err(FormatError::Unsafe("comments changed".into()));
    }
    let strings = |items: &[Item]| {
        let mut all = print::string_contents(items);
        all.sort();
        all
    };
    if strings(items) != strings(&reparsed.file.items) {
        return Err(FormatError::Unsafe("string contents changed".into()));
    }
    Ok(())
}

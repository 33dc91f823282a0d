//! IDE features of PTG, protocol-agnostic: byte offsets and plain data in, plain data
//! out. The language server converts positions at its edge and calls these.
//!
//! Architecture Invariant: no `lsp_types`, no IO, no async. A [`Document`] is an immutable
//! snapshot: text, parse, lint findings and line index, built once per version.

use ptg_diagnostics::{Diagnostic, TextEdit};
use ptg_fmt::{CategoryOwner, CategoryResolver, FormatError, FormatOptions};
use ptg_line_index::LineIndex;
use ptg_lint::LintSettings;
use ptg_semantic::{Model, Scheme};
use ptg_syntax::Parse;
use text_size::{TextRange, TextSize};

/// One analysed version of a document.
pub struct Document {
    text: String,
    parse: Parse,
    settings: LintSettings,
    diagnostics: Vec<Diagnostic>,
    line_index: LineIndex,
}

impl Document {
    /// Parses and lints `text` with `settings` (from the document's `ptg.toml`).
    pub fn new(text: String, settings: LintSettings) -> Document {
        let parse = ptg_syntax::parse(&text);
        let diagnostics = ptg_lint::lint(&text, &parse, &settings);
        let line_index = LineIndex::new(&text);
        Document {
            text,
            parse,
            settings,
            diagnostics,
            line_index,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn parse(&self) -> &Parse {
        &self.parse
    }

    pub fn settings(&self) -> &LintSettings {
        &self.settings
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// Syntax errors and rule findings, sorted by position, with configured severities.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The semantic model of this version (built on demand; cheap).
    pub fn model(&self) -> Model<'_> {
        Model::build(&self.text, &self.parse, &self.settings.model)
    }

    /// The whole document formatted, as one edit replacing everything that changed, or no
    /// edit when it is already canonical. Refused for documents with syntax errors.
    pub fn format(&self) -> Result<Vec<TextEdit>, FormatError> {
        let formatted = format_text(&self.text, &self.parse, &self.model())?;
        if formatted == self.text {
            return Ok(Vec::new());
        }
        let end = TextSize::try_from(self.text.len()).unwrap_or(TextSize::from(u32::MAX));
        Ok(vec![TextEdit::replace(TextRange::new(0.into(), end), formatted)])
    }
}

/// Resolves category names against the schemes of one document, for the formatter.
pub struct SchemeResolver {
    project: Scheme,
    department: Scheme,
}

impl SchemeResolver {
    pub fn new(model: &Model<'_>) -> SchemeResolver {
        SchemeResolver {
            project: model.scheme.clone(),
            department: model.department_scheme.clone(),
        }
    }
}

impl CategoryResolver for SchemeResolver {
    fn resolve(
        &self,
        owner: CategoryOwner,
        parent: Option<&str>,
        name: &str,
    ) -> Option<(String, usize)> {
        match owner {
            CategoryOwner::Project => self.project.canonical(parent, name),
            CategoryOwner::Department => self.department.canonical(parent, name),
        }
    }
}

/// Formats a parsed document with the schemes its model resolved. Line endings follow
/// the document's first line break (`\r\n` stays `\r\n`). The CLI and the server share it.
pub fn format_text(text: &str, parse: &Parse, model: &Model<'_>) -> Result<String, FormatError> {
    let resolver = SchemeResolver::new(model);
    let options = FormatOptions {
        categories: Some(&resolver),
    };
    let formatted = ptg_fmt::format_parsed(text, parse, &options)?;
    let crlf = text
        .find('\n')
        .is_some_and(|idx| idx > 0 && text.as_bytes()[idx - 1] == b'\r');
    Ok(if crlf {
        formatted.replace('\n', "\r\n")
    } else {
        formatted
    })
}

//! IDE features of PTG, protocol-agnostic: byte offsets and plain data in, plain data
//! out. The language server converts positions at its edge and calls these.
//!
//! Architecture Invariant: no `lsp_types`, no IO, no async. A [`Document`] is an immutable
//! snapshot: text, parse, lint findings and line index, built once per version.
//!
//! Every feature takes byte offsets and never panics on any offset: offsets past the end
//! clamp to the end, offsets inside a character round down to its start. One module per
//! feature: `completion`, `hover`, `actions` (quick fixes and fix-all), `symbols`,
//! `folding`, `goto` (go to definition); `context` finds where an offset stands.

mod actions;
mod completion;
mod context;
mod folding;
mod goto;
mod hover;
mod symbols;
mod text;

pub use actions::{Action, ActionKind};
pub use completion::{Completion, CompletionKind};
pub use folding::Fold;
pub use hover::HoverInfo;
pub use symbols::{Symbol, SymbolKind};

use ptg_diagnostics::{Diagnostic, Lang, TextEdit};
use ptg_fmt::{CategoryOwner, CategoryResolver, FormatError, FormatOptions};
use ptg_line_index::LineIndex;
use ptg_lint::LintSettings;
use ptg_semantic::{Model, Scheme};
use ptg_syntax::{Parse, Token};
use text_size::{TextRange, TextSize};

/// One analysed version of a document.
pub struct Document {
    text: String,
    parse: Parse,
    /// Every token, trivia included: completion reads the tokens around the cursor and
    /// folding the block strings, without lexing again per request.
    tokens: Vec<Token>,
    settings: LintSettings,
    diagnostics: Vec<Diagnostic>,
    line_index: LineIndex,
}

impl Document {
    /// Parses and lints `text` with `settings` (from the document's `ptg.toml`).
    pub fn new(text: String, settings: LintSettings) -> Document {
        let (parse, tokens) = ptg_syntax::parse_with_tokens(&text);
        // A large document's rules run on every core: the editor waits for them.
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let diagnostics = ptg_lint::lint_with_threads(&text, &parse, &settings, threads);
        let line_index = LineIndex::new(&text);
        Document {
            text,
            parse,
            tokens,
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

    /// Every token of the text, trivia included.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
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

    /// The model of the headers and of the top-level entity around `offset` (see
    /// [`Model::build_around`]), for features that look at one position.
    pub fn model_around(&self, offset: TextSize) -> Model<'_> {
        Model::build_around(&self.text, &self.parse, &self.settings.model, offset)
    }

    /// The whole document formatted, as one edit replacing everything that changed, or no
    /// edit when it is already canonical. Refused for documents with syntax errors.
    pub fn format(&self) -> Result<Vec<TextEdit>, FormatError> {
        let formatted = format_text(&self.text, &self.parse, &self.model())?;
        if formatted == self.text {
            return Ok(Vec::new());
        }
        let end = TextSize::try_from(self.text.len()).unwrap_or(TextSize::from(u32::MAX));
        Ok(vec![TextEdit::replace(
            TextRange::new(0.into(), end),
            formatted,
        )])
    }

    /// Completions at `offset`, for what may be typed there: keywords and fields not yet
    /// present, the categories the scheme allows in the slot, units ranked by the kind the
    /// enclosing category expects, comparators, scheme names, snippets.
    pub fn completions(&self, offset: TextSize) -> Vec<Completion> {
        completion::completions(self, offset)
    }

    /// What the construct at `offset` means: a category's definition and expected value
    /// kind, how a value is read, a field's meaning; plus the docs of the rules whose
    /// findings cover `offset`.
    pub fn hover(&self, offset: TextSize) -> Option<HoverInfo> {
        hover::hover(self, offset)
    }

    /// Quick fixes of the diagnostics whose primary range touches `range`, safe and
    /// unsafe (unsafe ones say so in their title).
    pub fn code_actions(&self, range: TextRange) -> Vec<Action> {
        actions::code_actions(self, range)
    }

    /// Every safe fix, applied to a fixpoint as `ptg check --fix` does, as one edit; `None`
    /// when there is nothing to fix.
    pub fn fix_all(&self) -> Option<Action> {
        actions::fix_all(self)
    }

    /// The outline: departments, budget units, projects, categories, indicators.
    pub fn symbols(&self) -> Vec<Symbol> {
        symbols::symbols(self)
    }

    /// Blocks that span lines, runs of own-line comments, multi-line block strings.
    pub fn folding_ranges(&self) -> Vec<Fold> {
        folding::folding_ranges(self)
    }

    /// Where the construct at `offset` points: a duplicate indicator to its first
    /// occurrence (the first to its repetitions), a roll-up total to the funds of the
    /// projects it sums.
    pub fn definition(&self, offset: TextSize) -> Vec<TextRange> {
        goto::definition(self, offset)
    }

    fn lang(&self) -> Lang {
        self.settings.lang
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

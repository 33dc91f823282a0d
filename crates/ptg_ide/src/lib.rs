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
    /// What the rules found in each part, for [`Document::edit`].
    raw: RawFindings,
    /// Built by [`Document::edit`] from the previous version's tree and findings.
    edited: bool,
}

/// The rules' findings per part of the document (see [`ptg_lint::Part`]), before
/// precedence, suppressions and severities.
struct RawFindings {
    headers: Vec<Diagnostic>,
    /// One entry per top-level item of the parse; `None` for an item that is not an
    /// entity (a header).
    items: Vec<Option<Vec<Diagnostic>>>,
}

impl RawFindings {
    fn check_all(text: &str, parse: &Parse, settings: &LintSettings) -> RawFindings {
        let parts = ptg_lint::parts(parse);
        // A large document's rules run on every core: the editor waits for them.
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let mut found = ptg_lint::check_parts(text, parse, settings, &parts, threads).into_iter();
        let headers = found.next().unwrap_or_default();
        let mut items: Vec<Option<Vec<Diagnostic>>> = vec![None; parse.file.items.len()];
        for (part, findings) in parts[1..].iter().zip(found) {
            if let ptg_lint::Part::Entity(idx) = part {
                items[*idx] = Some(findings);
            }
        }
        RawFindings { headers, items }
    }

    /// The document's diagnostics: [`ptg_lint::finish`] over every part's findings.
    fn finish(&self, text: &str, parse: &Parse, settings: &LintSettings) -> Vec<Diagnostic> {
        let all = self
            .headers
            .iter()
            .chain(self.items.iter().flatten().flatten())
            .cloned()
            .collect();
        ptg_lint::finish(text, parse, settings, all)
    }
}

impl Document {
    /// Parses and lints `text` with `settings` (from the document's `ptg.toml`).
    pub fn new(text: String, settings: LintSettings) -> Document {
        let (parse, tokens) = ptg_syntax::parse_with_tokens(&text);
        let raw = RawFindings::check_all(&text, &parse, &settings);
        let diagnostics = raw.finish(&text, &parse, &settings);
        let line_index = LineIndex::new(&text);
        Document {
            text,
            parse,
            tokens,
            settings,
            diagnostics,
            line_index,
            raw,
            edited: false,
        }
    }

    /// The analysis of `text`, a later version of this document with the same settings,
    /// built from this one: only the top-level entities the change touched are parsed and
    /// checked again; the others keep their tree and findings, moved. Falls back to
    /// [`Document::new`] when the change touches the headers or either version has a
    /// syntax error. The result is the same as `Document::new(text, settings)`'s.
    pub fn edit(self, text: String) -> Document {
        let Document {
            text: old_text,
            parse,
            tokens,
            settings,
            raw,
            line_index: old_index,
            ..
        } = self;
        let Some(re) = ptg_syntax::reparse(&old_text, parse, tokens, &text) else {
            return Document::new(text, settings);
        };
        let items = &re.parse.file.items;
        let headers_touched = raw.items[re.reparsed.start..re.old_suffix]
            .iter()
            .any(Option::is_none)
            || items[re.reparsed.clone()]
                .iter()
                .any(|item| !matches!(item, ptg_syntax::ast::Item::Entity(_)));
        let raw = if headers_touched {
            RawFindings::check_all(&text, &re.parse, &settings)
        } else {
            edit_findings(raw, &old_text, &text, &re, &settings)
        };
        let parse = re.parse;
        let diagnostics = raw.finish(&text, &parse, &settings);
        let change = re.change;
        let line_index = old_index.edit(&text, change.start, change.old_end, change.new_end);
        Document {
            text,
            parse,
            tokens: re.tokens,
            settings,
            diagnostics,
            line_index,
            raw,
            edited: true,
        }
    }

    /// Whether [`Document::edit`] reused the previous version (for tests and benchmarks).
    #[doc(hidden)]
    pub fn was_edited(&self) -> bool {
        self.edited
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
    Ok(line_endings(text, formatted))
}

/// [`format_text`] computed one top-level entity at a time, for a large file: the trees
/// of the whole input and output never exist at once. `None` when the document needs the
/// whole parse ([`ptg_fmt::Runs::new`]); the result is otherwise `format_text`'s.
pub fn format_in_runs(
    text: &str,
    options: &ptg_semantic::ModelOptions,
) -> Option<Result<String, FormatError>> {
    let runs = ptg_fmt::Runs::new(text)?;
    let headers = Parse {
        file: ptg_syntax::ast::SourceFile {
            items: runs.headers().cloned().collect(),
            range: TextRange::up_to(TextSize::try_from(text.len()).ok()?),
        },
        errors: Vec::new(),
        comments: Vec::new(),
    };
    let model = Model::build(text, &headers, options);
    let resolver = SchemeResolver::new(&model);
    let options = FormatOptions {
        categories: Some(&resolver),
    };
    Some(
        runs.format(&options)?
            .map(|formatted| line_endings(text, formatted)),
    )
}

/// The formatted text with the line endings of `text`'s first line break (`\r\n` stays).
fn line_endings(text: &str, formatted: String) -> String {
    let crlf = text
        .find('\n')
        .is_some_and(|idx| idx > 0 && text.as_bytes()[idx - 1] == b'\r');
    if crlf {
        formatted.replace('\n', "\r\n")
    } else {
        formatted
    }
}

/// The findings of a re-parsed document: the parts before the change as they were, the
/// re-parsed entities checked, the parts after it moved by `delta` (or checked again when
/// a message of theirs names a line and the lines moved), the headers checked.
fn edit_findings(
    old: RawFindings,
    old_text: &str,
    text: &str,
    re: &ptg_syntax::Reparse,
    settings: &LintSettings,
) -> RawFindings {
    use ptg_lint::Part;
    let (parse, reparsed, old_suffix, delta) = (&re.parse, &re.reparsed, re.old_suffix, re.delta);
    let items = &parse.file.items;
    let mut checker = ptg_lint::PartChecker::new(text, parse, settings);
    // Every range at or after the end of the changed text (old coordinates) moves by
    // `delta`, in the parts after the change and in those before it (whose findings may
    // point at a header further down).
    let (new_end, old_end) = match items.get(reparsed.end) {
        Some(first) => {
            let new_end = u32::from(first.range().start()) as usize;
            (
                new_end,
                usize::try_from(new_end as i64 - delta).unwrap_or(0),
            )
        }
        None => (text.len(), old_text.len()),
    };
    let at = TextSize::try_from(old_end).unwrap_or_default();
    let from = match reparsed.start {
        0 => 0,
        n => u32::from(items[n - 1].range().end()) as usize,
    };
    let newlines = |text: &str, end: usize| {
        text.as_bytes()[from.min(end)..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
    };
    // Messages that name a line are rebuilt in the parts after the change when the
    // change added or removed lines (they name lines of their own part).
    let lines_moved = newlines(old_text, old_end) != newlines(text, new_end);
    let kept = |checker: &mut ptg_lint::PartChecker<'_>,
                idx: usize,
                findings: Option<Vec<Diagnostic>>,
                after: bool| {
        let mut findings = findings?;
        if delta != 0 {
            for d in &mut findings {
                d.shift_from(at, delta);
            }
        }
        if after && lines_moved && findings.iter().any(|d| ptg_lint::mentions_lines(d.rule)) {
            findings.retain(|d| !ptg_lint::mentions_lines(d.rule));
            findings.extend(checker.check_rules(Part::Entity(idx), ptg_lint::mentions_lines));
        }
        Some(findings)
    };
    let mut out: Vec<Option<Vec<Diagnostic>>> = Vec::with_capacity(items.len());
    let mut old_items = old.items.into_iter();
    for idx in 0..reparsed.start {
        out.push(kept(&mut checker, idx, old_items.next().flatten(), false));
    }
    for idx in reparsed.clone() {
        let entity = matches!(items[idx], ptg_syntax::ast::Item::Entity(_));
        out.push(entity.then(|| checker.check(Part::Entity(idx))));
    }
    for (offset, findings) in old_items.skip(old_suffix - reparsed.start).enumerate() {
        out.push(kept(&mut checker, reparsed.end + offset, findings, true));
    }
    RawFindings {
        headers: checker.check(Part::Headers),
        items: out,
    }
}

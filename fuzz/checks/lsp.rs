//! The `lsp` fuzz target's check, shared with `ptg_lsp`'s `fuzz_regressions` test.
//!
//! The input is a document and a session: the bytes before the first `0xFF` (a byte no
//! UTF-8 text contains) are the text opened, decoded lossily; the bytes after it are read
//! with `arbitrary` as the negotiated encoding, client capabilities and a sequence of
//! operations: incremental and full `didChange`s with random ranges, completion, hover,
//! definition, symbols, folding, diagnostics, formatting and code actions (whose edits the
//! client may apply and send back as a `didChange`, as an editor does), close and reopen.
//! Positions are random: inside multi-byte characters (half a UTF-16 surrogate pair, the
//! middle of a UTF-8 sequence), past the end of a line, past the last line.
//!
//! The client keeps its own copy of the text and applies every change with the protocol's
//! rules, computed here independently of `ptg_line_index`: line breaks are `\n`, `\r\n`
//! and `\r`; a column past the end of a line means the end of the line; a line past the
//! last means the end of the text; a position inside a character means its start (the
//! protocol leaves this one open; the server documents it); a reversed range is empty at
//! its start. After every operation the server's text equals the client's, and every
//! position the server answers with lies on a character boundary of the current text.

use arbitrary::{Arbitrary, Unstructured};
use ptg_diagnostics::Lang;
use ptg_lsp::fuzzing::lsp_types as lsp;
use ptg_lsp::fuzzing::{Capabilities, Encoding, Session};

/// Operations per input, at most.
const MAX_OPS: usize = 16;

/// Pieces of PTG and awkward characters that insertions are made of.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    " ",
    "{",
    "}",
    "\"",
    "部门 ",
    "项目 ",
    "单位 ",
    "\"名称\" ",
    "年度 2024\n",
    "体系 国家2021\n",
    "金额单位 万元\n",
    "产出指标 {\n",
    "数量指标 {\n",
    "\"培训人数\" ≥ 90人\n",
    "满意度指标 ",
    "≥ ",
    ">=",
    "90%",
    "以上",
    "0~150000吨",
    "2024-12-31前",
    "每月10日前",
    "# 注释\n",
    "# ptg: allow(vague-value) -- 原因\n",
    "\"\"\"块\n",
    "资金 118.8万元 ",
    "😀",
    "𠀀",
    "甲",
    "é",
    "\u{FEFF}",
    "\u{200B}",
    "\u{0}",
    "９０％",
    "元/人/月",
    "万",
];

#[derive(Arbitrary, Debug)]
struct Script {
    encoding: u8,
    snippets: bool,
    markdown_hover: bool,
    hierarchical_symbols: bool,
    line_folding_only: bool,
    english: bool,
    ops: Vec<Op>,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Change(Vec<Change>),
    Completion(Pos),
    Hover(Pos),
    Definition(Pos),
    Symbols,
    Folding,
    Diagnostics,
    Format {
        apply: bool,
    },
    CodeAction {
        start: Pos,
        end: Pos,
        only: u8,
        apply: Option<u8>,
    },
    Close,
    Reopen(Vec<Piece>),
    /// A request about a document that was never opened.
    Unknown(Pos),
}

#[derive(Arbitrary, Debug)]
struct Change {
    /// No range: the whole text is replaced.
    full: bool,
    start: Pos,
    end: Pos,
    text: Vec<Piece>,
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Fragment(u8),
    Char(char),
    Text(String),
}

/// A position, mostly near the text, sometimes far past it.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Pos {
    line: u8,
    character: u8,
    far: u8,
}

impl Pos {
    fn lsp(self) -> lsp::Position {
        let line = match self.far % 16 {
            0 => u32::from(self.line) + 1_000,
            1 => u32::MAX,
            _ => u32::from(self.line % 16),
        };
        let character = match self.far / 16 {
            0 => u32::from(self.character) + 1_000,
            1 => u32::MAX,
            _ => u32::from(self.character % 64),
        };
        lsp::Position::new(line, character)
    }
}

fn text_of(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Fragment(idx) => out.push_str(FRAGMENTS[usize::from(*idx) % FRAGMENTS.len()]),
            Piece::Char(ch) => out.push(*ch),
            Piece::Text(text) => out.push_str(text),
        }
    }
    out
}

/// The client's side: its copy of the text and the protocol's position rules.
struct Client {
    text: String,
    encoding: Encoding,
}

impl Client {
    /// (start, end of content) of each line, in bytes.
    fn lines(&self) -> Vec<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, bytes.len()));
        lines
    }

    fn width(&self, ch: char) -> u32 {
        match self.encoding {
            Encoding::Utf8 => ch.len_utf8() as u32,
            Encoding::Utf16 => ch.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }

    fn offset(&self, pos: lsp::Position) -> usize {
        let lines = self.lines();
        let Some(&(start, end)) = lines.get(pos.line as usize) else {
            return self.text.len();
        };
        let mut column = 0u32;
        for (idx, ch) in self.text[start..end].char_indices() {
            let next = column + self.width(ch);
            if next > pos.character {
                return start + idx;
            }
            column = next;
        }
        end
    }

    fn range(&self, range: lsp::Range) -> (usize, usize) {
        let start = self.offset(range.start);
        (start, self.offset(range.end).max(start))
    }

    fn position(&self, offset: usize) -> lsp::Position {
        for (line, (start, end)) in self.lines().into_iter().enumerate() {
            if offset <= end {
                let column = self.text[start..offset]
                    .chars()
                    .map(|ch| self.width(ch))
                    .sum();
                return lsp::Position::new(line as u32, column);
            }
        }
        unreachable!("offset {offset} past the text")
    }

    /// A position the server sent: on a line of the text, not past its end, not inside
    /// a character.
    fn assert_exact(&self, pos: lsp::Position, what: &str) {
        let lines = self.lines();
        assert!(
            (pos.line as usize) < lines.len(),
            "{what}: line {} of {}",
            pos.line,
            lines.len()
        );
        let back = self.position(self.offset(pos));
        assert_eq!(back, pos, "{what}: {pos:?} is not a character boundary");
    }

    fn assert_range(&self, range: lsp::Range, what: &str) {
        self.assert_exact(range.start, what);
        self.assert_exact(range.end, what);
        assert!(
            self.offset(range.start) <= self.offset(range.end),
            "{what}: reversed {range:?}"
        );
    }

    fn apply(&mut self, change: &lsp::TextDocumentContentChangeEvent) {
        match change.range {
            None => self.text.clone_from(&change.text),
            Some(range) => {
                let (start, end) = self.range(range);
                self.text.replace_range(start..end, &change.text);
            }
        }
    }

    /// Server edits (ranges in the current text) as the changes an editor sends back: one
    /// change per edit, last first, so that each range is still valid when applied; at
    /// one position, later edits first, so that insertions keep their order.
    fn changes_for(
        &self,
        edits: &[lsp::TextEdit],
        what: &str,
    ) -> Vec<lsp::TextDocumentContentChangeEvent> {
        let mut indexed: Vec<(usize, (usize, usize), &lsp::TextEdit)> = edits
            .iter()
            .enumerate()
            .map(|(idx, edit)| {
                self.assert_range(edit.range, what);
                (idx, self.range(edit.range), edit)
            })
            .collect();
        indexed.sort_by_key(|(idx, (start, end), _)| (*start, *end, *idx));
        for pair in indexed.windows(2) {
            let ((_, (_, a_end), _), (_, (b_start, _), _)) = (&pair[0], &pair[1]);
            assert!(a_end <= b_start, "{what}: overlapping edits");
        }
        indexed
            .iter()
            .rev()
            .map(|(_, _, edit)| lsp::TextDocumentContentChangeEvent {
                range: Some(edit.range),
                range_length: None,
                text: edit.new_text.clone(),
            })
            .collect()
    }
}

fn parse_uri(name: &str) -> lsp::Uri {
    name.parse().unwrap()
}

struct Run {
    session: Session,
    client: Client,
    uri: lsp::Uri,
    open: bool,
    version: i32,
}

impl Run {
    fn send(&mut self, changes: &[lsp::TextDocumentContentChangeEvent]) {
        self.version += 1;
        let known = self.session.did_change(&self.uri, self.version, changes);
        assert_eq!(known, self.open, "didChange on a closed document");
        if self.open {
            for change in changes {
                self.client.apply(change);
            }
        }
    }

    fn apply_edits(&mut self, edits: &[lsp::TextEdit], what: &str) {
        let changes = self.client.changes_for(edits, what);
        self.send(&changes);
    }

    fn step(&mut self, op: &Op) {
        let uri = self.uri.clone();
        match op {
            Op::Change(changes) => {
                let changes: Vec<_> = changes
                    .iter()
                    .map(|change| lsp::TextDocumentContentChangeEvent {
                        range: (!change.full)
                            .then(|| lsp::Range::new(change.start.lsp(), change.end.lsp())),
                        range_length: None,
                        text: text_of(&change.text),
                    })
                    .collect();
                self.send(&changes);
            }
            Op::Completion(pos) => {
                if let Some(lsp::CompletionResponse::Array(items)) =
                    self.session.completion(&uri, pos.lsp())
                {
                    for item in items {
                        if let Some(lsp::CompletionTextEdit::Edit(edit)) = item.text_edit {
                            self.client.assert_range(edit.range, "completion");
                        }
                    }
                }
            }
            Op::Hover(pos) => {
                if let Some(hover) = self.session.hover(&uri, pos.lsp()) {
                    if let Some(range) = hover.range {
                        self.client.assert_range(range, "hover");
                    }
                }
            }
            Op::Definition(pos) => {
                if let Some(response) = self.session.definition(&uri, pos.lsp()) {
                    let locations = match response {
                        lsp::GotoDefinitionResponse::Scalar(location) => vec![location],
                        lsp::GotoDefinitionResponse::Array(locations) => locations,
                        lsp::GotoDefinitionResponse::Link(links) => links
                            .into_iter()
                            .map(|link| lsp::Location::new(link.target_uri, link.target_range))
                            .collect(),
                    };
                    for location in locations {
                        self.client.assert_range(location.range, "definition");
                    }
                }
            }
            Op::Symbols => match self.session.document_symbols(&uri) {
                Some(lsp::DocumentSymbolResponse::Nested(symbols)) => {
                    let mut stack = symbols;
                    while let Some(symbol) = stack.pop() {
                        self.client.assert_range(symbol.range, "symbol");
                        self.client
                            .assert_range(symbol.selection_range, "symbol selection");
                        stack.extend(symbol.children.unwrap_or_default());
                    }
                }
                Some(lsp::DocumentSymbolResponse::Flat(symbols)) => {
                    for symbol in symbols {
                        self.client.assert_range(symbol.location.range, "symbol");
                    }
                }
                None => assert!(!self.open, "no symbols for an open document"),
            },
            Op::Folding => {
                let lines = self.client.lines().len() as u32;
                for fold in self.session.folding_ranges(&uri).unwrap_or_default() {
                    assert!(
                        fold.start_line <= fold.end_line && fold.end_line < lines,
                        "fold {fold:?} outside {lines} lines"
                    );
                }
            }
            Op::Diagnostics => {
                let diagnostics = self.session.diagnostics(&uri).unwrap_or_default();
                // An analysis built from the previous version's is the analysis from nothing.
                assert_eq!(
                    Some(&diagnostics).filter(|_| self.open),
                    self.session.fresh_diagnostics(&uri).as_ref(),
                    "incremental analysis differs from a fresh one"
                );
                for diagnostic in diagnostics {
                    self.client.assert_range(diagnostic.range, "diagnostic");
                    for related in diagnostic.related_information.unwrap_or_default() {
                        self.client
                            .assert_range(related.location.range, "related information");
                    }
                }
            }
            Op::Format { apply } => {
                if let Some(Ok(edits)) = self.session.formatting(&uri) {
                    if *apply && !edits.is_empty() {
                        self.apply_edits(&edits, "formatting");
                        // Formatting is idempotent through the protocol too.
                        match self.session.formatting(&uri) {
                            Some(Ok(again)) => assert!(
                                again.is_empty(),
                                "formatting the formatted text changed it: {again:?}"
                            ),
                            other => panic!("formatted text not formattable: {other:?}"),
                        }
                    } else {
                        let changes = self.client.changes_for(&edits, "formatting");
                        assert!(changes.len() <= 1);
                    }
                }
            }
            Op::CodeAction {
                start,
                end,
                only,
                apply,
            } => {
                let only = match only % 4 {
                    0 => None,
                    1 => Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    2 => Some(vec![lsp::CodeActionKind::SOURCE_FIX_ALL]),
                    _ => Some(vec![lsp::CodeActionKind::SOURCE]),
                };
                let range = lsp::Range::new(start.lsp(), end.lsp());
                let actions = self
                    .session
                    .code_actions(&uri, range, only)
                    .unwrap_or_default();
                let mut all_edits = Vec::new();
                for action in &actions {
                    let lsp::CodeActionOrCommand::CodeAction(action) = action else {
                        panic!("a command instead of a code action");
                    };
                    for diagnostic in action.diagnostics.iter().flatten() {
                        self.client
                            .assert_range(diagnostic.range, "code action diagnostic");
                    }
                    let edit = action.edit.as_ref().expect("a code action without edits");
                    let mut edits = Vec::new();
                    for (target, target_edits) in edit.changes.iter().flatten() {
                        assert!(*target == uri, "a code action edits another document");
                        edits.extend(target_edits.iter().cloned());
                    }
                    let _ = self.client.changes_for(&edits, &action.title);
                    all_edits.push(edits);
                }
                if let Some(pick) = apply {
                    if !all_edits.is_empty() {
                        let edits = &all_edits[usize::from(*pick) % all_edits.len()];
                        self.apply_edits(edits, "code action");
                    }
                }
            }
            Op::Close => {
                assert_eq!(self.session.did_close(&uri), self.open);
                self.open = false;
                assert!(self.session.text(&uri).is_none());
                assert!(self.session.diagnostics(&uri).is_none());
            }
            Op::Reopen(pieces) => {
                let text = text_of(pieces);
                self.version += 1;
                self.session.did_open(&uri, text.clone(), self.version);
                self.client.text = text;
                self.open = true;
            }
            Op::Unknown(pos) => {
                let other = parse_uri("file:///fuzz/never-opened.ptg");
                assert!(self.session.completion(&other, pos.lsp()).is_none());
                assert!(self.session.hover(&other, pos.lsp()).is_none());
                assert!(self.session.formatting(&other).is_none());
                assert!(self.session.text(&other).is_none());
                assert!(!self.session.did_change(&other, 1, &[]));
            }
        }
        if self.open {
            assert_eq!(
                self.session.text(&uri),
                Some(self.client.text.as_str()),
                "the server's text differs from the client's after {op:?}"
            );
        }
    }
}

pub fn check(data: &[u8]) {
    let (text, script) = match data.iter().position(|&byte| byte == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(text).into_owned();
    let mut u = Unstructured::new(script);
    let Ok(script) = Script::arbitrary(&mut u) else {
        return;
    };
    let encoding = match script.encoding % 3 {
        0 => Encoding::Utf16,
        1 => Encoding::Utf8,
        _ => Encoding::Utf32,
    };
    let lang = if script.english { Lang::En } else { Lang::Zh };
    let capabilities = Capabilities {
        snippets: script.snippets,
        hierarchical_symbols: script.hierarchical_symbols,
        line_folding_only: script.line_folding_only,
        markdown_hover: script.markdown_hover,
    };
    let mut run = Run {
        session: Session::new(encoding, lang, capabilities),
        client: Client {
            text: text.clone(),
            encoding,
        },
        uri: parse_uri("file:///fuzz/a.ptg"),
        open: true,
        version: 1,
    };
    run.session.did_open(&run.uri, text, 1);
    run.step(&Op::Diagnostics);
    for op in script.ops.iter().take(MAX_OPS) {
        run.step(op);
    }
}

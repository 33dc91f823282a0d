//! Rendering diagnostics: ariadne reports for humans, JSON for machines.
//!
//! This is the only place that knows about terminals. Labels are byte spans
//! (`IndexType::Byte`); ariadne measures display width, so carets line up under CJK text.

use std::io::{self, Write};

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use ptg_diagnostics::{Diagnostic, Lang, Severity};
use ptg_line_index::{ColumnUnit, LineIndex, TextSize};
use serde_json::{json, Value};

/// One checked document with its findings.
pub struct FileReport {
    pub filename: String,
    /// The text, when it could be decoded.
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
        Severity::Hint => Color::Cyan,
    }
}

/// What a character is shown as in a terminal report when it must not be shown as itself:
/// control characters, which could drive the terminal (escape sequences, bells); the line
/// separators ariadne would count as line breaks though the rest of ptg does not (VT, FF,
/// NEL, U+2028, U+2029), so that line numbers agree with the JSON output; and invisible or
/// reordering format characters (zero-width spaces, bidirectional controls), which would
/// hide or rearrange what the report shows.
fn shown_as(ch: char) -> Option<char> {
    match ch {
        '\t' | '\n' | '\r' => None,
        // Control pictures: ␀ … ␟, ␡.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(ch)),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with [`shown_as`] applied (messages, file names).
fn printable(text: &str) -> String {
    if !text.chars().any(|ch| shown_as(ch).is_some()) {
        return text.to_string();
    }
    text.chars().map(|ch| shown_as(ch).unwrap_or(ch)).collect()
}

/// A document as the report shows it, and how its byte offsets moved.
struct Shown<'a> {
    /// The original itself when nothing in it is replaced (most documents).
    text: std::borrow::Cow<'a, str>,
    /// `(end of a replaced character in the original, bytes added up to there)`, only where
    /// the count changes; replacements are never shorter than the original character.
    shifts: Vec<(usize, usize)>,
}

impl Shown<'_> {
    fn new(original: &str) -> Shown<'_> {
        // Most documents have nothing to replace: copy up to the first character that is.
        let clean = original
            .char_indices()
            .find(|(_, ch)| shown_as(*ch).is_some())
            .map_or(original.len(), |(offset, _)| offset);
        if clean == original.len() {
            return Shown {
                text: std::borrow::Cow::Borrowed(original),
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        text.push_str(&original[..clean]);
        let mut shifts = Vec::new();
        let mut added = 0usize;
        for (offset, ch) in original[clean..]
            .char_indices()
            .map(|(offset, ch)| (offset + clean, ch))
        {
            match shown_as(ch) {
                Some(shown) => {
                    text.push(shown);
                    let grown = shown.len_utf8() - ch.len_utf8();
                    if grown > 0 {
                        added += grown;
                        shifts.push((offset + ch.len_utf8(), added));
                    }
                }
                None => text.push(ch),
            }
        }
        Shown {
            text: std::borrow::Cow::Owned(text),
            shifts,
        }
    }

    /// The offset in the shown text of an offset (on a character boundary) in the original.
    fn offset(&self, original: usize) -> usize {
        let count = self.shifts.partition_point(|&(end, _)| end <= original);
        original + count.checked_sub(1).map_or(0, |idx| self.shifts[idx].1)
    }
}

/// Writes one file's diagnostics as ariadne reports.
pub fn write_human(
    out: &mut dyn Write,
    report: &FileReport,
    lang: Lang,
    color: bool,
) -> io::Result<()> {
    write_human_with_threads(out, report, lang, color, 1)
}

/// Reports with at least this many findings are rendered on several threads.
const PARALLEL_MIN_FINDINGS: usize = 2_048;

/// Findings rendered per thread and round: a round's text is held until it is written.
const ROUND_PER_THREAD: usize = 256;

/// [`write_human`], rendering a large report's findings on up to `threads` threads (one
/// huge file); the output is the same, in the same order, and memory holds one round of
/// rendered text, not the whole report.
pub fn write_human_with_threads(
    out: &mut dyn Write,
    report: &FileReport,
    lang: Lang,
    color: bool,
    threads: usize,
) -> io::Result<()> {
    // Everything from the document or the file system is shown through `shown_as`.
    let filename = printable(&report.filename);
    let Some(text) = &report.text else {
        // No text to show (undecodable file): a plain header and notes.
        for diag in &report.diagnostics {
            writeln!(
                out,
                "[{}] {}: {}",
                diag.rule,
                diag.severity.label(lang),
                printable(&diag.message)
            )?;
            writeln!(out, "  --> {filename}:1:1")?;
            for note in &diag.notes {
                writeln!(
                    out,
                    "  = {}: {}",
                    lang.pick("帮助", "help"),
                    printable(note)
                )?;
            }
            writeln!(out)?;
        }
        return Ok(());
    };
    let shown = Shown::new(text);
    let source = Source::from(&*shown.text);
    let cx = RenderCx {
        id: filename.as_str(),
        source: &source,
        shown: &shown,
        len: text.len(),
        lang,
        color,
    };
    let diagnostics = &report.diagnostics;
    if threads <= 1 || diagnostics.len() < PARALLEL_MIN_FINDINGS {
        for diag in diagnostics {
            out.write_all(&cx.render(diag)?)?;
        }
        return Ok(());
    }
    for round in diagnostics.chunks(threads * ROUND_PER_THREAD) {
        let parts: Vec<io::Result<Vec<u8>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = round
                .chunks(ROUND_PER_THREAD)
                .map(|part| {
                    let cx = &cx;
                    scope.spawn(move || {
                        let mut text = Vec::new();
                        for diag in part {
                            text.extend_from_slice(&cx.render(diag)?);
                        }
                        Ok(text)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| match worker.join() {
                    Ok(part) => part,
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    Ok(())
}

/// Secondary labels more lines than this away from the finding are written as notes.
const FAR_LABEL_LINES: usize = 200;

/// What rendering one finding of a file needs; shared by the rendering threads.
struct RenderCx<'a> {
    id: &'a str,
    source: &'a Source<&'a str>,
    shown: &'a Shown<'a>,
    /// The length of the original text.
    len: usize,
    lang: Lang,
    color: bool,
}

impl RenderCx<'_> {
    /// One finding as an ariadne report (UTF-8: ariadne writes the text it is given, and
    /// what ptg changes after it is ASCII or whole lines).
    fn render(&self, diag: &Diagnostic) -> io::Result<Vec<u8>> {
        let (id, lang, color) = (self.id, self.lang, self.color);
        let clamp = |offset: TextSize| self.shown.offset(usize::from(offset).min(self.len));
        let span = |range: ptg_diagnostics::TextRange| {
            let start = clamp(range.start());
            let end = clamp(range.end()).max(start);
            (id, start..end)
        };
        let kind_color = severity_color(diag.severity);
        let config = Config::default()
            .with_index_type(IndexType::Byte)
            .with_color(color);
        let mut builder = Report::build(
            ReportKind::Custom(diag.severity.label(lang), kind_color),
            span(diag.primary.range),
        )
        .with_config(config)
        .with_code(diag.rule)
        .with_message(printable(&diag.message));
        // ariadne draws no underline for a label without a message.
        let primary_message = diag.primary.message.as_deref().unwrap_or(&diag.message);
        builder = builder.with_label(
            Label::new(span(diag.primary.range))
                .with_message(printable(primary_message))
                .with_color(kind_color)
                .with_priority(10),
        );
        // ariadne walks every line between a report's labels: a label far from the
        // finding (the `年度` header, seen from the end of a large file) becomes a note
        // with its line number instead.
        // Line numbers as ariadne counts them, found in its line table (O(log n)).
        let line_of = |offset: usize| {
            self.source
                .get_byte_line(offset)
                .map_or(0, |(_, line, _)| line)
        };
        let here = line_of(span(diag.primary.range).1.start);
        let mut far = Vec::new();
        for label in &diag.secondary {
            let there = line_of(span(label.range).1.start);
            if here.abs_diff(there) > FAR_LABEL_LINES {
                far.push((there + 1, label.message.as_deref()));
                continue;
            }
            let mut secondary = Label::new(span(label.range)).with_color(Color::Blue);
            if let Some(message) = &label.message {
                secondary = secondary.with_message(printable(message));
            }
            builder = builder.with_label(secondary);
        }
        for note in &diag.notes {
            builder = builder.with_help(printable(note));
        }
        for (line, message) in far {
            let message = printable(message.unwrap_or(lang.pick("相关位置", "related location")));
            builder = builder.with_note(match lang {
                Lang::Zh => format!("{message}：第 {line} 行"),
                Lang::En => format!("{message}: line {line}"),
            });
        }
        if let Some(fix) = &diag.fix {
            let kind = match fix.applicability {
                ptg_diagnostics::Applicability::Safe => lang.pick("可自动修复", "fixable"),
                _ => lang.pick("建议修复", "suggested fix"),
            };
            builder = builder.with_note(format!(
                "{kind}{}{}",
                lang.pick("：", ": "),
                printable(&fix.title)
            ));
        }
        // Kept as bytes: validating every report as UTF-8 again cost more than the edits.
        let mut rendered = Vec::new();
        builder.finish().write((id, self.source), &mut rendered)?;
        if !color && rendered.contains(&ESC) {
            // ariadne colours the report header even when colour is off.
            rendered = strip_ansi_bytes(&rendered);
        }
        if lang == Lang::Zh && mentions_help_or_note(&rendered) {
            rendered = localize_ariadne(&rendered);
        }
        Ok(rendered)
    }
}

const ESC: u8 = 0x1b;

/// Whether `Help` or `Note` occurs in `bytes` (one vectorised scan for `H` and `N`).
fn mentions_help_or_note(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'H', b'N', bytes).any(|at| {
        let rest = &bytes[at..];
        rest.starts_with(b"Help") || rest.starts_with(b"Note")
    })
}

/// Removes ANSI escape sequences (`ESC [ … final-byte`).
fn strip_ansi(text: &str) -> String {
    let stripped = strip_ansi_bytes(text.as_bytes());
    // Every byte removed is ASCII: what remains is UTF-8 as the text was.
    String::from_utf8(stripped)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// [`strip_ansi`] on UTF-8 bytes.
fn strip_ansi_bytes(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = memchr::memchr(ESC, rest) {
        out.extend_from_slice(&rest[..at]);
        let after = &rest[at + 1..];
        rest = match after.strip_prefix(b"[") {
            // Parameters and intermediates, then one final byte in `@`..=`~`.
            Some(sequence) => sequence
                .iter()
                .position(|byte| (0x40..=0x7e).contains(byte))
                .map_or(&[][..], |end| &sequence[end + 1..]),
            None => after,
        };
    }
    out.extend_from_slice(rest);
    out
}

/// ariadne writes its `Help`/`Note` prefixes in English. Every line ends with `\n` (a
/// `\r` before it is dropped, as `str::lines` does).
fn localize_ariadne(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut lines: Vec<&[u8]> = text.split(|&byte| byte == b'\n').collect();
    if lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    for line in lines {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let localized = mentions_help_or_note(line)
            .then(|| std::str::from_utf8(line).ok().and_then(localize_line))
            .flatten();
        match localized {
            Some(localized) => out.extend_from_slice(localized.as_bytes()),
            None => out.extend_from_slice(line),
        }
        out.push(b'\n');
    }
    out
}

/// One line of a report with its `Help`/`Note` prefix in Chinese; `None` when it has none.
fn localize_line(line: &str) -> Option<String> {
    let plain = strip_ansi(line);
    let trimmed = plain.trim_start_matches([' ', '│']);
    for (en, zh) in [("Help", "帮助"), ("Note", "说明")] {
        let Some(after) = trimmed.strip_prefix(en) else {
            continue;
        };
        // `Help: …`, or `Help 2: …` when there are several.
        let digits = after.trim_start_matches(' ');
        let number: String = digits.chars().take_while(char::is_ascii_digit).collect();
        let Some(rest) = digits[number.len()..].strip_prefix(": ") else {
            continue;
        };
        if !number.is_empty() && !after.starts_with(' ') {
            continue;
        }
        let prefix_len = plain.len() - trimmed.len();
        let label = if number.is_empty() {
            zh.to_string()
        } else {
            format!("{zh} {number}")
        };
        return Some(format!("{}{label}：{rest}", &plain[..prefix_len]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, range: (u32, u32), message: &str, color: bool) -> String {
        let diag = Diagnostic::new(
            "syntax-error",
            "E001",
            Severity::Error,
            ptg_diagnostics::TextRange::new(range.0.into(), range.1.into()),
            message,
        );
        render_report("a\u{1b}]0;x\u{7}.ptg", text, diag, color)
    }

    /// The human report of one finding, in Chinese.
    fn render_report(filename: &str, text: &str, diag: Diagnostic, color: bool) -> String {
        let report = FileReport {
            filename: filename.into(),
            text: Some(text.into()),
            diagnostics: vec![diag],
        };
        let mut out = Vec::new();
        write_human(&mut out, &report, Lang::Zh, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A label far from its finding (the year header, seen from deep in a large file)
    /// is written as a note with its line; a near one stays a label.
    #[test]
    fn far_labels_become_notes() {
        let mut text = String::from("年度 2024\n");
        for idx in 0..400 {
            text.push_str(&format!("# 第 {idx} 行\n"));
        }
        text.push_str("\"指标\" 1\n");
        let year = ptg_diagnostics::TextRange::new(3.into(), 7.into());
        let at = text.find("\"指标\"").unwrap() as u32;
        let finding = ptg_diagnostics::TextRange::new(at.into(), (at + 8).into());
        for (label, far) in [(year, true), (finding, false)] {
            let diag = Diagnostic::new("stale-year", "L405", Severity::Info, finding, "往年")
                .with_secondary(ptg_diagnostics::Label::with_message(label, "预算年度"));
            let out = render_report("a.ptg", &text, diag, false);
            assert_eq!(out.contains("说明：预算年度：第 1 行"), far, "{out}");
            assert_eq!(
                out.contains("╰── 预算年度") || out.contains("── 预算年度"),
                !far,
                "{out}"
            );
        }
    }

    #[test]
    fn the_document_cannot_drive_the_terminal() {
        // An OSC title sequence, a bell and a screen clear inside a string, a right-to-left
        // override, in the message and in the file name too.
        let text = "年度 2024\n\"\u{1b}]0;x\u{7}\u{1b}[2J\u{202e}甲\" 乙\n";
        let start = text.find('乙').unwrap() as u32;
        for color in [false, true] {
            let out = render(text, (start, start + 3), "`\u{1b}[2J` \u{202e}", color);
            let plain = strip_ansi(&out);
            assert!(
                !out.contains('\u{7}') && !out.contains("\u{1b}]"),
                "{out:?}"
            );
            assert!(
                !out.contains("\u{1b}[2J") && !out.contains('\u{202e}'),
                "{out:?}"
            );
            // Shown as control pictures; the caret still sits under `乙`.
            assert!(plain.contains("\"␛]0;x␇␛[2J\u{fffd}甲\" 乙"), "{plain}");
            let line = plain.lines().find(|l| l.contains('乙')).unwrap();
            let caret = plain
                .lines()
                .skip_while(|l| !l.contains('乙'))
                .nth(1)
                .unwrap();
            let col = |s: &str, byte: usize| unicode_width::UnicodeWidthStr::width(&s[..byte]);
            let under = caret.find(['┬', '─']).unwrap();
            assert_eq!(
                col(caret, under),
                col(line, line.find('乙').unwrap()),
                "{plain}"
            );
        }
    }

    #[test]
    fn line_numbers_agree_with_the_line_index() {
        // ariadne alone counts U+2028, VT, FF and NEL as line breaks; ptg does not.
        let text = "a\u{2028}b\u{b}c\u{c}d\u{85}e\n年度 x\n";
        let start = text.find('x').unwrap() as u32;
        let out = render(text, (start, start + 1), "m", false);
        assert!(out.contains(":2:4 "), "{out}");
    }

    #[test]
    fn strips_ansi_sequences() {
        assert_eq!(strip_ansi("\u{1b}[31m错误\u{1b}[0m: x"), "错误: x");
        assert_eq!(strip_ansi("\u{1b}[1;38;5;9m甲\u{1b}[0m乙"), "甲乙");
        assert_eq!(strip_ansi("甲\u{1b}x乙"), "甲x乙");
        assert_eq!(strip_ansi("甲\u{1b}[31"), "甲");
        assert_eq!(strip_ansi("no escapes"), "no escapes");
    }

    #[test]
    fn localizes_help_lines() {
        let localize = |text: &str| String::from_utf8(localize_ariadne(text.as_bytes())).unwrap();
        assert_eq!(
            localize("   │ Help: 补上 `}`\n───╯"),
            "   │ 帮助：补上 `}`\n───╯\n"
        );
        assert_eq!(
            localize("   │ Help 2: 核对\n   │ Note: x\n   │ Helpful: y\r\n"),
            "   │ 帮助 2：核对\n   │ 说明：x\n   │ Helpful: y\n"
        );
        assert!(mentions_help_or_note("甲 Note".as_bytes()) && mentions_help_or_note(b"Help"));
        assert!(!mentions_help_or_note(b"a Not He Nope Hel"));
    }
}

fn location(index: &LineIndex, text: &str, offset: TextSize) -> Value {
    let pos = index.position(text, offset, ColumnUnit::Char);
    json!({ "row": pos.line + 1, "column": pos.column + 1 })
}

/// The JSON objects of one file's diagnostics (rows and columns 1-based, in chars).
pub fn json_entries(report: &FileReport) -> Vec<Value> {
    let text = report.text.as_deref().unwrap_or("");
    let index = LineIndex::new(text);
    report
        .diagnostics
        .iter()
        .map(|diag| {
            let fix = diag.fix.as_ref().map_or(Value::Null, |fix| {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "content": &*edit.replacement,
                            "location": location(&index, text, edit.range.start()),
                            "end_location": location(&index, text, edit.range.end()),
                        })
                    })
                    .collect();
                json!({
                    "applicability": fix.applicability.as_str(),
                    "message": fix.title,
                    "edits": edits,
                })
            });
            json!({
                "rule": diag.rule,
                "code": diag.code,
                "severity": diag.severity.as_str(),
                "message": diag.message,
                "filename": report.filename,
                "location": location(&index, text, diag.primary.range.start()),
                "end_location": location(&index, text, diag.primary.range.end()),
                "fix": fix,
            })
        })
        .collect()
}

/// Counts by severity, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Findings with a safe fix.
    pub safe_fixes: usize,
    /// Findings with an unsafe fix.
    pub unsafe_fixes: usize,
}

impl Counts {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for diag in &report.diagnostics {
            match diag.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
                Severity::Hint => self.hints += 1,
            }
            match diag.fix.as_ref().map(|fix| fix.applicability) {
                Some(ptg_diagnostics::Applicability::Safe) => self.safe_fixes += 1,
                Some(ptg_diagnostics::Applicability::Unsafe) => self.unsafe_fixes += 1,
                _ => {}
            }
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }

    /// "检查了 12 个文件，发现 3 个错误、5 个警告、2 个信息。"
    pub fn summary(&self, lang: Lang) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        match lang {
            Lang::Zh if self.total() == 0 => {
                format!("检查了 {} 个文件，没有发现问题。", self.files)
            }
            Lang::Zh => {
                let mut parts = vec![
                    format!("{} 个错误", self.errors),
                    format!("{} 个警告", self.warnings),
                    format!("{} 个信息", self.infos),
                ];
                if self.hints > 0 {
                    parts.push(format!("{} 个提示", self.hints));
                }
                format!("检查了 {} 个文件，发现 {}。", self.files, parts.join("、"))
            }
            Lang::En if self.total() == 0 => {
                format!("Checked {}, no problems found.", plural(self.files, "file"))
            }
            Lang::En => {
                let mut parts = vec![
                    plural(self.errors, "error"),
                    plural(self.warnings, "warning"),
                    plural(self.infos, "info"),
                ];
                if self.hints > 0 {
                    parts.push(plural(self.hints, "hint"));
                }
                format!(
                    "Checked {}: {}.",
                    plural(self.files, "file"),
                    parts.join(", ")
                )
            }
        }
    }

    /// "其中 N 个可用 --fix 自动修复。", when any finding has a fix.
    pub fn fix_hint(&self, lang: Lang, unsafe_enabled: bool) -> Option<String> {
        let (now, hidden) = if unsafe_enabled {
            (self.safe_fixes + self.unsafe_fixes, 0)
        } else {
            (self.safe_fixes, self.unsafe_fixes)
        };
        let flags = if unsafe_enabled {
            "--fix --unsafe-fixes"
        } else {
            "--fix"
        };
        let text = match (lang, now, hidden) {
            (_, 0, 0) => return None,
            (Lang::Zh, n, 0) => format!("其中 {n} 个可用 {flags} 自动修复。"),
            (Lang::Zh, 0, m) => format!("其中 {m} 个可用 --fix --unsafe-fixes 修复（请先确认原意）。"),
            (Lang::Zh, n, m) => format!(
                "其中 {n} 个可用 {flags} 自动修复，另有 {m} 个可用 --fix --unsafe-fixes 修复（请先确认原意）。"
            ),
            (Lang::En, n, 0) => format!("{n} fixable with {flags}."),
            (Lang::En, 0, m) => {
                format!("{m} fixable with --fix --unsafe-fixes (check the intent first).")
            }
            (Lang::En, n, m) => format!(
                "{n} fixable with {flags}; {m} more with --fix --unsafe-fixes (check the intent first)."
            ),
        };
        Some(text)
    }
}

/// 1-based line and column (in Unicode scalar values) of byte offsets in one document;
/// 1:1 for a document without text.
pub struct Positions<'t> {
    text: &'t str,
    index: LineIndex,
}

impl<'t> Positions<'t> {
    pub fn new(text: Option<&'t str>) -> Positions<'t> {
        let text = text.unwrap_or("");
        Positions {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let pos = self.index.position(self.text, offset, ColumnUnit::Char);
        (pos.line + 1, pos.column + 1)
    }
}

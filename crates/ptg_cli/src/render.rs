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

/// Writes one file's diagnostics as ariadne reports.
pub fn write_human(
    out: &mut dyn Write,
    report: &FileReport,
    lang: Lang,
    color: bool,
) -> io::Result<()> {
    let Some(text) = &report.text else {
        // No text to show (undecodable file): a plain header and notes.
        for diag in &report.diagnostics {
            writeln!(
                out,
                "[{}] {}: {}",
                diag.rule,
                diag.severity.label(lang),
                diag.message
            )?;
            writeln!(out, "  --> {}:1:1", report.filename)?;
            for note in &diag.notes {
                writeln!(out, "  = {}: {note}", lang.pick("帮助", "help"))?;
            }
            writeln!(out)?;
        }
        return Ok(());
    };
    let id = report.filename.as_str();
    let mut cache = (id, Source::from(text.as_str()));
    let clamp = |offset: TextSize| usize::from(offset).min(text.len());
    for diag in &report.diagnostics {
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
        .with_message(&diag.message);
        // ariadne draws no underline for a label without a message.
        let primary_message = diag.primary.message.as_deref().unwrap_or(&diag.message);
        builder = builder.with_label(
            Label::new(span(diag.primary.range))
                .with_message(primary_message)
                .with_color(kind_color)
                .with_priority(10),
        );
        for label in &diag.secondary {
            let mut secondary = Label::new(span(label.range)).with_color(Color::Blue);
            if let Some(message) = &label.message {
                secondary = secondary.with_message(message);
            }
            builder = builder.with_label(secondary);
        }
        for note in &diag.notes {
            builder = builder.with_help(note);
        }
        if let Some(fix) = &diag.fix {
            let kind = match fix.applicability {
                ptg_diagnostics::Applicability::Safe => lang.pick("可自动修复", "fixable"),
                _ => lang.pick("建议修复", "suggested fix"),
            };
            builder = builder.with_note(format!("{kind}{}{}", lang.pick("：", ": "), fix.title));
        }
        let mut buffer = Vec::new();
        builder.finish().write(&mut cache, &mut buffer)?;
        let mut rendered = String::from_utf8_lossy(&buffer).into_owned();
        if !color {
            // ariadne colours the report header even when colour is off.
            rendered = strip_ansi(&rendered);
        }
        if lang == Lang::Zh {
            rendered = localize_ariadne(&rendered);
        }
        out.write_all(rendered.as_bytes())?;
    }
    Ok(())
}

/// Removes ANSI escape sequences (`ESC [ … final-byte`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch == '\u{1b}' {
            if chars.clone().next() == Some('[') {
                chars.next();
                for next in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&next) {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(ch);
    }
    out
}

/// ariadne writes its `Help`/`Note` prefixes in English.
fn localize_ariadne(text: &str) -> String {
    text.lines()
        .map(|line| {
            let plain = strip_ansi(line);
            let trimmed = plain.trim_start_matches([' ', '│']);
            for (en, zh) in [("Help: ", "帮助："), ("Note: ", "说明：")] {
                if let Some(rest) = trimmed.strip_prefix(en) {
                    let prefix_len = plain.len() - trimmed.len();
                    return format!("{}{zh}{rest}", &plain[..prefix_len]);
                }
            }
            line.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_ansi_sequences() {
        assert_eq!(strip_ansi("\u{1b}[31m错误\u{1b}[0m: x"), "错误: x");
    }

    #[test]
    fn localizes_help_lines() {
        assert_eq!(
            localize_ariadne("   │ Help: 补上 `}`\n───╯"),
            "   │ 帮助：补上 `}`\n───╯\n"
        );
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
        }
    }

    pub fn summary(&self, lang: Lang) -> String {
        let total = self.errors + self.warnings + self.infos + self.hints;
        match lang {
            Lang::Zh if total == 0 => format!("检查了 {} 个文件，没有发现问题。", self.files),
            Lang::Zh => format!(
                "检查了 {} 个文件：{} 个错误，{} 个警告，{} 个信息，{} 个提示。",
                self.files, self.errors, self.warnings, self.infos, self.hints
            ),
            Lang::En if total == 0 => format!("Checked {} files, no problems found.", self.files),
            Lang::En => format!(
                "Checked {} files: {} errors, {} warnings, {} infos, {} hints.",
                self.files, self.errors, self.warnings, self.infos, self.hints
            ),
        }
    }
}

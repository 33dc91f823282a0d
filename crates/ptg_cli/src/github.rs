//! GitHub Actions workflow commands (`--output-format github`): one `::error`,
//! `::warning` or `::notice` line per finding, shown as annotations on the pull request.

use std::io::{self, Write};

use ptg_diagnostics::Severity;

use crate::render::{FileReport, Positions};

/// Escapes the message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            // Other control characters (escape sequences in a CI log, a bell) are shown
            // percent-encoded, not passed to the log.
            ch if ch.is_control() && ch != '\t' => out.push_str(&format!("%{:02X}", u32::from(ch))),
            ch => out.push(ch),
        }
    }
    out
}

/// Escapes a property value (`file=…`, `title=…`): also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// Writes one file's findings as workflow commands.
pub fn write(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let pos = Positions::new(report.text.as_deref());
    let file = escape_property(&report.filename.replace('\\', "/"));
    for diag in &report.diagnostics {
        let (line, col) = pos.line_col(diag.primary.range.start());
        let (end_line, end_col) = pos.line_col(diag.primary.range.end());
        let title = escape_property(&format!("ptg ({})", diag.rule));
        writeln!(
            out,
            "::{} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={title}::{}",
            command(diag.severity),
            escape_data(&diag.message),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_requires() {
        assert_eq!(
            escape_data("100% 完成\r\n下一行: a,b"),
            "100%25 完成%0D%0A下一行: a,b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(
            escape_data("甲\u{1b}[31m乙\u{7}\u{85}\t"),
            "甲%1B[31m乙%07%85\t"
        );
    }
}

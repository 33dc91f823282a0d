//! JUnit XML (`--output-format junit`): a test suite per file, a test case per finding;
//! errors and warnings are failures, infos and hints pass. A clean file is one passing
//! test case, so CI dashboards show what was checked.

use std::fmt::Write as _;

use ptg_diagnostics::{Lang, Severity};

use crate::render::{FileReport, Positions};

/// Escapes text for XML attributes and content, replacing characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(ch),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn is_failure(severity: Severity) -> bool {
    severity >= Severity::Warning
}

/// The whole JUnit document.
pub fn document(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| is_failure(d.severity))
        .count();
    let _ = writeln!(
        out,
        "<testsuites name=\"ptg\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for report in reports {
        let name = escape(&report.filename);
        let suite_failures = report
            .diagnostics
            .iter()
            .filter(|d| is_failure(d.severity))
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"0\">",
            report.diagnostics.len().max(1)
        );
        if report.diagnostics.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{name}\"/>",
                escape(lang.pick("没有发现问题", "no findings"))
            );
        }
        let pos = Positions::new(report.text.as_deref());
        for diag in &report.diagnostics {
            let (line, col) = pos.line_col(diag.primary.range.start());
            let case = escape(&format!("{} ({}) {line}:{col}", diag.rule, diag.code));
            let _ = write!(
                out,
                "    <testcase name=\"{case}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\""
            );
            if is_failure(diag.severity) {
                let mut body = format!("{}:{line}:{col}: {}", report.filename, diag.message);
                for note in &diag.notes {
                    let _ = write!(body, "\n{}{note}", lang.pick("帮助：", "help: "));
                }
                let _ = writeln!(
                    out,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                    diag.severity.as_str(),
                    escape(&diag.message),
                    escape(&body)
                );
            } else {
                let _ = writeln!(
                    out,
                    ">\n      <system-out>{}</system-out>\n    </testcase>",
                    escape(&format!("{}: {}", diag.severity.as_str(), diag.message))
                );
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}\r"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}&#13;"
        );
    }
}

//! `--statistics`: how many findings each rule produced.

use std::collections::HashMap;
use std::io::{self, Write};

use ptg_diagnostics::Lang;
use ptg_line_index::str_width;
use serde_json::{json, Value};

use crate::fix::applies;
use crate::render::FileReport;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub rule: &'static str,
    pub code: &'static str,
    pub count: usize,
    /// `--fix` (with the given `--unsafe-fixes`) can fix at least one of them.
    pub fixable: bool,
}

/// Counts per rule, most frequent first, then by name.
pub fn rows(reports: &[FileReport], unsafe_fixes: bool) -> Vec<Row> {
    let mut by_rule: HashMap<&'static str, Row> = HashMap::new();
    for diag in reports.iter().flat_map(|r| &r.diagnostics) {
        let row = by_rule.entry(diag.rule).or_insert(Row {
            rule: diag.rule,
            code: diag.code,
            count: 0,
            fixable: false,
        });
        row.count += 1;
        row.fixable |= diag.fix.as_ref().is_some_and(|f| applies(f, unsafe_fixes));
    }
    let mut rows: Vec<Row> = by_rule.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    rows
}

pub fn json(rows: &[Row]) -> Value {
    Value::Array(
        rows.iter()
            .map(|row| {
                json!({
                    "rule": row.rule,
                    "code": row.code,
                    "count": row.count,
                    "fixable": row.fixable,
                })
            })
            .collect(),
    )
}

fn pad(text: &str, width: usize) -> String {
    let used = str_width(text) as usize;
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// A table: count, code, rule, fixable.
pub fn write_table(out: &mut dyn Write, rows: &[Row], lang: Lang) -> io::Result<()> {
    let headers = [
        lang.pick("数量", "count"),
        lang.pick("代码", "code"),
        lang.pick("规则", "rule"),
        lang.pick("可修复", "fixable"),
    ];
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|row| {
            [
                row.count.to_string(),
                row.code.to_string(),
                row.rule.to_string(),
                if row.fixable { "[*]" } else { "" }.to_string(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| str_width(h) as usize);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(str_width(cell) as usize);
        }
    }
    let count_header = headers[0];
    writeln!(
        out,
        "{}{count_header}  {}  {}  {}",
        " ".repeat(widths[0].saturating_sub(str_width(count_header) as usize)),
        pad(headers[1], widths[1]),
        pad(headers[2], widths[2]),
        headers[3]
    )?;
    for row in &cells {
        let line = format!(
            "{:>w0$}  {}  {}  {}",
            row[0],
            pad(&row[1], widths[1]),
            pad(&row[2], widths[2]),
            row[3],
            w0 = widths[0]
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ptg_diagnostics::{Diagnostic, Fix, Severity, TextRange};

    fn report(diags: Vec<Diagnostic>) -> FileReport {
        FileReport {
            filename: "a.ptg".into(),
            text: Some(String::new()),
            diagnostics: diags,
        }
    }

    #[test]
    fn counts_sorted_by_count_then_name() {
        let d = |rule: &'static str| {
            Diagnostic::new(rule, "L000", Severity::Warning, TextRange::default(), "m")
        };
        let fixable = d("b-rule").with_fix(Fix::unsafe_("x", vec![]));
        let reports = [
            report(vec![d("c-rule"), d("a-rule"), fixable]),
            report(vec![d("c-rule"), d("b-rule")]),
        ];
        let got = rows(&reports, false);
        let order: Vec<_> = got.iter().map(|r| (r.rule, r.count, r.fixable)).collect();
        assert_eq!(
            order,
            [
                ("b-rule", 2, false),
                ("c-rule", 2, false),
                ("a-rule", 1, false)
            ]
        );
        assert!(rows(&reports, true)[0].fixable);
        let mut table = Vec::new();
        write_table(&mut table, &got, Lang::Zh).unwrap();
        assert_eq!(
            String::from_utf8(table).unwrap(),
            "数量  代码  规则    可修复\n   2  L000  b-rule\n   2  L000  c-rule\n   1  L000  a-rule\n"
        );
    }
}

//! `ptg rule NAME` and `ptg rule --all`: the rule catalogue from the registry.

use std::io::{self, Write};

use ptg_diagnostics::{Lang, Severity};
use ptg_line_index::str_width;
use ptg_lint::{registry, FixKind, RuleMeta};
use serde_json::{json, Value};

use crate::check::{EXIT_OK, EXIT_TROUBLE};

/// What `ptg rule` prints.
pub enum RuleQuery {
    One(String),
    All,
}

pub fn fix_label(kind: FixKind, lang: Lang) -> &'static str {
    match kind {
        FixKind::None => lang.pick("无", "none"),
        FixKind::Safe => lang.pick("安全（--fix）", "safe (--fix)"),
        FixKind::Unsafe => lang.pick(
            "不安全（--fix --unsafe-fixes）",
            "unsafe (--fix --unsafe-fixes)",
        ),
    }
}

fn severity_label(severity: Severity, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", severity.label(lang), severity.as_str()),
        Lang::En => severity.as_str().to_string(),
    }
}

/// A rule by name or code.
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    registry::all()
        .iter()
        .map(|rule| rule.meta)
        .find(|meta| meta.name == name || meta.code.eq_ignore_ascii_case(name))
}

/// "没有名为 `x` 的规则；是不是 `y`？"
pub fn unknown_rule_message(name: &str, lang: Lang) -> String {
    let suggestion = registry::nearest_name(name);
    match (lang, suggestion) {
        (Lang::Zh, Some(s)) => {
            format!("没有名为 `{name}` 的规则；是不是 `{s}`？`ptg rule --all` 列出所有规则")
        }
        (Lang::Zh, None) => format!("没有名为 `{name}` 的规则；`ptg rule --all` 列出所有规则"),
        (Lang::En, Some(s)) => format!(
            "there is no rule named `{name}`; did you mean `{s}`? `ptg rule --all` lists every rule"
        ),
        (Lang::En, None) => {
            format!("there is no rule named `{name}`; `ptg rule --all` lists every rule")
        }
    }
}

pub fn rule_json(meta: &RuleMeta, lang: Lang) -> Value {
    let docs = meta.docs(lang);
    json!({
        "name": meta.name,
        "code": meta.code,
        "group": meta.group.id(),
        "severity": meta.severity.as_str(),
        "fix": meta.fix.as_str(),
        "what": docs.what,
        "why": docs.why,
        "bad_example": meta.bad_example,
        "good_example": meta.good_example,
    })
}

fn summary_json(meta: &RuleMeta, lang: Lang) -> Value {
    json!({
        "name": meta.name,
        "code": meta.code,
        "group": meta.group.id(),
        "severity": meta.severity.as_str(),
        "fix": meta.fix.as_str(),
        "what": meta.docs(lang).what,
    })
}

fn write_block(out: &mut dyn Write, title: &str, body: &str) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    for line in body.trim_end().lines() {
        if line.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// The docs of one rule, for the terminal.
pub fn write_rule(out: &mut dyn Write, meta: &RuleMeta, lang: Lang) -> io::Result<()> {
    let docs = meta.docs(lang);
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    writeln!(out, "{} ({})", meta.name, meta.code)?;
    writeln!(out)?;
    let fields = [
        (
            t("分组", "Group"),
            match lang {
                Lang::Zh => format!("{}（{}）", meta.group.name(lang), meta.group.id()),
                Lang::En => format!("{} ({})", meta.group.name(lang), meta.group.id()),
            },
        ),
        (
            t("默认级别", "Default severity"),
            severity_label(meta.severity, lang),
        ),
        (t("自动修复", "Fix"), fix_label(meta.fix, lang).to_string()),
    ];
    let width = fields
        .iter()
        .map(|(k, _)| str_width(k) as usize)
        .max()
        .unwrap_or(0);
    for (key, value) in fields {
        let pad = " ".repeat(width - str_width(key) as usize);
        writeln!(out, "{key}{}{pad} {value}", t("：", ":"))?;
    }
    write_block(out, t("检查什么", "What it finds"), docs.what)?;
    write_block(out, t("为什么", "Why it matters"), docs.why)?;
    if !meta.bad_example.is_empty() {
        write_block(out, t("错误示例", "Bad example"), meta.bad_example)?;
    }
    if !meta.good_example.is_empty() {
        write_block(out, t("正确示例", "Good example"), meta.good_example)?;
    }
    Ok(())
}

/// Every rule as a table: code, name, severity, fix, what.
pub fn write_table(out: &mut dyn Write, lang: Lang) -> io::Result<()> {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let header = [
        t("代码", "code").to_string(),
        t("规则", "rule").to_string(),
        t("级别", "severity").to_string(),
        t("修复", "fix").to_string(),
        t("说明", "what").to_string(),
    ];
    let rows: Vec<[String; 5]> = registry::all()
        .iter()
        .map(|rule| {
            let meta = rule.meta;
            [
                meta.code.to_string(),
                meta.name.to_string(),
                meta.severity.as_str().to_string(),
                meta.fix.as_str().to_string(),
                meta.docs(lang).what.replace('\n', " "),
            ]
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(str_width(cell) as usize);
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (idx, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if let Some(width) = widths.get(idx) {
                line.push_str(&" ".repeat(width - str_width(cell) as usize + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Runs `ptg rule`; returns the exit code.
pub fn run(
    query: &RuleQuery,
    json_output: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    match query {
        RuleQuery::All if json_output => {
            let all: Vec<Value> = registry::all()
                .iter()
                .map(|rule| summary_json(rule.meta, lang))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        RuleQuery::All => write_table(out, lang)?,
        RuleQuery::One(name) => {
            let Some(meta) = find(name) else {
                writeln!(err, "ptg: {}", unknown_rule_message(name, lang))?;
                return Ok(EXIT_TROUBLE);
            };
            if json_output {
                serde_json::to_writer_pretty(&mut *out, &rule_json(meta, lang))?;
                writeln!(out)?;
            } else {
                write_rule(out, meta, lang)?;
            }
        }
    }
    Ok(EXIT_OK)
}

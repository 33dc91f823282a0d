//! SARIF 2.1.0 output (`--output-format sarif`), for code-scanning services.
//!
//! One run; `tool.driver.rules` lists every registered rule with its docs in the message
//! language, results point at it with `ruleId` and `ruleIndex`. Regions are 1-based lines
//! and columns counted in Unicode scalar values (`columnKind: "unicodeCodePoints"`), end
//! columns exclusive.

use std::path::{Component, Path};

use ptg_diagnostics::{Diagnostic, Lang, Severity, TextRange};
use ptg_lint::{registry, FixKind};
use serde_json::{json, Value};

use crate::render::{FileReport, Positions};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

/// SARIF's level for a severity (`hint` has no twin: `note`).
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// Characters that may appear unescaped in a URI path (RFC 3986 `pchar` and `/`).
fn uri_safe(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte)
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if uri_safe(byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The artifact URI of a reported file name: relative to the current directory with `/`
/// separators when possible, else an absolute `file://` URI; percent-encoded.
pub fn artifact_uri(filename: &str, cwd: Option<&Path>) -> String {
    let path = Path::new(filename);
    let relative = if path.is_absolute() {
        cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
    } else {
        Some(path)
    };
    let join = |path: &Path| {
        path.components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                Component::ParentDir => Some("..".to_string()),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    match relative {
        Some(rel) => percent_encode(&join(rel)),
        None => {
            let mut abs = join(path);
            if let Some(Component::Prefix(prefix)) = path.components().next() {
                // `C:` on Windows.
                abs = format!("{}/{abs}", prefix.as_os_str().to_string_lossy());
            }
            format!("file:///{}", percent_encode(&abs))
        }
    }
}

fn region(pos: &Positions<'_>, range: TextRange) -> Value {
    let (start_line, start_column) = pos.line_col(range.start());
    let (end_line, end_column) = pos.line_col(range.end());
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn physical(uri: &str, region: Value) -> Value {
    json!({
        "artifactLocation": { "uri": uri },
        "region": region,
    })
}

fn rule_descriptor(meta: &ptg_lint::RuleMeta, lang: Lang) -> Value {
    let docs = meta.docs(lang);
    let fix = match meta.fix {
        FixKind::None => lang.pick("无", "none"),
        FixKind::Safe => lang.pick("安全修复（--fix）", "safe (--fix)"),
        FixKind::Unsafe => lang.pick(
            "不安全修复（--fix --unsafe-fixes）",
            "unsafe (--fix --unsafe-fixes)",
        ),
    };
    let help = format!("{}\n\n{}", docs.what, docs.why);
    json!({
        "id": meta.name,
        "name": meta.name,
        "shortDescription": { "text": docs.what },
        "fullDescription": { "text": format!("{}{}{}", docs.what, lang.pick("", " "), docs.why) },
        "help": {
            "text": help,
            "markdown": format!(
                "{}\n\n{}\n\n{}{}\n\n{} `ptg rule {}`",
                docs.what,
                docs.why,
                lang.pick("自动修复：", "Fix: "),
                fix,
                lang.pick("详见", "See"),
                meta.name
            ),
        },
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": {
            "code": meta.code,
            "group": meta.group.id(),
            "fix": meta.fix.as_str(),
            "tags": [meta.group.id()],
        },
    })
}

fn result(diag: &Diagnostic, report: &FileReport, uri: &str) -> Value {
    let pos = Positions::new(report.text.as_deref());
    let mut result = json!({
        "ruleId": diag.rule,
        "level": level(diag.severity),
        "message": { "text": diag.message },
        "locations": [{ "physicalLocation": physical(uri, region(&pos, diag.primary.range)) }],
    });
    if let Some(index) = registry::all()
        .iter()
        .position(|r| r.meta.name == diag.rule)
    {
        result["ruleIndex"] = json!(index);
    }
    if !diag.secondary.is_empty() {
        let related: Vec<Value> = diag
            .secondary
            .iter()
            .enumerate()
            .map(|(id, label)| {
                let mut loc = json!({
                    "id": id,
                    "physicalLocation": physical(uri, region(&pos, label.range)),
                });
                if let Some(message) = &label.message {
                    loc["message"] = json!({ "text": message });
                }
                loc
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &diag.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(&pos, edit.range),
                    "insertedContent": { "text": &*edit.replacement },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": replacements,
            }],
        }]);
        result["properties"] = json!({ "applicability": fix.applicability.as_str() });
    }
    result
}

/// The SARIF log of a whole run. `problems` (unreadable paths …) become tool execution
/// notifications.
pub fn log(reports: &[FileReport], problems: &[String], lang: Lang) -> Value {
    let cwd = std::env::current_dir().ok();
    let rules: Vec<Value> = registry::all()
        .iter()
        .map(|rule| rule_descriptor(rule.meta, lang))
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let uri = artifact_uri(&report.filename, cwd.as_deref());
        results.extend(report.diagnostics.iter().map(|d| result(d, report, &uri)));
    }
    let notifications: Vec<Value> = problems
        .iter()
        .map(|p| json!({ "level": "error", "message": { "text": p } }))
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ptg",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": problems.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_slash_separated_and_encoded() {
        let cwd = Path::new("/home/u/proj");
        assert_eq!(
            artifact_uri("提交/甲 乙.ptg", Some(cwd)),
            "%E6%8F%90%E4%BA%A4/%E7%94%B2%20%E4%B9%99.ptg"
        );
        assert_eq!(artifact_uri("/home/u/proj/a/b.ptg", Some(cwd)), "a/b.ptg");
        assert_eq!(artifact_uri("./a.ptg", Some(cwd)), "a.ptg");
        assert_eq!(artifact_uri("../x/a.ptg", Some(cwd)), "../x/a.ptg");
        assert_eq!(artifact_uri("/tmp/a.ptg", Some(cwd)), "file:///tmp/a.ptg");
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Hint), "note");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Error), "error");
    }
}

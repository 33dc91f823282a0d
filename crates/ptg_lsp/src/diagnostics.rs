//! ptg diagnostics as LSP diagnostics: the same findings as `ptg check`.

use std::collections::HashMap;
use std::str::FromStr;

use ptg_diagnostics::{Diagnostic, Lang};
use tower_lsp_server::lsp_types as lsp;

use crate::convert::{to_proto, LineCx};

/// Where the rule documentation lives; a rule's page is `<base><rule>.md`.
pub const RULE_DOCS_BASE: &str = "https://github.com/ptg-toolkit/ptg/blob/main/docs/rules/";

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "ptg";

/// The documentation page of a registered rule.
pub fn rule_doc_url(rule: &str) -> Option<lsp::Uri> {
    // Parsed once per rule, not once per diagnostic: a large document publishes thousands.
    static URLS: std::sync::OnceLock<HashMap<&'static str, lsp::Uri>> = std::sync::OnceLock::new();
    URLS.get_or_init(|| {
        ptg_lint::registry::all()
            .iter()
            .filter_map(|rule| {
                let name = rule.meta.name;
                let url = lsp::Uri::from_str(&format!("{RULE_DOCS_BASE}{name}.md")).ok()?;
                Some((name, url))
            })
            .collect()
    })
    .get(rule)
    .cloned()
}

/// One diagnostic: code = rule name, `codeDescription` = the rule's page, notes appended
/// to the message as help lines, secondary labels as related information.
pub fn to_lsp(cx: LineCx<'_>, uri: &lsp::Uri, diag: &Diagnostic, lang: Lang) -> lsp::Diagnostic {
    let mut message = diag.message.clone();
    if let Some(primary) = diag.primary.message.as_deref() {
        if primary != diag.message {
            message.push('\n');
            message.push_str(primary);
        }
    }
    for note in &diag.notes {
        message.push('\n');
        message.push_str(lang.pick("帮助：", "help: "));
        message.push_str(note);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = diag
        .secondary
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), to_proto::range(cx, label.range)),
            message: label
                .message
                .clone()
                .unwrap_or_else(|| lang.pick("相关位置", "related location").to_string()),
        })
        .collect();
    lsp::Diagnostic {
        range: to_proto::range(cx, diag.primary.range),
        severity: Some(to_proto::severity(diag.severity)),
        code: Some(lsp::NumberOrString::String(diag.rule.to_string())),
        code_description: rule_doc_url(diag.rule).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Every diagnostic of an analysed document.
pub fn document(
    doc: &ptg_ide::Document,
    uri: &lsp::Uri,
    encoding: crate::convert::Encoding,
) -> Vec<lsp::Diagnostic> {
    let cx = LineCx {
        text: doc.text(),
        index: doc.line_index(),
        encoding,
    };
    let lang = doc.settings().lang;
    let diagnostics = doc.diagnostics();
    let convert = |part: &[Diagnostic]| -> Vec<lsp::Diagnostic> {
        part.iter()
            .map(|diag| to_lsp(cx, uri, diag, lang))
            .collect()
    };
    // Thousands of diagnostics (a large document) are converted on two threads.
    if diagnostics.len() < PARALLEL_MIN_DIAGNOSTICS {
        return convert(diagnostics);
    }
    let (first, second) = diagnostics.split_at(diagnostics.len() / 2);
    let (mut out, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| convert(second));
        let mine = convert(first);
        match other.join() {
            Ok(theirs) => (mine, theirs),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    out.extend(rest);
    out
}

/// The `textDocument/publishDiagnostics` notification, serialised (see
/// [`crate::transport`] for why not through tower-lsp-server's client).
pub fn notification(
    uri: lsp::Uri,
    diagnostics: Vec<lsp::Diagnostic>,
    version: Option<i32>,
) -> Vec<u8> {
    use lsp::notification::Notification as _;
    let params = lsp::PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    crate::transport::notification(lsp::notification::PublishDiagnostics::METHOD, &params)
}

/// Below this many diagnostics, converting them takes less than a millisecond.
const PARALLEL_MIN_DIAGNOSTICS: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;

    /// Converting on two threads gives what converting one by one gives, in order.
    #[test]
    fn many_diagnostics_convert_in_order() {
        let fixture = "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"人数\" ≤ 5人\n        \"人数\" ≤ 5人\n      }\n    }\n  }\n}\n";
        let text = fixture.repeat(400);
        let doc = ptg_ide::Document::new(text, ptg_lint::LintSettings::default());
        assert!(doc.diagnostics().len() >= PARALLEL_MIN_DIAGNOSTICS);
        let uri = lsp::Uri::from_str("file:///a.ptg").unwrap();
        let encoding = crate::convert::Encoding::Utf16;
        let cx = LineCx {
            text: doc.text(),
            index: doc.line_index(),
            encoding,
        };
        let one_by_one: Vec<_> = doc
            .diagnostics()
            .iter()
            .map(|diag| to_lsp(cx, &uri, diag, Lang::Zh))
            .collect();
        assert_eq!(document(&doc, &uri, encoding), one_by_one);
    }

    #[test]
    fn registered_rules_have_doc_urls() {
        let url = rule_doc_url("satisfaction-needs-lower-bound").unwrap();
        assert_eq!(
            url.as_str(),
            "https://github.com/ptg-toolkit/ptg/blob/main/docs/rules/satisfaction-needs-lower-bound.md"
        );
        assert!(rule_doc_url("no-such-rule").is_none());
    }
}

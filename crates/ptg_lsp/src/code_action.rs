//! `textDocument/codeAction`: a quick fix per fixable finding in the range, and
//! `source.fixAll.ptg` (every safe fix, to a fixpoint, as `ptg check --fix`).

use std::collections::HashMap;

use tower_lsp_server::lsp_types as lsp;

use ptg_ide::{Action, ActionKind};

use crate::convert::{from_proto, to_proto};
use crate::server::{Snapshot, FIX_ALL_KIND};

pub(crate) fn code_actions(
    snapshot: &Snapshot,
    params: &lsp::CodeActionParams,
) -> lsp::CodeActionResponse {
    let only = params.context.only.as_deref();
    let quickfix = lsp::CodeActionKind::QUICKFIX;
    let fix_all = lsp::CodeActionKind::new(FIX_ALL_KIND);
    let mut out = Vec::new();
    if wanted(only, &quickfix) {
        let range = from_proto::text_range(snapshot.cx(), params.range);
        for action in snapshot.doc.code_actions(range) {
            out.push(to_lsp(snapshot, action));
        }
    }
    if wanted(only, &fix_all) {
        if let Some(action) = snapshot.doc.fix_all() {
            out.push(to_lsp(snapshot, action));
        }
    }
    out
}

/// Whether `kind` was asked for: no filter, or a filter equal to it or one of its
/// parents (`source` and `source.fixAll` both want `source.fixAll.ptg`).
fn wanted(only: Option<&[lsp::CodeActionKind]>, kind: &lsp::CodeActionKind) -> bool {
    let Some(only) = only else {
        return true;
    };
    only.iter().any(|asked| {
        let asked = asked.as_str();
        kind.as_str() == asked
            || kind
                .as_str()
                .strip_prefix(asked)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

fn to_lsp(snapshot: &Snapshot, action: Action) -> lsp::CodeActionOrCommand {
    let cx = snapshot.cx();
    let lang = snapshot.lang();
    let all = snapshot.doc.diagnostics();
    let diagnostics: Vec<lsp::Diagnostic> = action
        .diagnostics
        .iter()
        .filter_map(|idx| all.get(*idx))
        .map(|diag| crate::diagnostics::to_lsp(cx, &snapshot.uri, diag, lang))
        .collect();
    let edits = action
        .edits
        .iter()
        .map(|edit| to_proto::text_edit(cx, edit))
        .collect();
    let kind = match action.kind {
        ActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
        ActionKind::FixAll => lsp::CodeActionKind::new(FIX_ALL_KIND),
    };
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: action.title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(workspace_edit(snapshot, edits)),
        is_preferred: action.preferred.then_some(true),
        ..lsp::CodeAction::default()
    })
}

/// The edits as a workspace edit: versioned `documentChanges` where the client supports
/// them (it then refuses edits made for a version it no longer has), else `changes`.
fn workspace_edit(snapshot: &Snapshot, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    if snapshot.caps.document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: snapshot.uri.clone(),
                    version: Some(snapshot.version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..lsp::WorkspaceEdit::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
            ..lsp::WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_by_prefix() {
        let fix_all = lsp::CodeActionKind::new(FIX_ALL_KIND);
        let source = lsp::CodeActionKind::SOURCE;
        assert!(wanted(None, &fix_all));
        assert!(wanted(Some(std::slice::from_ref(&source)), &fix_all));
        assert!(wanted(
            Some(&[lsp::CodeActionKind::SOURCE_FIX_ALL]),
            &fix_all
        ));
        assert!(!wanted(Some(&[lsp::CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wanted(
            Some(&[lsp::CodeActionKind::new("source.fix")]),
            &fix_all
        ));
        assert!(!wanted(Some(&[source]), &lsp::CodeActionKind::QUICKFIX));
    }
}

//! `textDocument/formatting`: the whole document through `ptg_ide`, the same text as
//! `ptg fmt`. Documents with syntax errors are refused with a message saying why.

use ptg_diagnostics::Lang;
use ptg_fmt::FormatError;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::lsp_types as lsp;

use crate::convert::to_proto;
use crate::server::Snapshot;

/// LSP's `RequestFailed`: the request was valid but could not be carried out.
const REQUEST_FAILED: i64 = -32803;

pub(crate) fn format(snapshot: &Snapshot) -> jsonrpc::Result<Vec<lsp::TextEdit>> {
    let cx = snapshot.cx();
    match snapshot.doc.format() {
        Ok(edits) => Ok(edits
            .iter()
            .map(|edit| to_proto::text_edit(cx, edit))
            .collect()),
        Err(err) => Err(request_failed(refusal(&err, snapshot.lang()))),
    }
}

fn refusal(err: &FormatError, lang: Lang) -> String {
    match (err, lang) {
        (FormatError::SyntaxErrors(errors), Lang::Zh) => {
            format!(
                "文档有 {} 个语法错误，未格式化；请先改正语法错误",
                errors.len()
            )
        }
        (FormatError::SyntaxErrors(errors), Lang::En) => format!(
            "the document has {} syntax error{}; not formatted until they are fixed",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ),
        (FormatError::Unsafe(why), Lang::Zh) => {
            format!("格式化结果未通过安全检查（{why}），未格式化；请报告这个问题")
        }
        (FormatError::Unsafe(why), Lang::En) => format!(
            "the formatted text failed its safety check ({why}); not formatted, please report this"
        ),
    }
}

pub(crate) fn request_failed(message: String) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
        message: message.into(),
        data: None,
    }
}

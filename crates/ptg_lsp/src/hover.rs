//! `textDocument/hover`: what the construct under the cursor means, and the docs of the
//! rules whose findings cover it (Markdown from `ptg_ide`).

use tower_lsp_server::lsp_types as lsp;

use crate::convert::{from_proto, to_proto};
use crate::server::Snapshot;

pub(crate) fn hover(snapshot: &Snapshot, params: &lsp::HoverParams) -> Option<lsp::Hover> {
    let cx = snapshot.cx();
    let offset = from_proto::offset(cx, params.text_document_position_params.position);
    let info = snapshot.doc.hover(offset)?;
    let kind = if snapshot.caps.markdown_hover {
        lsp::MarkupKind::Markdown
    } else {
        lsp::MarkupKind::PlainText
    };
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind,
            value: info.markdown,
        }),
        range: Some(to_proto::range(cx, info.range)),
    })
}

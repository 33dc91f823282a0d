//! `textDocument/definition`: a duplicate indicator to its first occurrence, a roll-up
//! total to the funds it sums (targets from `ptg_ide`, always in the same document).

use tower_lsp_server::lsp_types as lsp;

use crate::convert::{from_proto, to_proto};
use crate::server::Snapshot;

pub(crate) fn definition(
    snapshot: &Snapshot,
    params: &lsp::GotoDefinitionParams,
) -> Option<lsp::GotoDefinitionResponse> {
    let cx = snapshot.cx();
    let offset = from_proto::offset(cx, params.text_document_position_params.position);
    let mut locations: Vec<lsp::Location> = snapshot
        .doc
        .definition(offset)
        .into_iter()
        .map(|range| lsp::Location::new(snapshot.uri.clone(), to_proto::range(cx, range)))
        .collect();
    match locations.len() {
        0 => None,
        1 => locations.pop().map(lsp::GotoDefinitionResponse::Scalar),
        _ => Some(lsp::GotoDefinitionResponse::Array(locations)),
    }
}

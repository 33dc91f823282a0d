//! `textDocument/documentSymbol`: the outline (departments, budget units, projects,
//! categories, indicators), hierarchical when the client supports it, flat otherwise.

use tower_lsp_server::lsp_types as lsp;

use ptg_ide::{Symbol, SymbolKind};

use crate::convert::{to_proto, LineCx};
use crate::server::Snapshot;

pub(crate) fn document_symbols(snapshot: &Snapshot) -> lsp::DocumentSymbolResponse {
    let cx = snapshot.cx();
    let symbols = snapshot.doc.symbols();
    if snapshot.caps.hierarchical_symbols {
        lsp::DocumentSymbolResponse::Nested(symbols.iter().map(|s| nested(cx, s)).collect())
    } else {
        let mut flat = Vec::new();
        for symbol in &symbols {
            flatten(cx, &snapshot.uri, symbol, None, &mut flat);
        }
        lsp::DocumentSymbolResponse::Flat(flat)
    }
}

fn kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Department => lsp::SymbolKind::NAMESPACE,
        SymbolKind::BudgetUnit => lsp::SymbolKind::MODULE,
        SymbolKind::Project => lsp::SymbolKind::CLASS,
        SymbolKind::Category => lsp::SymbolKind::STRUCT,
        SymbolKind::Indicator => lsp::SymbolKind::FIELD,
        SymbolKind::Field => lsp::SymbolKind::PROPERTY,
    }
}

/// Clients reject empty names.
fn name(symbol: &Symbol) -> String {
    if symbol.name.trim().is_empty() {
        "\u{2026}".to_string()
    } else {
        symbol.name.clone()
    }
}

#[expect(
    deprecated,
    reason = "DocumentSymbol has a deprecated field that must still be initialised"
)]
fn nested(cx: LineCx<'_>, symbol: &Symbol) -> lsp::DocumentSymbol {
    // The selection must lie inside the range, or clients reject the whole outline.
    let selection = if symbol.range.contains_range(symbol.selection) {
        symbol.selection
    } else {
        symbol.range
    };
    lsp::DocumentSymbol {
        name: name(symbol),
        detail: symbol.detail.clone(),
        kind: kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: to_proto::range(cx, symbol.range),
        selection_range: to_proto::range(cx, selection),
        children: Some(symbol.children.iter().map(|c| nested(cx, c)).collect()),
    }
}

#[expect(
    deprecated,
    reason = "SymbolInformation has a deprecated field that must still be initialised"
)]
fn flatten(
    cx: LineCx<'_>,
    uri: &lsp::Uri,
    symbol: &Symbol,
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    let name = name(symbol);
    out.push(lsp::SymbolInformation {
        name: name.clone(),
        kind: kind(symbol.kind),
        tags: None,
        deprecated: None,
        location: lsp::Location::new(uri.clone(), to_proto::range(cx, symbol.range)),
        container_name: container.map(str::to_string),
    });
    for child in &symbol.children {
        flatten(cx, uri, child, Some(&name), out);
    }
}

//! The server's request path without the transport, for the `lsp` fuzz target
//! (`fuzz/checks/lsp.rs`) and its regression test. Not a stable API.
//!
//! [`Session`] keeps the same [`Documents`] store the server keeps, applies `didChange`
//! content changes with the same [`Documents::change`], analyses the current version as
//! `Shared::analysis` does, and answers requests through the very handlers the
//! `LanguageServer` impl calls (`completion`, `hover`, `formatting`, `code_action`, …), so a
//! fuzzer drives everything between JSON-RPC and `ptg_ide` at thousands of executions per
//! second. What it leaves out: JSON (de)serialisation, debouncing and publishing, and
//! `ptg.toml` discovery (every document gets the given settings; nothing is read).

use std::sync::Arc;

use ptg_diagnostics::Lang;
use ptg_lint::LintSettings;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::lsp_types as lsp;

pub use crate::convert::Encoding;
pub use tower_lsp_server::lsp_types;

use crate::config::Fingerprint;
use crate::documents::Documents;
use crate::server::{ClientCaps, Snapshot};

/// Which optional client capabilities the session pretends to have.
#[derive(Debug, Clone, Copy, Default)]
pub struct Capabilities {
    pub snippets: bool,
    pub hierarchical_symbols: bool,
    pub line_folding_only: bool,
    pub markdown_hover: bool,
}

/// One client's view of the server after `initialize`.
pub struct Session {
    documents: Documents,
    encoding: Encoding,
    caps: ClientCaps,
    settings: Arc<LintSettings>,
}

fn document(uri: &lsp::Uri) -> lsp::TextDocumentIdentifier {
    lsp::TextDocumentIdentifier { uri: uri.clone() }
}

fn at(uri: &lsp::Uri, position: lsp::Position) -> lsp::TextDocumentPositionParams {
    lsp::TextDocumentPositionParams {
        text_document: document(uri),
        position,
    }
}

impl Session {
    /// A session negotiated to `encoding`, with messages in `lang`.
    pub fn new(encoding: Encoding, lang: Lang, capabilities: Capabilities) -> Session {
        Session {
            documents: Documents::default(),
            encoding,
            caps: ClientCaps {
                snippets: capabilities.snippets,
                hierarchical_symbols: capabilities.hierarchical_symbols,
                line_folding_only: capabilities.line_folding_only,
                watch_files: false,
                markdown_hover: capabilities.markdown_hover,
                // Code actions as `changes` (the fuzz check reads those).
                document_changes: false,
            },
            settings: Arc::new(LintSettings {
                lang,
                ..LintSettings::default()
            }),
        }
    }

    /// `textDocument/didOpen`.
    pub fn did_open(&mut self, uri: &lsp::Uri, text: String, version: i32) {
        self.documents.open(
            uri.clone(),
            text,
            version,
            self.settings.clone(),
            Fingerprint::default(),
        );
    }

    /// `textDocument/didChange`; `false` for a document that is not open.
    pub fn did_change(
        &mut self,
        uri: &lsp::Uri,
        version: i32,
        changes: &[lsp::TextDocumentContentChangeEvent],
    ) -> bool {
        self.documents
            .change(uri, version, changes, self.encoding)
            .0
            .is_some()
    }

    /// `textDocument/didClose`; `false` for a document that is not open.
    pub fn did_close(&mut self, uri: &lsp::Uri) -> bool {
        self.documents.close(uri).is_some()
    }

    /// The server's text of an open document.
    pub fn text(&self, uri: &lsp::Uri) -> Option<&str> {
        self.documents.get(uri).map(|doc| doc.text.as_str())
    }

    /// The analysed current version, as `Shared::analysis` computes it for a request.
    fn snapshot(&mut self, uri: &lsp::Uri) -> Option<Snapshot> {
        let doc = self.documents.get(uri)?;
        let version = doc.version;
        let doc = match doc.current_analysis() {
            Some(doc) => doc,
            None => {
                let input = self.documents.analysis_input(uri)?;
                let (revision, settings) = (input.revision, input.settings.clone());
                let analysis = input.analyse();
                self.documents
                    .store_analysis(uri, revision, &settings, analysis.clone());
                analysis
            }
        };
        Some(Snapshot {
            uri: uri.clone(),
            doc,
            version,
            encoding: self.encoding,
            caps: self.caps,
        })
    }

    /// The diagnostics the server would publish for the current version.
    pub fn diagnostics(&mut self, uri: &lsp::Uri) -> Option<Vec<lsp::Diagnostic>> {
        let snapshot = self.snapshot(uri)?;
        Some(crate::diagnostics::document(
            &snapshot.doc,
            uri,
            self.encoding,
        ))
    }

    /// The diagnostics of an analysis of the current text from nothing, for comparing
    /// with [`Session::diagnostics`], which the server may build from the previous
    /// version's analysis ([`ptg_ide::Document::edit`]).
    pub fn fresh_diagnostics(&mut self, uri: &lsp::Uri) -> Option<Vec<lsp::Diagnostic>> {
        let doc = self.documents.get(uri)?;
        let fresh = ptg_ide::Document::new(doc.text.clone(), LintSettings::clone(&doc.settings));
        Some(crate::diagnostics::document(&fresh, uri, self.encoding))
    }

    /// `textDocument/completion`.
    pub fn completion(
        &mut self,
        uri: &lsp::Uri,
        position: lsp::Position,
    ) -> Option<lsp::CompletionResponse> {
        let snapshot = self.snapshot(uri)?;
        let params = lsp::CompletionParams {
            text_document_position: at(uri, position),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: None,
        };
        crate::completion::completion(&snapshot, &params)
    }

    /// `textDocument/hover`.
    pub fn hover(&mut self, uri: &lsp::Uri, position: lsp::Position) -> Option<lsp::Hover> {
        let snapshot = self.snapshot(uri)?;
        let params = lsp::HoverParams {
            text_document_position_params: at(uri, position),
            work_done_progress_params: Default::default(),
        };
        crate::hover::hover(&snapshot, &params)
    }

    /// `textDocument/definition`.
    pub fn definition(
        &mut self,
        uri: &lsp::Uri,
        position: lsp::Position,
    ) -> Option<lsp::GotoDefinitionResponse> {
        let snapshot = self.snapshot(uri)?;
        let params = lsp::GotoDefinitionParams {
            text_document_position_params: at(uri, position),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        crate::definition::definition(&snapshot, &params)
    }

    /// `textDocument/documentSymbol`.
    pub fn document_symbols(&mut self, uri: &lsp::Uri) -> Option<lsp::DocumentSymbolResponse> {
        let snapshot = self.snapshot(uri)?;
        Some(crate::symbols::document_symbols(&snapshot))
    }

    /// `textDocument/foldingRange`.
    pub fn folding_ranges(&mut self, uri: &lsp::Uri) -> Option<Vec<lsp::FoldingRange>> {
        let snapshot = self.snapshot(uri)?;
        Some(crate::folding::folding_ranges(&snapshot))
    }

    /// `textDocument/formatting`: `None` for a document that is not open, an error when
    /// the server refuses (syntax errors).
    pub fn formatting(&mut self, uri: &lsp::Uri) -> Option<jsonrpc::Result<Vec<lsp::TextEdit>>> {
        let snapshot = self.snapshot(uri)?;
        Some(crate::formatting::format(&snapshot))
    }

    /// `textDocument/codeAction` over `range`, restricted to `only` kinds if given.
    pub fn code_actions(
        &mut self,
        uri: &lsp::Uri,
        range: lsp::Range,
        only: Option<Vec<lsp::CodeActionKind>>,
    ) -> Option<lsp::CodeActionResponse> {
        let snapshot = self.snapshot(uri)?;
        let params = lsp::CodeActionParams {
            text_document: document(uri),
            range,
            context: lsp::CodeActionContext {
                diagnostics: Vec::new(),
                only,
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        Some(crate::code_action::code_actions(&snapshot, &params))
    }
}

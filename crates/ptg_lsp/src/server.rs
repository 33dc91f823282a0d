//! The [`Backend`]: the client handle, the document store, the configuration cache and
//! the `LanguageServer` impl. Handlers convert with `from_proto`/`to_proto` and call
//! `ptg_ide`; no lock is ever held across an `.await` (the guards are `std` ones, which
//! the `Send` bound of every handler future would reject).
//!
//! Ordering: the transport polls each incoming message's handler once, in arrival order,
//! before polling later ones, so `didOpen`/`didChange`/`didClose` mutate the store
//! synchronously, before their first `.await`. Analyses run later (debounced, on the
//! blocking pool) and are tagged with the document's revision; one publisher task sends
//! diagnostics in the order they were produced and drops those whose revision is no longer
//! current, so diagnostics of a stale version are never published.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use ptg_diagnostics::Lang;
use ptg_line_index::LineIndex;
use std::sync::atomic::AtomicBool;
use tokio::sync::mpsc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

use crate::config::{self, ConfigCache};
use crate::convert::{Encoding, LineCx};
use crate::documents::Documents;
use crate::transport::Outbox;

/// How the server is started (`ptg lsp` flags, tests).
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The default message language when neither `ptg.toml` nor `initializationOptions`
    /// choose one (`ptg --lang`, `PTG_LANG`); `None` falls back to the client's locale,
    /// then Chinese.
    pub lang: Option<Lang>,
    /// How long a document must stay unchanged before it is analysed and its diagnostics
    /// published. Tests use zero.
    pub debounce: Duration,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions {
            lang: None,
            debounce: Duration::from_millis(150),
        }
    }
}

/// What `initialize` decided.
#[derive(Debug, Clone, Default)]
pub(crate) struct Session {
    pub encoding: Encoding,
    /// The message language for documents whose `ptg.toml` sets none.
    pub lang: Lang,
    /// `initializationOptions.lang`, which `didChangeConfiguration` may replace.
    pub lang_option: Option<Lang>,
    /// The client's locale, as a fallback for the language.
    pub locale_lang: Option<Lang>,
    pub caps: ClientCaps,
}

/// The client capabilities the handlers look at.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClientCaps {
    pub snippets: bool,
    pub hierarchical_symbols: bool,
    pub line_folding_only: bool,
    pub watch_files: bool,
    pub markdown_hover: bool,
    /// `workspace.workspaceEdit.documentChanges`: edits can name the document version.
    pub document_changes: bool,
}

/// A message for the publisher task.
enum Publish {
    /// A document's diagnostics, published only if `revision` is still current; the
    /// notification is serialised already (on the thread that analysed the document).
    Document {
        uri: Uri,
        revision: u64,
        body: Vec<u8>,
    },
    /// Unconditionally (closed documents: empty; configuration files).
    Plain {
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
    },
}

/// An analysed document for a request, with what its conversions need.
pub(crate) struct Snapshot {
    pub uri: Uri,
    pub doc: Arc<ptg_ide::Document>,
    /// The document version `doc` is of (edits name it where the client allows).
    pub version: i32,
    pub encoding: Encoding,
    pub caps: ClientCaps,
}

impl Snapshot {
    pub fn cx(&self) -> LineCx<'_> {
        LineCx {
            text: self.doc.text(),
            index: self.doc.line_index(),
            encoding: self.encoding,
        }
    }

    pub fn lang(&self) -> Lang {
        self.doc.settings().lang
    }
}

pub(crate) struct Shared {
    client: Client,
    /// Where the publisher writes the notifications it serialised itself.
    outbox: Outbox,
    options: ServerOptions,
    session: RwLock<Session>,
    documents: Mutex<Documents>,
    configs: Mutex<ConfigCache>,
    /// Configuration files whose diagnostics are published, with what was published.
    published_configs: Mutex<Vec<(Uri, Vec<Diagnostic>)>>,
    publish_tx: mpsc::UnboundedSender<Publish>,
    publish_rx: Mutex<Option<mpsc::UnboundedReceiver<Publish>>>,
    /// `shutdown` was received: `exit` then ends the process with 0, else with 1.
    shutdown_requested: Arc<AtomicBool>,
}

/// The language server. Cheap to clone: everything lives behind one `Arc`.
#[derive(Clone)]
pub struct Backend {
    shared: Arc<Shared>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Backend {
    /// A backend that publishes diagnostics through `outbox` (see [`crate::transport`]),
    /// setting `shutdown_requested` when the client sends `shutdown` (the transport's
    /// owner reads it after `exit` for the exit code).
    pub(crate) fn new(
        client: Client,
        outbox: Outbox,
        options: ServerOptions,
        shutdown_requested: Arc<AtomicBool>,
    ) -> Backend {
        let (publish_tx, publish_rx) = mpsc::unbounded_channel();
        Backend {
            shared: Arc::new(Shared {
                client,
                outbox,
                options,
                session: RwLock::new(Session::default()),
                documents: Mutex::new(Documents::default()),
                configs: Mutex::new(ConfigCache::default()),
                published_configs: Mutex::new(Vec::new()),
                publish_tx,
                publish_rx: Mutex::new(Some(publish_rx)),
                shutdown_requested,
            }),
        }
    }

    fn session(&self) -> Session {
        self.shared.session()
    }

    /// The text and version the server holds for an open document (tests, debugging).
    pub fn document(&self, uri: &Uri) -> Option<(String, i32)> {
        let docs = lock(&self.shared.documents);
        let doc = docs.get(uri)?;
        Some((doc.text.clone(), doc.version))
    }

    /// The analysed current version of an open document; `None` for URIs never opened.
    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (doc, version) = self.shared.analysis(uri)?;
        let session = self.session();
        Some(Snapshot {
            uri: uri.clone(),
            doc,
            version,
            encoding: session.encoding,
            caps: session.caps,
        })
    }
}

impl Shared {
    fn session(&self) -> Session {
        self.session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The analysis of the document's current state, computed now if the debounced task
    /// has not done it yet.
    /// Returns it with the document version it is of.
    fn analysis(&self, uri: &Uri) -> Option<(Arc<ptg_ide::Document>, i32)> {
        let input = {
            let mut docs = lock(&self.documents);
            let doc = docs.get(uri)?;
            if let Some(analysis) = doc.current_analysis() {
                return Some((analysis, doc.version));
            }
            docs.analysis_input(uri)?
        };
        let (revision, version, settings) = (input.revision, input.version, input.settings.clone());
        let analysis = input.analyse();
        lock(&self.documents).store_analysis(uri, revision, &settings, analysis.clone());
        Some((analysis, version))
    }

    /// Settings for a document from its `ptg.toml`.
    fn settings_for(&self, uri: &Uri) -> (Arc<ptg_lint::LintSettings>, config::Fingerprint) {
        let lang = self.session().lang;
        let mut configs = lock(&self.configs);
        let (settings, fingerprint) = configs.settings_for(uri, lang);
        (Arc::new(settings), fingerprint)
    }

    /// Analyses the document at `revision` (unless it changed since) and queues its
    /// diagnostics.
    fn analyse_and_queue(&self, uri: &Uri, revision: u64) {
        let (version, settings, cached, input) = {
            let mut docs = lock(&self.documents);
            let Some(doc) = docs.get(uri).filter(|doc| doc.revision == revision) else {
                return;
            };
            let (version, settings, cached) =
                (doc.version, doc.settings.clone(), doc.current_analysis());
            // The base goes to a new analysis only: a cached one does not need it.
            let input = if cached.is_some() {
                None
            } else {
                docs.analysis_input(uri)
            };
            (version, settings, cached, input)
        };
        let analysis = match (cached, input) {
            (Some(cached), _) => cached,
            (None, Some(input)) => input.analyse(),
            (None, None) => return,
        };
        let diagnostics = crate::diagnostics::document(&analysis, uri, self.session().encoding);
        let body = crate::diagnostics::notification(uri.clone(), diagnostics, Some(version));
        let mut docs = lock(&self.documents);
        if docs.store_analysis(uri, revision, &settings, analysis) {
            // Queued under the store's lock: queue order is revision order.
            let _ = self.publish_tx.send(Publish::Document {
                uri: uri.clone(),
                revision,
                body,
            });
        }
    }

    fn is_current(&self, uri: &Uri, revision: u64) -> bool {
        lock(&self.documents).is_current(uri, revision)
    }

    /// Publishes queued diagnostics in order, dropping stale ones.
    async fn run_publisher(self: Arc<Self>, mut rx: mpsc::UnboundedReceiver<Publish>) {
        while let Some(message) = rx.recv().await {
            match message {
                Publish::Document {
                    uri,
                    revision,
                    body,
                } => {
                    if self.is_current(&uri, revision) {
                        self.outbox.send_body(body);
                    }
                }
                Publish::Plain { uri, diagnostics } => {
                    self.outbox
                        .send_body(crate::diagnostics::notification(uri, diagnostics, None));
                }
            }
        }
    }

    /// Re-reads every `ptg.toml` and re-analyses the documents whose configuration
    /// changed (all of them when `force`, e.g. after the message language changed).
    fn reload_config(self: &Arc<Self>, force: bool) {
        lock(&self.configs).clear();
        let uris = lock(&self.documents).uris();
        for uri in uris {
            let (settings, fingerprint) = self.settings_for(&uri);
            let unchanged = lock(&self.documents)
                .get(&uri)
                .is_some_and(|doc| doc.fingerprint == fingerprint);
            if unchanged && !force {
                continue;
            }
            let revision = lock(&self.documents).set_settings(&uri, settings, fingerprint);
            if let Some(revision) = revision {
                self.schedule(uri, revision);
            }
        }
        self.queue_config_diagnostics();
    }

    /// Publishes the problems of every loaded `ptg.toml` (when they changed since last
    /// time), and clears those of files that are gone or mended.
    fn queue_config_diagnostics(&self) {
        let loaded = lock(&self.configs).loaded();
        let session = self.session();
        let mut now: Vec<(Uri, Vec<Diagnostic>)> = Vec::new();
        for file in loaded {
            if file.diagnostics.is_empty() {
                continue;
            }
            let Some(uri) = Uri::from_file_path(&file.path) else {
                continue;
            };
            let index = LineIndex::new(&file.text);
            let cx = LineCx {
                text: &file.text,
                index: &index,
                encoding: session.encoding,
            };
            let lang = file.config.lang().unwrap_or(session.lang);
            let diagnostics = file
                .diagnostics
                .iter()
                .map(|diag| crate::diagnostics::to_lsp(cx, &uri, diag, lang))
                .collect();
            now.push((uri, diagnostics));
        }
        let mut published = lock(&self.published_configs);
        for (uri, diagnostics) in &now {
            if !published.iter().any(|(u, d)| u == uri && d == diagnostics) {
                let _ = self.publish_tx.send(Publish::Plain {
                    uri: uri.clone(),
                    diagnostics: diagnostics.clone(),
                });
            }
        }
        for (gone, _) in published.iter() {
            if !now.iter().any(|(uri, _)| uri == gone) {
                let _ = self.publish_tx.send(Publish::Plain {
                    uri: gone.clone(),
                    diagnostics: Vec::new(),
                });
            }
        }
        *published = now;
    }

    /// Analyses the document after the debounce delay, unless it changed meanwhile.
    fn schedule(self: &Arc<Self>, uri: Uri, revision: u64) {
        let shared = Arc::clone(self);
        tokio::spawn(async move {
            let debounce = shared.options.debounce;
            if !debounce.is_zero() {
                tokio::time::sleep(debounce).await;
                if !shared.is_current(&uri, revision) {
                    return;
                }
            }
            let worker = Arc::clone(&shared);
            let _ =
                tokio::task::spawn_blocking(move || worker.analyse_and_queue(&uri, revision)).await;
        });
    }

    /// Problems reading configuration files, shown to the user once.
    async fn show_config_problems(&self) {
        let problems = lock(&self.configs).take_problems();
        for problem in problems {
            self.client
                .show_message(MessageType::WARNING, problem)
                .await;
        }
    }
}

/// `initializationOptions.lang` or `{ "ptg": { "lang": … } }` of a configuration change.
fn lang_option(value: Option<&LSPAny>) -> Option<Lang> {
    let value = value?;
    let lang = value
        .get("lang")
        .or_else(|| value.get("ptg").and_then(|ptg| ptg.get("lang")))?;
    lang.as_str().and_then(Lang::from_tag)
}

impl Session {
    fn resolve_lang(&mut self, default: Option<Lang>) {
        self.lang = self
            .lang_option
            .or(default)
            .or(self.locale_lang)
            .unwrap_or_default();
    }
}

fn client_caps(caps: &ClientCapabilities) -> ClientCaps {
    let text = caps.text_document.as_ref();
    ClientCaps {
        snippets: text
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|item| item.snippet_support)
            .unwrap_or(false),
        hierarchical_symbols: text
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|s| s.hierarchical_document_symbol_support)
            .unwrap_or(false),
        line_folding_only: text
            .and_then(|t| t.folding_range.as_ref())
            .and_then(|f| f.line_folding_only)
            .unwrap_or(false),
        watch_files: caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false),
        markdown_hover: text
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_none_or(|formats| formats.contains(&MarkupKind::Markdown)),
        document_changes: caps
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
    }
}

/// The code action kind of the fix-all source action.
pub const FIX_ALL_KIND: &str = "source.fixAll.ptg";

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                crate::completion::TRIGGER_CHARACTERS
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            ),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: None,
        })),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        {
            let mut session = self
                .shared
                .session
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            session.encoding = encoding;
            session.caps = client_caps(&params.capabilities);
            session.lang_option = lang_option(params.initialization_options.as_ref());
            // Only an English locale switches the default away from Chinese.
            session.locale_lang = params
                .locale
                .as_deref()
                .and_then(Lang::from_tag)
                .filter(|lang| *lang == Lang::En);
            session.resolve_lang(self.shared.options.lang);
        }
        if let Some(rx) = lock(&self.shared.publish_rx).take() {
            tokio::spawn(Arc::clone(&self.shared).run_publisher(rx));
        }
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "ptg".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !self.session().caps.watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", ptg_config::FILE_NAME)),
                kind: None,
            }],
        };
        let Ok(register_options) = serde_json::to_value(options) else {
            return;
        };
        let registration = Registration {
            id: "ptg-config-watcher".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: Some(register_options),
        };
        // Not awaited here: a client slow to answer must not hold a request slot.
        let client = self.shared.client.clone();
        tokio::spawn(async move {
            let _ = client.register_capability(vec![registration]).await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared
            .shutdown_requested
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        if config::is_config_uri(&doc.uri) {
            // A configuration file open in the editor is not a PTG document.
            return;
        }
        let (settings, fingerprint) = self.shared.settings_for(&doc.uri);
        let revision = lock(&self.shared.documents).open(
            doc.uri.clone(),
            doc.text,
            doc.version,
            settings,
            fingerprint,
        );
        self.shared.schedule(doc.uri, revision);
        self.shared.queue_config_diagnostics();
        self.shared.show_config_problems().await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let encoding = self.session().encoding;
        let uri = params.text_document.uri;
        let (revision, stale) = lock(&self.shared.documents).change(
            &uri,
            params.text_document.version,
            &params.content_changes,
            encoding,
        );
        if let Some(revision) = revision {
            self.shared.schedule(uri, revision);
        }
        // The previous version's tree is freed on the blocking pool, beside the analysis
        // of this one, not before it.
        if let Some(stale) = stale {
            tokio::task::spawn_blocking(move || drop(stale));
        }
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        // A save may come with a changed ptg.toml (clients that cannot watch files).
        self.shared.reload_config(false);
        self.shared.show_config_problems().await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if lock(&self.shared.documents).close(&uri).is_some() {
            let _ = self.shared.publish_tx.send(Publish::Plain {
                uri,
                diagnostics: Vec::new(),
            });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|change| config::is_config_uri(&change.uri))
        {
            self.shared.reload_config(false);
            self.shared.show_config_problems().await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        {
            let mut session = self
                .shared
                .session
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(lang) = lang_option(Some(&params.settings)) {
                session.lang_option = Some(lang);
            }
            session.resolve_lang(self.shared.options.lang);
        }
        self.shared.reload_config(true);
        self.shared.show_config_problems().await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = &params.text_document_position.text_document.uri;
        let Some(snapshot) = self.snapshot(uri) else {
            return Ok(None);
        };
        Ok(crate::completion::completion(&snapshot, &params))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = &params.text_document_position_params.text_document.uri;
        let Some(snapshot) = self.snapshot(uri) else {
            return Ok(None);
        };
        Ok(crate::hover::hover(&snapshot, &params))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let uri = &params.text_document_position_params.text_document.uri;
        let Some(snapshot) = self.snapshot(uri) else {
            return Ok(None);
        };
        Ok(crate::definition::definition(&snapshot, &params))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(crate::symbols::document_symbols(&snapshot)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(crate::folding::folding_ranges(&snapshot)))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        crate::formatting::format(&snapshot).map(Some)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(crate::code_action::code_actions(&snapshot, &params)))
    }
}

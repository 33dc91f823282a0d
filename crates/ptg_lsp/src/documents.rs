//! The documents the client opened: text, version, settings and the latest analysis.
//!
//! Only documents given by `didOpen` are known; requests about any other URI get no
//! result. Every change of a `didChange` is applied in order, each against the text the
//! previous one produced, with positions in the negotiated encoding.

use std::collections::HashMap;
use std::sync::Arc;

use ptg_line_index::LineIndex;
use ptg_lint::LintSettings;
use tower_lsp_server::lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::config::Fingerprint;
use crate::convert::{from_proto, Encoding, LineCx};

/// One open document.
pub struct OpenDocument {
    pub text: String,
    /// The client's version, sent back with the diagnostics of this text.
    pub version: i32,
    /// Changes whenever the text or the settings change; analysis tasks and published
    /// diagnostics carry it so that nothing computed for an older state is published.
    pub revision: u64,
    pub settings: Arc<LintSettings>,
    /// Which `ptg.toml` (path and text) the settings came from.
    pub fingerprint: Fingerprint,
    /// The analysis of `text` with `settings`, once computed for `revision`.
    pub analysis: Option<(u64, Arc<ptg_ide::Document>)>,
    /// The latest analysis of an earlier text with the current settings: the next
    /// analysis starts from it ([`ptg_ide::Document::edit`]) instead of from nothing.
    pub base: Option<Arc<ptg_ide::Document>>,
}

impl OpenDocument {
    /// The analysis of the current revision, if already computed.
    pub fn current_analysis(&self) -> Option<Arc<ptg_ide::Document>> {
        match &self.analysis {
            Some((revision, doc)) if *revision == self.revision => Some(doc.clone()),
            _ => None,
        }
    }
}

/// What an analysis needs, copied out so that no lock is held while it runs.
pub struct AnalysisInput {
    pub text: String,
    pub version: i32,
    pub revision: u64,
    pub settings: Arc<LintSettings>,
    /// An earlier analysis to start from, if any.
    pub base: Option<Arc<ptg_ide::Document>>,
}

impl AnalysisInput {
    /// Analyses the text: incrementally from the base when nothing else holds it (a
    /// request still reading it keeps it shared), else from nothing.
    pub fn analyse(self) -> Arc<ptg_ide::Document> {
        match self.base.map(Arc::try_unwrap) {
            Some(Ok(base)) => Arc::new(base.edit(self.text)),
            _ => Arc::new(ptg_ide::Document::new(
                self.text,
                LintSettings::clone(&self.settings),
            )),
        }
    }
}

#[derive(Default)]
pub struct Documents {
    open: HashMap<Uri, OpenDocument>,
    /// Source of revisions, unique across documents and reopenings.
    next_revision: u64,
}

impl Documents {
    fn bump(&mut self) -> u64 {
        self.next_revision += 1;
        self.next_revision
    }

    /// Opens (or reopens) a document; returns its revision.
    pub fn open(
        &mut self,
        uri: Uri,
        text: String,
        version: i32,
        settings: Arc<LintSettings>,
        fingerprint: Fingerprint,
    ) -> u64 {
        let revision = self.bump();
        self.open.insert(
            uri,
            OpenDocument {
                text,
                version,
                revision,
                settings,
                fingerprint,
                analysis: None,
                base: None,
            },
        );
        revision
    }

    /// Applies every change in order and takes the new version; returns the new revision
    /// (`None` for a document that is not open) and the analysis the change made useless,
    /// for the caller to free away from the request path: dropping a large document's
    /// tree takes milliseconds. The current analysis becomes the base of the next one.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> (Option<u64>, Option<Arc<ptg_ide::Document>>) {
        let revision = self.bump();
        let Some(doc) = self.open.get_mut(uri) else {
            return (None, None);
        };
        // The current analysis indexes the text the first change applies to: no need to
        // index a large document again.
        let index = match &doc.analysis {
            Some((revision, analysis)) if *revision == doc.revision => Some(analysis.line_index()),
            _ => None,
        };
        for (idx, change) in changes.iter().enumerate() {
            let index = if idx == 0 { index } else { None };
            apply_change_indexed(&mut doc.text, change, encoding, index);
        }
        doc.version = version;
        doc.revision = revision;
        let stale = match doc.analysis.take() {
            Some((_, analysis)) => doc.base.replace(analysis),
            None => None,
        };
        (Some(revision), stale)
    }

    /// New settings for a document (its `ptg.toml` changed); returns the new revision.
    pub fn set_settings(
        &mut self,
        uri: &Uri,
        settings: Arc<LintSettings>,
        fingerprint: Fingerprint,
    ) -> Option<u64> {
        let revision = self.bump();
        let doc = self.open.get_mut(uri)?;
        doc.settings = settings;
        doc.fingerprint = fingerprint;
        doc.revision = revision;
        doc.analysis = None;
        doc.base = None;
        Some(revision)
    }

    pub fn close(&mut self, uri: &Uri) -> Option<OpenDocument> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.open.keys().cloned().collect();
        uris.sort();
        uris
    }

    /// Whether `revision` is still the document's current state.
    pub fn is_current(&self, uri: &Uri, revision: u64) -> bool {
        self.open
            .get(uri)
            .is_some_and(|doc| doc.revision == revision)
    }

    /// The input of an analysis of the current state; it takes the document's base.
    pub fn analysis_input(&mut self, uri: &Uri) -> Option<AnalysisInput> {
        let doc = self.open.get_mut(uri)?;
        Some(AnalysisInput {
            text: doc.text.clone(),
            version: doc.version,
            revision: doc.revision,
            settings: doc.settings.clone(),
            base: doc.base.take(),
        })
    }

    /// Keeps an analysis if it is still of the current state; returns whether it was.
    /// An analysis of an older state, made with the current `settings`, becomes the base
    /// of the next analysis when there is none (typing faster than analyses finish).
    pub fn store_analysis(
        &mut self,
        uri: &Uri,
        revision: u64,
        settings: &Arc<LintSettings>,
        analysis: Arc<ptg_ide::Document>,
    ) -> bool {
        match self.open.get_mut(uri) {
            Some(doc) if doc.revision == revision => {
                doc.analysis = Some((revision, analysis));
                true
            }
            Some(doc) if doc.base.is_none() && Arc::ptr_eq(&doc.settings, settings) => {
                doc.base = Some(analysis);
                false
            }
            _ => false,
        }
    }
}

/// Applies one content change: the whole text when it has no range, else the range
/// (converted in `encoding` against the current text) replaced by the change's text.
#[cfg(test)]
fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    apply_change_indexed(text, change, encoding, None);
}

/// Applies one content change: the whole text when it has no range, else the range
/// (converted in `encoding` against the current text, with `index` when the caller has
/// the text's line index) replaced by the change's text.
fn apply_change_indexed(
    text: &mut String,
    change: &TextDocumentContentChangeEvent,
    encoding: Encoding,
    index: Option<&LineIndex>,
) {
    let Some(range) = change.range else {
        text.clone_from(&change.text);
        return;
    };
    let built;
    let index = match index {
        Some(index) => index,
        None => {
            built = LineIndex::new(text);
            &built
        }
    };
    let cx = LineCx {
        text,
        index,
        encoding,
    };
    let range = from_proto::text_range(cx, range);
    text.replace_range(std::ops::Range::<usize>::from(range), &change.text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::lsp_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn changes_apply_in_order_in_each_encoding() {
        let original = "甲🙂乙\r\n丙\r\n";
        // Replace 乙 with 丁, then insert X after the emoji, then join the lines.
        let cases = [
            (Encoding::Utf16, [(0, 3, 0, 4), (0, 3, 0, 3), (0, 5, 1, 0)]),
            (Encoding::Utf32, [(0, 2, 0, 3), (0, 2, 0, 2), (0, 4, 1, 0)]),
            (Encoding::Utf8, [(0, 7, 0, 10), (0, 7, 0, 7), (0, 11, 1, 0)]),
        ];
        for (encoding, [a, b, c]) in cases {
            let mut text = original.to_string();
            for ch in [
                change(a.0, a.1, a.2, a.3, "丁"),
                change(b.0, b.1, b.2, b.3, "X"),
                change(c.0, c.1, c.2, c.3, ""),
            ] {
                apply_change(&mut text, &ch, encoding);
            }
            assert_eq!(text, "甲🙂X丁丙\r\n", "{encoding:?}");
        }
    }

    #[test]
    fn full_change_replaces_everything() {
        let mut text = "旧".to_string();
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "新🙂".to_string(),
        };
        apply_change(&mut text, &full, Encoding::Utf16);
        assert_eq!(text, "新🙂");
    }
}

//! An in-process LSP client: the server runs on `tower_lsp_server::Server` over an
//! in-memory pipe and is spoken to in framed JSON-RPC, as an editor would.
//!
//! Positions are computed here independently of `ptg_line_index`: columns are counted with
//! `str::len`, `chars().count()` and `encode_utf16().count()` on the line's text.

use std::collections::VecDeque;
use std::str::FromStr;
use std::time::Duration;

use ptg_lsp::{Backend, ServerOptions};
use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tower_lsp_server::lsp_types::Uri;

/// How long to wait for any one message before failing the test.
const TIMEOUT: Duration = Duration::from_secs(20);

pub struct TestClient {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
    backend: Backend,
    next_id: i64,
    /// Notifications received while waiting for something else.
    inbox: VecDeque<Value>,
    /// The negotiated position encoding.
    pub encoding: String,
    pub initialize_result: Value,
}

/// A capability set like VS Code's, narrowed to what the server reads; `encodings` is
/// `general.positionEncodings` (none: the client offers nothing, i.e. UTF-16 only).
pub fn capabilities(encodings: Option<&[&str]>) -> Value {
    let mut caps = json!({
        "textDocument": {
            "completion": { "completionItem": { "snippetSupport": true } },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "foldingRange": { "lineFoldingOnly": true },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true }
        },
        "workspace": {
            "didChangeWatchedFiles": { "dynamicRegistration": true }
        }
    });
    if let Some(encodings) = encodings {
        caps["general"] = json!({ "positionEncodings": encodings });
    }
    caps
}

impl TestClient {
    /// Starts a server with no debounce and initializes it with `params` (merged over a
    /// default `initialize` request).
    pub async fn start(params: Value) -> TestClient {
        TestClient::start_with(
            ServerOptions {
                debounce: Duration::ZERO,
                ..ServerOptions::default()
            },
            params,
        )
        .await
    }

    pub async fn start_with(options: ServerOptions, params: Value) -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let (backend, serving) = ptg_lsp::serve(server_read, server_write, options);
        tokio::spawn(serving);
        let (client_read, client_write) = tokio::io::split(client_end);
        let mut client = TestClient {
            reader: BufReader::new(client_read),
            writer: client_write,
            backend,
            next_id: 0,
            inbox: VecDeque::new(),
            encoding: String::new(),
            initialize_result: Value::Null,
        };
        let mut init = json!({
            "processId": null,
            "rootUri": null,
            "capabilities": capabilities(None),
        });
        if let (Some(init), Some(extra)) = (init.as_object_mut(), params.as_object()) {
            for (key, value) in extra {
                init.insert(key.clone(), value.clone());
            }
        }
        let response = client.request("initialize", init).await;
        let result = response["result"].clone();
        assert!(result.is_object(), "initialize failed: {response}");
        client.encoding = result["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16")
            .to_string();
        client.initialize_result = result;
        client.notify("initialized", json!({})).await;
        client
    }

    /// The text and version the server holds for `uri`.
    pub fn server_document(&self, uri: &str) -> Option<(String, i32)> {
        self.backend
            .document(&Uri::from_str(uri).expect("a valid URI"))
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer
            .write_all(frame.as_bytes())
            .await
            .expect("the server reads its input");
        self.writer.flush().await.expect("flush");
    }

    /// Several messages in one write, so the server reads them together.
    pub async fn send_batch(&mut self, messages: Vec<Value>) {
        let mut frames = String::new();
        for message in messages {
            let body = message.to_string();
            frames.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        }
        self.writer
            .write_all(frames.as_bytes())
            .await
            .expect("the server reads its input");
        self.writer.flush().await.expect("flush");
    }

    /// The next message from the server; answers the server's own requests with `null`.
    async fn recv(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(TIMEOUT, read_message(&mut self.reader))
                .await
                .expect("the server answered in time");
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }))
                    .await;
                continue;
            }
            return message;
        }
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        loop {
            let message = self.recv().await;
            if message.get("method").is_none() && message["id"] == json!(id) {
                return message;
            }
            self.inbox.push_back(message);
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// The next notification with `method` (earlier ones of other kinds are kept).
    pub async fn notification(&mut self, method: &str) -> Value {
        if let Some(idx) = self.inbox.iter().position(|m| m["method"] == method) {
            return self.inbox.remove(idx).expect("present")["params"].clone();
        }
        loop {
            let message = self.recv().await;
            if message["method"] == method {
                return message["params"].clone();
            }
            self.inbox.push_back(message);
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            if let Some(idx) = self.inbox.iter().position(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            }) {
                return self.inbox.remove(idx).expect("present")["params"].clone();
            }
            let message = self.recv().await;
            self.inbox.push_back(message);
        }
    }

    /// Every `publishDiagnostics` for `uri` that arrives until the server has been quiet for
    /// `quiet`.
    pub async fn all_diagnostics_until_quiet(&mut self, uri: &str, quiet: Duration) -> Vec<Value> {
        let mut out = Vec::new();
        loop {
            if let Some(idx) = self.inbox.iter().position(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            }) {
                out.push(self.inbox.remove(idx).expect("present")["params"].clone());
                continue;
            }
            match tokio::time::timeout(quiet, read_message(&mut self.reader)).await {
                Ok(message) => self.inbox.push_back(message),
                Err(_) => return out,
            }
        }
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ptg", "version": 1, "text": text } }),
        )
        .await;
    }

    /// `textDocument/*` request with a position.
    pub async fn at(&mut self, method: &str, uri: &str, pos: (u32, u32)) -> Value {
        self.request(
            method,
            json!({
                "textDocument": { "uri": uri },
                "position": { "line": pos.0, "character": pos.1 },
            }),
        )
        .await
    }
}

async fn read_message(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Value {
    let mut length = None;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).await.expect("read header");
        assert!(n > 0, "the server closed its output");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().expect("a length"));
        }
    }
    let mut body = vec![0; length.expect("Content-Length")];
    reader.read_exact(&mut body).await.expect("read body");
    serde_json::from_slice(&body).expect("JSON")
}

// ---- Positions, counted independently of the server. ----

/// The column of byte `byte` of `line` in `encoding`.
pub fn column(line: &str, byte: usize, encoding: &str) -> u32 {
    let before = &line[..byte];
    let n = match encoding {
        "utf-8" => before.len(),
        "utf-32" => before.chars().count(),
        _ => before.encode_utf16().count(),
    };
    u32::try_from(n).expect("small")
}

/// The line and column of byte `offset` (lines end in `\n` or `\r\n`).
pub fn position(text: &str, offset: usize, encoding: &str) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |idx| idx + 1);
    (
        u32::try_from(line).expect("small"),
        column(&text[start..], offset - start, encoding),
    )
}

/// The byte offset of a line and column (a column past the line's end clamps to it).
pub fn offset(text: &str, line: u32, col: u32, encoding: &str) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(idx) => start += idx + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |idx| start + idx);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    let mut units = 0;
    for (idx, ch) in text[start..end].char_indices() {
        if units >= col {
            return start + idx;
        }
        units += match encoding {
            "utf-8" => ch.len_utf8(),
            "utf-32" => 1,
            _ => ch.len_utf16(),
        } as u32;
    }
    end
}

/// The text a `Range` covers.
pub fn slice<'t>(text: &'t str, range: &Value, encoding: &str) -> &'t str {
    let (start, end) = byte_range(text, range, encoding);
    &text[start..end]
}

pub fn byte_range(text: &str, range: &Value, encoding: &str) -> (usize, usize) {
    let pos = |p: &Value| {
        offset(
            text,
            p["line"].as_u64().expect("line") as u32,
            p["character"].as_u64().expect("character") as u32,
            encoding,
        )
    };
    (pos(&range["start"]), pos(&range["end"]))
}

/// `TextEdit[]` applied to `text` (the ranges all refer to `text`, as LSP says).
pub fn apply_edits(text: &str, edits: &Value, encoding: &str) -> String {
    let mut ranges: Vec<(usize, usize, String)> = edits
        .as_array()
        .expect("edits")
        .iter()
        .map(|edit| {
            let (start, end) = byte_range(text, &edit["range"], encoding);
            (
                start,
                end,
                edit["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    ranges.sort_by_key(|range| std::cmp::Reverse(range.0));
    let mut out = text.to_string();
    for (start, end, new_text) in ranges {
        out.replace_range(start..end, &new_text);
    }
    out
}

/// The `Range` of the `nth` occurrence of `needle` in `text`.
pub fn range_of(text: &str, needle: &str, nth: usize, encoding: &str) -> Value {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs {} times", nth + 1))
        .0;
    let (l0, c0) = position(text, start, encoding);
    let (l1, c1) = position(text, start + needle.len(), encoding);
    json!({ "start": { "line": l0, "character": c0 }, "end": { "line": l1, "character": c1 } })
}

//! `ptg-lsp-latency`: the language server's latency in a scripted editing session.
//!
//! The server runs in process, as `ptg lsp` does (a current-thread tokio runtime, analyses
//! on the blocking pool), spoken to in framed JSON-RPC over an in-memory pipe like an
//! editor would, with UTF-16 positions (VS Code's) and incremental changes. The debounce
//! is zero, so `didChange → diagnostics` is the analysis and publication time alone.
//!
//! Each round of the session, on a generated file (seed 1) of each size:
//! 1. change one digit of a percent value                      → diagnostics
//! 2. hover on a value
//! 3. insert a line `"新增指标N" ≥ 9` after an indicator       → diagnostics
//! 4. type `0` and ask for completion at once (before the analysis of that version is
//!    published: the server analyses on demand)                → "completion (typing)"
//! 5. once that version's diagnostics are out, completion again → "completion"
//! 6. type `%`                                                 → diagnostics
//! 7. delete the inserted line                                 → diagnostics
//! 8. every fifth round: whole-document formatting
//!
//! ```text
//! cargo run --release -p ptg_bench --example ptg-lsp-latency
//! cargo run --release -p ptg_bench --example ptg-lsp-latency -- --sizes 1000,5000 --rounds 20
//! ```

use std::io::Write as _;
use std::time::{Duration, Instant};

use ptg_lsp::ServerOptions;
use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};

/// The allocator of the `ptg` binary, so that the server runs as `ptg lsp` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const URI: &str = "file:///ptg-bench-nonexistent/session.ptg";

struct Client {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
    next_id: i64,
}

/// One message from the server and the moment its last byte was read (before it is
/// decoded: client-side JSON parsing is not the server's latency).
struct Received {
    at: Instant,
    message: Value,
}

impl Client {
    async fn start() -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let options = ServerOptions {
            lang: None,
            debounce: Duration::ZERO,
        };
        let (_, serving) = ptg_lsp::serve(server_read, server_write, options);
        tokio::spawn(serving);
        let (client_read, client_write) = tokio::io::split(client_end);
        let mut client = Client {
            reader: BufReader::new(client_read),
            writer: client_write,
            next_id: 0,
        };
        let capabilities = json!({
            "textDocument": {
                "completion": { "completionItem": { "snippetSupport": true } },
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "publishDiagnostics": { "relatedInformation": true, "versionSupport": true },
                "synchronization": { "didSave": true }
            },
            "general": { "positionEncodings": ["utf-16"] }
        });
        let response = client
            .request(
                "initialize",
                json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
            )
            .await
            .1;
        assert!(response["result"].is_object(), "initialize: {response}");
        client.notify("initialized", json!({})).await;
        client
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

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// The next message; the server's own requests are answered with `null` on the way.
    async fn recv(&mut self) -> Received {
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                let n = self.reader.read_line(&mut line).await.expect("read header");
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
            self.reader.read_exact(&mut body).await.expect("read body");
            let at = Instant::now();
            let message: Value = serde_json::from_slice(&body).expect("JSON");
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }))
                    .await;
                continue;
            }
            return Received { at, message };
        }
    }

    /// Sends a request; returns the time to its response and the response.
    async fn request(&mut self, method: &str, params: Value) -> (Duration, Value) {
        self.next_id += 1;
        let id = self.next_id;
        let start = Instant::now();
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        loop {
            let received = self.recv().await;
            if received.message.get("method").is_none() && received.message["id"] == json!(id) {
                return (received.at - start, received.message);
            }
        }
    }

    /// Waits for the diagnostics of `version`; returns when they arrived.
    async fn diagnostics(&mut self, version: i64) -> (Instant, usize) {
        loop {
            let received = self.recv().await;
            let m = &received.message;
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == json!(version)
            {
                let count = m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
                return (received.at, count);
            }
        }
    }
}

/// The document as the client holds it, line by line.
struct Doc {
    lines: Vec<String>,
    version: i64,
}

fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

fn pos(line: usize, character: usize) -> Value {
    json!({ "line": line, "character": character })
}

impl Doc {
    /// Replaces bytes `start..end` of line `line` with `new`, returning the change event.
    fn replace(&mut self, line: usize, start: usize, end: usize, new: &str) -> Value {
        let text = &self.lines[line];
        let range = json!({
            "start": pos(line, utf16(&text[..start])),
            "end": pos(line, utf16(&text[..end])),
        });
        let mut changed = text.clone();
        changed.replace_range(start..end, new);
        self.lines[line] = changed;
        json!({ "range": range, "text": new })
    }

    fn insert_line(&mut self, at: usize, text: &str) -> Value {
        self.lines.insert(at, text.to_string());
        json!({ "range": { "start": pos(at, 0), "end": pos(at, 0) }, "text": format!("{text}\n") })
    }

    fn delete_line(&mut self, at: usize) -> Value {
        self.lines.remove(at);
        json!({ "range": { "start": pos(at, 0), "end": pos(at + 1, 0) }, "text": "" })
    }

    fn change(&mut self, event: Value) -> Value {
        self.version += 1;
        json!({
            "textDocument": { "uri": URI, "version": self.version },
            "contentChanges": [event],
        })
    }
}

/// Lines `"名称" ≥ 90%` without an attribute block: safe to edit and to insert after.
fn value_lines(lines: &[String]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            (t.starts_with('"') || t.starts_with('“'))
                && t.ends_with('%')
                && t.as_bytes()[t.len() - 2].is_ascii_digit()
        })
        .map(|(i, _)| i)
        .collect()
}

#[derive(Default)]
struct Samples {
    diagnostics: Vec<Duration>,
    completion: Vec<Duration>,
    completion_typing: Vec<Duration>,
    hover: Vec<Duration>,
    formatting: Vec<Duration>,
    open: Vec<Duration>,
    diagnostic_count: usize,
}

async fn session(lines: usize, rounds: usize, seed: u64) -> (usize, usize, Samples) {
    let text = ptg_bench::single_file(seed, lines, ptg_bench::Format::Ptg);
    let bytes = text.len();
    let mut doc = Doc {
        lines: text.lines().map(str::to_string).collect(),
        version: 1,
    };
    let real_lines = doc.lines.len();
    let candidates = value_lines(&doc.lines);
    assert!(!candidates.is_empty(), "no value lines");
    let mut client = Client::start().await;
    let mut samples = Samples::default();

    let start = Instant::now();
    client
        .notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "ptg", "version": 1, "text": text } }),
        )
        .await;
    let (at, count) = client.diagnostics(1).await;
    samples.open.push(at - start);
    samples.diagnostic_count = count;

    let mut rng = ptg_bench::rng::Rng::new(seed ^ 0xED17);
    for round in 0..rounds {
        // 1. Change a digit of a percent value.
        let line = *rng.pick(&candidates);
        let text = &doc.lines[line];
        let pct = text.rfind('%').expect("a percent line");
        let old = text.as_bytes()[pct - 1];
        let new = if old == b'5' { "0" } else { "5" };
        let event = doc.replace(line, pct - 1, pct, new);
        let params = doc.change(event);
        let t0 = Instant::now();
        client.notify("textDocument/didChange", params).await;
        let (at, _) = client.diagnostics(doc.version).await;
        samples.diagnostics.push(at - t0);

        // 2. Hover on the value.
        let text = &doc.lines[line];
        let value_at = text
            .rfind("\" ")
            .or_else(|| text.rfind("” "))
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8) + 1
            });
        let (took, _) = client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": URI }, "position": pos(line, utf16(&text[..value_at])) }),
            )
            .await;
        samples.hover.push(took);

        // 3. Insert a new indicator line, half typed.
        let after = *rng.pick(&candidates);
        let indent: String = doc.lines[after].chars().take_while(|c| *c == ' ').collect();
        let new_line = after + 1;
        let event = doc.insert_line(new_line, &format!("{indent}\"新增指标{round}\" ≥ 9"));
        let params = doc.change(event);
        let t0 = Instant::now();
        client.notify("textDocument/didChange", params).await;
        let (at, _) = client.diagnostics(doc.version).await;
        samples.diagnostics.push(at - t0);

        // 4. Type `0` and ask for completion at once.
        let end = doc.lines[new_line].len();
        let event = doc.replace(new_line, end, end, "0");
        let params = doc.change(event);
        client.notify("textDocument/didChange", params).await;
        let here = pos(new_line, utf16(&doc.lines[new_line]));
        let (took, _) = client
            .request(
                "textDocument/completion",
                json!({ "textDocument": { "uri": URI }, "position": here }),
            )
            .await;
        samples.completion_typing.push(took);
        client.diagnostics(doc.version).await;

        // 5. Completion again, the analysis of this version done.
        let (took, response) = client
            .request(
                "textDocument/completion",
                json!({ "textDocument": { "uri": URI }, "position": here }),
            )
            .await;
        assert!(response.get("result").is_some(), "completion: {response}");
        samples.completion.push(took);

        // 6. Type `%`.
        let end = doc.lines[new_line].len();
        let event = doc.replace(new_line, end, end, "%");
        let params = doc.change(event);
        let t0 = Instant::now();
        client.notify("textDocument/didChange", params).await;
        let (at, _) = client.diagnostics(doc.version).await;
        samples.diagnostics.push(at - t0);

        // 7. Delete the line again.
        let event = doc.delete_line(new_line);
        let params = doc.change(event);
        let t0 = Instant::now();
        client.notify("textDocument/didChange", params).await;
        let (at, _) = client.diagnostics(doc.version).await;
        samples.diagnostics.push(at - t0);

        // 8. Format the whole document now and then.
        if round % 5 == 0 {
            let (took, response) = client
                .request(
                    "textDocument/formatting",
                    json!({
                        "textDocument": { "uri": URI },
                        "options": { "tabSize": 2, "insertSpaces": true },
                    }),
                )
                .await;
            assert!(response.get("result").is_some(), "formatting: {response}");
            samples.formatting.push(took);
        }
    }
    (real_lines, bytes, samples)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// The target for an operation at a size, in milliseconds of p95.
fn target(op: &str, lines: usize) -> Option<f64> {
    match op {
        "didChange → diagnostics" if (4_000..=6_000).contains(&lines) => Some(5.0),
        "didChange → diagnostics" if lines >= 90_000 => Some(50.0),
        "completion" => Some(2.0),
        _ => None,
    }
}

struct Args {
    sizes: Vec<usize>,
    rounds: Option<usize>,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        sizes: vec![1_000, 5_000, 100_000],
        rounds: None,
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let value = it.next();
        let value = || value.clone().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sizes" => {
                args.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse())
                    .collect::<Result<_, _>>()
                    .map_err(|_| "--sizes: a list of numbers".to_string())?;
            }
            "--rounds" => {
                args.rounds = Some(value()?.parse().map_err(|_| "--rounds: a number")?);
            }
            "--seed" => args.seed = value()?.parse().map_err(|_| "--seed: a number")?,
            _ => {
                return Err(format!(
                    "unknown argument {arg}\nusage: ptg-lsp-latency [--sizes 1000,5000,100000] [--rounds N] [--seed N]"
                ))
            }
        }
    }
    Ok(args)
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(why) => {
            let _ = writeln!(std::io::stderr(), "ptg-lsp-latency: {why}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = writeln!(
        out,
        "| lines | bytes | diagnostics | operation | n | p50 | p95 | max | target (p95) |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---|---:|---:|---:|---:|---|");
    let _ = out.flush();
    for &size in &args.sizes {
        let rounds = args.rounds.unwrap_or(if size >= 50_000 { 10 } else { 50 });
        let (lines, bytes, samples) = runtime.block_on(session(size, rounds, args.seed));
        let ops: [(&str, &Vec<Duration>); 6] = [
            ("didOpen → diagnostics", &samples.open),
            ("didChange → diagnostics", &samples.diagnostics),
            ("completion", &samples.completion),
            (
                "completion (typing, on-demand analysis)",
                &samples.completion_typing,
            ),
            ("hover", &samples.hover),
            ("formatting (whole document)", &samples.formatting),
        ];
        for (op, list) in ops {
            let mut sorted = list.clone();
            sorted.sort();
            let p95 = percentile(&sorted, 95.0);
            let verdict = match target(op, lines) {
                Some(limit) => {
                    let met = p95.as_secs_f64() * 1000.0 <= limit;
                    format!("≤ {limit} ms: {}", if met { "MET" } else { "NOT MET" })
                }
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "| {lines} | {bytes} | {} | {op} | {} | {} | {} | {} | {verdict} |",
                samples.diagnostic_count,
                sorted.len(),
                ms(percentile(&sorted, 50.0)),
                ms(p95),
                ms(sorted.last().copied().unwrap_or_default()),
            );
        }
        let _ = out.flush();
    }
    std::process::ExitCode::SUCCESS
}

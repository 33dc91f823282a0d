//! The server's output stream, shared by tower-lsp-server and the diagnostics publisher.
//!
//! tower-lsp-server turns every notification's params into a `serde_json::Value` before
//! its codec serialises that `Value`. For the diagnostics of a large document (thousands
//! of them, megabytes of JSON) that detour is most of the time from an edit to its
//! published diagnostics (docs/performance.md). So the server serialises
//! `textDocument/publishDiagnostics` itself, once, on the thread that analysed the
//! document, and both kinds of messages meet here:
//!
//! - [`Frames`] is the writer handed to tower-lsp-server. It cuts the bytes it receives
//!   into whole messages (`Content-Length` framing) and queues each one;
//! - [`Outbox`] queues the messages the server serialised itself;
//! - [`write_frames`] writes the queued messages to the real output, one whole message at
//!   a time, in the order they were queued, so messages never interleave.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Serialize;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// What the writer task receives.
enum Out {
    /// One whole message: header and body.
    Frame(Vec<u8>),
    /// The body of a message the server serialised; the writer writes its header (the
    /// body, megabytes for a large document, is not copied to put one in front).
    Body(Vec<u8>),
    /// tower-lsp-server's output closed (the server stopped): write what came before.
    End,
}

/// Queues messages the server serialised itself. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Outbox {
    tx: mpsc::UnboundedSender<Out>,
}

impl Outbox {
    /// Frames and queues a JSON-RPC notification whose params are already serialised.
    pub(crate) fn send_body(&self, body: Vec<u8>) {
        let _ = self.tx.send(Out::Body(body));
    }
}

/// The body of a JSON-RPC notification, serialised directly (no `serde_json::Value`).
pub(crate) fn notification<P: Serialize>(method: &str, params: &P) -> Vec<u8> {
    let mut body = Vec::with_capacity(256);
    body.extend_from_slice(br#"{"jsonrpc":"2.0","method":"#);
    // A method name is plain ASCII; serialising it keeps the quoting exact all the same.
    serde_json::to_writer(&mut body, method).expect("a string serialises");
    body.extend_from_slice(br#","params":"#);
    serde_json::to_writer(&mut body, params).expect("lsp_types serialise");
    body.push(b'}');
    body
}

/// `Content-Length: N\r\n\r\n` for a body of `len` bytes.
fn header(len: usize) -> String {
    format!("Content-Length: {len}\r\n\r\n")
}

/// The writer tower-lsp-server writes its framed messages to.
pub(crate) struct Frames {
    tx: mpsc::UnboundedSender<Out>,
    /// Bytes of a message not yet complete.
    pending: Vec<u8>,
}

/// The transport's halves: the writer for tower-lsp-server, the outbox for the server,
/// and the receiver [`write_frames`] drains.
pub(crate) fn channel() -> (Frames, Outbox, Queue) {
    let (tx, rx) = mpsc::unbounded_channel();
    (
        Frames {
            tx: tx.clone(),
            pending: Vec::new(),
        },
        Outbox { tx },
        Queue { rx },
    )
}

/// The queue of whole messages.
pub(crate) struct Queue {
    rx: mpsc::UnboundedReceiver<Out>,
}

/// The length of the first whole message in `bytes` (header and body), if it is complete;
/// `Err` when the header is not `Content-Length` framing (then the bytes are passed on as
/// they are, rather than held back forever).
fn first_frame(bytes: &[u8]) -> Result<Option<usize>, ()> {
    let Some(header_end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        // A header is a few dozen bytes; a long run without its end is not one.
        return if bytes.len() > 1024 {
            Err(())
        } else {
            Ok(None)
        };
    };
    let header = std::str::from_utf8(&bytes[..header_end]).map_err(|_| ())?;
    let length = header
        .split("\r\n")
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .ok_or(())?;
    let total = header_end + 4 + length;
    Ok((bytes.len() >= total).then_some(total))
}

impl Frames {
    /// Queues every whole message at the start of `pending` (each copied once; the rest
    /// moves to the front once).
    fn queue_complete(&mut self) {
        let mut start = 0;
        loop {
            match first_frame(&self.pending[start..]) {
                Ok(Some(len)) => {
                    let frame = self.pending[start..start + len].to_vec();
                    let _ = self.tx.send(Out::Frame(frame));
                    start += len;
                }
                Ok(None) => break,
                Err(()) => {
                    let _ = self.tx.send(Out::Frame(self.pending[start..].to_vec()));
                    start = self.pending.len();
                    break;
                }
            }
        }
        self.pending.drain(..start);
    }
}

impl AsyncWrite for Frames {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.pending.extend_from_slice(buf);
        self.queue_complete();
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.tx.send(Out::Frame(std::mem::take(&mut self.pending)));
        }
        let _ = self.tx.send(Out::End);
    }
}

/// Writes queued messages to `output` until tower-lsp-server's writer is dropped (the
/// server stopped), flushing whenever the queue runs empty.
pub(crate) async fn write_frames<O: AsyncWrite + Unpin>(mut queue: Queue, mut output: O) {
    while let Some(out) = queue.rx.recv().await {
        let written = match out {
            Out::Frame(frame) => output.write_all(&frame).await,
            Out::Body(body) => match output.write_all(header(body.len()).as_bytes()).await {
                Ok(()) => output.write_all(&body).await,
                Err(err) => Err(err),
            },
            Out::End => break,
        };
        if written.is_err() {
            // The client is gone; nothing more can reach it.
            return;
        }
        if queue.rx.is_empty() && output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        let mut out = header(body.len()).into_bytes();
        out.extend_from_slice(body.as_bytes());
        out
    }

    /// Messages written in pieces of any size come out whole, in order, between the
    /// server's own messages.
    #[tokio::test]
    async fn messages_written_in_pieces_come_out_whole_and_in_order() {
        let first = framed(r#"{"jsonrpc":"2.0","id":1,"result":"中文"}"#);
        let second = framed(r#"{"jsonrpc":"2.0","method":"window/logMessage"}"#);
        let mut stream = first.clone();
        stream.extend_from_slice(&second);
        for piece in [1, 3, 7, stream.len()] {
            let (mut frames, outbox, queue) = channel();
            let mut pieces = stream.chunks(piece);
            // Half of the first message, then the server's own message, then the rest.
            let head: Vec<&[u8]> = pieces.by_ref().take(first.len() / 2 / piece).collect();
            for bytes in head {
                frames.write_all(bytes).await.unwrap();
            }
            outbox.send_body(notification("textDocument/publishDiagnostics", &[1, 2]));
            for bytes in pieces {
                frames.write_all(bytes).await.unwrap();
            }
            drop(frames);
            let mut out = Vec::new();
            write_frames(queue, &mut out).await;
            let own = framed(
                r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":[1,2]}"#,
            );
            // The server's message was whole first: it goes first.
            let mut expected = own;
            expected.extend_from_slice(&first);
            expected.extend_from_slice(&second);
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&expected),
                "pieces of {piece}"
            );
        }
    }

    #[test]
    fn headers_are_read_as_the_protocol_writes_them() {
        assert_eq!(first_frame(b"Content-Length: 2\r\n\r\n{}"), Ok(Some(23)));
        assert_eq!(first_frame(b"Content-Length: 2\r\n\r\n{"), Ok(None));
        assert_eq!(first_frame(b"Content-Len"), Ok(None));
        assert_eq!(
            first_frame(b"content-length: 0\r\nContent-Type: x\r\n\r\n"),
            Ok(Some(38))
        );
        assert_eq!(first_frame(b"Nonsense\r\n\r\n"), Err(()));
    }

    #[test]
    fn a_notification_is_the_json_rpc_object() {
        let body = notification("a/b", &serde_json::json!({ "x": [1, "二"] }));
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({ "jsonrpc": "2.0", "method": "a/b", "params": { "x": [1, "二"] } })
        );
    }
}

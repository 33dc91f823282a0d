//! The PTG language server: a thin adapter between the Language Server Protocol and
//! `ptg_ide` (see docs/ARCHITECTURE.md and docs/lsp.md).
//!
//! Architecture Invariant: the only crate that knows `lsp_types`. Positions are converted
//! at the edge (`convert.rs`) in the negotiated encoding; everything behind it speaks byte
//! offsets. The server never writes to stdout except through the LSP transport, and reads
//! no file but the `ptg.toml`s that govern the documents the client opened.

mod code_action;
mod completion;
mod config;
mod convert;
mod definition;
mod diagnostics;
mod documents;
mod folding;
mod formatting;
/// The request path without the transport, for fuzzing (`fuzz/`). Not a stable API.
#[doc(hidden)]
pub mod fuzzing;
mod hover;
mod server;
mod symbols;
mod transport;

pub use crate::diagnostics::RULE_DOCS_BASE;
pub use crate::server::{Backend, ServerOptions, FIX_ALL_KIND};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// The server over any pair of byte streams, until the client sends `exit` (or closes
/// `input`): the [`Backend`] (for tests to inspect) and the future that serves. The
/// future's output is whether `shutdown` came before the end, as the protocol asks of a
/// clean exit.
pub fn serve<I, O>(
    input: I,
    output: O,
    options: ServerOptions,
) -> (Backend, impl std::future::Future<Output = bool>)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shutdown);
    let (frames, outbox, queue) = transport::channel();
    let mut backend = None;
    let (service, socket) = LspService::new(|client| {
        let it = Backend::new(client, outbox, options, flag);
        backend = Some(it.clone());
        it
    });
    let backend = backend.expect("the service builds its backend at once");
    let serving = async move {
        let writer = tokio::spawn(transport::write_frames(queue, output));
        Server::new(input, frames, socket).serve(service).await;
        // tower-lsp-server's writer is dropped: the queue ends after its last message.
        let _ = writer.await;
        shutdown.load(Ordering::SeqCst)
    };
    (backend, serving)
}

/// Serves the protocol over stdin/stdout until the client sends `exit` (or closes
/// stdin); returns whether `shutdown` came first, as the protocol asks of a clean exit.
pub async fn run_stdio(options: ServerOptions) -> bool {
    let (_, serving) = serve(tokio::io::stdin(), tokio::io::stdout(), options);
    serving.await
}

/// [`run_stdio`] on a runtime of its own, for `ptg lsp`.
pub fn run_stdio_blocking(options: ServerOptions) -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let clean = runtime.block_on(run_stdio(options));
    // Stdin is read on a blocking thread that may still wait for input: do not join it.
    runtime.shutdown_background();
    Ok(clean)
}

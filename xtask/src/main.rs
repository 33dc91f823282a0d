//! Repository chores. `cargo run -p xtask -- codegen` regenerates `docs/rules/` from the
//! rule registry; a test fails when the committed files are stale.

mod rule_docs;

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    match task.as_deref() {
        Some("codegen") => {
            let dir = rule_docs::docs_dir();
            match rule_docs::write(&dir) {
                Ok(changed) if changed.is_empty() => {
                    let _ = writeln!(out, "docs/rules is up to date");
                    ExitCode::SUCCESS
                }
                Ok(changed) => {
                    for line in changed {
                        let _ = writeln!(out, "updated: {line}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    let _ = writeln!(err, "xtask codegen: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            let _ = writeln!(
                err,
                "usage: cargo run -p xtask -- codegen    regenerate docs/rules from the rule registry"
            );
            ExitCode::from(2)
        }
    }
}

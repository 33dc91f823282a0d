//! The `lsp` fuzz target: see fuzz/checks/lsp.rs for what it checks.
#![no_main]

#[path = "../checks/lsp.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));

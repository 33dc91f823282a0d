//! The `parse` fuzz target: see fuzz/checks/parse.rs for what it checks.
#![no_main]

#[path = "../checks/parse.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));

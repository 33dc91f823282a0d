//! The `lint` fuzz target: see fuzz/checks/lint.rs for what it checks.
#![no_main]

#[path = "../checks/lint.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));

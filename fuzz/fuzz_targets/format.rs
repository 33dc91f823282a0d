//! The `format` fuzz target: see fuzz/checks/format.rs for what it checks.
#![no_main]

// The corpus tests' extra comparison (lint findings) is not run per execution.
#[allow(dead_code)]
#[path = "../checks/format.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));

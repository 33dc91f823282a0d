//! The inputs the `lint` and `lsp` fuzz targets found, replayed from
//! `tests/fuzz-regressions/{lint,lsp}/` through the targets' own checks (`fuzz/checks/`).

#[path = "../../../fuzz/checks/lint.rs"]
mod lint_check;
#[path = "../../../fuzz/checks/lsp.rs"]
mod lsp_check;
#[path = "../../../fuzz/checks/replay.rs"]
mod replay;

#[test]
fn lint_regressions() {
    replay::replay("lint", lint_check::check);
}

#[test]
fn lsp_regressions() {
    replay::replay("lsp", lsp_check::check);
}

/// The checks themselves run on a few inputs here, so that a change to the code they call
/// cannot leave them broken until the next fuzzing session.
#[test]
fn checks_run_on_examples() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for entry in std::fs::read_dir(examples).unwrap().flatten() {
        let text = std::fs::read(entry.path()).unwrap();
        lint_check::check(&text);
        // Open it, then: diagnostics, format and apply, code actions, an edit.
        let mut session = text.clone();
        session.push(0xFF);
        session.extend_from_slice(&[0u8; 8]);
        session.extend(std::iter::repeat_n(0x5Au8, 256));
        lsp_check::check(&session);
    }
}

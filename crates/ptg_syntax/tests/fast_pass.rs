//! The parser's fast pass (errors as `EmptyErr`) must build exactly the tree the reporting
//! pass (errors as `Rich`) builds, and must hand every file with a syntax error to the
//! reporting pass. Checked on every `.ptg` file of the repository: fixtures (with and
//! without syntax errors), examples, hostile cases.

#[path = "../../../tests/support/files.rs"]
pub mod files;

#[test]
fn fast_and_reporting_passes_agree_on_every_file() {
    let (mut clean, mut broken) = (0, 0);
    for (path, text) in &files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR")) {
        for (what, text) in files::whole_and_cut(text) {
            let fast = ptg_syntax::parse(text);
            let reporting = ptg_syntax::parse_reporting_pass(text);
            assert_eq!(fast, reporting, "{} ({what})", path.display());
            if fast.errors.is_empty() {
                clean += 1;
            } else {
                broken += 1;
            }
        }
    }
    // Both kinds were exercised.
    assert!(
        clean > 150 && broken > 150,
        "{clean} clean, {broken} with errors"
    );
}

//! Data-driven parser tests: every fixture under `tests/parser/ok` parses without errors,
//! every fixture under `tests/parser/err` recovers; both are snapshotted as a tree dump.

use std::path::Path;

fn fixture_name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn ok_fixtures_parse_cleanly() {
    insta::glob!("../../../tests/parser/ok", "*.ptg", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let parse = ptg_syntax::parse(&text);
        let dump = ptg_syntax::dump::dump(&parse);
        assert!(
            parse.errors.is_empty(),
            "{} should parse without errors:\n{dump}",
            path.display()
        );
        insta::with_settings!({ snapshot_suffix => fixture_name(path), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("ok", dump);
        });
    });
}

#[test]
fn err_fixtures_recover() {
    insta::glob!("../../../tests/parser/err", "*.ptg", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let parse = ptg_syntax::parse(&text);
        assert!(
            !parse.errors.is_empty(),
            "{} should have syntax errors",
            path.display()
        );
        let dump = ptg_syntax::dump::dump(&parse);
        insta::with_settings!({ snapshot_suffix => fixture_name(path), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("err", dump);
        });
    });
}

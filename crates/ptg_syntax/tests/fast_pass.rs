//! The parser's fast pass (errors as `EmptyErr`) must build exactly the tree the reporting
//! pass (errors as `Rich`) builds, and must hand every file with a syntax error to the
//! reporting pass. Checked on every `.ptg` file of the repository: fixtures (with and
//! without syntax errors), examples, hostile cases.

use std::path::{Path, PathBuf};

fn ptg_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            ptg_files(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "ptg") {
            out.push(path);
        }
    }
}

#[test]
fn fast_and_reporting_passes_agree_on_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests", "examples", "editors", "docs"] {
        ptg_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 150, "only {} files found", files.len());
    let (mut clean, mut broken) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        // The file, and the file cut off at a third and at two thirds (mostly broken).
        let cut = |n: usize| {
            let mut at = text.len() * n / 3;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            &text[..at]
        };
        for (what, text) in [("whole", text.as_str()), ("1/3", cut(1)), ("2/3", cut(2))] {
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

//! Replays the inputs kept under `tests/fuzz-regressions/<target>/` through a fuzz
//! target's check, in the crate tests that include this file (one per target).

use std::path::Path;

/// Runs `check` on every file of `tests/fuzz-regressions/<target>/` (but `README.md`),
/// naming the file that fails.
pub fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fuzz-regressions")
        .join(target);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    paths.retain(|path| path.file_name().is_some_and(|name| name != "README.md"));
    paths.sort();
    for path in paths {
        let data = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{} fails the {target} check", path.display());
        }
    }
}

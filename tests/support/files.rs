//! Shared by the crates' tests (included with `#[path]`): every `.ptg` file of the
//! repository, and a small deterministic random source for generated edits.

use std::path::{Path, PathBuf};

/// Every `.ptg` file under `dir`, skipping hidden folders, `target` and `node_modules`.
pub fn ptg_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// Every `.ptg` file of the repository (fixtures, examples, editor and doc samples),
/// sorted; `manifest_dir` is the calling crate's `CARGO_MANIFEST_DIR`.
pub fn repository_ptg_files(manifest_dir: &str) -> Vec<PathBuf> {
    let root = Path::new(manifest_dir).join("../..");
    let mut files = Vec::new();
    for dir in ["tests", "examples", "editors", "docs"] {
        ptg_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 150, "only {} files found", files.len());
    files
}

/// Every readable `.ptg` file of the repository ([`repository_ptg_files`]) with its text.
pub fn repository_ptg_texts(manifest_dir: &str) -> Vec<(PathBuf, String)> {
    repository_ptg_files(manifest_dir)
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            Some((path, text))
        })
        .collect()
}

/// The texts one after another, each ending with a line break: a large document with
/// departments repeated and headers in the middle.
pub fn concatenated<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let mut all = String::new();
    for text in texts {
        all.push_str(text);
        all.push('\n');
    }
    all
}

/// SplitMix64: deterministic, no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// The char boundary at or before `at` (the end of the text past it).
pub fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A file's text whole and cut off at a third and at two thirds (on char boundaries;
/// mostly broken), with a label for each.
pub fn whole_and_cut(text: &str) -> [(&'static str, &str); 3] {
    let cut = |n: usize| &text[..boundary(text, text.len() * n / 3)];
    [("whole", text), ("1/3", cut(1)), ("2/3", cut(2))]
}

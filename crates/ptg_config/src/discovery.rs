//! The rules of finding `ptg.toml`, shared by the CLI and the language server so that
//! both see the same configuration for a file. Reading the file stays with the caller.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The path of a document relative to the directory holding its `ptg.toml`, `/`-separated,
/// as `[[overrides]]` patterns expect (the whole path when it is not under `dir`).
pub fn relative_path(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .map(|rel| {
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_else(|_| path.to_string_lossy().replace('\\', "/"))
}

/// Whether a `ptg.toml` found on the way up may be read: a regular file, or a symbolic
/// link to a regular file that is itself named `ptg.toml` — never a link to some other
/// file (whose lines a TOML syntax error would quote). The one place this crate looks at
/// the file system: file metadata, never contents.
pub fn is_config_file(candidate: &Path) -> bool {
    match std::fs::symlink_metadata(candidate) {
        Ok(meta) if meta.file_type().is_file() => true,
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(candidate)
            .ok()
            .filter(|target| target.is_file())
            .is_some_and(|target| {
                target
                    .file_name()
                    .is_some_and(|name| name == crate::FILE_NAME)
            }),
        _ => false,
    }
}

/// The configuration of the closest `ptg.toml` at or above `dir`, through `cache` (what each
/// directory already looked at resolved to, `None` for no configuration). `load` reads a
/// candidate that [`is_config_file`] accepted; `None` counts as no configuration there and
/// stops the search (an unreadable `ptg.toml` is not skipped for one further up). Every
/// directory walked through is cached.
pub fn closest<T: Clone>(
    cache: &mut HashMap<PathBuf, Option<T>>,
    dir: &Path,
    mut load: impl FnMut(&Path) -> Option<T>,
) -> Option<T> {
    let mut visited = Vec::new();
    let mut found = None;
    for ancestor in dir.ancestors() {
        if let Some(cached) = cache.get(ancestor) {
            found = cached.clone();
            break;
        }
        visited.push(ancestor.to_path_buf());
        let candidate = ancestor.join(crate::FILE_NAME);
        if is_config_file(&candidate) {
            found = load(&candidate);
            break;
        }
    }
    for dir in visited {
        cache.insert(dir, found.clone());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative_path(Path::new("/w/2023/县/a.ptg"), Path::new("/w")),
            "2023/县/a.ptg"
        );
        assert_eq!(
            relative_path(Path::new("/x/a.ptg"), Path::new("/w")),
            "/x/a.ptg"
        );
    }
}

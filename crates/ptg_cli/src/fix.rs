//! Applying fixes (`--fix`, `--unsafe-fixes`, `--diff`) and writing files atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ptg_diagnostics::{Applicability, Diagnostic, Fix, TextEdit};

/// Lint–fix rounds before giving up (ruff does the same).
pub const MAX_ROUNDS: usize = 10;

/// Whether `fix` is applied with or without `--unsafe-fixes`.
pub fn applies(fix: &Fix, unsafe_fixes: bool) -> bool {
    match fix.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

fn edit_is_valid(edit: &TextEdit, text: &str) -> bool {
    let (start, end) = (
        usize::from(edit.range.start()),
        usize::from(edit.range.end()),
    );
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Two edits conflict when their ranges overlap or they start at the same offset (two
/// insertions there would have no defined order).
fn conflict(a: &TextEdit, b: &TextEdit) -> bool {
    let (a0, a1) = (a.range.start(), a.range.end());
    let (b0, b1) = (b.range.start(), b.range.end());
    a0 == b0 || (a0 < b1 && b0 < a1)
}

/// Applies the applicable fixes of `diagnostics` whose edits do not conflict with an
/// earlier one (by position), back to front. Returns the new text and the number of
/// fixes applied, or `None` when nothing changed.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> Option<(String, usize)> {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| applies(fix, unsafe_fixes) && !fix.edits.is_empty())
        .filter(|fix| fix.edits.iter().all(|edit| edit_is_valid(edit, text)))
        .collect();
    fixes.sort_by_key(|fix| {
        let start = fix.edits.iter().map(|e| e.range.start()).min();
        let end = fix.edits.iter().map(|e| e.range.end()).max();
        (start, end)
    });
    let mut accepted: Vec<&TextEdit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let clashes_with_itself = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| conflict(a, b)));
        let clashes = fix
            .edits
            .iter()
            .any(|edit| accepted.iter().any(|other| conflict(edit, other)));
        if clashes_with_itself || clashes {
            continue;
        }
        accepted.extend(fix.edits.iter());
        count += 1;
    }
    accepted.sort_by_key(|edit| std::cmp::Reverse((edit.range.start(), edit.range.end())));
    let mut out = text.to_string();
    for edit in accepted {
        out.replace_range(
            usize::from(edit.range.start())..usize::from(edit.range.end()),
            &edit.replacement,
        );
    }
    (count > 0 && out != text).then_some((out, count))
}

/// The outcome of fixing one document.
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all rounds.
    pub count: usize,
    /// The findings that remain in `text`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lints, applies fixes, and lints again until nothing more applies (at most
/// [`MAX_ROUNDS`] rounds).
pub fn fix_loop(
    text: &str,
    unsafe_fixes: bool,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut count = 0;
    let mut diagnostics = lint(&current);
    for _ in 0..MAX_ROUNDS {
        let Some((next, applied)) = apply_fixes(&current, &diagnostics, unsafe_fixes) else {
            break;
        };
        current = next;
        count += applied;
        diagnostics = lint(&current);
    }
    Fixed {
        text: current,
        count,
        diagnostics,
    }
}

/// What a file looked like when it was read, to notice changes before writing.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub bytes: Vec<u8>,
    pub modified: Option<SystemTime>,
}

impl Snapshot {
    /// Reads a file and remembers its content and modification time.
    pub fn read(path: &Path) -> io::Result<Snapshot> {
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        let bytes = fs::read(path)?;
        Ok(Snapshot { bytes, modified })
    }

    fn is_current(&self, path: &Path) -> io::Result<bool> {
        let meta = fs::metadata(path)?;
        if meta.len() != self.bytes.len() as u64 || meta.modified().ok() != self.modified {
            return Ok(false);
        }
        Ok(fs::read(path)? == self.bytes)
    }
}

#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after it was read; nothing was written.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(err: io::Error) -> Self {
        WriteError::Io(err)
    }
}

/// A temporary file next to `target` that does not exist yet.
fn create_temp(target: &Path) -> io::Result<(PathBuf, fs::File)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "ptg".into(), |n| n.to_string_lossy().into_owned());
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.ptg-tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Replaces the file at `path` with `contents` atomically: a temporary file in the same
/// directory, written and synced with the original permissions, renamed over the target.
/// Symlinks are followed (the link stays a link). Refuses when the file is no longer what
/// `snapshot` saw.
pub fn write_atomic(path: &Path, snapshot: &Snapshot, contents: &[u8]) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    // A rename would replace a read-only file too: respect the owner's protection.
    if meta.permissions().readonly() {
        return Err(WriteError::Io(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        )));
    }
    if !snapshot.is_current(&target)? {
        return Err(WriteError::Changed);
    }
    let (tmp, mut file) = create_temp(&target)?;
    let result = (|| -> Result<(), WriteError> {
        file.write_all(contents)?;
        file.set_permissions(meta.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let mine = file.metadata()?;
            if mine.uid() != meta.uid() || mine.gid() != meta.gid() {
                // Best effort: only the owner or root may hand a file over.
                let _ = std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid()));
            }
        }
        file.sync_all()?;
        drop(file);
        // Last look before the swap: someone may have saved the file meanwhile.
        if !snapshot.is_current(&target)? {
            return Err(WriteError::Changed);
        }
        fs::rename(&tmp, &target)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    } else {
        #[cfg(unix)]
        if let Some(dir) = target.parent() {
            // Make the rename itself durable.
            let _ = fs::File::open(dir).and_then(|d| d.sync_all());
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use ptg_diagnostics::{Severity, TextRange};

    fn at(start: u32, end: u32) -> TextRange {
        TextRange::new(start.into(), end.into())
    }

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic::new("x", "X", Severity::Warning, at(0, 0), "m").with_fix(fix)
    }

    #[test]
    fn applies_non_overlapping_fixes_back_to_front() {
        let text = "ab => cd =< ef";
        let diags = vec![
            diag(Fix::safe("a", vec![TextEdit::replace(at(3, 5), "≥")])),
            diag(Fix::safe("b", vec![TextEdit::replace(at(9, 11), "≤")])),
            // Overlaps the first: left for the next round.
            diag(Fix::safe("c", vec![TextEdit::replace(at(4, 6), "!")])),
            diag(Fix::unsafe_("d", vec![TextEdit::insert(0.into(), ">")])),
        ];
        let (out, count) = apply_fixes(text, &diags, false).unwrap();
        assert_eq!(out, "ab ≥ cd ≤ ef");
        assert_eq!(count, 2);
        let (out, count) = apply_fixes(text, &diags, true).unwrap();
        assert_eq!(out, ">ab ≥ cd ≤ ef");
        assert_eq!(count, 3);
        // Edits outside the text or inside a character are never applied.
        let bad = vec![diag(Fix::safe("e", vec![TextEdit::replace(at(1, 2), "x")]))];
        assert!(apply_fixes("甲", &bad, true).is_none());
        // A fix that changes nothing does not count.
        let noop = vec![diag(Fix::safe("f", vec![TextEdit::replace(at(0, 1), "a")]))];
        assert!(apply_fixes("ab", &noop, true).is_none());
    }

    #[test]
    fn loops_until_nothing_applies() {
        // Each round removes one leading `x`: a fix only ever sees the first.
        let lint = |text: &str| -> Vec<Diagnostic> {
            if text.starts_with('x') {
                vec![diag(Fix::safe("drop", vec![TextEdit::delete(at(0, 1))]))]
            } else {
                Vec::new()
            }
        };
        let fixed = fix_loop("xxxok", false, lint);
        assert_eq!(fixed.text, "ok");
        assert_eq!(fixed.count, 3);
        assert!(fixed.diagnostics.is_empty());
        let many = "x".repeat(30);
        let fixed = fix_loop(&many, false, lint);
        assert_eq!(fixed.count, MAX_ROUNDS);
        assert_eq!(fixed.diagnostics.len(), 1);
    }

    fn temp_file(name: &str, contents: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ptg-fix-unit-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.ptg");
        fs::write(&file, contents).unwrap();
        file
    }

    #[test]
    fn atomic_write_replaces_the_file() {
        let file = temp_file("write", "旧\n");
        let snapshot = Snapshot::read(&file).unwrap();
        write_atomic(&file, &snapshot, "新\n".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "新\n");
        let leftovers = fs::read_dir(file.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary file left behind");
    }

    #[test]
    fn refuses_when_the_file_changed_since_it_was_read() {
        let file = temp_file("changed", "旧\n");
        let snapshot = Snapshot::read(&file).unwrap();
        fs::write(&file, "别人刚保存的\n").unwrap();
        let result = write_atomic(&file, &snapshot, "新\n".as_bytes());
        assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
        assert_eq!(fs::read_to_string(&file).unwrap(), "别人刚保存的\n");
        let leftovers = fs::read_dir(file.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let file = temp_file("perm", "旧\n");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        let link = file.with_file_name("link.ptg");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let snapshot = Snapshot::read(&link).unwrap();
        write_atomic(&link, &snapshot, "新\n".as_bytes()).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&file).unwrap(), "新\n");
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

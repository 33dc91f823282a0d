//! Applying fixes (`--fix`, `--unsafe-fixes`, `--diff`) and writing files atomically.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ptg_diagnostics::{Applicability, Diagnostic, Fix, TextEdit, TextSize};

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
    // Accepted edits by start. They never conflict with each other, so sorted by start each
    // ends where or before the next begins: an edit can only conflict with the last one
    // starting at or before it, or with one starting inside it. (A file with 100,000 fixes
    // must not take quadratic time.)
    let mut accepted: BTreeMap<TextSize, &TextEdit> = BTreeMap::new();
    let clashes = |accepted: &BTreeMap<TextSize, &TextEdit>, edit: &TextEdit| {
        let (start, end) = (edit.range.start(), edit.range.end());
        let before = accepted.range(..=start).next_back();
        before.is_some_and(|(_, other)| conflict(edit, other))
            || (start < end
                && accepted
                    .range((Bound::Excluded(start), Bound::Excluded(end)))
                    .next()
                    .is_some())
    };
    let mut count = 0;
    for fix in fixes {
        let clashes_with_itself = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| conflict(a, b)));
        if clashes_with_itself || fix.edits.iter().any(|edit| clashes(&accepted, edit)) {
            continue;
        }
        for edit in &fix.edits {
            accepted.insert(edit.range.start(), edit);
        }
        count += 1;
    }
    // One pass, front to back.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in accepted.values() {
        out.push_str(&text[copied..usize::from(edit.range.start())]);
        out.push_str(&edit.replacement);
        copied = usize::from(edit.range.end());
    }
    out.push_str(&text[copied..]);
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

/// The largest document ptg reads: ranges are `u32` byte offsets.
pub const MAX_LEN: u64 = u32::MAX as u64;

/// Why ptg will not read or write a path (besides ordinary I/O errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A device, socket or other special file: reading it could block or never end.
    NotRegular,
    /// Longer than [`MAX_LEN`].
    TooLarge,
    /// The file is read-only: a rename would replace it anyway, so ptg does not write it.
    ReadOnly,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::NotRegular => "not a regular file",
            Refusal::TooLarge => "larger than 4 GiB",
            Refusal::ReadOnly => "the file is read-only",
        })
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// The `Refusal` inside an I/O error made from one.
    pub fn of(err: &io::Error) -> Option<Refusal> {
        err.get_ref()
            .and_then(|inner| inner.downcast_ref::<Refusal>())
            .copied()
    }
}

/// Reads at most [`MAX_LEN`] bytes; more is [`Refusal::TooLarge`] (a pipe or a growing
/// file must not exhaust memory).
pub fn read_bounded(reader: impl Read) -> io::Result<Vec<u8>> {
    read_at_most(reader, MAX_LEN)
}

fn read_at_most(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(Refusal::TooLarge));
    }
    Ok(bytes)
}

/// The identity of a file (device and inode), to notice a path that now names another file.
fn file_id(meta: &fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

fn is_fifo(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// What a file looked like when it was read, to notice changes before writing.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub bytes: Vec<u8>,
    pub modified: Option<SystemTime>,
    /// Device and inode (Unix), when read from a file.
    pub id: Option<(u64, u64)>,
}

impl Snapshot {
    /// Reads a file and remembers its content, modification time and identity. Only
    /// regular files and named pipes (`<(…)`) are read: a device such as `/dev/zero` or a
    /// socket is [`Refusal::NotRegular`].
    pub fn read(path: &Path) -> io::Result<Snapshot> {
        let meta = fs::metadata(path)?;
        if meta.is_dir() {
            return Err(io::ErrorKind::IsADirectory.into());
        }
        if !meta.is_file() && !is_fifo(&meta) {
            return Err(io::Error::other(Refusal::NotRegular));
        }
        if meta.is_file() && meta.len() > MAX_LEN {
            return Err(io::Error::other(Refusal::TooLarge));
        }
        let bytes = read_bounded(fs::File::open(path)?)?;
        Ok(Snapshot {
            bytes,
            modified: meta.modified().ok(),
            id: file_id(&meta),
        })
    }

    fn is_current(&self, path: &Path) -> io::Result<bool> {
        let meta = fs::metadata(path)?;
        if meta.len() != self.bytes.len() as u64 || meta.modified().ok() != self.modified {
            return Ok(false);
        }
        if self.id.is_some() && file_id(&meta) != self.id {
            // The path now names another file (replaced, or a link retargeted).
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
    if !meta.is_file() {
        // A pipe or a device cannot be replaced by a rename (nor should it be).
        return Err(WriteError::Io(io::Error::other(Refusal::NotRegular)));
    }
    // A rename would replace a read-only file too: respect the owner's protection.
    if meta.permissions().readonly() {
        return Err(WriteError::Io(io::Error::other(Refusal::ReadOnly)));
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
    fn a_hundred_thousand_fixes_take_linear_time() {
        // Was quadratic: every fix compared with every accepted edit, and each edit
        // shifted the rest of the text.
        let line = "\"甲\" => 1个\n";
        let text = line.repeat(100_000);
        let diags: Vec<Diagnostic> = (0..100_000u32)
            .rev()
            .map(|i| {
                let offset = i * line.len() as u32 + 6;
                diag(Fix::safe(
                    "ge",
                    vec![TextEdit::replace(at(offset, offset + 2), "≥")],
                ))
            })
            .collect();
        let start = std::time::Instant::now();
        let (out, count) = apply_fixes(&text, &diags, false).unwrap();
        assert_eq!(count, 100_000);
        assert_eq!(out, "\"甲\" ≥ 1个\n".repeat(100_000));
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        // Overlaps and shared starts are still refused, whatever the order.
        let diags = vec![
            diag(Fix::safe("a", vec![TextEdit::replace(at(4, 8), "x")])),
            diag(Fix::safe("b", vec![TextEdit::insert(6.into(), "y")])),
            diag(Fix::safe("c", vec![TextEdit::insert(8.into(), "z")])),
            diag(Fix::safe("d", vec![TextEdit::replace(at(2, 5), "w")])),
            diag(Fix::safe("e", vec![TextEdit::insert(0.into(), "v")])),
            diag(Fix::safe("f", vec![TextEdit::replace(at(0, 1), "u")])),
        ];
        let (out, count) = apply_fixes("0123456789", &diags, false).unwrap();
        assert_eq!((out.as_str(), count), ("v01w5y67z89", 4));
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
    fn refuses_a_path_that_now_names_another_file() {
        // Same bytes, same modification time, but another file (an editor's atomic save,
        // a retargeted link): not the file that was read.
        let file = temp_file("replaced", "旧\n");
        let snapshot = Snapshot::read(&file).unwrap();
        let other = file.with_file_name("other.ptg");
        fs::write(&other, "旧\n").unwrap();
        let when = fs::metadata(&file).unwrap().modified().unwrap();
        fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(when)
            .unwrap();
        fs::rename(&other, &file).unwrap();
        let result = write_atomic(&file, &snapshot, "新\n".as_bytes());
        assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
        assert_eq!(fs::read_to_string(&file).unwrap(), "旧\n");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_neither_read_nor_written() {
        let err = Snapshot::read(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(Refusal::of(&err), Some(Refusal::NotRegular));
        let snapshot = Snapshot {
            bytes: Vec::new(),
            modified: None,
            id: None,
        };
        let result = write_atomic(Path::new("/dev/null"), &snapshot, b"x");
        assert!(
            matches!(&result, Err(WriteError::Io(e)) if Refusal::of(e) == Some(Refusal::NotRegular)),
            "{result:?}"
        );
        // A pipe that never ends is cut at the limit instead of filling memory.
        let err = read_at_most(io::repeat(b'x'), 1000).unwrap_err();
        assert_eq!(Refusal::of(&err), Some(Refusal::TooLarge));
        assert_eq!(read_at_most(&b"1000"[..], 4).unwrap(), b"1000");
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

//! Conversion between byte offsets and line/column positions.
//!
//! The syntax tree, the lexer and the diagnostics of ptg all address source
//! text by byte offset ([`TextSize`]) into a UTF-8 string. Humans and tools
//! want lines and columns instead, and they do not agree on what a column is.
//! A [`LineIndex`] is built once per document and converts in both directions
//! for each of the four [`ColumnUnit`]s:
//!
//! | Unit                          | A column counts …                    | Used by                                      |
//! |-------------------------------|--------------------------------------|----------------------------------------------|
//! | [`ColumnUnit::Utf8`]          | UTF-8 bytes                          | internal code, LSP with `positionEncoding: "utf-8"` |
//! | [`ColumnUnit::Char`]          | Unicode scalar values (= UTF-32)     | the CLI's JSON output, LSP with `"utf-32"`   |
//! | [`ColumnUnit::Utf16`]         | UTF-16 code units                    | the LSP server (the protocol's default)      |
//! | [`ColumnUnit::DisplayWidth`]  | terminal cells                       | the terminal renderer (carets under source)  |
//!
//! For the line `"项目成本" ≤ 118.8万元` the `≤` sits at byte column 15,
//! char column 7, UTF-16 column 7 and display column 11 (each of the four
//! Chinese characters is three bytes long and two cells wide).
//! An emoji outside the Basic Multilingual Plane such as `😀` is 4 bytes,
//! 1 char, 2 UTF-16 code units and 2 cells.
//!
//! Lines and columns of a [`Position`] are both 0-based; front ends that
//! show 1-based numbers add one themselves.
//!
//! # Line breaks
//!
//! `"\n"`, `"\r\n"` (a single break) and a lone `"\r"` end a line, as the
//! Language Server Protocol defines it. A text ending in a line break has an
//! empty last line: `"a\n"` has two lines, and `""` has one.
//!
//! # Display width
//!
//! [`char_width`] gives East Asian wide and full-width characters (CJK
//! ideographs, `，％（）`, most emoji) two cells, zero-width, combining and
//! control characters zero cells, a tab one cell, and everything else one
//! cell. Since several offsets may share a display column (around zero-width
//! characters), [`LineIndex::offset`] returns the smallest of them.
//!
//! A UTF-8 byte order mark at the start of the text is treated as an ordinary
//! zero-width character: 3 bytes, 1 char, 1 UTF-16 code unit, 0 cells.
//!
//! # Robustness
//!
//! No function of this crate panics, whatever offsets or positions it is
//! given: out-of-range values are clamped, offsets inside a multi-byte
//! character round down to its start. The `text` handed to
//! [`LineIndex::position`] and [`LineIndex::offset`] must be the text the
//! index was built from; this is checked with a `debug_assert` on the length
//! only, and a different text gives meaningless (but not panicking) results.
//! Texts longer than `u32::MAX` bytes (which [`TextSize`] cannot address) are
//! indexed up to that limit only.

pub use text_size::{TextRange, TextSize};

use unicode_width::UnicodeWidthChar;

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnUnit {
    /// UTF-8 code units (bytes).
    Utf8,
    /// Unicode scalar values (`char`s), the same as UTF-32 code units.
    Char,
    /// UTF-16 code units; a character outside the BMP counts two.
    Utf16,
    /// Terminal cells as given by [`char_width`].
    DisplayWidth,
}

impl ColumnUnit {
    /// All four units, for iteration.
    pub const ALL: [ColumnUnit; 4] = [
        ColumnUnit::Utf8,
        ColumnUnit::Char,
        ColumnUnit::Utf16,
        ColumnUnit::DisplayWidth,
    ];

    /// Number of columns `c` occupies in this unit.
    pub fn char_len(self, c: char) -> u32 {
        match self {
            ColumnUnit::Utf8 => c.len_utf8() as u32,
            ColumnUnit::Char => 1,
            ColumnUnit::Utf16 => c.len_utf16() as u32,
            ColumnUnit::DisplayWidth => char_width(c),
        }
    }

    /// Number of columns `s` occupies in this unit (the sum over its chars).
    pub fn str_len(self, s: &str) -> u32 {
        match self {
            ColumnUnit::Utf8 => to_u32(s.len()),
            ColumnUnit::Char => to_u32(s.chars().count()),
            ColumnUnit::Utf16 => s
                .chars()
                .fold(0u32, |acc, c| acc.saturating_add(c.len_utf16() as u32)),
            ColumnUnit::DisplayWidth => str_width(s),
        }
    }

    /// Byte offset in `s` of `column`, clamped to `s.len()` and rounded down
    /// to a character start; among several offsets with the same column the
    /// smallest is returned.
    fn byte_offset_in(self, s: &str, column: u32) -> usize {
        if self == ColumnUnit::Utf8 {
            return floor_char_boundary(s, column as usize);
        }
        let mut acc = 0u32;
        for (i, c) in s.char_indices() {
            if acc >= column {
                return i;
            }
            acc = acc.saturating_add(self.char_len(c));
            if acc > column {
                // `column` falls inside `c`.
                return i;
            }
        }
        s.len()
    }
}

/// A 0-based line and column; what the column counts depends on the
/// [`ColumnUnit`] it was computed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 0-based line number.
    pub line: u32,
    /// 0-based column within the line.
    pub column: u32,
}

impl Position {
    /// A position from a 0-based line and column.
    pub const fn new(line: u32, column: u32) -> Position {
        Position { line, column }
    }
}

/// Per-line data of a [`LineIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Line {
    /// Byte offset of the first character of the line.
    start: TextSize,
    /// Length of the line terminator in bytes: 0 (last line), 1 or 2.
    terminator: u8,
    /// The content consists only of printable ASCII and tabs, so one byte is
    /// one column in every unit.
    simple: bool,
}

/// Line starts of one document, for converting between byte offsets and
/// [`Position`]s. See the [crate documentation](crate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Never empty; `lines[0].start == 0` and starts strictly increase.
    lines: Vec<Line>,
    len: TextSize,
}

impl LineIndex {
    /// Indexes `text`. Line breaks are found with `str::find` (a word-at-a-time search),
    /// not byte by byte: the server indexes the whole document on every change.
    pub fn new(text: &str) -> LineIndex {
        let text = clamp_text(text);
        let mut lines = Vec::with_capacity(text.len() / 32 + 1);
        let mut start = 0usize;
        // The next `\n` at or after `start` (absolute), found once per `\n`: a text of
        // lone `\r`s must not be searched to its end for every line.
        let mut next_lf = text.find('\n');
        loop {
            if next_lf.is_some_and(|lf| lf < start) {
                next_lf = text[start..].find('\n').map(|i| start + i);
            }
            let search_end = next_lf.unwrap_or(text.len());
            let next_cr = text[start..search_end].find('\r').map(|i| start + i);
            let (end, terminator) = match (next_cr, next_lf) {
                (Some(cr), Some(lf)) if cr + 1 == lf => (cr, 2u8),
                (Some(cr), _) => (cr, 1),
                (None, Some(lf)) => (lf, 1),
                (None, None) => {
                    lines.push(Line {
                        start: to_size(start),
                        terminator: 0,
                        simple: is_simple(&text[start..]),
                    });
                    break;
                }
            };
            lines.push(Line {
                start: to_size(start),
                terminator,
                simple: is_simple(&text[start..end]),
            });
            start = end + usize::from(terminator);
        }
        LineIndex {
            lines,
            len: to_size(text.len()),
        }
    }

    /// The index of `new_text`: this index's text with bytes `start..old_end` replaced by
    /// `new_text[start..new_end]`. Lines before the change are kept, lines after it are
    /// moved, only the lines around it are indexed again (a server re-indexes a large
    /// document on every keystroke). The result equals `LineIndex::new(new_text)`.
    pub fn edit(&self, new_text: &str, start: usize, old_end: usize, new_end: usize) -> LineIndex {
        let new_text = clamp_text(new_text);
        let old_len = self.len.into();
        if start > old_end || old_end > old_len || new_end > new_text.len() || start > new_end {
            return LineIndex::new(new_text);
        }
        let delta = new_end as i64 - old_end as i64;
        if old_len as i64 + delta != new_text.len() as i64 {
            return LineIndex::new(new_text);
        }
        // From the line before the one the change starts on (a `\r` ending it may now be
        // followed by an inserted `\n`) to the first line starting after the change.
        let first = self.line_of(to_size(start)).saturating_sub(1) as usize;
        let from = usize::from(self.lines[first].start);
        let kept = self
            .lines
            .partition_point(|line| usize::from(line.start) <= old_end);
        let to = self.lines.get(kept).map_or(new_text.len(), |line| {
            (usize::from(line.start) as i64 + delta) as usize
        });
        if !new_text.is_char_boundary(from) || !new_text.is_char_boundary(to) {
            return LineIndex::new(new_text);
        }
        let middle = LineIndex::new(&new_text[from..to]);
        let mut lines = Vec::with_capacity(self.lines.len() + middle.lines.len());
        lines.extend_from_slice(&self.lines[..first]);
        let mut fresh = middle.lines.iter().map(|line| Line {
            start: line.start + to_size(from),
            ..*line
        });
        if kept < self.lines.len() {
            // The part ends with the line break before a kept line: its last, empty
            // "line" is that kept line.
            let count = middle.lines.len() - 1;
            lines.extend(fresh.by_ref().take(count));
            lines.extend(self.lines[kept..].iter().map(|line| Line {
                start: to_size((usize::from(line.start) as i64 + delta) as usize),
                ..*line
            }));
        } else {
            lines.extend(fresh);
        }
        LineIndex {
            lines,
            len: to_size(new_text.len()),
        }
    }

    /// Length of the indexed text in bytes.
    pub fn len(&self) -> TextSize {
        self.len
    }

    /// Whether the indexed text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == TextSize::new(0)
    }

    /// Number of lines, at least 1. A text ending in a line break has an
    /// empty last line.
    pub fn line_count(&self) -> u32 {
        to_u32(self.lines.len())
    }

    /// Byte offset where `line` starts, `None` if there is no such line.
    pub fn line_start(&self, line: u32) -> Option<TextSize> {
        self.line(line).map(|l| l.start)
    }

    /// Byte range of `line`, with or without its line terminator; `None` if
    /// there is no such line.
    pub fn line_range(&self, line: u32, include_terminator: bool) -> Option<TextRange> {
        let meta = self.line(line)?;
        let end = self
            .lines
            .get(line as usize + 1)
            .map_or(self.len, |next| next.start);
        let end = if include_terminator {
            end
        } else {
            end - TextSize::from(u32::from(meta.terminator))
        };
        Some(TextRange::new(meta.start, end))
    }

    /// The line containing `offset` (a line terminator belongs to the line it
    /// ends). Offsets past the end clamp to the last line.
    pub fn line_of(&self, offset: TextSize) -> u32 {
        // `lines[0].start == 0 <= offset`, so the partition point is >= 1.
        let after = self.lines.partition_point(|l| l.start <= offset);
        to_u32(after.saturating_sub(1))
    }

    /// Position of `offset` in `unit`.
    ///
    /// An offset inside a multi-byte character is rounded down to the
    /// character's start, an offset between the `"\r"` and `"\n"` of a CRLF
    /// to the `"\r"`; an offset past the end clamps to the end.
    ///
    /// `text` must be the text the index was built from.
    pub fn position(&self, text: &str, offset: TextSize, unit: ColumnUnit) -> Position {
        let text = self.checked_text(text);
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let Some((meta, content)) = self.content(line) else {
            return Position::new(line, 0);
        };
        let rel = u32::from(offset.min(content.end()) - content.start());
        if meta.simple {
            return Position::new(line, rel);
        }
        let Some(line_text) = text.get(std::ops::Range::<usize>::from(content)) else {
            // Only reachable with a text other than the indexed one.
            return Position::new(line, rel);
        };
        let rel = floor_char_boundary(line_text, rel as usize);
        Position::new(line, unit.str_len(&line_text[..rel]))
    }

    /// Offset of `pos`, whose column is counted in `unit`.
    ///
    /// A line past the last line clamps to the end of the text. A column past
    /// the end of its line clamps to the end of the line's content (before
    /// `"\n"`, `"\r\n"` or `"\r"`). A column inside a character (the middle of
    /// a surrogate pair in UTF-16, the second cell of a wide character in
    /// display width) rounds down to the character's start. When several
    /// offsets have the requested column (zero-width characters in display
    /// width), the smallest is returned.
    ///
    /// `text` must be the text the index was built from.
    pub fn offset(&self, text: &str, pos: Position, unit: ColumnUnit) -> TextSize {
        let text = self.checked_text(text);
        let Some((meta, content)) = self.content(pos.line) else {
            return self.len;
        };
        let clamped = content.start() + TextSize::new(pos.column).min(content.len());
        if meta.simple {
            return clamped;
        }
        let Some(line_text) = text.get(std::ops::Range::<usize>::from(content)) else {
            // Only reachable with a text other than the indexed one.
            return clamped;
        };
        content.start() + to_size(unit.byte_offset_in(line_text, pos.column))
    }

    fn line(&self, line: u32) -> Option<&Line> {
        self.lines.get(line as usize)
    }

    /// The line's metadata and its range without terminator.
    fn content(&self, line: u32) -> Option<(&Line, TextRange)> {
        Some((self.line(line)?, self.line_range(line, false)?))
    }

    fn checked_text<'t>(&self, text: &'t str) -> &'t str {
        let text = clamp_text(text);
        debug_assert_eq!(
            text.len(),
            u32::from(self.len) as usize,
            "LineIndex used with a text other than the one it was built from"
        );
        text
    }
}

/// Display width of `c` in terminal cells: 2 for East Asian wide and
/// full-width characters, 0 for zero-width, combining and control characters,
/// 1 for a tab (renderers expand tabs themselves) and for everything else.
/// Based on `unicode-width`, treating East Asian ambiguous characters (such
/// as `≤`) as narrow.
pub fn char_width(c: char) -> u32 {
    if c == '\t' {
        return 1;
    }
    c.width().map_or(0, to_u32)
}

/// Display width of `s`: the sum of [`char_width`] over its characters
/// (unlike `unicode-width`'s string width, no ligature or emoji-sequence
/// rules apply, so that it agrees with [`ColumnUnit::DisplayWidth`] columns).
pub fn str_width(s: &str) -> u32 {
    if s.bytes().all(|b| b == b'\t' || (0x20..=0x7E).contains(&b)) {
        return to_u32(s.len());
    }
    s.chars()
        .fold(0u32, |acc, c| acc.saturating_add(char_width(c)))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Printable ASCII and tabs only: one byte is one column in every unit.
fn is_simple(line: &str) -> bool {
    line.bytes()
        .all(|b| b == b'\t' || (0x20..=0x7E).contains(&b))
}

fn to_size(n: usize) -> TextSize {
    TextSize::new(to_u32(n))
}

/// The largest char boundary of `s` that is `<= index`.
fn floor_char_boundary(s: &str, index: usize) -> usize {
    let mut index = index.min(s.len());
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// `text`, cut to at most `u32::MAX` bytes.
fn clamp_text(text: &str) -> &str {
    let end = floor_char_boundary(text, u32::MAX as usize);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte indexer `LineIndex::new` replaced, as the oracle.
    fn lines_byte_by_byte(text: &str) -> Vec<Line> {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let (mut start, mut simple, mut i) = (0usize, true, 0usize);
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\n' | b'\r' => {
                    let terminator = if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    lines.push(Line {
                        start: to_size(start),
                        terminator,
                        simple,
                    });
                    i += usize::from(terminator);
                    start = i;
                    simple = true;
                }
                b'\t' | 0x20..=0x7E => i += 1,
                _ => {
                    simple = false;
                    i += 1;
                }
            }
        }
        lines.push(Line {
            start: to_size(start),
            terminator: 0,
            simple,
        });
        lines
    }

    #[test]
    fn lines_are_found_as_byte_by_byte() {
        let parts = [
            "a", "甲", "\n", "\r", "\r\n", "\t", "\u{1}", "\u{7f}", " ", "🙂", "\r\r",
        ];
        // Every sequence of up to four parts, and a few long mixed texts.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| parts.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
        }
        texts.push("甲\n".repeat(1000) + &"\r".repeat(500) + "ab\r\n\r\ncd");
        for text in &texts {
            assert_eq!(
                LineIndex::new(text).lines,
                lines_byte_by_byte(text),
                "{text:?}"
            );
        }
    }

    fn ts(n: u32) -> TextSize {
        TextSize::new(n)
    }

    #[test]
    fn line_table() {
        let index = LineIndex::new("ab\r\ncd\ref\n\ngh");
        assert_eq!(index.line_count(), 5);
        let starts: Vec<u32> = (0..5)
            .map(|l| u32::from(index.line_start(l).unwrap()))
            .collect();
        assert_eq!(starts, [0, 4, 7, 10, 11]);
        assert_eq!(index.line_start(5), None);
        assert_eq!(
            index.line_range(0, false),
            Some(TextRange::new(ts(0), ts(2)))
        );
        assert_eq!(
            index.line_range(0, true),
            Some(TextRange::new(ts(0), ts(4)))
        );
        assert_eq!(
            index.line_range(1, false),
            Some(TextRange::new(ts(4), ts(6)))
        );
        assert_eq!(
            index.line_range(1, true),
            Some(TextRange::new(ts(4), ts(7)))
        );
        assert_eq!(
            index.line_range(3, false),
            Some(TextRange::new(ts(10), ts(10)))
        );
        assert_eq!(
            index.line_range(4, true),
            Some(TextRange::new(ts(11), ts(13)))
        );
        assert_eq!(index.line_range(5, true), None);
    }

    #[test]
    fn simple_flag() {
        let index = LineIndex::new("a\tb\n项\nx\u{7}\n\u{7f}\n");
        let flags: Vec<bool> = index.lines.iter().map(|l| l.simple).collect();
        assert_eq!(flags, [true, false, false, false, true]);
    }

    #[test]
    fn floor_char_boundary_rounds_down() {
        let s = "a项";
        assert_eq!(floor_char_boundary(s, 0), 0);
        assert_eq!(floor_char_boundary(s, 1), 1);
        assert_eq!(floor_char_boundary(s, 2), 1);
        assert_eq!(floor_char_boundary(s, 3), 1);
        assert_eq!(floor_char_boundary(s, 4), 4);
        assert_eq!(floor_char_boundary(s, 99), 4);
    }
}

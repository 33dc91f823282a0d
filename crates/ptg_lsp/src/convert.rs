//! Conversions between the protocol and ptg's byte offsets, at the edge only.
//!
//! `from_proto` turns LSP positions (counted in the negotiated position encoding) into byte
//! offsets; `to_proto` turns byte offsets, diagnostics and edits into LSP values. Every
//! conversion goes through the document's [`LineIndex`], built from the same text.

use ptg_line_index::{ColumnUnit, LineIndex};
use text_size::{TextRange, TextSize};
use tower_lsp_server::lsp_types::PositionEncodingKind;

/// The position encoding agreed at `initialize`: what a `Position.character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    Utf32,
    /// The protocol's default, used unless the client offers something else.
    #[default]
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 or UTF-32 when the client offers one (no conversion or a cheap one),
    /// UTF-16 otherwise, as the protocol requires of clients that offer nothing.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        let has = |kind: &PositionEncodingKind| offered.iter().any(|o| o == kind);
        if has(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if has(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf32 => ColumnUnit::Char,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// A text with its line index and the negotiated encoding: everything a conversion needs.
#[derive(Clone, Copy)]
pub struct LineCx<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

pub mod from_proto {
    use super::*;
    use tower_lsp_server::lsp_types as lsp;

    /// The byte offset of `pos`. A line past the end clamps to the end of the text, a
    /// column past the end of its line to the end of the line's content, a column inside
    /// a character (half a surrogate pair) to the character's start.
    pub fn offset(cx: LineCx<'_>, pos: lsp::Position) -> TextSize {
        cx.index.offset(
            cx.text,
            ptg_line_index::Position::new(pos.line, pos.character),
            cx.encoding.unit(),
        )
    }

    /// The byte range of `range`; a reversed range is made empty at its start.
    pub fn text_range(cx: LineCx<'_>, range: lsp::Range) -> TextRange {
        let start = offset(cx, range.start);
        let end = offset(cx, range.end).max(start);
        TextRange::new(start, end)
    }
}

pub mod to_proto {
    use super::*;
    use tower_lsp_server::lsp_types as lsp;

    pub fn position(cx: LineCx<'_>, offset: TextSize) -> lsp::Position {
        let pos = cx.index.position(cx.text, offset, cx.encoding.unit());
        lsp::Position::new(pos.line, pos.column)
    }

    pub fn range(cx: LineCx<'_>, range: TextRange) -> lsp::Range {
        lsp::Range::new(position(cx, range.start()), position(cx, range.end()))
    }

    pub fn text_edit(cx: LineCx<'_>, edit: &ptg_diagnostics::TextEdit) -> lsp::TextEdit {
        lsp::TextEdit::new(range(cx, edit.range), edit.replacement.to_string())
    }

    pub fn severity(severity: ptg_diagnostics::Severity) -> lsp::DiagnosticSeverity {
        match severity {
            ptg_diagnostics::Severity::Error => lsp::DiagnosticSeverity::ERROR,
            ptg_diagnostics::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            ptg_diagnostics::Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            ptg_diagnostics::Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::lsp_types as lsp;

    fn cx<'a>(text: &'a str, index: &'a LineIndex, encoding: Encoding) -> LineCx<'a> {
        LineCx {
            text,
            index,
            encoding,
        }
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF32, K::UTF8, K::UTF16])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            Encoding::Utf32
        );
    }

    #[test]
    fn chinese_emoji_crlf_round_trip() {
        // `"满意度🙂" 95%`: the quote is 1 unit everywhere, each Chinese character 3 bytes
        // or 1 unit, the emoji 4 bytes, 1 code point or 2 UTF-16 units.
        let text = "年度 2024\r\n  \"满意度🙂\" 95%\r\n";
        let index = LineIndex::new(text);
        let at = text.find("95%").unwrap() as u32;
        for (encoding, column) in [
            (Encoding::Utf8, 2 + 1 + 9 + 4 + 2),
            (Encoding::Utf32, 2 + 1 + 3 + 1 + 2),
            (Encoding::Utf16, 2 + 1 + 3 + 2 + 2),
        ] {
            let cx = cx(text, &index, encoding);
            let pos = to_proto::position(cx, at.into());
            assert_eq!(pos, lsp::Position::new(1, column), "{encoding:?}");
            assert_eq!(from_proto::offset(cx, pos), TextSize::from(at));
            // Past the end of the line: the end of its content, before "\r\n".
            let end = from_proto::offset(cx, lsp::Position::new(1, 999));
            assert_eq!(&text[usize::from(end)..], "\r\n");
            // Past the last line: the end of the text.
            let last = from_proto::offset(cx, lsp::Position::new(9, 0));
            assert_eq!(usize::from(last), text.len());
        }
        // Half a surrogate pair rounds down to the emoji's start.
        let cx16 = cx(text, &index, Encoding::Utf16);
        let emoji = text.find('🙂').unwrap();
        let inside = from_proto::offset(cx16, lsp::Position::new(1, 2 + 1 + 3 + 1));
        assert_eq!(usize::from(inside), emoji);
    }
}

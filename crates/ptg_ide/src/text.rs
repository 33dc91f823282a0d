//! Small text helpers shared by the features: offset clamping, sizes, number formatting.

use ptg_diagnostics::Lang;
use ptg_syntax::Decimal;
use text_size::{TextRange, TextSize};

/// `offset` clamped to the text and rounded down to a char boundary.
pub(crate) fn clamp(text: &str, offset: TextSize) -> TextSize {
    let mut at = usize::from(offset).min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    size(at)
}

/// `range` clamped to the text, both ends on char boundaries.
pub(crate) fn clamp_range(text: &str, range: TextRange) -> TextRange {
    let start = clamp(text, range.start());
    let end = clamp(text, range.end()).max(start);
    TextRange::new(start, end)
}

/// A byte count as a `TextSize` (documents are limited to `u32::MAX` bytes).
pub(crate) fn size(len: usize) -> TextSize {
    TextSize::try_from(len).unwrap_or(TextSize::from(u32::MAX))
}

/// Picks the text for `lang`, owned.
pub(crate) fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

/// A decimal with thousands separators: `1188000` → `1,188,000`, `0.5` → `0.5`.
pub(crate) fn group_thousands(number: Decimal) -> String {
    let text = number.normalized().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (idx, ch) in int.chars().enumerate() {
        if idx > 0 && (int.len() - idx) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Escapes text for an LSP snippet (`$`, `}` and `\` are special there).
pub(crate) fn snippet_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_inside_characters_and_past_the_end() {
        let text = "a中b";
        assert_eq!(clamp(text, 2.into()), TextSize::from(1));
        assert_eq!(clamp(text, 4.into()), TextSize::from(4));
        assert_eq!(clamp(text, 99.into()), TextSize::from(5));
    }

    #[test]
    fn groups_thousands() {
        let n = |s: &str| Decimal::parse(s).unwrap();
        assert_eq!(group_thousands(n("1188000.0")), "1,188,000");
        assert_eq!(group_thousands(n("15000")), "15,000");
        assert_eq!(group_thousands(n("999")), "999");
        assert_eq!(group_thousands(n("1234.5")), "1,234.5");
        assert_eq!(group_thousands(n("-1000")), "-1,000");
    }
}

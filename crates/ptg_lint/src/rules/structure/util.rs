//! Helpers shared by the structure rules: where a category "really" belongs when its
//! name did not resolve, name normalisation, and text edits that remove or move whole
//! lines without losing comments.

use ptg_semantic::model::{CategoryInfo, IndicatorInfo};
use ptg_semantic::scheme::{nearest, CategoryRef, Scheme};
use ptg_semantic::Model;
use ptg_syntax::ast::ValueKind;
use text_size::{TextRange, TextSize};

/// Why a category block does not fit its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Misfit {
    /// The name is nowhere in the scheme.
    Unknown,
    /// The name belongs elsewhere in the scheme.
    Misplaced(CategoryRef),
}

/// How a category block that did not resolve fails. `None` for resolved blocks and for
/// blocks whose enclosing block did not resolve either (only the outer one is reported).
pub(super) fn misfit(model: &Model<'_>, idx: usize) -> Option<Misfit> {
    let cat = &model.categories[idx];
    if cat.resolved.is_some() {
        return None;
    }
    if let Some(parent) = cat.parent {
        // Only the outer block is reported when neither resolved.
        model.categories[parent].resolved?;
    }
    let scheme = model.category_scheme(cat);
    match scheme.find_anywhere(&cat.ast.name.node.text) {
        Some(target) => Some(Misfit::Misplaced(target)),
        None => Some(Misfit::Unknown),
    }
}

/// Where each category block counts for the required set: its resolution, or for a block
/// that did not resolve, where its name belongs elsewhere in the scheme, or the nearest
/// name of its slot (a typo such as `时间指标` still counts as `时效指标`).
pub(super) fn effective_categories(model: &Model<'_>) -> Vec<Option<CategoryRef>> {
    let mut out: Vec<Option<CategoryRef>> = Vec::with_capacity(model.categories.len());
    for cat in &model.categories {
        let eff = match cat.resolved {
            Some((found, _)) => Some(found),
            None => effective_unresolved(model, cat, &out),
        };
        out.push(eff);
    }
    out
}

fn effective_unresolved(
    model: &Model<'_>,
    cat: &CategoryInfo<'_>,
    known: &[Option<CategoryRef>],
) -> Option<CategoryRef> {
    let scheme = model.category_scheme(cat);
    let name = cat.ast.name.node.text.as_str();
    match cat.parent {
        None => scheme.find_anywhere(name).or_else(|| {
            let near = suggest(name, &scheme.slot_names(None))?;
            scheme
                .resolve_level1(near)
                .map(|(l1, _)| CategoryRef::Level1(l1))
        }),
        Some(parent) => match known.get(parent).copied().flatten() {
            Some(CategoryRef::Level1(l1)) => {
                let level2 = |n: &str| {
                    scheme
                        .resolve_level2(l1, n)
                        .map(|(l2, _)| CategoryRef::Level2(l1, l2))
                };
                let found = level2(name)
                    .or_else(|| match scheme.find_anywhere(name) {
                        // `满意度指标 { 满意度 { … } }`: the 一级's name again, for its
                        // only 二级.
                        Some(CategoryRef::Level1(same)) if same == l1 => only_child(scheme, l1),
                        other => other,
                    })
                    .or_else(|| level2(suggest(name, &scheme.slot_names(Some(l1)))?));
                // Whatever the 二级, its indicators are in this 一级.
                found.or(Some(CategoryRef::Level1(l1)))
            }
            Some(inner @ CategoryRef::Level2(..)) => scheme.find_anywhere(name).or(Some(inner)),
            None => None,
        },
    }
}

/// The only 二级 of a 一级, if it has exactly one.
pub(super) fn only_child(scheme: &Scheme, level1: usize) -> Option<CategoryRef> {
    match scheme.levels.get(level1)?.children.len() {
        1 => Some(CategoryRef::Level2(level1, 0)),
        _ => None,
    }
}

/// The nearest name of a slot, when it is a plausible correction: close by edit distance
/// and sharing at least one character besides `指标` (`成本` is not a typo of `产出`).
pub(super) fn suggest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let near = nearest(name, candidates)?;
    let core = |s: &str| -> Vec<char> {
        s.strip_suffix("指标")
            .unwrap_or(s)
            .chars()
            .filter(|c| !matches!(c, '指' | '标'))
            .collect()
    };
    let theirs = core(near);
    core(name)
        .iter()
        .any(|c| theirs.contains(c))
        .then_some(near)
}

/// Whether an indicator is only a placeholder for "nothing here": `"无"` with no value or
/// a value that says nothing either.
pub(super) fn is_placeholder(indicator: &IndicatorInfo<'_>) -> bool {
    if !is_nothing(&indicator.ast.name.text) {
        return false;
    }
    match &indicator.ast.value {
        None => true,
        Some(value) => match &value.kind {
            ValueKind::Qualitative(text) => is_nothing(&text.text) || text.text.trim().is_empty(),
            _ => false,
        },
    }
}

fn is_nothing(text: &str) -> bool {
    const NOTHING: [&str; 6] = ["无", "暂无", "/", "-", "—", "——"];
    let kept = text
        .chars()
        .filter(|c| !c.is_whitespace() && !is_soft_punct(*c));
    // Most names start with something else: one look at the first kept character.
    let Some(first) = kept.clone().next() else {
        return false;
    };
    NOTHING
        .iter()
        .any(|nothing| nothing.starts_with(first) && kept.clone().eq(nothing.chars()))
}

/// Full-width ASCII forms to ASCII, ideographic space to space.
pub(super) fn ascii_fold(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Punctuation that carries no meaning in a name: sentence marks and quotes, not brackets
/// (an unbalanced bracket is a sign of truncation) and not `=`.
pub(super) fn is_soft_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '·'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
    )
}

/// A name for comparison: full-width folded, without whitespace and soft punctuation.
pub(super) fn compare_key(text: &str) -> String {
    key_chars(text).collect()
}

/// The characters of [`compare_key`], without building it.
fn key_chars(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars()
        .map(ascii_fold)
        .filter(|c| !c.is_whitespace() && !is_soft_punct(*c))
}

/// `compare_key(a) == compare_key(b)`, without allocating.
pub(super) fn same_key(a: &str, b: &str) -> bool {
    key_chars(a).eq(key_chars(b))
}

/// `compare_key(text).is_empty()`, without allocating.
pub(super) fn empty_key(text: &str) -> bool {
    key_chars(text).next().is_none()
}

/// A name folded and without whitespace, soft punctuation trimmed at the end only.
pub(super) fn light_key(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(ascii_fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    folded.trim_matches(|c: char| is_soft_punct(c)).to_string()
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset of the `\n` ending the line that holds `offset` (or the text's end).
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |i| offset + i)
}

fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c == ' ' || c == '\t' || c == '\r' || c == '\u{3000}')
}

fn is_blank_or_comment(s: &str) -> bool {
    let t = s.trim_start_matches([' ', '\t', '\u{3000}']);
    t.trim_end_matches(['\r', ' ', '\t']).is_empty() || t.starts_with(['#', '＃'])
}

fn has_comment_inside(model: &Model<'_>, range: TextRange) -> bool {
    // Comments are in source order: look only at the first one starting in the range.
    let comments = &model.parse.comments;
    let first = comments.partition_point(|c| c.range.start() < range.start());
    comments
        .get(first)
        .is_some_and(|c| range.contains_range(c.range))
}

/// What to delete to remove the construct at `range` cleanly: its whole lines when it
/// stands alone on them, otherwise the construct with the blanks before it (a trailing
/// comment stays). `None` when a comment lies inside (a safe fix never deletes comments).
pub(super) fn removal_range(model: &Model<'_>, range: TextRange) -> Option<TextRange> {
    if has_comment_inside(model, range) {
        return None;
    }
    let text = model.text;
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    let ls = line_start(text, start);
    let le = line_end(text, end);
    let before = &text[ls..start];
    let after = &text[end..le];
    let to =
        |a: usize, b: usize| TextRange::new(TextSize::from(a as u32), TextSize::from(b as u32));
    if is_blank(before) && is_blank(after) {
        let stop = if le < text.len() { le + 1 } else { le };
        // The last line without a newline: take the newline before it instead.
        let begin = if stop == text.len() && ls > 0 && le == text.len() {
            ls - 1
        } else {
            ls
        };
        return Some(to(begin, stop));
    }
    if is_blank(before) {
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        return Some(to(start, end + spaces));
    }
    let trimmed = before.trim_end_matches([' ', '\t']);
    Some(to(ls + trimmed.len(), end))
}

/// The whole lines of a construct that starts its line and ends it (a trailing comment
/// may follow): `(line start, offset after the last newline)`.
pub(super) fn whole_lines(text: &str, range: TextRange) -> Option<(usize, usize)> {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    let ls = line_start(text, start);
    let le = line_end(text, end);
    if !is_blank(&text[ls..start]) || !is_blank_or_comment(&text[end..le]) {
        return None;
    }
    Some((ls, if le < text.len() { le + 1 } else { le }))
}

/// The indentation of the line holding `offset`.
pub(super) fn indent_at(text: &str, offset: TextSize) -> &str {
    let ls = line_start(text, usize::from(offset));
    let rest = &text[ls..];
    let len = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..len]
}

/// Re-indents whole lines: each line that starts with `from` gets `to` instead; other
/// non-blank lines get `to` prepended to their trimmed text.
pub(super) fn reindent(lines: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(lines.len());
    for line in lines.split_inclusive('\n') {
        if line.trim().is_empty() {
            out.push_str(line);
        } else if let Some(rest) = line.strip_prefix(from) {
            out.push_str(to);
            out.push_str(rest);
        } else {
            out.push_str(to);
            out.push_str(line.trim_start_matches([' ', '\t']));
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The offset just after the line holding `offset` (after its newline), and whether the
/// line had a newline.
pub(super) fn after_line(text: &str, offset: TextSize) -> (usize, bool) {
    let le = line_end(text, usize::from(offset));
    if le < text.len() {
        (le + 1, true)
    } else {
        (le, false)
    }
}

/// Writes generated lines with the document's line ending (`\r\n` when it uses it).
pub(super) fn match_eol(text: &str, lines: String) -> String {
    // The first line break decides, as for the formatter (and in O(first line)).
    let crlf = text
        .find('\n')
        .is_some_and(|idx| idx > 0 && text.as_bytes()[idx - 1] == b'\r');
    if crlf {
        lines.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        lines
    }
}

pub(super) fn size(offset: usize) -> TextSize {
    TextSize::from(offset as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(compare_key("残疾人康复服务质量。"), "残疾人康复服务质量");
        assert_eq!(
            compare_key("“三公经费”控制率"),
            compare_key("\"三公经费\"控制率")
        );
        assert_eq!(compare_key("次数（次"), "次数(次");
        assert_eq!(light_key(" 经费按时发放率。"), "经费按时发放率");
    }

    #[test]
    fn reindents() {
        assert_eq!(
            reindent("    a {\n      b\n    }\n", "    ", "  "),
            "  a {\n    b\n  }\n"
        );
    }
}

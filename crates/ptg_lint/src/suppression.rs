//! `# ptg: allow(rule) -- 原因` and `# ptg: allow-file(rule) -- 原因`.
//!
//! An own-line suppression covers the construct that starts next, with its nested block;
//! a trailing one covers the outermost construct that starts on its line.

use ptg_syntax::ast::Item;
use ptg_syntax::{CommentPlacement, Parse};
use text_size::{TextRange, TextSize};

#[cfg(test)]
use ptg_semantic::model::walk_items;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `allow(…)`: the covered construct.
    Construct(TextRange),
    /// `allow-file(…)`: the whole file.
    File,
}

/// One rule named in one directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rule: String,
    /// The rule name inside the comment.
    pub rule_range: TextRange,
    /// The whole comment.
    pub comment: TextRange,
    pub scope: Scope,
    pub has_reason: bool,
    /// The range to delete to remove the whole comment (and its line, if alone on it).
    pub removal: TextRange,
    /// How many rules the directive names (removing one of several edits the list).
    pub siblings: usize,
}

/// A parsed directive: `allow-file`?, the rule names with their offsets, a reason?
type Directive<'b> = (bool, Vec<(&'b str, usize)>, bool);

/// Parses `ptg: allow(a, b) -- reason` (after `#`). Returns the kind, the names with
/// their offsets inside `body`, and whether a reason follows.
fn parse_directive(body: &str) -> Option<Directive<'_>> {
    let trimmed_start = body.len() - body.trim_start().len();
    let rest = body.trim_start().strip_prefix("ptg:")?;
    let rest_start = trimmed_start + 4;
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let (file, after_kw, kw_len) = if let Some(after) = rest.strip_prefix("allow-file") {
        (true, after, "allow-file".len())
    } else if let Some(after) = rest.strip_prefix("allow") {
        (false, after, "allow".len())
    } else {
        return None;
    };
    let open = after_kw.find('(')?;
    if !after_kw[..open].trim().is_empty() {
        return None;
    }
    let close = after_kw.find(')')?;
    let list = &after_kw[open + 1..close];
    let list_start = rest_start + lead + kw_len + open + 1;
    let mut names = Vec::new();
    let mut offset = 0;
    for part in list.split([',', '，']) {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let inner = part.find(trimmed).unwrap_or(0);
            names.push((trimmed, list_start + offset + inner));
        }
        offset += part.len()
            + if list[offset + part.len()..].starts_with('，') {
                3
            } else {
                1
            };
    }
    let tail = &after_kw[close + 1..];
    let has_reason = tail
        .trim_start()
        .strip_prefix("--")
        .or_else(|| tail.trim_start().strip_prefix("——"))
        .is_some_and(|reason| !reason.trim().is_empty());
    Some((file, names, has_reason))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |idx| idx + 1)
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |idx| offset + idx)
}

fn size(offset: usize) -> TextSize {
    TextSize::try_from(offset).unwrap_or(TextSize::from(u32::MAX))
}

/// Every suppression in the document.
pub fn collect(text: &str, parse: &Parse) -> Vec<Suppression> {
    if !parse.comments.iter().any(|c| c.is_directive) {
        return Vec::new();
    }
    let items = &parse.file.items;
    let mut out = Vec::new();
    for comment in parse.comments.iter().filter(|c| c.is_directive) {
        let comment_text = &text[comment.range];
        let hash_len = comment_text.chars().next().map_or(1, char::len_utf8);
        let body = &comment_text[hash_len..];
        let Some((file, names, has_reason)) = parse_directive(body) else {
            continue;
        };
        let start = usize::from(comment.range.start());
        let end = usize::from(comment.range.end());
        let scope = if file {
            Scope::File
        } else {
            match comment.placement {
                CommentPlacement::OwnLine => {
                    // The first construct starting after the comment; the outermost of
                    // those starting at the same place. `items` is in pre-order: sorted by
                    // start, a parent before the children that start with it.
                    match first_from(items, size(end)) {
                        Some(item) => Scope::Construct(item.range()),
                        None => Scope::Construct(TextRange::empty(size(end))),
                    }
                }
                CommentPlacement::Trailing => {
                    let ls = line_start(text, start);
                    let on_line = first_from(items, size(ls))
                        .filter(|item| usize::from(item.range().start()) < start);
                    match on_line {
                        Some(item) => Scope::Construct(item.range()),
                        None => Scope::Construct(TextRange::new(size(ls), size(start))),
                    }
                }
            }
        };
        let removal = match comment.placement {
            CommentPlacement::OwnLine => {
                let ls = line_start(text, start);
                let le = line_end(text, end);
                let with_break = if text[le..].starts_with("\r\n") {
                    le + 2
                } else if le < text.len() {
                    le + 1
                } else {
                    le
                };
                TextRange::new(size(ls), size(with_break))
            }
            CommentPlacement::Trailing => {
                let before = text[..start].trim_end_matches([' ', '\t']).len();
                TextRange::new(size(before), size(end))
            }
        };
        let siblings = names.len();
        for (name, offset) in names {
            let at = start + hash_len + offset;
            out.push(Suppression {
                rule: name.to_string(),
                rule_range: TextRange::new(size(at), size(at + name.len())),
                comment: comment.range,
                scope,
                has_reason,
                removal,
                siblings,
            });
        }
    }
    out
}

/// The items nested in `item`.
fn children(item: &Item) -> &[Item] {
    match item {
        Item::Field(field) => field.block.as_ref().map_or(&[], |b| &b.items),
        Item::Entity(entity) => entity.body.as_ref().map_or(&[], |b| &b.items),
        Item::Category(category) => &category.body.items,
        Item::Indicator(indicator) => indicator.attrs.as_ref().map_or(&[], |b| &b.items),
        Item::UnknownField(_) | Item::Error(_) => &[],
    }
}

/// The first item in pre-order (a parent before its children) that starts at or after
/// `pos`: the outermost of those starting at the same place. Descends only into the
/// items around `pos`, instead of listing every item of the document.
fn first_from(items: &[Item], pos: TextSize) -> Option<&Item> {
    let skip = items.partition_point(|item| {
        let range = item.range();
        range.end() < pos || (range.end() == pos && range.start() < pos)
    });
    for item in &items[skip..] {
        if item.range().start() >= pos {
            return Some(item);
        }
        if let Some(inner) = first_from(children(item), pos) {
            return Some(inner);
        }
    }
    None
}

impl Suppression {
    /// Whether this suppression silences a finding of `rule` at `range`.
    pub fn covers(&self, rule: &str, range: TextRange) -> bool {
        self.rule == rule
            && match self.scope {
                Scope::File => true,
                Scope::Construct(scope) => scope.contains_range(range),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_forms() {
        let (file, names, reason) = parse_directive(" ptg: allow(a, b) -- 原因").unwrap();
        assert!(!file && reason);
        assert_eq!(
            names.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ["a", "b"]
        );
        let body = " ptg: allow(a, b) -- 原因";
        for (name, offset) in names {
            assert_eq!(&body[offset..offset + name.len()], name);
        }
        let (file, names, reason) = parse_directive(" ptg: allow-file(x)").unwrap();
        assert!(file && !reason);
        assert_eq!(names[0].0, "x");
        assert!(parse_directive(" ptg: fmt off").is_none());
        assert!(parse_directive(" ptg: allow(x) --   ").is_some_and(|(_, _, r)| !r));
    }

    /// `first_from` finds what a search over every item in pre-order finds, at every
    /// offset of every fixture.
    #[test]
    fn first_from_equals_the_flat_search() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lint");
        let mut checked = 0;
        for dir in std::fs::read_dir(root).unwrap().flatten() {
            for name in ["invalid.ptg", "valid.ptg"] {
                let Ok(text) = std::fs::read_to_string(dir.path().join(name)) else {
                    continue;
                };
                let parse = ptg_syntax::parse(&text);
                let mut flat: Vec<&Item> = Vec::new();
                walk_items(&parse.file.items, &mut |item| flat.push(item));
                for pos in 0..=text.len() {
                    let pos = size(pos);
                    let want = flat
                        .get(flat.partition_point(|item| item.range().start() < pos))
                        .map(|item| item.range());
                    let got = first_from(&parse.file.items, pos).map(Item::range);
                    assert_eq!(got, want, "{} at {pos:?}", dir.path().display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn scopes() {
        let text = "部门 \"a\" {\n  项目 \"b\" {\n    # ptg: allow(x) -- r\n    资金 1元 { 政府预算资金 1元 }\n    目标 \"c\"  # ptg: allow(y)\n  }\n}\n";
        let parse = ptg_syntax::parse(text);
        let sups = collect(text, &parse);
        assert_eq!(sups.len(), 2);
        let Scope::Construct(range) = sups[0].scope else {
            panic!()
        };
        assert!(text[range].starts_with("资金 1元 {") && text[range].ends_with('}'));
        let Scope::Construct(range) = sups[1].scope else {
            panic!()
        };
        assert_eq!(&text[range], "目标 \"c\"");
        assert!(!sups[1].has_reason);
        assert_eq!(&text[sups[1].removal], "  # ptg: allow(y)");
        assert_eq!(&text[sups[0].removal], "    # ptg: allow(x) -- r\n");
    }
}

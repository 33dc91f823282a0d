//! Where an offset stands: the blocks around it (from the AST) and the tokens before it on
//! its line (from the lexer), for completion on text that is still being typed.

use ptg_syntax::ast::{Block, Category, Entity, Field, Indicator, Item, SourceFile};
use ptg_syntax::{SyntaxKind, Token};
use text_size::{TextRange, TextSize};

/// A construct whose block holds the offset.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'a> {
    Entity(&'a Entity),
    Category(&'a Category),
    /// A field with a nested block: `资金 { … }`, `预算 { … }`, `来源 { … }`, `结构 { … }`.
    Field(&'a Field),
    /// An indicator's attribute block `{ 描述 "…" 依据 "…" }`.
    Indicator(&'a Indicator),
}

impl<'a> Node<'a> {
    pub(crate) fn block(self) -> Option<&'a Block> {
        match self {
            Node::Entity(it) => it.body.as_ref(),
            Node::Category(it) => Some(&it.body),
            Node::Field(it) => it.block.as_ref(),
            Node::Indicator(it) => it.attrs.as_ref(),
        }
    }

    fn of(item: &'a Item) -> Option<Node<'a>> {
        match item {
            Item::Entity(it) => Some(Node::Entity(it)),
            Item::Category(it) => Some(Node::Category(it)),
            Item::Field(it) if it.block.is_some() => Some(Node::Field(it)),
            Item::Indicator(it) if it.attrs.is_some() => Some(Node::Indicator(it)),
            _ => None,
        }
    }
}

/// The constructs whose block interior holds `offset`, outermost first. A block without
/// its `}` reaches up to the next item of its parent (or the end of the parent).
pub(crate) fn block_path(file: &SourceFile, text_len: TextSize, offset: TextSize) -> Vec<Node<'_>> {
    let mut path = Vec::new();
    let mut items: &[Item] = &file.items;
    let mut limit = text_len;
    'descend: loop {
        for (idx, item) in items.iter().enumerate() {
            let Some(node) = Node::of(item) else { continue };
            let Some(block) = node.block() else { continue };
            let next_start = items
                .get(idx + 1)
                .map_or(limit, |next| next.range().start())
                .max(block.l_brace.end());
            let inner_end = block.r_brace.map_or(next_start, |r| r.start());
            if block.l_brace.end() <= offset && offset <= inner_end {
                path.push(node);
                items = &block.items;
                limit = inner_end;
                continue 'descend;
            }
        }
        return path;
    }
}

/// Tokens that a completion may replace when the cursor is on them.
pub(crate) fn is_wordlike(kind: SyntaxKind) -> bool {
    use SyntaxKind as K;
    kind.is_keyword()
        || matches!(
            kind,
            K::Word
                | K::CodedWord
                | K::Period
                | K::GeWord
                | K::LeWord
                | K::GtWord
                | K::LtWord
                | K::EqWord
        )
}

/// The lexical situation at the cursor.
#[derive(Debug, Clone)]
pub(crate) struct TokenContext {
    /// The range a completion replaces: the word under the cursor, or empty at the cursor.
    pub replace: TextRange,
    /// The significant tokens before `replace` on its line, after the last brace.
    pub before: Vec<Token>,
    /// The first significant token after `replace` on its line, if any.
    pub after: Option<Token>,
    /// The cursor is inside a comment or a string: nothing to complete.
    pub in_trivia: bool,
}

pub(crate) fn token_context(tokens: &[Token], at: TextSize) -> TokenContext {
    // The token ending at or containing the cursor (tokens cover the text without gaps).
    let idx = tokens.partition_point(|t| t.range.end() < at);
    let touching = tokens.get(idx).filter(|t| t.range.start() < at).copied();
    let in_trivia = touching.is_some_and(|t| match t.kind {
        SyntaxKind::Comment => true,
        SyntaxKind::UnterminatedString | SyntaxKind::UnterminatedBlockString => true,
        SyntaxKind::String | SyntaxKind::BlockString => at < t.range.end(),
        _ => false,
    });
    let word = touching.filter(|t| is_wordlike(t.kind));
    let replace = word.map_or(TextRange::empty(at), |t| t.range);
    // Tokens before the replaced range: those ending at or before its start.
    let first_after = tokens.partition_point(|t| t.range.start() < replace.end());
    let mut before = Vec::new();
    let end_before = tokens.partition_point(|t| t.range.end() <= replace.start());
    for token in tokens[..end_before].iter().rev() {
        match token.kind {
            SyntaxKind::Whitespace | SyntaxKind::Comment => {}
            SyntaxKind::Newline | SyntaxKind::LBrace | SyntaxKind::RBrace => break,
            SyntaxKind::UnterminatedBlockString | SyntaxKind::BlockString if before.is_empty() => {
                // A block string may span lines; nothing to complete right after it.
                before.push(*token);
                break;
            }
            _ => before.push(*token),
        }
    }
    before.reverse();
    let after = tokens[first_after.min(tokens.len())..]
        .iter()
        .take_while(|t| t.kind != SyntaxKind::Newline)
        .find(|t| !matches!(t.kind, SyntaxKind::Whitespace | SyntaxKind::Comment))
        .copied();
    TokenContext {
        replace,
        before,
        after,
        in_trivia,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text_with_cursor: &str) -> (String, TokenContext) {
        let at = text_with_cursor.find('|').unwrap();
        let text = text_with_cursor.replacen('|', "", 1);
        let tokens = ptg_syntax::lex(&text);
        let ctx = token_context(&tokens, TextSize::try_from(at).unwrap());
        (text, ctx)
    }

    #[test]
    fn word_under_cursor_and_tokens_before() {
        let (text, c) = ctx("项目 \"x\" {\n  数|\n}");
        assert_eq!(&text[c.replace], "数");
        assert!(c.before.is_empty());
        let (text, c) = ctx("数量指标 { \"人数\" ≥ 10| }");
        assert!(c.replace.is_empty());
        let kinds: Vec<_> = c.before.iter().map(|t| &text[t.range]).collect();
        assert_eq!(kinds, ["\"人数\"", "≥", "10"]);
        assert_eq!(c.after.map(|t| t.kind), Some(SyntaxKind::RBrace));
        let (_, c) = ctx("# 注释|");
        assert!(c.in_trivia);
        let (_, c) = ctx("\"未完|");
        assert!(c.in_trivia);
        let (_, c) = ctx("\"完\"|");
        assert!(!c.in_trivia);
    }

    #[test]
    fn path_through_unclosed_blocks() {
        let text = "部门 \"a\" {\n  项目 \"b\" {\n    产出指标 {\n      \n";
        let parse = ptg_syntax::parse(text);
        let at = TextSize::try_from(text.len() - 1).unwrap();
        let path = block_path(&parse.file, TextSize::try_from(text.len()).unwrap(), at);
        assert_eq!(path.len(), 3);
        assert!(matches!(path[2], Node::Category(_)));
    }
}

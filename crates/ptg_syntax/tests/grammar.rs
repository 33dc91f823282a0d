//! `grammar/ptg.ebnf` stays true to the lexer: its keyword list is exactly the lexer's,
//! and every comparator and period spelling it lists lexes as that token.

use std::collections::BTreeSet;
use std::path::Path;

use ptg_syntax::lexer::{lex, SyntaxKind, KEYWORDS};

fn grammar() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../grammar/ptg.ebnf");
    std::fs::read_to_string(path).unwrap()
}

/// The quoted literals of the rule `name = … ;`.
fn rule_literals(grammar: &str, name: &str) -> Vec<String> {
    let start = grammar
        .match_indices(&format!("\n{name}"))
        .map(|(idx, _)| idx)
        .find(|idx| {
            grammar[idx + name.len() + 1..]
                .trim_start()
                .starts_with('=')
        })
        .unwrap_or_else(|| panic!("rule {name} not in grammar"));
    let body = &grammar[start..];
    let end = body.find(';').unwrap();
    let body = &body[..end];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('\'') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('\'') else { break };
        out.push(after[..close].to_string());
        rest = &after[close + 1..];
    }
    out
}

fn single_kind(text: &str) -> Option<SyntaxKind> {
    let tokens = lex(text);
    match tokens.as_slice() {
        [token] if usize::from(token.range.len()) == text.len() => Some(token.kind),
        _ => None,
    }
}

#[test]
fn grammar_keywords_are_the_lexer_keywords() {
    let grammar = grammar();
    let in_grammar: BTreeSet<String> = rule_literals(&grammar, "keywords").into_iter().collect();
    let in_lexer: BTreeSet<String> = KEYWORDS
        .iter()
        .flat_map(|(_, spellings)| spellings.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(in_grammar, in_lexer);
    for (kind, spellings) in KEYWORDS {
        for spelling in *spellings {
            assert_eq!(single_kind(spelling), Some(*kind), "{spelling}");
        }
    }
}

#[test]
fn grammar_token_spellings_lex_as_listed() {
    let grammar = grammar();
    for (rule, kind) in [
        ("GE", SyntaxKind::Ge),
        ("LE", SyntaxKind::Le),
        ("GT", SyntaxKind::Gt),
        ("LT", SyntaxKind::Lt),
        ("EQ", SyntaxKind::Eq),
        ("APPROX", SyntaxKind::Approx),
        ("GE_WORD", SyntaxKind::GeWord),
        ("LE_WORD", SyntaxKind::LeWord),
        ("GT_WORD", SyntaxKind::GtWord),
        ("LT_WORD", SyntaxKind::LtWord),
        ("EQ_WORD", SyntaxKind::EqWord),
        ("BEFORE", SyntaxKind::Before),
        ("BAD_COMPARATOR", SyntaxKind::BadComparator),
        ("PERCENT", SyntaxKind::Percent),
    ] {
        let literals = rule_literals(&grammar, rule);
        assert!(!literals.is_empty(), "{rule}");
        for literal in literals {
            assert_eq!(single_kind(&literal), Some(kind), "{rule}: {literal}");
        }
    }
    // The fixed periods (the first line of PERIOD lists words only).
    for literal in rule_literals(&grammar, "PERIOD") {
        if literal.chars().all(|c| !c.is_ascii()) && literal.chars().count() >= 2 {
            let kind = single_kind(&literal);
            assert!(
                kind == Some(SyntaxKind::Period)
                    || ["工作日内", "个月", "小时", "季度"].contains(&literal.as_str()),
                "PERIOD: {literal} lexes as {kind:?}"
            );
        }
    }
    // Postfix words are their own tokens after a quantity.
    for literal in rule_literals(&grammar, "POSTFIX") {
        let text = format!("5个{literal}");
        let kinds: Vec<_> = lex(&text).into_iter().map(|t| t.kind).collect();
        assert_eq!(kinds.len(), 3, "{text}");
    }
}

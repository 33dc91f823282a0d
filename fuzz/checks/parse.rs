//! The `parse` fuzz target's check, shared with `ptg_syntax`'s tests (`never_panics.rs`
//! includes this file): any input lexes and parses without panicking, tokens tile the
//! text, every range in the result (nodes, errors, comments, diagnostic labels and fix
//! edits) lies inside the text on char boundaries, diagnostics render in both
//! languages, and the parser's fast pass agrees with its reporting pass.

use ptg_syntax::ast::*;
use text_size::TextRange;

/// Invalid UTF-8 is checked as the lossy decoding (what a replacement-tolerant reader
/// would pass on); valid UTF-8 as it is.
pub fn check(data: &[u8]) {
    check_text(&String::from_utf8_lossy(data));
}

fn collect_block(block: &Block, out: &mut Vec<TextRange>) {
    out.push(block.range);
    out.push(block.l_brace);
    out.extend(block.r_brace);
    for item in &block.items {
        collect_item(item, out);
    }
}

fn collect_value(value: &Value, out: &mut Vec<TextRange>) {
    out.push(value.range);
    let mut quantity = |q: &Quantity| {
        out.push(q.range);
        out.push(q.number.range);
        if let Some(unit) = &q.unit {
            out.push(unit.range);
        }
    };
    match &value.kind {
        ValueKind::Bound { cmp, quantity: q } => {
            quantity(q);
            out.push(cmp.range);
        }
        ValueKind::Exact(q) => quantity(q),
        ValueKind::Range { lo, hi, separator } => {
            quantity(lo);
            quantity(hi);
            out.push(*separator);
        }
        ValueKind::Deadline(deadline) => out.extend(deadline.cmp.map(|c| c.range)),
        ValueKind::Period(_) => {}
        ValueKind::Qualitative(lit) => out.push(lit.range),
    }
}

fn collect_item(item: &Item, out: &mut Vec<TextRange>) {
    out.push(item.range());
    match item {
        Item::Field(field) => {
            out.push(field.key_range);
            match &field.value {
                FieldValue::Text(lit) => out.push(lit.range),
                FieldValue::Texts(lits) => out.extend(lits.iter().map(|l| l.range)),
                FieldValue::Word(word) => out.push(word.range),
                FieldValue::Year(year) => out.push(year.range),
                FieldValue::Unit(unit) => out.push(unit.range),
                FieldValue::Quantity(q) => out.push(q.range),
                FieldValue::Quantities(qs) => out.extend(qs.iter().map(|q| q.range)),
                FieldValue::None => {}
            }
            if let Some(block) = &field.block {
                collect_block(block, out);
            }
        }
        Item::Entity(entity) => {
            out.push(entity.keyword);
            out.extend(entity.name.as_ref().map(|n| n.range));
            if let Some(body) = &entity.body {
                collect_block(body, out);
            }
        }
        Item::Category(category) => {
            out.push(category.name.range);
            collect_block(&category.body, out);
        }
        Item::Indicator(indicator) => {
            out.push(indicator.name.range);
            if let Some(value) = &indicator.value {
                collect_value(value, out);
            }
            if let Some(attrs) = &indicator.attrs {
                collect_block(attrs, out);
            }
        }
        Item::UnknownField(unknown) => out.push(unknown.name.range),
        Item::Error(_) => {}
    }
}

pub fn check_text(text: &str) {
    let tokens = ptg_syntax::lex(text);
    let mut at = 0usize;
    for token in &tokens {
        assert_eq!(
            usize::from(token.range.start()),
            at,
            "tokens must tile the text"
        );
        at = usize::from(token.range.end());
    }
    assert_eq!(at, text.len());
    let parse = ptg_syntax::parse(text);
    // The parser's fast pass (errors as `EmptyErr`) must build the tree the reporting
    // pass builds, and leave every file with a syntax error to it.
    assert_eq!(
        parse,
        ptg_syntax::parse_reporting_pass(text),
        "the fast and the reporting pass disagree"
    );
    let mut ranges = Vec::new();
    for item in &parse.file.items {
        collect_item(item, &mut ranges);
    }
    ranges.extend(parse.errors.iter().map(|e| e.range));
    ranges.extend(parse.comments.iter().map(|c| c.range));
    for range in ranges {
        assert_in_text(text, range);
    }
    // Diagnostics render in both languages, their labels and fixes inside the text.
    for lang in [ptg_diagnostics::Lang::Zh, ptg_diagnostics::Lang::En] {
        for diagnostic in parse.diagnostics(lang) {
            let mut ranges = vec![diagnostic.primary.range];
            ranges.extend(diagnostic.secondary.iter().map(|label| label.range));
            if let Some(fix) = &diagnostic.fix {
                ranges.extend(fix.edits.iter().map(|edit| edit.range));
            }
            for range in ranges {
                assert_in_text(text, range);
            }
        }
    }
}

fn assert_in_text(text: &str, range: TextRange) {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    assert!(
        start <= end && end <= text.len(),
        "{range:?} outside {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{range:?} not on char boundaries"
    );
}

//! A compact, stable text form of the AST for snapshot tests: one node per line, with
//! its byte range.

use std::fmt::Write;

use crate::ast::*;
use crate::Parse;

/// Renders the tree and the errors of a parse.
pub fn dump(parse: &Parse) -> String {
    let mut out = String::new();
    for item in &parse.file.items {
        dump_item(&mut out, item, 0);
    }
    if !parse.errors.is_empty() {
        out.push_str("errors:\n");
        for err in &parse.errors {
            let (rule, _) = err.rule();
            let _ = writeln!(
                out,
                "  {:?} {rule}: {}",
                err.range,
                err.message(ptg_diagnostics::Lang::Zh)
            );
        }
    }
    if !parse.comments.is_empty() {
        out.push_str("comments:\n");
        for comment in &parse.comments {
            let _ = writeln!(
                out,
                "  {:?} {:?}{}",
                comment.range,
                comment.placement,
                if comment.is_directive {
                    " directive"
                } else {
                    ""
                }
            );
        }
    }
    out
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn flag(has_error: bool) -> &'static str {
    if has_error {
        " !error"
    } else {
        ""
    }
}

fn dump_block(out: &mut String, block: &Block, depth: usize) {
    for item in &block.items {
        dump_item(out, item, depth);
    }
    if block.r_brace.is_none() {
        indent(out, depth);
        out.push_str("<unclosed>\n");
    }
}

fn dump_item(out: &mut String, item: &Item, depth: usize) {
    indent(out, depth);
    match item {
        Item::Field(field) => {
            let _ = writeln!(
                out,
                "Field {} {:?} {}{}",
                field.key.as_str(),
                field.range,
                field_value(&field.value),
                flag(field.has_error)
            );
            if let Some(block) = &field.block {
                dump_block(out, block, depth + 1);
            }
        }
        Item::Entity(entity) => {
            let name = entity
                .name
                .as_ref()
                .map_or_else(|| "<missing>".to_string(), string);
            let _ = writeln!(
                out,
                "{:?} {:?} {name}{}",
                entity.kind,
                entity.range,
                flag(entity.has_error)
            );
            if let Some(body) = &entity.body {
                dump_block(out, body, depth + 1);
            }
        }
        Item::Category(category) => {
            let code = category
                .name
                .node
                .code
                .as_ref()
                .map_or(String::new(), |code| format!(" code={code}"));
            let _ = writeln!(
                out,
                "Category {} {:?}{code}",
                category.name.node.text, category.range
            );
            dump_block(out, &category.body, depth + 1);
        }
        Item::Indicator(indicator) => {
            let value = indicator
                .value
                .as_ref()
                .map_or_else(|| "<no value>".to_string(), |v| value(v));
            let _ = writeln!(
                out,
                "Indicator {} {:?} {value}{}",
                string(&indicator.name),
                indicator.range,
                flag(indicator.has_error)
            );
            if let Some(attrs) = &indicator.attrs {
                dump_block(out, attrs, depth + 1);
            }
        }
        Item::UnknownField(unknown) => {
            let _ = writeln!(
                out,
                "UnknownField {} {:?}",
                unknown.name.node, unknown.range
            );
        }
        Item::Error(range) => {
            let _ = writeln!(out, "Error {range:?}");
        }
    }
}

fn string(lit: &Str) -> String {
    let unterminated = if lit.terminated { "" } else { "<unterminated>" };
    format!("{:?}{unterminated}", lit.text)
}

fn quantity(q: &Quantity) -> String {
    match &q.unit {
        Some(unit) => format!("{} {}", q.number.node, unit.text),
        None => q.number.node.to_string(),
    }
}

fn field_value(value: &FieldValue) -> String {
    match value {
        FieldValue::None => "-".into(),
        FieldValue::Text(lit) => string(lit),
        FieldValue::Texts(lits) => lits.iter().map(string).collect::<Vec<_>>().join(" "),
        FieldValue::Word(word) => word.node.clone(),
        FieldValue::Year(year) => year.node.to_string(),
        FieldValue::Unit(unit) => unit.text.clone(),
        FieldValue::Quantity(q) => quantity(q),
        FieldValue::Quantities(qs) => qs.iter().map(quantity).collect::<Vec<_>>().join(", "),
    }
}

fn value(value: &Value) -> String {
    match &value.kind {
        ValueKind::Bound { cmp, quantity: q } => {
            format!(
                "Bound({} {} {:?})",
                cmp.op.symbol(),
                quantity(q),
                cmp.spelling
            )
        }
        ValueKind::Exact(q) => format!("Exact({})", quantity(q)),
        ValueKind::Range { lo, hi, .. } => format!("Range({} ~ {})", quantity(lo), quantity(hi)),
        ValueKind::Deadline(deadline) => {
            let date = deadline.date;
            let day = match date.day {
                Some(DayOfMonth::Day(d)) => d.to_string(),
                Some(DayOfMonth::End) => "底".into(),
                None => "_".into(),
            };
            let part = |p: Option<u32>| p.map_or("_".to_string(), |v| v.to_string());
            format!(
                "Deadline({}-{}-{}{}{})",
                part(date.year),
                part(date.month),
                day,
                if deadline.before { " 前" } else { "" },
                deadline
                    .cmp
                    .map_or(String::new(), |cmp| format!(" cmp={}", cmp.op.symbol()))
            )
        }
        ValueKind::Period(period) => format!("Period({} {:?})", period.text, period.kind),
        ValueKind::Qualitative(lit) => format!("Qualitative({})", string(lit)),
    }
}

//! The `format` fuzz target's check, shared with `ptg_fmt`'s tests (`format.rs` includes
//! this file): a document with syntax errors is refused; any other is formatted (with the
//! schemes of the document, as the CLI and the server do) to a text that formats to
//! itself, has the same AST apart from ranges and spellings and the same comments (text,
//! not only count), and is the same when formatted run by run; the corpus tests
//! (`check_invariants`) also want the same lint findings on the same constructs.

use std::collections::BTreeMap;

use ptg_fmt::{CategoryOwner, CategoryResolver, FormatOptions};
use ptg_semantic::{Model, ModelOptions, Scheme};
use ptg_syntax::ast::*;

/// The check on fuzzer bytes: invalid UTF-8 is decoded lossily. Lint findings are left to
/// the corpus tests (linting four times would halve the fuzzer's speed).
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(err) = check_format("input", &text) {
        panic!("{err}");
    }
}

/// Resolves categories against the schemes of the document, as the CLI does.
struct SchemeResolver {
    project: Scheme,
    department: Scheme,
}

impl SchemeResolver {
    fn for_text(text: &str) -> SchemeResolver {
        let parse = ptg_syntax::parse(text);
        let model = Model::build(text, &parse, &ModelOptions::default());
        SchemeResolver {
            project: model.scheme.clone(),
            department: model.department_scheme.clone(),
        }
    }
}

impl CategoryResolver for SchemeResolver {
    fn resolve(
        &self,
        owner: CategoryOwner,
        parent: Option<&str>,
        name: &str,
    ) -> Option<(String, usize)> {
        match owner {
            CategoryOwner::Project => self.project.canonical(parent, name),
            CategoryOwner::Department => self.department.canonical(parent, name),
        }
    }
}

pub fn format(text: &str) -> Result<String, ptg_fmt::FormatError> {
    let resolver = SchemeResolver::for_text(text);
    ptg_fmt::format(
        text,
        &FormatOptions {
            categories: Some(&resolver),
        },
    )
}

/// A structural fingerprint: every construct with its meaning, in printing order, without
/// ranges or spellings. Categories are keyed by canonical name and sorted like the printer.
fn fingerprint(text: &str) -> Vec<String> {
    let parse = ptg_syntax::parse(text);
    assert!(parse.errors.is_empty());
    let resolver = SchemeResolver::for_text(text);
    let mut out = Vec::new();
    walk(
        &parse.file.items,
        &resolver,
        CategoryOwner::Project,
        None,
        0,
        &mut out,
    );
    out
}

fn quantity(q: &Quantity) -> String {
    format!(
        "{}{}",
        q.number.node.normalized(),
        q.unit.as_ref().map_or("", |u| u.text.as_str())
    )
}

fn value(v: &Value) -> String {
    match &v.kind {
        ValueKind::Bound { cmp, quantity: q } => format!("bound {:?} {}", cmp.op, quantity(q)),
        ValueKind::Exact(q) => format!("exact {}", quantity(q)),
        ValueKind::Range { lo, hi, .. } => format!("range {}..{}", quantity(lo), quantity(hi)),
        ValueKind::Deadline(d) => format!(
            "deadline {:?} {:?} {:?} before={} cmp={:?}",
            d.date.year,
            d.date.month,
            d.date.day,
            d.before,
            d.cmp.map(|c| c.op)
        ),
        ValueKind::Period(p) => format!("period {:?}", p.kind),
        ValueKind::Qualitative(s) => format!("text {:?}", s.text),
    }
}

fn field_value(value: &FieldValue) -> String {
    match value {
        FieldValue::None => String::new(),
        FieldValue::Text(s) => format!("{:?}", s.text),
        FieldValue::Texts(ss) => ss.iter().map(|s| format!("{:?}", s.text)).collect(),
        FieldValue::Word(w) => w.node.clone(),
        FieldValue::Year(y) => y.node.to_string(),
        FieldValue::Unit(u) => u.text.clone(),
        FieldValue::Quantity(q) => quantity(q),
        // A bare number in a plan reads as a percent.
        FieldValue::Quantities(qs) => qs
            .iter()
            .map(|q| {
                format!(
                    "{}{} ",
                    q.number.node.normalized(),
                    q.unit.as_ref().map_or("%", |u| u.text.as_str())
                )
            })
            .collect(),
    }
}

fn walk(
    items: &[Item],
    resolver: &SchemeResolver,
    owner: CategoryOwner,
    parent: Option<&str>,
    depth: usize,
    out: &mut Vec<String>,
) {
    let pad = "  ".repeat(depth);
    // Headers and fields keep their relative order; categories sort by scheme order.
    let mut keyed: Vec<(usize, usize, &Item)> = items
        .iter()
        .enumerate()
        .map(|(idx, item)| match item {
            Item::Category(c) => {
                let order = resolver
                    .resolve(owner, parent, &c.name.node.text)
                    .map_or(usize::MAX, |(_, o)| o);
                (1 + order.min(usize::MAX - 1), idx, item)
            }
            _ => (0, idx, item),
        })
        .collect();
    keyed.sort_by_key(|(order, idx, _)| (*order, *idx));
    let mut lines = Vec::new();
    for (_, _, item) in keyed {
        match item {
            Item::Field(f) => {
                lines.push(format!(
                    "{pad}field {} {}",
                    f.key.as_str(),
                    field_value(&f.value)
                ));
                if let Some(b) = &f.block {
                    walk(&b.items, resolver, owner, None, depth + 1, &mut lines);
                }
            }
            Item::Entity(e) => {
                lines.push(format!(
                    "{pad}{:?} {:?}",
                    e.kind,
                    e.name.as_ref().map(|n| n.text.clone())
                ));
                let owner = match e.kind {
                    EntityKind::Department => CategoryOwner::Department,
                    _ => CategoryOwner::Project,
                };
                if let Some(b) = &e.body {
                    walk(&b.items, resolver, owner, None, depth + 1, &mut lines);
                }
            }
            Item::Category(c) => {
                let name = resolver
                    .resolve(owner, parent, &c.name.node.text)
                    .map_or(c.name.node.text.clone(), |(n, _)| n);
                lines.push(format!("{pad}category {name}"));
                let next_parent = if parent.is_none() {
                    Some(name.as_str())
                } else {
                    parent
                };
                walk(
                    &c.body.items,
                    resolver,
                    owner,
                    next_parent,
                    depth + 1,
                    &mut lines,
                );
            }
            Item::Indicator(i) => {
                lines.push(format!(
                    "{pad}indicator {:?} {}",
                    i.name.text,
                    i.value.as_deref().map_or(String::new(), value)
                ));
                if let Some(b) = &i.attrs {
                    walk(&b.items, resolver, owner, None, depth + 1, &mut lines);
                }
            }
            Item::UnknownField(_) | Item::Error(_) => lines.push(format!("{pad}error")),
        }
    }
    // Top-level headers print first whatever their position.
    if depth == 0 {
        lines.sort_by_key(|l| {
            if l.starts_with("field 年度") {
                0
            } else if l.starts_with("field 体系") {
                1
            } else if l.starts_with("field 金额单位") {
                2
            } else {
                3
            }
        });
    }
    out.extend(lines);
}

/// Lint findings keyed by rule and the construct holding their primary span (the chain
/// of names from the file down), so that moved and respelled constructs still match.
fn findings(text: &str) -> BTreeMap<(String, String), usize> {
    let parse = ptg_syntax::parse(text);
    let diags = ptg_lint::lint(text, &parse, &ptg_lint::LintSettings::default());
    let resolver = SchemeResolver::for_text(text);
    let mut out = BTreeMap::new();
    for d in diags {
        let mut path = Vec::new();
        locate(
            &parse.file.items,
            d.primary.range.start(),
            &resolver,
            CategoryOwner::Project,
            None,
            &mut path,
        );
        // Which of two duplicates is "the second" follows the category order, which the
        // formatter sets: a duplicate is the same finding wherever its categories sit.
        if d.rule == "duplicate-indicator" {
            path.retain(|step| !step.starts_with("category "));
        }
        *out.entry((d.rule.to_string(), path.join(" / ")))
            .or_insert(0) += 1;
    }
    out
}

fn locate(
    items: &[Item],
    at: text_size::TextSize,
    resolver: &SchemeResolver,
    owner: CategoryOwner,
    parent: Option<&str>,
    path: &mut Vec<String>,
) {
    for item in items {
        if !item.range().contains_inclusive(at) {
            continue;
        }
        match item {
            Item::Field(f) => {
                path.push(format!("field {}", f.key.as_str()));
                if let Some(b) = &f.block {
                    locate(&b.items, at, resolver, owner, None, path);
                }
            }
            Item::Entity(e) => {
                path.push(format!(
                    "{:?} {:?}",
                    e.kind,
                    e.name.as_ref().map(|n| &n.text)
                ));
                let owner = match e.kind {
                    EntityKind::Department => CategoryOwner::Department,
                    _ => CategoryOwner::Project,
                };
                if let Some(b) = &e.body {
                    locate(&b.items, at, resolver, owner, None, path);
                }
            }
            Item::Category(c) => {
                let name = resolver
                    .resolve(owner, parent, &c.name.node.text)
                    .map_or(c.name.node.text.clone(), |(n, _)| n);
                path.push(format!("category {name}"));
                let next = if parent.is_none() {
                    Some(name.as_str())
                } else {
                    parent
                };
                locate(&c.body.items, at, resolver, owner, next, path);
            }
            Item::Indicator(i) => {
                path.push(format!("indicator {:?}", i.name.text));
                if let Some(b) = &i.attrs {
                    locate(&b.items, at, resolver, owner, None, path);
                }
            }
            _ => {}
        }
        return;
    }
}

/// Everything but lint findings: refusal, idempotence, AST, comments.
pub fn check_format(name: &str, text: &str) -> Result<(), String> {
    let parse = ptg_syntax::parse(text);
    if !parse.errors.is_empty() {
        // Files with syntax errors are refused, and nothing is produced.
        return match format(text) {
            Err(ptg_fmt::FormatError::SyntaxErrors(_)) => Ok(()),
            other => Err(format!("{name}: a file with errors gave {other:?}")),
        };
    }
    let once = format(text).map_err(|e| format!("{name}: {e}"))?;
    // Run by run (one top-level entity at a time), when the document allows it: the same.
    let resolver = SchemeResolver::for_text(text);
    let options = FormatOptions {
        categories: Some(&resolver),
    };
    if let Some(runs) = ptg_fmt::Runs::new(text).and_then(|runs| runs.format(&options)) {
        let runs = runs.map_err(|e| format!("{name} (run by run): {e}"))?;
        if runs != once {
            return Err(format!(
                "{name}: run by run differs:\n--- whole\n{once}\n--- run by run\n{runs}"
            ));
        }
    }
    let twice = format(&once).map_err(|e| format!("{name} (second pass): {e}"))?;
    if once != twice {
        return Err(format!(
            "{name}: not idempotent:\n--- once\n{once}\n--- twice\n{twice}"
        ));
    }
    if fingerprint(text) != fingerprint(&once) {
        let (a, b) = (fingerprint(text), fingerprint(&once));
        let first = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        return Err(format!(
            "{name}: AST changed at construct {first}: {:?} vs {:?}",
            a.get(first),
            b.get(first)
        ));
    }
    let comments = |t: &str| {
        let mut all: Vec<String> = ptg_syntax::parse(t)
            .comments
            .iter()
            .map(|c| t[c.range].trim_end().to_string())
            .collect();
        all.sort();
        all
    };
    if comments(text) != comments(&once) {
        return Err(format!(
            "{name}: comments changed: {:?} vs {:?}",
            comments(text),
            comments(&once)
        ));
    }
    Ok(())
}

/// [`check_format`], and the same lint findings on the same constructs.
pub fn check_invariants(name: &str, text: &str) -> Result<(), String> {
    check_format(name, text)?;
    if !ptg_syntax::parse(text).errors.is_empty() {
        return Ok(());
    }
    let once = format(text).map_err(|e| format!("{name}: {e}"))?;
    if findings(text) != findings(&once) {
        return Err(format!(
            "{name}: lint findings changed:\nbefore {:?}\nafter  {:?}",
            findings(text),
            findings(&once)
        ));
    }
    Ok(())
}

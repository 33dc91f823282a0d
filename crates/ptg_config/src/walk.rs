//! Reading TOML values with spans: tables in file order, typed accessors that report
//! wrong types.

use ptg_diagnostics::Lang;
use toml::de::{DeString, DeTable, DeValue};
use toml::Spanned;

use crate::cx::{type_name, Cx, Expected};

pub(crate) type Entry<'a, 'i> = (&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>);

/// The entries of a table in the order they appear in the file.
pub(crate) fn entries<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut out: Vec<Entry<'a, 'i>> = table.iter().collect();
    out.sort_by_key(|(key, _)| key.span().start);
    out
}

pub(crate) fn string<'a>(
    cx: &mut Cx<'_>,
    key: &str,
    value: &'a Spanned<DeValue<'_>>,
) -> Option<&'a str> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.as_ref()),
        other => {
            cx.wrong_type(key, value.span(), other, Expected::String);
            None
        }
    }
}

pub(crate) fn boolean(cx: &mut Cx<'_>, key: &str, value: &Spanned<DeValue<'_>>) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        other => {
            cx.wrong_type(key, value.span(), other, Expected::Bool);
            None
        }
    }
}

pub(crate) fn table<'a, 'i>(
    cx: &mut Cx<'_>,
    key: &str,
    value: &'a Spanned<DeValue<'i>>,
) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            cx.wrong_type(key, value.span(), other, Expected::Table);
            None
        }
    }
}

/// A string, one item of a list.
pub(crate) type Item = (String, std::ops::Range<usize>);

/// An array of strings; items of another type are reported and skipped.
pub(crate) fn string_list(
    cx: &mut Cx<'_>,
    key: &str,
    value: &Spanned<DeValue<'_>>,
) -> Option<Vec<Item>> {
    match value.get_ref() {
        DeValue::Array(items) => Some(array_items(cx, key, items.iter())),
        other => {
            cx.wrong_type(key, value.span(), other, Expected::StringArray);
            None
        }
    }
}

/// A string or an array of strings.
pub(crate) fn string_or_list(
    cx: &mut Cx<'_>,
    key: &str,
    value: &Spanned<DeValue<'_>>,
) -> Option<Vec<Item>> {
    match value.get_ref() {
        DeValue::String(s) => Some(vec![(s.to_string(), value.span())]),
        DeValue::Array(items) => Some(array_items(cx, key, items.iter())),
        other => {
            cx.wrong_type(key, value.span(), other, Expected::StringOrArray);
            None
        }
    }
}

fn array_items<'a, 'i: 'a>(
    cx: &mut Cx<'_>,
    key: &str,
    items: impl Iterator<Item = &'a Spanned<DeValue<'i>>>,
) -> Vec<Item> {
    let mut out = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::String(s) => out.push((s.to_string(), item.span())),
            other => {
                let found = type_name(other, cx.lang);
                let message = cx.t(
                    format!("`{key}` 中的每一项都应为字符串，而不是{found}"),
                    format!("every item of `{key}` must be a string, not {found}"),
                );
                let d = cx
                    .invalid(item.span(), message)
                    .with_primary_message(cx.lang.pick("应为字符串", "expected a string"))
                    .with_note(cx.lang.pick(
                        "数组的每一项都加引号，如 `[\"数量指标\", \"质量指标\"]`",
                        "quote every item, e.g. `[\"数量指标\", \"质量指标\"]`",
                    ));
                cx.push(d);
            }
        }
    }
    out
}

/// Joins names for a note: `a、b、c` or `a, b, c`.
pub(crate) fn join<S: AsRef<str>>(names: &[S], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    names
        .iter()
        .map(|name| name.as_ref())
        .collect::<Vec<_>>()
        .join(sep)
}

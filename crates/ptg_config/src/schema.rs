//! The JSON Schema (draft 2020-12) of `ptg.toml`, built from the same key lists the parser
//! uses and from the rule registry, so editors complete exactly what the parser accepts.

use std::fmt::Write;
use std::sync::OnceLock;

use ptg_diagnostics::Lang;
use ptg_lint::registry;
use ptg_semantic::Scheme;

use crate::keys::{self, Key, KeyName, SchemeKey};
use crate::settings::{LEVELS, SELECTORS_BESIDES_RULES, UNIT_KINDS};

/// A JSON value, enough to write a schema.
enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Str(String),
    Num(i64),
    Bool(bool),
}

fn obj<const N: usize>(members: [(&str, J); N]) -> J {
    J::Obj(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn s(text: &str) -> J {
    J::Str(text.to_string())
}

fn strs<S: AsRef<str>>(items: &[S]) -> J {
    J::Arr(items.iter().map(|item| s(item.as_ref())).collect())
}

fn reference(name: &str) -> J {
    obj([("$ref", J::Str(format!("#/$defs/{name}")))])
}

/// Both languages, Chinese first.
fn doc<K: KeyName>(key: K) -> J {
    J::Str(format!("{}\n\n{}", key.doc(Lang::Zh), key.doc(Lang::En)))
}

/// `schema` with a `description` in front.
fn described(description: J, schema: J) -> J {
    let mut members = vec![("description".to_string(), description)];
    if let J::Obj(rest) = schema {
        members.extend(rest);
    }
    J::Obj(members)
}

fn write_json(out: &mut String, value: &J, indent: usize) {
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n("  ", n));
    match value {
        J::Obj(members) if members.is_empty() => out.push_str("{}"),
        J::Obj(members) => {
            out.push_str("{\n");
            for (idx, (key, member)) in members.iter().enumerate() {
                pad(out, indent + 1);
                write_str(out, key);
                out.push_str(": ");
                write_json(out, member, indent + 1);
                if idx + 1 < members.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, indent);
            out.push('}');
        }
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Arr(items)
            if items
                .iter()
                .all(|item| matches!(item, J::Str(_) | J::Num(_))) =>
        {
            out.push('[');
            for (idx, item) in items.iter().enumerate() {
                if idx > 0 {
                    out.push_str(", ");
                }
                write_json(out, item, indent);
            }
            out.push(']');
        }
        J::Arr(items) => {
            out.push_str("[\n");
            for (idx, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                write_json(out, item, indent + 1);
                if idx + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, indent);
            out.push(']');
        }
        J::Str(text) => write_str(out, text),
        J::Num(n) => {
            let _ = write!(out, "{n}");
        }
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

fn write_str(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The schema of one top-level or override key.
fn key_schema(key: Key) -> J {
    let schema = match key {
        Key::Scheme => reference("project-scheme"),
        Key::DepartmentScheme => reference("scheme-name"),
        Key::Lang => obj([
            (
                "anyOf",
                J::Arr(vec![
                    obj([("enum", strs(&["zh", "en"]))]),
                    obj([
                        ("type", s("string")),
                        ("pattern", s("^([zZ][hH]|[eE][nN])([-_][A-Za-z0-9]+)*$")),
                    ]),
                ]),
            ),
            ("default", s("zh")),
        ]),
        Key::DisallowSuppressions => obj([("type", s("boolean")), ("default", J::Bool(false))]),
        Key::Select | Key::Ignore => obj([
            ("type", s("array")),
            ("items", reference("selector")),
            ("uniqueItems", J::Bool(true)),
        ]),
        Key::Rules => reference("rules"),
        Key::Units => reference("units"),
        Key::Schemes => obj([
            ("type", s("object")),
            ("propertyNames", reference("scheme-name")),
            ("additionalProperties", reference("scheme")),
        ]),
        Key::Overrides => obj([("type", s("array")), ("items", reference("override"))]),
        Key::Path => obj([(
            "anyOf",
            J::Arr(vec![
                reference("glob"),
                obj([
                    ("type", s("array")),
                    ("items", reference("glob")),
                    ("minItems", J::Num(1)),
                ]),
            ]),
        )]),
    };
    described(doc(key), schema)
}

fn scheme_key_schema(key: SchemeKey) -> J {
    let category = reference("category");
    let schema = match key {
        SchemeKey::Extends => reference("scheme-name"),
        SchemeKey::SatisfactionMin | SchemeKey::SatisfactionMinZh => obj([(
            "anyOf",
            J::Arr(vec![
                obj([
                    ("type", s("number")),
                    ("minimum", J::Num(0)),
                    ("maximum", J::Num(100)),
                ]),
                obj([
                    ("type", s("string")),
                    ("pattern", s("^\\s*[0-9]+(\\.[0-9]+)?\\s*[%％]?\\s*$")),
                ]),
            ]),
        )]),
        SchemeKey::Remove | SchemeKey::Required => obj([("type", s("array")), ("items", category)]),
        SchemeKey::Add => obj([
            ("type", s("object")),
            ("propertyNames", reference("category")),
            (
                "additionalProperties",
                obj([("type", s("array")), ("items", reference("category"))]),
            ),
        ]),
        SchemeKey::Aliases => obj([
            ("type", s("object")),
            ("propertyNames", reference("category")),
            ("additionalProperties", reference("category")),
        ]),
        SchemeKey::Roles => obj([
            ("type", s("object")),
            ("additionalProperties", reference("role")),
        ]),
    };
    described(doc(key), schema)
}

fn properties<K: KeyName>(list: &[K], schema: fn(K) -> J) -> J {
    J::Obj(
        list.iter()
            .map(|key| (key.name().to_string(), schema(*key)))
            .collect(),
    )
}

fn build() -> String {
    let rules = registry::all();
    let mut selectors: Vec<&str> = SELECTORS_BESIDES_RULES.to_vec();
    selectors.extend(rules.iter().map(|rule| rule.meta.name));
    let project_schemes: Vec<&str> = Scheme::BUILTIN
        .iter()
        .copied()
        .filter(|name| Scheme::builtin(name).is_some_and(|scheme| scheme.for_projects))
        .collect();
    let level = || reference("level");
    let mut rule_properties: Vec<(String, J)> = SELECTORS_BESIDES_RULES
        .iter()
        .map(|name| (name.to_string(), level()))
        .collect();
    for rule in rules {
        if rule.meta.name == "syntax-error" {
            continue;
        }
        let zh = rule.meta.docs(Lang::Zh).what;
        let en = rule.meta.docs(Lang::En).what;
        rule_properties.push((
            rule.meta.name.to_string(),
            described(
                J::Str(format!(
                    "{} ({}, {})\n\n{zh}\n\n{en}",
                    rule.meta.name,
                    rule.meta.code,
                    rule.meta.severity.as_str()
                )),
                level(),
            ),
        ));
    }
    let unit_kind = obj([("enum", strs(UNIT_KINDS))]);
    let defs = J::Obj(vec![
        (
            "level".into(),
            obj([
                ("description", s("off | hint | info | warning | error")),
                ("enum", strs(LEVELS)),
            ]),
        ),
        ("selector".into(), obj([("enum", strs(&selectors))])),
        (
            "rules".into(),
            obj([
                ("type", s("object")),
                ("properties", J::Obj(rule_properties)),
                ("additionalProperties", J::Bool(false)),
            ]),
        ),
        ("unit-kind".into(), unit_kind),
        (
            "units".into(),
            obj([
                ("type", s("object")),
                (
                    "additionalProperties",
                    obj([(
                        "anyOf",
                        J::Arr(vec![
                            reference("unit-kind"),
                            obj([
                                ("type", s("array")),
                                (
                                    "items",
                                    obj([("type", s("string")), ("minLength", J::Num(1))]),
                                ),
                            ]),
                        ]),
                    )]),
                ),
            ]),
        ),
        (
            "scheme-name".into(),
            obj([(
                "anyOf",
                J::Arr(vec![
                    obj([("enum", strs(&Scheme::BUILTIN))]),
                    obj([("type", s("string")), ("pattern", s("^[^\\s\"“”{}#]+$"))]),
                ]),
            )]),
        ),
        (
            "project-scheme".into(),
            obj([(
                "anyOf",
                J::Arr(vec![
                    obj([("enum", strs(&project_schemes))]),
                    obj([
                        ("type", s("string")),
                        ("pattern", s("^[^\\s\"“”{}#]+$")),
                        ("not", obj([("const", s("部门整体"))])),
                    ]),
                ]),
            )]),
        ),
        (
            "category".into(),
            obj([("type", s("string")), ("pattern", s("^[^\\s\"“”{}#]+$"))]),
        ),
        ("role".into(), obj([("enum", strs(crate::schemes::ROLES))])),
        (
            "glob".into(),
            obj([("type", s("string")), ("minLength", J::Num(1))]),
        ),
        (
            "scheme".into(),
            obj([
                ("type", s("object")),
                ("properties", properties(keys::SCHEME, scheme_key_schema)),
                ("additionalProperties", J::Bool(false)),
            ]),
        ),
        (
            "override".into(),
            obj([
                ("type", s("object")),
                ("properties", properties(keys::OVERRIDE, key_schema)),
                ("required", strs(&["path"])),
                ("additionalProperties", J::Bool(false)),
            ]),
        ),
    ]);
    let schema = obj([
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("title", s("ptg.toml")),
        (
            "description",
            s("ptg 的配置文件：指标体系、自定义体系、单位、规则级别、按路径覆盖。\n\nConfiguration of ptg: schemes, custom schemes, units, rule levels, per-path overrides."),
        ),
        ("type", s("object")),
        ("properties", properties(keys::TOP_LEVEL, key_schema)),
        ("additionalProperties", J::Bool(false)),
        ("$defs", defs),
    ]);
    let mut out = String::new();
    write_json(&mut out, &schema, 0);
    out.push('\n');
    out
}

/// The JSON Schema of `ptg.toml`, built once.
pub fn json_schema() -> &'static str {
    static SCHEMA: OnceLock<String> = OnceLock::new();
    SCHEMA.get_or_init(build)
}

//! The JSON schema: valid JSON, and its keys are exactly the keys the parser accepts.

use ptg_config::keys::{self, KeyName};
use ptg_config::{json_schema, parse};
use ptg_diagnostics::Lang;
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(json_schema()).expect("the schema is valid JSON")
}

fn property_names(object: &Value) -> Vec<String> {
    object["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect()
}

fn names<K: KeyName>(list: &[K]) -> Vec<String> {
    list.iter().map(|k| k.name().to_string()).collect()
}

#[test]
fn schema_is_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["additionalProperties"], false);
    // Every `$ref` points at a definition that exists.
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    if key == "$ref" {
                        out.push(member.as_str().unwrap().to_string());
                    }
                    refs(member, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&schema, &mut all);
    assert!(!all.is_empty());
    for reference in all {
        let name = reference.strip_prefix("#/$defs/").expect("local ref");
        assert!(schema["$defs"].get(name).is_some(), "dangling {reference}");
    }
}

#[test]
fn schema_keys_are_the_parser_keys() {
    let schema = schema();
    assert_eq!(property_names(&schema), names(keys::TOP_LEVEL));
    assert_eq!(
        property_names(&schema["$defs"]["override"]),
        names(keys::OVERRIDE)
    );
    assert_eq!(
        property_names(&schema["$defs"]["scheme"]),
        names(keys::SCHEME)
    );
}

#[test]
fn parser_accepts_every_schema_key() {
    // Each key the schema lists, with a valid value, gives no unknown-key diagnostic.
    let text = r#"
scheme = "通用"
department-scheme = "部门整体"
lang = "en"
disallow-suppressions = true
select = ["ALL"]
ignore = ["money"]
rules = { vague-value = "off" }
units = { "人数" = "people" }
overrides = [{ path = "a/**", scheme = "通用", department-scheme = "部门整体", disallow-suppressions = false, select = ["values"], ignore = [], rules = { stale-year = "off" }, units = { "宗" = "count" } }]
[schemes."甲"]
extends = "通用"
satisfaction-min = 90
remove = ["可持续影响指标"]
add = { "产出指标" = ["社会影响指标"] }
aliases = { "社会影响" = "社会影响指标" }
roles = { "社会影响指标" = "benefit" }
required = ["数量指标"]
[schemes."乙"]
extends = "通用"
"满意度下限" = 88
"#;
    let (_, diags) = parse(text, Lang::Zh);
    assert!(diags.is_empty(), "{diags:#?}");
    let schema = schema();
    for key in names(keys::TOP_LEVEL) {
        assert!(
            text.contains(&format!("\n{key} ")) || text.contains(&format!("[{key}.")),
            "the test text misses {key}"
        );
        assert!(schema["properties"].get(&key).is_some());
    }
}

#[test]
fn schema_lists_rules_and_selectors() {
    let schema = schema();
    let rules = schema["$defs"]["rules"]["properties"].as_object().unwrap();
    let selectors = schema["$defs"]["selector"]["enum"].as_array().unwrap();
    for rule in ptg_lint::registry::all() {
        let name = rule.meta.name;
        assert!(selectors.iter().any(|s| s == name), "{name}");
        // `syntax-error` cannot be configured, so it is no key of [rules].
        assert_eq!(rules.contains_key(name), name != "syntax-error", "{name}");
    }
    for group in [
        "ALL",
        "syntax",
        "structure",
        "values",
        "money",
        "time",
        "department",
    ] {
        assert!(rules.contains_key(group));
        assert!(selectors.iter().any(|s| s == group));
    }
    assert_eq!(
        schema["$defs"]["level"]["enum"],
        serde_json::json!(["off", "hint", "info", "warning", "error"])
    );
    assert_eq!(
        schema["$defs"]["unit-kind"]["enum"],
        serde_json::json!(["money", "percent", "people", "count", "physical", "time"])
    );
}

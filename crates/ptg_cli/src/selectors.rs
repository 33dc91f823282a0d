//! `--select` / `--ignore` values: rule names, codes, group ids or `ALL`.

use ptg_diagnostics::Lang;
use ptg_lint::{registry, Group};

use crate::rule_cmd::find;

pub const GROUPS: [Group; 6] = [
    Group::Syntax,
    Group::Structure,
    Group::Values,
    Group::Money,
    Group::Time,
    Group::Department,
];

/// Checks every selector and turns codes into rule names. An unknown one is a usage
/// error with a "did you mean".
pub fn resolve(values: &[String], flag: &str, lang: Lang) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for value in values {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        if value == "ALL" || GROUPS.iter().any(|g| g.id() == value) {
            out.push(value.to_string());
        } else if let Some(meta) = find(value) {
            out.push(meta.name.to_string());
        } else {
            let lower = value.to_ascii_lowercase();
            let suggestion = if lower == "all" {
                Some("ALL")
            } else if let Some(group) = GROUPS.iter().find(|g| g.id() == lower) {
                Some(group.id())
            } else {
                registry::nearest_name(value)
            };
            let groups = GROUPS.map(|g| g.id()).join(", ");
            return Err(match (lang, suggestion) {
                (Lang::Zh, Some(s)) => format!(
                    "{flag}：没有名为 `{value}` 的规则或分组；是不是 `{s}`？`ptg rule --all` 列出所有规则"
                ),
                (Lang::Zh, None) => format!(
                    "{flag}：没有名为 `{value}` 的规则或分组（分组：{groups}、ALL）；`ptg rule --all` 列出所有规则"
                ),
                (Lang::En, Some(s)) => format!(
                    "{flag}: no rule or group named `{value}`; did you mean `{s}`? `ptg rule --all` lists every rule"
                ),
                (Lang::En, None) => format!(
                    "{flag}: no rule or group named `{value}` (groups: {groups}, ALL); `ptg rule --all` lists every rule"
                ),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_groups_and_all() {
        let values = ["quantity-upper-bound", "E001", "values", "ALL"].map(String::from);
        assert_eq!(
            resolve(&values, "--select", Lang::En).unwrap(),
            ["quantity-upper-bound", "syntax-error", "values", "ALL"]
        );
        let err = resolve(&["quantity-upper-bond".into()], "--select", Lang::Zh).unwrap_err();
        assert!(err.contains("是不是 `quantity-upper-bound`"), "{err}");
        let err = resolve(&["Values".into()], "--ignore", Lang::En).unwrap_err();
        assert!(err.contains("did you mean `values`"), "{err}");
    }
}

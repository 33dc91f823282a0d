//! `truncated-name`: an indicator name cut short: unbalanced brackets, or a description
//! that is the name plus a few characters (`…准确` / `…准确率`).

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{FieldKey, FieldValue, Item, Str};

use super::util::{is_soft_punct, light_key, same_key};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "truncated-name",
    code: "L110",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "指标名称被截断：括号不配对，或描述以名称开头、只比名称多 1–4 个字（`…准确` / `…准确率`）。与名称完全相同的描述只报告 name-equals-description；详细解释名称的描述不算截断。",
        why: "从表格系统导出时名称常被截成固定长度（乐亭县 003 有 8 个名称截在 15 个字），留下半个指标名，如“核实准确”究竟是准确率还是准确人数？请补全名称。",
    },
    en: RuleDocs {
        what: "An indicator name that was cut short: unbalanced brackets, or a description that starts with the name and is 1–4 characters longer (`…准确` / `…准确率`). An identical description is only name-equals-description; a description explaining the name at length is not a truncation.",
        why: "Exports from budgeting systems cut names to a fixed length (8 names cut at 15 characters in seed 003), leaving half a name that no longer says what is measured. Complete the name.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      社会效益指标 {\n        \"残疾人需求调查评估抽查核实准确\" ≥ 95% {\n          描述 \"残疾人需求调查评估抽查核实准确率\"\n        }\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      社会效益指标 {\n        \"残疾人需求调查评估抽查核实准确率\" ≥ 95% {\n          描述 \"抽查核实无误的评估数占抽查评估数的比例\"\n        }\n      }\n    }\n  }\n}\n",
};

/// Words a complete metric name ends in.
const METRIC_ENDINGS: [&str; 6] = ["率", "度", "比例", "占比", "数", "量"];

/// Bracket families: opening and closing forms.
const FAMILIES: [(&[char], &[char]); 4] = [
    (&['（', '('], &['）', ')']),
    (&['【', '[', '〔'], &['】', ']', '〕']),
    (&['《'], &['》']),
    (&['“'], &['”']),
];

fn balanced(name: &str) -> bool {
    FAMILIES.iter().all(|(open, close)| {
        let mut depth = 0i32;
        for c in name.chars() {
            if open.contains(&c) {
                depth += 1;
            } else if close.contains(&c) {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    })
}

/// The description that shows the name was cut: it starts with the name and goes on for
/// 1–4 more characters that continue the word (not an explanation or a unit note).
fn completing<'a>(name: &str, descriptions: &[&'a Str]) -> Option<&'a Str> {
    if descriptions.is_empty() {
        return None;
    }
    let n = light_key(name);
    // A name that already ends in a metric word is complete; what follows in the
    // description explains it (`教师满意度` / `教师满意度问卷调查`).
    if n.is_empty() || METRIC_ENDINGS.iter().any(|end| n.ends_with(end)) {
        return None;
    }
    descriptions.iter().copied().find(|desc| {
        if same_key(&desc.text, name) {
            return false;
        }
        let d = light_key(&desc.text);
        let Some(extra) = d.strip_prefix(n.as_str()) else {
            return false;
        };
        let count = extra.chars().count();
        let continues = extra.chars().next().is_some_and(|c| {
            !is_soft_punct(c)
                && !FAMILIES
                    .iter()
                    .any(|(open, close)| open.contains(&c) || close.contains(&c))
                && !matches!(c, '=' | '/' | '%' | '-' | '~' | '（' | '）')
        });
        continues && (1..=4).contains(&count)
    })
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for ind in ctx.indicators() {
        let name = ind.name();
        let descriptions: Vec<&Str> = ind
            .ast
            .attrs
            .iter()
            .flat_map(|attrs| attrs.items.iter())
            .filter_map(|item| match item {
                Item::Field(field) if field.key == FieldKey::Description && !field.has_error => {
                    match &field.value {
                        FieldValue::Text(text) => Some(text),
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect();
        let full = completing(name, &descriptions);
        let unbalanced = !balanced(name);
        let message = match (unbalanced, full) {
            (true, _) => ctx.t(
                format!("指标名称“{name}”的括号不配对，名称可能被截断"),
                format!("the brackets of indicator name “{name}” do not pair up: the name looks cut short"),
            ),
            (false, Some(desc)) => ctx.t(
                format!("指标名称“{name}”可能被截断：描述写作“{}”", desc.text),
                format!("indicator name “{name}” looks cut short: the description reads “{}”", desc.text),
            ),
            (false, None) => continue,
        };
        let mut d = ctx
            .diagnostic(&META, ind.ast.name.range, message)
            .with_primary_message(ctx.pick("名称不完整", "incomplete name"))
            .with_note(
                ctx.t(
                    "导出表格时名称常被截成固定长度，留下半个指标名；请补全名称".into(),
                    "exports cut names to a fixed length, leaving half a name; write the full name"
                        .into(),
                ),
            );
        // With unbalanced brackets, a description that starts with the name and goes on
        // probably holds the whole name (`…次数（次` / `…次数（次）`).
        let full = full.or_else(|| {
            let n = light_key(name);
            descriptions.iter().copied().find(|desc| {
                let d = light_key(&desc.text);
                d.len() > n.len() && d.starts_with(n.as_str())
            })
        });
        if let Some(desc) = full {
            d = d.with_secondary(Label::with_message(
                desc.range,
                ctx.pick("完整的名称可能是这个", "probably the full name"),
            ));
        }
        out.push(d);
    }
}

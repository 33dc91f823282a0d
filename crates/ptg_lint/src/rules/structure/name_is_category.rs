//! `name-is-category`: a 三级 indicator named after a category (`成本指标`,
//! `11-数量指标`) or named with a bare number.

use ptg_diagnostics::{Diagnostic, Severity};

use super::util::ascii_fold;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "name-is-category",
    code: "L108",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "三级指标的名称就是体系中的类别名（`成本指标`、`11-数量指标`），或只是一个数字。`服务对象满意度` 这类别名写法算普通名称。",
        why: "三级指标的名称要说明具体衡量什么（如“残疾人康复训练总成本”）；照抄类别名或只写数字，审核人无法知道考核的对象。",
    },
    en: RuleDocs {
        what: "A 三级 indicator named with a category name of its scheme (`成本指标`, `11-数量指标`), or with a bare number. Alias spellings such as `服务对象满意度` are ordinary names.",
        why: "An indicator's name says what exactly is measured (e.g. the total cost of rehabilitation training); a copied category name or a number tells the reviewer nothing.",
    },
    bad_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      成本指标 {\n        \"成本指标\" ≤ 30.41万元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      成本指标 {\n        \"康复训练总成本\" ≤ 30.41万元\n      }\n    }\n  }\n}\n",
};

/// `11-数量指标` → `数量指标`; names without a code come back unchanged.
fn strip_code(name: &str) -> &str {
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return name;
    }
    let rest = &name[digits..];
    let rest = rest.trim_start();
    match rest.chars().next() {
        Some(sep @ ('-' | '.' | '、' | '_')) => rest[sep.len_utf8()..].trim_start(),
        _ => name,
    }
}

fn is_bare_number(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'))
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for ind in ctx.indicators() {
        let raw = ind.name();
        let folded: String = raw.chars().map(ascii_fold).collect();
        let name = folded.trim();
        let scheme = model.indicator_scheme(ind);
        let bare = strip_code(name);
        let category = scheme.canonical_names().find(|c| *c == bare);
        let message = match category {
            Some(category) => ctx.t(
                format!("三级指标的名称“{raw}”就是类别名“{category}”"),
                format!("indicator name “{raw}” is just the category name “{category}”"),
            ),
            None if is_bare_number(name) => ctx.t(
                format!("三级指标的名称“{raw}”只是一个数字"),
                format!("indicator name “{raw}” is just a number"),
            ),
            None => continue,
        };
        out.push(
            ctx.diagnostic(&META, ind.ast.name.range, message)
                .with_primary_message(ctx.pick("不是具体的指标名称", "not a real indicator name"))
                .with_note(ctx.pick("三级指标的名称要写明具体衡量什么（如“康复训练总成本”“受助人数”），否则无法考核", "name what exactly is measured (e.g. the total training cost, the number of people helped); otherwise it cannot be assessed")),
        );
    }
}

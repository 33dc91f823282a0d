//! `value-unit-required`: a number without a unit (`5个景观 5`), or a unit that is not in
//! the unit table (`≥5人数`). A bare number in a 成本 slot takes `金额单位` and is fine.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::Role;
use ptg_syntax::ast::ValueKind;

use super::util;
use crate::facts;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "value-unit-required",
    code: "L205",
    group: Group::Values,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "指标值是不带单位的数（如 `5`、`100`），或者单位不在单位表中（如 `≥5人数`）。成本指标中不带单位的数按 `金额单位` 理解，不报告；量词 `个` 加名词（`3个月`、`12个村`）和已知单位加 `次`（`户次`、`场次`）视为已知单位。",
        why: "没有单位的数无法核对：`100` 是 100% 还是 100 个？单位不在表中时，无法判断它是人数、金额还是比例，其他检查也就无从进行。请写上单位（`5个`、`100%`）；确需新单位时在 ptg.toml 的 `[units]` 中声明。",
    },
    en: RuleDocs {
        what: "An indicator value that is a number without a unit (`5`, `100`), or whose unit is not in the unit table (`≥5人数`). A bare number under a 成本 (cost) category takes `金额单位` and is fine; the classifier `个` before a noun (`3个月`, `12个村`) and a known unit followed by `次` (`户次`, `场次`) count as known.",
        why: "A number without a unit cannot be checked: is `100` 100% or 100 items? An unknown unit says neither whether it counts people, money or a share, so no other check can use it. Write the unit (`5个`, `100%`); declare a genuinely new unit under `[units]` in ptg.toml.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"新建景观数量\" 5\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 万元\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 {\n      经济成本指标 {\n        \"项目成本\" ≤ 360\n      }\n    }\n    产出指标 {\n      数量指标 {\n        \"新建景观数量\" 5个\n      }\n      时效指标 {\n        \"审批时限\" ≤ 15个工作日\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        if let Some(unit) = util::unknown_unit(ctx.model, value) {
            let suggestion = suggest(ctx, &unit.text);
            let mut diagnostic = ctx
                .diagnostic(
                    &META,
                    value.range,
                    ctx.t(
                        format!(
                            "指标“{name}”的值 `{written}` 用了不认识的单位“{}”",
                            unit.text
                        ),
                        format!(
                            "the value `{written}` of “{name}” uses the unknown unit `{}`",
                            unit.text
                        ),
                    ),
                )
                .with_primary_message(ctx.pick("未知单位", "unknown unit"))
                .with_secondary(Label::with_message(
                    unit.range,
                    ctx.pick("不在单位表中", "not in the unit table"),
                ));
            if let Some(known) = suggestion {
                diagnostic = diagnostic.with_note(ctx.t(
                    format!("是不是“{known}”？"),
                    format!("did you mean `{known}`?"),
                ));
            }
            out.push(diagnostic.with_note(ctx.pick("单位决定了值的类别（人数、金额、比例……）；请使用单位表中的单位，确需新单位时在 ptg.toml 的 `[units]` 中声明", "the unit says what the value measures (people, money, a share …); use a unit from the table, or declare a new one under `[units]` in ptg.toml")));
            continue;
        }
        if !facts::is_bare_number(value) || indicator.role == Some(Role::Cost) {
            continue;
        }
        let number = facts::quantities(value)
            .last()
            .map_or(String::new(), |q| q.number.node.to_string());
        let hint = if facts::is_rate_name(name) {
            ctx.t(
                format!("名称是比率：若是百分比，请写作 `{number}%`"),
                format!("the name is a rate: if a percentage is meant, write `{number}%`"),
            )
        } else if indicator.role == Some(Role::Quantity) {
            ctx.t(
                format!("数量请带计量单位，如 `{number}个`、`{number}人`"),
                format!("write a count with its unit, e.g. `{number}个`, `{number}人`"),
            )
        } else {
            ctx.pick(
                "请写上单位，如 `%`、`个`、`人`、`万元`",
                "add the unit, e.g. `%`, `个`, `人`, `万元`",
            )
            .to_string()
        };
        let label = match value.kind {
            ValueKind::Range { .. } => ctx.pick("两端都没有单位", "no unit at either end"),
            _ => ctx.pick("没有单位", "no unit"),
        };
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("指标“{name}”的值 `{written}` 没有单位"),
                    format!("the value `{written}` of “{name}” has no unit"),
                ),
            )
            .with_primary_message(label)
            .with_note(hint),
        );
    }
}

/// A known unit close to an unknown one: `人数` → `人`, `个数` → `个`, `次数` → `次`.
fn suggest(ctx: &RuleContext<'_, '_>, unit: &str) -> Option<String> {
    let known = |candidate: &str| ctx.model.units.simple_kind(candidate).is_some();
    unit.split('/').find(|part| !known(part)).and_then(|part| {
        ["数", "份", "数量", "左右"]
            .iter()
            .find_map(|suffix| part.strip_suffix(suffix))
            .filter(|stem| !stem.is_empty() && known(stem))
            .map(|stem| unit.replacen(part, stem, 1))
    })
}

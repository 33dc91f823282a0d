//! `cost-per-unit-implicit`: a per-unit cost (by its name) written without a denominator.

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_semantic::Role;
use ptg_syntax::ast::ValueKind;

use super::util::{implicit_per_unit, is_money_quantity, suggested_denominators};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "cost-per-unit-implicit",
    code: "L308",
    group: Group::Money,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "成本指标的名称表明是单位成本（单次、每、人均、单价、标准），金额却没有写计量单位，例如 `\"每场宣传活动费用\" 2500元`。",
        why: "不写 `/场`、`/人` 这样的分母，单位成本读起来就像项目总成本，既无法和资金总额对照，也会被误算进成本合计。请写成 `2500元/场` 这样的单价。",
    },
    en: RuleDocs {
        what: "A cost indicator whose name says it is per unit (单次, 每, 人均, 单价, 标准) but whose amount has no denominator, e.g. `\"每场宣传活动费用\" 2500元`.",
        why: "Without a denominator such as `/场` or `/人` a unit cost reads like the project's total cost: it cannot be checked against the funds and is added into cost totals by mistake. Write it as a rate, e.g. `2500元/场`.",
    },
    bad_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 {\n      经济成本指标 {\n        \"每场宣传活动费用\" 2500元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 {\n      经济成本指标 {\n        \"每场宣传活动费用\" 2500元/场\n        \"总成本\" ≤ 3万元\n        \"标准化建设经费\" 1万元\n        \"每年运维费用\" 5000元\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Cost) {
            continue;
        }
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let quantity = match &value.kind {
            ValueKind::Bound { quantity, .. } | ValueKind::Exact(quantity) => quantity,
            ValueKind::Range { hi, .. } => hi,
            _ => continue,
        };
        if !is_money_quantity(model, quantity)
            || model.unit_info(quantity).is_some_and(|info| info.per_unit)
        {
            continue;
        }
        let name = indicator.name();
        let Some(word) = implicit_per_unit(name) else {
            continue;
        };
        let written = model.source(value.range);
        let money_unit = quantity
            .unit
            .as_ref()
            .map_or(model.money_unit.as_str(), |unit| unit.text.as_str());
        let number = model.source(quantity.number.range);
        let examples: Vec<String> = suggested_denominators(model, name, word)
            .iter()
            .map(|unit| format!("{number}{money_unit}/{unit}"))
            .collect();
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("成本指标“{name}”按名称（“{word}”）是单位成本，`{written}` 却没有写分母"),
                    format!("cost indicator “{name}” is a cost per unit by its name (“{word}”), but `{written}` has no denominator"),
                ),
            )
            .with_primary_message(ctx.pick("缺少分母", "no denominator"))
            .with_note(ctx.t(
                format!(
                    "写成 `{}` 这样的单价，才不会被当作项目总成本、被算进成本合计",
                    examples.join("`、`")
                ),
                format!(
                    "write a rate such as `{}`, so it is not read as the project's total cost or added into cost totals",
                    examples.join("` or `")
                ),
            )),
        );
    }
}

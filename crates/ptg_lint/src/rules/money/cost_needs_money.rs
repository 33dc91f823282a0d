//! `cost-needs-money`: a cost indicator whose value is not an amount of money.

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_semantic::Role;
use ptg_syntax::ast::ValueKind;

use ptg_semantic::UnitKind;

use crate::facts::value_unit_kind;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "cost-needs-money",
    code: "L307",
    group: Group::Money,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "成本指标的值不是金额：是/否、定性描述、百分比、日期或其他单位的数量，例如 `\"工资发放完成率\" = 100%`。",
        why: "成本指标衡量的是花了多少钱，只能写金额（`≤ 118.8万元`）或单位成本（`≤ 7200元/人`）。完成率、是否合规这类指标应放在质量或时效指标下，成本指标另写金额。",
    },
    en: RuleDocs {
        what: "A cost indicator whose value is not money: yes/no, qualitative text, a percentage, a date or a quantity in another unit, e.g. `\"工资发放完成率\" = 100%`.",
        why: "A cost indicator measures how much is spent: write an amount (`≤ 118.8万元`) or a cost per unit (`≤ 7200元/人`). Completion rates and compliance belong under quality or timeliness, with a money target under cost.",
    },
    bad_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      成本指标 {\n        \"工资发放完成率\" = 100%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"工资发放完成率\" = 100%\n      }\n      成本指标 {\n        \"工资支出\" ≤ 689万元\n        \"专岗人员补贴\" ≤ 2916元/人/月\n        \"办公费\" 5\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Cost) {
            continue;
        }
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let what: Option<(String, String)> = match &value.kind {
            ValueKind::Qualitative(_) => Some(("定性描述".into(), "qualitative text".into())),
            ValueKind::Deadline(_) => Some(("日期".into(), "a date".into())),
            ValueKind::Period(_) => Some(("期间".into(), "a period".into())),
            ValueKind::Bound { .. } | ValueKind::Exact(_) | ValueKind::Range { .. } => {
                // Bare numbers take `金额单位`; unknown units are `value-unit-required`.
                value_unit_kind(ctx.model, value).and_then(kind_text)
            }
        };
        let Some((what_zh, what_en)) = what else {
            continue;
        };
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("成本指标“{name}”的值 `{written}` 是{what_zh}，不是金额"),
                    format!("cost indicator “{name}” has the value `{written}`, {what_en}, not money"),
                ),
            )
            .with_primary_message(ctx.pick("不是金额", "not money"))
            .with_note(ctx.pick("成本指标只能写金额（如 `≤ 118.8万元`）或单位成本（如 `≤ 7200元/人`）；完成率、是否合规等指标请移到质量或时效指标下", "a cost indicator takes an amount (`≤ 118.8万元`) or a cost per unit (`≤ 7200元/人`); move completion rates and yes/no checks under quality or timeliness")),
        );
    }
}

/// What a value of a non-money kind is, in both languages.
fn kind_text(kind: UnitKind) -> Option<(String, String)> {
    let (zh, en) = match kind {
        UnitKind::Money => return None,
        UnitKind::Percent => ("百分比", "a percentage"),
        UnitKind::People => ("人数", "a number of people"),
        UnitKind::Count => ("数量", "a count"),
        UnitKind::Physical => ("物理量", "a physical quantity"),
        UnitKind::Time => ("时间长度", "a duration"),
    };
    Some((zh.to_string(), en.to_string()))
}

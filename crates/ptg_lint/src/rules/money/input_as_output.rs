//! `input-as-output`: a 数量 (output) indicator that measures money, an input.

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_semantic::{Role, UnitKind};

use crate::facts::{trim_name, value_unit_kind};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "input-as-output",
    code: "L310",
    group: Group::Money,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "数量指标以金额计量，或名称是资金、经费、金额，例如 `\"宣传经费\" ≥ 3万元`。",
        why: "数量指标衡量的是产出（办了多少事、服务了多少人），资金是投入。把花了多少钱写成产出，等于用“钱花出去了”证明“事办成了”。金额请写在成本指标下，数量指标改写实际产出。",
    },
    en: RuleDocs {
        what: "A 数量 (quantity) indicator measured in money or named 资金/经费/金额 (funds), e.g. `\"宣传经费\" ≥ 3万元`.",
        why: "Quantity indicators measure outputs (work done, people served); money is an input. Reporting money spent as an output proves only that the money went out. Put amounts under cost and state the real output here.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"宣传经费\" ≥ 3万元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 {\n      经济成本指标 {\n        \"宣传经费\" ≤ 3万元\n      }\n    }\n    产出指标 {\n      数量指标 {\n        \"开展普法宣传活动\" ≥ 12场\n        \"补助资金发放人数\" ≥ 40人\n      }\n    }\n  }\n}\n",
};

/// Names of inputs: the indicator counts money.
const INPUT_NAMES: [&str; 3] = ["资金", "经费", "金额"];

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if indicator.role != Some(Role::Quantity) {
            continue;
        }
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let kind = value_unit_kind(ctx.model, value);
        let name = indicator.name();
        let input_name = INPUT_NAMES
            .iter()
            .find(|word| trim_name(name).ends_with(*word));
        let reason = if kind == Some(UnitKind::Money) {
            ctx.pick("以金额计量", "is measured in money").to_string()
        } else if let Some(word) = input_name {
            // A count of people or things reached is an output, however it is named.
            if matches!(
                kind,
                Some(UnitKind::People | UnitKind::Count | UnitKind::Physical | UnitKind::Time)
            ) {
                continue;
            }
            ctx.t(
                format!("名称以“{word}”结尾"),
                format!("is named as “{word}”"),
            )
        } else {
            continue;
        };
        let written = ctx.model.source(value.range);
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("数量指标“{name}”{reason}（`{written}`）：资金是投入，不是产出"),
                    format!("quantity indicator “{name}” {reason} (`{written}`): money is an input, not an output"),
                ),
            )
            .with_primary_message(ctx.pick("投入", "input"))
            .with_note(ctx.pick("数量指标应写实际产出（办了多少事、服务了多少人）；金额请写在成本指标下", "a quantity indicator states the output (work done, people served); put amounts under cost")),
        );
    }
}

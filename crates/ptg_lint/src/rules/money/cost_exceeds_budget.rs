//! `cost-exceeds-budget`: a cost ceiling above the project's `资金` total.

use ptg_diagnostics::{Diagnostic, Label, Severity};

use super::util::{in_yuan_aside, project_cost_lines, project_funds, yuan};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "cost-exceeds-budget",
    code: "L304",
    group: Group::Money,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "成本指标写成 `≤`、`<` 或精确金额（不是单位成本），却高于项目的 `资金` 总额，例如资金 600,000元、`\"总成本\" ≤ 900000元`。",
        why: "成本指标是项目资金的支出控制数，不可能超过项目的年度资金总额。超过说明金额或单位（万元/元）填错了，或者成本指标照抄了别的项目。",
    },
    en: RuleDocs {
        what: "A cost indicator written as `≤`, `<` or an exact amount (not per unit) that is above the project's `资金` total, e.g. funds of 600,000 yuan and `\"总成本\" ≤ 900000元`.",
        why: "A cost target caps the spending of the project's funds and cannot exceed the annual total. Exceeding it means an amount or unit (`万元`/`元`) is wrong, or the target was copied from another project.",
    },
    bad_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 600,000元\n    成本指标 {\n      经济成本指标 {\n        \"总成本\" ≤ 900000元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 600,000元\n    成本指标 {\n      经济成本指标 {\n        \"总成本\" ≤ 600000元\n        \"人均补助\" ≤ 900000元/人\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for project in &model.projects {
        let Some(funds) = project_funds(model, project) else {
            continue;
        };
        for line in project_cost_lines(model, project) {
            if !line.is_whole_ceiling() || line.yuan <= funds.yuan {
                continue;
            }
            let name = line.indicator.name();
            let written = model.source(line.value_range());
            let aside = in_yuan_aside(ctx, line.quantity, line.yuan);
            let gap = if aside.is_empty() { " " } else { "" };
            out.push(
                ctx.diagnostic(
                    &META,
                    line.value_range(),
                    ctx.t(
                        format!(
                            "成本指标“{name}”的 `{written}`{aside}{gap}超过项目资金总额 {}",
                            yuan(ctx, funds.yuan)
                        ),
                        format!(
                            "cost indicator “{name}” allows `{written}`{aside}, more than the project's funds of {}",
                            yuan(ctx, funds.yuan)
                        ),
                    ),
                )
                .with_primary_message(ctx.pick("超过资金总额", "above the funds"))
                .with_secondary(Label::with_message(
                    funds.quantity.range,
                    ctx.t(
                        format!("资金总额 {}", yuan(ctx, funds.yuan)),
                        format!("funds {}", yuan(ctx, funds.yuan)),
                    ),
                ))
                .with_note(ctx.pick("成本指标是项目资金的支出控制数，不能超过年度资金总额；请核对金额和单位（万元/元），或改正资金总额", "a cost target caps the spending of the project's funds and cannot exceed them; check the amount and its unit (`万元`/`元`), or correct the funds")),
            );
        }
    }
}

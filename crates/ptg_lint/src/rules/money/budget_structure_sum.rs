//! `budget-structure-sum`: a department budget that 基本支出 + 项目支出 do not add up to.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{FieldKey, LineName};

use super::util::{block_lines, child_block, difference, money_field, sum, yuan};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "budget-structure-sum",
    code: "L302",
    group: Group::Money,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "部门 `预算` 总额与 `结构` 中 基本支出 + 项目支出 之和不相等。",
        why: "部门预算总额 = 基本支出 + 项目支出。不相等说明总额或某项支出填错了，部门整体绩效目标就建立在错误的预算上。请核对后改正其中一方。",
    },
    en: RuleDocs {
        what: "A department `预算` total that differs from `基本支出` + `项目支出` in its `结构` block.",
        why: "The department budget equals `基本支出` (basic expenditure) + `项目支出` (project expenditure). A mismatch means the total or one of the two is wrong, and the department's targets rest on a wrong budget. Check both and correct one.",
    },
    bad_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  预算 9,189,700元 {\n    来源 {\n      政府预算资金 9,189,700元\n    }\n    结构 {\n      基本支出 7,292,400元\n      项目支出 1,987,300元\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  预算 9,189,700元 {\n    来源 {\n      政府预算资金 9,189,700元\n    }\n    结构 {\n      基本支出 7,292,400元\n      项目支出 1,897,300元\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for department in &model.departments {
        for field in department
            .fields
            .iter()
            .filter(|f| f.key == FieldKey::Budget)
        {
            let Some(total) = money_field(model, field) else {
                continue;
            };
            let Some(block) = child_block(field, FieldKey::Structure) else {
                continue;
            };
            let Some(lines) = block_lines(model, block) else {
                continue;
            };
            if lines.is_empty() {
                continue;
            }
            let Some(added) = sum(lines.iter().map(|line| line.yuan)) else {
                continue;
            };
            if added == total.yuan {
                continue;
            }
            let Some(gap) = difference(added, total.yuan) else {
                continue;
            };
            let mut diagnostic = ctx
                .diagnostic(
                    &META,
                    total.line_range(),
                    ctx.t(
                        format!(
                            "基本支出与项目支出合计 {}，与部门预算总额 {} 不符",
                            yuan(ctx, added),
                            yuan(ctx, total.yuan)
                        ),
                        format!(
                            "basic and project expenditure add up to {}, but the department budget (`预算`) is {}",
                            yuan(ctx, added),
                            yuan(ctx, total.yuan)
                        ),
                    ),
                )
                .with_primary_message(ctx.t(
                    format!("预算总额 {}", yuan(ctx, total.yuan)),
                    format!("budget {}", yuan(ctx, total.yuan)),
                ));
            for line in &lines {
                diagnostic = diagnostic
                    .with_secondary(Label::with_message(line.line_range(), yuan(ctx, line.yuan)));
            }
            diagnostic = diagnostic.with_note(if added < total.yuan {
                ctx.t(
                    format!("支出结构之和比预算总额少 {}", yuan(ctx, gap)),
                    format!("the structure is {} short of the budget", yuan(ctx, gap)),
                )
            } else {
                ctx.t(
                    format!("支出结构之和比预算总额多 {}", yuan(ctx, gap)),
                    format!("the structure exceeds the budget by {}", yuan(ctx, gap)),
                )
            });
            for missing in LineName::STRUCTURE {
                if !lines
                    .iter()
                    .any(|line| line.field.key == FieldKey::Line(missing))
                {
                    diagnostic = diagnostic.with_note(ctx.t(
                        format!("`结构` 中没有写 {}", missing.as_str()),
                        format!("`结构` has no `{}` line", missing.as_str()),
                    ));
                }
            }
            out.push(diagnostic.with_note(ctx.pick("部门预算总额 = 基本支出 + 项目支出；请核对总额和两项支出，改正填错的一方", "the budget must equal `基本支出` + `项目支出`; check the total and both lines and correct the wrong one")));
        }
    }
}

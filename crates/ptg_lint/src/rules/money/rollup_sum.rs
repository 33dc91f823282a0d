//! `rollup-sum`: a budget unit's `合计`, or a department's `项目支出`, that the funds of
//! the projects listed under it do not add up to.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::model::DepartmentInfo;
use ptg_syntax::ast::{FieldKey, Item, LineName};
use ptg_syntax::Decimal;
use text_size::TextRange;

use super::util::{child_block, difference, money_field, project_funds, sum, yuan, MoneyField};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "rollup-sum",
    code: "L303",
    group: Group::Money,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "预算单位的 `合计`，或部门 `结构` 中的 `项目支出`，与其下所列项目的 `资金` 之和不相等（只在其下至少列了一个项目时检查）。",
        why: "汇总表的合计应等于各项目年度资金之和。不相等说明漏列、多列了项目，或者某个项目或合计的金额填错了。",
    },
    en: RuleDocs {
        what: "A budget unit's `合计`, or a department's `项目支出`, that differs from the sum of the `资金` of the projects listed under it (checked only when at least one project is listed there).",
        why: "A summary total must equal the sum of its projects' annual funds. A mismatch means a project is missing or extra, or an amount is wrong.",
    },
    bad_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  单位 \"某局本级\" {\n    编码 \"290018\"\n    合计 1,131,000元\n    项目 \"甲\" {\n      资金 1,139,800元\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  单位 \"某局本级\" {\n    编码 \"290018\"\n    合计 1,139,800元\n    项目 \"甲\" {\n      资金 1,139,800元\n    }\n  }\n}\n",
};

/// One part of a rollup: where it is, what it is called, how much.
struct Part {
    range: TextRange,
    name: String,
    yuan: Decimal,
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for unit in &model.budget_units {
        let Some(total) = unit
            .field(FieldKey::Total)
            .and_then(|f| money_field(model, f))
        else {
            continue;
        };
        if unit.projects.is_empty() {
            continue;
        }
        let Some(parts) = project_parts(ctx, &unit.projects) else {
            continue;
        };
        let count = parts.len();
        report(
            ctx,
            total,
            &parts,
            ctx.t(
                format!("单位合计 {}", yuan(ctx, total.yuan)),
                format!("the unit's `合计` {}", yuan(ctx, total.yuan)),
            ),
            count,
            out,
        );
    }
    for department in &model.departments {
        check_department(ctx, department, out);
    }
}

/// The funds of these projects; `None` if one has no readable `资金`.
fn project_parts(ctx: &RuleContext<'_, '_>, projects: &[usize]) -> Option<Vec<Part>> {
    projects
        .iter()
        .map(|&idx| {
            let project = &ctx.model.projects[idx];
            let funds = project_funds(ctx.model, project)?;
            Some(Part {
                range: funds.quantity.range,
                name: project.name().to_string(),
                yuan: funds.yuan,
            })
        })
        .collect()
}

fn check_department(
    ctx: &RuleContext<'_, '_>,
    department: &DepartmentInfo<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let model = ctx.model;
    let Some(stated) = department
        .fields
        .iter()
        .filter(|f| f.key == FieldKey::Budget)
        .filter_map(|f| child_block(f, FieldKey::Structure))
        .flat_map(|block| block.items.iter())
        .find_map(|item| match item {
            Item::Field(f) if f.key == FieldKey::Line(LineName::ProjectExpenditure) => {
                Some(money_field(model, f))
            }
            _ => None,
        })
        .flatten()
    else {
        return;
    };
    // Projects directly in the department and in its budget units; a unit that lists no
    // project stands for its projects with its `合计`.
    let Some(mut parts) = project_parts(ctx, &department.projects) else {
        return;
    };
    let mut count = parts.len();
    for &unit_idx in &department.budget_units {
        let unit = &model.budget_units[unit_idx];
        if unit.projects.is_empty() {
            let Some(total) = unit
                .field(FieldKey::Total)
                .and_then(|f| money_field(model, f))
            else {
                return;
            };
            let name = unit.entity.name.as_ref().map_or("", |n| n.text.as_str());
            parts.push(Part {
                range: total.line_range(),
                name: name.to_string(),
                yuan: total.yuan,
            });
        } else {
            let Some(unit_parts) = project_parts(ctx, &unit.projects) else {
                return;
            };
            count += unit_parts.len();
            parts.extend(unit_parts);
        }
    }
    if count == 0 {
        return;
    }
    report(
        ctx,
        stated,
        &parts,
        ctx.t(
            format!("部门项目支出 {}", yuan(ctx, stated.yuan)),
            format!("the department's `项目支出` {}", yuan(ctx, stated.yuan)),
        ),
        count,
        out,
    );
}

fn report(
    ctx: &RuleContext<'_, '_>,
    stated: MoneyField<'_>,
    parts: &[Part],
    what: String,
    count: usize,
    out: &mut Vec<Diagnostic>,
) {
    let Some(added) = sum(parts.iter().map(|p| p.yuan)) else {
        return;
    };
    if added == stated.yuan {
        return;
    }
    let Some(gap) = difference(added, stated.yuan) else {
        return;
    };
    let units = parts.len() - count;
    let listed = match (ctx.zh(), units) {
        (true, 0) => format!("所列 {count} 个项目的资金之和"),
        (true, _) => format!("所列 {count} 个项目与 {units} 个单位合计之和"),
        (false, 0) => format!("the funds of the {count} projects listed add up to"),
        (false, _) => format!(
            "the funds of the {count} projects and the totals of {units} units listed add up to"
        ),
    };
    let message = if ctx.zh() {
        format!("{what}，与{listed} {} 不符", yuan(ctx, added))
    } else {
        format!("{what} differs: {listed} {}", yuan(ctx, added))
    };
    let mut diagnostic = ctx
        .diagnostic(&META, stated.line_range(), message)
        .with_primary_message(ctx.pick("所述合计", "stated total"));
    for part in parts {
        diagnostic = diagnostic.with_secondary(Label::with_message(
            part.range,
            ctx.t(
                format!("“{}” {}", part.name, yuan(ctx, part.yuan)),
                format!("“{}” {}", part.name, yuan(ctx, part.yuan)),
            ),
        ));
    }
    out.push(
        diagnostic
            .with_note(if added < stated.yuan {
                ctx.t(
                    format!("项目资金之和比合计少 {}：是否漏列了项目？", yuan(ctx, gap)),
                    format!(
                        "the projects are {} short of the total: is a project missing?",
                        yuan(ctx, gap)
                    ),
                )
            } else {
                ctx.t(
                    format!("项目资金之和比合计多 {}：是否多列了项目？", yuan(ctx, gap)),
                    format!(
                        "the projects exceed the total by {}: is a project listed that does not belong?",
                        yuan(ctx, gap)
                    ),
                )
            })
            .with_note(ctx.pick("合计应等于其下各项目年度资金之和；请核对合计、各项目的资金和项目清单", "a total must equal the sum of its projects' annual funds; check the total, each project's funds and the list of projects")),
    );
}

//! `budget-breakdown-sum`: a `资金` or `预算` total that its sources do not add up to.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{Block, Field, FieldKey};

use super::util::{block_lines, child_block, difference, money_field, sum, yuan};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "budget-breakdown-sum",
    code: "L301",
    group: Group::Money,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "`资金`（年度资金总额）或 `预算`（部门预算总额）与其资金来源之和不相等，例如 `资金 600,000元 { 政府预算资金 580,000元 }`。",
        why: "年度资金总额 = 政府预算资金 + 财政专户管理资金 + 单位资金 + 其他资金。两者不符说明总额或某项来源填错了，预算批复和绩效评价都会以错误的金额为准。请核对后改正其中一方。",
    },
    en: RuleDocs {
        what: "A `资金` (annual funds) or `预算` (department budget) total that differs from the sum of its sources, e.g. `资金 600,000元 { 政府预算资金 580,000元 }`.",
        why: "The annual total equals `政府预算资金` + `财政专户管理资金` + `单位资金` + `其他资金`. A mismatch means the total or a source is wrong, and approval and evaluation would work from a wrong amount. Check both and correct one.",
    },
    bad_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 600,000元 {\n      政府预算资金 580,000元\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 600,000元 {\n      政府预算资金 580,000元\n      单位资金 20,000元\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for project in &model.projects {
        for field in project.fields_of(FieldKey::Funds) {
            if let Some(block) = &field.block {
                check_total(ctx, field, block, false, out);
            }
        }
    }
    for department in &model.departments {
        for field in department
            .fields
            .iter()
            .filter(|f| f.key == FieldKey::Budget)
        {
            if let Some(block) = child_block(field, FieldKey::Sources) {
                check_total(ctx, field, block, true, out);
            }
        }
    }
}

fn check_total(
    ctx: &RuleContext<'_, '_>,
    field: &Field,
    sources: &Block,
    department: bool,
    out: &mut Vec<Diagnostic>,
) {
    let model = ctx.model;
    let Some(total) = money_field(model, field) else {
        return;
    };
    let Some(lines) = block_lines(model, sources) else {
        return;
    };
    if lines.is_empty() {
        return;
    }
    let Some(added) = sum(lines.iter().map(|line| line.yuan)) else {
        return;
    };
    if added == total.yuan {
        return;
    }
    let Some(gap) = difference(added, total.yuan) else {
        return;
    };
    let (total_zh, total_en) = if department {
        ("部门预算总额", "the department budget (`预算`)")
    } else {
        ("资金总额", "the total (`资金`)")
    };
    let message = ctx.t(
        format!(
            "资金来源合计 {}，与{total_zh} {} 不符",
            yuan(ctx, added),
            yuan(ctx, total.yuan)
        ),
        format!(
            "the funding sources add up to {}, but {total_en} is {}",
            yuan(ctx, added),
            yuan(ctx, total.yuan)
        ),
    );
    let relation = if added < total.yuan {
        ctx.t(
            format!("来源之和比总额少 {}", yuan(ctx, gap)),
            format!("the sources are {} short of the total", yuan(ctx, gap)),
        )
    } else {
        ctx.t(
            format!("来源之和比总额多 {}", yuan(ctx, gap)),
            format!("the sources exceed the total by {}", yuan(ctx, gap)),
        )
    };
    let mut diagnostic = ctx
        .diagnostic(&META, total.line_range(), message)
        .with_primary_message(ctx.t(
            format!("总额 {}", yuan(ctx, total.yuan)),
            format!("total {}", yuan(ctx, total.yuan)),
        ));
    for line in &lines {
        diagnostic =
            diagnostic.with_secondary(Label::with_message(line.line_range(), yuan(ctx, line.yuan)));
    }
    out.push(
        diagnostic
            .with_note(relation)
            .with_note(ctx.t(
                format!("{total_zh} = 政府预算资金 + 财政专户管理资金 + 单位资金 + 其他资金；请核对总额和各项来源，改正填错的一方（也检查 万元/元 是否写错）"),
                "the total must equal `政府预算资金` + `财政专户管理资金` + `单位资金` + `其他资金`; check the total and each source and correct the wrong one (including `万元`/`元` mix-ups)".into(),
            )),
    );
}

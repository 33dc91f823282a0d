//! `cost-lines-sum`: component cost lines that add up to more than the project's funds or
//! than its total cost line.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::Decimal;
use text_size::TextRange;

use super::util::{is_total_name, project_cost_lines, project_funds, sum, yuan, CostLine};
use crate::facts::trim_name;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "cost-lines-sum",
    code: "L305",
    group: Group::Money,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "两条以上的成本明细（写成 `≤`、`<` 或精确金额、不是单位成本的金额指标）加起来超过了项目 `资金` 总额，或超过了总成本行（名称以“总成本”结尾，或为“项目成本”“成本合计”）。",
        why: "各项成本是项目资金的分解，合计不能超过资金总额或总成本。超过说明某一行的金额或单位（万元/元）填错了，或把同一笔钱算了两次。",
    },
    en: RuleDocs {
        what: "Two or more component cost lines (money written as `≤`, `<` or exact, not per unit) that add up to more than the project's `资金` total, or than the total cost line (a name ending in `总成本`, or `项目成本` / `成本合计`).",
        why: "Cost lines break the project's funds down and cannot add up to more than the funds or the total cost. Exceeding them means an amount or unit (`万元`/`元`) is wrong, or the same money is counted twice.",
    },
    bad_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 20,000元\n    成本指标 {\n      经济成本指标 {\n        \"调解员培训费\" ≤ 1.5万元\n        \"调解员误工补贴\" ≤ 1.2万元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n金额单位 元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 27,000元\n    成本指标 {\n      经济成本指标 {\n        \"调解员培训费\" ≤ 1.5万元\n        \"调解员误工补贴\" ≤ 1.2万元\n      }\n    }\n  }\n}\n",
};

/// What the components are held to.
struct Limit {
    range: TextRange,
    yuan: Decimal,
    /// `Some(name)` for a total cost line, `None` for the `资金` total.
    line: Option<String>,
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for project in &model.projects {
        let lines = project_cost_lines(model, project);
        let mut limits = Vec::new();
        if let Some(funds) = project_funds(model, project) {
            limits.push(Limit {
                range: funds.quantity.range,
                yuan: funds.yuan,
                line: None,
            });
        }
        let mut components: Vec<&CostLine<'_, '_>> = Vec::new();
        for line in &lines {
            let name = line.indicator.name();
            if is_total_name(name) {
                if line.is_ceiling() && !line.per_unit {
                    limits.push(Limit {
                        range: line.value_range(),
                        yuan: line.yuan,
                        line: Some(name.to_string()),
                    });
                }
                continue;
            }
            if !line.is_whole_ceiling() || trim_name(name).starts_with("其中") {
                continue;
            }
            // The same line written twice is `duplicate-indicator`, not money counted twice.
            if components
                .iter()
                .any(|c| c.indicator.name() == name && c.yuan == line.yuan)
            {
                continue;
            }
            components.push(line);
        }
        drop_subtotal(&mut components);
        if components.len() < 2 {
            continue;
        }
        let Some(added) = sum(components.iter().map(|c| c.yuan)) else {
            continue;
        };
        // The tightest limit exceeded; a total line before the funds when equal.
        let Some(limit) = limits
            .iter()
            .filter(|limit| added > limit.yuan)
            .min_by_key(|limit| (limit.yuan, limit.line.is_none()))
        else {
            continue;
        };
        report(ctx, &components, added, limit, out);
    }
}

/// Among three or more lines, one that equals the sum of all the others is their subtotal
/// (`设备购置费 100万` above `电脑 60万`, `打印机 40万`), not one more component.
fn drop_subtotal(components: &mut Vec<&CostLine<'_, '_>>) {
    if components.len() < 3 {
        return;
    }
    let Some(total) = sum(components.iter().map(|c| c.yuan)) else {
        return;
    };
    if let Some(idx) = components
        .iter()
        .position(|c| total.checked_sub(c.yuan) == Some(c.yuan))
    {
        components.remove(idx);
    }
}

fn report(
    ctx: &RuleContext<'_, '_>,
    components: &[&CostLine<'_, '_>],
    added: Decimal,
    limit: &Limit,
    out: &mut Vec<Diagnostic>,
) {
    let count = components.len();
    let (limit_zh, limit_en) = match &limit.line {
        Some(name) => (
            format!("总成本行“{name}”"),
            format!("the total cost line “{name}”"),
        ),
        None => (
            "项目资金总额".to_string(),
            "the project's funds".to_string(),
        ),
    };
    let first = components[0];
    let mut diagnostic = ctx
        .diagnostic(
            &META,
            first.line_range(),
            ctx.t(
                format!(
                    "{count} 条成本明细合计 {}，超过{limit_zh} {}",
                    yuan(ctx, added),
                    yuan(ctx, limit.yuan)
                ),
                format!(
                    "{count} cost lines add up to {}, more than {limit_en} ({})",
                    yuan(ctx, added),
                    yuan(ctx, limit.yuan)
                ),
            ),
        )
        .with_primary_message(ctx.t(
            format!("第 1 条明细 {}", yuan(ctx, first.yuan)),
            format!("first line {}", yuan(ctx, first.yuan)),
        ));
    for component in &components[1..] {
        diagnostic = diagnostic.with_secondary(Label::with_message(
            component.line_range(),
            yuan(ctx, component.yuan),
        ));
    }
    diagnostic = diagnostic.with_secondary(Label::with_message(
        limit.range,
        match &limit.line {
            Some(_) => ctx.t(
                format!("总成本 {}", yuan(ctx, limit.yuan)),
                format!("total cost {}", yuan(ctx, limit.yuan)),
            ),
            None => ctx.t(
                format!("资金总额 {}", yuan(ctx, limit.yuan)),
                format!("funds {}", yuan(ctx, limit.yuan)),
            ),
        },
    ));
    out.push(diagnostic.with_note(ctx.pick("各项成本是项目资金的分解，合计不能超过资金总额或总成本；请核对每一行的金额和单位（万元/元），去掉重复计算的行", "cost lines break the project's funds down and cannot add up to more than the funds or the total cost; check each line's amount and unit (`万元`/`元`) and drop lines counted twice")));
}

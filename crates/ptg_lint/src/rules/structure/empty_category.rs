//! `empty-category`: a category block with nothing in it, or only a `"无"` row.

use ptg_diagnostics::{Diagnostic, Fix, Severity, TextEdit};
use ptg_syntax::ast::Item;

use super::util::{is_placeholder, removal_range};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "empty-category",
    code: "L104",
    group: Group::Structure,
    severity: Severity::Info,
    fix: FixKind::Safe,
    zh: RuleDocs {
        what: "指标类别的块是空的，或只写了 `\"无\"`。",
        why: "空的类别在表中不表达任何目标，只会让表格看起来完整；请补上指标，或删除它（安全修复）。必填类别没有指标时另由 missing-required-category 报告。",
    },
    en: RuleDocs {
        what: "A category block that is empty, or holds only `\"无\"`.",
        why: "An empty category states no target and only makes the table look complete; add indicators or remove it (safe fix). A required category without indicators is reported by missing-required-category.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      经济效益指标 { }\n      社会效益指标 {\n        \"就业率\" ≥ 60%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      社会效益指标 {\n        \"就业率\" ≥ 60%\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    // Indicators by their category block, to tell a "无" row.
    let mut placeholder_only = vec![true; model.categories.len()];
    let mut has_indicator = vec![false; model.categories.len()];
    for ind in &model.indicators {
        if let Some(c) = ind.category {
            has_indicator[c] = true;
            if !is_placeholder(ind) {
                placeholder_only[c] = false;
            }
        }
    }
    for (idx, cat) in model.categories.iter().enumerate() {
        let items = &cat.ast.body.items;
        // An unclosed block is a syntax error already; its extent is a guess.
        if cat.ast.body.r_brace.is_none() {
            continue;
        }
        let empty = items.is_empty();
        let only_nothing = !empty
            && has_indicator[idx]
            && placeholder_only[idx]
            && items.iter().all(|item| matches!(item, Item::Indicator(_)));
        if !empty && !only_nothing {
            continue;
        }
        let written = model.source(cat.ast.name.range);
        let message = if empty {
            ctx.t(
                format!("类别“{written}”是空的"),
                format!("category “{written}” is empty"),
            )
        } else {
            ctx.t(
                format!("类别“{written}”只写了“无”"),
                format!("category “{written}” only says “无” (none)"),
            )
        };
        let mut d = ctx
            .diagnostic(&META, cat.ast.name.range, message)
            .with_primary_message(ctx.pick("空类别", "empty category"))
            .with_note(ctx.pick(
                "空的类别不表达任何目标；请补上指标，或删除这个块",
                "an empty category states no target; add indicators or remove the block",
            ));
        if let Some(range) = removal_range(model, cat.ast.range) {
            d = d.with_fix(Fix::safe(
                ctx.t(
                    format!("删除空类别“{written}”"),
                    format!("remove the empty category “{written}”"),
                ),
                vec![TextEdit::delete(range)],
            ));
        }
        out.push(d);
    }
}

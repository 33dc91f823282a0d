//! `missing-duties`: a department with department-level indicators but no `履职目标`.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_syntax::ast::{FieldKey, FieldValue};

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "missing-duties",
    code: "L502",
    group: Group::Department,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "部门有部门整体绩效指标，却没有 `履职目标`（或履职目标是空字符串）。只列项目、没有部门一级指标的部门不检查。",
        why: "部门整体绩效目标表以年度履职目标为纲：产出指标中的“履职目标实现”、效益指标中的“履职效益”都要对照它来考核；缺了它，整张表无从评价。",
    },
    en: RuleDocs {
        what: "A department with department-level indicators but no `履职目标` (or an empty one). Departments that only list projects are not checked.",
        why: "The department-overall table is built on the year's duties: the indicators of duties achieved and their effect are assessed against them, so without them the table cannot be assessed.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  满意度指标 {\n    满意度 {\n      \"服务对象满意度\" ≥ 95%\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  履职目标 \"保障机关正常运转，依法履行职责。\"\n  满意度指标 {\n    满意度 {\n      \"服务对象满意度\" ≥ 95%\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for dept in &ctx.model.departments {
        if dept.indicators.is_empty() {
            continue;
        }
        let duties = dept.field(FieldKey::Duties);
        // An empty string says nothing either; a broken field is the parser's.
        let empty = match duties {
            None => None,
            Some(field) if field.has_error => continue,
            Some(field) => match &field.value {
                FieldValue::Text(text) if text.text.trim().is_empty() => Some(field),
                _ => continue,
            },
        };
        let name = dept
            .entity
            .name
            .as_ref()
            .map_or("", |name| name.text.as_str());
        let range = dept
            .entity
            .name
            .as_ref()
            .map_or(dept.entity.keyword, |name| name.range);
        let count = dept.indicators.len();
        let message = if empty.is_some() {
            ctx.t(
                format!("部门“{name}”的履职目标是空的，却有 {count} 个部门整体指标"),
                format!("department “{name}” has {count} department-level indicators but an empty `履职目标`"),
            )
        } else {
            ctx.t(
                format!("部门“{name}”有 {count} 个部门整体指标，却没有履职目标"),
                format!(
                    "department “{name}” has {count} department-level indicators but no `履职目标`"
                ),
            )
        };
        let mut diagnostic = ctx
            .diagnostic(&META, range, message)
            .with_primary_message(if empty.is_some() {
                ctx.pick("履职目标为空", "empty duties")
            } else {
                ctx.pick("缺少履职目标", "no duties")
            })
            .with_note(ctx.pick("部门整体指标要对照年度履职目标来考核（“履职目标实现”“履职效益”）：请在部门中写上 `履职目标 \"…\"`", "department-level indicators are assessed against the year's duties: add `履职目标 \"…\"` to the department"));
        if let Some(field) = empty {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                field.range,
                ctx.pick("空的履职目标", "empty duties"),
            ));
        }
        if let Some(&first) = dept.categories.first() {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                ctx.model.categories[first].ast.name.range,
                ctx.pick("部门整体指标", "department-level indicators"),
            ));
        }
        out.push(diagnostic);
    }
}

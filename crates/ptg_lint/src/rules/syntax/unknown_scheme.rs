//! `unknown-scheme`: the `体系` header names no known scheme, or one that is not for projects.

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_semantic::model::SchemeProblem;

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "unknown-scheme",
    code: "E007",
    group: Group::Syntax,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "`体系` 写了不存在的指标体系，或写了不能用于项目的 `部门整体`。",
        why: "体系决定一级、二级指标的名称和必填项；体系不对，所有类别都无法核对。内置体系：国家2021、通用、汇总表（部门整体只用于部门一级的指标）；自定义体系在 ptg.toml 中声明。",
    },
    en: RuleDocs {
        what: "The `体系` header names an unknown scheme, or `部门整体`, which is not a project scheme.",
        why: "The scheme decides the category names and the required set; with the wrong scheme nothing can be checked. Built in: 国家2021, 通用, 汇总表 (部门整体 is for department-level indicators only); custom schemes are declared in ptg.toml.",
    },
    bad_example: "年度 2024\n体系 国家2012\n",
    good_example: "年度 2024\n体系 国家2021\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (Some(problem), Some(field)) = (&ctx.model.scheme_problem, ctx.model.scheme_field) else {
        return;
    };
    let range = match &field.value {
        ptg_syntax::ast::FieldValue::Word(word) => word.range,
        _ => field.key_range,
    };
    let known = ["国家2021", "通用", "汇总表"].join("、");
    let (message, note) = match problem {
        SchemeProblem::Unknown { name } => (
            ctx.t(
                format!("没有名为“{name}”的指标体系"),
                format!("there is no indicator scheme named “{name}”"),
            ),
            ctx.t(
                format!("内置体系：{known}；自定义体系在 ptg.toml 的 [schemes] 中声明。本文件按 {} 检查", ctx.model.scheme.name),
                format!("built-in schemes: {known}; declare custom ones under [schemes] in ptg.toml. This file is checked with {}", ctx.model.scheme.name),
            ),
        ),
        SchemeProblem::NotForProjects { name } => (
            ctx.t(
                format!("“{name}”体系只用于部门一级的指标，不能作为项目的体系"),
                format!("“{name}” is for department-level indicators only, not a project scheme"),
            ),
            ctx.pick("部门一级的指标自动使用部门整体体系；请删除这一行或改为项目所用的体系", "department-level indicators use it automatically; remove this line or name the projects' scheme").to_string(),
        ),
    };
    out.push(
        ctx.diagnostic(&META, range, message)
            .with_primary_message(ctx.pick("未知体系", "unknown scheme"))
            .with_note(note),
    );
}

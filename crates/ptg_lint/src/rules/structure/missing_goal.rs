//! `missing-goal`: a project without `目标` (年度目标).

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_syntax::ast::FieldKey;

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "missing-goal",
    code: "L106",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "项目没有年度目标（`目标`）。",
        why: "年度目标说明这笔钱要达成什么，绩效指标由它分解而来；没有目标，指标是否切题就无从判断。",
    },
    en: RuleDocs {
        what: "A project without an annual goal (`目标`).",
        why: "The goal says what the money is to achieve and the indicators are derived from it; without it nobody can judge whether the indicators fit.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 10万元 { 政府预算资金 10万元 }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 10万元 { 政府预算资金 10万元 }\n    目标 \"开展职业技能培训，提升劳动者就业能力。\"\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for project in &ctx.model.projects {
        if project.entity.body.is_none() || project.field(FieldKey::Goal).is_some() {
            continue;
        }
        let name = project.name();
        out.push(
            ctx.diagnostic(
                &META,
                project.entity.keyword,
                ctx.t(
                    format!("项目“{name}”没有年度目标"),
                    format!("project “{name}” has no annual goal (`目标`)"),
                ),
            )
            .with_primary_message(ctx.pick("缺少 `目标`", "no `目标`"))
            .with_note(ctx.pick("用 `目标 \"…\"` 写明这笔资金本年度要达成什么；绩效指标由目标分解而来", "state what the money is to achieve this year with `目标 \"…\"`; the indicators are derived from it")),
        );
    }
}

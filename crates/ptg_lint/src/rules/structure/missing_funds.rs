//! `missing-funds`: a project without `资金` (年度资金总额).

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_syntax::ast::FieldKey;

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "missing-funds",
    code: "L107",
    group: Group::Structure,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "项目没有年度资金总额（`资金`）。",
        why: "资金是绩效目标表的必填项：成本指标、支出计划和预算单位的合计都要与它核对；没有它，这些检查都无法进行。",
    },
    en: RuleDocs {
        what: "A project without its annual funds (`资金`).",
        why: "The funds are a required part of the table: cost indicators, the spending plan and the budget unit's total are all checked against them.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    目标 \"开展职业技能培训，提升劳动者就业能力。\"\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 10万元 { 政府预算资金 10万元 }\n    目标 \"开展职业技能培训，提升劳动者就业能力。\"\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for project in &ctx.model.projects {
        if project.entity.body.is_none() || project.field(FieldKey::Funds).is_some() {
            continue;
        }
        let name = project.name();
        out.push(
            ctx.diagnostic(
                &META,
                project.entity.keyword,
                ctx.t(
                    format!("项目“{name}”没有年度资金总额"),
                    format!("project “{name}” states no annual funds (`资金`)"),
                ),
            )
            .with_primary_message(ctx.pick("缺少 `资金`", "no `资金`"))
            .with_note(ctx.pick("用 `资金 N万元 { 政府预算资金 N万元 … }` 写明年度资金总额及来源；成本指标和支出计划都要与它核对", "state the annual funds and their sources with `资金 N万元 { 政府预算资金 N万元 … }`; cost indicators and the spending plan are checked against them")),
        );
    }
}

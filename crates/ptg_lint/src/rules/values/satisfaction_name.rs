//! `satisfaction-name`: an indicator under the satisfaction 一级 whose name lacks 满意
//! (`人大代表及全区选民`, `残疾人或其家属对残疾人康复服务`).

use ptg_diagnostics::{Diagnostic, Label, Severity};

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "satisfaction-name",
    code: "L212",
    group: Group::Values,
    severity: Severity::Info,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "满意度一级之下的指标，名称中没有“满意”二字，例如 `人大代表及全区选民`、`残疾人或其家属对残疾人康复服务`。",
        why: "满意度指标的名称应说明调查谁的满意度（“受益群众满意度”）；缺了“满意”，名称往往是被截断了（seed 003 的名称在 15 个字处被截断），或者这条指标放错了类别。",
    },
    en: RuleDocs {
        what: "An indicator under the satisfaction 一级 whose name lacks 满意, e.g. `人大代表及全区选民`, `残疾人或其家属对残疾人康复服务`.",
        why: "A satisfaction indicator's name says whose satisfaction is surveyed (“受益群众满意度”); without 满意 the name was usually cut off (seed 003 cuts names at 15 characters) or the indicator sits in the wrong category.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 {\n        \"残疾人或其家属对残疾人康复服务\" ≥ 92%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 {\n        \"残疾人或其家属对残疾人康复服务的满意度\" ≥ 92%\n        \"服务地区群众满意率\" ≥ 90%\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if !ctx.model.is_satisfaction(indicator) {
            continue;
        }
        let name = indicator.name();
        if name.contains("满意") || name.trim().is_empty() {
            continue;
        }
        let mut diagnostic = ctx
            .diagnostic(
                &META,
                indicator.ast.name.range,
                ctx.t(
                    format!("满意度指标“{name}”的名称中没有“满意”"),
                    format!(
                        "the satisfaction indicator “{name}” lacks “满意” (satisfied) in its name"
                    ),
                ),
            )
            .with_primary_message(ctx.pick("名称中没有“满意”", "no “满意” in the name"));
        if let Some((range, category)) = util::category_name(ctx.model, indicator) {
            diagnostic = diagnostic.with_secondary(Label::with_message(
                range,
                ctx.t(
                    format!("位于“{category}”之下"),
                    format!("under “{category}”"),
                ),
            ));
        }
        out.push(diagnostic.with_note(ctx.pick("名称应说明调查谁的满意度，如“受益群众满意度”；若名称被截断请补全，若不是满意度指标请移到相应类别", "the name should say whose satisfaction is surveyed, e.g. “受益群众满意度”; complete a cut-off name, or move an indicator that is not about satisfaction")));
    }
}

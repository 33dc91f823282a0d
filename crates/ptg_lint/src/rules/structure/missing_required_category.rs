//! `missing-required-category`: a project (or a department with department-level
//! indicators) without any indicator in a category its scheme requires.

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::scheme::Requirement;
use ptg_semantic::{CategoryRef, Owner};

use super::util::{effective_categories, is_placeholder};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "missing-required-category",
    code: "L103",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "项目在体系要求的类别中没有任何指标（国家2021：成本、数量、质量、时效、效益、服务对象满意度），每个项目一条，列出所有缺少的类别。部门只在写了部门一级指标时检查（部门整体体系：产出、效益、满意度）。",
        why: "必填类别是绩效目标表的最低要求：没有时效指标就无法考核进度，没有满意度指标就听不到服务对象的声音。写了指标的类别都算数，即使该指标本身有问题；写着“无”的空行不算。",
    },
    en: RuleDocs {
        what: "A project without any indicator in a category its scheme requires (国家2021: cost, quantity, quality, timeliness, benefit, service-user satisfaction); one finding per project naming every missing category. A department is checked only when it has department-level indicators (部门整体: output, benefit, satisfaction).",
        why: "The required categories are the minimum of a performance target table: without a timeliness indicator progress cannot be assessed, without satisfaction nobody asks the people served. Any indicator counts, even one with findings of its own; a row saying “无” does not.",
    },
    bad_example: "年度 2024\n体系 国家2021\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 { 经济成本指标 { \"项目成本\" ≤ 10万元 } }\n    产出指标 {\n      数量指标 { \"培训人数\" ≥ 100人 }\n      质量指标 { \"培训合格率\" ≥ 90% }\n    }\n    效益指标 { 社会效益指标 { \"就业率\" ≥ 60% } }\n    满意度指标 { 服务对象满意度指标 { \"学员满意度\" ≥ 90% } }\n  }\n}\n",
    good_example: "年度 2024\n体系 国家2021\n部门 \"某局\" {\n  项目 \"甲\" {\n    成本指标 { 经济成本指标 { \"项目成本\" ≤ 10万元 } }\n    产出指标 {\n      数量指标 { \"培训人数\" ≥ 100人 }\n      质量指标 { \"培训合格率\" ≥ 90% }\n      时效指标 { \"培训完成时间\" 2024年11月底前 }\n    }\n    效益指标 { 社会效益指标 { \"就业率\" ≥ 60% } }\n    满意度指标 { 服务对象满意度指标 { \"学员满意度\" ≥ 90% } }\n  }\n}\n",
};

fn plural(count: usize) -> &'static str {
    if count == 1 {
        "category"
    } else {
        "categories"
    }
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let effective = effective_categories(model);
    let mut owners: Vec<(Owner, &[usize])> = Vec::new();
    for (idx, project) in model.projects.iter().enumerate() {
        if project.entity.body.is_some() {
            owners.push((Owner::Project(idx), &project.indicators));
        }
    }
    for (idx, dept) in model.departments.iter().enumerate() {
        if !dept.indicators.is_empty() {
            owners.push((Owner::Department(idx), &dept.indicators));
        }
    }
    for (owner, indicators) in owners {
        let scheme = model.scheme_for(owner);
        // Where the owner's real indicators count (a "无" row counts nowhere).
        let places: Vec<CategoryRef> = indicators
            .iter()
            .map(|&i| &model.indicators[i])
            .filter(|ind| !is_placeholder(ind))
            .filter_map(|ind| ind.category.and_then(|c| effective[c]))
            .collect();
        let satisfied = |req: Requirement| {
            places.iter().any(|place| match (req, *place) {
                (Requirement::Level1(r), CategoryRef::Level1(l1) | CategoryRef::Level2(l1, _)) => {
                    r == l1
                }
                (Requirement::Level2(r1, r2), CategoryRef::Level2(l1, l2)) => (r1, r2) == (l1, l2),
                (Requirement::Level2(..), CategoryRef::Level1(_)) => false,
            })
        };
        let missing: Vec<Requirement> = scheme
            .required
            .iter()
            .copied()
            .filter(|req| !satisfied(*req))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let (entity, tops) = match owner {
            Owner::Project(p) => (model.projects[p].entity, &model.projects[p].categories),
            Owner::Department(d) => (
                model.departments[d].entity,
                &model.departments[d].categories,
            ),
        };
        let name = entity.name.as_ref().map_or("", |n| n.text.as_str());
        let names: Vec<&str> = missing
            .iter()
            .map(|req| scheme.requirement_name(*req))
            .collect();
        let zh_list = names.join("、");
        let en_list = names.join("`, `");
        let sname = &scheme.name;
        let message = match owner {
            Owner::Project(_) => ctx.t(
                format!("项目“{name}”缺少必填类别的指标：{zh_list}"),
                format!("project “{name}” has no indicator in the required {} `{en_list}`", plural(missing.len())),
            ),
            Owner::Department(_) => ctx.t(
                format!("部门“{name}”的部门整体指标缺少必填类别：{zh_list}"),
                format!("the department-level indicators of “{name}” have nothing in the required {} `{en_list}`", plural(missing.len())),
            ),
        };
        let mut d = ctx
            .diagnostic(&META, entity.keyword, message)
            .with_primary_message(ctx.t(
                format!("缺少 {} 类指标", missing.len()),
                format!(
                    "{} required categor{} missing",
                    missing.len(),
                    if missing.len() == 1 { "y" } else { "ies" }
                ),
            ))
            .with_note(ctx.t(
                format!("{sname}体系要求每个类别至少有一项指标；请补充指标。确实不适用时，用 `# ptg: allow(missing-required-category) -- 原因` 说明"),
                format!("the “{sname}” scheme requires at least one indicator in each of these categories; add them, or explain with `# ptg: allow(missing-required-category) -- reason`"),
            ));
        // Point at the 一级 blocks where a missing 二级 belongs.
        let mut labelled = Vec::new();
        for req in &missing {
            let Requirement::Level2(l1, _) = req else {
                continue;
            };
            let Some(&block) = tops
                .iter()
                .find(|&&c| matches!(effective[c], Some(CategoryRef::Level1(x)) if x == *l1))
            else {
                continue;
            };
            let here: Vec<&str> = missing
                .iter()
                .filter(|r| matches!(r, Requirement::Level2(x, _) if x == l1))
                .map(|r| scheme.requirement_name(*r))
                .collect();
            if labelled.contains(&block) {
                continue;
            }
            labelled.push(block);
            let joined_zh = here.join("、");
            let joined_en = here.join("`, `");
            d = d.with_secondary(Label::with_message(
                model.categories[block].ast.name.range,
                ctx.t(
                    format!("{joined_zh}应写在这里"),
                    format!(
                        "`{joined_en}` belong{} here",
                        if here.len() == 1 { "s" } else { "" }
                    ),
                ),
            ));
        }
        out.push(d);
    }
}

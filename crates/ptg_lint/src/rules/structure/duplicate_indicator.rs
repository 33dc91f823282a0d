//! `duplicate-indicator`: the same 三级 name twice in one project.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use ptg_diagnostics::{Diagnostic, Label, Severity};
use ptg_semantic::model::IndicatorInfo;
use ptg_semantic::{Model, Owner};

use super::util::{compare_key, is_placeholder};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "duplicate-indicator",
    code: "L105",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "同一个项目（或同一个部门的部门一级指标）中，三级指标名称出现了两次，哪怕在不同的类别下。",
        why: "同名的指标无法分别考核，往往是复制上一行后忘了改名（平罗县 004 的 8 个项目中有 11 处）；请改为各自具体的名称，或删除重复的一行。",
    },
    en: RuleDocs {
        what: "The same 三级 indicator name twice in one project (or among one department's department-level indicators), even under different categories.",
        why: "Two indicators with one name cannot be assessed apart; usually a row was copied and not renamed (11 times in 8 projects of seed 004). Rename them to what each measures, or delete the copy.",
    },
    bad_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      经济效益指标 {\n        \"道路机械清扫率\" ≥ 90%\n      }\n      可持续影响指标 {\n        \"道路机械清扫率\" ≥ 92%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n体系 通用\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      经济效益指标 {\n        \"道路机械清扫率\" ≥ 90%\n      }\n      可持续影响指标 {\n        \"机械清扫设备完好率\" ≥ 92%\n      }\n    }\n  }\n}\n",
};

fn category_text<'a>(model: &Model<'a>, ind: &IndicatorInfo<'_>) -> &'a str {
    ind.category
        .map_or("", |c| model.source(model.categories[c].ast.name.range))
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let mut first: HashMap<(Owner, String), usize> = HashMap::new();
    for (idx, ind) in model.indicators.iter().enumerate() {
        if is_placeholder(ind) {
            continue;
        }
        let key = compare_key(ind.name());
        if key.is_empty() {
            continue;
        }
        let prev = match first.entry((ind.owner, key)) {
            Entry::Occupied(earlier) => *earlier.get(),
            Entry::Vacant(slot) => {
                slot.insert(idx);
                continue;
            }
        };
        if ind.ast.has_error {
            continue;
        }
        let earlier = &model.indicators[prev];
        let name = ind.name();
        let line = model.line_number(earlier.ast.name.range.start());
        let here = category_text(model, ind);
        let there = category_text(model, earlier);
        let scope = match ind.owner {
            Owner::Project(_) => ctx.pick("本项目", "this project"),
            Owner::Department(_) => ctx.pick("本部门", "this department"),
        };
        let message = if here == there {
            ctx.t(
                format!("三级指标“{name}”在{scope}中重复出现（第一次在第 {line} 行）"),
                format!("indicator “{name}” appears twice in {scope} (first on line {line})"),
            )
        } else {
            ctx.t(
                format!("三级指标“{name}”在{scope}中重复出现：已写在“{there}”下（第 {line} 行），又写在“{here}”下"),
                format!("indicator “{name}” appears twice in {scope}: under “{there}” (line {line}) and again under “{here}”"),
            )
        };
        out.push(
            ctx.diagnostic(&META, ind.ast.name.range, message)
                .with_primary_message(ctx.pick("重复", "duplicate"))
                .with_secondary(Label::with_message(
                    earlier.ast.name.range,
                    ctx.pick("第一次出现", "first here"),
                ))
                .with_note(ctx.pick("同名的指标无法分别考核，往往是复制后忘了改名；请改为各自具体的名称，或删除重复的一行", "two indicators with one name cannot be assessed apart, usually a copied row; rename each to what it measures, or delete the copy")),
        );
    }
}

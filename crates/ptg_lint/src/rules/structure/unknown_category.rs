//! `unknown-category`: a category name that is nowhere in the scheme, even after aliases.

use ptg_diagnostics::{Applicability, Diagnostic, Fix, Severity, TextEdit};
use ptg_semantic::{CategoryRef, Owner};

use super::util::{misfit, suggest, Misfit};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "unknown-category",
    code: "L101",
    group: Group::Structure,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "一级或二级指标类别的名称不在指标体系中（简写、编号写法和别名都已考虑），例如 `数据指标`。会给出最接近的名称。",
        why: "类别决定指标该写什么样的值、哪些类别必填；名称认不出来，其中的指标就无法核对。请改为体系中的名称（`ptg rule unknown-category` 列出规则说明），或在 ptg.toml 中自定义体系。",
    },
    en: RuleDocs {
        what: "A 一级 or 二级 category name that is not in the indicator scheme, even after aliases, short and coded spellings, e.g. `数据指标`. The nearest name is suggested.",
        why: "The category decides which values its indicators need and which categories are required; an unknown name leaves its indicators unchecked. Use a name of the scheme, or declare a custom scheme in ptg.toml.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数据指标 {\n        \"培训人数\" ≥ 100人\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"培训人数\" ≥ 100人\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for (idx, cat) in model.categories.iter().enumerate() {
        if misfit(model, idx) != Some(Misfit::Unknown) {
            continue;
        }
        let scheme = model.category_scheme(cat);
        let name = cat.ast.name.node.text.as_str();
        let written = model.source(cat.ast.name.range);
        let parent = cat.parent.map(|p| &model.categories[p]);
        let parent_l1 = parent.and_then(|p| match p.resolved {
            Some((CategoryRef::Level1(l1), _)) => Some(l1),
            _ => None,
        });
        let deep = parent.is_some() && parent_l1.is_none();
        let slot = if deep {
            Vec::new()
        } else {
            scheme.slot_names(parent_l1)
        };
        let suggestion = suggest(name, &slot);
        let sname = &scheme.name;

        let message = match (parent, parent_l1) {
            (None, _) => ctx.t(
                format!("“{written}”不是{sname}体系的一级指标"),
                format!("“{written}” is not a top-level category of the “{sname}” scheme"),
            ),
            (Some(p), Some(_)) => {
                let pwritten = model.source(p.ast.name.range);
                ctx.t(
                    format!("“{pwritten}”下没有名为“{written}”的二级指标（{sname}体系）"),
                    format!("“{pwritten}” has no second-level category named “{written}” in the “{sname}” scheme"),
                )
            }
            (Some(p), None) => {
                let pwritten = model.source(p.ast.name.range);
                ctx.t(
                    format!("“{written}”写在二级指标“{pwritten}”之内：二级之下只能写三级指标"),
                    format!("“{written}” is nested in the second-level category “{pwritten}”, which holds indicators only"),
                )
            }
        };
        let listing = if slot.is_empty() {
            match parent_l1 {
                Some(l1) => ctx.t(
                    format!(
                        "{sname}体系的“{}”没有二级指标：指标直接写在一级之下",
                        scheme.category_name(CategoryRef::Level1(l1))
                    ),
                    format!(
                        "“{}” has no second-level categories in the “{sname}” scheme: write the indicators directly in it",
                        scheme.category_name(CategoryRef::Level1(l1))
                    ),
                ),
                None => ctx.pick("三级指标写成 `\"名称\" 值`，不能再嵌套类别", "indicators are written `\"name\" value`; categories do not nest deeper").to_string(),
            }
        } else {
            let joined = slot.join("、");
            let joined_en = slot.join("`, `");
            match suggestion {
                Some(s) => ctx.t(
                    format!("是不是“{s}”？此处可用的名称：{joined}"),
                    format!("did you mean “{s}”? The names allowed here: `{joined_en}`"),
                ),
                None if matches!(cat.owner, Owner::Department(_)) => ctx.t(
                    format!("此处可用的名称：{joined}；部门一级的指标使用{sname}体系，项目的指标请写在 `项目` 之内"),
                    format!("the names allowed here: `{joined_en}`; department-level indicators use the “{sname}” scheme, project indicators belong inside a `项目`"),
                ),
                None => ctx.t(
                    format!("此处可用的名称：{joined}；其他体系或自定义体系请在文件头 `体系` 或 ptg.toml 中声明"),
                    format!("the names allowed here: `{joined_en}`; choose another scheme with `体系` or declare a custom one in ptg.toml"),
                ),
            }
        };
        let mut d = ctx
            .diagnostic(&META, cat.ast.name.range, message)
            .with_primary_message(ctx.pick("未知类别", "unknown category"))
            .with_note(listing)
            .with_note(ctx.pick(
                "类别认不出来，其中的指标就无法按类别核对",
                "the indicators of an unknown category cannot be checked against it",
            ));
        if let Some(s) = suggestion {
            // Keep a leading code as written (`11-数据指标` → `11-数量指标`).
            let prefix = written.strip_suffix(name).unwrap_or("");
            let replacement = format!("{prefix}{s}");
            d = d.with_fix(Fix {
                title: ctx.t(format!("改为“{s}”"), format!("rename to “{s}”")),
                edits: vec![TextEdit::replace(cat.ast.name.range, replacement)],
                applicability: Applicability::DisplayOnly,
            });
        }
        out.push(d);
    }
}

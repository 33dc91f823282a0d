//! `misplaced-category`: a category written in the wrong place for the scheme, such as
//! `成本指标` under `产出指标` in 国家2021 (where 成本 is a 一级 of its own).

use ptg_diagnostics::{Diagnostic, Fix, Label, Severity, TextEdit};
use ptg_semantic::model::CategoryInfo;
use ptg_semantic::{CategoryRef, Model, Owner};
use ptg_syntax::ast::Item;

use super::util::{
    after_line, indent_at, match_eol, misfit, only_child, reindent, size, whole_lines, Misfit,
};
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "misplaced-category",
    code: "L102",
    group: Group::Structure,
    severity: Severity::Error,
    fix: FixKind::Unsafe,
    zh: RuleDocs {
        what: "指标类别写错了位置：二级指标放在了别的一级指标之下（国家2021 体系中把 `成本指标` 写在 `产出指标` 之下），或二级指标直接写在项目中。",
        why: "各体系的层级不同（通用体系的成本指标在产出之下，国家2021 的成本指标是一级指标）；放错位置的类别会按错误的类别核对，必填类别也会被误判。不安全修复会把它移到正确的位置（国家2021 的成本指标会放入 `经济成本指标`），请确认。",
    },
    en: RuleDocs {
        what: "A category in the wrong place for the scheme: a 二级 under another 一级 (`成本指标` under `产出指标` in 国家2021), or a 二级 written directly in the project.",
        why: "Schemes differ in their layout (in 通用 成本 sits under 产出; in 国家2021 it is a 一级 of its own); a misplaced category is checked as the wrong kind and the required set is misjudged. The unsafe fix moves it where it belongs (国家2021's 成本指标 gets an `经济成本指标` inside); review it.",
    },
    bad_example: "年度 2024\n体系 国家2021\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"培训人数\" ≥ 100人\n      }\n      成本指标 {\n        \"培训费\" ≤ 10万元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n体系 国家2021\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"培训人数\" ≥ 100人\n      }\n    }\n    成本指标 {\n      经济成本指标 {\n        \"培训费\" ≤ 10万元\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for (idx, cat) in model.categories.iter().enumerate() {
        let Some(Misfit::Misplaced(target)) = misfit(model, idx) else {
            continue;
        };
        let scheme = model.category_scheme(cat);
        let sname = &scheme.name;
        let written = model.source(cat.ast.name.range);
        let parent = cat.parent.map(|p| &model.categories[p]);
        let parent_l1 = parent.and_then(|p| match p.resolved {
            Some((CategoryRef::Level1(l1), _)) => Some(l1),
            _ => None,
        });
        let target_name = scheme.category_name(target);
        let home = match target {
            CategoryRef::Level1(_) => ctx.pick("一级指标", "a top-level category").to_string(),
            CategoryRef::Level2(l1, _) => ctx.t(
                format!("“{}”下的二级指标", scheme.levels[l1].name),
                format!("a second-level category of “{}”", scheme.levels[l1].name),
            ),
        };
        let message = match (parent, target) {
            (None, _) => ctx.t(
                format!("“{written}”在{sname}体系中是{home}，不能直接写在一级的位置"),
                format!("“{written}” is {home} in the “{sname}” scheme and cannot stand as a top-level category"),
            ),
            (Some(p), CategoryRef::Level1(t)) if Some(t) == parent_l1 => {
                let pwritten = model.source(p.ast.name.range);
                match only_child(scheme, t) {
                    Some(child) => {
                        let child = scheme.category_name(child);
                        ctx.t(
                            format!("二级指标“{written}”与所在的一级指标“{pwritten}”同名；{sname}体系中它的二级指标是“{child}”"),
                            format!("second-level “{written}” repeats its top-level category “{pwritten}”; in the “{sname}” scheme that category's second level is “{child}”"),
                        )
                    }
                    None => ctx.t(
                        format!("“{written}”嵌套在同一个一级指标“{pwritten}”之内"),
                        format!("“{written}” is nested in the same top-level category “{pwritten}”"),
                    ),
                }
            }
            (Some(p), _) => ctx.t(
                format!(
                    "“{written}”在{sname}体系中是{home}，不应写在“{}”之下",
                    model.source(p.ast.name.range)
                ),
                format!(
                    "“{written}” is {home} in the “{sname}” scheme, not part of “{}”",
                    model.source(p.ast.name.range)
                ),
            ),
        };
        let mut d = ctx
            .diagnostic(&META, cat.ast.name.range, message)
            .with_primary_message(ctx.pick("位置不对", "misplaced"))
            .with_note(ctx.t(
                format!("放错位置的类别会按错误的类别核对，必填类别也会被误判；{sname}体系中“{target_name}”是{home}"),
                format!("a misplaced category is checked as the wrong kind and the required set is misjudged; in “{sname}”, “{target_name}” is {home}"),
            ));
        if let Some(p) = parent {
            d = d.with_secondary(Label::with_message(
                p.ast.name.range,
                ctx.pick("写在这个类别之下", "written inside this category"),
            ));
        }
        if let Some(fix) = move_fix(ctx, cat, idx, target, parent_l1) {
            d = d.with_fix(fix);
        }
        out.push(d);
    }
}

/// The owner's top-level block that resolved to `level1`, other than `skip`.
fn owner_block<'m, 'a>(
    model: &'m Model<'a>,
    owner: Owner,
    level1: usize,
    skip: usize,
) -> Option<&'m CategoryInfo<'a>> {
    let tops = match owner {
        Owner::Project(p) => &model.projects[p].categories,
        Owner::Department(d) => &model.departments[d].categories,
    };
    tops.iter()
        .filter(|&&c| c != skip)
        .map(|&c| &model.categories[c])
        .find(|c| matches!(c.resolved, Some((CategoryRef::Level1(l1), _)) if l1 == level1))
}

/// The indentation step between two lines' indentations (`"  "` when unclear).
fn unit<'t>(inner: &'t str, outer: &str) -> &'t str {
    match inner.strip_prefix(outer) {
        Some(step) if !step.is_empty() => step,
        _ => "  ",
    }
}

/// Where to insert lines just before the closing `}` line of a block, with the block's
/// indentation; `None` when the `}` does not stand on its own line.
fn before_closing<'t>(text: &'t str, cat: &CategoryInfo<'_>) -> Option<(usize, &'t str)> {
    let r_brace = cat.ast.body.r_brace?;
    let ls = usize::from(r_brace.start()) - indent_at(text, r_brace.start()).len();
    let line_start = text[..usize::from(r_brace.start())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    if ls != line_start {
        return None;
    }
    Some((ls, indent_at(text, cat.ast.range.start())))
}

/// Inserts `new` after the line holding `offset`.
fn insert_after_line(text: &str, offset: text_size::TextSize, new: String) -> TextEdit {
    let (at, had_newline) = after_line(text, offset);
    if had_newline {
        TextEdit::insert(size(at), match_eol(text, new))
    } else {
        TextEdit::insert(
            size(at),
            match_eol(text, format!("\n{}", new.trim_end_matches(['\r', '\n']))),
        )
    }
}

fn move_fix(
    ctx: &RuleContext<'_, '_>,
    cat: &CategoryInfo<'_>,
    idx: usize,
    target: CategoryRef,
    parent_l1: Option<usize>,
) -> Option<Fix> {
    let model = ctx.model;
    let text = model.text;
    let scheme = model.category_scheme(cat);
    if let (Some(_), CategoryRef::Level1(t)) = (cat.parent, target) {
        if parent_l1 == Some(t) {
            // `满意度指标 { 满意度 { … } }` in 国家2021: the 一级's only 二级 was meant.
            let child = scheme.category_name(only_child(scheme, t)?);
            let written = model.source(cat.ast.name.range);
            let prefix = written
                .strip_suffix(cat.ast.name.node.text.as_str())
                .unwrap_or("");
            return Some(Fix::unsafe_(
                ctx.t(format!("改为“{child}”"), format!("rename to “{child}”")),
                vec![TextEdit::replace(
                    cat.ast.name.range,
                    format!("{prefix}{child}"),
                )],
            ));
        }
    }
    let (cs, ce) = whole_lines(text, cat.ast.range)?;
    let chunk = &text[cs..ce];
    if chunk.contains("\"\"\"") {
        return None;
    }
    let cind = indent_at(text, cat.ast.range.start());
    let delete = TextEdit::delete(text_size::TextRange::new(size(cs), size(ce)));
    let target_name = scheme.category_name(target);
    let title = ctx.t(
        format!("移到“{target_name}”的位置"),
        format!("move to where “{target_name}” belongs"),
    );
    match (cat.parent, target) {
        // A 一级 written under another 一级 (国家2021: 成本指标 under 产出指标): move it out,
        // after the enclosing block, and give indicators written directly in it the
        // scheme's first 二级 (经济成本指标).
        (Some(p), CategoryRef::Level1(t)) if parent_l1.is_some_and(|l1| l1 != t) => {
            let parent = &model.categories[p];
            whole_lines(text, parent.ast.range)?;
            let r_brace = parent.ast.body.r_brace?;
            let pind = indent_at(text, parent.ast.range.start());
            let step = unit(cind, pind);
            let level = &scheme.levels[t];
            let holds_categories = cat
                .ast
                .body
                .items
                .iter()
                .any(|item| matches!(item, Item::Category(_)));
            let moved = match level.children.first() {
                Some(first) if !holds_categories => {
                    wrap_body(text, cat, cs, ce, cind, pind, step, &first.name)?
                }
                _ => reindent(chunk, cind, pind),
            };
            Some(Fix::unsafe_(
                title,
                vec![delete, insert_after_line(text, r_brace.start(), moved)],
            ))
        }
        // A 二级 under the wrong 一级, or in a 一级 slot: into the owner's block of the
        // right 一级 when there is one, else wrapped in a new block of it.
        (parent, CategoryRef::Level2(t1, _)) => {
            if let Some(home) = owner_block(model, cat.owner, t1, idx) {
                if let Some((at, hind)) = before_closing(text, home) {
                    let inner = format!("{hind}{}", unit_of(text, home, hind));
                    return Some(Fix::unsafe_(
                        title,
                        vec![
                            delete,
                            TextEdit::insert(
                                size(at),
                                match_eol(text, reindent(chunk, cind, &inner)),
                            ),
                        ],
                    ));
                }
            }
            let l1_name = &scheme.levels[t1].name;
            match parent {
                // Nested in a 二级: no mechanical place to put a new 一级 block.
                Some(_) if parent_l1.is_none() => None,
                Some(p) => {
                    let parent = &model.categories[p];
                    whole_lines(text, parent.ast.range)?;
                    let r_brace = parent.ast.body.r_brace?;
                    let pind = indent_at(text, parent.ast.range.start());
                    let step = unit(cind, pind);
                    let moved = format!(
                        "{pind}{l1_name} {{\n{}{pind}}}\n",
                        reindent(chunk, cind, &format!("{pind}{step}"))
                    );
                    Some(Fix::unsafe_(
                        title,
                        vec![delete, insert_after_line(text, r_brace.start(), moved)],
                    ))
                }
                None => {
                    let owner_kw = match cat.owner {
                        Owner::Project(p) => model.projects[p].entity.keyword,
                        Owner::Department(d) => model.departments[d].entity.keyword,
                    };
                    let step = unit(cind, indent_at(text, owner_kw.start()));
                    let wrapped = format!(
                        "{cind}{l1_name} {{\n{}{cind}}}\n",
                        reindent(chunk, cind, &format!("{cind}{step}"))
                    );
                    Some(Fix::unsafe_(
                        title,
                        vec![TextEdit::replace(
                            text_size::TextRange::new(size(cs), size(ce)),
                            match_eol(text, wrapped),
                        )],
                    ))
                }
            }
        }
        _ => None,
    }
}

/// The indentation step inside a block: its first item's indentation minus its own.
fn unit_of<'t>(text: &'t str, block: &CategoryInfo<'_>, own: &str) -> &'t str {
    match block.ast.body.items.first() {
        Some(item) => {
            let inner = indent_at(text, item.range().start());
            match inner.strip_prefix(own) {
                Some(step) if !step.is_empty() => step,
                _ => "  ",
            }
        }
        None => "  ",
    }
}

/// The block moved to the parent's indentation with its body wrapped in `first { … }`.
#[expect(
    clippy::too_many_arguments,
    reason = "the pieces of one text transformation"
)]
fn wrap_body(
    text: &str,
    cat: &CategoryInfo<'_>,
    cs: usize,
    ce: usize,
    cind: &str,
    pind: &str,
    step: &str,
    first: &str,
) -> Option<String> {
    let body = &cat.ast.body;
    let r_brace = body.r_brace?;
    let (after_open, _) = after_line(text, body.l_brace.start());
    let close_line = text[..usize::from(r_brace.start())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let after_brace = text[usize::from(body.l_brace.end())..after_open].trim();
    let multi_line = after_open <= close_line
        && (after_brace.is_empty() || after_brace.starts_with(['#', '＃']))
        && text[close_line..usize::from(r_brace.start())]
            .trim()
            .is_empty();
    if multi_line {
        let header = reindent(&text[cs..after_open], cind, pind);
        let inner = &text[after_open..close_line];
        let closing = reindent(&text[close_line..ce], cind, pind);
        Some(format!(
            "{header}{pind}{step}{first} {{\n{inner}{pind}{step}}}\n{closing}"
        ))
    } else {
        let head = &text[usize::from(cat.ast.range.start())..usize::from(body.l_brace.end())];
        let inner = &text[usize::from(body.l_brace.end())..usize::from(r_brace.start())];
        let tail = &text[usize::from(r_brace.start())..ce];
        let inner = if inner.trim().is_empty() {
            " ".to_string()
        } else {
            inner.to_string()
        };
        let mut out = format!("{pind}{head} {first} {{{inner}}} {tail}");
        if !out.ends_with('\n') {
            out.push('\n');
        }
        Some(out)
    }
}

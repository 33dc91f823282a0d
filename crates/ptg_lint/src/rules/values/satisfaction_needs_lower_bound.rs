//! `satisfaction-needs-lower-bound`: a satisfaction target not written as `≥`/`>` a
//! percentage (`县城区居民满意度 95%`, `满意度 “是”`, `≥13人`).

use ptg_diagnostics::{Diagnostic, Fix, Label, Severity, TextEdit};
use ptg_semantic::UnitKind;
use ptg_syntax::ast::{CmpOp, ValueKind};

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "satisfaction-needs-lower-bound",
    code: "L211",
    group: Group::Values,
    severity: Severity::Warning,
    fix: FixKind::Safe,
    zh: RuleDocs {
        what: "满意度指标的值不是 `≥ X%`（或 `> X%`）形式的百分比下限，例如 `县城区居民满意度 95%`、`满意度 “是”`、`≥13人`。只检查满意度一级之下的指标；只写了百分比时可自动加上 `≥`。",
        why: "满意度来自问卷调查，结果是一个比例，目标应是“不低于”某个比例：`95%` 意味着 96% 反而不达标，“是”和人数则无法与调查结果比较。",
    },
    en: RuleDocs {
        what: "A satisfaction value that is not a percent lower bound `≥ X%` (or `> X%`), e.g. `县城区居民满意度 95%`, `满意度 “是”`, `≥13人`. Only indicators under the satisfaction 一级 are checked; a bare percentage has a safe fix adding `≥`.",
        why: "Satisfaction comes from a survey whose result is a share, so the target is “at least” a share: `95%` would make 96% a miss, and “yes” or a head count cannot be compared with a survey result.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 {\n        \"县城区居民满意度\" 95%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 {\n        \"县城区居民满意度\" ≥ 95%\n        \"受益群众满意度\" 90%以上\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if !ctx.model.is_satisfaction(indicator) {
            continue;
        }
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let percent = util::value_kind(ctx.model, value) == Some(UnitKind::Percent);
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let (problem, fix) = match &value.kind {
            ValueKind::Bound { cmp, .. } if percent && matches!(cmp.op, CmpOp::Ge | CmpOp::Gt) => {
                continue;
            }
            ValueKind::Exact(_) if percent => (
                ctx.pick(
                    "只写了百分比，没有写成下限",
                    "a bare percentage, not a lower bound",
                )
                .to_string(),
                Some(Fix::safe(
                    ctx.t(
                        format!("改为 `≥ {written}`"),
                        format!("change to `≥ {written}`"),
                    ),
                    vec![TextEdit::insert(value.range.start(), "≥ ")],
                )),
            ),
            ValueKind::Bound { cmp, .. } if percent => {
                let problem = match cmp.op {
                    CmpOp::Le | CmpOp::Lt => ctx
                        .pick("写成了上限", "written as an upper bound")
                        .to_string(),
                    CmpOp::Eq => ctx
                        .pick(
                            "写成了等于，没有写成下限",
                            "written as “equal to”, not as a lower bound",
                        )
                        .to_string(),
                    _ => ctx.pick("写成了约数", "written as approximate").to_string(),
                };
                (problem, None)
            }
            ValueKind::Range { .. } if percent => (
                ctx.pick("写成了范围", "written as a range").to_string(),
                None,
            ),
            _ => {
                let what = util::describe(ctx, value);
                (
                    ctx.t(
                        format!("不是百分比，而是{what}"),
                        format!("not a percentage but {what}"),
                    ),
                    None,
                )
            }
        };
        let mut diagnostic = ctx
            .diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("满意度指标“{name}”的值 `{written}` 不是百分比下限：{problem}"),
                    format!("the satisfaction value `{written}` of “{name}” is not a percent lower bound: {problem}"),
                ),
            )
            .with_primary_message(ctx.pick("应为 `≥ X%`", "expected `≥ X%`"))
            .with_secondary(Label::with_message(
                indicator.ast.name.range,
                ctx.pick("满意度指标", "a satisfaction indicator"),
            ))
            .with_note(ctx.pick("满意度来自问卷调查，目标应写成“不低于”某个比例，如 `≥ 90%`", "satisfaction is measured by a survey: state the share it must reach, e.g. `≥ 90%`"));
        if let Some(fix) = fix {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

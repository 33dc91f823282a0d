//! `satisfaction-min`: a percent satisfaction target below the scheme's minimum
//! (`满意度下限`, 85% by default), e.g. `康复服务对象满意度 ≥80%`.

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_syntax::ast::{CmpOp, ValueKind};

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "satisfaction-min",
    code: "L210",
    group: Group::Values,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "满意度指标的百分比目标低于体系的满意度下限（默认 85%，ptg.toml 中自定义体系可用 `满意度下限` 调整），例如 `康复服务对象满意度 ≥80%`。只检查满意度一级之下的指标。",
        why: "满意度目标定得太低，等于预先接受五分之一的服务对象不满意，审核时会被要求调高；通行的下限是 85%，多数项目写 90% 以上。",
    },
    en: RuleDocs {
        what: "A percent satisfaction target below the scheme's minimum (85% by default; custom schemes in ptg.toml set `满意度下限`), e.g. `康复服务对象满意度 ≥80%`. Only indicators under the satisfaction 一级 are checked.",
        why: "A low satisfaction target accepts in advance that one in five beneficiaries is dissatisfied, and reviewers send it back; the usual minimum is 85%, most projects write 90% or more.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 {\n        \"康复服务对象满意度\" ≥ 80%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 {\n        \"康复服务对象满意度\" ≥ 90%\n      }\n    }\n  }\n}\n",
};

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        if !ctx.model.is_satisfaction(indicator) {
            continue;
        }
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        // The target's lower end; an upper bound is satisfaction-needs-lower-bound's.
        let percent = match &value.kind {
            ValueKind::Bound { cmp, quantity } if !matches!(cmp.op, CmpOp::Le | CmpOp::Lt) => {
                util::percent_of(ctx.model, quantity)
            }
            ValueKind::Exact(quantity) => util::percent_of(ctx.model, quantity),
            // `85%~95%`, or `85~95%`: the lower end takes the upper end's unit.
            ValueKind::Range { lo, hi, .. } if lo.unit.is_none() => {
                util::percent_of(ctx.model, hi).and(Some(lo.number.node))
            }
            ValueKind::Range { lo, .. } => util::percent_of(ctx.model, lo),
            _ => None,
        };
        let Some(percent) = percent else {
            continue;
        };
        let scheme = ctx.model.indicator_scheme(indicator);
        let min = scheme.satisfaction_min;
        if percent >= min {
            continue;
        }
        let name = indicator.name();
        let written = ctx.model.source(value.range);
        let (shown, min_shown) = (util::percent_text(percent), util::percent_text(min));
        let scheme_name = &scheme.name;
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("满意度指标“{name}”的目标 `{written}` 低于满意度下限 {min_shown}"),
                    format!("the satisfaction target `{written}` of “{name}” is below the minimum of {min_shown}"),
                ),
            )
            .with_primary_message(ctx.t(
                format!("{shown} < {min_shown}"),
                format!("{shown} < {min_shown}"),
            ))
            .with_note(ctx.t(
                format!("体系“{scheme_name}”要求满意度目标不低于 {min_shown}；目标过低等于预先接受大量服务对象不满意。请调高目标，或在 ptg.toml 中调整 `满意度下限`"),
                format!("the scheme “{scheme_name}” expects satisfaction targets of at least {min_shown}; a low target accepts many dissatisfied beneficiaries in advance. Raise it, or adjust `满意度下限` in ptg.toml"),
            )),
        );
    }
}

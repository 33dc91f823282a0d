//! `one-indicator-per-row`: several metrics listed in one indicator's name
//! (`环境卫生保洁率、路灯亮化率、垃圾清运转运完成率`) under one target value.

use ptg_diagnostics::{Diagnostic, Severity};

use crate::facts::trim_name;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "one-indicator-per-row",
    code: "L111",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "一个指标名称用 `、` 列出了两个以上的指标，且每一段都以指标词结尾（率、度、比例、占比、数、量），却只有一个指标值，例如 `环境卫生保洁率、路灯亮化率、垃圾清运转运完成率 ≥96%`。`机关干部、政协委员满意度` 这样的并列主语不算。",
        why: "几个指标共用一个值，就无法分别考核：保洁率达标而亮化率不达标时，这一行算完成吗？请拆成每行一个指标，各写各的值。",
    },
    en: RuleDocs {
        what: "An indicator name that lists two or more metrics separated by `、`, each ending in a metric word (率, 度, 比例, 占比, 数, 量), under one target value, e.g. `环境卫生保洁率、路灯亮化率、垃圾清运转运完成率 ≥96%`. Joint subjects such as `机关干部、政协委员满意度` are one metric.",
        why: "Metrics sharing one value cannot be assessed separately: is the row met when one rate is reached and another is not? Split it, one indicator per row, each with its own value.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"垃圾清运及时率、损毁市政设施维修及时率\" ≥ 95%\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      质量指标 {\n        \"垃圾清运及时率\" ≥ 95%\n        \"损毁市政设施维修及时率\" ≥ 95%\n        \"机关干部、政协委员满意度\" ≥ 90%\n      }\n    }\n  }\n}\n",
};

/// Words a metric's name ends in.
const METRIC_ENDINGS: [&str; 6] = ["率", "度", "比例", "占比", "数", "量"];
/// Words ending like a metric that are not one.
const NOT_METRICS: [&str; 3] = ["制度", "年度", "季度"];

fn is_metric(segment: &str) -> bool {
    let segment = trim_name(segment).trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '，' | '；' | '.' | ',' | ';' | '等')
    });
    METRIC_ENDINGS.iter().any(|end| segment.ends_with(end))
        && !NOT_METRICS.iter().any(|end| segment.ends_with(end))
        && segment.chars().count() >= 2
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for ind in ctx.indicators() {
        let name = ind.name();
        let segments: Vec<&str> = name.split('、').map(str::trim).collect();
        if segments.len() < 2 || !segments.iter().all(|s| is_metric(s)) {
            continue;
        }
        let count = segments.len();
        let listed = segments
            .iter()
            .map(|s| format!("“{s}”"))
            .collect::<Vec<_>>();
        out.push(
            ctx.diagnostic(
                &META,
                ind.ast.name.range,
                ctx.t(
                    format!("一行写了 {count} 个指标：{}", listed.join("、")),
                    format!("one row holds {count} indicators: {}", listed.join(", ")),
                ),
            )
            .with_primary_message(ctx.t(
                format!("{count} 个指标共用一个值"),
                format!("{count} indicators share one value"),
            ))
            .with_note(ctx.pick("几个指标共用一个值就无法分别考核；请拆成每行一个指标，各写各的值", "metrics sharing one value cannot be assessed separately; split them into one row each, with its own value")),
        );
    }
}

//! `vague-value`: a qualitative indicator value built on a vague word (`有所减轻`,
//! `有效改善`, `逐步提升`).

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_syntax::ast::ValueKind;

use super::util;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "vague-value",
    code: "L206",
    group: Group::Values,
    severity: Severity::Info,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "定性指标值含有含糊的词：有所、有效、逐步、进一步、显著、明显、良好、较好、持续、不断、稳步、大力、全力、积极、基本、一定、极大（`有所减轻`、`有效改善`）。只检查指标值，不检查目标和描述。",
        why: "“有效改善”“逐步提升”说不清改善多少、到什么程度，年底无法据此判断是否完成。能量化的请写数值或比率（`≥ 10%`），不能量化的请写明可以核对的完成标志。",
    },
    en: RuleDocs {
        what: "A qualitative indicator value containing a vague word: 有所 有效 逐步 进一步 显著 明显 良好 较好 持续 不断 稳步 大力 全力 积极 基本 一定 极大 (`有所减轻`, `有效改善`). Only indicator values are checked, not goals or descriptions.",
        why: "“Effectively improved” or “gradually raised” do not say by how much, so at the year's end nobody can tell whether the target was met. Quantify where possible (`≥ 10%`); otherwise state an observable completion criterion.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      社会效益指标 {\n        \"享受补贴人员生活水平\" \"有所保障\"\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    效益指标 {\n      社会效益指标 {\n        \"享受补贴人员生活水平\" \"不低于当地最低生活保障标准\"\n        \"基本公共卫生服务覆盖\" \"全覆盖\"\n      }\n    }\n  }\n}\n",
};

/// The vague words of DOMAIN.md §4.
const VAGUE: [&str; 17] = [
    "有所",
    "有效",
    "逐步",
    "进一步",
    "显著",
    "明显",
    "良好",
    "较好",
    "持续",
    "不断",
    "稳步",
    "大力",
    "全力",
    "积极",
    "基本",
    "一定",
    "极大",
];

/// Terms that contain a vague word without being vague: nouns and fixed expressions.
const TERMS: [&str; 18] = [
    "有效期",
    "有效性",
    "可持续",
    "积极性",
    "基本公共",
    "基本医疗",
    "基本养老",
    "基本生活",
    "基本农田",
    "基本建设",
    "基本支出",
    "基本药物",
    "基本公卫",
    "基本医保",
    "基本保障",
    "基本服务",
    "基本康复",
    "基本情况",
];

/// The first vague word in `text` that is not part of a fixed term, with its byte offset.
/// One scan: a term starting at a position is skipped whole, so a vague word inside it
/// (`有效` in `有效期`) does not count.
fn vague_word(text: &str) -> Option<(usize, &'static str)> {
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if let Some(term) = TERMS.iter().find(|term| rest.starts_with(*term)) {
            at += term.len();
            continue;
        }
        if let Some(word) = VAGUE.iter().find(|word| rest.starts_with(*word)) {
            return Some((at, word));
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for indicator in ctx.indicators() {
        let Some(value) = util::value_of(indicator) else {
            continue;
        };
        let ValueKind::Qualitative(text) = &value.kind else {
            continue;
        };
        let Some((_, word)) = vague_word(&text.text) else {
            continue;
        };
        let name = indicator.name();
        let shown = &text.text;
        out.push(
            ctx.diagnostic(
                &META,
                value.range,
                ctx.t(
                    format!("指标“{name}”的值“{shown}”含糊（“{word}”），无法判断是否完成"),
                    format!("the value “{shown}” of “{name}” is vague (“{word}”): nobody can tell whether it was met"),
                ),
            )
            .with_primary_message(ctx.t(format!("含糊：“{word}”"), format!("vague: “{word}”")))
            .with_note(ctx.pick("能量化的请写数值或比率（如 `≥ 10%`、`≥ 500户`），不能量化的请写明可以核对的完成标志", "quantify where possible (e.g. `≥ 10%`, `≥ 500户`); otherwise state an observable completion criterion")),
        );
    }
}

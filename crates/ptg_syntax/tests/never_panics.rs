//! Property: any input lexes and parses without panicking, tokens tile the text, and
//! every range in the result lies inside the text on char boundaries. The check is the
//! `parse` fuzz target's (`fuzz/checks/parse.rs`); the inputs the fuzzer found are replayed
//! from `tests/fuzz-regressions/parse/`.

use proptest::prelude::*;

#[path = "../../../fuzz/checks/parse.rs"]
mod parse_check;

use parse_check::check_text as check;

/// Fragments of PTG, to reach deep into the grammar more often than random text does.
const FRAGMENTS: &[&str] = &[
    "年度 2024\n",
    "体系 国家2021\n",
    "金额单位 万元\n",
    "部门 ",
    "项目 ",
    "单位 ",
    "\"名称\" ",
    "“名称” ",
    "{",
    "}",
    "\n",
    " ",
    "资金 118.8万元 ",
    "政府预算资金 ",
    "产出指标 ",
    "数量指标 ",
    "1-产出指标 ",
    "≥ ",
    ">=",
    "=>",
    "90%",
    "以上",
    "左右",
    "0~150000吨",
    "2024-12-31前",
    "2024年12月底前",
    "12月底",
    "10日前",
    "全年",
    "每月10日前",
    "30个工作日内",
    "\"有所减轻\"",
    "描述 ",
    "依据 ",
    "# 注释\n",
    "# ptg: allow(x) -- 原因\n",
    "\"未结束",
    "\"\"\"块\n",
    "负责人 ",
    "支出计划 25% 50% ",
    "任务 \"a\" \"b\"",
    "预算 1元 ",
    "来源 ",
    "结构 ",
    "基本支出 1元 ",
    "合计 ",
    "😀",
    "\u{FEFF}",
    "\r\n",
    "\r",
    "\u{0}",
    "－",
    "９０％",
    "元/人/月",
    "万",
    "至",
    "-5",
    "99999999999999999999999999999999999999999",
    "（",
    "）",
    "、",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn fragment_soup_never_panics(text in fragments()) {
        check(&text);
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    // Deeply nested category blocks: recursion depth grows with nesting.
    let text = format!("部门 \"a\" {{ {} }}", "产出指标 { ".repeat(2000));
    check(&text);
}

#[path = "../../../fuzz/checks/replay.rs"]
mod replay;

#[test]
fn fuzz_regressions() {
    replay::replay("parse", parse_check::check);
}

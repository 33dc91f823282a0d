//! No feature panics at any offset: every char boundary, offsets inside characters, past
//! the end; every range returned lies on char boundaries inside the text.

use super::*;

const FIX_ALL: &str = include_str!("../../../../tests/ide/fix-all.ptg");

fn check_range(text: &str, range: TextRange, what: &str) {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    assert!(start <= end && end <= text.len(), "{what}: {range:?}");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {range:?} not on char boundaries"
    );
}

fn exercise(text: &str) {
    let doc = doc(text);
    let len = text.len();
    for offset in 0..=len + 3 {
        let at = TextSize::try_from(offset).unwrap();
        for item in doc.completions(at) {
            check_range(text, item.replace, "completion");
        }
        if let Some(hover) = doc.hover(at) {
            check_range(text, hover.range, "hover");
        }
        for range in doc.definition(at) {
            check_range(text, range, "definition");
        }
        let end = TextSize::try_from((offset + 7).min(len + 3)).unwrap();
        for action in doc.code_actions(TextRange::new(at, end)) {
            for edit in &action.edits {
                check_range(text, edit.range, "action");
            }
        }
    }
    for symbol in doc.symbols() {
        check_range(text, symbol.range, "symbol");
    }
    for fold in doc.folding_ranges() {
        check_range(text, fold.range, "fold");
    }
    if let Some(action) = doc.fix_all() {
        check_range(text, action.edits[0].range, "fix all");
    }
    let _ = doc.format();
}

#[test]
fn every_offset_of_a_real_document() {
    exercise(FIX_ALL);
}

#[test]
fn every_offset_of_broken_documents() {
    for text in [
        "",
        "🙂",
        "体系 ",
        "年度 2024\n部门 \"某局🙂\" {\n  项目 \"甲 {\n    产出指标 {\n      数量指标 { \"人数\" ≥ 10",
        "部门 “某局” {\r\n  项目 \"乙😀\" {\r\n    资金 => 3万元\r\n    满意度指标 { 服务对象满意度 { \"满意度\" 95% } }\r\n  }\r\n}\r\n",
        "项目 \"x\" { 产出 { 数量 { \"a\" ≥ 1万 } } } }}} {{{ \"\"\"未结束\n的块字符串",
        "单位 \"u\" { 合计 1元 项目 \"p\" { 资金 1元 } }\n# a\n# b\n＃ c",
    ] {
        exercise(text);
    }
}

//! Folding ranges: blocks over several lines, runs of own-line comments, block strings.

use super::*;

#[track_caller]
fn check(text: &str, expected: &str) {
    let mut out = String::new();
    for fold in doc(text).folding_ranges() {
        let first = show_range(text, TextRange::empty(fold.range.start()));
        let last = show_range(text, TextRange::empty(fold.range.end()));
        out.push_str(&format!(
            "{}..{}{}\n",
            first.trim_end_matches(": "),
            last.trim_end_matches(": "),
            if fold.is_comment { " comment" } else { "" }
        ));
    }
    expect(&out, expected);
}

#[test]
fn blocks_comments_and_block_strings() {
    check(
        r#"# 洛阳市西工区 🙂
# 2024 年部门整体
年度 2024
部门 "西工区教育局😀" {
  # 一行注释不折叠
  项目 "校园安保" {
    资金 30万元 { 政府预算资金 30万元 }
    用途 """第一行
第二行"""
    产出指标 {
      数量指标 { "安保人员数" ≥ 40人 }
      质量指标 {
        "持证上岗率" ≥ 95% {
          描述 "持证人数 / 安保人员数"
        }
      }
    } # 行尾注释
    # 连续两行
    # 注释折叠
  }
}
"#,
        "
1..2 comment
4..21
6..20
8..9
10..17
12..16
13..15
18..19 comment
",
    );
}

#[test]
fn unclosed_blocks_fold_to_their_last_item() {
    check(
        "部门 \"某局🙂\" {\n  项目 \"甲\" {\n    目标 \"x\"\n",
        "1..3\n2..3",
    );
}

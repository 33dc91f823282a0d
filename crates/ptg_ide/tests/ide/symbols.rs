//! Document symbols: the outline 部门 → 单位 → 项目 → categories → indicators.

use ptg_ide::Symbol;

use super::*;

fn render(text: &str, symbols: &[Symbol], depth: usize, out: &mut String) {
    for symbol in symbols {
        assert!(symbol.range.contains_range(symbol.selection), "{symbol:?}");
        assert!(!symbol.name.is_empty());
        out.push_str(&"  ".repeat(depth));
        out.push_str(&format!("{:?} {}", symbol.kind, symbol.name));
        if let Some(detail) = &symbol.detail {
            out.push_str(&format!(" ({detail})"));
        }
        out.push_str(&format!(
            " @{}",
            show_range(text, symbol.selection)
                .split(':')
                .next()
                .unwrap()
        ));
        out.push('\n');
        render(text, &symbol.children, depth + 1, out);
    }
}

#[track_caller]
fn check(text: &str, expected: &str) {
    let mut out = String::new();
    render(text, &doc(text).symbols(), 0, &mut out);
    expect(&out, expected);
}

#[test]
fn outline_of_departments_units_projects_categories_indicators() {
    check(
        r#"# 洛阳市西工区 🙂
年度 2024
体系 通用
金额单位 元
部门 "西工区教育局😀" {
  编码 "290"
  预算 7,395,500元 {
    结构 {
      基本支出 6,000,000元
      项目支出 1,395,500元
    }
  }
  履职目标 "办好人民满意的教育"
  产出指标 {
    重点工作任务完成 {
      "“三公经费”控制率" ≤ 100%
    }
  }
  单位 "西工区教育局本级" {
    编码 "290018"
    合计 1,131,000元
    项目 "校园安保" {
      资金 1,139,800元
      产出 {
        数量 { "安保人员数" ≥ 40人 }
        11-时效指标 { "" 2024年底前 }
      }
    }
  }
  项目 {
  }
}
"#,
        "
Field 年度 (2024) @2
Field 体系 (通用) @3
Field 金额单位 (元) @4
Department 西工区教育局😀 (预算 7,395,500元) @5
  Category 产出指标 @14
    Category 重点工作任务完成 @15
      Indicator “三公经费”控制率 (≤ 100%) @16
  BudgetUnit 西工区教育局本级 (合计 1,131,000元) @19
    Project 校园安保 (资金 1,139,800元) @22
      Category 产出 (产出指标) @24
        Category 数量 (数量指标) @25
          Indicator 安保人员数 (≥ 40人) @25
        Category 11-时效指标 (时效指标) @26
          Indicator （空） (2024年底前) @26
  Project （未命名） @30
",
    );
}

#[test]
fn english_placeholders() {
    let text = "部门 \"某局🙂\" {\n  项目 {\n  }\n}\n";
    let symbols = doc_en(text).symbols();
    assert_eq!(symbols[0].children[0].name, "(unnamed)");
}

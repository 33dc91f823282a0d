//! Go to definition: duplicate indicators, roll-up totals.

use super::*;

#[track_caller]
fn check(fixture: &str, expected: &str) {
    let (text, at) = cursor(fixture);
    let mut out = String::new();
    for range in doc(&text).definition(at) {
        out.push_str(&show_range(&text, range));
        out.push('\n');
    }
    expect(&out, expected);
}

const DUPLICATES: &str = r#"年度 2024
体系 通用
部门 "平罗县城市管理局🙂" {
  项目 "环境卫生😀" {
    资金 100万元
    效益指标 {
      经济效益指标 {
        "道路机械清扫率" ≥ 90%
      }
      可持续影响指标 {
        "道路机械清扫率" ≥ 92% # 复制后忘了改名🙂
        "道路 机械清扫率" ≥ 93%
      }
    }
  }
  项目 "园林绿化" {
    资金 50万元
    效益指标 {
      社会效益指标 {
        "道路机械清扫率" ≥ 80%
      }
    }
  }
}
"#;

#[test]
fn duplicate_indicator_goes_to_its_first_occurrence() {
    check(
        &DUPLICATES.replace("\"道路机械清扫率\" ≥ 92%", "\"道路机械$0清扫率\" ≥ 92%"),
        "8: \"道路机械清扫率\"",
    );
    // From the first occurrence: the repetitions in the same project, not elsewhere.
    check(
        &DUPLICATES.replace("\"道路机械清扫率\" ≥ 90%", "\"$0道路机械清扫率\" ≥ 90%"),
        "
11: \"道路机械清扫率\"
12: \"道路 机械清扫率\"
",
    );
    check(
        &DUPLICATES.replace("\"道路机械清扫率\" ≥ 80%", "\"道路机械清扫率\"$0 ≥ 80%"),
        "",
    );
}

const ROLLUP: &str = r#"年度 2024
金额单位 元
部门 "西工区教育局🙂" {
  预算 2,000,000元 {
    结构 {
      基本支出 500,000元
      项目支出 1,500,000元
    }
  }
  单位 "西工区教育局本级😀" {
    编码 "290018"
    合计 1,131,000元 # 与项目资金之和不符🙂
    项目 "校园安保" {
      资金 1,139,800元
    }
    项目 "学生资助" {
      编码 "X"
    }
  }
  单位 "第二中学" {
    合计 200,000元
  }
  项目 "教师培训" {
    资金 160,200元 {
      政府预算资金 160,200元
    }
  }
}
"#;

#[test]
fn rollup_total_goes_to_the_projects_it_sums() {
    check(
        &ROLLUP.replace("合计 1,131,000元", "合计 1,131,$0000元"),
        "
14: 资金 1,139,800元
16: \"学生资助\"
",
    );
    // The department's 项目支出: its own projects, the projects of its units, and the
    // total of a unit that lists none.
    check(
        &ROLLUP.replace("项目支出 1,500,000元", "项目支出$0 1,500,000元"),
        "
24: 资金 160,200元
14: 资金 1,139,800元
16: \"学生资助\"
21: 合计 200,000元
",
    );
    check(&ROLLUP.replace("基本支出", "基本$0支出"), "");
}

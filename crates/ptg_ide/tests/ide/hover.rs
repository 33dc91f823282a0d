//! Hover: categories, values, fields, entities, and the docs of the rules under the cursor.

use super::*;

/// `{docs:RULE}` in an expectation stands for the rule's Chinese docs (what, why), so
/// that the expectations do not repeat the rule catalogue.
fn with_rule_docs(expected: &str) -> String {
    let mut out = expected.to_string();
    while let Some(start) = out.find("{docs:") {
        let end = start + out[start..].find('}').unwrap();
        let name = &out[start + 6..end];
        let meta = ptg_lint::registry::find(name).unwrap().meta;
        let docs = format!("{}\n\n{}", meta.zh.what, meta.zh.why);
        out.replace_range(start..=end, &docs);
    }
    out
}

#[track_caller]
fn check(fixture: &str, expected: &str) {
    let (text, at) = cursor(fixture);
    let actual = match doc(&text).hover(at) {
        Some(hover) => format!("[{}]\n{}", &text[hover.range], hover.markdown),
        None => "(none)".to_string(),
    };
    expect(&actual, &with_rule_docs(expected));
}

fn project(body: &str) -> String {
    format!(
        "年度 2024\n体系 国家2021\n部门 \"某局🙂\" {{\n  项目 \"康复救助😀\" {{\n    资金 118.8万元 {{\n      政府预算资金 118.8万元\n    }}\n    目标 \"为儿童提供康复服务\"\n{body}\n  }}\n}}\n"
    )
}

#[test]
fn category_definition_and_expected_kind() {
    check(
        &project("    产出指标 {\n      数$0量 {\n        \"得到康复服务的儿童数🙂\" ≥ 165人\n      }\n    }"),
        "
[数量]
**数量指标**：体系 国家2021 的二级指标，属于 产出指标

数量指标的值应是带单位的数量，写成下限 `≥ 165人` 或确数 `144个`；不宜写百分比或定性表述。

必填：本体系要求其中至少有一个指标。

`数量` 是 `数量指标` 的别名写法，格式化时改写为规范名称。
",
    );
    check(
        &project("    $0满意度指标 {\n      服务对象满意度指标 {\n        \"家长满意度🙂\" ≥ 90%\n      }\n    }"),
        "
[满意度指标]
**满意度指标**：体系 国家2021 的一级指标

二级指标：服务对象满意度指标

满意度指标的值应是百分比下限，如 `≥ 90%`；不低于体系规定的满意度下限。本体系的满意度下限为 85%。
",
    );
    check(
        &project(
            "    产出指标 {\n      $0成本指标 {\n        \"项目成本🙂\" ≤ 1万元\n      }\n    }",
        ),
        "
[成本指标]
**成本指标**：不是体系 国家2021 在这一位置允许的类别

允许：数量指标、质量指标、时效指标

---

**misplaced-category** `L102` · 错误

{docs:misplaced-category}
",
    );
}

#[test]
fn values_are_read() {
    // The examples of the issue.
    check(
        &project("    成本指标 {\n      经济成本指标 {\n        \"项目成本🙂\" ≤ 118.8$0万元\n      }\n    }"),
        "
[≤ 118.8万元]
`≤ 118.8万元` 读作：上限 118.8万元 = 1,188,000元

本类别期望：成本：金额（元、万元），或单位金额（元/人）
",
    );
    check(
        &project(
            "    产出指标 {\n      时效指标 {\n        \"完成时间🙂\" 2024年底$0前\n      }\n    }",
        ),
        "
[2024年底前]
`2024年底前` 读作：2024-12-31 之前

本类别期望：时效：期限、期间或百分比（及时率）
",
    );
    check(
        &project("    产出指标 {\n      质量指标 {\n        \"建档率🙂\" $0≥ 90%\n      }\n    }"),
        "
[≥ 90%]
`≥ 90%` 读作：下限 90%

本类别期望：质量：百分比或定性表述
",
    );
    check(
        &project("    产出指标 {\n      数量指标 {\n        \"受益人数🙂\" 1.5万人$0以上\n      }\n    }"),
        "
[1.5万人以上]
`1.5万人以上` 读作：下限 1.5万人 = 15,000人

本类别期望：数量：带单位的数量（人、个、次…）
",
    );
    check(
        &project("    产出指标 {\n      时效指标 {\n        \"结算时间🙂\" $012月底前\n        \"办结时限\" 30个工作日内\n      }\n    }"),
        "
[12月底前]
`12月底前` 读作：2024-12-31 之前（未写年份，取预算年度 2024）

本类别期望：时效：期限、期间或百分比（及时率）
",
    );
    check(
        &project("    产出指标 {\n      时效指标 {\n        \"办结时限🙂\" 30个工作$0日内\n      }\n    }"),
        "
[30个工作日内]
`30个工作日内` 读作：期间：30 个工作日之内

本类别期望：时效：期限、期间或百分比（及时率）
",
    );
}

#[test]
fn fields_and_entities() {
    check(
        &project("    期限 1年").replace("资金 118.8万元", "资金 118.8$0万元"),
        "
[118.8万元]
`118.8万元` 读作：118.8万元 = 1,188,000元
",
    );
    check(
        "金额单位 万元\n部门 \"某局🙂\" {\n  项目 \"甲\" {\n    资$0金 30 {\n      政府预算资金 30\n    }\n  }\n}\n",
        "
[资金]
**资金**：年度资金总额及其来源

`30` 读作：30（未写单位，按金额单位 万元）= 300,000元
",
    );
    check(
        "年度 2024\n部门 \"某局🙂\" {\n  项$0目 \"甲😀\" {\n    资金 1,139,800元\n    目标 \"x\"\n  }\n}\n",
        "
[项目 \"甲😀\"]
**项目** “甲😀”（项目支出）

体系 国家2021；0 个三级指标；资金 1,139,800元

---

**missing-required-category** `L103` · 警告

{docs:missing-required-category}
",
    );
}

#[test]
fn diagnostic_docs_follow_the_value() {
    check(
        &project("    满意度指标 {\n      服务对象满意度指标 {\n        \"服务对象满意度🙂\" 9$05%\n      }\n    }"),
        "
[95%]
`95%` 读作：确数 95%（没有比较符即“等于”）

本类别期望：满意度：百分比下限（≥ 90%）

---

**satisfaction-needs-lower-bound** `L211` · 警告

{docs:satisfaction-needs-lower-bound}
",
    );
}

#[test]
fn diagnostic_alone() {
    // A syntax error has no construct of its own: the rule's docs only.
    check(
        "年度 2024\n部门 \"某局🙂\" {\n  项目 \"甲\" {\n    资金 $0=> 3万元\n  }\n}\n",
        "
[=>]
**syntax-error** `E001` · 错误

{docs:syntax-error}
",
    );
    check(
        "年度 2024\n部门 \"某局🙂\" {\n  项目 \"甲\" {\n    负责$0人 \"张三\"\n  }\n}\n",
        "
[负责人]
**unknown-field** `E002` · 错误

{docs:unknown-field}
",
    );
}

#[test]
fn english() {
    let fixture = project("    成本指标 {\n      经济成本指标 {\n        \"项目成本🙂\" ≤ 118.8$0万元\n      }\n    }");
    let (text, at) = cursor(&fixture);
    let hover = doc_en(&text).hover(at).unwrap();
    expect(
        &hover.markdown,
        "
`≤ 118.8万元` reads as: upper bound 118.8万元 = 1,188,000元

This category expects: cost: money (元, 万元) or money per unit (元/人)
",
    );
}

#[test]
fn nothing_on_whitespace() {
    check("年度 2024\n$0\n部门 \"某局🙂\" {\n}\n", "(none)");
}

//! Completion in every context: keywords, fields, category slots of each scheme, units,
//! comparators, schemes, the project skeleton; on text still being typed.

use ptg_ide::{Completion, CompletionKind};

use super::*;

fn completions(fixture: &str) -> (String, Vec<Completion>) {
    let (text, at) = cursor(fixture);
    let doc = doc(&text);
    let mut items = doc.completions(at);
    items.sort_by(|a, b| (&a.sort_text, &a.label).cmp(&(&b.sort_text, &b.label)));
    (text, items)
}

/// The first `limit` completions, in their order: kind, label, detail, the text replaced.
#[track_caller]
fn check_top(fixture: &str, limit: usize, expected: &str) {
    let (text, items) = completions(fixture);
    let mut out = String::new();
    for item in items.iter().take(limit) {
        out.push_str(&format!("{:?} {}", item.kind, item.label));
        if let Some(detail) = &item.detail {
            out.push_str(&format!(" — {detail}"));
        }
        if !item.replace.is_empty() {
            out.push_str(&format!(" [replaces `{}`]", &text[item.replace]));
        }
        out.push('\n');
    }
    expect(&out, expected);
}

#[track_caller]
fn check(fixture: &str, expected: &str) {
    check_top(fixture, usize::MAX, expected);
}

/// The labels of one kind, in order.
fn labels(fixture: &str, kind: CompletionKind) -> Vec<String> {
    let (_, items) = completions(fixture);
    items
        .into_iter()
        .filter(|item| item.kind == kind)
        .map(|item| item.label)
        .collect()
}

fn project(scheme: &str, body: &str) -> String {
    format!(
        "年度 2024\n体系 {scheme}\n部门 \"某局🙂\" {{\n  项目 \"康复救助😀\" {{\n{body}\n  }}\n}}\n"
    )
}

#[test]
fn level1_slot_of_a_project_national() {
    check(
        &project(
            "国家2021",
            "    编码 \"410802\"\n    目标 \"为儿童提供康复服务🙂\"\n    $0",
        ),
        r#"
Field 单位 — 实施单位
Field 属性 — 项目属性：一年期或持续性
Field 期限 — 项目期限
Field 资金 — 年度资金总额及其来源
Field 用途 — 项目资金主要用途
Field 支出计划 — 资金支出计划：各季度末累计支出比例
Field 目标 — 年度目标（可写多条）
Category 成本指标 — 一级指标：经济成本指标、社会成本指标、生态环境成本指标
Category 产出指标 — 一级指标：数量指标、质量指标、时效指标
Category 效益指标 — 一级指标：经济效益指标、社会效益指标、生态效益指标
Category 满意度指标 — 一级指标：服务对象满意度指标
"#,
    );
}

#[test]
fn level2_slots_national() {
    let inside = |l1: &str| project("国家2021", &format!("    {l1} {{\n      $0\n    }}"));
    check(
        &inside("产出指标"),
        r#"
Category 数量指标 — 数量：带单位的数量（人、个、次…）
Category 质量指标 — 质量：百分比或定性表述
Category 时效指标 — 时效：期限、期间或百分比（及时率）
"#,
    );
    assert_eq!(
        labels(&inside("成本指标"), CompletionKind::Category),
        ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    );
    assert_eq!(
        labels(&inside("效益指标"), CompletionKind::Category),
        ["经济效益指标", "社会效益指标", "生态效益指标"]
    );
    assert_eq!(
        labels(&inside("满意度指标"), CompletionKind::Category),
        ["服务对象满意度指标"]
    );
    // An alias names the same 一级.
    assert_eq!(
        labels(&inside("产出"), CompletionKind::Category),
        ["数量指标", "质量指标", "时效指标"]
    );
}

#[test]
fn category_slots_general() {
    let inside = |l1: &str| project("通用", &format!("    {l1} {{\n      $0\n    }}"));
    assert_eq!(
        labels(&project("通用", "    $0"), CompletionKind::Category),
        ["产出指标", "效益指标", "满意度指标"]
    );
    assert_eq!(
        labels(&inside("产出指标"), CompletionKind::Category),
        ["数量指标", "质量指标", "时效指标", "成本指标"]
    );
    assert_eq!(
        labels(&inside("效益指标"), CompletionKind::Category),
        [
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标"
        ]
    );
    assert_eq!(
        labels(&inside("满意度指标"), CompletionKind::Category),
        ["服务对象满意度指标"]
    );
}

#[test]
fn category_slots_department_overall() {
    let department = |body: &str| {
        format!("年度 2024\n体系 通用\n部门 \"某局🙂\" {{\n  履职目标 \"做好本职😀\"\n{body}\n}}\n")
    };
    check(
        &department("  $0"),
        r#"
Field 编码 — 部门编码
Field 单位 — 部门的单位名称
Field 任务 — 年度主要任务：任务名称与主要内容
Field 预算 — 部门预算总额，含来源与结构
Keyword 单位 {…} — 预算单位：汇总其下项目，写明合计
Keyword 项目 — 项目支出
Snippet 项目（完整骨架） — 含体系 通用 的全部必填类别
Category 投入管理指标 — 一级指标：工作目标管理、预算和财务管理、绩效管理
Category 产出指标 — 一级指标：重点工作任务完成、履职目标实现
Category 效益指标 — 一级指标：履职效益
Category 满意度指标 — 一级指标：满意度
"#,
    );
    let inside = |l1: &str| department(&format!("  {l1} {{\n    $0\n  }}"));
    assert_eq!(
        labels(&inside("投入管理指标"), CompletionKind::Category),
        ["工作目标管理", "预算和财务管理", "绩效管理"]
    );
    assert_eq!(
        labels(&inside("产出指标"), CompletionKind::Category),
        ["重点工作任务完成", "履职目标实现"]
    );
    assert_eq!(
        labels(&inside("效益指标"), CompletionKind::Category),
        ["履职效益"]
    );
    // In 部门整体 `满意度指标` is the 一级 and `满意度` its canonical 二级.
    assert_eq!(
        labels(&inside("满意度指标"), CompletionKind::Category),
        ["满意度"]
    );
}

#[test]
fn categories_already_written_come_last() {
    check(
        &project(
            "国家2021",
            "    产出指标 {\n      数量指标 {\n        \"人数🙂\" ≥ 10人\n      }\n      $0\n    }",
        ),
        r#"
Category 质量指标 — 质量：百分比或定性表述
Category 时效指标 — 时效：期限、期间或百分比（及时率）
Category 数量指标 — 数量：带单位的数量（人、个、次…）
"#,
    );
}

#[test]
fn category_insert_text_is_a_block_snippet() {
    let (_, items) = completions(&project("国家2021", "    产出指标 {\n      $0\n    }"));
    let item = &items[0];
    assert_eq!(item.insert_text, "数量指标 {\n\t$0\n}");
    assert!(item.is_snippet);
    let docs = item.documentation.as_deref().unwrap();
    assert!(docs.contains("属于 产出指标"), "{docs}");
    assert!(docs.contains("必填"), "{docs}");
    // Before an existing `{`, only the name.
    let (text, items) = completions(&project(
        "国家2021",
        "    产出指标 {\n      数$0 {\n      }\n    }",
    ));
    let item = items.iter().find(|i| i.label == "数量指标").unwrap();
    assert_eq!(item.insert_text, "数量指标");
    assert!(!item.is_snippet);
    assert_eq!(&text[item.replace], "数");
}

#[test]
fn partial_word_is_replaced() {
    check_top(
        &project("国家2021", "    产出指标 {\n      数$0\n    }"),
        1,
        "Category 数量指标 — 数量：带单位的数量（人、个、次…） [replaces `数`]",
    );
    check_top(
        &project("国家2021", "    编码 \"x🙂\"\n    资$0"),
        2,
        "
Field 单位 — 实施单位 [replaces `资`]
Field 属性 — 项目属性：一年期或持续性 [replaces `资`]
",
    );
    // A completed keyword under the cursor is not "already present".
    assert!(
        labels(&project("国家2021", "    资金$0"), CompletionKind::Field)
            .contains(&"资金".to_string())
    );
}

#[test]
fn top_level_keywords() {
    check(
        "$0",
        r#"
Keyword 年度 — 预算年度；期限按它检查
Keyword 体系 — 项目指标的指标体系
Keyword 金额单位 — 未写单位的金额所用的单位
Keyword 部门 — 主管部门
Keyword 项目 — 项目支出
Snippet 项目（完整骨架） — 含体系 国家2021 的全部必填类别
"#,
    );
    check(
        "# 示例🙂\n年度 2024\n体系 通用\n$0\n部门 \"某局\" {\n}\n",
        r#"
Keyword 金额单位 — 未写单位的金额所用的单位
Keyword 部门 — 主管部门
Keyword 项目 — 项目支出
Snippet 项目（完整骨架） — 含体系 通用 的全部必填类别
"#,
    );
}

#[test]
fn fields_of_blocks() {
    // Sources not yet listed in `资金 { … }`.
    check(
        &project(
            "国家2021",
            "    资金 30万元 {\n      政府预算资金 25万元 # 区财政🙂\n      $0\n    }",
        ),
        r#"
Field 财政专户管理资金 — 资金来源：财政专户管理资金
Field 单位资金 — 资金来源：单位资金
Field 其他资金 — 资金来源：其他资金
"#,
    );
    // An indicator's attribute block.
    check(
        &project(
            "国家2021",
            "    产出指标 {\n      数量指标 {\n        \"人数🙂\" ≥ 10人 {\n          描述 \"x\"\n          $0\n        }\n      }\n    }",
        ),
        "Field 依据 — 指标值确定依据",
    );
    // A budget unit.
    check(
        "部门 \"某局🙂\" {\n  单位 \"本级\" {\n    编码 \"290018\"\n    $0\n  }\n}\n",
        r#"
Field 合计 — 预算单位的合计：其下项目资金之和
Keyword 项目 — 项目支出
Snippet 项目（完整骨架） — 含体系 国家2021 的全部必填类别
"#,
    );
}

#[test]
fn units_ranked_by_the_category() {
    // The example from the issue: on one line, right after the number.
    let quantity = project(
        "国家2021",
        "    产出指标 { 数量指标 { \"残疾儿童人数🙂\" ≥ 10$0 } }",
    );
    check_top(
        &quantity,
        4,
        "
Unit 人 — 人数
Unit 人次 — 人数
Unit 名 — 人数
Unit 户 — 人数
",
    );
    let satisfaction = project(
        "国家2021",
        "    满意度指标 {\n      服务对象满意度指标 {\n        \"家长满意度🙂\" ≥ 90 $0\n      }\n    }",
    );
    check_top(&satisfaction, 2, "Unit % — 百分比\nUnit ‰ — 百分比");
    let cost = project(
        "国家2021",
        "    成本指标 {\n      经济成本指标 {\n        \"项目成本🙂\" ≤ 118.8$0\n      }\n    }",
    );
    check_top(
        &cost,
        6,
        "
Unit 元 — 金额
Unit 万元 — 金额
Unit 亿元 — 金额
Unit 元/人 — 单位金额（每人、每次…）
Unit 元/次 — 单位金额（每人、每次…）
Unit 元/人/月 — 单位金额（每人、每次…）
",
    );
    // With `金额单位 万元`, 万元 comes first; a unit being typed is replaced.
    let cost_wan = format!("金额单位 万元\n{}", project("国家2021", "    成本指标 {\n      经济成本指标 {\n        \"项目成本🙂\" ≤ 118.8万$0\n      }\n    }"));
    check_top(
        &cost_wan,
        2,
        "Unit 万元 — 金额 [replaces `万`]\nUnit 元 — 金额 [replaces `万`]",
    );
}

#[test]
fn deadline_templates_under_timeliness() {
    let timeliness = |value: &str| {
        project(
            "国家2021",
            &format!("    产出指标 {{\n      时效指标 {{\n        \"完成时间🙂\" {value}\n      }}\n    }}"),
        )
    };
    check_top(
        &timeliness("2024$0"),
        3,
        "
Value 2024-12-31前 — 期限：该年年底之前 [replaces `2024`]
Value 2024年底前 — 期限：该年年底之前 [replaces `2024`]
Unit % — 百分比
",
    );
    check_top(
        &timeliness("30个$0"),
        2,
        "
Value 30个工作日内 — 期间：若干工作日内 [replaces `30个`]
Value 30日内 — 期间：若干日内 [replaces `30个`]
",
    );
    // Right after the name: a deadline first, then periods, comparators last.
    check_top(
        &timeliness("$0"),
        3,
        "
Value 2024-12-31前 — 时效：期限、期间或百分比（及时率）
Value 2024年底前 — 期限：年底之前
Value 全年 — 期间：全年
",
    );
    let (_, items) = completions(&timeliness("$0"));
    assert_eq!(items[0].insert_text, "${1:2024-12-31前}");
    assert_eq!(
        items.last().map(|i| i.kind),
        Some(CompletionKind::Comparator)
    );
}

#[test]
fn comparators_after_an_indicator_name() {
    check(
        &project(
            "国家2021",
            "    产出指标 {\n      数量指标 {\n        \"培训人数🙂\" $0\n      }\n    }",
        ),
        "
Value ≥ 1个 — 数量：带单位的数量（人、个、次…）
Comparator ≥ — 下限：不低于
Comparator ≤ — 上限：不超过
Comparator > — 大于（不含）
Comparator < — 小于（不含）
Comparator = — 等于
",
    );
    // Under 成本 the upper bound comes first.
    check_top(
        &project(
            "国家2021",
            "    成本指标 {\n      经济成本指标 {\n        \"项目成本🙂\" $0\n      }\n    }",
        ),
        2,
        "
Value ≤ 0元 — 成本：金额（元、万元），或单位金额（元/人）
Comparator ≤ — 上限：不超过
",
    );
}

#[test]
fn schemes_after_the_scheme_keyword() {
    check(
        "年度 2024\n体系 $0",
        "
Scheme 国家2021 — 一级：成本指标、产出指标、效益指标、满意度指标
Scheme 通用 — 一级：产出指标、效益指标、满意度指标
Scheme 汇总表 — 一级：成本指标、产出指标、效益指标、满意度指标
",
    );
    // A partly typed name (a word and a number) is replaced whole.
    check_top(
        "年度 2024\n体系 国家20$0\n# 🙂",
        1,
        "Scheme 国家2021 — 一级：成本指标、产出指标、效益指标、满意度指标 [replaces `国家20`]",
    );
}

#[test]
fn values_of_header_fields() {
    check(
        "金额单位 $0",
        "
Unit 元 — 金额
Unit 万元 — 金额
Unit 亿元 — 金额
",
    );
    check(
        &project("国家2021", "    属性 $0"),
        "
Value 一年期 — 项目属性：一年内完成
Value 持续性 — 项目属性：跨年度持续实施
",
    );
    check_top(&project("国家2021", "    资金 30$0"), 1, "Unit 元 — 金额");
    check_top(&project("国家2021", "    期限 3$0"), 1, "Unit 年 — 时间");
}

#[test]
fn nothing_in_comments_and_strings() {
    for fixture in [
        "# 注释🙂 $0",
        "部门 \"某局$0\" {\n}",
        "部门 \"某局🙂$0",
        "年度 2024 # 体系 $0",
    ] {
        assert_eq!(completions(fixture).1, Vec::new(), "{fixture}");
    }
}

/// Replaces every placeholder by its default.
fn expand(snippet: &str) -> String {
    let mut out = String::new();
    let mut rest = snippet;
    while let Some(idx) = rest.find('$') {
        out.push_str(&rest[..idx]);
        rest = &rest[idx + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap();
            let body = &inner[..end];
            let default = match body.split_once(':') {
                Some((_, default)) => default.to_string(),
                None => body
                    .split_once('|')
                    .map(|(_, choices)| choices.split(',').next().unwrap().to_string())
                    .unwrap_or_default(),
            };
            out.push_str(&default);
            rest = &inner[end + 1..];
        } else {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn project_skeleton_has_every_required_category() {
    for scheme in ["国家2021", "通用", "汇总表"] {
        let fixture = format!("年度 2024\n体系 {scheme}\n部门 \"某局🙂\" {{\n  $0\n}}\n");
        let (text, items) = completions(&fixture);
        let skeleton = items
            .iter()
            .find(|item| item.kind == CompletionKind::Snippet)
            .unwrap();
        assert!(skeleton.is_snippet);
        let body = expand(&skeleton.insert_text).replace('\t', "  ");
        let at = text.find("  \n").unwrap() + 2;
        let full = format!("{}{}{}", &text[..at], body, &text[at..]);
        let doc = doc(&full);
        assert_eq!(doc.parse().errors, Vec::new(), "{full}");
        let rules: Vec<_> = doc.diagnostics().iter().map(|d| d.rule).collect();
        assert!(
            !rules.contains(&"missing-required-category"),
            "{scheme}: {rules:?}\n{full}"
        );
        assert!(!rules.contains(&"unknown-category"), "{scheme}: {rules:?}");
    }
    let (_, items) = completions("体系 国家2021\n$0");
    let skeleton = items
        .iter()
        .find(|i| i.kind == CompletionKind::Snippet)
        .unwrap();
    expect(
        &skeleton.insert_text,
        r#"
项目 "${1:项目名称}" {
	编码 "${2:}"
	单位 "${3:实施单位}"
	属性 ${4|一年期,持续性|}
	期限 ${5:1}年
	资金 ${6:0}元 {
		政府预算资金 ${6:0}元
	}
	用途 "${7:资金主要用途}"
	支出计划 25% 50% 75% 100%
	目标 "${8:年度目标}"
	成本指标 {
		经济成本指标 {
			"${9:指标名称}" ≤ ${10:0}元
		}
	}
	产出指标 {
		数量指标 {
			"${11:指标名称}" ≥ ${12:1}${13:个}
		}
		质量指标 {
			"${14:指标名称}" ≥ ${15:95}%
		}
		时效指标 {
			"${16:指标名称}" ${17:2024-12-31前}
		}
	}
	效益指标 {
		经济效益指标 {
			"${18:指标名称}" ≥ ${19:90}%
		}
	}
	满意度指标 {
		服务对象满意度指标 {
			"${20:指标名称}" ≥ ${21:90}%
		}
	}
}
"#,
    );
}

#[test]
fn indicator_snippet_in_a_level2_block() {
    let (_, items) = completions(&project(
        "国家2021",
        "    满意度指标 {\n      服务对象满意度指标 {\n        $0\n      }\n    }",
    ));
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, CompletionKind::Snippet);
    assert_eq!(items[0].insert_text, "\"${1:指标名称}\" ≥ ${2:90}%$0");
}

#[test]
fn english_text_with_lang_en() {
    let fixture = project("国家2021", "    产出指标 {\n      $0\n    }");
    let (text, at) = cursor(&fixture);
    let items = doc_en(&text).completions(at);
    assert_eq!(items[0].label, "数量指标");
    assert_eq!(
        items[0].detail.as_deref(),
        Some("quantity: a count with a unit (人, 个, 次 …)")
    );
}

#[test]
fn unclosed_blocks_while_typing() {
    // Nothing closed yet: the cursor is still inside the 一级.
    assert_eq!(
        labels(
            "年度 2024\n部门 \"某局🙂\" {\n  项目 \"甲\" {\n    产出指标 {\n      $0",
            CompletionKind::Category
        ),
        ["数量指标", "质量指标", "时效指标"]
    );
}

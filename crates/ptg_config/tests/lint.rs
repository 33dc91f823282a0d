//! End to end: settings from a ptg.toml change what the linter reports.

use ptg_config::parse;
use ptg_diagnostics::{Lang, Severity};
use ptg_lint::{lint, LintSettings};

const CONFIG: &str = r#"
scheme = "平罗2024"
[units]
count = ["宗"]
[schemes."平罗2024"]
extends = "通用"
satisfaction-min = 90
remove = ["成本指标"]
required = ["数量指标", "质量指标", "时效指标", "效益指标", "服务对象满意度指标"]
[schemes."平罗2024".add]
"产出指标" = ["社会影响指标"]
[schemes."平罗2024".aliases]
"社会影响" = "社会影响指标"
[schemes."平罗2024".roles]
"社会影响指标" = "benefit"

[[overrides]]
path = "旧表/**"
[overrides.rules]
satisfaction-min = "off"
"#;

const DOCUMENT: &str = r#"年度 2024
部门 "某县交通运输局" {
  项目 "农村公路养护" {
    资金 10万元 { 政府预算资金 10万元 }
    目标 "完成农村公路日常养护。"
    产出指标 {
      数量指标 {
        "养护农村公路条数" ≥ 12条
        "处理路政案件数" ≥ 5宗
      }
      质量指标 {
        "养护验收合格率" ≥ 95%
      }
      时效指标 {
        "养护完成时间" 2024年12月底前
      }
      社会影响 {
        "群众出行时间缩短比例" ≥ 10%
      }
    }
    效益指标 {
      社会效益指标 {
        "公路优良路率" ≥ 80%
      }
    }
    满意度指标 {
      服务对象满意度指标 {
        "沿线群众满意度" ≥ 88%
      }
    }
  }
}
"#;

fn rules(settings: &LintSettings) -> Vec<&'static str> {
    let parse = ptg_syntax::parse(DOCUMENT);
    lint(DOCUMENT, &parse, settings)
        .into_iter()
        .filter(|d| d.severity >= Severity::Info)
        .map(|d| d.rule)
        .collect()
}

#[test]
fn custom_scheme_units_and_minimum_apply() {
    let (config, diags) = parse(CONFIG, Lang::Zh);
    assert!(diags.is_empty(), "{diags:#?}");
    let found = rules(&config.settings_for("项目/交通局.ptg"));
    // 社会影响 resolves in 平罗2024; 成本 is no longer required; 宗 is a count unit;
    // 88% is below the scheme's 90.
    assert_eq!(found, ["satisfaction-min"], "{found:?}");
    // The override switches the rule off for old tables.
    let old = rules(&config.settings_for("旧表/交通局.ptg"));
    assert!(old.is_empty(), "{old:?}");
}

#[test]
fn without_the_config() {
    let found = rules(&LintSettings::default());
    // 国家2021: 社会影响 is no category, 成本 is missing, 宗 is unknown, and 88% is fine.
    assert!(found.contains(&"unknown-category"), "{found:?}");
    assert!(found.contains(&"missing-required-category"), "{found:?}");
    assert!(found.contains(&"value-unit-required"), "{found:?}");
    assert!(!found.contains(&"satisfaction-min"), "{found:?}");
}

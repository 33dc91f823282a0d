//! Parsing ptg.toml: the full example, every kind of error with its span, custom schemes
//! and overrides.

use std::path::PathBuf;

use ptg_config::{parse, Config, INVALID_CONFIG, INVALID_CONFIG_CODE};
use ptg_diagnostics::{Diagnostic, Lang, Severity};
use ptg_lint::Level;
use ptg_semantic::scheme::Requirement;
use ptg_semantic::{Role, Scheme, UnitKind};
use ptg_syntax::Decimal;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/config")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn clean(text: &str) -> Config {
    let (config, diags) = parse(text, Lang::Zh);
    assert!(diags.is_empty(), "unexpected diagnostics: {diags:#?}");
    config
}

/// The only diagnostic of `text`, and the text at its primary span.
fn one(text: &str) -> (Diagnostic, &str) {
    let (_, diags) = parse(text, Lang::Zh);
    assert_eq!(diags.len(), 1, "expected one diagnostic: {diags:#?}");
    let d = diags.into_iter().next().unwrap();
    let at = &text[d.primary.range];
    (d, at)
}

/// Asserts one `invalid-config` error at `expected` (the text at its span).
fn invalid(text: &str, expected: &str) -> Diagnostic {
    let (d, at) = one(text);
    assert_eq!(d.rule, INVALID_CONFIG, "{d:#?}");
    assert_eq!(d.code, INVALID_CONFIG_CODE);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at, expected, "{d:#?}");
    assert!(
        !d.notes.is_empty(),
        "every config error says what is accepted: {d:#?}"
    );
    d
}

fn unknown_rule(text: &str, expected: &str) -> Diagnostic {
    let (d, at) = one(text);
    assert_eq!(d.rule, "unknown-rule", "{d:#?}");
    assert_eq!(at, expected);
    d
}

fn has_note(d: &Diagnostic, needle: &str) -> bool {
    d.notes.iter().any(|note| note.contains(needle))
}

fn scheme<'a>(config: &'a Config, name: &str) -> &'a Scheme {
    config
        .custom_schemes()
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no scheme {name}"))
}

#[test]
fn empty_file_is_the_default() {
    let config = clean("");
    assert_eq!(config.lang(), None);
    let settings = config.settings_for("a.ptg");
    assert_eq!(settings.model.default_scheme, "国家2021");
    assert_eq!(settings.model.department_scheme, "部门整体");
    assert!(settings.select.is_none());
    assert!(settings.levels.is_empty());
    let comments_only = clean("# nothing here\n\n");
    assert!(comments_only.custom_schemes().is_empty());
}

#[test]
fn full_config() {
    let config = clean(&fixture("full.toml"));
    assert_eq!(config.lang(), Some(Lang::Zh));
    let settings = config.settings_for("项目/平罗县.ptg");
    assert_eq!(settings.lang, Lang::Zh);
    assert_eq!(settings.model.default_scheme, "平罗2024");
    assert_eq!(settings.model.department_scheme, "部门整体");
    assert!(!settings.disallow_suppressions);
    assert_eq!(settings.select, Some(vec!["ALL".to_string()]));
    assert_eq!(settings.ignore, vec!["vague-value".to_string()]);
    assert_eq!(
        settings.levels.get("quantity-upper-bound"),
        Some(&Level::On(Severity::Error))
    );
    // The group sets every money rule; the single rule wins whatever the order.
    assert_eq!(
        settings.levels.get("budget-breakdown-sum"),
        Some(&Level::On(Severity::Warning))
    );
    assert_eq!(
        settings.levels.get("cost-needs-money"),
        Some(&Level::On(Severity::Error))
    );
    let units = &settings.model.units;
    assert_eq!(units.simple_kind("人数"), Some(UnitKind::People));
    assert_eq!(units.simple_kind("宗"), Some(UnitKind::Count));
    assert_eq!(units.simple_kind("孔"), Some(UnitKind::Count));
    assert_eq!(units.simple_kind("人"), Some(UnitKind::People));
    assert_eq!(units.simple_kind("个数"), None);
    // Two custom schemes; the second shadows the built-in 国家2021.
    let names: Vec<&str> = config
        .custom_schemes()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["平罗2024", "国家2021"]);
    assert_eq!(
        settings
            .model
            .find_scheme("国家2021")
            .unwrap()
            .satisfaction_min,
        Decimal::from_int(90)
    );
    assert_eq!(
        settings
            .model
            .find_scheme("平罗2024")
            .unwrap()
            .satisfaction_min,
        Decimal::from_int(90)
    );
    // Overrides.
    let old = config.settings_for("2023/平罗县.ptg");
    assert_eq!(old.model.default_scheme, "通用");
    assert_eq!(old.levels.get("stale-year"), Some(&Level::Off));
    assert_eq!(old.ignore, vec!["vague-value".to_string()]);
    let summary = config.settings_for("部门/汇总表1.ptg");
    assert_eq!(summary.model.default_scheme, "汇总表");
    assert_eq!(summary.ignore, vec!["missing-goal".to_string()]);
    assert_eq!(summary.levels.get("stale-year"), None);
}

#[test]
fn english_messages() {
    let text = "lang = \"fr\"\n";
    let (config, diags) = parse(text, Lang::En);
    assert_eq!(config.lang(), None);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message, "unsupported language `fr`");
    assert!(diags[0].notes[0].starts_with("accepted: zh"));
    let (_, zh) = parse(text, Lang::Zh);
    assert_eq!(zh[0].message, "不支持的语言 `fr`");
    let config = clean("lang = \"en-US\"\n");
    assert_eq!(config.lang(), Some(Lang::En));
    assert_eq!(config.settings_for("x.ptg").lang, Lang::En);
}

// ---------------------------------------------------------------------------------------
// Errors, each with its exact span.

#[test]
fn toml_syntax_error() {
    let text = "scheme = \"通用\"\nselect = [\"ALL\",\nignore = 3\n";
    let (_, diags) = parse(text, Lang::Zh);
    assert!(!diags.is_empty());
    let first = &diags[0];
    assert_eq!(first.rule, INVALID_CONFIG);
    assert!(
        first.message.starts_with("ptg.toml 语法错误："),
        "{}",
        first.message
    );
    // One diagnostic: what recovery made of the rest is not reported.
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(&text[first.primary.range], "ignore");

    let (d, at) = one("scheme = 通用\n");
    assert_eq!(d.rule, INVALID_CONFIG);
    assert_eq!(at, "通用");
    assert!(d.message.starts_with("ptg.toml 语法错误："));

    let (d, at) = one("lang = \"zh\"\nlang = \"en\"\n");
    assert!(d.message.contains("duplicate key"), "{}", d.message);
    assert_eq!(at, "lang");
    let (config, _) = parse("lang = \"zh\"\nlang = \"en\"\n", Lang::Zh);
    assert_eq!(config.lang(), Some(Lang::Zh), "the valid part is kept");
}

#[test]
fn syntax_error_keeps_the_valid_parts() {
    let text = "scheme = \"通用\"\nselect = [\"ALL\"\nignore = [\"vague-value\"]\n";
    let (config, diags) = parse(text, Lang::Zh);
    assert!(!diags.is_empty());
    assert_eq!(config.settings_for("a.ptg").model.default_scheme, "通用");
}

#[test]
fn unknown_keys() {
    let d = invalid("sheme = \"通用\"\n", "sheme");
    assert_eq!(d.message, "顶层没有配置项 `sheme`");
    assert!(has_note(&d, "scheme、department-scheme"));
    assert!(has_note(&d, "是不是 `scheme`？"));

    let d = invalid(
        "[schemes.\"甲\"]\nextends = \"通用\"\nsatisfaction_min = 90\n",
        "satisfaction_min",
    );
    assert!(has_note(&d, "是不是 `satisfaction-min`？"), "{d:#?}");

    let d = invalid("[[overrides]]\npath = \"a\"\npaht = 1\n", "paht");
    assert!(has_note(&d, "是不是 `path`？"));

    // A quoted key: the span covers the quotes.
    invalid("\"未知\" = 1\n", "\"未知\"");
}

#[test]
fn wrong_types() {
    let d = invalid("select = \"ALL\"\n", "\"ALL\"");
    assert_eq!(d.message, "`select` 的值应为字符串数组，而不是字符串");
    invalid("disallow-suppressions = \"yes\"\n", "\"yes\"");
    invalid("scheme = 2021\n", "2021");
    invalid("rules = [\"a\"]\n", "[\"a\"]");
    invalid("select = [\"ALL\", 3]\n", "3");
    invalid("overrides = 1\n", "1");
    invalid("[rules]\nvague-value = 1\n", "1");
    invalid("[units]\n\"人数\" = 1\n", "1");
    invalid(
        "[schemes.\"甲\"]\nextends = \"通用\"\nremove = \"成本指标\"\n",
        "\"成本指标\"",
    );
    invalid("[schemes]\n\"甲\" = 1\n", "1");
}

#[test]
fn bad_severity() {
    let d = invalid("[rules]\nvague-value = \"warn\"\n", "\"warn\"");
    assert!(has_note(&d, "off、hint、info、warning、error"));
    assert!(has_note(&d, "是不是 `warning`？"), "{d:#?}");
    let d = invalid("[rules]\nsyntax-error = \"off\"\n", "syntax-error");
    assert!(d.message.contains("syntax-error"));
}

#[test]
fn unknown_rule_names() {
    let d = unknown_rule(
        "[rules]\nquantity-upper-bond = \"error\"\n",
        "quantity-upper-bond",
    );
    assert_eq!(d.severity, Severity::Warning);
    assert!(has_note(&d, "是不是 `quantity-upper-bound`？"), "{d:#?}");
    let d = unknown_rule("select = [\"all\"]\n", "\"all\"");
    assert!(has_note(&d, "是不是 `ALL`？"), "{d:#?}");
    unknown_rule("ignore = [\"vague-valu\"]\n", "\"vague-valu\"");
    unknown_rule(
        "[[overrides]]\npath = \"a\"\n[overrides.rules]\nno-such-rule = \"off\"\n",
        "no-such-rule",
    );
    // The valid selectors of a list with a bad one are kept.
    let (config, _) = parse("select = [\"values\", \"nope-nope-nope\"]\n", Lang::Zh);
    assert_eq!(
        config.settings_for("a.ptg").select,
        Some(vec!["values".to_string()])
    );
    // A list left empty by dropping is as if unwritten (not "run nothing").
    let (config, _) = parse("select = [\"nope-nope-nope\"]\n", Lang::Zh);
    assert_eq!(config.settings_for("a.ptg").select, None);
    // An explicitly empty list is kept.
    let config = clean("select = []\n");
    assert_eq!(config.settings_for("a.ptg").select, Some(Vec::new()));
}

#[test]
fn unknown_schemes() {
    let d = invalid("scheme = \"国家2012\"\n", "\"国家2012\"");
    assert_eq!(d.message, "没有名为 `国家2012` 的体系");
    assert!(has_note(&d, "是不是 `国家2021`？"), "{d:#?}");
    invalid("department-scheme = \"部门\"\n", "\"部门\"");
    let d = invalid("scheme = \"部门整体\"\n", "\"部门整体\"");
    assert!(d.message.contains("不能作为项目体系"));
    invalid("[schemes.\"甲\"]\nextends = \"通 用\"\n", "\"通 用\"");
    invalid(
        "[[overrides]]\npath = \"2023/**\"\nscheme = \"旧体系\"\n",
        "\"旧体系\"",
    );
    // `extends` names only schemes defined above.
    let d = invalid(
        "[schemes.\"甲\"]\nextends = \"乙\"\n[schemes.\"乙\"]\nextends = \"通用\"\n",
        "\"乙\"",
    );
    assert!(d.message.contains("后面才定义"), "{}", d.message);
    invalid("[schemes.\"甲\"]\nextends = \"甲\"\n", "\"甲\"");
    // A scheme without a base.
    let d = invalid("[schemes.\"甲\"]\nsatisfaction-min = 90\n", "\"甲\"");
    assert!(d.message.contains("extends"));
    // A reference to a broken scheme is not reported twice.
    let (_, diags) = parse(
        "scheme = \"甲\"\n[schemes.\"甲\"]\nextends = \"无此体系\"\n",
        Lang::Zh,
    );
    assert_eq!(diags.len(), 1, "{diags:#?}");
    invalid("[schemes.\"有 空格\"]\nextends = \"通用\"\n", "\"有 空格\"");
}

#[test]
fn unknown_unit_kinds() {
    let d = invalid("[units]\n\"人数\" = \"person\"\n", "\"person\"");
    assert!(has_note(&d, "money、percent、people"));
    assert!(has_note(&d, "是不是 `people`？"), "{d:#?}");
    invalid("[units]\npersons = [\"人数\"]\n", "persons");
    let d = invalid("[units]\n\"人数\" = \"数量\"\n", "\"数量\"");
    assert!(has_note(&d, "是不是 `count`？"), "{d:#?}");
    invalid("[units]\n\"元/人\" = \"money\"\n", "\"元/人\"");
    invalid("[units]\n\"5年\" = \"time\"\n", "\"5年\"");
    invalid("[units]\n\"宗\" = \"count\"\ncount = [\"宗\"]\n", "\"宗\"");
}

#[test]
fn unknown_roles() {
    let d = invalid(
        "[schemes.\"甲\"]\nextends = \"通用\"\n[schemes.\"甲\".roles]\n\"数量指标\" = \"amount\"\n",
        "\"amount\"",
    );
    assert!(has_note(&d, "cost、quantity"));
}

#[test]
fn names_that_resolve_to_no_category() {
    let base = "[schemes.\"甲\"]\nextends = \"国家2021\"\n";
    let d = invalid(
        &format!("{base}required = [\"数量指标\", \"数据指标\"]\n"),
        "\"数据指标\"",
    );
    assert_eq!(d.message, "体系 `甲` 中没有类别 `数据指标`");
    assert!(has_note(&d, "是不是 `数量指标`？"), "{d:#?}");
    invalid(
        &format!("{base}remove = [\"可持续影响指标\"]\n"),
        "\"可持续影响指标\"",
    );
    invalid(
        &format!("{base}[schemes.\"甲\".aliases]\n\"社会影响\" = \"社会影响指标\"\n"),
        "\"社会影响指标\"",
    );
    invalid(
        &format!("{base}[schemes.\"甲\".roles]\n\"社会影响指标\" = \"benefit\"\n"),
        "\"社会影响指标\"",
    );
    // Adding what is already there.
    invalid(
        &format!("{base}[schemes.\"甲\".add]\n\"产出指标\" = [\"数量\"]\n"),
        "\"数量\"",
    );
    // satisfaction-min out of range, and both spellings.
    invalid(&format!("{base}satisfaction-min = 120\n"), "120");
    invalid(&format!("{base}\"满意度下限\" = \"很高\"\n"), "\"很高\"");
    invalid(
        &format!("{base}satisfaction-min = 90\n\"满意度下限\" = 90\n"),
        "\"满意度下限\"",
    );
}

#[test]
fn bad_overrides() {
    let d = invalid("[[overrides]]\nscheme = \"通用\"\n", "[[overrides]]");
    assert!(has_note(&d, "path = "));
    invalid("[[overrides]]\npath = \"../x/**\"\n", "\"../x/**\"");
    invalid("[[overrides]]\npath = \"2023\\\\**\"\n", "\"2023\\\\**\"");
    invalid("[[overrides]]\npath = [\"a\", \"\"]\n", "\"\"");
    invalid("overrides = [1]\n", "1");
}

#[test]
fn diagnostics_are_sorted_and_in_range() {
    let text = "zzz = 1\n[rules]\nbad-rule = \"off\"\n[units]\n\"人数\" = \"humans\"\n";
    let (_, diags) = parse(text, Lang::Zh);
    assert_eq!(diags.len(), 3);
    let starts: Vec<_> = diags.iter().map(|d| d.primary.range.start()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    for d in &diags {
        assert!(usize::from(d.primary.range.end()) <= text.len());
    }
}

// ---------------------------------------------------------------------------------------
// Custom schemes.

const PINGLUO: &str = r#"
[schemes."平罗2024"]
extends = "通用"
satisfaction-min = 90
remove = ["成本指标"]
required = ["数量指标", "质量指标", "时效指标", "效益指标", "服务对象满意度指标"]
[schemes."平罗2024".add]
"产出指标" = ["社会影响指标"]
"管理指标" = []
[schemes."平罗2024".aliases]
"社会影响" = "社会影响指标"
"管理" = "管理指标"
[schemes."平罗2024".roles]
"社会影响指标" = "benefit"
"管理指标" = "quality"
"#;

#[test]
fn custom_scheme_resolution() {
    let config = clean(PINGLUO);
    let scheme = scheme(&config, "平罗2024");
    let output = scheme.resolve_level1("产出指标").unwrap().0;
    // Added: resolves, by name and by alias, with its role.
    let (added, _) = scheme.resolve_level2(output, "社会影响指标").unwrap();
    assert_eq!(scheme.resolve_level2(output, "社会影响").unwrap().0, added);
    assert_eq!(scheme.levels[output].children[added].role, Role::Benefit);
    // Removed: no longer resolves.
    assert_eq!(scheme.resolve_level2(output, "成本指标"), None);
    assert_eq!(scheme.resolve_level2(output, "成本"), None);
    // A new 一级 without 二级.
    let (management, _) = scheme.resolve_level1("管理").unwrap();
    assert_eq!(scheme.levels[management].name, "管理指标");
    assert!(scheme.levels[management].children.is_empty());
    assert_eq!(scheme.levels[management].role, Role::Quality);
    // The required set is replaced.
    let required: Vec<&str> = scheme
        .required
        .iter()
        .map(|r| scheme.requirement_name(*r))
        .collect();
    assert_eq!(
        required,
        [
            "数量指标",
            "质量指标",
            "时效指标",
            "效益指标",
            "服务对象满意度指标"
        ]
    );
    let benefit = scheme.resolve_level1("效益指标").unwrap().0;
    assert!(scheme.required.contains(&Requirement::Level1(benefit)));
    assert_eq!(scheme.satisfaction_min, Decimal::from_int(90));
    assert!(scheme.for_projects);
    // The built-in is untouched.
    let general = Scheme::builtin("通用").unwrap();
    assert_eq!(general.satisfaction_min, Decimal::from_int(85));
    assert!(general.resolve_level2(0, "成本指标").is_some());
}

#[test]
fn custom_scheme_in_lint_settings() {
    let config = clean(&format!("scheme = \"平罗2024\"\n{PINGLUO}"));
    let settings = config.settings_for("a.ptg");
    assert_eq!(settings.model.default_scheme, "平罗2024");
    let found = settings.model.find_scheme("平罗2024").unwrap();
    assert_eq!(found.satisfaction_min, Decimal::from_int(90));
    assert!(settings
        .model
        .scheme_names()
        .contains(&"平罗2024".to_string()));
}

#[test]
fn removing_keeps_requirements_consistent() {
    let config = clean(
        "[schemes.\"精简\"]\nextends = \"国家2021\"\nremove = [\"成本指标\", \"产出指标/时效指标\"]\n",
    );
    let scheme = scheme(&config, "精简");
    let required: Vec<&str> = scheme
        .required
        .iter()
        .map(|r| scheme.requirement_name(*r))
        .collect();
    assert_eq!(
        required,
        ["数量指标", "质量指标", "效益指标", "服务对象满意度指标"]
    );
    assert_eq!(scheme.resolve_level1("成本指标"), None);
}

#[test]
fn chained_and_shadowing_schemes() {
    let config = clean(
        "[schemes.\"甲\"]\nextends = \"通用\"\n\"满意度下限\" = \"92.5%\"\n\
         [schemes.\"乙\"]\nextends = \"甲\"\nremove = [\"满意度指标\"]\n\
         [schemes.\"通用\"]\nsatisfaction-min = 80\n\
         [schemes.\"部门整体\"]\nrequired = [\"产出指标\"]\n",
    );
    let second = scheme(&config, "乙");
    assert_eq!(second.satisfaction_min, Decimal::parse("92.5").unwrap());
    assert_eq!(second.resolve_level1("满意度指标"), None);
    assert_eq!(
        scheme(&config, "通用").satisfaction_min,
        Decimal::from_int(80)
    );
    let department = scheme(&config, "部门整体");
    assert!(!department.for_projects);
    assert_eq!(department.required.len(), 1);
    // A shadowed department scheme is still not a project scheme.
    let (_, diags) = parse(
        "scheme = \"部门整体\"\n[schemes.\"部门整体\"]\nrequired = [\"产出指标\"]\n",
        Lang::Zh,
    );
    assert_eq!(diags.len(), 1);
}

#[test]
fn scheme_from_scratch() {
    let config = clean(
        "[schemes.\"自建\"]\nrequired = [\"产出指标\"]\n[schemes.\"自建\".add]\n\"产出指标\" = [\"数量指标\", \"满意程度\"]\n",
    );
    let scheme = scheme(&config, "自建");
    assert_eq!(scheme.levels.len(), 1);
    let roles: Vec<Role> = scheme.levels[0].children.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Role::Quantity, Role::Satisfaction]);
    assert_eq!(scheme.required, [Requirement::Level1(0)]);
}

// ---------------------------------------------------------------------------------------
// Overrides.

const OVERRIDES: &str = r#"
[rules]
stale-year = "warning"

[[overrides]]
path = "2023/**"
scheme = "通用"
[overrides.rules]
stale-year = "off"

[[overrides]]
path = "单位/*/财政局.ptg"
disallow-suppressions = true
select = ["money"]

[[overrides]]
path = "汇总?.ptg"
scheme = "汇总表"
[overrides.units]
"人数" = "people"

[[overrides]]
path = ["2023/旧/**", "/根.ptg"]
[overrides.rules]
stale-year = "error"
"#;

#[test]
fn overrides_match_paths() {
    let config = clean(OVERRIDES);
    assert_eq!(config.overrides().len(), 4);
    let stale = |path: &str| config.settings_for(path).levels.get("stale-year").copied();

    // `**`: any depth under 2023.
    assert_eq!(stale("2023/a.ptg"), Some(Level::Off));
    assert_eq!(stale("2023/部门/项目.ptg"), Some(Level::Off));
    assert_eq!(
        config.settings_for("2023/a.ptg").model.default_scheme,
        "通用"
    );
    // Not under 2023.
    assert_eq!(stale("2024/a.ptg"), Some(Level::On(Severity::Warning)));
    assert_eq!(stale("x/2023/a.ptg"), Some(Level::On(Severity::Warning)));
    assert_eq!(stale("2023.ptg"), Some(Level::On(Severity::Warning)));
    assert_eq!(
        config.settings_for("2024/a.ptg").model.default_scheme,
        "国家2021"
    );
    // Later wins: 2023/旧/** is matched by both.
    assert_eq!(stale("2023/旧/甲.ptg"), Some(Level::On(Severity::Error)));
    // A leading `/` anchors.
    assert_eq!(stale("根.ptg"), Some(Level::On(Severity::Error)));
    assert_eq!(stale("子/根.ptg"), Some(Level::On(Severity::Warning)));

    // `*` stays within one segment; Chinese segments.
    let finance = config.settings_for("单位/城关镇/财政局.ptg");
    assert!(finance.disallow_suppressions);
    assert_eq!(finance.select, Some(vec!["money".to_string()]));
    assert!(
        !config
            .settings_for("单位/城关镇/其他/财政局.ptg")
            .disallow_suppressions
    );
    assert!(!config.settings_for("单位/财政局.ptg").disallow_suppressions);

    // `?` is one character, and a pattern without `/` matches at any depth.
    let summary = config.settings_for("部门/汇总表.ptg");
    assert_eq!(summary.model.default_scheme, "汇总表");
    assert_eq!(
        summary.model.units.simple_kind("人数"),
        Some(UnitKind::People)
    );
    assert_eq!(
        config.settings_for("汇总表格.ptg").model.default_scheme,
        "国家2021"
    );
    assert_eq!(
        config.settings_for("a.ptg").model.units.simple_kind("人数"),
        None
    );
}

#[test]
fn override_units_win_over_base_units() {
    let config = clean(
        "[units]\n\"宗\" = \"count\"\n[[overrides]]\npath = \"**\"\n[overrides.units]\n\"宗\" = \"physical\"\n",
    );
    assert_eq!(
        config.settings_for("a.ptg").model.units.simple_kind("宗"),
        Some(UnitKind::Physical)
    );
}

#[test]
fn overrides_can_use_custom_schemes_defined_anywhere() {
    let config = clean(
        "[[overrides]]\npath = \"旧\"\nscheme = \"甲\"\n[schemes.\"甲\"]\nextends = \"通用\"\n",
    );
    assert_eq!(config.settings_for("旧/x.ptg").model.default_scheme, "甲");
    assert_eq!(
        config.settings_for("新/x.ptg").model.default_scheme,
        "国家2021"
    );
}

// ---------------------------------------------------------------------------------------
// Robustness.

fn check_never_panics(text: &str) {
    for lang in [Lang::Zh, Lang::En] {
        let (config, diags) = parse(text, lang);
        for d in &diags {
            let (start, end) = (
                usize::from(d.primary.range.start()),
                usize::from(d.primary.range.end()),
            );
            assert!(start <= end && end <= text.len(), "{d:#?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert!(!d.message.is_empty());
        }
        let _ = config.settings_for("a/b.ptg");
    }
}

#[test]
fn every_prefix_of_the_fixtures_parses_without_panic() {
    for name in ["full.toml", "errors.toml", "syntax-error.toml"] {
        let text = fixture(name);
        for (idx, _) in text.char_indices() {
            check_never_panics(&text[..idx]);
        }
    }
}

#[test]
fn hostile_input() {
    let deep = format!("a = {}{}", "[".repeat(5000), "]".repeat(5000));
    let deep_tables = format!("x = {}{}", "{ y = ".repeat(300), "1 }".repeat(300));
    for text in [
        "\u{feff}scheme = \"通用\"\n",
        "\0\0\0",
        "[[overrides]]\n[[overrides]]\npath = 1\n",
        "[schemes]\n[schemes.\"\"]\nextends = \"\"\n",
        "schemes = 1\noverrides = \"x\"\nrules = 1\nunits = []\n",
        "[schemes.\"甲\"]\nadd = 1\naliases = []\nroles = \"x\"\nremove = [1]\nrequired = {}\n",
        "[schemes.\"甲\"]\nextends = \"通用\"\nremove = [\"产出指标\", \"数量指标\"]\n",
        "[schemes.\"甲\"]\nextends = \"通用\"\nremove = [\"产出指标\"]\nrequired = [\"产出指标/数量指标\"]\n",
        &deep,
        &deep_tables,
        "\r\nscheme = \"通用\"\r\nlang = \"xx\"\r\n",
    ] {
        check_never_panics(text);
    }
}

#[test]
fn byte_order_mark_is_accepted() {
    let config = clean("\u{feff}scheme = \"通用\"\n");
    assert_eq!(config.settings_for("a.ptg").model.default_scheme, "通用");
}

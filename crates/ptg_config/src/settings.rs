//! The settings that both the top level and `[[overrides]]` accept, parsed into a
//! [`Patch`] that is applied onto [`LintSettings`].

use ptg_lint::{registry, Level, LintSettings};
use ptg_semantic::UnitKind;
use toml::de::DeValue;
use toml::Spanned;

use crate::cx::{nearest, Cx, Expected};
use crate::keys::Key;
use crate::schemes::Schemes;
use crate::walk::{boolean, entries, join, string, string_list, table, Item};

/// Selectors besides rule names: `ALL` and the group ids.
pub const SELECTORS_BESIDES_RULES: &[&str] = &[
    "ALL",
    "syntax",
    "structure",
    "values",
    "money",
    "time",
    "department",
];

/// The rule levels `[rules]` accepts.
pub const LEVELS: &[&str] = &["off", "hint", "info", "warning", "error"];

/// The unit kinds `[units]` accepts.
pub const UNIT_KINDS: &[&str] = &["money", "percent", "people", "count", "physical", "time"];

/// Settings of one table (the top level or one override); absent keys change nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pub default_scheme: Option<String>,
    pub department_scheme: Option<String>,
    pub disallow_suppressions: Option<bool>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    /// Rule levels by rule name, in the order they apply (later wins).
    pub levels: Vec<(String, Level)>,
    /// Extra units.
    pub units: Vec<(String, UnitKind)>,
}

impl Patch {
    /// Applies this patch: values it sets replace earlier ones, `[rules]` and `[units]`
    /// merge entry by entry. `units` collects the extra units, latest first.
    pub(crate) fn apply(&self, settings: &mut LintSettings, units: &mut Vec<(String, UnitKind)>) {
        if let Some(scheme) = &self.default_scheme {
            settings.model.default_scheme = scheme.clone();
        }
        if let Some(scheme) = &self.department_scheme {
            settings.model.department_scheme = scheme.clone();
        }
        if let Some(disallow) = self.disallow_suppressions {
            settings.disallow_suppressions = disallow;
        }
        if let Some(select) = &self.select {
            settings.select = Some(select.clone());
        }
        if let Some(ignore) = &self.ignore {
            settings.ignore = ignore.clone();
        }
        for (rule, level) in &self.levels {
            settings.levels.insert(rule.clone(), *level);
        }
        units.splice(0..0, self.units.iter().cloned());
    }
}

/// The groups a selector names, as rule names; `None` for an unknown selector.
fn expand(selector: &str) -> Option<(u8, Vec<&'static str>)> {
    let all = registry::all();
    if selector == "ALL" {
        return Some((0, all.iter().map(|r| r.meta.name).collect()));
    }
    if SELECTORS_BESIDES_RULES[1..].contains(&selector) {
        let rules = all
            .iter()
            .filter(|r| r.meta.group.id() == selector)
            .map(|r| r.meta.name)
            .collect();
        return Some((1, rules));
    }
    registry::find(selector).map(|rule| (2, vec![rule.meta.name]))
}

/// Parses one settings key into `patch`. Keys that are not settings are the caller's.
pub(crate) fn setting(
    cx: &mut Cx<'_>,
    key: Key,
    value: &Spanned<DeValue<'_>>,
    patch: &mut Patch,
    schemes: &Schemes,
) {
    let name = crate::keys::KeyName::name(key);
    match key {
        Key::Scheme | Key::DepartmentScheme => {
            let Some(text) = string(cx, name, value) else {
                return;
            };
            let for_projects = key == Key::Scheme;
            let checked = schemes.check_ref(cx, name, value.span(), text, for_projects);
            if for_projects {
                patch.default_scheme = checked;
            } else {
                patch.department_scheme = checked;
            }
        }
        Key::DisallowSuppressions => patch.disallow_suppressions = boolean(cx, name, value),
        Key::Select => patch.select = selectors(cx, name, value),
        Key::Ignore => patch.ignore = selectors(cx, name, value),
        Key::Rules => rules(cx, value, patch),
        Key::Units => units(cx, value, patch),
        // Not settings: the top level and the override parser handle these.
        Key::Lang | Key::Schemes | Key::Overrides | Key::Path => {}
    }
}

/// `select`/`ignore`: known selectors; unknown ones are reported and dropped (a list left
/// empty by dropping counts as not written).
fn selectors(cx: &mut Cx<'_>, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    let items = string_list(cx, key, value)?;
    let written = items.len();
    let mut out = Vec::new();
    for (item, span) in items {
        if expand(&item).is_some() {
            out.push(item);
        } else {
            cx.unknown_rule(span, &item);
        }
    }
    if out.is_empty() && written > 0 {
        None
    } else {
        Some(out)
    }
}

fn rules(cx: &mut Cx<'_>, value: &Spanned<DeValue<'_>>, patch: &mut Patch) {
    let Some(tab) = table(cx, "rules", value) else {
        return;
    };
    let mut staged: Vec<(u8, Vec<&'static str>, Level)> = Vec::new();
    for (key, level_value) in entries(tab) {
        let rule = key.get_ref().as_ref();
        let Some((specificity, names)) = expand(rule) else {
            cx.unknown_rule(key.span(), rule);
            continue;
        };
        if rule == "syntax-error" {
            let d = cx
                .invalid(
                    key.span(),
                    cx.lang
                        .pick(
                            "`syntax-error` 的级别不能修改",
                            "the level of `syntax-error` cannot be changed",
                        )
                        .to_string(),
                )
                .with_primary_message(cx.lang.pick("不可配置", "not configurable"))
                .with_note(cx.lang.pick(
                    "语法错误总是以错误报告：无法解析的文件不可能是干净的",
                    "syntax errors are always errors: a file that does not parse is never clean",
                ));
            cx.push(d);
            continue;
        }
        let Some(text) = string(cx, &format!("rules.{rule}"), level_value) else {
            continue;
        };
        let Some(level) = Level::from_name(text) else {
            let message = cx.t(
                format!("`{text}` 不是规则级别"),
                format!("`{text}` is not a rule level"),
            );
            let mut d = cx
                .invalid(level_value.span(), message)
                .with_primary_message(cx.lang.pick("未知级别", "unknown level"))
                .with_note(cx.t(
                    format!("可用的级别：{}", join(LEVELS, cx.lang)),
                    format!("levels: {}", join(LEVELS, cx.lang)),
                ));
            if let Some(near) = nearest(&text.to_ascii_lowercase(), LEVELS).or_else(|| {
                LEVELS
                    .iter()
                    .copied()
                    .find(|level| level.eq_ignore_ascii_case(text))
            }) {
                d = d.with_note(cx.t(
                    format!("是不是 `{near}`？"),
                    format!("did you mean `{near}`?"),
                ));
            }
            cx.push(d);
            continue;
        };
        staged.push((specificity, names, level));
    }
    // ALL first, then groups, then single rules; file order within each.
    staged.sort_by_key(|(specificity, _, _)| *specificity);
    for (_, names, level) in staged {
        for name in names {
            if name != "syntax-error" {
                patch.levels.push((name.to_string(), level));
            }
        }
    }
}

fn units(cx: &mut Cx<'_>, value: &Spanned<DeValue<'_>>, patch: &mut Patch) {
    let Some(tab) = table(cx, "units", value) else {
        return;
    };
    let mut seen: Vec<String> = Vec::new();
    let mut add = |cx: &mut Cx<'_>, unit: String, span: std::ops::Range<usize>, kind: UnitKind| {
        if !valid_unit(&unit) {
            let message = cx.t(
                format!("`{unit}` 不是有效的单位"),
                format!("`{unit}` is not a valid unit"),
            );
            let d = cx
                .invalid(span, message)
                .with_primary_message(cx.lang.pick("无效的单位", "invalid unit"))
                .with_note(cx.lang.pick(
                    "单位由汉字或字母组成（也可以是 % ‰），不含数字、空白和 `/`；复合单位 `元/人` 由各部分自动组成",
                    "a unit is made of Chinese characters or letters (or % ‰), without digits, whitespace or `/`; compound units such as `元/人` are built from their parts",
                ));
            cx.push(d);
            return;
        }
        if seen.contains(&unit) {
            let message = cx.t(
                format!("单位 `{unit}` 重复定义"),
                format!("unit `{unit}` is defined twice"),
            );
            let d = cx
                .invalid(span, message)
                .with_primary_message(cx.lang.pick("重复", "duplicate"))
                .with_note(
                    cx.lang
                        .pick("每个单位只能属于一个种类", "each unit has exactly one kind"),
                );
            cx.push(d);
            return;
        }
        seen.push(unit.clone());
        patch.units.push((unit, kind));
    };
    for (key, entry) in entries(tab) {
        let key_text = key.get_ref().as_ref();
        match entry.get_ref() {
            DeValue::String(kind_text) => {
                let Some(kind) = unit_kind(cx, kind_text, entry.span()) else {
                    continue;
                };
                add(cx, key_text.to_string(), key.span(), kind);
            }
            DeValue::Array(_) => {
                let Some(kind) = UnitKind::from_name(key_text) else {
                    let message = cx.t(
                        format!("`{key_text}` 不是单位种类；数组形式 `种类 = [\"单位\", …]` 以种类为键"),
                        format!("`{key_text}` is not a unit kind; the array form `kind = [\"unit\", …]` takes a kind as its key"),
                    );
                    let d = cx
                        .invalid(key.span(), message)
                        .with_primary_message(cx.lang.pick("应为单位种类", "expected a unit kind"))
                        .with_note(cx.t(
                            format!("单位种类：{}；单个单位写作 `\"{key_text}\" = \"people\"`", join(UNIT_KINDS, cx.lang)),
                            format!("unit kinds: {}; a single unit is written `\"{key_text}\" = \"people\"`", join(UNIT_KINDS, cx.lang)),
                        ));
                    cx.push(d);
                    continue;
                };
                let list: Vec<Item> =
                    string_list(cx, &format!("units.{key_text}"), entry).unwrap_or_default();
                for (unit, span) in list {
                    add(cx, unit, span, kind);
                }
            }
            other => cx.wrong_type(
                &format!("units.\"{key_text}\""),
                entry.span(),
                other,
                Expected::String,
            ),
        }
    }
}

fn unit_kind(cx: &mut Cx<'_>, text: &str, span: std::ops::Range<usize>) -> Option<UnitKind> {
    if let Some(kind) = UnitKind::from_name(text) {
        return Some(kind);
    }
    let message = cx.t(
        format!("`{text}` 不是单位种类"),
        format!("`{text}` is not a unit kind"),
    );
    let mut d = cx
        .invalid(span, message)
        .with_primary_message(cx.lang.pick("未知的单位种类", "unknown unit kind"))
        .with_note(cx.t(
            format!("单位种类：{}", join(UNIT_KINDS, cx.lang)),
            format!("unit kinds: {}", join(UNIT_KINDS, cx.lang)),
        ));
    if let Some(near) = kind_synonym(text).or_else(|| nearest(text, UNIT_KINDS)) {
        d = d.with_note(cx.t(
            format!("是不是 `{near}`？"),
            format!("did you mean `{near}`?"),
        ));
    }
    cx.push(d);
    None
}

/// The kind meant by a Chinese kind name or a common English synonym.
fn kind_synonym(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    let kind = UNIT_KINDS
        .iter()
        .filter_map(|name| UnitKind::from_name(name))
        .find(|kind| kind.name(true) == text || kind.name(false) == lower);
    if let Some(kind) = kind {
        return UNIT_KINDS
            .iter()
            .copied()
            .find(|name| UnitKind::from_name(name) == Some(kind));
    }
    Some(match lower.as_str() {
        "person" | "persons" | "人" | "人员" => "people",
        "currency" | "钱" | "资金" => "money",
        "number" | "quantity" | "个数" | "计数" => "count",
        "duration" | "date" | "期限" => "time",
        "rate" | "ratio" | "比例" | "比率" => "percent",
        "physical quantity" | "measure" | "物理" => "physical",
        _ => return None,
    })
}

fn valid_unit(unit: &str) -> bool {
    !unit.is_empty()
        && unit
            .chars()
            .all(|c| (c.is_alphabetic() && !c.is_ascii_digit()) || matches!(c, '_' | '%' | '‰'))
}

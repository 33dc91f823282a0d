//! Custom schemes, `[schemes."名称"]`: a copy of a base scheme with categories removed,
//! added, aliased and re-roled, a new required set and a new 满意度下限.

use std::ops::Range;

use ptg_semantic::scheme::{CategoryRef, Level1, Level2, Requirement};
use ptg_semantic::{Role, Scheme};
use ptg_syntax::Decimal;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::cx::{nearest, Cx};
use crate::keys::{self, KeyName, SchemeKey};
use crate::walk::{entries, join, string, string_list, table};

/// The custom schemes of a file, in file order, and the names of those that could not be
/// built (so that references to them are not reported again).
#[derive(Debug, Clone, Default)]
pub(crate) struct Schemes {
    pub built: Vec<Scheme>,
    pub broken: Vec<String>,
}

impl Schemes {
    /// A scheme by name, custom first.
    pub fn find(&self, name: &str) -> Option<Scheme> {
        self.built
            .iter()
            .rev()
            .find(|scheme| scheme.name == name)
            .cloned()
            .or_else(|| Scheme::builtin(name))
    }

    /// Every usable scheme name: built-ins, then custom ones.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = Scheme::BUILTIN.iter().map(|s| s.to_string()).collect();
        for scheme in &self.built {
            if !names.contains(&scheme.name) {
                names.push(scheme.name.clone());
            }
        }
        names
    }

    /// Checks a reference to a scheme (`scheme`, `department-scheme`); a project scheme
    /// may not be one marked department-only.
    pub fn check_ref(
        &self,
        cx: &mut Cx<'_>,
        key: &str,
        span: Range<usize>,
        name: &str,
        for_projects: bool,
    ) -> Option<String> {
        if let Some(scheme) = self.find(name) {
            if for_projects && !scheme.for_projects {
                let message = cx.t(
                    format!("`{name}` 只用于部门一级的指标，不能作为项目体系"),
                    format!(
                        "`{name}` is for department-level indicators only, not a project scheme"
                    ),
                );
                let d = cx
                    .invalid(span, message)
                    .with_primary_message(cx.lang.pick("不是项目体系", "not a project scheme"))
                    .with_note(cx.t(
                        format!("部门一级的体系用 `department-scheme` 设置；`{key}` 可用：{}", join(&self.project_names(), cx.lang)),
                        format!("set the department scheme with `department-scheme`; `{key}` accepts: {}", join(&self.project_names(), cx.lang)),
                    ));
                cx.push(d);
                return None;
            }
            return Some(name.to_string());
        }
        if self.broken.iter().any(|broken| broken == name) {
            return None;
        }
        self.report_unknown(cx, span, name, for_projects);
        None
    }

    fn project_names(&self) -> Vec<String> {
        self.names()
            .into_iter()
            .filter(|name| self.find(name).is_some_and(|s| s.for_projects))
            .collect()
    }

    fn report_unknown(&self, cx: &mut Cx<'_>, span: Range<usize>, name: &str, for_projects: bool) {
        let names = if for_projects {
            self.project_names()
        } else {
            self.names()
        };
        let message = cx.t(
            format!("没有名为 `{name}` 的体系"),
            format!("there is no scheme named `{name}`"),
        );
        let mut d = cx
            .invalid(span, message)
            .with_primary_message(cx.lang.pick("未知体系", "unknown scheme"))
            .with_note(cx.t(
                format!(
                    "可用的体系：{}；自定义体系在 [schemes] 中声明",
                    join(&names, cx.lang)
                ),
                format!(
                    "known schemes: {}; declare custom ones under [schemes]",
                    join(&names, cx.lang)
                ),
            ));
        if let Some(near) = nearest(name, &names) {
            d = d.with_note(cx.t(
                format!("是不是 `{near}`？"),
                format!("did you mean `{near}`?"),
            ));
        }
        cx.push(d);
    }
}

/// Builds every scheme of the `[schemes]` table.
pub(crate) fn build_all(cx: &mut Cx<'_>, value: &Spanned<DeValue<'_>>) -> Schemes {
    let mut schemes = Schemes::default();
    let Some(tab) = table(cx, "schemes", value) else {
        return schemes;
    };
    let all = entries(tab);
    for (idx, (name, body)) in all.iter().enumerate() {
        let name_text = name.get_ref().as_ref();
        let later: Vec<&str> = all[idx + 1..]
            .iter()
            .map(|(k, _)| k.get_ref().as_ref())
            .collect();
        if !valid_scheme_name(name_text) {
            let message = cx.t(
                format!("体系名称 `{name_text}` 无效"),
                format!("invalid scheme name `{name_text}`"),
            );
            let d = cx
                .invalid(name.span(), message)
                .with_primary_message(cx.lang.pick("无效的名称", "invalid name"))
                .with_note(cx.lang.pick(
                    "体系名称写在 `体系` 行里，须是一个不含空白、引号、括号和 `#` 的词，如 `平罗2024`",
                    "a scheme name is written in a `体系` header: one word without whitespace, quotes, braces or `#`, such as `平罗2024`",
                ));
            cx.push(d);
            schemes.broken.push(name_text.to_string());
            continue;
        }
        let key = format!("schemes.\"{name_text}\"");
        let Some(body_table) = table(cx, &key, body) else {
            schemes.broken.push(name_text.to_string());
            continue;
        };
        match build_one(cx, name_text, name.span(), body_table, &schemes, &later) {
            Some(scheme) => schemes.built.push(scheme),
            None => schemes.broken.push(name_text.to_string()),
        }
    }
    schemes
}

fn valid_scheme_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || "\"“”{}#".contains(c))
}

/// A required category by canonical names, kept by name while categories move.
type ReqName = (String, Option<String>);

fn build_one(
    cx: &mut Cx<'_>,
    name: &str,
    name_span: Range<usize>,
    body: &DeTable<'_>,
    earlier: &Schemes,
    later: &[&str],
) -> Option<Scheme> {
    let table_name = format!("[schemes.\"{name}\"]");
    let mut found: Vec<(SchemeKey, &Spanned<DeValue<'_>>)> = Vec::new();
    let mut satisfaction_seen = false;
    for (key, value) in entries(body) {
        let key_text = key.get_ref().as_ref();
        let Some(k) = keys::lookup(keys::SCHEME, key_text) else {
            let known: Vec<&str> = keys::SCHEME.iter().map(|k| k.name()).collect();
            let table_label = cx.t(format!("{table_name} "), table_name.clone());
            cx.unknown_key(key.span(), key_text, &table_label, &known);
            continue;
        };
        if matches!(k, SchemeKey::SatisfactionMin | SchemeKey::SatisfactionMinZh) {
            if satisfaction_seen {
                let message = cx.t(
                    "`satisfaction-min` 与 `满意度下限` 是同一项，只能写一个".to_string(),
                    "`satisfaction-min` and `满意度下限` are the same setting; write only one"
                        .to_string(),
                );
                let d = cx
                    .invalid(key.span(), message)
                    .with_primary_message(cx.lang.pick("重复设置", "set twice"))
                    .with_note(cx.lang.pick("删除其中一个", "remove one of them"));
                cx.push(d);
                continue;
            }
            satisfaction_seen = true;
        }
        found.push((k, value));
    }
    let get = |k: SchemeKey| found.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);

    // The base.
    let mut scheme = match get(SchemeKey::Extends) {
        Some(value) => {
            let base_name = string(cx, "extends", value)?;
            let base = if base_name == name {
                Scheme::builtin(name)
            } else {
                earlier.find(base_name)
            };
            match base {
                Some(base) => base,
                None => {
                    if earlier.broken.iter().any(|b| b == base_name) {
                        return None;
                    }
                    if base_name == name {
                        let message = cx.t(
                            format!("体系 `{name}` 不能以自身为起点"),
                            format!("scheme `{name}` cannot extend itself"),
                        );
                        let d = cx
                            .invalid(value.span(), message)
                            .with_primary_message(cx.lang.pick("循环引用", "extends itself"))
                            .with_note(cx.t(
                                format!("只有与内置体系同名时才能省略或引用同名体系；内置体系：{}", join(&Scheme::BUILTIN, cx.lang)),
                                format!("only a scheme named like a built-in may extend that built-in; built-in schemes: {}", join(&Scheme::BUILTIN, cx.lang)),
                            ));
                        cx.push(d);
                    } else if later.contains(&base_name) {
                        let message = cx.t(
                            format!("体系 `{base_name}` 在后面才定义，`extends` 只能引用内置体系或前面定义的体系"),
                            format!("scheme `{base_name}` is defined further down; `extends` may name only a built-in or a scheme defined above"),
                        );
                        let d = cx
                            .invalid(value.span(), message)
                            .with_primary_message(cx.lang.pick("尚未定义", "not defined yet"))
                            .with_note(cx.t(
                                format!(
                                    "把 [schemes.\"{base_name}\"] 移到 [schemes.\"{name}\"] 前面"
                                ),
                                format!(
                                    "move [schemes.\"{base_name}\"] above [schemes.\"{name}\"]"
                                ),
                            ));
                        cx.push(d);
                    } else {
                        earlier.report_unknown(cx, value.span(), base_name, false);
                    }
                    return None;
                }
            }
        }
        None => match Scheme::builtin(name) {
            Some(base) => base,
            None if get(SchemeKey::Add).is_some() => Scheme {
                name: name.to_string(),
                levels: Vec::new(),
                required: Vec::new(),
                satisfaction_min: Decimal::from_int(85),
                for_projects: true,
            },
            None => {
                let message = cx.t(
                    format!("自定义体系 `{name}` 没有 `extends`（作为起点的体系），也没有 `add`"),
                    format!("custom scheme `{name}` has neither `extends` (the scheme to start from) nor `add`"),
                );
                let d = cx
                    .invalid(name_span, message)
                    .with_primary_message(cx.lang.pick("缺少 `extends`", "missing `extends`"))
                    .with_note(cx.t(
                        format!(
                            "例如 `extends = \"通用\"`；内置体系：{}",
                            join(&Scheme::BUILTIN, cx.lang)
                        ),
                        format!(
                            "for example `extends = \"通用\"`; built-in schemes: {}",
                            join(&Scheme::BUILTIN, cx.lang)
                        ),
                    ));
                cx.push(d);
                return None;
            }
        },
    };
    scheme.name = name.to_string();
    let mut required: Vec<ReqName> = scheme
        .required
        .iter()
        .map(|req| requirement_names(&scheme, *req))
        .collect();

    if let Some(value) = get(SchemeKey::Remove) {
        for (item, span) in string_list(cx, "remove", value).unwrap_or_default() {
            let Some(category) = locate(&scheme, &item) else {
                not_a_category(cx, &scheme, &item, span);
                continue;
            };
            match category {
                CategoryRef::Level1(l1) => {
                    scheme.levels.remove(l1);
                }
                CategoryRef::Level2(l1, l2) => {
                    scheme.levels[l1].children.remove(l2);
                }
            }
        }
    }

    if let Some(value) = get(SchemeKey::Add) {
        if let Some(add) = table(cx, "add", value) {
            add_categories(cx, &mut scheme, add);
        }
    }

    if let Some(value) = get(SchemeKey::Aliases) {
        if let Some(aliases) = table(cx, "aliases", value) {
            for (alias, target) in entries(aliases) {
                let alias_text = alias.get_ref().as_ref();
                let Some(target_name) = string(cx, &format!("aliases.\"{alias_text}\""), target)
                else {
                    continue;
                };
                if !valid_category_name(alias_text) {
                    invalid_category_name(cx, alias_text, alias.span());
                    continue;
                }
                let Some(category) = locate(&scheme, target_name) else {
                    not_a_category(cx, &scheme, target_name, target.span());
                    continue;
                };
                let aliases = match category {
                    CategoryRef::Level1(l1) => &mut scheme.levels[l1].aliases,
                    CategoryRef::Level2(l1, l2) => &mut scheme.levels[l1].children[l2].aliases,
                };
                if !aliases.iter().any(|a| a == alias_text) {
                    aliases.push(alias_text.to_string());
                }
            }
        }
    }

    if let Some(value) = get(SchemeKey::Roles) {
        if let Some(roles) = table(cx, "roles", value) {
            for (category_name, role_value) in entries(roles) {
                let category_text = category_name.get_ref().as_ref();
                let Some(role_text) = string(cx, &format!("roles.\"{category_text}\""), role_value)
                else {
                    continue;
                };
                let Some(role) = Role::from_name(role_text) else {
                    let message = cx.t(
                        format!("`{role_text}` 不是类别的作用"),
                        format!("`{role_text}` is not a category role"),
                    );
                    let mut d = cx
                        .invalid(role_value.span(), message)
                        .with_primary_message(cx.lang.pick("未知的作用", "unknown role"))
                        .with_note(cx.t(
                            format!("可用的作用：{}", join(ROLES, cx.lang)),
                            format!("roles: {}", join(ROLES, cx.lang)),
                        ));
                    if let Some(near) = nearest(role_text, ROLES) {
                        d = d.with_note(cx.t(
                            format!("是不是 `{near}`？"),
                            format!("did you mean `{near}`?"),
                        ));
                    }
                    cx.push(d);
                    continue;
                };
                let Some(category) = locate(&scheme, category_text) else {
                    not_a_category(cx, &scheme, category_text, category_name.span());
                    continue;
                };
                match category {
                    CategoryRef::Level1(l1) => scheme.levels[l1].role = role,
                    CategoryRef::Level2(l1, l2) => scheme.levels[l1].children[l2].role = role,
                }
            }
        }
    }

    if let Some(value) = get(SchemeKey::Required) {
        if let Some(items) = string_list(cx, "required", value) {
            required.clear();
            for (item, span) in items {
                match locate(&scheme, &item) {
                    Some(category) => {
                        let names = category_names(&scheme, category);
                        if !required.contains(&names) {
                            required.push(names);
                        }
                    }
                    None => not_a_category(cx, &scheme, &item, span),
                }
            }
        }
    }

    let satisfaction = get(SchemeKey::SatisfactionMin)
        .map(|v| (SchemeKey::SatisfactionMin, v))
        .or_else(|| get(SchemeKey::SatisfactionMinZh).map(|v| (SchemeKey::SatisfactionMinZh, v)));
    if let Some((key, value)) = satisfaction {
        if let Some(min) = percent(cx, key.name(), value) {
            scheme.satisfaction_min = min;
        }
    }

    scheme.required = required
        .iter()
        .filter_map(|(l1, l2)| {
            let l1_idx = scheme.levels.iter().position(|level| &level.name == l1)?;
            match l2 {
                None => Some(Requirement::Level1(l1_idx)),
                Some(l2) => scheme.levels[l1_idx]
                    .children
                    .iter()
                    .position(|child| &child.name == l2)
                    .map(|l2_idx| Requirement::Level2(l1_idx, l2_idx)),
            }
        })
        .collect();
    Some(scheme)
}

/// The roles `[schemes.X.roles]` accepts.
pub(crate) const ROLES: &[&str] = &[
    "cost",
    "quantity",
    "quality",
    "timeliness",
    "benefit",
    "satisfaction",
    "other",
];

fn add_categories(cx: &mut Cx<'_>, scheme: &mut Scheme, add: &DeTable<'_>) {
    for (level1, children) in entries(add) {
        let level1_text = level1.get_ref().as_ref();
        if !valid_category_name(level1_text) {
            invalid_category_name(cx, level1_text, level1.span());
            continue;
        }
        let Some(children) = string_list(cx, &format!("add.\"{level1_text}\""), children) else {
            continue;
        };
        let l1 = match scheme.resolve_level1(level1_text) {
            Some((idx, _)) => idx,
            None => {
                scheme.levels.push(Level1 {
                    name: level1_text.to_string(),
                    aliases: Vec::new(),
                    role: infer_role(level1_text, Role::Other),
                    children: Vec::new(),
                });
                scheme.levels.len() - 1
            }
        };
        for (child, span) in children {
            if !valid_category_name(&child) {
                invalid_category_name(cx, &child, span);
                continue;
            }
            if let Some((existing, _)) = scheme.resolve_level2(l1, &child) {
                let level = &scheme.levels[l1];
                let existing_name = &level.children[existing].name;
                let message = cx.t(
                    format!("`{}` 下已有二级类别 `{existing_name}`", level.name),
                    format!(
                        "`{}` already has the 二级 category `{existing_name}`",
                        level.name
                    ),
                );
                let children: Vec<&str> = level.children.iter().map(|c| c.name.as_str()).collect();
                let d = cx
                    .invalid(span, message)
                    .with_primary_message(cx.lang.pick("已存在", "already there"))
                    .with_note(cx.t(
                        format!("`{}` 现有的二级：{}；已有的类别不必再加，改名用 [aliases]", level.name, join(&children, cx.lang)),
                        format!("the 二级 of `{}`: {}; existing categories need no `add`, use [aliases] for other names", level.name, join(&children, cx.lang)),
                    ));
                cx.push(d);
                continue;
            }
            let role = infer_role(&child, scheme.levels[l1].role);
            scheme.levels[l1].children.push(Level2 {
                name: child,
                aliases: Vec::new(),
                role,
            });
        }
    }
}

/// The role of a category added by name: from the words in it, else its 一级's.
fn infer_role(name: &str, parent: Role) -> Role {
    const WORDS: &[(&str, Role)] = &[
        ("满意", Role::Satisfaction),
        ("成本", Role::Cost),
        ("数量", Role::Quantity),
        ("质量", Role::Quality),
        ("时效", Role::Timeliness),
        ("进度", Role::Timeliness),
        ("效益", Role::Benefit),
        ("影响", Role::Benefit),
    ];
    WORDS
        .iter()
        .find(|(word, _)| name.contains(word))
        .map_or(parent, |(_, role)| *role)
}

fn valid_category_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || "\"“”{}#/".contains(c))
}

fn invalid_category_name(cx: &mut Cx<'_>, name: &str, span: Range<usize>) {
    let message = cx.t(
        format!("类别名称 `{name}` 无效"),
        format!("invalid category name `{name}`"),
    );
    let d = cx
        .invalid(span, message)
        .with_primary_message(cx.lang.pick("无效的名称", "invalid name"))
        .with_note(cx.lang.pick(
            "类别名称是一个不含空白、引号、括号、`/` 和 `#` 的词，如 `社会影响指标`",
            "a category name is one word without whitespace, quotes, braces, `/` or `#`, such as `社会影响指标`",
        ));
    cx.push(d);
}

/// Finds a category by name: `一级/二级`, a canonical 一级, a canonical 二级, then
/// aliases (一级 first). A canonical name always wins over an alias.
pub(crate) fn locate(scheme: &Scheme, name: &str) -> Option<CategoryRef> {
    if let Some((level1, level2)) = name.split_once('/') {
        let (l1, _) = scheme.resolve_level1(level1)?;
        let (l2, _) = scheme.resolve_level2(l1, level2)?;
        return Some(CategoryRef::Level2(l1, l2));
    }
    if let Some(l1) = scheme.levels.iter().position(|level| level.name == name) {
        return Some(CategoryRef::Level1(l1));
    }
    for (l1, level) in scheme.levels.iter().enumerate() {
        if let Some(l2) = level.children.iter().position(|child| child.name == name) {
            return Some(CategoryRef::Level2(l1, l2));
        }
    }
    if let Some((l1, _)) = scheme.resolve_level1(name) {
        return Some(CategoryRef::Level1(l1));
    }
    scheme.find_anywhere(name)
}

fn category_names(scheme: &Scheme, category: CategoryRef) -> ReqName {
    match category {
        CategoryRef::Level1(l1) => (scheme.levels[l1].name.clone(), None),
        CategoryRef::Level2(l1, l2) => (
            scheme.levels[l1].name.clone(),
            Some(scheme.levels[l1].children[l2].name.clone()),
        ),
    }
}

fn requirement_names(scheme: &Scheme, requirement: Requirement) -> ReqName {
    match requirement {
        Requirement::Level1(l1) => category_names(scheme, CategoryRef::Level1(l1)),
        Requirement::Level2(l1, l2) => category_names(scheme, CategoryRef::Level2(l1, l2)),
    }
}

fn not_a_category(cx: &mut Cx<'_>, scheme: &Scheme, name: &str, span: Range<usize>) {
    let names: Vec<&str> = scheme.canonical_names().collect();
    let message = cx.t(
        format!("体系 `{}` 中没有类别 `{name}`", scheme.name),
        format!("scheme `{}` has no category `{name}`", scheme.name),
    );
    let mut d = cx
        .invalid(span, message)
        .with_primary_message(cx.lang.pick("未知类别", "unknown category"))
        .with_note(cx.t(
            format!(
                "此时体系中的类别：{}（也可写 `一级/二级`）",
                join(&names, cx.lang)
            ),
            format!(
                "categories of the scheme at this point: {} (`一级/二级` also works)",
                join(&names, cx.lang)
            ),
        ));
    if let Some(near) = ptg_semantic::scheme::nearest(name, &names) {
        d = d.with_note(cx.t(
            format!("是不是 `{near}`？"),
            format!("did you mean `{near}`?"),
        ));
    }
    cx.push(d);
}

/// A percentage 0–100: an integer, a float, or a string such as `"90%"`.
fn percent(cx: &mut Cx<'_>, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Decimal> {
    let parsed = match value.get_ref() {
        DeValue::Integer(int) => {
            i64::from_str_radix(int.as_str().trim_start_matches('+'), int.radix())
                .ok()
                .map(Decimal::from_int)
        }
        DeValue::Float(float) => Decimal::parse(float.as_str().trim_start_matches('+')),
        DeValue::String(text) => {
            let text = text.trim();
            Decimal::parse(text.strip_suffix(['%', '％']).unwrap_or(text).trim_end())
        }
        other => {
            cx.wrong_type(key, value.span(), other, crate::cx::Expected::Number);
            return None;
        }
    };
    match parsed {
        Some(number) if number >= Decimal::from_int(0) && number <= Decimal::from_int(100) => {
            Some(number)
        }
        _ => {
            let shown = &cx.text[cx.range(value.span())];
            let message = cx.t(
                format!("`{key}` 应为 0 到 100 之间的百分数，而不是 {shown}"),
                format!("`{key}` must be a percentage from 0 to 100, not {shown}"),
            );
            let d = cx
                .invalid(value.span(), message)
                .with_primary_message(
                    cx.lang
                        .pick("不是 0–100 的数", "not a number from 0 to 100"),
                )
                .with_note(cx.lang.pick(
                    "例如 `satisfaction-min = 90`",
                    "for example `satisfaction-min = 90`",
                ));
            cx.push(d);
            None
        }
    }
}

//! Indicator schemes (指标体系) as data: 一级 and 二级 categories, aliases, roles, the
//! required set. Built in: 国家2021, 通用, 部门整体, 汇总表 (DOMAIN.md §2); custom schemes
//! come from `ptg.toml`.

use ptg_syntax::Decimal;

/// What a category is about, which decides the value kind its indicators expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 成本: money (or money per unit).
    Cost,
    /// 数量: a count with a unit.
    Quantity,
    /// 质量: percent or qualitative.
    Quality,
    /// 时效: deadline, period or percent.
    Timeliness,
    /// 效益 (经济/社会/生态/可持续).
    Benefit,
    /// 满意度: percent lower bound.
    Satisfaction,
    /// Anything else (部门整体's 投入管理, 产出 categories …).
    Other,
}

impl Role {
    pub fn from_name(name: &str) -> Option<Role> {
        Some(match name {
            "cost" => Role::Cost,
            "quantity" => Role::Quantity,
            "quality" => Role::Quality,
            "timeliness" => Role::Timeliness,
            "benefit" => Role::Benefit,
            "satisfaction" => Role::Satisfaction,
            "other" => Role::Other,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level2 {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level1 {
    pub name: String,
    pub aliases: Vec<String>,
    /// The role of indicators written directly in this 一级 (schemes without 二级).
    pub role: Role,
    pub children: Vec<Level2>,
}

/// A category the scheme requires at least one indicator in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    Level1(usize),
    Level2(usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    pub name: String,
    pub levels: Vec<Level1>,
    pub required: Vec<Requirement>,
    /// `满意度下限`: the lowest acceptable satisfaction target, in percent.
    pub satisfaction_min: Decimal,
    /// Whether projects may use it in a `体系` header (部门整体 may not).
    pub for_projects: bool,
}

/// Where a category name resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CategoryRef {
    Level1(usize),
    Level2(usize, usize),
}

/// How a name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Match {
    Canonical,
    Alias,
}

fn strip_suffix(name: &str) -> &str {
    name.strip_suffix("指标").unwrap_or(name)
}

fn l2(name: &str, role: Role) -> Level2 {
    Level2 {
        name: name.to_string(),
        aliases: Vec::new(),
        role,
    }
}

fn l1(name: &str, role: Role, children: Vec<Level2>) -> Level1 {
    Level1 {
        name: name.to_string(),
        aliases: Vec::new(),
        role,
        children,
    }
}

impl Scheme {
    /// The names of the built-in schemes.
    pub const BUILTIN: [&'static str; 4] = ["国家2021", "通用", "部门整体", "汇总表"];

    pub fn builtin(name: &str) -> Option<Scheme> {
        let eighty_five = Decimal::from_int(85);
        let benefit = |extra: bool| {
            let mut children = vec![
                l2("经济效益指标", Role::Benefit),
                l2("社会效益指标", Role::Benefit),
                l2("生态效益指标", Role::Benefit),
            ];
            if extra {
                children.push(l2("可持续影响指标", Role::Benefit));
            }
            let mut level = l1("效益指标", Role::Benefit, children);
            level.aliases.push("效果指标".into());
            level
        };
        let output = |with_cost: bool| {
            let mut timeliness = l2("时效指标", Role::Timeliness);
            timeliness.aliases.push("进度指标".into());
            let mut children = vec![
                l2("数量指标", Role::Quantity),
                l2("质量指标", Role::Quality),
                timeliness,
            ];
            if with_cost {
                children.push(l2("成本指标", Role::Cost));
            }
            l1("产出指标", Role::Other, children)
        };
        let satisfaction = || {
            l1(
                "满意度指标",
                Role::Satisfaction,
                vec![l2("服务对象满意度指标", Role::Satisfaction)],
            )
        };
        let scheme = match name {
            "国家2021" => Scheme {
                name: name.into(),
                levels: vec![
                    l1(
                        "成本指标",
                        Role::Cost,
                        vec![
                            l2("经济成本指标", Role::Cost),
                            l2("社会成本指标", Role::Cost),
                            l2("生态环境成本指标", Role::Cost),
                        ],
                    ),
                    output(false),
                    benefit(false),
                    satisfaction(),
                ],
                required: vec![
                    Requirement::Level1(0),
                    Requirement::Level2(1, 0),
                    Requirement::Level2(1, 1),
                    Requirement::Level2(1, 2),
                    Requirement::Level1(2),
                    Requirement::Level2(3, 0),
                ],
                satisfaction_min: eighty_five,
                for_projects: true,
            },
            "通用" => Scheme {
                name: name.into(),
                levels: vec![output(true), benefit(true), satisfaction()],
                required: vec![
                    Requirement::Level2(0, 0),
                    Requirement::Level2(0, 1),
                    Requirement::Level2(0, 2),
                    Requirement::Level2(0, 3),
                    Requirement::Level1(1),
                    Requirement::Level2(2, 0),
                ],
                satisfaction_min: eighty_five,
                for_projects: true,
            },
            "部门整体" => Scheme {
                name: name.into(),
                levels: vec![
                    l1(
                        "投入管理指标",
                        Role::Other,
                        vec![
                            l2("工作目标管理", Role::Other),
                            l2("预算和财务管理", Role::Other),
                            l2("绩效管理", Role::Other),
                        ],
                    ),
                    l1(
                        "产出指标",
                        Role::Other,
                        vec![
                            l2("重点工作任务完成", Role::Other),
                            l2("履职目标实现", Role::Other),
                        ],
                    ),
                    l1(
                        "效益指标",
                        Role::Benefit,
                        vec![l2("履职效益", Role::Benefit)],
                    ),
                    l1(
                        "满意度指标",
                        Role::Satisfaction,
                        vec![l2("满意度", Role::Satisfaction)],
                    ),
                ],
                required: vec![
                    Requirement::Level1(1),
                    Requirement::Level1(2),
                    Requirement::Level1(3),
                ],
                satisfaction_min: eighty_five,
                for_projects: false,
            },
            "汇总表" => Scheme {
                name: name.into(),
                levels: vec![
                    l1("成本指标", Role::Cost, Vec::new()),
                    l1("产出指标", Role::Other, Vec::new()),
                    l1("效益指标", Role::Benefit, Vec::new()),
                    l1("满意度指标", Role::Satisfaction, Vec::new()),
                ],
                required: vec![
                    Requirement::Level1(0),
                    Requirement::Level1(1),
                    Requirement::Level1(2),
                    Requirement::Level1(3),
                ],
                satisfaction_min: eighty_five,
                for_projects: true,
            },
            _ => return None,
        };
        Some(scheme)
    }

    fn matches(name: &str, canonical: &str, aliases: &[String]) -> Option<Match> {
        if name == canonical {
            return Some(Match::Canonical);
        }
        let stripped = strip_suffix(name);
        if stripped == strip_suffix(canonical)
            || aliases
                .iter()
                .any(|alias| alias == name || strip_suffix(alias) == stripped)
        {
            return Some(Match::Alias);
        }
        None
    }

    /// Resolves a name in a 一级 slot. A canonical name wins over an alias.
    pub fn resolve_level1(&self, name: &str) -> Option<(usize, Match)> {
        let mut alias = None;
        for (idx, level) in self.levels.iter().enumerate() {
            match Self::matches(name, &level.name, &level.aliases) {
                Some(Match::Canonical) => return Some((idx, Match::Canonical)),
                Some(Match::Alias) if alias.is_none() => alias = Some((idx, Match::Alias)),
                _ => {}
            }
        }
        alias
    }

    /// Resolves a name in a 二级 slot under `level1`. The 一级's own name (`满意度` under
    /// `满意度指标`) stands for its only 二级 where that is unambiguous.
    pub fn resolve_level2(&self, level1: usize, name: &str) -> Option<(usize, Match)> {
        let level = self.levels.get(level1)?;
        let mut alias = None;
        for (idx, child) in level.children.iter().enumerate() {
            match Self::matches(name, &child.name, &child.aliases) {
                Some(Match::Canonical) => return Some((idx, Match::Canonical)),
                Some(Match::Alias) if alias.is_none() => alias = Some((idx, Match::Alias)),
                _ => {}
            }
        }
        if alias.is_none()
            && level.children.len() == 1
            && strip_suffix(name) == strip_suffix(&level.name)
        {
            return Some((0, Match::Alias));
        }
        alias
    }

    /// Where else in the scheme a name would resolve: for `misplaced-category`.
    pub fn find_anywhere(&self, name: &str) -> Option<CategoryRef> {
        for (l1_idx, level) in self.levels.iter().enumerate() {
            for (l2_idx, child) in level.children.iter().enumerate() {
                if Self::matches(name, &child.name, &child.aliases).is_some() {
                    return Some(CategoryRef::Level2(l1_idx, l2_idx));
                }
            }
        }
        self.resolve_level1(name)
            .map(|(idx, _)| CategoryRef::Level1(idx))
    }

    pub fn category_name(&self, category: CategoryRef) -> &str {
        match category {
            CategoryRef::Level1(l1) => &self.levels[l1].name,
            CategoryRef::Level2(l1, l2) => &self.levels[l1].children[l2].name,
        }
    }

    pub fn requirement_name(&self, requirement: Requirement) -> &str {
        match requirement {
            Requirement::Level1(l1) => self.category_name(CategoryRef::Level1(l1)),
            Requirement::Level2(l1, l2) => self.category_name(CategoryRef::Level2(l1, l2)),
        }
    }

    /// The canonical name of a category as written and its position in the scheme, for
    /// the formatter. `parent` is the canonical name of the enclosing 一级 (二级 slot).
    pub fn canonical(&self, parent: Option<&str>, name: &str) -> Option<(String, usize)> {
        match parent {
            None => self
                .resolve_level1(name)
                .map(|(l1, _)| (self.levels[l1].name.clone(), l1)),
            Some(parent) => {
                let l1 = self.levels.iter().position(|level| level.name == parent)?;
                self.resolve_level2(l1, name)
                    .map(|(l2, _)| (self.levels[l1].children[l2].name.clone(), l2))
            }
        }
    }

    /// Every canonical category name (for `name-is-category`).
    pub fn canonical_names(&self) -> impl Iterator<Item = &str> {
        self.levels.iter().flat_map(|level| {
            std::iter::once(level.name.as_str())
                .chain(level.children.iter().map(|child| child.name.as_str()))
        })
    }

    /// The names allowed in a slot, for suggestions and completion.
    pub fn slot_names(&self, level1: Option<usize>) -> Vec<&str> {
        match level1 {
            None => self.levels.iter().map(|l| l.name.as_str()).collect(),
            Some(l1) => self
                .levels
                .get(l1)
                .map(|l| l.children.iter().map(|c| c.name.as_str()).collect())
                .unwrap_or_default(),
        }
    }
}

/// The closest name by edit distance over chars, if reasonably close.
pub fn nearest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let target: Vec<char> = strip_suffix(name).chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let cand: Vec<char> = strip_suffix(candidate).chars().collect();
        let dist = edit_distance(&target, &cand);
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, candidate));
        }
    }
    best.filter(|(dist, _)| *dist <= target.len().max(2) / 2 + 1)
        .map(|(_, name)| name)
}

/// Levenshtein distance over chars (names are short; used for "did you mean" hints).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_aliases_and_codes() {
        let national = Scheme::builtin("国家2021").unwrap();
        assert_eq!(
            national.resolve_level1("成本指标"),
            Some((0, Match::Canonical))
        );
        assert_eq!(national.resolve_level1("产出"), Some((1, Match::Alias)));
        assert_eq!(national.resolve_level1("效果指标"), Some((2, Match::Alias)));
        assert_eq!(
            national.resolve_level2(1, "进度指标"),
            Some((2, Match::Alias))
        );
        assert_eq!(
            national.resolve_level2(3, "服务对象满意度"),
            Some((0, Match::Alias))
        );
        assert_eq!(national.resolve_level2(1, "成本指标"), None);
        assert_eq!(
            national.resolve_level2(3, "满意度"),
            Some((0, Match::Alias))
        );
        assert_eq!(national.resolve_level2(1, "产出"), None);
        assert_eq!(
            national.find_anywhere("成本指标"),
            Some(CategoryRef::Level1(0))
        );
        let general = Scheme::builtin("通用").unwrap();
        assert_eq!(general.resolve_level2(0, "成本"), Some((3, Match::Alias)));
        assert_eq!(
            general.resolve_level2(1, "可持续影响"),
            Some((3, Match::Alias))
        );
    }

    #[test]
    fn canonical_wins_over_alias() {
        let dept = Scheme::builtin("部门整体").unwrap();
        assert_eq!(
            dept.resolve_level1("满意度指标"),
            Some((3, Match::Canonical))
        );
        assert_eq!(
            dept.resolve_level2(3, "满意度"),
            Some((0, Match::Canonical))
        );
        assert_eq!(dept.resolve_level1("满意度"), Some((3, Match::Alias)));
        assert!(!dept.for_projects);
    }

    #[test]
    fn canonical_names_for_the_formatter() {
        let general = Scheme::builtin("通用").unwrap();
        assert_eq!(
            general.canonical(None, "效益"),
            Some(("效益指标".into(), 1))
        );
        assert_eq!(
            general.canonical(Some("产出指标"), "成本"),
            Some(("成本指标".into(), 3))
        );
        assert_eq!(general.canonical(Some("产出指标"), "经济效益"), None);
    }

    #[test]
    fn suggestions() {
        let national = Scheme::builtin("国家2021").unwrap();
        let names = national.slot_names(Some(1));
        assert_eq!(nearest("数据指标", &names), Some("数量指标"));
        assert_eq!(nearest("完全无关的名字", &names), None);
    }
}

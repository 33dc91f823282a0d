//! The keys of `ptg.toml`, one list per table. The parser recognises a key only through
//! these lists and the JSON schema lists exactly these, so the two cannot drift.

use ptg_diagnostics::Lang;

/// A key of the top level or of an `[[overrides]]` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Scheme,
    DepartmentScheme,
    Lang,
    DisallowSuppressions,
    Select,
    Ignore,
    Rules,
    Units,
    Schemes,
    Overrides,
    Path,
}

/// The keys of the top-level table.
pub const TOP_LEVEL: &[Key] = &[
    Key::Scheme,
    Key::DepartmentScheme,
    Key::Lang,
    Key::DisallowSuppressions,
    Key::Select,
    Key::Ignore,
    Key::Rules,
    Key::Units,
    Key::Schemes,
    Key::Overrides,
];

/// The keys of one `[[overrides]]` entry.
pub const OVERRIDE: &[Key] = &[
    Key::Path,
    Key::Scheme,
    Key::DepartmentScheme,
    Key::DisallowSuppressions,
    Key::Select,
    Key::Ignore,
    Key::Rules,
    Key::Units,
];

/// A key of a custom scheme, `[schemes."名称"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemeKey {
    Extends,
    SatisfactionMin,
    /// `满意度下限`, the Chinese spelling of `satisfaction-min`.
    SatisfactionMinZh,
    Remove,
    Add,
    Aliases,
    Roles,
    Required,
}

/// The keys of a custom scheme.
pub const SCHEME: &[SchemeKey] = &[
    SchemeKey::Extends,
    SchemeKey::SatisfactionMin,
    SchemeKey::SatisfactionMinZh,
    SchemeKey::Remove,
    SchemeKey::Add,
    SchemeKey::Aliases,
    SchemeKey::Roles,
    SchemeKey::Required,
];

/// A key with a name and bilingual documentation.
pub trait KeyName: Copy + 'static {
    fn name(self) -> &'static str;
    fn doc(self, lang: Lang) -> &'static str;
}

/// The key of `list` spelt `name`.
pub fn lookup<K: KeyName>(list: &[K], name: &str) -> Option<K> {
    list.iter().copied().find(|key| key.name() == name)
}

impl KeyName for Key {
    fn name(self) -> &'static str {
        match self {
            Key::Scheme => "scheme",
            Key::DepartmentScheme => "department-scheme",
            Key::Lang => "lang",
            Key::DisallowSuppressions => "disallow-suppressions",
            Key::Select => "select",
            Key::Ignore => "ignore",
            Key::Rules => "rules",
            Key::Units => "units",
            Key::Schemes => "schemes",
            Key::Overrides => "overrides",
            Key::Path => "path",
        }
    }

    fn doc(self, lang: Lang) -> &'static str {
        match self {
            Key::Scheme => lang.pick(
                "文件没有 `体系` 行时项目指标使用的体系（内置：国家2021、通用、汇总表，或 [schemes] 中的自定义体系）。默认 国家2021",
                "The project scheme when a file has no `体系` header (built in: 国家2021, 通用, 汇总表, or a custom scheme from [schemes]). Default 国家2021",
            ),
            Key::DepartmentScheme => lang.pick(
                "部门一级指标使用的体系。默认 部门整体",
                "The scheme of department-level indicators. Default 部门整体",
            ),
            Key::Lang => lang.pick(
                "提示信息的语言：zh（中文，默认）或 en",
                "The message language: zh (Chinese, the default) or en",
            ),
            Key::DisallowSuppressions => lang.pick(
                "忽略 `# ptg: allow(...)` 抑制注释（它们会被报告为多余的抑制）。默认 false",
                "Ignore `# ptg: allow(...)` comments (they are then reported as unused). Default false",
            ),
            Key::Select => lang.pick(
                "只运行这些规则：规则名、规则组（syntax structure values money time department）或 ALL。默认全部",
                "Run only these rules: rule names, group ids (syntax structure values money time department) or ALL. Default: all",
            ),
            Key::Ignore => lang.pick(
                "不运行这些规则：规则名、规则组或 ALL",
                "Never run these rules: rule names, group ids or ALL",
            ),
            Key::Rules => lang.pick(
                "规则的级别：off、hint、info、warning、error；键为规则名、规则组或 ALL（先 ALL，再规则组，最后规则名）",
                "Rule levels: off, hint, info, warning, error; keys are rule names, group ids or ALL (ALL first, then groups, then rule names)",
            ),
            Key::Units => lang.pick(
                "额外的单位：`\"单位\" = \"种类\"`，种类为 money percent people count physical time；也可写 `种类 = [\"单位\", …]`",
                "Extra units: `\"unit\" = \"kind\"` with kind one of money percent people count physical time; `kind = [\"unit\", …]` also works",
            ),
            Key::Schemes => lang.pick(
                "自定义指标体系：`[schemes.\"名称\"]`",
                "Custom indicator schemes: `[schemes.\"name\"]`",
            ),
            Key::Overrides => lang.pick(
                "按路径覆盖设置：`[[overrides]]`，按顺序应用，后者优先",
                "Per-path settings: `[[overrides]]`, applied in order, later wins",
            ),
            Key::Path => lang.pick(
                "相对于 ptg.toml 所在目录的路径模式（或模式数组）：`*` 不跨目录，`**` 任意层目录，`?` 一个字符；不含 `/` 的模式匹配任意层的文件名；匹配目录即匹配其下所有文件",
                "Path pattern(s) relative to the directory of ptg.toml: `*` within one directory, `**` any depth, `?` one character; a pattern without `/` matches a name at any depth; matching a directory matches everything under it",
            ),
        }
    }
}

impl KeyName for SchemeKey {
    fn name(self) -> &'static str {
        match self {
            SchemeKey::Extends => "extends",
            SchemeKey::SatisfactionMin => "satisfaction-min",
            SchemeKey::SatisfactionMinZh => "满意度下限",
            SchemeKey::Remove => "remove",
            SchemeKey::Add => "add",
            SchemeKey::Aliases => "aliases",
            SchemeKey::Roles => "roles",
            SchemeKey::Required => "required",
        }
    }

    fn doc(self, lang: Lang) -> &'static str {
        match self {
            SchemeKey::Extends => lang.pick(
                "作为起点的体系：内置体系或前面定义的自定义体系。名称与内置体系相同时默认以该内置体系为起点",
                "The scheme to start from: a built-in or a custom scheme defined above. Defaults to the built-in of the same name",
            ),
            SchemeKey::SatisfactionMin | SchemeKey::SatisfactionMinZh => lang.pick(
                "满意度下限（百分比，0–100），默认 85",
                "The lowest acceptable satisfaction target in percent (0–100), default 85",
            ),
            SchemeKey::Remove => lang.pick(
                "删除的一级或二级类别（删除一级时连同其二级）",
                "一级 or 二级 categories to drop (dropping a 一级 drops its 二级)",
            ),
            SchemeKey::Add => lang.pick(
                "增加类别：`\"一级\" = [\"二级\", …]`；一级不存在时新建",
                "Categories to add: `\"一级\" = [\"二级\", …]`; a 一级 that does not exist is created",
            ),
            SchemeKey::Aliases => lang.pick(
                "别名：`\"别名\" = \"规范名称\"`",
                "Aliases: `\"alias\" = \"canonical name\"`",
            ),
            SchemeKey::Roles => lang.pick(
                "类别的作用：`\"名称\" = \"作用\"`，作用为 cost quantity quality timeliness benefit satisfaction other",
                "Category roles: `\"name\" = \"role\"` with role one of cost quantity quality timeliness benefit satisfaction other",
            ),
            SchemeKey::Required => lang.pick(
                "必填类别（替换起点体系的必填集合）；一级表示其中至少一个指标",
                "The required categories (replaces the base scheme's set); a 一级 means at least one indicator in it",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_per_table() {
        fn unique<K: KeyName>(list: &[K]) {
            let mut names: Vec<_> = list.iter().map(|k| k.name()).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n);
        }
        unique(TOP_LEVEL);
        unique(OVERRIDE);
        unique(SCHEME);
        // Every `Key` is in one of the lists.
        for key in [
            Key::Scheme,
            Key::DepartmentScheme,
            Key::Lang,
            Key::DisallowSuppressions,
            Key::Select,
            Key::Ignore,
            Key::Rules,
            Key::Units,
            Key::Schemes,
            Key::Overrides,
            Key::Path,
        ] {
            assert!(
                TOP_LEVEL.contains(&key) || OVERRIDE.contains(&key),
                "{key:?}"
            );
        }
    }
}

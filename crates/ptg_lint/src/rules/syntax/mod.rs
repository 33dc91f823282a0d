//! Syntax and file rules. Most are reported by the parser, the CLI or the suppression
//! engine; they are registered here for their metadata (docs, config, SARIF).

use ptg_diagnostics::Severity;

use crate::rule::{FixKind, Group, Rule, RuleDocs, RuleMeta};

mod unknown_scheme;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        meta: &SYNTAX_ERROR,
        check: None,
    },
    Rule {
        meta: &UNKNOWN_FIELD,
        check: None,
    },
    Rule {
        meta: &INVALID_ENCODING,
        check: None,
    },
    Rule {
        meta: &UNKNOWN_RULE,
        check: None,
    },
    Rule {
        meta: &UNUSED_SUPPRESSION,
        check: None,
    },
    Rule {
        meta: &SUPPRESSION_WITHOUT_REASON,
        check: None,
    },
    Rule {
        meta: &INVALID_CONFIG,
        check: None,
    },
    rule!(unknown_scheme),
];

pub(crate) static SYNTAX_ERROR: RuleMeta = RuleMeta {
    name: "syntax-error",
    code: "E001",
    group: Group::Syntax,
    severity: Severity::Error,
    fix: FixKind::Safe,
    zh: RuleDocs {
        what: "无法解析的内容：错误的符号、缺少的引号或括号、无法识别的指标值。",
        why: "无法解析的一项不能被检查；解析会从下一项继续，其余内容照常检查。`=>`、`=<` 等写法可自动改为 `≥`、`≤`。",
    },
    en: RuleDocs {
        what: "Text that does not parse: a wrong symbol, a missing quote or brace, a value that is not understood.",
        why: "An item that does not parse cannot be checked; parsing resumes with the next item. `=>` and `=<` have a safe fix to `≥` and `≤`.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 { 数量指标 { \"培训人数\" => 100人 } }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 { 数量指标 { \"培训人数\" ≥ 100人 } }\n  }\n}\n",
};

pub(crate) static UNKNOWN_FIELD: RuleMeta = RuleMeta {
    name: "unknown-field",
    code: "E002",
    group: Group::Syntax,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "块中出现了不属于它的字段，例如项目中的 `负责人`。",
        why: "表格没有这一栏，审核时会被忽略；可能是拼写错误，或写在了错误的块中。",
    },
    en: RuleDocs {
        what: "A field that does not belong in its block, such as `负责人` in a project.",
        why: "The table has no such column, so the value would be ignored; it is usually a typo or in the wrong block.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    负责人 \"张三\"\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    单位 \"某局机关\"\n  }\n}\n",
};

pub(crate) static INVALID_ENCODING: RuleMeta = RuleMeta {
    name: "invalid-encoding",
    code: "E003",
    group: Group::Syntax,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "文件不是 UTF-8 编码（常见的是从 Word/Excel 导出的 GBK/GB18030）。",
        why: "编码错误的文件无法读取；ptg 会判断是否为 GBK/GB18030 并给出 `iconv` 转换命令。",
    },
    en: RuleDocs {
        what: "The file is not UTF-8 (often GBK/GB18030 exported from Word or Excel).",
        why: "A file in another encoding cannot be read; ptg says when it looks like GBK/GB18030 and how to convert it with `iconv`.",
    },
    bad_example: "",
    good_example: "年度 2024\n",
};

pub(crate) static UNKNOWN_RULE: RuleMeta = RuleMeta {
    name: "unknown-rule",
    code: "E004",
    group: Group::Syntax,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "抑制注释或配置中写了不存在的规则名。",
        why: "拼错的规则名什么也抑制不了，真正的问题仍会被报告；请改为正确的名称。",
    },
    en: RuleDocs {
        what: "A suppression or the configuration names a rule that does not exist.",
        why: "A misspelt rule name silences nothing; use the right name.",
    },
    bad_example: "年度 2024\n# ptg: allow(no-such-rule) -- 拼写错误\n部门 \"某局\" {\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n}\n",
};

pub(crate) static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    name: "unused-suppression",
    code: "E005",
    group: Group::Syntax,
    severity: Severity::Warning,
    fix: FixKind::Safe,
    zh: RuleDocs {
        what: "`# ptg: allow(规则)` 没有抑制任何发现。独占一行的抑制覆盖紧随其后的结构（含其嵌套块）。",
        why: "过时的抑制会在问题再次出现时把它藏起来。可自动删除这条注释。",
    },
    en: RuleDocs {
        what: "`# ptg: allow(rule)` that silenced nothing. An own-line suppression covers the construct right after it, with its nested block.",
        why: "Stale suppressions hide the problem when it comes back. The safe fix removes the comment.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        # ptg: allow(quantity-upper-bound) -- 名额有上限\n        \"培训人数\" ≥ 300人\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"培训人数\" ≥ 300人\n      }\n    }\n  }\n}\n",
};

pub(crate) static SUPPRESSION_WITHOUT_REASON: RuleMeta = RuleMeta {
    name: "suppression-without-reason",
    code: "E006",
    group: Group::Syntax,
    severity: Severity::Info,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "抑制注释没有写 `-- 原因`。",
        why: "审核人需要知道为什么可以忽略这条发现。",
    },
    en: RuleDocs {
        what: "A suppression comment without `-- reason`.",
        why: "Reviewers need to know why the finding may be ignored.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"培训人数\" ≤ 300人  # ptg: allow(quantity-upper-bound)\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"培训人数\" ≤ 300人  # ptg: allow(quantity-upper-bound) -- 名额由上级核定\n      }\n    }\n  }\n}\n",
};

pub(crate) static INVALID_CONFIG: RuleMeta = RuleMeta {
    name: "invalid-config",
    code: "E008",
    group: Group::Syntax,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "ptg.toml 有错误：TOML 语法错误、未知的键、错误的类型或取值、未知的体系、单位类别或类别名称。",
        why: "配置错误会让规则按错误的设置运行；ptg 指出出错的键或值，并列出可用的写法。配置文件有错误时 `ptg check` 以退出码 2 结束。",
    },
    en: RuleDocs {
        what: "ptg.toml has an error: TOML syntax, an unknown key, a wrong type or value, an unknown scheme, unit kind or category name.",
        why: "A broken configuration would run the rules with the wrong settings; ptg points at the key or value and lists what is accepted. `ptg check` exits with 2 when a configuration file has an error.",
    },
    bad_example: "",
    good_example: "",
};

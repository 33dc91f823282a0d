//! The parsing context: the text, the message language and the diagnostics so far.

use std::ops::Range;

use ptg_diagnostics::{Diagnostic, Lang, Severity, TextRange, TextSize};
use ptg_lint::registry;
use toml::de::DeValue;

/// The rule of every configuration problem except unknown rule names.
pub const INVALID_CONFIG: &str = "invalid-config";
/// Its stable code.
pub const INVALID_CONFIG_CODE: &str = "E008";

pub(crate) struct Cx<'t> {
    pub text: &'t str,
    pub lang: Lang,
    pub diags: Vec<Diagnostic>,
}

impl<'t> Cx<'t> {
    pub fn new(text: &'t str, lang: Lang) -> Cx<'t> {
        Cx {
            text,
            lang,
            diags: Vec::new(),
        }
    }

    pub fn t(&self, zh: String, en: String) -> String {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A byte range of the text, clamped and moved onto char boundaries.
    pub fn range(&self, span: Range<usize>) -> TextRange {
        let fix = |mut at: usize| {
            at = at.min(self.text.len());
            while !self.text.is_char_boundary(at) {
                at -= 1;
            }
            TextSize::from(u32::try_from(at).unwrap_or(u32::MAX))
        };
        let start = fix(span.start);
        let end = fix(span.end.max(span.start));
        TextRange::new(start, end)
    }

    /// An `invalid-config` error.
    pub fn invalid(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(
            INVALID_CONFIG,
            INVALID_CONFIG_CODE,
            Severity::Error,
            self.range(span),
            message,
        )
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    /// `value` has the wrong type: `expected` says what is wanted.
    pub fn wrong_type(
        &mut self,
        key: &str,
        span: Range<usize>,
        value: &DeValue<'_>,
        expected: Expected,
    ) {
        let found = type_name(value, self.lang);
        let want = expected.name(self.lang);
        let message = self.t(
            format!("`{key}` 的值应为{want}，而不是{found}"),
            format!("`{key}` must be {want}, not {found}"),
        );
        let d = self
            .invalid(span, message)
            .with_primary_message(self.t(format!("应为{want}"), format!("expected {want}")))
            .with_note(expected.example(self.lang));
        self.push(d);
    }

    /// A key this table does not accept.
    pub fn unknown_key(&mut self, span: Range<usize>, key: &str, table: &str, known: &[&str]) {
        let message = self.t(
            format!("{table}没有配置项 `{key}`"),
            format!("unknown key `{key}` in {table}"),
        );
        let list = known.join(self.lang.pick("、", ", "));
        let mut d = self
            .invalid(span, message)
            .with_primary_message(self.lang.pick("未知的配置项", "unknown key"))
            .with_note(self.t(
                format!("这里可用的配置项：{list}"),
                format!("keys accepted here: {list}"),
            ));
        if let Some(near) = nearest(key, known) {
            d = d.with_note(self.t(
                format!("是不是 `{near}`？"),
                format!("did you mean `{near}`?"),
            ));
        }
        self.push(d);
    }

    /// `name` in `[rules]`, `select`, `ignore` names no rule or group.
    pub fn unknown_rule(&mut self, span: Range<usize>, name: &str) {
        let (rule, code, severity) = match registry::find("unknown-rule") {
            Some(rule) => (rule.meta.name, rule.meta.code, rule.meta.severity),
            None => ("unknown-rule", "E004", Severity::Warning),
        };
        let message = self.t(
            format!("没有名为 `{name}` 的规则或规则组"),
            format!("there is no rule or rule group named `{name}`"),
        );
        let mut d = Diagnostic::new(rule, code, severity, self.range(span), message)
            .with_primary_message(self.lang.pick("未知规则", "unknown rule"));
        let suggestion = registry::nearest_name(name).or_else(|| {
            crate::settings::SELECTORS_BESIDES_RULES
                .iter()
                .copied()
                .find(|group| group.eq_ignore_ascii_case(name))
        });
        if let Some(near) = suggestion {
            d = d.with_note(self.t(
                format!("是不是 `{near}`？"),
                format!("did you mean `{near}`?"),
            ));
        }
        let groups = crate::settings::SELECTORS_BESIDES_RULES.join(" ");
        d = d.with_note(self.t(
            format!("可写规则名（`ptg rule --all` 列出所有规则）、规则组 {groups}"),
            format!("write a rule name (`ptg rule --all` lists every rule) or one of {groups}"),
        ));
        self.push(d);
    }
}

/// What a value should have been.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expected {
    String,
    Bool,
    Number,
    Table,
    StringArray,
    StringOrArray,
    ArrayOfTables,
}

impl Expected {
    fn example(self, lang: Lang) -> &'static str {
        match self {
            Expected::String => lang.pick(
                "字符串要加引号，如 `scheme = \"通用\"`",
                "strings are quoted, e.g. `scheme = \"通用\"`",
            ),
            Expected::Bool => lang.pick(
                "写作 `true` 或 `false`，不加引号",
                "write `true` or `false`, unquoted",
            ),
            Expected::Number => lang.pick("写作数字，如 `90`", "write a number, e.g. `90`"),
            Expected::Table => lang.pick(
                "写作 `[表名]` 段，或行内表 `{ 键 = \"值\" }`",
                "write a `[table]` section or an inline table `{ key = \"value\" }`",
            ),
            Expected::StringArray => lang.pick(
                "写作数组，如 `[\"ALL\"]`、`[\"数量指标\", \"质量指标\"]`",
                "write an array, e.g. `[\"ALL\"]`, `[\"数量指标\", \"质量指标\"]`",
            ),
            Expected::StringOrArray => lang.pick(
                "如 `path = \"2023/**\"` 或 `path = [\"2023/**\", \"旧表/*.ptg\"]`",
                "e.g. `path = \"2023/**\"` or `path = [\"2023/**\", \"old/*.ptg\"]`",
            ),
            Expected::ArrayOfTables => lang.pick(
                "每个覆盖写作一个 `[[overrides]]` 段，其中有 `path = \"…\"`",
                "write each override as an `[[overrides]]` section with `path = \"…\"`",
            ),
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            Expected::String => lang.pick("字符串", "a string"),
            Expected::Bool => lang.pick("布尔值（true 或 false）", "a boolean (true or false)"),
            Expected::Number => lang.pick("数字", "a number"),
            Expected::Table => lang.pick("表", "a table"),
            Expected::StringArray => lang.pick("字符串数组", "an array of strings"),
            Expected::StringOrArray => {
                lang.pick("字符串或字符串数组", "a string or an array of strings")
            }
            Expected::ArrayOfTables => lang.pick(
                "表数组（`[[overrides]]`）",
                "an array of tables (`[[overrides]]`)",
            ),
        }
    }
}

pub(crate) fn type_name(value: &DeValue<'_>, lang: Lang) -> &'static str {
    match value {
        DeValue::String(_) => lang.pick("字符串", "a string"),
        DeValue::Integer(_) => lang.pick("整数", "an integer"),
        DeValue::Float(_) => lang.pick("浮点数", "a float"),
        DeValue::Boolean(_) => lang.pick("布尔值", "a boolean"),
        DeValue::Datetime(_) => lang.pick("日期时间", "a date-time"),
        DeValue::Array(_) => lang.pick("数组", "an array"),
        DeValue::Table(_) => lang.pick("表", "a table"),
    }
}

/// The closest candidate by edit distance over chars, if reasonably close.
pub(crate) fn nearest<'a, S: AsRef<str>>(name: &str, candidates: &'a [S]) -> Option<&'a str> {
    let target: Vec<char> = name.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let cand: Vec<char> = candidate.as_ref().chars().collect();
        let dist = distance(&target, &cand);
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, candidate.as_ref()));
        }
    }
    best.filter(|(dist, _)| *dist > 0 && *dist <= target.len().max(2) / 3 + 1)
        .map(|(_, name)| name)
        .or_else(|| {
            // An abbreviation: `warn` for `warning`.
            let lower = name.to_lowercase();
            candidates
                .iter()
                .map(AsRef::as_ref)
                .find(|candidate| target.len() >= 3 && candidate.to_lowercase().starts_with(&lower))
        })
}

use ptg_semantic::scheme::edit_distance as distance;

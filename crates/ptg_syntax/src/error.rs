//! Syntax errors and their conversion to diagnostics.

use std::borrow::Cow;

use ptg_diagnostics::{Diagnostic, Fix, Lang, Severity, TextEdit};
use text_size::TextRange;

use crate::lexer::SyntaxKind;

/// Rule name and code of every syntax-level finding the parser reports.
pub const SYNTAX_ERROR: (&str, &str) = ("syntax-error", "E001");
pub const UNKNOWN_FIELD: (&str, &str) = ("unknown-field", "E002");

/// Which block a field was found in, for `unknown-field` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    File,
    Department,
    Project,
    BudgetUnit,
    Funds,
    Budget,
    Sources,
    Structure,
    Category,
    Attributes,
}

impl BlockKind {
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            BlockKind::File => lang.pick("文件顶层", "the top level of the file"),
            BlockKind::Department => lang.pick("部门", "a department"),
            BlockKind::Project => lang.pick("项目", "a project"),
            BlockKind::BudgetUnit => lang.pick("预算单位", "a budget unit"),
            BlockKind::Funds => lang.pick("资金", "a funds block"),
            BlockKind::Budget => lang.pick("预算", "a budget block"),
            BlockKind::Sources => lang.pick("来源", "a sources block"),
            BlockKind::Structure => lang.pick("结构", "a structure block"),
            BlockKind::Category => lang.pick("指标类别", "an indicator category"),
            BlockKind::Attributes => lang.pick("指标说明", "an indicator's attribute block"),
        }
    }

    /// The fields allowed in this block, canonical spelling, for help text.
    pub fn allowed(self) -> &'static str {
        match self {
            BlockKind::File => "年度 体系 金额单位 部门 项目",
            BlockKind::Department => "编码 单位 履职目标 任务 预算 项目 指标类别",
            BlockKind::Project => "编码 单位 属性 期限 资金 用途 支出计划 目标 指标类别",
            BlockKind::BudgetUnit => "编码 合计 项目",
            BlockKind::Funds | BlockKind::Sources => {
                "政府预算资金 财政专户管理资金 单位资金 其他资金"
            }
            BlockKind::Budget => "来源 结构",
            BlockKind::Structure => "基本支出 项目支出",
            BlockKind::Category => "二级类别 { … } \"指标名称\" 指标值",
            BlockKind::Attributes => "描述 说明 依据",
        }
    }
}

/// What a parser-level error says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// Something else was expected here.
    Unexpected {
        found: Option<SyntaxKind>,
        found_text: String,
        expected: Vec<Expected>,
    },
    /// A `{` without its `}`; reported at the `{`.
    UnclosedBrace,
    /// A `"…"` or `“…”` whose closing quote is missing on its line.
    UnterminatedString,
    /// A `"""` block string without its closing `"""`.
    UnterminatedBlockString,
    /// `=>`, `=<`, `==`: not comparators of the language.
    BadComparator { text: String },
    /// A field that does not belong in this block.
    UnknownField { name: String, block: BlockKind },
    /// A number with more digits than can be represented exactly.
    NumberTooLong,
    /// Blocks nested deeper than the parser accepts.
    TooDeep,
    /// A keyword without what must follow it (`年度` without a year, `项目` without a name).
    MissingValue { keyword: String, expected: Expected },
}

/// What the parser was looking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Expected {
    Item,
    Value,
    Quantity,
    String,
    Unit,
    Year,
    Name,
    Block,
    CloseBrace,
    EndOfLine,
    EndOfInput,
    Token(SyntaxKind),
}

impl Expected {
    pub fn describe(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Expected::Item => lang
                .pick("字段、类别或指标", "a field, category or indicator")
                .into(),
            Expected::Value => lang.pick("指标值", "a target value").into(),
            Expected::Quantity => lang.pick("数额", "an amount").into(),
            Expected::String => lang.pick("带引号的字符串", "a quoted string").into(),
            Expected::Unit => lang.pick("单位", "a unit").into(),
            Expected::Year => lang.pick("四位年份", "a four-digit year").into(),
            Expected::Name => lang.pick("名称", "a name").into(),
            Expected::Block => "`{`".into(),
            Expected::CloseBrace => "`}`".into(),
            Expected::EndOfLine => lang.pick("行尾", "the end of the line").into(),
            Expected::EndOfInput => lang.pick("文件结尾", "the end of the file").into(),
            Expected::Token(kind) => kind.describe(zh).into(),
        }
    }

    /// Parses the labels the parser attaches to its pieces.
    pub(crate) fn from_label(label: &str) -> Option<Expected> {
        Some(match label {
            "item" => Expected::Item,
            "value" => Expected::Value,
            "quantity" => Expected::Quantity,
            "string" => Expected::String,
            "unit" => Expected::Unit,
            "year" => Expected::Year,
            "name" => Expected::Name,
            "block" => Expected::Block,
            "close-brace" => Expected::CloseBrace,
            "end-of-line" => Expected::EndOfLine,
            _ => return None,
        })
    }
}

/// One syntax-level finding: a `syntax-error` or an `unknown-field`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub range: TextRange,
}

/// Source text quoted in a message: at most 24 characters, then `…` (a hostile file may
/// hold a 10 MB word; the message must stay readable).
fn short(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(24) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, range: TextRange) -> SyntaxError {
        SyntaxError { kind, range }
    }

    /// The rule this error reports under.
    pub fn rule(&self) -> (&'static str, &'static str) {
        match self.kind {
            SyntaxErrorKind::UnknownField { .. } => UNKNOWN_FIELD,
            _ => SYNTAX_ERROR,
        }
    }

    /// The message, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match &self.kind {
            SyntaxErrorKind::Unexpected {
                found,
                found_text,
                expected,
            } => {
                let found_desc = match found {
                    None => lang.pick("文件结尾", "end of file").to_string(),
                    Some(SyntaxKind::Error) => format!(
                        "{} `{}`",
                        SyntaxKind::Error.describe(zh),
                        short(found_text).escape_debug()
                    ),
                    Some(SyntaxKind::RBrace) => {
                        lang.pick("多余的 `}`", "an unmatched `}`").to_string()
                    }
                    // `{`, `/`, `前`: the description is the token itself.
                    Some(kind) if kind.describe(zh).starts_with('`') => {
                        kind.describe(zh).to_string()
                    }
                    Some(kind) => {
                        let short: String = found_text.chars().take(24).collect();
                        format!("{} `{short}`", kind.describe(zh))
                    }
                };
                if expected.is_empty() {
                    match lang {
                        Lang::Zh => format!("此处不应出现{found_desc}"),
                        Lang::En => format!("unexpected {found_desc}"),
                    }
                } else {
                    let list: Vec<String> = expected.iter().map(|exp| exp.describe(lang)).collect();
                    match lang {
                        Lang::Zh => format!("此处应为{}，却是{found_desc}", list.join("或")),
                        Lang::En => format!("expected {}, found {found_desc}", list.join(" or ")),
                    }
                }
            }
            SyntaxErrorKind::UnclosedBrace => lang
                .pick("这个 `{` 没有对应的 `}`", "this `{` is never closed")
                .into(),
            SyntaxErrorKind::UnterminatedString => lang
                .pick("字符串缺少结尾的引号", "unterminated string")
                .into(),
            SyntaxErrorKind::UnterminatedBlockString => lang
                .pick(
                    "多行字符串缺少结尾的 `\"\"\"`",
                    "unterminated block string: missing closing `\"\"\"`",
                )
                .into(),
            SyntaxErrorKind::BadComparator { text } => match lang {
                Lang::Zh => format!("`{text}` 不是有效的比较符"),
                Lang::En => format!("`{text}` is not a valid comparator"),
            },
            SyntaxErrorKind::UnknownField { name, block } => {
                let name = short(name);
                match lang {
                    Lang::Zh => format!("`{name}` 不是{}中的字段", block.describe(lang)),
                    Lang::En => format!("`{name}` is not a field of {}", block.describe(lang)),
                }
            }
            SyntaxErrorKind::NumberTooLong => lang
                .pick(
                    "数字位数过多，无法精确表示",
                    "number has too many digits to be represented exactly",
                )
                .into(),
            SyntaxErrorKind::TooDeep => match lang {
                Lang::Zh => format!("块嵌套超过 {} 层", crate::parser::MAX_NESTING),
                Lang::En => format!(
                    "blocks are nested more than {} levels deep",
                    crate::parser::MAX_NESTING
                ),
            },
            SyntaxErrorKind::MissingValue { keyword, expected } => match lang {
                Lang::Zh => format!("`{keyword}` 后面缺少{}", expected.describe(lang)),
                Lang::En => format!(
                    "`{keyword}` must be followed by {}",
                    expected.describe(lang)
                ),
            },
        }
    }

    /// Help: why it matters and what to do.
    pub fn notes(&self, lang: Lang) -> Vec<Cow<'static, str>> {
        let note = |zh: &'static str, en: &'static str| vec![Cow::Borrowed(lang.pick(zh, en))];
        match &self.kind {
            SyntaxErrorKind::Unexpected { found, .. } => match found {
                Some(SyntaxKind::Word) => note(
                    "定性的指标值要加引号，例如 \"有所减轻\"；类别名后面要跟 `{`",
                    "quote qualitative values, e.g. \"有所减轻\"; a category name is followed by `{`",
                ),
                Some(SyntaxKind::RBrace) => note(
                    "检查上面的 `{` 与 `}` 是否成对",
                    "check that every `{` above has its `}`",
                ),
                Some(SyntaxKind::Error) => note(
                    "字符串外只能使用语言中的符号；其他文字请放进引号",
                    "outside strings only the language's symbols are allowed; put other text in quotes",
                ),
                _ => note(
                    "解析在下一行继续；修正此处后再次检查",
                    "parsing resumes on the next line; fix this and check again",
                ),
            },
            SyntaxErrorKind::UnclosedBrace => note(
                "在块的末尾补上 `}`；此后的内容都被当作这个块的一部分",
                "add the `}` at the end of the block; everything after it was read as part of this block",
            ),
            SyntaxErrorKind::UnterminatedString => note(
                "在行尾前补上结尾的引号；这一项没有读取指标值，解析从下一行继续",
                "add the closing quote before the end of the line; this item's value was not read, parsing resumes on the next line",
            ),
            SyntaxErrorKind::UnterminatedBlockString => note(
                "在文本结尾补上 `\"\"\"`",
                "add `\"\"\"` at the end of the text",
            ),
            SyntaxErrorKind::BadComparator { .. } => note(
                "比较符写作 `≥ ≤ > < =`（也可输入 `>=` `<=`）",
                "comparators are `≥ ≤ > < =` (`>=` and `<=` are accepted too)",
            ),
            SyntaxErrorKind::UnknownField { block, .. } => match lang {
                Lang::Zh => vec![Cow::Owned(format!(
                    "{}中可用的字段：{}",
                    block.describe(lang),
                    block.allowed()
                ))],
                Lang::En => vec![Cow::Owned(format!(
                    "fields allowed in {}: {}",
                    block.describe(lang),
                    block.allowed()
                ))],
            },
            SyntaxErrorKind::NumberTooLong => note(
                "金额请换用更大的单位（万元、亿元）",
                "use a larger unit (万元, 亿元) for large amounts",
            ),
            SyntaxErrorKind::TooDeep => note(
                "部门、单位、项目、一级、二级类别和指标说明最多嵌套六层；请检查括号",
                "departments, units, projects, categories and attribute blocks nest at most six deep; check the braces",
            ),
            SyntaxErrorKind::MissingValue { .. } => note(
                "在同一行补上缺少的内容，例如 `年度 2024`、`项目 \"名称\" { … }`",
                "complete it on the same line, e.g. `年度 2024`, `项目 \"名称\" { … }`",
            ),
        }
    }

    /// The fix, where one is mechanical.
    pub fn fix(&self, lang: Lang) -> Option<Fix> {
        match &self.kind {
            SyntaxErrorKind::BadComparator { text } => {
                let replacement = match text.as_str() {
                    "=>" | "＝＞" | "=＞" | "≥=" => "≥",
                    "=<" | "＝＜" | "=＜" | "≤=" => "≤",
                    "==" => "=",
                    _ => return None,
                };
                Some(Fix::safe(
                    match lang {
                        Lang::Zh => format!("改为 `{replacement}`"),
                        Lang::En => format!("replace with `{replacement}`"),
                    },
                    vec![TextEdit::replace(self.range, replacement)],
                ))
            }
            _ => None,
        }
    }

    /// A short label for the primary span.
    pub fn label(&self, lang: Lang) -> String {
        match &self.kind {
            SyntaxErrorKind::Unexpected {
                expected, found, ..
            } => match (expected.first(), found) {
                (Some(first), _) => match lang {
                    Lang::Zh => format!("应为{}", first.describe(lang)),
                    Lang::En => format!("expected {}", first.describe(lang)),
                },
                (None, Some(SyntaxKind::RBrace)) => {
                    lang.pick("没有对应的 `{`", "no matching `{`").into()
                }
                (None, Some(SyntaxKind::Error)) => lang.pick("无法识别", "not understood").into(),
                (None, _) => lang.pick("不应出现在这里", "not expected here").into(),
            },
            SyntaxErrorKind::UnclosedBrace => lang
                .pick("未闭合的块从这里开始", "unclosed block starts here")
                .into(),
            SyntaxErrorKind::UnterminatedString | SyntaxErrorKind::UnterminatedBlockString => lang
                .pick("字符串到这里没有结束", "string runs to here")
                .into(),
            SyntaxErrorKind::BadComparator { .. } => {
                lang.pick("应为 `≥` 或 `≤`", "expected `≥` or `≤`").into()
            }
            SyntaxErrorKind::UnknownField { .. } => lang.pick("未知字段", "unknown field").into(),
            SyntaxErrorKind::NumberTooLong => lang.pick("数字过长", "number too long").into(),
            SyntaxErrorKind::TooDeep => lang.pick("嵌套过深", "nested too deep").into(),
            SyntaxErrorKind::MissingValue { expected, .. } => match lang {
                Lang::Zh => format!("缺少{}", expected.describe(lang)),
                Lang::En => format!("missing {}", expected.describe(lang)),
            },
        }
    }

    pub fn to_diagnostic(&self, lang: Lang) -> Diagnostic {
        let (rule, code) = self.rule();
        let mut diag = Diagnostic::new(rule, code, Severity::Error, self.range, self.message(lang))
            .with_primary_message(self.label(lang));
        diag.notes = self.notes(lang);
        diag.fix = self.fix(lang);
        diag
    }
}

#[cfg(test)]
mod tests {
    use ptg_diagnostics::Lang;

    #[test]
    fn an_invisible_character_inside_a_word_is_named() {
        let parse = crate::parse("年度 2024\n部\u{200b}门 \"某局\" {\n}\n");
        assert_eq!(parse.errors.len(), 1, "{:?}", parse.errors);
        let error = &parse.errors[0];
        assert_eq!(
            error.message(Lang::Zh),
            "此处应为字段、类别或指标，却是无法识别的字符 `\\u{200b}`"
        );
        // The range is the invisible character itself, right after `部`.
        assert_eq!(
            (u32::from(error.range.start()), u32::from(error.range.end())),
            (15, 18)
        );
    }

    #[test]
    fn a_brace_is_named_once() {
        let parse = crate::parse("年度 2024\n{\n");
        let messages: Vec<String> = parse.errors.iter().map(|e| e.message(Lang::Zh)).collect();
        assert!(
            messages.contains(&"此处不应出现`{`".to_string()),
            "{messages:?}"
        );
    }

    #[test]
    fn quoted_source_text_is_shortened() {
        let word = "甲".repeat(100_000);
        let parse = crate::parse(&format!("{word} 1\n"));
        let message = parse.errors[0].message(Lang::Zh);
        assert_eq!(
            message,
            format!("`{}…` 不是文件顶层中的字段", "甲".repeat(24))
        );
        let parse = crate::parse(&format!("{}\n", "@".repeat(100_000)));
        let message = parse.errors[0].message(Lang::En);
        assert!(
            message.ends_with(&format!("`{}…`", "@".repeat(24))),
            "{message}"
        );
    }
}

//! The lexer: source text to a flat list of tokens, trivia included.
//!
//! Lexing never stops and never fails: characters that start no token become
//! [`SyntaxKind::Error`] tokens (adjacent ones merged), unterminated strings become
//! [`SyntaxKind::UnterminatedString`] tokens that end at the end of their line.
//! Full-width ASCII forms (U+FF01–U+FF5E) outside strings and comments are accepted
//! wherever their ASCII twin is; token ranges always point at the source as typed.

use logos::Logos;
use text_size::{TextRange, TextSize};

/// What a token is. Keywords are Chinese words; category names are plain [`SyntaxKind::Word`]s,
/// resolved by position against a scheme later.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[logos(extras = LexExtras)]
#[repr(u16)]
pub enum SyntaxKind {
    // --- trivia -------------------------------------------------------------------------
    #[regex(r"[ \t\u{3000}\u{00A0}\u{FEFF}]+")]
    Whitespace,
    #[regex(r"\r\n|\n|\r")]
    Newline,
    /// `# …` to the end of the line; `# ptg: …` directives are comments too (see `trivia`).
    #[regex(r"[#＃][^\r\n]*", allow_greedy = true)]
    Comment,

    // --- strings ------------------------------------------------------------------------
    /// `"…"` or `“…”` on one line.
    #[token("\"", lex_ascii_string)]
    #[token("＂", lex_ascii_string)]
    #[token("“", lex_curly_string)]
    String,
    /// A string whose closing quote is missing: it ends at the end of its line.
    UnterminatedString,
    /// `"""…"""`, may span lines.
    #[token("\"\"\"", lex_block_string)]
    BlockString,
    /// A block string without its closing `"""`: it runs to the end of the file.
    UnterminatedBlockString,

    // --- punctuation --------------------------------------------------------------------
    #[token("{")]
    #[token("｛")]
    LBrace,
    #[token("}")]
    #[token("｝")]
    RBrace,
    #[token("/")]
    #[token("／")]
    Slash,
    /// Range separator `~`.
    #[token("~")]
    #[token("～")]
    #[token("〜")]
    Tilde,
    /// `-`: a range separator between numbers, or a sign.
    #[token("-")]
    #[token("－")]
    Minus,
    /// `至` between two quantities.
    #[token("至")]
    To,
    /// Separators authors type in lists (`25%，50%`).
    #[token(",")]
    #[token("，")]
    #[token("、")]
    #[token(";")]
    #[token("；")]
    Comma,
    #[token("%")]
    #[token("％")]
    #[token("‰")]
    Percent,

    // --- comparators --------------------------------------------------------------------
    #[token("≥")]
    #[token("≧")]
    #[token("⩾")]
    #[token(">=")]
    #[token("＞＝")]
    #[token("＞=")]
    #[token(">＝")]
    Ge,
    #[token("≤")]
    #[token("≦")]
    #[token("⩽")]
    #[token("<=")]
    #[token("＜＝")]
    #[token("＜=")]
    #[token("<＝")]
    Le,
    #[token(">")]
    #[token("＞")]
    Gt,
    #[token("<")]
    #[token("＜")]
    Lt,
    #[token("=")]
    #[token("＝")]
    Eq,
    #[token("≈")]
    Approx,
    /// `=>`, `=<`, `==` and friends: not comparators of the language.
    #[token("=>")]
    #[token("=<")]
    #[token("==")]
    #[token("＝＞")]
    #[token("＝＜")]
    #[token("=＞")]
    #[token("=＜")]
    #[token("≥=")]
    #[token("≤=")]
    BadComparator,
    /// Word forms of `≥`.
    #[token("不低于")]
    #[token("不少于")]
    #[token("不小于")]
    #[token("大于等于")]
    #[token("大于或等于")]
    #[token("至少")]
    GeWord,
    /// Word forms of `≤`.
    #[token("不高于")]
    #[token("不超过")]
    #[token("不大于")]
    #[token("不多于")]
    #[token("小于等于")]
    #[token("小于或等于")]
    #[token("最多")]
    LeWord,
    #[token("大于")]
    #[token("超过")]
    #[token("高于")]
    #[token("多于")]
    GtWord,
    #[token("小于")]
    #[token("低于")]
    #[token("少于")]
    LtWord,
    #[token("等于")]
    #[token("达到")]
    EqWord,
    /// `以上` after a quantity: `≥`.
    #[token("以上")]
    AbovePostfix,
    /// `以下`, `以内` after a quantity: `≤`.
    #[token("以下")]
    #[token("以内")]
    BelowPostfix,
    /// `左右` after a quantity: approximately.
    #[token("左右")]
    AboutPostfix,
    /// `前`, `之前`, `以前` written apart from a date.
    #[token("前")]
    #[token("之前")]
    #[token("以前")]
    Before,

    // --- values -------------------------------------------------------------------------
    /// `118.8`, `7,395,500.0`, full-width digits accepted.
    #[regex(r"[0-9０-９]+([,，][0-9０-９]{3})*([.．][0-9０-９]+)?")]
    Number,
    /// Dates in every accepted spelling: `2024-12-31前`, `2024年12月底前`, `12月底`, `10日前`, `2024年`.
    #[regex(r"[0-9０-９]{4}[-－/／.．][0-9０-９]{1,2}[-－/／.．][0-9０-９]{1,2}(前|之前|以前)?")]
    #[regex(
        r"[0-9０-９]{4}年([0-9０-９]{1,2}月份?([0-9０-９]{1,2}[日号]|底)?|底)?(前|之前|以前)?"
    )]
    #[regex(r"[0-9０-９]{1,2}月份?([0-9０-９]{1,2}[日号]|底)?(前|之前|以前)?")]
    #[regex(r"[0-9０-９]{1,2}[日号](前|之前|以前)?")]
    Date,
    /// Periods of the closed list: `全年`, `每月10日前`, `30个工作日内` …
    #[token("全年")]
    #[token("年内")]
    #[token("年底前")]
    #[token("年底之前")]
    #[token("年底以前")]
    #[token("每月")]
    #[token("每季度")]
    #[token("每年")]
    #[token("每周")]
    #[token("每日")]
    #[token("每天")]
    #[token("按月")]
    #[token("按季度")]
    #[token("按季")]
    #[token("按年")]
    #[token("按周")]
    #[regex(r"[0-9０-９]+个?工作日内")]
    #[regex(r"[0-9０-９]+(日|天|个月|周|小时)内")]
    #[regex(r"每月[0-9０-９]{1,2}[日号](前|之前|以前)?")]
    #[regex(r"每(年|季度|季|月|周)([0-9０-９]+|[一二两三四五六七八九十]+)次")]
    Period,
    /// A category name with its code: `1-产出指标`, `21-经济效益`.
    #[regex(r"[0-9０-９]+[-－][\p{Han}A-Za-zＡ-Ｚａ-ｚ]+")]
    CodedWord,

    // --- keywords -----------------------------------------------------------------------
    #[token("年度")]
    YearKw,
    #[token("体系")]
    SchemeKw,
    #[token("金额单位")]
    MoneyUnitKw,
    #[token("部门")]
    DepartmentKw,
    #[token("项目")]
    ProjectKw,
    #[token("编码")]
    CodeKw,
    #[token("单位")]
    UnitKw,
    #[token("属性")]
    AttributeKw,
    #[token("期限")]
    TermKw,
    #[token("资金")]
    FundsKw,
    #[token("用途")]
    PurposeKw,
    #[token("支出计划")]
    PlanKw,
    #[token("目标")]
    GoalKw,
    #[token("履职目标")]
    DutiesKw,
    #[token("任务")]
    TaskKw,
    #[token("预算")]
    BudgetKw,
    #[token("来源")]
    SourcesKw,
    #[token("结构")]
    StructureKw,
    #[token("合计")]
    TotalKw,
    #[token("描述")]
    #[token("说明")]
    DescriptionKw,
    #[token("依据")]
    BasisKw,

    /// A run of letters (CJK or Latin): a category name, a unit, a field-like word, a scheme name.
    #[regex(r"[\p{Han}A-Za-zＡ-Ｚａ-ｚ_]+")]
    Word,

    /// Characters that start no token.
    Error,
}

/// Every keyword with its spellings, for the grammar test and completion.
pub const KEYWORDS: &[(SyntaxKind, &[&str])] = &[
    (SyntaxKind::YearKw, &["年度"]),
    (SyntaxKind::SchemeKw, &["体系"]),
    (SyntaxKind::MoneyUnitKw, &["金额单位"]),
    (SyntaxKind::DepartmentKw, &["部门"]),
    (SyntaxKind::ProjectKw, &["项目"]),
    (SyntaxKind::CodeKw, &["编码"]),
    (SyntaxKind::UnitKw, &["单位"]),
    (SyntaxKind::AttributeKw, &["属性"]),
    (SyntaxKind::TermKw, &["期限"]),
    (SyntaxKind::FundsKw, &["资金"]),
    (SyntaxKind::PurposeKw, &["用途"]),
    (SyntaxKind::PlanKw, &["支出计划"]),
    (SyntaxKind::GoalKw, &["目标"]),
    (SyntaxKind::DutiesKw, &["履职目标"]),
    (SyntaxKind::TaskKw, &["任务"]),
    (SyntaxKind::BudgetKw, &["预算"]),
    (SyntaxKind::SourcesKw, &["来源"]),
    (SyntaxKind::StructureKw, &["结构"]),
    (SyntaxKind::TotalKw, &["合计"]),
    (SyntaxKind::DescriptionKw, &["描述", "说明"]),
    (SyntaxKind::BasisKw, &["依据"]),
];

impl SyntaxKind {
    pub fn is_trivia(self) -> bool {
        matches!(
            self,
            SyntaxKind::Whitespace | SyntaxKind::Newline | SyntaxKind::Comment
        )
    }

    pub fn is_keyword(self) -> bool {
        KEYWORDS.iter().any(|(kind, _)| *kind == self)
    }

    pub fn is_string(self) -> bool {
        matches!(
            self,
            SyntaxKind::String
                | SyntaxKind::UnterminatedString
                | SyntaxKind::BlockString
                | SyntaxKind::UnterminatedBlockString
        )
    }

    /// A human description of the token kind, for "expected …, found …" messages.
    pub fn describe(self, zh: bool) -> &'static str {
        use SyntaxKind as K;
        let (cn, en) = match self {
            K::Whitespace => ("空白", "whitespace"),
            K::Newline => ("换行", "line break"),
            K::Comment => ("注释", "comment"),
            K::String | K::BlockString => ("字符串", "string"),
            K::UnterminatedString | K::UnterminatedBlockString => {
                ("未结束的字符串", "unterminated string")
            }
            K::LBrace => ("`{`", "`{`"),
            K::RBrace => ("`}`", "`}`"),
            K::Slash => ("`/`", "`/`"),
            K::Tilde | K::Minus | K::To => ("范围符号", "range separator"),
            K::Comma => ("分隔符", "separator"),
            K::Percent => ("百分号", "percent sign"),
            K::Ge | K::Le | K::Gt | K::Lt | K::Eq | K::Approx => ("比较符", "comparator"),
            K::BadComparator => ("无效的比较符", "invalid comparator"),
            K::GeWord | K::LeWord | K::GtWord | K::LtWord | K::EqWord => {
                ("比较词", "comparator word")
            }
            K::AbovePostfix | K::BelowPostfix | K::AboutPostfix => ("后置比较词", "postfix word"),
            K::Before => ("`前`", "`前`"),
            K::Number => ("数字", "number"),
            K::Date => ("日期", "date"),
            K::Period => ("期间", "period"),
            K::CodedWord => ("带编号的类别名", "coded category name"),
            K::Word => ("词", "word"),
            K::Error => ("无法识别的字符", "unrecognised character"),
            _ => ("关键字", "keyword"),
        };
        if zh {
            cn
        } else {
            en
        }
    }
}

/// State shared with the string callbacks.
#[derive(Debug, Default)]
pub struct LexExtras {
    /// Whether the string just lexed found its closing quote.
    last_string_terminated: bool,
}

/// Scans a `"…"` string after its opening quote. Returns the byte length consumed and
/// whether the closing quote was found. Stops before a line break.
fn scan_ascii_string(rest: &str) -> (usize, bool) {
    let mut chars = rest.char_indices();
    while let Some((idx, ch)) = chars.next() {
        match ch {
            '\\' => {
                // An escape takes the next char, unless that is a line break.
                match chars.clone().next() {
                    Some((_, '\n' | '\r')) | None => {}
                    Some(_) => {
                        chars.next();
                    }
                }
            }
            '"' | '＂' => return (idx + ch.len_utf8(), true),
            '\n' | '\r' => return (idx, false),
            _ => {}
        }
    }
    (rest.len(), false)
}

/// Scans a `“…”` string after its opening quote, counting nested `“”` pairs.
fn scan_curly_string(rest: &str) -> (usize, bool) {
    let mut depth = 1u32;
    let mut chars = rest.char_indices();
    while let Some((idx, ch)) = chars.next() {
        match ch {
            '\\' => match chars.clone().next() {
                Some((_, '\n' | '\r')) | None => {}
                Some(_) => {
                    chars.next();
                }
            },
            '“' => depth += 1,
            '”' => {
                depth -= 1;
                if depth == 0 {
                    return (idx + ch.len_utf8(), true);
                }
            }
            '\n' | '\r' => return (idx, false),
            _ => {}
        }
    }
    (rest.len(), false)
}

fn lex_ascii_string(lex: &mut logos::Lexer<'_, SyntaxKind>) {
    let (len, terminated) = scan_ascii_string(lex.remainder());
    lex.bump(len);
    lex.extras.last_string_terminated = terminated;
}

fn lex_curly_string(lex: &mut logos::Lexer<'_, SyntaxKind>) {
    let (len, terminated) = scan_curly_string(lex.remainder());
    lex.bump(len);
    lex.extras.last_string_terminated = terminated;
}

fn lex_block_string(lex: &mut logos::Lexer<'_, SyntaxKind>) {
    let rest = lex.remainder();
    match rest.find("\"\"\"") {
        Some(idx) => {
            lex.bump(idx + 3);
            lex.extras.last_string_terminated = true;
        }
        None => {
            lex.bump(rest.len());
            lex.extras.last_string_terminated = false;
        }
    }
}

/// One token with its byte range in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: SyntaxKind,
    pub range: TextRange,
}

/// Words that end a quantity's unit and are split off it (`元左右` → `元` `左右`).
const UNIT_SUFFIXES: &[(&str, SyntaxKind)] = &[
    ("以上", SyntaxKind::AbovePostfix),
    ("以下", SyntaxKind::BelowPostfix),
    ("以内", SyntaxKind::BelowPostfix),
    ("左右", SyntaxKind::AboutPostfix),
    ("之前", SyntaxKind::Before),
    ("以前", SyntaxKind::Before),
    ("至", SyntaxKind::To),
];

fn range(start: usize, end: usize) -> TextRange {
    // Documents are limited to u32::MAX bytes by the caller; saturate rather than panic.
    let start = u32::try_from(start).unwrap_or(u32::MAX);
    let end = u32::try_from(end).unwrap_or(u32::MAX);
    TextRange::new(TextSize::from(start), TextSize::from(end.max(start)))
}

/// Lexes the whole text. The tokens cover the text without gaps or overlaps.
pub fn lex(text: &str) -> Vec<Token> {
    lex_from(text, 0, text.len() / 3 + 1, |_| false)
}

/// Lexes `text` from byte `start` (the start of a token of a whole lex, after a line
/// break or at 0), until the end or until `done` accepts a token just produced; that
/// token is the last one returned. Ranges are offsets in `text`.
pub(crate) fn lex_from(
    text: &str,
    start: usize,
    capacity: usize,
    mut done: impl FnMut(&Token) -> bool,
) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(capacity);
    let mut lexer = SyntaxKind::lexer(&text[start..]);
    while let Some(res) = lexer.next() {
        let span = lexer.span();
        let span = span.start + start..span.end + start;
        let mut kind = match res {
            Ok(kind) => kind,
            Err(()) => SyntaxKind::Error,
        };
        match kind {
            SyntaxKind::String if !lexer.extras.last_string_terminated => {
                kind = SyntaxKind::UnterminatedString;
            }
            SyntaxKind::BlockString if !lexer.extras.last_string_terminated => {
                kind = SyntaxKind::UnterminatedBlockString;
            }
            _ => {}
        }
        // Adjacent error characters become one error token.
        if kind == SyntaxKind::Error {
            if let Some(last) = tokens.last_mut() {
                if last.kind == SyntaxKind::Error && usize::from(last.range.end()) == span.start {
                    last.range = range(usize::from(last.range.start()), span.end);
                    continue;
                }
            }
        }
        // A word right after a number, `%` or `/` is a unit: split off postfix words.
        if kind == SyntaxKind::Word {
            let follows_quantity = tokens.last().is_some_and(|last| {
                usize::from(last.range.end()) == span.start
                    && matches!(
                        last.kind,
                        SyntaxKind::Number | SyntaxKind::Percent | SyntaxKind::Slash
                    )
            });
            if follows_quantity {
                let word = &text[span.clone()];
                if let Some((suffix, suffix_kind)) = UNIT_SUFFIXES
                    .iter()
                    .find(|(suffix, _)| word.len() > suffix.len() && word.ends_with(suffix))
                {
                    let split = span.end - suffix.len();
                    tokens.push(Token {
                        kind: SyntaxKind::Word,
                        range: range(span.start, split),
                    });
                    tokens.push(Token {
                        kind: *suffix_kind,
                        range: range(split, span.end),
                    });
                    continue;
                }
            }
        }
        let token = Token {
            kind,
            range: range(span.start, span.end),
        };
        tokens.push(token);
        if done(&token) {
            break;
        }
    }
    tokens
}

/// Maps a full-width ASCII form (U+FF01–U+FF5E) to its ASCII twin; other chars unchanged.
pub fn ascii_twin(ch: char) -> char {
    let code = u32::from(ch);
    if (0xFF01..=0xFF5E).contains(&code) {
        char::from_u32(code - 0xFEE0).unwrap_or(ch)
    } else {
        ch
    }
}

/// The text with full-width ASCII forms replaced by their ASCII twins.
pub fn normalize_width(text: &str) -> String {
    text.chars().map(ascii_twin).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SyntaxKind, &str)> {
        lex(text)
            .into_iter()
            .filter(|t| !matches!(t.kind, SyntaxKind::Whitespace))
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    use SyntaxKind as K;

    #[test]
    fn keywords_and_words() {
        assert_eq!(
            kinds("项目 \"x\" 项目成本 单位资金 单位"),
            [
                (K::ProjectKw, "项目"),
                (K::String, "\"x\""),
                (K::Word, "项目成本"),
                (K::Word, "单位资金"),
                (K::UnitKw, "单位"),
            ]
        );
        assert_eq!(kinds("说明"), [(K::DescriptionKw, "说明")]);
        assert_eq!(kinds("履职目标"), [(K::DutiesKw, "履职目标")]);
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(
            kinds("7,395,500.0元 118.8万元 ≤2916元/人/月"),
            [
                (K::Number, "7,395,500.0"),
                (K::Word, "元"),
                (K::Number, "118.8"),
                (K::Word, "万元"),
                (K::Le, "≤"),
                (K::Number, "2916"),
                (K::Word, "元"),
                (K::Slash, "/"),
                (K::Word, "人"),
                (K::Slash, "/"),
                (K::Word, "月"),
            ]
        );
        assert_eq!(
            kinds("≥９０％"),
            [(K::Ge, "≥"), (K::Number, "９０"), (K::Percent, "％")]
        );
    }

    #[test]
    fn comparators_every_spelling() {
        for (text, kind) in [
            ("≥", K::Ge),
            (">=", K::Ge),
            ("＞＝", K::Ge),
            ("≤", K::Le),
            ("<=", K::Le),
            (">", K::Gt),
            ("＜", K::Lt),
            ("=", K::Eq),
            ("＝", K::Eq),
            ("=>", K::BadComparator),
            ("=<", K::BadComparator),
            ("不低于", K::GeWord),
            ("不少于", K::GeWord),
            ("大于等于", K::GeWord),
            ("至少", K::GeWord),
            ("不超过", K::LeWord),
            ("小于等于", K::LeWord),
            ("不高于", K::LeWord),
            ("大于", K::GtWord),
            ("超过", K::GtWord),
            ("小于", K::LtWord),
            ("低于", K::LtWord),
            ("等于", K::EqWord),
            ("达到", K::EqWord),
            ("≈", K::Approx),
        ] {
            assert_eq!(kinds(text), [(kind, text)], "{text}");
        }
    }

    #[test]
    fn postfix_words_split_off_units() {
        assert_eq!(
            kinds("80%以上 5200元左右 3个以内"),
            [
                (K::Number, "80"),
                (K::Percent, "%"),
                (K::AbovePostfix, "以上"),
                (K::Number, "5200"),
                (K::Word, "元"),
                (K::AboutPostfix, "左右"),
                (K::Number, "3"),
                (K::Word, "个"),
                (K::BelowPostfix, "以内"),
            ]
        );
        // Not after a number: a word stays whole.
        assert_eq!(kinds("元左右"), [(K::Word, "元左右")]);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            kinds("0~150000吨 0-150000吨 0至150000吨"),
            [
                (K::Number, "0"),
                (K::Tilde, "~"),
                (K::Number, "150000"),
                (K::Word, "吨"),
                (K::Number, "0"),
                (K::Minus, "-"),
                (K::Number, "150000"),
                (K::Word, "吨"),
                (K::Number, "0"),
                (K::To, "至"),
                (K::Number, "150000"),
                (K::Word, "吨"),
            ]
        );
    }

    #[test]
    fn dates_every_form() {
        for text in [
            "2024-12-31",
            "2024-12-31前",
            "2024年12月31日",
            "2024年12月31日前",
            "2024年12月",
            "2024年12月底前",
            "2024年底",
            "2024年底前",
            "2024年",
            "12月底",
            "12月底前",
            "12月份",
            "10日前",
            "2024年12月31日之前",
        ] {
            assert_eq!(kinds(text), [(K::Date, text)], "{text}");
        }
    }

    #[test]
    fn periods_every_form() {
        for text in [
            "全年",
            "年内",
            "年底之前",
            "年底前",
            "每月",
            "每季度",
            "每年",
            "按月",
            "按季度",
            "每月10日前",
            "每年一次",
            "每年2次",
            "30个工作日内",
            "15日内",
            "15天内",
            "3个月内",
        ] {
            assert_eq!(kinds(text), [(K::Period, text)], "{text}");
        }
    }

    #[test]
    fn strings() {
        assert_eq!(
            kinds(r#""“三公经费”控制率" ““三公经费”控制率” "a\"b""#),
            [
                (K::String, "\"“三公经费”控制率\""),
                (K::String, "““三公经费”控制率”"),
                (K::String, r#""a\"b""#),
            ]
        );
        let text = "\"帮扶资金拨付通过率 ≥ 90%  # x\n\"b\"";
        assert_eq!(
            kinds(text),
            [
                (K::UnterminatedString, "\"帮扶资金拨付通过率 ≥ 90%  # x"),
                (K::Newline, "\n"),
                (K::String, "\"b\""),
            ]
        );
        assert_eq!(
            kinds("\"\"\"a\nb\"\"\""),
            [(K::BlockString, "\"\"\"a\nb\"\"\"")]
        );
        assert_eq!(
            kinds("\"\"\"a\nb"),
            [(K::UnterminatedBlockString, "\"\"\"a\nb")]
        );
        assert_eq!(kinds("“a“b”"), [(K::UnterminatedString, "“a“b”")]);
    }

    #[test]
    fn comments_and_errors() {
        assert_eq!(
            kinds("# ptg: allow(x) -- 原因\n@@ ＃ 注释"),
            [
                (K::Comment, "# ptg: allow(x) -- 原因"),
                (K::Newline, "\n"),
                (K::Error, "@@"),
                (K::Comment, "＃ 注释"),
            ]
        );
    }

    #[test]
    fn coded_words_and_schemes() {
        assert_eq!(
            kinds("1-产出指标 21-经济效益 国家2021"),
            [
                (K::CodedWord, "1-产出指标"),
                (K::CodedWord, "21-经济效益"),
                (K::Word, "国家"),
                (K::Number, "2021"),
            ]
        );
    }

    #[test]
    fn tokens_cover_the_text() {
        let text = "部门 “a” {\r\n  项目 \"b\" { 资金 1万元 } # c\n}\u{1F600}";
        let tokens = lex(text);
        let mut at = TextSize::from(0);
        for token in &tokens {
            assert_eq!(token.range.start(), at);
            at = token.range.end();
        }
        assert_eq!(usize::from(at), text.len());
    }

    #[test]
    fn full_width_twins() {
        assert_eq!(normalize_width("＞＝９０％"), ">=90%");
        assert_eq!(ascii_twin('中'), '中');
    }
}

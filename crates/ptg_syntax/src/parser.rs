//! The chumsky parser: tokens (trivia removed) to the typed AST.
//!
//! Parsing never fails. Recovery works at three levels:
//! - a value that does not parse is skipped to the end of its line, and the indicator or
//!   field keeps its name (`has_error`);
//! - an item that does not start like any item of its block is skipped to the end of its
//!   line (with any nested `{…}`), as one error;
//! - a block whose `}` is missing ends at the end of the file, or where a token appears that
//!   cannot belong to it (`部门` inside a project), and is reported at its `{`.

use chumsky::error::{EmptyErr, LabelError, Rich, RichPattern, RichReason};
use chumsky::extra;
use chumsky::inspector::TruncateState;
use chumsky::prelude::*;
use text_size::{TextRange, TextSize};

use crate::ast::Spanned;
use crate::ast::*;
use crate::decimal::Decimal;
use crate::error::{BlockKind, Expected, SyntaxError, SyntaxErrorKind};
use crate::lexer::{normalize_width, SyntaxKind, Token};
use crate::words;

use SyntaxKind as K;

/// A non-trivia token with the layout facts the grammar needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tok {
    pub kind: SyntaxKind,
    pub range: TextRange,
    /// First token on its line.
    pub line_start: bool,
    /// No whitespace or comment between this token and the previous one.
    pub glued: bool,
    /// The kind of the previous non-trivia token (`Newline` at the start of the file).
    pub prev: SyntaxKind,
    /// The kind of the next non-trivia token (`Newline` at the end of the file).
    pub next: SyntaxKind,
}

impl Tok {
    /// Whether an item may start here: at the start of a line or right after a brace.
    fn at_item_position(&self) -> bool {
        self.line_start || matches!(self.prev, K::LBrace | K::RBrace | K::Newline)
    }
}

/// Blocks nest at most this deep (a real file needs 6: 部门, 单位, 项目, 一级, 二级, 说明).
/// Deeper braces are read as errors, so that recursion stays bounded on hostile input.
pub const MAX_NESTING: u32 = 32;

/// Drops trivia and records line starts and adjacency. Braces nested deeper than
/// [`MAX_NESTING`] become error tokens; the first of them is returned.
pub fn significant_tokens(tokens: &[Token]) -> (Vec<Tok>, Option<TextRange>) {
    let mut out: Vec<Tok> = Vec::with_capacity(tokens.len() / 2 + 1);
    let mut line_start = true;
    let mut glued = false;
    let mut prev = K::Newline;
    let mut depth = 0u32;
    let mut overflow = 0u32;
    let mut too_deep = None;
    for token in tokens {
        let kind = match token.kind {
            K::LBrace if depth >= MAX_NESTING => {
                overflow += 1;
                too_deep.get_or_insert(token.range);
                K::Error
            }
            K::LBrace => {
                depth += 1;
                K::LBrace
            }
            K::RBrace if overflow > 0 => {
                overflow -= 1;
                K::Error
            }
            K::RBrace => {
                depth = depth.saturating_sub(1);
                K::RBrace
            }
            kind => kind,
        };
        match kind {
            K::Newline => {
                line_start = true;
                glued = false;
            }
            K::Whitespace | K::Comment => glued = false,
            kind => {
                if let Some(last) = out.last_mut() {
                    let last: &mut Tok = last;
                    last.next = kind;
                }
                out.push(Tok {
                    kind,
                    range: token.range,
                    line_start,
                    glued,
                    prev,
                    next: K::Newline,
                });
                line_start = false;
                glued = true;
                prev = kind;
            }
        }
        // A block string or an unterminated string may itself contain line breaks.
        if token.kind == K::UnterminatedBlockString {
            line_start = true;
        }
    }
    (out, too_deep)
}

type In<'a> = &'a [Tok];
type Ex<'a, E> = extra::Full<E, TruncateState<SyntaxError>, ()>;
type BoxedItem<'a, E> = Boxed<'a, 'a, In<'a>, Item, Ex<'a, E>>;

/// The parser's error type. The grammar is written once over it and instantiated twice:
/// with [`EmptyErr`] (a zero-sized "something failed") for the first, fast pass, and with
/// [`Rich`] (what was expected and found) for the pass that reports syntax errors. Most
/// files have none, and the fast pass does not pay for building and merging expected-token
/// lists at every alternative that does not match.
trait ParseError<'a>:
    chumsky::error::Error<'a, In<'a>> + LabelError<'a, In<'a>, &'static str> + 'a
{
    /// An error that says only where (`what` names the construct, for debugging).
    fn custom(span: SimpleSpan, what: &'static str) -> Self;
}

impl<'a> ParseError<'a> for Rich<'a, Tok> {
    fn custom(span: SimpleSpan, what: &'static str) -> Self {
        Rich::custom(span, what)
    }
}

impl<'a> ParseError<'a> for EmptyErr {
    fn custom(_: SimpleSpan, _: &'static str) -> Self {
        EmptyErr::default()
    }
}

/// What the parser needs besides the tokens: the text, to read token contents.
#[derive(Clone, Copy)]
struct Src<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl<'a> Src<'a> {
    fn slice(&self, tok: &Tok) -> &'a str {
        &self.text[tok.range]
    }

    /// The byte range covered by a span of token indices.
    fn range(&self, span: SimpleSpan) -> TextRange {
        span_range(self.toks, self.text, span)
    }
}

fn span_range(toks: &[Tok], text: &str, span: SimpleSpan) -> TextRange {
    let eof = TextSize::try_from(text.len()).unwrap_or(TextSize::from(u32::MAX));
    let start = toks.get(span.start).map_or(eof, |t| t.range.start());
    if span.end <= span.start {
        return TextRange::empty(start);
    }
    let end = toks.get(span.end - 1).map_or(eof, |t| t.range.end());
    TextRange::new(start, end.max(start))
}

fn kind<'a, E: ParseError<'a>>(
    expected: SyntaxKind,
) -> impl Parser<'a, In<'a>, Tok, Ex<'a, E>> + Clone {
    any().filter(move |t: &Tok| t.kind == expected)
}

fn kinds<'a, E: ParseError<'a>>(
    expected: &'static [SyntaxKind],
) -> impl Parser<'a, In<'a>, Tok, Ex<'a, E>> + Clone {
    any().filter(move |t: &Tok| expected.contains(&t.kind))
}

/// A token on the same line as the previous one.
fn same_line<'a, E: ParseError<'a>>(
    expected: &'static [SyntaxKind],
) -> impl Parser<'a, In<'a>, Tok, Ex<'a, E>> + Clone {
    any().filter(move |t: &Tok| !t.line_start && expected.contains(&t.kind))
}

/// Tokens that end a block of kind `ctx` even without its `}` (for recovery).
fn terminates(ctx: BlockKind, kind: SyntaxKind) -> bool {
    match ctx {
        BlockKind::File => false,
        BlockKind::Department => matches!(kind, K::DepartmentKw | K::YearKw | K::SchemeKw),
        BlockKind::BudgetUnit => matches!(kind, K::DepartmentKw | K::YearKw | K::SchemeKw),
        _ => matches!(
            kind,
            K::DepartmentKw | K::ProjectKw | K::YearKw | K::SchemeKw
        ),
    }
}

/// Skips a balanced `{ … }`.
fn skip_block<'a, E: ParseError<'a>>() -> impl Parser<'a, In<'a>, (), Ex<'a, E>> + Clone {
    recursive(|skip| {
        kind(K::LBrace)
            .ignore_then(
                choice((
                    skip,
                    any()
                        .filter(|t: &Tok| !matches!(t.kind, K::LBrace | K::RBrace))
                        .ignored(),
                ))
                .repeated(),
            )
            .then_ignore(kind(K::RBrace).or_not())
    })
}

/// The rest of the current line (possibly nothing), with nested blocks; stops at `}`.
fn rest_of_line<'a, E: ParseError<'a>>() -> impl Parser<'a, In<'a>, (), Ex<'a, E>> + Clone {
    choice((
        any()
            .filter(|t: &Tok| !t.line_start && t.kind == K::LBrace)
            .rewind()
            .ignore_then(skip_block()),
        any()
            .filter(|t: &Tok| !t.line_start && !matches!(t.kind, K::LBrace | K::RBrace))
            .ignored(),
    ))
    .repeated()
}

/// Recovery for an item that does not parse: its first token, the rest of its line.
fn bad_item<'a, E: ParseError<'a>>(
    src: Src<'a>,
    ctx: BlockKind,
) -> impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone {
    choice((
        kind(K::LBrace).rewind().ignore_then(skip_block()),
        any()
            .filter(move |t: &Tok| {
                (ctx == BlockKind::File || t.kind != K::RBrace)
                    && t.kind != K::LBrace
                    && !terminates(ctx, t.kind)
            })
            .ignored(),
    ))
    .then(rest_of_line())
    .map_with(move |_, e| Item::Error(src.range(e.span())))
}

/// A string literal; an unterminated one is reported and accepted.
fn string<'a, E: ParseError<'a>>(src: Src<'a>) -> impl Parser<'a, In<'a>, Str, Ex<'a, E>> + Clone {
    kinds(&[
        K::String,
        K::BlockString,
        K::UnterminatedString,
        K::UnterminatedBlockString,
    ])
    .map_with(move |tok: Tok, e| {
        let text = src.slice(&tok);
        let str_lit = read_string(text, tok.kind, tok.range);
        match tok.kind {
            K::UnterminatedString => e.state().push(SyntaxError::new(
                SyntaxErrorKind::UnterminatedString,
                tok.range,
            )),
            K::UnterminatedBlockString => e.state().push(SyntaxError::new(
                SyntaxErrorKind::UnterminatedBlockString,
                TextRange::at(tok.range.start(), TextSize::from(3)),
            )),
            _ => {}
        }
        str_lit
    })
    .labelled("string")
}

/// Strips the quotes and resolves `\"` and `\\`.
fn read_string(text: &str, kind: SyntaxKind, range: TextRange) -> Str {
    let terminated = matches!(kind, K::String | K::BlockString);
    let (style, body) = if let Some(inner) = text.strip_prefix("\"\"\"") {
        let inner = if terminated {
            inner.strip_suffix("\"\"\"").unwrap_or(inner)
        } else {
            inner
        };
        (QuoteStyle::Block, inner)
    } else if let Some(rest) = text.strip_prefix('“') {
        let inner = if terminated {
            rest.strip_suffix('”').unwrap_or(rest)
        } else {
            rest
        };
        (QuoteStyle::Curly, inner)
    } else {
        let rest = text
            .strip_prefix('"')
            .or_else(|| text.strip_prefix('＂'))
            .unwrap_or(text);
        let inner = if terminated {
            rest.strip_suffix('"')
                .or_else(|| rest.strip_suffix('＂'))
                .unwrap_or(rest)
        } else {
            rest
        };
        (QuoteStyle::Ascii, inner)
    };
    let text = if style == QuoteStyle::Block || !body.contains('\\') {
        body.to_string()
    } else {
        let mut out = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(ch) = chars.next() {
            if ch == '\\' {
                match chars.clone().next() {
                    Some(next @ ('"' | '\\' | '“' | '”' | '＂')) => {
                        out.push(next);
                        chars.next();
                    }
                    _ => out.push(ch),
                }
            } else {
                out.push(ch);
            }
        }
        out
    };
    Str {
        text,
        style,
        terminated,
        range,
    }
}

/// A unit: `元`, `%`, `万元/人/月`, on the same line as its number.
fn unit<'a, E: ParseError<'a>>(src: Src<'a>) -> impl Parser<'a, In<'a>, Unit, Ex<'a, E>> + Clone {
    let part = same_line(&[K::Word, K::Percent]);
    part.clone()
        .then(same_line(&[K::Slash]).ignore_then(part).repeated())
        .to_span()
        .map(move |span| {
            let range = src.range(span);
            Unit {
                text: normalize_width(&src.text[range]),
                range,
            }
        })
        .labelled("unit")
}

/// A number, optionally negative, with an optional unit.
fn quantity<'a, E: ParseError<'a>>(
    src: Src<'a>,
) -> impl Parser<'a, In<'a>, Quantity, Ex<'a, E>> + Clone {
    kind(K::Minus)
        .or_not()
        .then(kind(K::Number))
        .then(unit(src).or_not())
        .try_map_with(move |((minus, number), unit), e| {
            let text = src.slice(&number);
            let value = match Decimal::parse(text) {
                Some(value) => value,
                None => {
                    e.state().push(SyntaxError::new(
                        SyntaxErrorKind::NumberTooLong,
                        number.range,
                    ));
                    Decimal::ZERO
                }
            };
            let (value, number_range) = match minus {
                Some(minus) => (-value, minus.range.cover(number.range)),
                None => (value, number.range),
            };
            Ok(Quantity {
                number: Spanned::new(value, number_range),
                range: src.range(e.span()),
                unit,
            })
        })
        .labelled("quantity")
}

fn cmp_prefix<'a, E: ParseError<'a>>() -> impl Parser<'a, In<'a>, Comparator, Ex<'a, E>> + Clone {
    any().try_map(|t: Tok, span| {
        let (op, spelling) = match t.kind {
            K::Ge => (CmpOp::Ge, CmpSpelling::Symbol),
            K::Le => (CmpOp::Le, CmpSpelling::Symbol),
            K::Gt => (CmpOp::Gt, CmpSpelling::Symbol),
            K::Lt => (CmpOp::Lt, CmpSpelling::Symbol),
            K::Eq => (CmpOp::Eq, CmpSpelling::Symbol),
            K::Approx => (CmpOp::Approx, CmpSpelling::Symbol),
            K::GeWord => (CmpOp::Ge, CmpSpelling::Word),
            K::LeWord => (CmpOp::Le, CmpSpelling::Word),
            K::GtWord => (CmpOp::Gt, CmpSpelling::Word),
            K::LtWord => (CmpOp::Lt, CmpSpelling::Word),
            K::EqWord => (CmpOp::Eq, CmpSpelling::Word),
            _ => return Err(E::custom(span, "comparator")),
        };
        Ok(Comparator {
            op,
            spelling,
            range: t.range,
        })
    })
}

fn cmp_postfix<'a, E: ParseError<'a>>() -> impl Parser<'a, In<'a>, Comparator, Ex<'a, E>> + Clone {
    any().try_map(|t: Tok, span| {
        let op = match t.kind {
            K::AbovePostfix if !t.line_start => CmpOp::Ge,
            K::BelowPostfix if !t.line_start => CmpOp::Le,
            K::AboutPostfix if !t.line_start => CmpOp::Approx,
            _ => return Err(E::custom(span, "postfix")),
        };
        Ok(Comparator {
            op,
            spelling: CmpSpelling::Postfix,
            range: t.range,
        })
    })
}

/// A `Date` token, optionally followed by a separate `前` on the same line.
fn deadline<'a, E: ParseError<'a>>(
    src: Src<'a>,
) -> impl Parser<'a, In<'a>, Deadline, Ex<'a, E>> + Clone {
    kind(K::Date)
        .then(same_line(&[K::Before]).or_not())
        .try_map(move |(tok, before_word), span| {
            let (date, before) =
                words::parse_date(src.slice(&tok)).ok_or_else(|| E::custom(span, "date"))?;
            Ok(Deadline {
                date,
                before: before || before_word.is_some(),
                cmp: None,
            })
        })
}

/// An indicator's target value.
fn value<'a, E: ParseError<'a>>(src: Src<'a>) -> impl Parser<'a, In<'a>, Value, Ex<'a, E>> + Clone {
    let range_sep = same_line(&[K::Tilde, K::Minus, K::To]);
    let bound_prefix = cmp_prefix()
        .then(choice((
            deadline(src).map(Err),
            quantity(src).then(cmp_postfix().or_not()).map(Ok),
        )))
        .map(|(cmp, rest)| match rest {
            Err(mut deadline) => {
                deadline.cmp = Some(cmp);
                ValueKind::Deadline(deadline)
            }
            // `不低于90%以上`: the prefix wins; the postfix only repeats it.
            Ok((quantity, _)) => ValueKind::Bound { cmp, quantity },
        });
    let from_quantity = quantity(src)
        .then(
            choice((
                cmp_postfix().map(Ok),
                range_sep
                    .then(quantity(src))
                    .map(|(sep, hi)| Err((sep, hi))),
            ))
            .or_not(),
        )
        .map(|(quantity, rest)| match rest {
            None => ValueKind::Exact(quantity),
            Some(Ok(cmp)) => ValueKind::Bound { cmp, quantity },
            Some(Err((sep, hi))) => ValueKind::Range {
                lo: quantity,
                hi,
                separator: sep.range,
            },
        });
    let period = kind(K::Period).try_map(move |tok, span| {
        let text = src.slice(&tok);
        let kind = words::parse_period(text).ok_or_else(|| E::custom(span, "period"))?;
        Ok(ValueKind::Period(Period {
            kind,
            text: normalize_width(text),
        }))
    });
    choice((
        bound_prefix,
        from_quantity,
        deadline(src).map(ValueKind::Deadline),
        period,
        string(src).map(ValueKind::Qualitative),
    ))
    .map_with(move |kind, e| Value {
        kind,
        range: src.range(e.span()),
    })
    .labelled("value")
}

/// Tokens that can only continue a value, so a value may start on the next line with them.
const VALUE_ONLY_START: &[SyntaxKind] = &[
    K::Ge,
    K::Le,
    K::Gt,
    K::Lt,
    K::Eq,
    K::Approx,
    K::BadComparator,
    K::GeWord,
    K::LeWord,
    K::GtWord,
    K::LtWord,
    K::EqWord,
    K::Number,
    K::Minus,
    K::Date,
    K::Period,
];

/// Whether the value of an item starts at this token.
fn value_starts_here(t: &Tok) -> bool {
    if VALUE_ONLY_START.contains(&t.kind) {
        return true;
    }
    !t.line_start && !matches!(t.kind, K::LBrace | K::RBrace)
}

/// A value with recovery: `Ok(value)`, or `Err(())` after an error skipped to the line end.
fn value_or_error<'a, E: ParseError<'a>>(
    src: Src<'a>,
    inner: impl Parser<'a, In<'a>, Value, Ex<'a, E>> + Clone,
) -> impl Parser<'a, In<'a>, Result<Value, ()>, Ex<'a, E>> + Clone {
    any().filter(value_starts_here).rewind().ignore_then(
        bad_comparator(src)
            .map(|()| Err(()))
            .or(inner.map(Ok))
            .recover_with(via_parser(
                any()
                    .filter(|t: &Tok| !matches!(t.kind, K::LBrace | K::RBrace))
                    .then(rest_of_line())
                    .map(|_| Err(())),
            )),
    )
}

/// `=>` and friends: reported with a precise message, then skipped to the line end.
fn bad_comparator<'a, E: ParseError<'a>>(
    src: Src<'a>,
) -> impl Parser<'a, In<'a>, (), Ex<'a, E>> + Clone {
    kind(K::BadComparator)
        .then_ignore(rest_of_line())
        .map_with(move |tok, e| {
            e.state().push(SyntaxError::new(
                SyntaxErrorKind::BadComparator {
                    text: src.slice(&tok).to_string(),
                },
                tok.range,
            ));
        })
}

/// Leftovers after a complete item on its line: one error, skipped.
fn trailing_junk<'a, E: ParseError<'a>>(
    src: Src<'a>,
) -> impl Parser<'a, In<'a>, bool, Ex<'a, E>> + Clone {
    any()
        .filter(move |t: &Tok| {
            // A word followed by `{` starts a category, a money-line name the next line of
            // a one-line `{ 政府预算资金 … 单位资金 … }`: those are items, not leftovers.
            let starts_item = t.kind == K::Word
                && (t.next == K::LBrace || LineName::from_text(src.slice(t)).is_some());
            !t.line_start
                && !starts_item
                && !matches!(
                    t.kind,
                    K::LBrace
                        | K::RBrace
                        | K::String
                        | K::UnterminatedString
                        | K::BlockString
                        | K::CodedWord
                )
                && !t.kind.is_keyword()
        })
        .then_ignore(rest_of_line())
        .map_with(move |tok: Tok, e| {
            e.state().push(SyntaxError::new(
                SyntaxErrorKind::Unexpected {
                    found: Some(tok.kind),
                    found_text: src.slice(&tok).to_string(),
                    expected: vec![Expected::EndOfLine],
                },
                tok.range,
            ));
            true
        })
        .or_not()
        .map(|junk| junk.unwrap_or(false))
}

/// `{ items }` with item-level recovery; a missing `}` is reported at `{`.
fn block<'a, E: ParseError<'a>>(
    src: Src<'a>,
    ctx: BlockKind,
    item: impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone + 'a,
) -> impl Parser<'a, In<'a>, Block, Ex<'a, E>> + Clone {
    let item = choice((item, unknown_field(src, ctx)))
        .labelled("item")
        .recover_with(via_parser(bad_item(src, ctx)));
    kind(K::LBrace)
        .then(item.repeated().collect::<Vec<_>>())
        .then(kind(K::RBrace).or_not())
        .map_with(move |((l_brace, items), r_brace), e| {
            if r_brace.is_none() {
                e.state().push(SyntaxError::new(
                    SyntaxErrorKind::UnclosedBrace,
                    l_brace.range,
                ));
            }
            Block {
                l_brace: l_brace.range,
                items,
                r_brace: r_brace.map(|t| t.range),
                range: src.range(e.span()),
            }
        })
        .labelled("block")
}

/// Characters that show as nothing (zero-width spaces and joiners, direction marks and
/// overrides, the soft hyphen): inside a word they split it without a visible trace.
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `WORD …` (or a keyword) that is not a field of this block: `unknown-field`.
fn unknown_field<'a, E: ParseError<'a>>(
    src: Src<'a>,
    ctx: BlockKind,
) -> impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone {
    any()
        .filter(move |t: &Tok| {
            t.at_item_position()
                && (t.kind == K::Word || t.kind.is_keyword())
                && !terminates(ctx, t.kind)
        })
        .then_ignore(rest_of_line())
        .map_with(move |tok: Tok, e| {
            let name = src.slice(&tok).to_string();
            let end = usize::from(tok.range.end());
            let error = match src.text[end..].chars().next().filter(|&c| is_invisible(c)) {
                // `部\u{200b}门`: the word is only what precedes an invisible character;
                // naming the character says what is wrong, the truncated word would not.
                Some(ch) => SyntaxError::new(
                    SyntaxErrorKind::Unexpected {
                        found: Some(K::Error),
                        found_text: ch.to_string(),
                        expected: vec![Expected::Item],
                    },
                    TextRange::at(tok.range.end(), TextSize::of(ch)),
                ),
                None => SyntaxError::new(
                    SyntaxErrorKind::UnknownField {
                        name: name.clone(),
                        block: ctx,
                    },
                    tok.range,
                ),
            };
            e.state().push(error);
            Item::UnknownField(UnknownField {
                name: Spanned::new(name, tok.range),
                range: src.range(e.span()),
            })
        })
}

/// What a field keyword takes.
#[derive(Clone, Copy)]
enum Arg {
    /// A quoted string, or an unquoted code (`编码 101001`).
    Code,
    Text,
    Texts,
    Word,
    Year,
    Unit,
    Quantity,
    Quantities,
    Nothing,
}

/// A field's value after recovery.
#[derive(Clone)]
enum FieldArg {
    Ok(FieldValue),
    /// A value was there but did not parse (reported by chumsky's recovery).
    Error,
    /// Nothing follows the keyword on its line.
    Missing,
}

impl Arg {
    fn expected(self) -> Expected {
        match self {
            Arg::Code | Arg::Text | Arg::Texts => Expected::String,
            Arg::Word => Expected::Name,
            Arg::Year => Expected::Year,
            Arg::Unit => Expected::Unit,
            Arg::Quantity | Arg::Quantities => Expected::Quantity,
            Arg::Nothing => Expected::Block,
        }
    }
}

impl FieldValue {
    fn has_unterminated_string(&self) -> bool {
        match self {
            FieldValue::Text(lit) => !lit.terminated,
            FieldValue::Texts(lits) => lits.iter().any(|lit| !lit.terminated),
            _ => false,
        }
    }
}

fn field_value<'a, E: ParseError<'a>>(
    src: Src<'a>,
    arg: Arg,
) -> impl Parser<'a, In<'a>, FieldValue, Ex<'a, E>> + Clone {
    let code_like = kinds(&[K::Number, K::CodedWord, K::Word]).map(move |tok: Tok| {
        FieldValue::Text(Str {
            text: src.slice(&tok).to_string(),
            style: QuoteStyle::Ascii,
            terminated: true,
            range: tok.range,
        })
    });
    match arg {
        Arg::Code => choice((string(src).map(FieldValue::Text), code_like)).boxed(),
        Arg::Text => string(src).map(FieldValue::Text).boxed(),
        Arg::Texts => string(src)
            .then(
                any()
                    .filter(|t: &Tok| !t.line_start)
                    .rewind()
                    .ignore_then(string(src))
                    .repeated()
                    .collect::<Vec<_>>(),
            )
            .map(|(first, mut rest)| {
                rest.insert(0, first);
                FieldValue::Texts(rest)
            })
            .boxed(),
        Arg::Word => choice((
            kind(K::Word)
                .then(
                    any()
                        .filter(|t: &Tok| t.glued && matches!(t.kind, K::Number | K::Word))
                        .repeated(),
                )
                .to_span()
                .map(move |span| {
                    let range = src.range(span);
                    FieldValue::Word(Spanned::new(normalize_width(&src.text[range]), range))
                }),
            string(src).map(|s| FieldValue::Word(Spanned::new(s.text, s.range))),
        ))
        .labelled("name")
        .boxed(),
        Arg::Year => kinds(&[K::Number, K::Date])
            .try_map(move |tok: Tok, span| {
                let text = normalize_width(src.slice(&tok));
                let digits = text.strip_suffix('年').unwrap_or(&text);
                match digits.parse::<u32>() {
                    Ok(year) if (1000..=9999).contains(&year) && digits.len() == 4 => {
                        Ok(FieldValue::Year(Spanned::new(year, tok.range)))
                    }
                    _ => Err(E::custom(span, "year")),
                }
            })
            .labelled("year")
            .boxed(),
        Arg::Unit => any()
            .filter(|t: &Tok| !t.line_start)
            .rewind()
            .ignore_then(unit(src))
            .map(FieldValue::Unit)
            .boxed(),
        Arg::Quantity => quantity(src).map(FieldValue::Quantity).boxed(),
        Arg::Quantities => quantity(src)
            .then_ignore(same_line(&[K::Comma]).or_not())
            .repeated()
            .at_least(1)
            .collect::<Vec<_>>()
            .map(FieldValue::Quantities)
            .boxed(),
        Arg::Nothing => empty().to(FieldValue::None).boxed(),
    }
}

/// A field: keyword, its value (with recovery), an optional block, nothing else on the line.
fn field<'a, E: ParseError<'a>>(
    src: Src<'a>,
    keyword: impl Parser<'a, In<'a>, (FieldKey, TextRange), Ex<'a, E>> + Clone + 'a,
    arg: Arg,
    nested: Option<(BlockKind, BoxedItem<'a, E>)>,
) -> impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone {
    let value = match arg {
        Arg::Nothing => empty().to(FieldArg::Ok(FieldValue::None)).boxed(),
        _ => choice((
            // The value starts on the keyword's line (or, for amounts, may follow on the next).
            any()
                .filter(move |t: &Tok| {
                    !matches!(t.kind, K::LBrace | K::RBrace)
                        && (!t.line_start
                            || (matches!(arg, Arg::Quantity | Arg::Quantities)
                                && matches!(t.kind, K::Number | K::Minus)))
                })
                .rewind()
                .ignore_then(
                    field_value(src, arg)
                        .map(FieldArg::Ok)
                        .recover_with(via_parser(
                            any()
                                .filter(|t: &Tok| !matches!(t.kind, K::RBrace))
                                .rewind()
                                .ignore_then(rest_of_line())
                                .to(FieldArg::Error),
                        )),
                ),
            empty().to(FieldArg::Missing),
        ))
        .boxed(),
    };
    let nested_block = match nested {
        Some((ctx, items)) => block(src, ctx, items)
            .map(Some)
            .or_not()
            .map(Option::flatten)
            .boxed(),
        None => empty().to(None).boxed(),
    };
    keyword
        .then(value)
        .then(nested_block)
        .then(trailing_junk(src))
        .map_with(move |((((key, key_range), value), block), junk), e| {
            let (value, mut has_error) = match value {
                FieldArg::Ok(value) => (value, junk),
                FieldArg::Error => (FieldValue::None, true),
                FieldArg::Missing => {
                    // Reported at the keyword, so that the finding is on the item's line.
                    let errors: &mut TruncateState<SyntaxError> = e.state();
                    errors.push(SyntaxError::new(
                        SyntaxErrorKind::MissingValue {
                            keyword: src.text[key_range].to_string(),
                            expected: arg.expected(),
                        },
                        key_range,
                    ));
                    (FieldValue::None, true)
                }
            };
            has_error |= value.has_unterminated_string();
            Item::Field(Field {
                key,
                key_range,
                value,
                block,
                range: src.range(e.span()),
                has_error,
            })
        })
}

fn keyword<'a, E: ParseError<'a>>(
    token: SyntaxKind,
    key: FieldKey,
) -> impl Parser<'a, In<'a>, (FieldKey, TextRange), Ex<'a, E>> + Clone {
    kind(token).map(move |t| (key, t.range))
}

/// A money line (`政府预算资金 118.8万元`) whose name is one of `names`.
fn line_name<'a, E: ParseError<'a>>(
    src: Src<'a>,
    names: &'static [LineName],
) -> impl Parser<'a, In<'a>, (FieldKey, TextRange), Ex<'a, E>> + Clone {
    kind(K::Word).try_map(move |t, span| {
        LineName::from_text(src.slice(&t))
            .filter(|name| names.contains(name))
            .map(|name| (FieldKey::Line(name), t.range))
            .ok_or_else(|| E::custom(span, "line"))
    })
}

/// An indicator: `"名称" 值 { 描述 "…" 依据 "…" }`.
fn indicator<'a, E: ParseError<'a>>(
    src: Src<'a>,
) -> impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone {
    let attr_items = choice((
        field(
            src,
            keyword(K::DescriptionKw, FieldKey::Description),
            Arg::Text,
            None,
        ),
        field(src, keyword(K::BasisKw, FieldKey::Basis), Arg::Text, None),
    ))
    .boxed();
    let terminated_name = string(src).filter(|s: &Str| s.terminated);
    let complete = terminated_name
        .then(value_or_error(src, value(src)).or_not())
        .then(block(src, BlockKind::Attributes, attr_items).or_not())
        .then(trailing_junk(src))
        .map_with(move |(((name, value), attrs), junk), e| {
            let value_error = match &value {
                Some(Err(())) => true,
                Some(Ok(Value {
                    kind: ValueKind::Qualitative(lit),
                    ..
                })) => !lit.terminated,
                _ => false,
            };
            Item::Indicator(Indicator {
                name,
                value: value.and_then(Result::ok).map(Box::new),
                attrs,
                range: src.range(e.span()),
                has_error: value_error || junk,
            })
        });
    // An unterminated name ends the item: no value, parsing resumes on the next line.
    let unterminated = string(src).map_with(move |name, e| {
        Item::Indicator(Indicator {
            name,
            value: None,
            attrs: None,
            range: src.range(e.span()),
            has_error: true,
        })
    });
    complete.or(unterminated)
}

/// A category block: `产出指标 { … }`, `11-数量指标 { … }`.
fn category<'a, E: ParseError<'a>>(
    src: Src<'a>,
) -> impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone {
    recursive(move |category| {
        let items = choice((category, indicator(src))).boxed();
        kinds(&[K::Word, K::CodedWord])
            .then_ignore(kind(K::LBrace).rewind())
            .then(block(src, BlockKind::Category, items))
            .map_with(move |(tok, body), e| {
                let text = src.slice(&tok);
                let (code, name) = match tok.kind {
                    K::CodedWord => match text.find(['-', '－']) {
                        Some(idx) => {
                            let sep_len = text[idx..].chars().next().map_or(1, char::len_utf8);
                            (
                                Some(normalize_width(&text[..idx])),
                                text[idx + sep_len..].to_string(),
                            )
                        }
                        None => (None, text.to_string()),
                    },
                    _ => (None, text.to_string()),
                };
                Item::Category(Category {
                    name: Spanned::new(CategoryName { text: name, code }, tok.range),
                    body,
                    range: src.range(e.span()),
                })
            })
    })
}

/// `部门 "…" { … }`, `项目 "…" { … }`, `单位 "…" { … }`.
fn entity<'a, E: ParseError<'a>>(
    src: Src<'a>,
    token: SyntaxKind,
    kind_: EntityKind,
    ctx: BlockKind,
    items: Boxed<'a, 'a, In<'a>, Item, Ex<'a, E>>,
) -> impl Parser<'a, In<'a>, Item, Ex<'a, E>> + Clone {
    let name = string(src).map(Ok).or(any()
        .filter(|t: &Tok| !matches!(t.kind, K::LBrace | K::RBrace) && !t.line_start)
        .then_ignore(
            any()
                .filter(|t: &Tok| !t.line_start && !matches!(t.kind, K::LBrace | K::RBrace))
                .repeated(),
        )
        .map_with(move |tok: Tok, e| -> Result<Str, ()> {
            let errors: &mut TruncateState<SyntaxError> = e.state();
            errors.push(SyntaxError::new(
                SyntaxErrorKind::Unexpected {
                    found: Some(tok.kind),
                    found_text: src.slice(&tok).to_string(),
                    expected: vec![Expected::String],
                },
                tok.range,
            ));
            Err(())
        }));
    kind(token)
        .then(name.or_not())
        .then(block(src, ctx, items).or_not())
        .map_with(move |((kw, name), body), e| {
            let mut has_error = matches!(name, Some(Err(())));
            if !has_error && (name.is_none() || body.is_none()) {
                // `项目 {` without a name, or `项目 "x"` without a body: one error, on the
                // entity's own line.
                has_error = true;
                let (at, expected) = match &name {
                    Some(Ok(name)) => (name.range, Expected::Block),
                    _ => (kw.range, Expected::String),
                };
                let errors: &mut TruncateState<SyntaxError> = e.state();
                errors.push(SyntaxError::new(
                    SyntaxErrorKind::MissingValue {
                        keyword: src.slice(&kw).to_string(),
                        expected,
                    },
                    at,
                ));
            }
            has_error |= matches!(&name, Some(Ok(name)) if !name.terminated);
            Item::Entity(Entity {
                kind: kind_,
                keyword: kw.range,
                name: name.and_then(Result::ok),
                body,
                range: src.range(e.span()),
                has_error,
            })
        })
}

fn file<'a, E: ParseError<'a>>(src: Src<'a>) -> impl Parser<'a, In<'a>, SourceFile, Ex<'a, E>> {
    let category = category(src).boxed();
    let source_line =
        |names: &'static [LineName]| field(src, line_name(src, names), Arg::Quantity, None).boxed();
    let funds = field(
        src,
        keyword(K::FundsKw, FieldKey::Funds),
        Arg::Quantity,
        Some((BlockKind::Funds, source_line(&LineName::SOURCES))),
    );
    let project_items = choice((
        field(src, keyword(K::CodeKw, FieldKey::Code), Arg::Code, None),
        field(src, keyword(K::UnitKw, FieldKey::Unit), Arg::Text, None),
        field(
            src,
            keyword(K::AttributeKw, FieldKey::Attribute),
            Arg::Word,
            None,
        ),
        field(src, keyword(K::TermKw, FieldKey::Term), Arg::Quantity, None),
        funds,
        field(
            src,
            keyword(K::PurposeKw, FieldKey::Purpose),
            Arg::Text,
            None,
        ),
        field(
            src,
            keyword(K::PlanKw, FieldKey::Plan),
            Arg::Quantities,
            None,
        ),
        field(src, keyword(K::GoalKw, FieldKey::Goal), Arg::Text, None),
        category.clone(),
    ))
    .boxed();
    let project = entity(
        src,
        K::ProjectKw,
        EntityKind::Project,
        BlockKind::Project,
        project_items,
    )
    .boxed();
    let unit_items = choice((
        field(src, keyword(K::CodeKw, FieldKey::Code), Arg::Code, None),
        field(
            src,
            keyword(K::TotalKw, FieldKey::Total),
            Arg::Quantity,
            None,
        ),
        project.clone(),
    ))
    .boxed();
    // `单位 "…" {` is a budget unit; `单位 "…"` is the department's 单位名称.
    let budget_unit = kind(K::UnitKw)
        .then(string(src))
        .then(kind(K::LBrace))
        .rewind()
        .ignore_then(entity(
            src,
            K::UnitKw,
            EntityKind::BudgetUnit,
            BlockKind::BudgetUnit,
            unit_items,
        ));
    let budget_items = choice((
        field(
            src,
            keyword(K::SourcesKw, FieldKey::Sources),
            Arg::Nothing,
            Some((BlockKind::Sources, source_line(&LineName::SOURCES))),
        ),
        field(
            src,
            keyword(K::StructureKw, FieldKey::Structure),
            Arg::Nothing,
            Some((BlockKind::Structure, source_line(&LineName::STRUCTURE))),
        ),
    ))
    .boxed();
    let department_items = choice((
        field(src, keyword(K::CodeKw, FieldKey::Code), Arg::Code, None),
        budget_unit,
        field(src, keyword(K::UnitKw, FieldKey::Unit), Arg::Text, None),
        field(src, keyword(K::DutiesKw, FieldKey::Duties), Arg::Text, None),
        field(src, keyword(K::TaskKw, FieldKey::Task), Arg::Texts, None),
        field(
            src,
            keyword(K::BudgetKw, FieldKey::Budget),
            Arg::Quantity,
            Some((BlockKind::Budget, budget_items)),
        ),
        project.clone(),
        category,
    ))
    .boxed();
    let department = entity(
        src,
        K::DepartmentKw,
        EntityKind::Department,
        BlockKind::Department,
        department_items,
    );
    let top_items = choice((
        field(src, keyword(K::YearKw, FieldKey::Year), Arg::Year, None),
        field(src, keyword(K::SchemeKw, FieldKey::Scheme), Arg::Word, None),
        field(
            src,
            keyword(K::MoneyUnitKw, FieldKey::MoneyUnit),
            Arg::Unit,
            None,
        ),
        department,
        project,
        unknown_field(src, BlockKind::File),
    ))
    .recover_with(via_parser(bad_item(src, BlockKind::File)))
    .labelled("item");
    top_items
        .repeated()
        .collect::<Vec<_>>()
        .then_ignore(end())
        .map_with(move |items, e| SourceFile {
            items,
            range: src.range(e.span()),
        })
}

/// Parses significant tokens into a file and its syntax errors, sorted by position.
///
/// A first pass with [`EmptyErr`] parses a file without syntax errors completely; only a
/// file where it reports an error is parsed again, with [`Rich`] errors, for the
/// diagnostics. Both passes run the same grammar, so where there is no error they build
/// the same tree (`tests/fast_pass.rs` checks it on every fixture and on generated text).
pub(crate) fn parse_tokens(
    text: &str,
    toks: &[Tok],
    too_deep: Option<TextRange>,
    reporting_only: bool,
) -> (SourceFile, Vec<SyntaxError>) {
    let src = Src { text, toks };
    if too_deep.is_none() && !reporting_only {
        let mut state = TruncateState(Vec::new());
        let (output, errors) = file::<EmptyErr>(src)
            .parse_with_state(toks, &mut state)
            .into_output_errors();
        if let (Some(file), true, true) = (output, errors.is_empty(), state.0.is_empty()) {
            return (file, Vec::new());
        }
    }
    parse_tokens_reporting(src, too_deep)
}

/// The fast pass alone, over a run of whole top-level items: their items when they parse
/// without any syntax error, `None` otherwise. Ranges are those of the tokens (absolute in
/// `text`). For the incremental re-parse, which falls back to a whole parse on `None`.
pub(crate) fn parse_items_fast(text: &str, toks: &[Tok]) -> Option<Vec<Item>> {
    let src = Src { text, toks };
    let mut state = TruncateState(Vec::new());
    let (output, errors) = file::<EmptyErr>(src)
        .parse_with_state(toks, &mut state)
        .into_output_errors();
    match (output, errors.is_empty(), state.0.is_empty()) {
        (Some(file), true, true) => Some(file.items),
        _ => None,
    }
}

/// The reporting pass: [`Rich`] errors, recovery, every syntax error.
fn parse_tokens_reporting(
    src: Src<'_>,
    too_deep: Option<TextRange>,
) -> (SourceFile, Vec<SyntaxError>) {
    let Src { text, toks } = src;
    let mut state = TruncateState(Vec::new());
    if let Some(range) = too_deep {
        state.push(SyntaxError::new(SyntaxErrorKind::TooDeep, range));
    }
    let (output, rich_errors) = file::<Rich<'_, Tok>>(src)
        .parse_with_state(toks, &mut state)
        .into_output_errors();
    let mut errors = state.0;
    for rich in rich_errors {
        errors.push(convert_rich(src, &rich));
    }
    // One error per position: chumsky may report what a custom error already said.
    errors.sort_by_key(|err| (err.range.start(), err.range.end()));
    errors.dedup_by_key(|err| err.range.start());
    let file = output.unwrap_or_else(|| SourceFile {
        items: Vec::new(),
        range: TextRange::up_to(TextSize::try_from(text.len()).unwrap_or(TextSize::from(u32::MAX))),
    });
    (file, errors)
}

fn convert_rich(src: Src<'_>, rich: &Rich<'_, Tok>) -> SyntaxError {
    let span = *rich.span();
    let found = rich
        .found()
        .copied()
        .or_else(|| src.toks.get(span.start).copied());
    let range = match found {
        Some(tok) => tok.range,
        None => TextRange::empty(span_range(src.toks, src.text, span).start()),
    };
    if let Some(tok) = found {
        match tok.kind {
            K::BadComparator => {
                return SyntaxError::new(
                    SyntaxErrorKind::BadComparator {
                        text: src.slice(&tok).to_string(),
                    },
                    tok.range,
                )
            }
            K::UnterminatedString => {
                return SyntaxError::new(SyntaxErrorKind::UnterminatedString, tok.range)
            }
            _ => {}
        }
    }
    let mut expected: Vec<Expected> = match rich.reason() {
        RichReason::ExpectedFound { expected, .. } => expected
            .iter()
            .filter_map(|pattern| match pattern {
                RichPattern::Label(label) => Expected::from_label(label),
                RichPattern::Token(tok) => Some(Expected::Token(tok.kind)),
                RichPattern::EndOfInput => Some(Expected::EndOfInput),
                _ => None,
            })
            .collect(),
        RichReason::Custom(_) => Vec::new(),
    };
    expected.sort();
    expected.dedup();
    SyntaxError::new(
        SyntaxErrorKind::Unexpected {
            found: found.map(|t| t.kind),
            found_text: found.map(|t| src.slice(&t).to_string()).unwrap_or_default(),
            expected,
        },
        range,
    )
}

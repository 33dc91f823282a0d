//! The typed AST. Every node carries its byte range in the source.
//!
//! Nodes that may be missing after error recovery are `Option`s; consumers must handle
//! `None`. Items whose own text has a syntax error carry `has_error: true`, and no lint
//! rule should look at them.

use text_size::TextRange;

use crate::decimal::Decimal;

/// A value with its source range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub node: T,
    pub range: TextRange,
}

impl<T> Spanned<T> {
    pub fn new(node: T, range: TextRange) -> Spanned<T> {
        Spanned { node, range }
    }
}

/// A whole `.ptg` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub items: Vec<Item>,
    pub range: TextRange,
}

/// Anything that can stand in a block (or at the top level of a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `年度 2024`, `编码 "…"`, `资金 118.8万元 { … }`, `政府预算资金 118.8万元` …
    Field(Field),
    /// `部门 "…" { … }`, `项目 "…" { … }`, `单位 "…" { … }` (a budget unit).
    Entity(Entity),
    /// `产出指标 { … }`: a 一级 or 二级 block; the name is resolved against a scheme later.
    Category(Category),
    /// `"名称" 值 { 描述 "…" 依据 "…" }`: a 三级 indicator.
    Indicator(Indicator),
    /// `WORD …` where WORD is not a field of the enclosing block (`负责人 "张三"`).
    UnknownField(UnknownField),
    /// Tokens skipped by error recovery.
    Error(TextRange),
}

impl Item {
    pub fn range(&self) -> TextRange {
        match self {
            Item::Field(it) => it.range,
            Item::Entity(it) => it.range,
            Item::Category(it) => it.range,
            Item::Indicator(it) => it.range,
            Item::UnknownField(it) => it.range,
            Item::Error(range) => *range,
        }
    }
}

/// `{ … }`. A block whose `}` is missing has `r_brace: None` (and a syntax error at `{`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub l_brace: TextRange,
    pub items: Vec<Item>,
    pub r_brace: Option<TextRange>,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// `部门`: 主管部门.
    Department,
    /// `项目`: 项目支出.
    Project,
    /// `单位 "…" { … }` inside a department: a 预算单位 grouping projects.
    BudgetUnit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    pub keyword: TextRange,
    pub name: Option<Str>,
    pub body: Option<Block>,
    pub range: TextRange,
    pub has_error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: Spanned<CategoryName>,
    pub body: Block,
    pub range: TextRange,
}

/// A category name as written: `产出指标`, `产出`, `1-产出指标` (code `1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryName {
    /// The name without its code, as typed.
    pub text: String,
    /// The leading code of a coded name (`11` in `11-数量指标`).
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub name: Str,
    pub value: Option<Box<Value>>,
    /// The attribute block `{ 描述 "…" 依据 "…" }`; its items are [`Field`]s.
    pub attrs: Option<Block>,
    pub range: TextRange,
    pub has_error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    pub name: Spanned<String>,
    pub range: TextRange,
}

/// A field keyword (or a source/structure line name) and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: FieldKey,
    pub key_range: TextRange,
    pub value: FieldValue,
    /// The nested block of `资金`, `预算`, `来源`, `结构`.
    pub block: Option<Block>,
    pub range: TextRange,
    pub has_error: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKey {
    /// `年度`
    Year,
    /// `体系`
    Scheme,
    /// `金额单位`
    MoneyUnit,
    /// `编码`
    Code,
    /// `单位 "…"` without a block: 实施单位 in a project, 单位名称 in a department.
    Unit,
    /// `属性`
    Attribute,
    /// `期限`
    Term,
    /// `资金`
    Funds,
    /// `用途`
    Purpose,
    /// `支出计划`
    Plan,
    /// `目标`
    Goal,
    /// `履职目标`
    Duties,
    /// `任务`
    Task,
    /// `预算`
    Budget,
    /// `来源`
    Sources,
    /// `结构`
    Structure,
    /// `合计`
    Total,
    /// `描述` or `说明`
    Description,
    /// `依据`
    Basis,
    /// A money line inside `资金`, `来源` or `结构`.
    Line(LineName),
}

/// The names of money lines: funding sources and budget structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineName {
    /// 政府预算资金
    GovernmentBudget,
    /// 财政专户管理资金
    SpecialAccount,
    /// 单位资金
    UnitFunds,
    /// 其他资金
    OtherFunds,
    /// 基本支出
    BasicExpenditure,
    /// 项目支出
    ProjectExpenditure,
}

impl LineName {
    pub const SOURCES: [LineName; 4] = [
        LineName::GovernmentBudget,
        LineName::SpecialAccount,
        LineName::UnitFunds,
        LineName::OtherFunds,
    ];
    pub const STRUCTURE: [LineName; 2] = [LineName::BasicExpenditure, LineName::ProjectExpenditure];

    pub fn as_str(self) -> &'static str {
        match self {
            LineName::GovernmentBudget => "政府预算资金",
            LineName::SpecialAccount => "财政专户管理资金",
            LineName::UnitFunds => "单位资金",
            LineName::OtherFunds => "其他资金",
            LineName::BasicExpenditure => "基本支出",
            LineName::ProjectExpenditure => "项目支出",
        }
    }

    pub fn from_text(text: &str) -> Option<LineName> {
        Self::SOURCES
            .into_iter()
            .chain(Self::STRUCTURE)
            .find(|name| name.as_str() == text)
    }
}

impl FieldKey {
    /// The canonical keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKey::Year => "年度",
            FieldKey::Scheme => "体系",
            FieldKey::MoneyUnit => "金额单位",
            FieldKey::Code => "编码",
            FieldKey::Unit => "单位",
            FieldKey::Attribute => "属性",
            FieldKey::Term => "期限",
            FieldKey::Funds => "资金",
            FieldKey::Purpose => "用途",
            FieldKey::Plan => "支出计划",
            FieldKey::Goal => "目标",
            FieldKey::Duties => "履职目标",
            FieldKey::Task => "任务",
            FieldKey::Budget => "预算",
            FieldKey::Sources => "来源",
            FieldKey::Structure => "结构",
            FieldKey::Total => "合计",
            FieldKey::Description => "描述",
            FieldKey::Basis => "依据",
            FieldKey::Line(line) => line.as_str(),
        }
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// Nothing (after an error, or `来源 { … }`).
    None,
    /// `编码 "…"`, `目标 "…"` …
    Text(Str),
    /// `任务 "名称" "主要内容"`.
    Texts(Vec<Str>),
    /// `属性 一年期`, `体系 国家2021`.
    Word(Spanned<String>),
    /// `年度 2024`.
    Year(Spanned<u32>),
    /// `金额单位 万元`.
    Unit(Unit),
    /// `资金 118.8万元`, `期限 1年`, `合计 640,000元`.
    Quantity(Quantity),
    /// `支出计划 25% 50% 75% 100%`.
    Quantities(Vec<Quantity>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    /// `"…"`
    Ascii,
    /// `“…”`
    Curly,
    /// `"""…"""`
    Block,
}

/// A string literal. `text` is the content with escapes resolved; every other character
/// is kept exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    pub text: String,
    pub style: QuoteStyle,
    pub terminated: bool,
    pub range: TextRange,
}

/// A unit as written, full-width forms mapped to ASCII (`％` → `%`): `万元`, `元/人/月`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    pub range: TextRange,
}

impl Unit {
    /// The parts of a compound unit (`元/人/月` → `元`, `人`, `月`).
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.text.split('/')
    }
}

/// A number with an optional unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub number: Spanned<Decimal>,
    pub unit: Option<Unit>,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
    /// `左右`, `≈`: approximately (not a checkable bound).
    Approx,
}

impl CmpOp {
    /// The canonical symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Ge => "≥",
            CmpOp::Le => "≤",
            CmpOp::Gt => ">",
            CmpOp::Lt => "<",
            CmpOp::Eq => "=",
            CmpOp::Approx => "≈",
        }
    }
}

/// How a comparator was written, for the formatter and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpSpelling {
    /// `≥`, `>=`, `＞` …, before the quantity.
    Symbol,
    /// `不低于`, `大于等于` …, before the quantity.
    Word,
    /// `以上`, `以下`, `以内`, `左右`, after the quantity.
    Postfix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Comparator {
    pub op: CmpOp,
    pub spelling: CmpSpelling,
    pub range: TextRange,
}

/// An indicator's target value (指标值).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub kind: ValueKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    /// `≥ 90%`, `不超过5个`, `80%以上`, `5200元左右`.
    Bound { cmp: Comparator, quantity: Quantity },
    /// `144个`, `15万元`: no comparator means "equal to".
    Exact(Quantity),
    /// `0~150000吨`; `lo` may lack the unit `hi` has.
    Range {
        lo: Quantity,
        hi: Quantity,
        separator: TextRange,
    },
    /// `2024-12-31前`, `12月底`, `≤12月份`.
    Deadline(Deadline),
    /// `全年`, `每月10日前`, `30个工作日内`.
    Period(Period),
    /// `"有所减轻"`.
    Qualitative(Str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// `2024-12-31`
    Iso,
    /// `2024年12月31日`
    Chinese,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayOfMonth {
    Day(u32),
    /// `底`: the last day (of the month, or of the year without a month).
    End,
}

/// A date as written; missing parts mean "the budget year" or "the whole month".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpec {
    pub year: Option<u32>,
    pub month: Option<u32>,
    pub day: Option<DayOfMonth>,
    pub style: DateStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline {
    pub date: DateSpec,
    /// Written with `前`, `之前` or `以前`.
    pub before: bool,
    /// A comparator written before the date (`≤12月份`): not a proper deadline.
    pub cmp: Option<Comparator>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// 全年
    FullYear,
    /// 年内
    WithinYear,
    /// 年底前, 年底之前
    BeforeYearEnd,
    /// 每月, 按月
    Monthly,
    /// 每季度, 按季度
    Quarterly,
    /// 每年, 按年
    Yearly,
    /// 每周, 按周
    Weekly,
    /// 每日, 每天
    Daily,
    /// 每月N日前
    MonthlyBeforeDay(u32),
    /// 每年N次 (and 每季度/每月N次)
    TimesPer { per: Per, times: u32 },
    /// N个工作日内, N日内, N天内, N个月内 …
    Within { amount: u32, unit: WithinUnit },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Per {
    Year,
    Quarter,
    Month,
    Week,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithinUnit {
    Workdays,
    Days,
    Months,
    Weeks,
    Hours,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    /// As written, full-width digits mapped to ASCII.
    pub text: String,
}

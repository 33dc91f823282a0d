//! What the money rules share: amounts in 元 for messages, money fields and the lines of
//! their blocks, project funds, and cost indicators read as money lines.

use ptg_semantic::model::{IndicatorInfo, ProjectInfo};
use ptg_semantic::units::format_yuan;
use ptg_semantic::{Model, Role, UnitKind};
use ptg_syntax::ast::{Block, CmpOp, Field, FieldKey, FieldValue, Item, Quantity, ValueKind};
use ptg_syntax::Decimal;
use text_size::TextRange;

use crate::facts::trim_name;
use crate::rule::RuleContext;

/// An amount for messages: `1,188,000元`, in English `1,188,000 yuan`.
pub(crate) fn yuan(ctx: &RuleContext<'_, '_>, amount: Decimal) -> String {
    let text = format_yuan(amount);
    if ctx.zh() {
        text
    } else {
        format!("{} yuan", text.trim_end_matches('元'))
    }
}

/// The absolute difference of two amounts.
pub(crate) fn difference(a: Decimal, b: Decimal) -> Option<Decimal> {
    let diff = a.checked_sub(b)?;
    Some(if diff.is_negative() { -diff } else { diff })
}

/// Adds amounts exactly; `None` on overflow.
pub(crate) fn sum(amounts: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    amounts
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, amount| acc.checked_add(amount))
}

/// Whether a quantity is money: a money unit (rates such as `元/人` included), or a bare
/// number, which takes `金额单位`.
pub(crate) fn is_money_quantity(model: &Model<'_>, quantity: &Quantity) -> bool {
    match model.unit_info(quantity) {
        None => true,
        Some(info) => info.kind == Some(UnitKind::Money),
    }
}

/// A field holding an amount of money (`资金 118.8万元`, `政府预算资金 …`, `合计 …`).
#[derive(Clone, Copy)]
pub(crate) struct MoneyField<'a> {
    pub field: &'a Field,
    pub quantity: &'a Quantity,
    pub yuan: Decimal,
}

impl MoneyField<'_> {
    /// The field's line without its block: `政府预算资金 580,000.0元`.
    pub(crate) fn line_range(&self) -> TextRange {
        TextRange::new(self.field.key_range.start(), self.quantity.range.end())
    }
}

/// The amount of a money field: `None` for a field with a syntax error, without a
/// quantity, or whose quantity is not a total amount of money.
pub(crate) fn money_field<'a>(model: &Model<'a>, field: &'a Field) -> Option<MoneyField<'a>> {
    if field.has_error {
        return None;
    }
    let FieldValue::Quantity(quantity) = &field.value else {
        return None;
    };
    if model.unit_info(quantity).is_some_and(|info| info.per_unit) {
        return None;
    }
    if !is_money_quantity(model, quantity) {
        return None;
    }
    let yuan = model.money_yuan(quantity)?;
    Some(MoneyField {
        field,
        quantity,
        yuan,
    })
}

/// The money lines of a block (`政府预算资金 …` in `资金 { … }` or `来源 { … }`,
/// `基本支出 …` in `结构 { … }`), in order. `None` when the block is not complete enough
/// to add up: an unclosed brace, a skipped or unknown item, or a line that is not money.
pub(crate) fn block_lines<'a>(model: &Model<'a>, block: &'a Block) -> Option<Vec<MoneyField<'a>>> {
    block.r_brace?;
    let mut lines = Vec::new();
    for item in &block.items {
        match item {
            Item::Field(field) if matches!(field.key, FieldKey::Line(_)) => {
                lines.push(money_field(model, field)?);
            }
            Item::Field(_) | Item::Entity(_) | Item::Category(_) | Item::Indicator(_) => {}
            Item::UnknownField(_) | Item::Error(_) => return None,
        }
    }
    Some(lines)
}

/// The block of the first child field with `key` in a field's block (`来源`, `结构` in `预算`).
pub(crate) fn child_block(field: &Field, key: FieldKey) -> Option<&Block> {
    field
        .block
        .as_ref()?
        .items
        .iter()
        .find_map(|item| match item {
            Item::Field(child) if child.key == key && !child.has_error => child.block.as_ref(),
            _ => None,
        })
}

/// A project's stated `资金` total.
pub(crate) fn project_funds<'a>(
    model: &Model<'a>,
    project: &ProjectInfo<'a>,
) -> Option<MoneyField<'a>> {
    money_field(model, project.field(FieldKey::Funds)?)
}

/// A cost indicator whose value is an amount of money.
pub(crate) struct CostLine<'m, 'a> {
    pub indicator: &'m IndicatorInfo<'a>,
    /// The comparator; `None` for an exact value.
    pub op: Option<CmpOp>,
    pub quantity: &'a Quantity,
    /// The written amount in 元 (per unit for a rate).
    pub yuan: Decimal,
    /// A rate with a denominator: `元/人`.
    pub per_unit: bool,
}

impl CostLine<'_, '_> {
    /// Written as `≤`, `<` or exact: a ceiling the spending is held to.
    pub(crate) fn is_ceiling(&self) -> bool {
        matches!(self.op, None | Some(CmpOp::Le | CmpOp::Lt))
    }

    /// The line from the indicator's name to the end of its value.
    pub(crate) fn line_range(&self) -> TextRange {
        let end = self
            .indicator
            .ast
            .value
            .as_ref()
            .map_or(self.indicator.ast.name.range.end(), |v| v.range.end());
        TextRange::new(self.indicator.ast.name.range.start(), end)
    }

    pub(crate) fn value_range(&self) -> TextRange {
        self.indicator
            .ast
            .value
            .as_ref()
            .map_or(self.indicator.ast.name.range, |v| v.range)
    }

    /// A ceiling on the whole amount: not a rate, not per unit by its name.
    pub(crate) fn is_whole_ceiling(&self) -> bool {
        self.is_ceiling() && !self.per_unit && implicit_per_unit(self.indicator.name()).is_none()
    }
}

/// A cost indicator (role 成本, no syntax error) with a bound or exact money value.
pub(crate) fn cost_line<'m, 'a>(
    model: &Model<'a>,
    indicator: &'m IndicatorInfo<'a>,
) -> Option<CostLine<'m, 'a>> {
    if indicator.role != Some(Role::Cost) || indicator.ast.has_error {
        return None;
    }
    let value = indicator.ast.value.as_ref()?;
    let (op, quantity) = match &value.kind {
        ValueKind::Bound { cmp, quantity } => (Some(cmp.op), quantity),
        ValueKind::Exact(quantity) => (None, quantity),
        _ => return None,
    };
    if !is_money_quantity(model, quantity) {
        return None;
    }
    let yuan = model.money_yuan(quantity)?;
    let per_unit = model.unit_info(quantity).is_some_and(|info| info.per_unit);
    Some(CostLine {
        indicator,
        op,
        quantity,
        yuan,
        per_unit,
    })
}

/// The cost lines of a project, in order.
pub(crate) fn project_cost_lines<'m, 'a>(
    model: &'m Model<'a>,
    project: &ProjectInfo<'a>,
) -> Vec<CostLine<'m, 'a>> {
    project
        .indicators
        .iter()
        .filter_map(|&idx| cost_line(model, &model.indicators[idx]))
        .collect()
}

/// Words in a cost name that make it a cost per unit (人均标准, 单次活动费用).
const PER_UNIT_WORDS: [&str; 8] = ["单次", "人均", "户均", "生均", "单价", "单个", "每", "标准"];

/// The word that makes a cost name a cost per unit, if any: `每场宣传活动费用` → `每`.
/// `每年` (the budget is annual), `按标准` / `标准化` (a standard, not a unit) do not count.
pub(crate) fn implicit_per_unit(name: &str) -> Option<&'static str> {
    PER_UNIT_WORDS.into_iter().find(|word| {
        name.match_indices(word).any(|(at, _)| {
            let before = &name[..at];
            let after = &name[at + word.len()..];
            match *word {
                "每" => !after.starts_with('年'),
                "标准" => {
                    !after.starts_with('化')
                        && !["按", "依", "照", "达"].iter().any(|w| before.ends_with(w))
                }
                _ => true,
            }
        })
    })
}

/// Denominators to suggest for a per-unit cost name: the unit after 每 when it is in the
/// table (`每场…` → `场`, `每平方米…` → `平方米`), else what the word usually means
/// (人均 → 人, 单价 → 件/台, 单次 → 次).
pub(crate) fn suggested_denominators(model: &Model<'_>, name: &str, word: &str) -> Vec<String> {
    if let Some((_, after)) = name.split_once('每') {
        let chars: Vec<char> = after.chars().take(4).collect();
        let found = (1..=chars.len()).rev().find_map(|len| {
            let candidate: String = chars[..len].iter().collect();
            model
                .units
                .simple_kind(&candidate)
                .filter(|kind| *kind != UnitKind::Money)
                .map(|_| candidate)
        });
        if let Some(unit) = found {
            return vec![unit];
        }
    }
    let units: &[&str] = match word {
        "人均" | "生均" => &["人"],
        "户均" => &["户"],
        "单次" => &["次"],
        "单价" => &["件", "台"],
        "单个" => &["个"],
        _ => &["人", "次"],
    };
    // `人均标准（月）`, `人均标准/月`: a rate per person and month.
    let period = ["月", "年"].into_iter().find(|p| {
        [format!("（{p}）"), format!("({p})"), format!("/{p}")]
            .iter()
            .any(|form| name.contains(form.as_str()))
    });
    units
        .iter()
        .map(|unit| match period {
            Some(period) => format!("{unit}/{period}"),
            None => unit.to_string(),
        })
        .collect()
}

/// Whether a cost name names the total of the cost lines: ends in 总成本 (or another word
/// for a total), or is 项目成本 / 成本合计.
pub(crate) fn is_total_name(name: &str) -> bool {
    let name = trim_name(name);
    const ENDINGS: [&str; 9] = [
        "总成本",
        "成本合计",
        "合计",
        "总计",
        "总额",
        "总费用",
        "总投入",
        "总投资",
        "总金额",
    ];
    name == "项目成本" || ENDINGS.iter().any(|end| name.ends_with(end))
}

/// `（1,188,000元）` after a value written in another unit than 元 (`118.8万元`), so
/// that messages compare like with like; empty for values already in 元.
pub(crate) fn in_yuan_aside(
    ctx: &RuleContext<'_, '_>,
    quantity: &Quantity,
    amount: Decimal,
) -> String {
    let first = quantity
        .unit
        .as_ref()
        .and_then(|unit| unit.parts().next().map(str::to_string));
    let in_yuan = match first {
        Some(unit) => unit == "元",
        None => ctx.model.money_unit == ptg_semantic::MoneyUnit::Yuan,
    };
    if in_yuan {
        String::new()
    } else if ctx.zh() {
        format!("（{}）", yuan(ctx, amount))
    } else {
        format!(" ({})", yuan(ctx, amount))
    }
}

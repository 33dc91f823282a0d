//! Hover: what the construct under the cursor means.
//!
//! - a category: its definition in the scheme and the value kind it expects;
//! - a value: how it is read (`≥ 90%` → 下限 90%, `118.8万元` → 1,188,000元,
//!   `2024年底前` → 2024-12-31 之前);
//! - an indicator, a field, a department or project: what it is;
//! - a diagnostic under the cursor: its rule's docs, after the rest.

use ptg_diagnostics::Lang;
use ptg_semantic::model::{walk_items, CategoryInfo, IndicatorInfo};
use ptg_semantic::scheme::CategoryRef;
use ptg_semantic::scheme::Match;
use ptg_semantic::units::format_yuan;
use ptg_semantic::{Model, ModelOptions, MoneyUnit, Role};
use ptg_syntax::ast::{
    CmpOp, DayOfMonth, EntityKind, Field, FieldKey, FieldValue, Item, Per, PeriodKind, Quantity,
    Value, ValueKind, WithinUnit,
};
use text_size::{TextRange, TextSize};

use crate::completion::{category_docs, field_docs, kind_text, scheme_docs};
use crate::text::{clamp, group_thousands};
use crate::Document;

/// Markdown for the construct at an offset, and the range it describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: TextRange,
    pub markdown: String,
}

/// Whether the character at `offset` belongs to `range` (an empty range: at its start).
fn under(range: TextRange, offset: TextSize) -> bool {
    if range.is_empty() {
        range.start() == offset
    } else {
        range.start() <= offset && offset < range.end()
    }
}

pub(crate) fn hover(doc: &Document, offset: TextSize) -> Option<HoverInfo> {
    let text = doc.text();
    let at = clamp(text, offset);
    let lang = doc.lang();
    let model = doc.model_around(at);
    // The character under the cursor, else the one before it (the cursor right after a
    // word, as keyboard-triggered hovers send it).
    let before = text[..usize::from(at)]
        .chars()
        .next_back()
        .map(|ch| at - TextSize::of(ch));
    let construct = construct_hover(&model, doc, at, lang)
        .or_else(|| before.and_then(|prev| construct_hover(&model, doc, prev, lang)));
    let mut rules = Vec::new();
    let mut diagnostic_range = None;
    for diagnostic in doc.diagnostics() {
        if !under(diagnostic.primary.range, at) {
            continue;
        }
        diagnostic_range.get_or_insert(diagnostic.primary.range);
        let mut section = format!(
            "**{}** `{}` · {}",
            diagnostic.rule,
            diagnostic.code,
            diagnostic.severity.label(lang)
        );
        if let Some(rule) = ptg_lint::registry::find(diagnostic.rule) {
            let docs = rule.meta.docs(lang);
            section.push_str("\n\n");
            section.push_str(docs.what);
            section.push_str("\n\n");
            section.push_str(docs.why);
        }
        if !rules.contains(&section) {
            rules.push(section);
        }
    }
    let (range, mut markdown) = match construct {
        Some((range, markdown)) => (range, markdown),
        None => (diagnostic_range?, String::new()),
    };
    for section in rules {
        if !markdown.is_empty() {
            markdown.push_str("\n\n---\n\n");
        }
        markdown.push_str(&section);
    }
    Some(HoverInfo { range, markdown })
}

fn construct_hover(
    model: &Model<'_>,
    doc: &Document,
    at: TextSize,
    lang: Lang,
) -> Option<(TextRange, String)> {
    for info in &model.categories {
        if under(info.ast.name.range, at) {
            return Some((info.ast.name.range, category_hover(model, info, lang)));
        }
    }
    for ind in &model.indicators {
        if under(ind.ast.name.range, at) {
            return Some((ind.ast.name.range, indicator_hover(model, ind, lang)));
        }
        if let Some(value) = &ind.ast.value {
            if under(value.range, at) {
                return Some((value.range, value_hover(model, value, ind.role, lang)));
            }
        }
    }
    let options = &doc.settings().model;
    let mut found = None;
    walk_items(&doc.parse().file.items, &mut |item| {
        if found.is_some() {
            return;
        }
        match item {
            Item::Field(field) => found = field_hover(model, options, field, at, lang),
            Item::Entity(entity) => {
                let name_range = entity.name.as_ref().map(|n| n.range);
                if under(entity.keyword, at) || name_range.is_some_and(|r| under(r, at)) {
                    let range = name_range.map_or(entity.keyword, |r| entity.keyword.cover(r));
                    found = Some((range, entity_hover(model, entity, lang)));
                }
            }
            _ => {}
        }
    });
    found
}

fn category_hover(model: &Model<'_>, info: &CategoryInfo<'_>, lang: Lang) -> String {
    let scheme = model.category_scheme(info);
    let written = &info.ast.name.node.text;
    match info.resolved {
        Some((category, how)) => {
            let mut out = category_docs(scheme, category, lang);
            let canonical = scheme.category_name(category);
            if how == Match::Alias || info.ast.name.node.code.is_some() {
                out.push_str("\n\n");
                out.push_str(&match lang {
                    Lang::Zh => format!(
                        "`{}` 是 `{canonical}` 的别名写法，格式化时改写为规范名称。",
                        model.source(info.ast.name.range)
                    ),
                    Lang::En => format!(
                        "`{}` is an alias of `{canonical}`; the formatter writes the canonical name.",
                        model.source(info.ast.name.range)
                    ),
                });
            }
            out
        }
        None => {
            let allowed = match info.parent.map(|p| model.categories[p].resolved) {
                None => scheme.slot_names(None),
                Some(Some((CategoryRef::Level1(l1), _))) => scheme.slot_names(Some(l1)),
                Some(_) => Vec::new(),
            };
            match lang {
                Lang::Zh => format!(
                    "**{written}**：不是体系 {} 在这一位置允许的类别\n\n允许：{}",
                    scheme.name,
                    allowed.join("、")
                ),
                Lang::En => format!(
                    "**{written}**: not a category scheme {} allows here\n\nAllowed: {}",
                    scheme.name,
                    allowed.join(", ")
                ),
            }
        }
    }
}

fn indicator_hover(model: &Model<'_>, ind: &IndicatorInfo<'_>, lang: Lang) -> String {
    let scheme = model.indicator_scheme(ind);
    let mut path = Vec::new();
    if let Some(l1) = ind.level1 {
        path.push(scheme.levels[l1].name.as_str());
        if let Some(l2) = ind.level2 {
            path.push(scheme.levels[l1].children[l2].name.as_str());
        }
    }
    let name = ind.name();
    let mut out = match lang {
        Lang::Zh => format!("**三级指标** “{name}”"),
        Lang::En => format!("**indicator** “{name}”"),
    };
    if !path.is_empty() {
        out.push_str(&match lang {
            Lang::Zh => format!("\n\n类别：{}（体系 {}）", path.join(" › "), scheme.name),
            Lang::En => format!(
                "\n\nCategory: {} (scheme {})",
                path.join(" › "),
                scheme.name
            ),
        });
    }
    if let Some(role) = ind.role {
        out.push_str("\n\n");
        out.push_str(lang.pick("期望的值：", "Expected value: "));
        out.push_str(kind_text(role, lang).0);
    }
    out
}

fn value_hover(model: &Model<'_>, value: &Value, role: Option<Role>, lang: Lang) -> String {
    let written = model.source(value.range);
    let reading = read_value(model, value, role, lang);
    let mut out = match lang {
        Lang::Zh => format!("`{written}` 读作：{reading}"),
        Lang::En => format!("`{written}` reads as: {reading}"),
    };
    if let Some(role) = role {
        out.push_str("\n\n");
        out.push_str(lang.pick("本类别期望：", "This category expects: "));
        out.push_str(kind_text(role, lang).0);
    }
    out
}

/// How a value is read, in words.
pub(crate) fn read_value(
    model: &Model<'_>,
    value: &Value,
    role: Option<Role>,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let money_slot = role == Some(Role::Cost);
    match &value.kind {
        ValueKind::Bound { cmp, quantity } => {
            let amount = read_quantity(model, quantity, money_slot, lang);
            let (zh_word, en_word) = match cmp.op {
                CmpOp::Ge => ("下限", "lower bound"),
                CmpOp::Le => ("上限", "upper bound"),
                CmpOp::Gt => ("大于（不含）", "greater than"),
                CmpOp::Lt => ("小于（不含）", "less than"),
                CmpOp::Eq => ("等于", "equal to"),
                CmpOp::Approx => ("约为", "about"),
            };
            let mut out = if zh {
                format!("{zh_word} {amount}")
            } else {
                format!("{en_word} {amount}")
            };
            if cmp.op == CmpOp::Approx {
                out.push_str(lang.pick(
                    "（“左右”不是可核查的界限）",
                    " (“左右” is not a checkable bound)",
                ));
            }
            out
        }
        ValueKind::Exact(quantity) => {
            let amount = read_quantity(model, quantity, money_slot, lang);
            match lang {
                Lang::Zh => format!("确数 {amount}（没有比较符即“等于”）"),
                Lang::En => format!("exactly {amount} (no comparator means “equal to”)"),
            }
        }
        ValueKind::Range { lo, hi, .. } => {
            let lo_text = read_quantity(model, lo, money_slot, lang);
            let hi_text = read_quantity(model, hi, money_slot, lang);
            match lang {
                Lang::Zh => format!("范围：下限 {lo_text}，上限 {hi_text}"),
                Lang::En => format!("range: from {lo_text} to {hi_text}"),
            }
        }
        ValueKind::Deadline(deadline) => {
            let resolved = model.resolve_date(&deadline.date);
            let spec = deadline.date;
            if !resolved.valid {
                return lang.pick("不是有效的日期", "not a valid date").to_string();
            }
            let year = resolved.year.map_or_else(
                || lang.pick("预算年度", "budget year").to_string(),
                |y| y.to_string(),
            );
            let date = match (resolved.month, resolved.day) {
                (Some(month), Some(day)) => format!("{year}-{month:02}-{day:02}"),
                (Some(month), None) => format!("{year}-{month:02}"),
                (None, Some(day)) => match lang {
                    Lang::Zh => format!("某月 {day} 日"),
                    Lang::En => format!("day {day} of some month"),
                },
                (None, None) => year.clone(),
            };
            let mut out = if deadline.before {
                match lang {
                    Lang::Zh => format!("{date} 之前"),
                    Lang::En => format!("before {date}"),
                }
            } else {
                match lang {
                    Lang::Zh => format!("截至 {date}"),
                    Lang::En => format!("by {date}"),
                }
            };
            if spec.year.is_none() && spec.month.is_some() {
                if let Some(y) = model.year {
                    out.push_str(&match lang {
                        Lang::Zh => format!("（未写年份，取预算年度 {}）", y.node),
                        Lang::En => format!(" (no year written: the budget year {})", y.node),
                    });
                }
            }
            let vague = deadline.cmp.is_some()
                || (spec.month.is_none() && matches!(spec.day, Some(DayOfMonth::Day(_))))
                || (spec.year.is_some() && spec.month.is_none() && spec.day.is_none());
            if vague {
                out.push_str(lang.pick("；期限模糊", "; a vague deadline"));
            }
            out
        }
        ValueKind::Period(period) => {
            let what = read_period(period.kind, lang);
            match lang {
                Lang::Zh => format!("期间：{what}"),
                Lang::En => format!("period: {what}"),
            }
        }
        ValueKind::Qualitative(text) => match lang {
            Lang::Zh => format!("定性表述“{}”", text.text),
            Lang::En => format!("qualitative “{}”", text.text),
        },
    }
}

fn read_period(kind: PeriodKind, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let per = |per: Per| match (per, zh) {
        (Per::Year, true) => "年",
        (Per::Quarter, true) => "季度",
        (Per::Month, true) => "月",
        (Per::Week, true) => "周",
        (Per::Year, false) => "year",
        (Per::Quarter, false) => "quarter",
        (Per::Month, false) => "month",
        (Per::Week, false) => "week",
    };
    match kind {
        PeriodKind::FullYear => lang.pick("全年", "the whole year").into(),
        PeriodKind::WithinYear => lang.pick("预算年度之内", "within the budget year").into(),
        PeriodKind::BeforeYearEnd => lang
            .pick("预算年度年底之前", "before the budget year's end")
            .into(),
        PeriodKind::Monthly => lang.pick("每月", "monthly").into(),
        PeriodKind::Quarterly => lang.pick("每季度", "quarterly").into(),
        PeriodKind::Yearly => lang.pick("每年", "yearly").into(),
        PeriodKind::Weekly => lang.pick("每周", "weekly").into(),
        PeriodKind::Daily => lang.pick("每日", "daily").into(),
        PeriodKind::MonthlyBeforeDay(day) => match lang {
            Lang::Zh => format!("每月 {day} 日之前"),
            Lang::En => format!("before day {day} of every month"),
        },
        PeriodKind::TimesPer { per: p, times } => match lang {
            Lang::Zh => format!("每{} {times} 次", per(p)),
            Lang::En => format!("{times} times a {}", per(p)),
        },
        PeriodKind::Within { amount, unit } => {
            let unit = match (unit, zh) {
                (WithinUnit::Workdays, true) => "个工作日",
                (WithinUnit::Days, true) => "日",
                (WithinUnit::Months, true) => "个月",
                (WithinUnit::Weeks, true) => "周",
                (WithinUnit::Hours, true) => "小时",
                (WithinUnit::Workdays, false) => "working days",
                (WithinUnit::Days, false) => "days",
                (WithinUnit::Months, false) => "months",
                (WithinUnit::Weeks, false) => "weeks",
                (WithinUnit::Hours, false) => "hours",
            };
            if zh {
                format!("{amount} {unit}之内")
            } else {
                format!("within {amount} {unit}")
            }
        }
    }
}

/// A quantity as written, with what it comes to: money in 元 (`118.8万元 = 1,188,000元`),
/// `万`/`亿` multiples (`1.5万人 = 15,000人`), a bare number in a money slot through
/// `金额单位`.
fn read_quantity(model: &Model<'_>, quantity: &Quantity, money_slot: bool, lang: Lang) -> String {
    let number = quantity.number.node;
    let written = match &quantity.unit {
        Some(unit) => format!("{}{}", number.normalized(), unit.text),
        None => number.normalized().to_string(),
    };
    let Some(unit) = &quantity.unit else {
        if money_slot {
            let money = model.money_unit;
            if let Some(yuan) = money.to_yuan(number) {
                return match lang {
                    Lang::Zh => format!(
                        "{written}（未写单位，按金额单位 {}）= {}",
                        money.as_str(),
                        format_yuan(yuan)
                    ),
                    Lang::En => format!(
                        "{written} (no unit: 金额单位 {}) = {}",
                        money.as_str(),
                        format_yuan(yuan)
                    ),
                };
            }
        }
        return match lang {
            Lang::Zh => format!("{written}（未写单位）"),
            Lang::En => format!("{written} (no unit)"),
        };
    };
    let mut parts = unit.parts();
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let per = if rest.is_empty() {
        String::new()
    } else {
        format!("/{}", rest.join("/"))
    };
    if let Some(money) = MoneyUnit::from_text(first) {
        if money == MoneyUnit::Yuan {
            return format!("{}元{per}", group_thousands(number));
        }
        if let Some(yuan) = money.to_yuan(number) {
            return format!("{written} = {}{per}", format_yuan(yuan));
        }
        return written;
    }
    // `1.5万人`: a multiplier before a known unit.
    for (prefix, exp) in [('万', 4), ('亿', 8)] {
        let Some(base) = first.strip_prefix(prefix).filter(|b| !b.is_empty()) else {
            continue;
        };
        if model.units.simple_kind(base).is_some() {
            if let Some(scaled) = number.checked_mul_pow10(exp) {
                return format!("{written} = {}{base}{per}", group_thousands(scaled));
            }
        }
    }
    written
}

fn field_hover(
    model: &Model<'_>,
    options: &ModelOptions,
    field: &Field,
    at: TextSize,
    lang: Lang,
) -> Option<(TextRange, String)> {
    let in_department = model
        .departments
        .iter()
        .any(|d| d.fields.iter().any(|f| std::ptr::eq(*f, field)));
    let key = field.key.as_str();
    if under(field.key_range, at) {
        let (zh, en) = field_docs(field.key, in_department);
        let mut out = format!("**{key}**：{}", lang.pick(zh, en));
        if lang == Lang::En {
            out = format!("**{key}**: {en}");
        }
        if let Some(reading) = field_value_reading(model, field, None, lang) {
            out.push_str("\n\n");
            out.push_str(&reading);
        }
        return Some((field.key_range, out));
    }
    match &field.value {
        FieldValue::Quantity(quantity) if under(quantity.range, at) => {
            let reading = field_value_reading(model, field, Some(quantity), lang)?;
            Some((quantity.range, reading))
        }
        FieldValue::Quantities(quantities) => {
            let (idx, quantity) = quantities
                .iter()
                .enumerate()
                .find(|(_, q)| under(q.range, at))?;
            let written = model.source(quantity.range);
            let text = if field.key == FieldKey::Plan {
                match lang {
                    Lang::Zh => format!("`{written}`：第 {} 季度末累计支出 {written}", idx + 1),
                    Lang::En => format!(
                        "`{written}`: spent by the end of quarter {}, cumulative",
                        idx + 1
                    ),
                }
            } else {
                format!("`{written}`")
            };
            Some((quantity.range, text))
        }
        FieldValue::Word(word) if under(word.range, at) && field.key == FieldKey::Scheme => {
            let text = match options.find_scheme(&word.node) {
                Some(scheme) => format!("**{}**\n\n{}", scheme.name, scheme_docs(&scheme, lang)),
                None => match lang {
                    Lang::Zh => format!("没有名为 `{}` 的指标体系", word.node),
                    Lang::En => format!("there is no scheme named `{}`", word.node),
                },
            };
            Some((word.range, text))
        }
        FieldValue::Unit(unit) if under(unit.range, at) && field.key == FieldKey::MoneyUnit => {
            let money = MoneyUnit::from_text(&unit.text)?;
            let one = money.to_yuan(ptg_syntax::Decimal::from_int(1))?;
            let text = match lang {
                Lang::Zh => format!(
                    "未写单位的金额按 {} 计：1 = {}",
                    money.as_str(),
                    format_yuan(one)
                ),
                Lang::En => format!(
                    "money written without a unit is in {}: 1 = {}",
                    money.as_str(),
                    format_yuan(one)
                ),
            };
            Some((unit.range, text))
        }
        FieldValue::Year(year) if under(year.range, at) => {
            let text = match lang {
                Lang::Zh => format!(
                    "预算年度 {}：未写年份的日期按此年，期限不应超出此年",
                    year.node
                ),
                Lang::En => format!(
                    "budget year {}: dates without a year are in it, deadlines must fall within it",
                    year.node
                ),
            };
            Some((year.range, text))
        }
        _ => None,
    }
}

/// What a money or term field's amount comes to.
fn field_value_reading(
    model: &Model<'_>,
    field: &Field,
    quantity: Option<&Quantity>,
    lang: Lang,
) -> Option<String> {
    let quantity = match quantity {
        Some(q) => q,
        None => match &field.value {
            FieldValue::Quantity(q) => q,
            _ => return None,
        },
    };
    let written = model.source(quantity.range);
    let money = matches!(
        field.key,
        FieldKey::Funds | FieldKey::Total | FieldKey::Budget | FieldKey::Line(_)
    );
    let reading = read_quantity(model, quantity, money, lang);
    Some(match lang {
        Lang::Zh => format!("`{written}` 读作：{reading}"),
        Lang::En => format!("`{written}` reads as: {reading}"),
    })
}

fn entity_hover(model: &Model<'_>, entity: &ptg_syntax::ast::Entity, lang: Lang) -> String {
    let name = entity.name.as_ref().map_or("", |n| n.text.as_str());
    match entity.kind {
        EntityKind::Department => {
            let info = model
                .departments
                .iter()
                .position(|d| std::ptr::eq(d.entity, entity));
            let projects = info.map_or(0, |d| model.department_projects(d).count());
            let indicators = info.map_or(0, |d| model.departments[d].indicators.len());
            match lang {
                Lang::Zh => format!(
                    "**部门** “{name}”（主管部门）\n\n{projects} 个项目；{indicators} 个部门整体指标（体系 {}）",
                    model.department_scheme.name
                ),
                Lang::En => format!(
                    "**department** “{name}” (主管部门)\n\n{projects} projects; {indicators} department-level indicators (scheme {})",
                    model.department_scheme.name
                ),
            }
        }
        EntityKind::BudgetUnit => {
            let info = model
                .budget_units
                .iter()
                .find(|u| std::ptr::eq(u.entity, entity));
            let projects = info.map_or(0, |u| u.projects.len());
            match lang {
                Lang::Zh => format!("**预算单位** “{name}”\n\n其下 {projects} 个项目"),
                Lang::En => format!("**budget unit** “{name}”\n\n{projects} projects listed"),
            }
        }
        EntityKind::Project => {
            let info = model
                .projects
                .iter()
                .find(|p| std::ptr::eq(p.entity, entity));
            let funds = info
                .and_then(|p| p.field(FieldKey::Funds))
                .and_then(|f| model.field_money(f))
                .map(format_yuan);
            let indicators = info.map_or(0, |p| p.indicators.len());
            let mut out = match lang {
                Lang::Zh => format!(
                    "**项目** “{name}”（项目支出）\n\n体系 {}；{indicators} 个三级指标",
                    model.scheme.name
                ),
                Lang::En => format!(
                    "**project** “{name}” (项目支出)\n\nscheme {}; {indicators} indicators",
                    model.scheme.name
                ),
            };
            if let Some(funds) = funds {
                out.push_str(&match lang {
                    Lang::Zh => format!("；资金 {funds}"),
                    Lang::En => format!("; funds {funds}"),
                });
            }
            out
        }
    }
}

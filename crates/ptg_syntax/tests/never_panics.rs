//! Property: any input lexes and parses without panicking, tokens tile the text, and
//! every range in the result lies inside the text on char boundaries.

use proptest::prelude::*;
use ptg_syntax::ast::*;
use text_size::TextRange;

fn collect_block(block: &Block, out: &mut Vec<TextRange>) {
    out.push(block.range);
    out.push(block.l_brace);
    out.extend(block.r_brace);
    for item in &block.items {
        collect_item(item, out);
    }
}

fn collect_value(value: &Value, out: &mut Vec<TextRange>) {
    out.push(value.range);
    let mut quantity = |q: &Quantity| {
        out.push(q.range);
        out.push(q.number.range);
        if let Some(unit) = &q.unit {
            out.push(unit.range);
        }
    };
    match &value.kind {
        ValueKind::Bound { cmp, quantity: q } => {
            quantity(q);
            out.push(cmp.range);
        }
        ValueKind::Exact(q) => quantity(q),
        ValueKind::Range { lo, hi, separator } => {
            quantity(lo);
            quantity(hi);
            out.push(*separator);
        }
        ValueKind::Deadline(deadline) => out.extend(deadline.cmp.map(|c| c.range)),
        ValueKind::Period(_) => {}
        ValueKind::Qualitative(lit) => out.push(lit.range),
    }
}

fn collect_item(item: &Item, out: &mut Vec<TextRange>) {
    out.push(item.range());
    match item {
        Item::Field(field) => {
            out.push(field.key_range);
            match &field.value {
                FieldValue::Text(lit) => out.push(lit.range),
                FieldValue::Texts(lits) => out.extend(lits.iter().map(|l| l.range)),
                FieldValue::Word(word) => out.push(word.range),
                FieldValue::Year(year) => out.push(year.range),
                FieldValue::Unit(unit) => out.push(unit.range),
                FieldValue::Quantity(q) => out.push(q.range),
                FieldValue::Quantities(qs) => out.extend(qs.iter().map(|q| q.range)),
                FieldValue::None => {}
            }
            if let Some(block) = &field.block {
                collect_block(block, out);
            }
        }
        Item::Entity(entity) => {
            out.push(entity.keyword);
            out.extend(entity.name.as_ref().map(|n| n.range));
            if let Some(body) = &entity.body {
                collect_block(body, out);
            }
        }
        Item::Category(category) => {
            out.push(category.name.range);
            collect_block(&category.body, out);
        }
        Item::Indicator(indicator) => {
            out.push(indicator.name.range);
            if let Some(value) = &indicator.value {
                collect_value(value, out);
            }
            if let Some(attrs) = &indicator.attrs {
                collect_block(attrs, out);
            }
        }
        Item::UnknownField(unknown) => out.push(unknown.name.range),
        Item::Error(_) => {}
    }
}

fn check(text: &str) {
    let tokens = ptg_syntax::lex(text);
    let mut at = 0usize;
    for token in &tokens {
        assert_eq!(
            usize::from(token.range.start()),
            at,
            "tokens must tile the text"
        );
        at = usize::from(token.range.end());
    }
    assert_eq!(at, text.len());
    let parse = ptg_syntax::parse(text);
    let mut ranges = Vec::new();
    for item in &parse.file.items {
        collect_item(item, &mut ranges);
    }
    ranges.extend(parse.errors.iter().map(|e| e.range));
    ranges.extend(parse.comments.iter().map(|c| c.range));
    for range in ranges {
        let (start, end) = (usize::from(range.start()), usize::from(range.end()));
        assert!(
            start <= end && end <= text.len(),
            "{range:?} outside {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{range:?} not on char boundaries"
        );
    }
    // Diagnostics render in both languages without panicking.
    for lang in [ptg_diagnostics::Lang::Zh, ptg_diagnostics::Lang::En] {
        let _ = parse.diagnostics(lang);
    }
}

/// Fragments of PTG, to reach deep into the grammar more often than random text does.
const FRAGMENTS: &[&str] = &[
    "年度 2024\n",
    "体系 国家2021\n",
    "金额单位 万元\n",
    "部门 ",
    "项目 ",
    "单位 ",
    "\"名称\" ",
    "“名称” ",
    "{",
    "}",
    "\n",
    " ",
    "资金 118.8万元 ",
    "政府预算资金 ",
    "产出指标 ",
    "数量指标 ",
    "1-产出指标 ",
    "≥ ",
    ">=",
    "=>",
    "90%",
    "以上",
    "左右",
    "0~150000吨",
    "2024-12-31前",
    "2024年12月底前",
    "12月底",
    "10日前",
    "全年",
    "每月10日前",
    "30个工作日内",
    "\"有所减轻\"",
    "描述 ",
    "依据 ",
    "# 注释\n",
    "# ptg: allow(x) -- 原因\n",
    "\"未结束",
    "\"\"\"块\n",
    "负责人 ",
    "支出计划 25% 50% ",
    "任务 \"a\" \"b\"",
    "预算 1元 ",
    "来源 ",
    "结构 ",
    "基本支出 1元 ",
    "合计 ",
    "😀",
    "\u{FEFF}",
    "\r\n",
    "\r",
    "\u{0}",
    "－",
    "９０％",
    "元/人/月",
    "万",
    "至",
    "-5",
    "99999999999999999999999999999999999999999",
    "（",
    "）",
    "、",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn fragment_soup_never_panics(text in fragments()) {
        check(&text);
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    // Deeply nested category blocks: recursion depth grows with nesting.
    let text = format!("部门 \"a\" {{ {} }}", "产出指标 { ".repeat(2000));
    check(&text);
}

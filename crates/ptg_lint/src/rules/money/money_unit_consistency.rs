//! `money-unit-consistency`: `万` alone used as a money unit (`250万`); fix: `万元`.

use ptg_diagnostics::{Diagnostic, Fix, Severity, TextEdit};
use ptg_semantic::model::walk_items;
use ptg_semantic::Role;
use ptg_syntax::ast::{FieldKey, FieldValue, Item, Quantity, Unit};
use text_size::{TextRange, TextSize};

use crate::facts::quantities;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "money-unit-consistency",
    code: "L309",
    group: Group::Money,
    severity: Severity::Info,
    fix: FixKind::Safe,
    zh: RuleDocs {
        what: "金额单位写成了单独的 `万`，例如 `\"路灯电费\" 250万`（同一表里其他金额写的是 `万元`）。",
        why: "`万` 单独作单位时按 `万元` 理解，但读表的人可能读成人数或件数，与其他金额的写法也不一致。请写全 `万元`（安全修复；若原意是人数、件数，请改写对应单位，如 `万人`）。",
    },
    en: RuleDocs {
        what: "`万` alone used as a money unit, e.g. `\"路灯电费\" 250万` (beside amounts written in `万元`).",
        why: "`万` alone is read as `万元`, but a reader may take it for a count of people or items, and it differs from the other amounts. Write `万元` in full (a safe fix; if a count was meant, write its unit, e.g. `万人`).",
    },
    bad_example: "年度 2024\n体系 通用\n金额单位 万元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 800万元\n    产出指标 {\n      成本指标 {\n        \"工具车辆燃油费\" 220万元\n        \"路灯电费\" 250万\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n体系 通用\n金额单位 万元\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 800万元\n    产出指标 {\n      数量指标 {\n        \"服务人数\" ≥ 1.5万人\n      }\n      成本指标 {\n        \"工具车辆燃油费\" 220万元\n        \"路灯电费\" 250万元\n        \"黑板购置费用\" ≤ 3万元/块\n      }\n    }\n  }\n}\n",
};

/// The range of the `万` at the start of a unit, if the unit starts with `万` alone.
fn bare_wan(ctx: &RuleContext<'_, '_>, unit: &Unit) -> Option<TextRange> {
    if !ctx.model.units.classify(unit).bare_wan {
        return None;
    }
    let start = unit.range.start();
    let range = TextRange::at(start, TextSize::of('万'));
    (unit.range.contains_range(range) && ctx.model.source(range) == "万").then_some(range)
}

fn wan_ranges<'q>(
    ctx: &RuleContext<'_, '_>,
    quantities: impl IntoIterator<Item = &'q Quantity>,
) -> Vec<TextRange> {
    quantities
        .into_iter()
        .filter_map(|q| q.unit.as_ref().and_then(|unit| bare_wan(ctx, unit)))
        .collect()
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for indicator in ctx.indicators() {
        let Some(value) = &indicator.ast.value else {
            continue;
        };
        let wans = wan_ranges(ctx, quantities(value));
        if wans.is_empty() {
            continue;
        }
        let money_context = indicator.role == Some(Role::Cost);
        out.push(report(ctx, value.range, &wans, money_context));
    }
    let mut visit = |item: &Item| {
        let Item::Field(field) = item else { return };
        if field.has_error {
            return;
        }
        match &field.value {
            FieldValue::Quantity(quantity)
                if matches!(
                    field.key,
                    FieldKey::Funds | FieldKey::Budget | FieldKey::Total | FieldKey::Line(_)
                ) =>
            {
                let wans = wan_ranges(ctx, [quantity]);
                if !wans.is_empty() {
                    out.push(report(ctx, quantity.range, &wans, true));
                }
            }
            FieldValue::Unit(unit) if field.key == FieldKey::MoneyUnit && unit.text == "万" => {
                let range = unit.range;
                if model.source(range) == "万" {
                    out.push(report(ctx, range, &[range], true));
                }
            }
            _ => {}
        }
    };
    // The items this model covers (the headers and its entities), not the whole file.
    for item in &model.items {
        walk_items(std::slice::from_ref(*item), &mut visit);
    }
}

fn report(
    ctx: &RuleContext<'_, '_>,
    range: TextRange,
    wans: &[TextRange],
    money_context: bool,
) -> Diagnostic {
    let written = ctx.model.source(range);
    let edits = wans
        .iter()
        .map(|&wan| TextEdit::replace(wan, "万元"))
        .collect();
    let title = ctx.pick("改为 `万元`", "write `万元`");
    let mut diagnostic = ctx
        .diagnostic(
            &META,
            range,
            ctx.t(
                format!("金额单位写成了单独的 `万`：`{written}`"),
                format!("`万` alone used as a money unit in `{written}`"),
            ),
        )
        .with_primary_message(ctx.pick("单独的 `万` 按 `万元` 理解", "`万` alone reads as `万元`"))
        .with_note(ctx.pick(
            "请写全 `万元`，与其他金额的写法一致，也不会被误读成人数或件数",
            "write `万元` in full, like the other amounts, so it is not misread as a count",
        ));
    if money_context {
        diagnostic = diagnostic.with_fix(Fix::safe(title, edits));
    } else {
        // Outside cost indicators and money fields the author may have meant a count.
        diagnostic = diagnostic
            .with_note(ctx.pick("这里不是成本指标：若指的是人数、件数等，请写出单位（如 `万人`、`万份`）", "this is not a cost indicator: if a count was meant, write its unit (e.g. `万人`, `万份`)"))
            .with_fix(Fix::unsafe_(title, edits));
    }
    diagnostic
}

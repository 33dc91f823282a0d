//! Go to definition, where a PTG construct points somewhere else in the file:
//! - a repeated indicator name → its first occurrence in the same project (or the same
//!   department's department-level indicators); from the first occurrence → the repeats;
//! - a roll-up total (a budget unit's `合计`, a department's `结构 { 项目支出 … }`) → the
//!   `资金` lines of the projects it sums (and the `合计` of a unit that lists none).

use ptg_semantic::model::BudgetUnitInfo;
use ptg_semantic::Model;
use ptg_syntax::ast::{Field, FieldKey, FieldValue, Item, LineName};
use text_size::{TextRange, TextSize};

use crate::text::clamp;
use crate::Document;

/// Whether `offset` is on `range`, end included (the cursor right after a word is on it).
fn on(range: TextRange, offset: TextSize) -> bool {
    range.start() <= offset && offset <= range.end()
}

pub(crate) fn definition(doc: &Document, offset: TextSize) -> Vec<TextRange> {
    let at = clamp(doc.text(), offset);
    let model = doc.model_around(at);
    if let Some(targets) = duplicate_indicator(&model, at) {
        return targets;
    }
    rollup(&model, at).unwrap_or_default()
}

/// An indicator name compared the way `duplicate-indicator` does, roughly: without
/// surrounding whitespace.
fn key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

fn duplicate_indicator(model: &Model<'_>, at: TextSize) -> Option<Vec<TextRange>> {
    let here = model
        .indicators
        .iter()
        .position(|ind| on(ind.ast.name.range, at))?;
    let this = &model.indicators[here];
    let name = key(this.name());
    if name.is_empty() {
        return Some(Vec::new());
    }
    let same: Vec<usize> = model
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.owner == this.owner && key(ind.name()) == name)
        .map(|(idx, _)| idx)
        .collect();
    let first = same[0];
    let targets = if first == here {
        same[1..]
            .iter()
            .map(|&idx| model.indicators[idx].ast.name.range)
            .collect()
    } else {
        vec![model.indicators[first].ast.name.range]
    };
    Some(targets)
}

/// The `资金` line of each project, or its name when it has none.
fn project_targets(model: &Model<'_>, projects: &[usize]) -> Vec<TextRange> {
    projects
        .iter()
        .map(|&idx| {
            let project = &model.projects[idx];
            match project.field(FieldKey::Funds) {
                Some(funds) => funds_line(funds),
                None => project
                    .entity
                    .name
                    .as_ref()
                    .map_or(project.entity.keyword, |n| n.range),
            }
        })
        .collect()
}

/// `资金 118.8万元`, without its block of sources.
fn funds_line(field: &Field) -> TextRange {
    let end = match &field.value {
        FieldValue::Quantity(q) => q.range.end(),
        _ => field.key_range.end(),
    };
    TextRange::new(field.key_range.start(), end.max(field.key_range.start()))
}

fn unit_total_here(unit: &BudgetUnitInfo<'_>, at: TextSize) -> bool {
    unit.field(FieldKey::Total)
        .is_some_and(|total| on(total.range, at))
}

fn rollup(model: &Model<'_>, at: TextSize) -> Option<Vec<TextRange>> {
    if let Some(unit) = model.budget_units.iter().find(|u| unit_total_here(u, at)) {
        return Some(project_targets(model, &unit.projects));
    }
    for department in &model.departments {
        let on_project_expenditure = department
            .fields
            .iter()
            .filter(|f| f.key == FieldKey::Budget)
            .filter_map(|f| f.block.as_ref())
            .flat_map(|b| &b.items)
            .filter_map(|item| match item {
                Item::Field(f) if f.key == FieldKey::Structure => f.block.as_ref(),
                _ => None,
            })
            .flat_map(|b| &b.items)
            .any(|item| {
                matches!(item, Item::Field(f)
                    if f.key == FieldKey::Line(LineName::ProjectExpenditure) && on(f.range, at))
            });
        if !on_project_expenditure {
            continue;
        }
        let mut targets = project_targets(model, &department.projects);
        for &unit_idx in &department.budget_units {
            let unit = &model.budget_units[unit_idx];
            if unit.projects.is_empty() {
                if let Some(total) = unit.field(FieldKey::Total) {
                    targets.push(total.range);
                }
            } else {
                targets.extend(project_targets(model, &unit.projects));
            }
        }
        return Some(targets);
    }
    None
}

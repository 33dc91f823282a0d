//! Document symbols: the outline 部门 → 单位 → 项目 → categories → indicators, with the
//! file's header fields at the top.

use ptg_diagnostics::Lang;
use ptg_semantic::Model;
use ptg_syntax::ast::{Category, Entity, EntityKind, FieldKey, FieldValue, Item};
use text_size::TextRange;

use crate::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Department,
    BudgetUnit,
    Project,
    Category,
    Indicator,
    /// A header field: `年度`, `体系`, `金额单位`.
    Field,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Never empty (editors reject empty names).
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct.
    pub range: TextRange,
    /// Its name, inside `range`.
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

pub(crate) fn symbols(doc: &Document) -> Vec<Symbol> {
    let model = doc.model();
    let cx = Cx {
        model: &model,
        lang: doc.lang(),
    };
    cx.items(&doc.parse().file.items, true)
}

struct Cx<'m, 'a> {
    model: &'m Model<'a>,
    lang: Lang,
}

impl Cx<'_, '_> {
    fn items(&self, items: &[Item], top: bool) -> Vec<Symbol> {
        let mut out = Vec::new();
        for item in items {
            match item {
                Item::Entity(entity) => out.push(self.entity(entity)),
                Item::Category(category) => out.push(self.category(category)),
                Item::Indicator(indicator) => {
                    let name = non_empty(&indicator.name.text, self.lang.pick("（空）", "(empty)"));
                    out.push(Symbol {
                        name,
                        detail: indicator
                            .value
                            .as_ref()
                            .map(|v| self.model.source(v.range).to_string()),
                        kind: SymbolKind::Indicator,
                        range: indicator.range,
                        selection: indicator.name.range,
                        children: Vec::new(),
                    });
                }
                Item::Field(field)
                    if top
                        && matches!(
                            field.key,
                            FieldKey::Year | FieldKey::Scheme | FieldKey::MoneyUnit
                        ) =>
                {
                    let detail = match &field.value {
                        FieldValue::None => None,
                        _ => {
                            let end = field
                                .block
                                .as_ref()
                                .map_or(field.range.end(), |b| b.range.start());
                            let value = TextRange::new(
                                field.key_range.end(),
                                end.max(field.key_range.end()),
                            );
                            Some(self.model.source(value).trim().to_string())
                        }
                    };
                    out.push(Symbol {
                        name: field.key.as_str().to_string(),
                        detail: detail.filter(|d| !d.is_empty()),
                        kind: SymbolKind::Field,
                        range: field.range,
                        selection: field.key_range,
                        children: Vec::new(),
                    });
                }
                _ => {}
            }
        }
        out
    }

    fn entity(&self, entity: &Entity) -> Symbol {
        let kind = match entity.kind {
            EntityKind::Department => SymbolKind::Department,
            EntityKind::BudgetUnit => SymbolKind::BudgetUnit,
            EntityKind::Project => SymbolKind::Project,
        };
        let unnamed = self.lang.pick("（未命名）", "(unnamed)");
        let name = non_empty(
            entity.name.as_ref().map_or("", |n| n.text.as_str()),
            unnamed,
        );
        let items: &[Item] = entity.body.as_ref().map_or(&[], |b| &b.items);
        // The amount that sums up the entity: a project's funds, a unit's total, a
        // department's budget.
        let key = match entity.kind {
            EntityKind::Department => FieldKey::Budget,
            EntityKind::BudgetUnit => FieldKey::Total,
            EntityKind::Project => FieldKey::Funds,
        };
        let detail = items.iter().find_map(|item| match item {
            Item::Field(field) if field.key == key => match &field.value {
                FieldValue::Quantity(q) => {
                    Some(format!("{} {}", key.as_str(), self.model.source(q.range)))
                }
                _ => None,
            },
            _ => None,
        });
        Symbol {
            name,
            detail,
            kind,
            range: entity.range,
            selection: entity.name.as_ref().map_or(entity.keyword, |n| n.range),
            children: self.items(items, false),
        }
    }

    fn category(&self, category: &Category) -> Symbol {
        let written = self.model.source(category.name.range).to_string();
        let canonical = self
            .model
            .categories
            .iter()
            .find(|info| std::ptr::eq(info.ast, category))
            .and_then(|info| {
                let (resolved, _) = info.resolved?;
                Some(
                    self.model
                        .category_scheme(info)
                        .category_name(resolved)
                        .to_string(),
                )
            });
        Symbol {
            detail: canonical.filter(|c| *c != written),
            name: non_empty(&written, "?"),
            kind: SymbolKind::Category,
            range: category.range,
            selection: category.name.range,
            children: self.items(&category.body.items, false),
        }
    }
}

fn non_empty(name: &str, fallback: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        fallback.to_string()
    } else {
        name.to_string()
    }
}

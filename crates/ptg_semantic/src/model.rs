//! The semantic model: the AST with categories resolved against their scheme, indicators
//! knowing their 一级/二级 and role, projects linked to their department and budget unit.

use ptg_syntax::ast::*;
use ptg_syntax::{Decimal, Parse};
use text_size::{TextRange, TextSize};

use crate::scheme::{CategoryRef, Match, Role, Scheme};
use crate::units::{MoneyUnit, UnitInfo, UnitKind, UnitTable};

/// What the model needs besides the document: the schemes and units in force.
#[derive(Debug, Clone)]
pub struct ModelOptions {
    /// The project scheme when the file has no `体系` header.
    pub default_scheme: String,
    /// The scheme of department-level indicators.
    pub department_scheme: String,
    /// Custom schemes from `ptg.toml`; they shadow built-ins of the same name.
    pub custom_schemes: Vec<Scheme>,
    pub units: UnitTable,
}

impl Default for ModelOptions {
    fn default() -> ModelOptions {
        ModelOptions {
            default_scheme: "国家2021".into(),
            department_scheme: "部门整体".into(),
            custom_schemes: Vec::new(),
            units: UnitTable::default(),
        }
    }
}

impl ModelOptions {
    pub fn find_scheme(&self, name: &str) -> Option<Scheme> {
        self.custom_schemes
            .iter()
            .find(|scheme| scheme.name == name)
            .cloned()
            .or_else(|| Scheme::builtin(name))
    }

    /// Every scheme name known, built-in and custom.
    pub fn scheme_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Scheme::BUILTIN.iter().map(|s| s.to_string()).collect();
        for scheme in &self.custom_schemes {
            if !names.contains(&scheme.name) {
                names.push(scheme.name.clone());
            }
        }
        names
    }
}

/// Who owns an indicator or a category block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Department(usize),
    Project(usize),
}

/// Which of the two schemes applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemeSel {
    Project,
    Department,
}

/// A problem with the `体系` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeProblem {
    Unknown { name: String },
    NotForProjects { name: String },
}

#[derive(Debug, Clone)]
pub struct DepartmentInfo<'a> {
    pub entity: &'a Entity,
    pub fields: Vec<&'a Field>,
    pub projects: Vec<usize>,
    pub budget_units: Vec<usize>,
    pub categories: Vec<usize>,
    pub indicators: Vec<usize>,
}

impl<'a> DepartmentInfo<'a> {
    pub fn field(&self, key: FieldKey) -> Option<&'a Field> {
        self.fields.iter().copied().find(|f| f.key == key)
    }
}

#[derive(Debug, Clone)]
pub struct BudgetUnitInfo<'a> {
    pub entity: &'a Entity,
    pub department: Option<usize>,
    pub fields: Vec<&'a Field>,
    pub projects: Vec<usize>,
}

impl<'a> BudgetUnitInfo<'a> {
    pub fn field(&self, key: FieldKey) -> Option<&'a Field> {
        self.fields.iter().copied().find(|f| f.key == key)
    }
}

#[derive(Debug, Clone)]
pub struct ProjectInfo<'a> {
    pub entity: &'a Entity,
    pub department: Option<usize>,
    pub budget_unit: Option<usize>,
    pub fields: Vec<&'a Field>,
    pub categories: Vec<usize>,
    pub indicators: Vec<usize>,
}

impl<'a> ProjectInfo<'a> {
    pub fn field(&self, key: FieldKey) -> Option<&'a Field> {
        self.fields.iter().copied().find(|f| f.key == key)
    }

    pub fn fields_of(&self, key: FieldKey) -> impl Iterator<Item = &'a Field> + '_ {
        self.fields.iter().copied().filter(move |f| f.key == key)
    }

    pub fn name(&self) -> &'a str {
        self.entity.name.as_ref().map_or("", |n| n.text.as_str())
    }
}

/// A category block and where its name resolved.
#[derive(Debug, Clone)]
pub struct CategoryInfo<'a> {
    pub ast: &'a Category,
    pub owner: Owner,
    pub scheme: SchemeSel,
    /// The enclosing category block, for a 二级 slot.
    pub parent: Option<usize>,
    /// Resolved within its slot.
    pub resolved: Option<(CategoryRef, Match)>,
}

impl CategoryInfo<'_> {
    /// Whether this block stands in a 一级 slot.
    pub fn is_level1_slot(&self) -> bool {
        self.parent.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct IndicatorInfo<'a> {
    pub ast: &'a Indicator,
    pub owner: Owner,
    pub scheme: SchemeSel,
    /// The innermost category block holding the indicator.
    pub category: Option<usize>,
    pub level1: Option<usize>,
    pub level2: Option<usize>,
    /// The role its category gives it; `None` when the category did not resolve.
    pub role: Option<Role>,
}

impl IndicatorInfo<'_> {
    pub fn name(&self) -> &str {
        &self.ast.name.text
    }
}

/// A date resolved against the budget year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedDate {
    pub year: Option<u32>,
    pub month: Option<u32>,
    /// Day of month; month precision means its last day; `None` for a year alone.
    pub day: Option<u32>,
    /// Month in 1..=12 and day within the month.
    pub valid: bool,
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// The model of one document.
#[derive(Debug)]
pub struct Model<'a> {
    pub text: &'a str,
    pub parse: &'a Parse,
    pub year: Option<&'a Spanned<u32>>,
    pub scheme_field: Option<&'a Field>,
    pub scheme_problem: Option<SchemeProblem>,
    /// The project scheme (the default when the header is missing or invalid).
    pub scheme: Scheme,
    pub department_scheme: Scheme,
    pub money_unit: MoneyUnit,
    pub units: UnitTable,
    pub departments: Vec<DepartmentInfo<'a>>,
    pub budget_units: Vec<BudgetUnitInfo<'a>>,
    pub projects: Vec<ProjectInfo<'a>>,
    pub categories: Vec<CategoryInfo<'a>>,
    pub indicators: Vec<IndicatorInfo<'a>>,
    /// The top-level items modelled, in file order: every header and other non-entity
    /// item, and the top-level entities selected (all of them for [`Model::build`]).
    /// Rules that look at raw items walk these, not the whole file.
    pub items: Vec<&'a Item>,
    /// Offsets where lines start, computed on first use.
    line_starts: std::sync::OnceLock<Vec<TextSize>>,
    /// Line starts given by the caller (see [`Model::use_line_starts`]).
    given_line_starts: Option<&'a [TextSize]>,
}

impl<'a> Model<'a> {
    /// The 1-based line of an offset (for messages), in O(log lines).
    pub fn line_number(&self, offset: TextSize) -> usize {
        if let Some(starts) = self.given_line_starts {
            return starts.partition_point(|start| *start <= offset);
        }
        let starts = self.line_starts.get_or_init(|| line_starts(self.text));
        starts.partition_point(|start| *start <= offset)
    }

    /// Uses `starts` (offset 0 and the offset after every `\n` of the text, see
    /// [`line_starts`]) for line numbers instead of finding them on first use: a caller
    /// that models one large text many times finds them once.
    pub fn use_line_starts(&mut self, starts: &'a [TextSize]) {
        self.given_line_starts = Some(starts);
    }

    /// Whether the document's lines end in `\r\n` (its first line break decides).
    pub fn uses_crlf(&self) -> bool {
        self.text
            .find('\n')
            .is_some_and(|idx| idx > 0 && self.text.as_bytes()[idx - 1] == b'\r')
    }

    pub fn build(text: &'a str, parse: &'a Parse, options: &ModelOptions) -> Model<'a> {
        Model::build_filtered(text, parse, options, |_| true)
    }

    /// The model of the file's headers and of the one top-level department or project
    /// around `offset`: the last that starts at or before it, so that a block whose `}` is
    /// missing still counts. What an IDE feature at one position needs (the scheme, the
    /// money unit, the categories and indicators of the enclosing entity), without the
    /// cost of modelling every other department of a large file.
    pub fn build_around(
        text: &'a str,
        parse: &'a Parse,
        options: &ModelOptions,
        offset: TextSize,
    ) -> Model<'a> {
        let around = parse
            .file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Entity(entity) if entity.range.start() <= offset => Some(entity.range),
                _ => None,
            })
            .next_back();
        Model::build_filtered(text, parse, options, |entity| Some(entity.range) == around)
    }

    /// The model of the file's headers and of the top-level entities `keep` selects. A
    /// rule run on the model of one top-level entity finds, inside that entity, what it
    /// finds there on the whole model: top-level entities are independent (the lint
    /// engine evaluates them one at a time, and its tests check the equivalence).
    pub fn build_filtered(
        text: &'a str,
        parse: &'a Parse,
        options: &ModelOptions,
        keep: impl Fn(&Entity) -> bool,
    ) -> Model<'a> {
        let fallback = || {
            Scheme::builtin("国家2021").unwrap_or_else(|| Scheme {
                name: String::new(),
                levels: Vec::new(),
                required: Vec::new(),
                satisfaction_min: Decimal::from_int(85),
                for_projects: true,
            })
        };
        let default_scheme = options
            .find_scheme(&options.default_scheme)
            .unwrap_or_else(fallback);
        let department_scheme = options
            .find_scheme(&options.department_scheme)
            .or_else(|| Scheme::builtin("部门整体"))
            .unwrap_or_else(fallback);
        let mut model = Model {
            text,
            parse,
            year: None,
            scheme_field: None,
            scheme_problem: None,
            scheme: default_scheme,
            department_scheme,
            money_unit: MoneyUnit::Yuan,
            units: options.units.clone(),
            departments: Vec::new(),
            budget_units: Vec::new(),
            projects: Vec::new(),
            categories: Vec::new(),
            indicators: Vec::new(),
            items: Vec::new(),
            line_starts: std::sync::OnceLock::new(),
            given_line_starts: None,
        };
        // Headers first: the scheme decides how categories resolve.
        for item in &parse.file.items {
            if let Item::Field(field) = item {
                match (&field.key, &field.value) {
                    (FieldKey::Year, FieldValue::Year(year)) => model.year = Some(year),
                    (FieldKey::Scheme, FieldValue::Word(word)) => {
                        model.scheme_field = Some(field);
                        match options.find_scheme(&word.node) {
                            Some(scheme) if scheme.for_projects => model.scheme = scheme,
                            Some(_) => {
                                model.scheme_problem = Some(SchemeProblem::NotForProjects {
                                    name: word.node.clone(),
                                })
                            }
                            None => {
                                model.scheme_problem = Some(SchemeProblem::Unknown {
                                    name: word.node.clone(),
                                })
                            }
                        }
                    }
                    (FieldKey::MoneyUnit, FieldValue::Unit(unit)) => {
                        if let Some(money) = MoneyUnit::from_text(&unit.text) {
                            model.money_unit = money;
                        }
                    }
                    _ => {}
                }
            }
        }
        for item in &parse.file.items {
            match item {
                Item::Entity(entity) if keep(entity) => model.add_top_entity(item, entity),
                Item::Entity(_) => {}
                _ => model.items.push(item),
            }
        }
        model
    }

    /// Replaces the top-level entities of this model by the one top-level `item` (an
    /// [`Item::Entity`]; anything else leaves the model with no entity), keeping the
    /// headers: the lint engine models a large file one top-level entity at a time in one
    /// model, without rebuilding the headers and the schemes for each.
    pub fn select_entity(&mut self, item: Option<&'a Item>) {
        self.departments.clear();
        self.budget_units.clear();
        self.projects.clear();
        self.categories.clear();
        self.indicators.clear();
        self.items.retain(|item| !matches!(item, Item::Entity(_)));
        if let Some(item @ Item::Entity(entity)) = item {
            self.add_top_entity(item, entity);
        }
    }

    fn add_top_entity(&mut self, item: &'a Item, entity: &'a Entity) {
        // Keep `items` in file order.
        let at = self
            .items
            .partition_point(|other| other.range().start() < item.range().start());
        self.items.insert(at, item);
        match entity.kind {
            EntityKind::Department => self.add_department(entity),
            EntityKind::Project => {
                self.add_project(entity, None, None);
            }
            EntityKind::BudgetUnit => self.add_budget_unit(entity, None),
        }
    }

    fn add_department(&mut self, entity: &'a Entity) {
        let idx = self.departments.len();
        self.departments.push(DepartmentInfo {
            entity,
            fields: Vec::new(),
            projects: Vec::new(),
            budget_units: Vec::new(),
            categories: Vec::new(),
            indicators: Vec::new(),
        });
        let Some(body) = &entity.body else { return };
        for item in &body.items {
            match item {
                Item::Field(field) => self.departments[idx].fields.push(field),
                Item::Entity(child) => match child.kind {
                    EntityKind::Project => {
                        let project = self.add_project(child, Some(idx), None);
                        self.departments[idx].projects.push(project);
                    }
                    EntityKind::BudgetUnit => self.add_budget_unit(child, Some(idx)),
                    EntityKind::Department => {}
                },
                Item::Category(category) => {
                    let cat = self.add_category(category, Owner::Department(idx), None);
                    self.departments[idx].categories.push(cat);
                }
                _ => {}
            }
        }
    }

    fn add_budget_unit(&mut self, entity: &'a Entity, department: Option<usize>) {
        let idx = self.budget_units.len();
        self.budget_units.push(BudgetUnitInfo {
            entity,
            department,
            fields: Vec::new(),
            projects: Vec::new(),
        });
        if let Some(dept) = department {
            self.departments[dept].budget_units.push(idx);
        }
        let Some(body) = &entity.body else { return };
        for item in &body.items {
            match item {
                Item::Field(field) => self.budget_units[idx].fields.push(field),
                Item::Entity(child) if child.kind == EntityKind::Project => {
                    let project = self.add_project(child, department, Some(idx));
                    self.budget_units[idx].projects.push(project);
                }
                _ => {}
            }
        }
    }

    fn add_project(
        &mut self,
        entity: &'a Entity,
        department: Option<usize>,
        budget_unit: Option<usize>,
    ) -> usize {
        let idx = self.projects.len();
        self.projects.push(ProjectInfo {
            entity,
            department,
            budget_unit,
            fields: Vec::new(),
            categories: Vec::new(),
            indicators: Vec::new(),
        });
        let Some(body) = &entity.body else { return idx };
        for item in &body.items {
            match item {
                Item::Field(field) => self.projects[idx].fields.push(field),
                Item::Category(category) => {
                    let cat = self.add_category(category, Owner::Project(idx), None);
                    self.projects[idx].categories.push(cat);
                }
                _ => {}
            }
        }
        idx
    }

    fn scheme_of(&self, sel: SchemeSel) -> &Scheme {
        match sel {
            SchemeSel::Project => &self.scheme,
            SchemeSel::Department => &self.department_scheme,
        }
    }

    pub fn scheme_for(&self, owner: Owner) -> &Scheme {
        self.scheme_of(Self::scheme_sel(owner))
    }

    fn scheme_sel(owner: Owner) -> SchemeSel {
        match owner {
            Owner::Department(_) => SchemeSel::Department,
            Owner::Project(_) => SchemeSel::Project,
        }
    }

    fn add_category(&mut self, ast: &'a Category, owner: Owner, parent: Option<usize>) -> usize {
        let sel = Self::scheme_sel(owner);
        let scheme = self.scheme_of(sel);
        let name = ast.name.node.text.as_str();
        let resolved = match parent {
            None => scheme
                .resolve_level1(name)
                .map(|(l1, how)| (CategoryRef::Level1(l1), how)),
            Some(parent_idx) => match self.categories[parent_idx].resolved {
                Some((CategoryRef::Level1(l1), _)) => scheme
                    .resolve_level2(l1, name)
                    .map(|(l2, how)| (CategoryRef::Level2(l1, l2), how)),
                _ => None,
            },
        };
        let idx = self.categories.len();
        self.categories.push(CategoryInfo {
            ast,
            owner,
            scheme: sel,
            parent,
            resolved,
        });
        for item in &ast.body.items {
            match item {
                Item::Category(child) => {
                    self.add_category(child, owner, Some(idx));
                }
                Item::Indicator(indicator) => self.add_indicator(indicator, owner, idx),
                _ => {}
            }
        }
        idx
    }

    fn add_indicator(&mut self, ast: &'a Indicator, owner: Owner, category: usize) {
        let sel = Self::scheme_sel(owner);
        let scheme = self.scheme_of(sel);
        let (level1, level2, role) = match self.categories[category].resolved {
            Some((CategoryRef::Level2(l1, l2), _)) => (
                Some(l1),
                Some(l2),
                Some(scheme.levels[l1].children[l2].role),
            ),
            Some((CategoryRef::Level1(l1), _)) => {
                // Directly in a 一级: a role only for schemes without 二级 there.
                let level = &scheme.levels[l1];
                let role = level.children.is_empty().then_some(level.role);
                (Some(l1), None, role)
            }
            None => (None, None, None),
        };
        let idx = self.indicators.len();
        self.indicators.push(IndicatorInfo {
            ast,
            owner,
            scheme: sel,
            category: Some(category),
            level1,
            level2,
            role,
        });
        match owner {
            Owner::Project(p) => self.projects[p].indicators.push(idx),
            Owner::Department(d) => self.departments[d].indicators.push(idx),
        }
    }

    /// The scheme an indicator is governed by.
    pub fn indicator_scheme(&self, indicator: &IndicatorInfo<'_>) -> &Scheme {
        self.scheme_of(indicator.scheme)
    }

    pub fn category_scheme(&self, category: &CategoryInfo<'_>) -> &Scheme {
        self.scheme_of(category.scheme)
    }

    /// Whether the indicator sits under the scheme's satisfaction 一级.
    pub fn is_satisfaction(&self, indicator: &IndicatorInfo<'_>) -> bool {
        let scheme = self.indicator_scheme(indicator);
        indicator
            .level1
            .is_some_and(|l1| scheme.levels[l1].role == Role::Satisfaction)
    }

    pub fn source(&self, range: TextRange) -> &'a str {
        &self.text[range]
    }

    /// The unit of a quantity, classified.
    pub fn unit_info(&self, quantity: &Quantity) -> Option<UnitInfo> {
        quantity.unit.as_ref().map(|unit| self.units.classify(unit))
    }

    /// The kind of a quantity's unit; `None` for a bare number or an unknown unit.
    pub fn unit_kind(&self, quantity: &Quantity) -> Option<UnitKind> {
        self.unit_info(quantity).and_then(|info| info.kind)
    }

    /// A money amount in 元: the unit's money unit, or `金额单位` for a bare number.
    /// `None` when the quantity is not money.
    pub fn money_yuan(&self, quantity: &Quantity) -> Option<Decimal> {
        let unit = match &quantity.unit {
            None => self.money_unit,
            Some(unit) => {
                let first = unit.parts().next().unwrap_or("");
                MoneyUnit::from_text(first)?
            }
        };
        unit.to_yuan(quantity.number.node)
    }

    /// The money amount of a field (`资金`, `合计`, a source line …) in 元.
    pub fn field_money(&self, field: &Field) -> Option<Decimal> {
        match &field.value {
            FieldValue::Quantity(quantity) if !field.has_error => self.money_yuan(quantity),
            _ => None,
        }
    }

    /// Resolves a written date against the budget year.
    pub fn resolve_date(&self, date: &DateSpec) -> ResolvedDate {
        let year = date.year.or(self.year.map(|y| y.node));
        let month_ok = date.month.is_none_or(|m| (1..=12).contains(&m));
        let (day, day_ok) = match (date.month, date.day) {
            (Some(month), Some(DayOfMonth::Day(day))) => {
                let max = year.map_or(31, |y| days_in_month(y, month));
                (Some(day), month_ok && day >= 1 && day <= max.max(1))
            }
            (Some(month), Some(DayOfMonth::End) | None) => {
                (year.map(|y| days_in_month(y, month)), month_ok)
            }
            (None, Some(DayOfMonth::Day(day))) => (Some(day), (1..=31).contains(&day)),
            (None, Some(DayOfMonth::End)) => (Some(31), true),
            (None, None) => (None, true),
        };
        let month = match (date.month, date.day) {
            (None, Some(DayOfMonth::End)) => Some(12),
            (month, _) => month,
        };
        ResolvedDate {
            year,
            month,
            day,
            valid: month_ok && day_ok,
        }
    }

    /// Every project owned (directly or through budget units) by a department.
    pub fn department_projects(&self, dept: usize) -> impl Iterator<Item = usize> + '_ {
        self.projects
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.department == Some(dept))
            .map(|(idx, _)| idx)
    }
}

/// Visits every item of a block tree, depth first.
/// Where the lines of `text` start, for [`Model::line_number`]: offset 0 and the offset
/// after every `\n`.
pub fn line_starts(text: &str) -> Vec<TextSize> {
    // `match_indices` finds each `\n` with a word-at-a-time search.
    std::iter::once(TextSize::from(0))
        .chain(
            text.match_indices('\n')
                .map(|(idx, _)| TextSize::try_from(idx + 1).unwrap_or(TextSize::from(u32::MAX))),
        )
        .collect()
}

pub fn walk_items<'a>(items: &'a [Item], visit: &mut dyn FnMut(&'a Item)) {
    for item in items {
        visit(item);
        match item {
            Item::Field(field) => {
                if let Some(block) = &field.block {
                    walk_items(&block.items, visit);
                }
            }
            Item::Entity(entity) => {
                if let Some(body) = &entity.body {
                    walk_items(&body.items, visit);
                }
            }
            Item::Category(category) => walk_items(&category.body.items, visit),
            Item::Indicator(indicator) => {
                if let Some(attrs) = &indicator.attrs {
                    walk_items(&attrs.items, visit);
                }
            }
            Item::UnknownField(_) | Item::Error(_) => {}
        }
    }
}

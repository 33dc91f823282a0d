//! Completion, context-aware: what may be typed at the cursor.
//!
//! The context comes from two sources, so that it works on text still being typed: the
//! lexer gives the word under the cursor and the tokens before it on its line (`体系 |`,
//! `"人数" ≥ 10|`), the AST gives the blocks around the cursor (a project, a 一级 …).

use ptg_diagnostics::Lang;
use ptg_semantic::model::CategoryInfo;
use ptg_semantic::scheme::{CategoryRef, Requirement};
use ptg_semantic::units::BUILTIN_UNITS;
use ptg_semantic::{Model, ModelOptions, MoneyUnit, Role, Scheme, UnitKind};
use ptg_syntax::ast::{EntityKind, FieldKey, Item, LineName};
use ptg_syntax::lexer::normalize_width;
use ptg_syntax::{SyntaxKind, Token};
use text_size::{TextRange, TextSize};

use crate::context::{block_path, token_context, Node, TokenContext};
use crate::text::{clamp, size, snippet_escape, t};
use crate::Document;

/// What a completion inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    /// `年度`, `部门`, `项目` …
    Keyword,
    /// A field of the enclosing block not yet present (`编码`, `资金` …).
    Field,
    /// A category the scheme allows in this slot.
    Category,
    /// A unit after a number.
    Unit,
    /// `≥`, `≤` …
    Comparator,
    /// A scheme name after `体系`.
    Scheme,
    /// A template: a project skeleton, an indicator line.
    Snippet,
    /// A value: a deadline, a period, `一年期` …
    Value,
}

/// One completion item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// One line shown beside the label (Chinese by default).
    pub detail: Option<String>,
    /// Longer Markdown documentation.
    pub documentation: Option<String>,
    pub insert_text: String,
    /// `insert_text` uses LSP snippet syntax (`$1`, `${2:x}`, `${3|a,b|}`, `$0`).
    pub is_snippet: bool,
    /// Sorts the items (compared as strings).
    pub sort_text: String,
    /// The range the insert replaces: the word under the cursor, or empty at the cursor.
    pub replace: TextRange,
}

struct Acc {
    items: Vec<Completion>,
    replace: TextRange,
}

impl Acc {
    fn push(
        &mut self,
        kind: CompletionKind,
        label: impl Into<String>,
        insert: impl Into<String>,
        sort: String,
    ) -> &mut Completion {
        self.items.push(Completion {
            label: label.into(),
            kind,
            detail: None,
            documentation: None,
            insert_text: insert.into(),
            is_snippet: false,
            sort_text: sort,
            replace: self.replace,
        });
        let last = self.items.len() - 1;
        &mut self.items[last]
    }
}

impl Completion {
    fn detail(&mut self, detail: impl Into<String>) -> &mut Completion {
        self.detail = Some(detail.into());
        self
    }

    fn docs(&mut self, docs: impl Into<String>) -> &mut Completion {
        self.documentation = Some(docs.into());
        self
    }

    fn snippet(&mut self) -> &mut Completion {
        self.is_snippet = true;
        self
    }
}

pub(crate) fn completions(doc: &Document, offset: TextSize) -> Vec<Completion> {
    let text = doc.text();
    let at = clamp(text, offset);
    let ctx = token_context(doc.tokens(), at);
    if ctx.in_trivia {
        return Vec::new();
    }
    let model = doc.model_around(at);
    let path = block_path(&doc.parse().file, size(text.len()), at);
    let mut acc = Acc {
        items: Vec::new(),
        replace: ctx.replace,
    };
    let cx = Cx {
        text,
        lang: doc.lang(),
        model: &model,
        options: &doc.settings().model,
        path: &path,
        ctx: &ctx,
    };
    cx.complete(&mut acc);
    acc.items
}

/// Everything a completion looks at.
struct Cx<'c, 'a> {
    text: &'a str,
    lang: Lang,
    model: &'c Model<'a>,
    options: &'c ModelOptions,
    path: &'c [Node<'a>],
    ctx: &'c TokenContext,
}

impl<'a> Cx<'_, 'a> {
    fn t(&self, zh: &str, en: &str) -> String {
        t(self.lang, zh, en)
    }

    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    fn src(&self, token: &Token) -> &'a str {
        &self.text[token.range]
    }

    fn complete(&self, acc: &mut Acc) {
        let before = &self.ctx.before;
        let Some(first) = before.first() else {
            self.item_position(acc);
            return;
        };
        let last = before.last().copied().unwrap_or(*first);
        // A word glued to a number is a unit being typed; a number before the cursor
        // (with or without spaces) wants its unit.
        let after_number = last.kind == SyntaxKind::Number;
        let after_slash = last.kind == SyntaxKind::Slash;
        match first.kind {
            SyntaxKind::SchemeKw if self.scheme_name_being_typed() => {
                // `体系 国家2021`: the name is a word and a number; replace both.
                let start = before
                    .get(1)
                    .map_or(acc.replace.start(), |t| t.range.start());
                acc.replace = TextRange::new(start, acc.replace.end().max(start));
                self.schemes(acc);
            }
            SyntaxKind::MoneyUnitKw if before.len() == 1 => {
                self.unit_list(acc, &[UnitKind::Money], true);
            }
            SyntaxKind::AttributeKw if before.len() == 1 => {
                for (idx, (word, zh, en)) in [
                    ("一年期", "项目属性：一年内完成", "one-year project"),
                    ("持续性", "项目属性：跨年度持续实施", "continuing project"),
                ]
                .into_iter()
                .enumerate()
                {
                    acc.push(CompletionKind::Value, word, word, format!("{idx:02}"))
                        .detail(self.t(zh, en));
                }
            }
            SyntaxKind::FundsKw | SyntaxKind::TotalKw | SyntaxKind::BudgetKw if after_number => {
                self.unit_list(acc, &[UnitKind::Money], true);
            }
            SyntaxKind::Word if after_number && LineName::from_text(self.src(first)).is_some() => {
                self.unit_list(acc, &[UnitKind::Money], true);
            }
            SyntaxKind::TermKw if after_number => {
                self.unit_list(acc, &[UnitKind::Time], true);
            }
            SyntaxKind::PlanKw if after_number => {
                self.unit_list(acc, &[UnitKind::Percent], true);
            }
            SyntaxKind::String if self.indicator_slot().is_some() => {
                let role = self.indicator_slot().flatten();
                if before.len() == 1 {
                    self.value_position(acc, role);
                } else if after_number {
                    self.units_after_number(acc, role, last);
                } else if after_slash {
                    self.unit_list(
                        acc,
                        &[UnitKind::People, UnitKind::Count, UnitKind::Time],
                        true,
                    );
                }
            }
            _ => {}
        }
    }

    /// After `体系`: nothing yet, or a name (words and numbers glued together) reaching
    /// the cursor.
    fn scheme_name_being_typed(&self) -> bool {
        let name = &self.ctx.before[1..];
        let glued = name
            .windows(2)
            .all(|pair| pair[0].range.end() == pair[1].range.start());
        let reaches = name
            .last()
            .is_none_or(|last| last.range.end() == self.ctx.replace.start());
        glued
            && reaches
            && name
                .iter()
                .all(|t| matches!(t.kind, SyntaxKind::Word | SyntaxKind::Number))
    }

    /// The innermost block around the cursor.
    fn innermost(&self) -> Option<Node<'a>> {
        self.path.last().copied()
    }

    fn category_info(&self, category: &ptg_syntax::ast::Category) -> Option<&CategoryInfo<'a>> {
        self.model
            .categories
            .iter()
            .find(|info| std::ptr::eq(info.ast, category))
    }

    /// When the cursor is in a category block where indicators stand: `Some(role)` (the
    /// role of the category, if it resolved).
    fn indicator_slot(&self) -> Option<Option<Role>> {
        let Some(Node::Category(category)) = self.innermost() else {
            return None;
        };
        let Some(info) = self.category_info(category) else {
            return Some(None);
        };
        let scheme = self.model.category_scheme(info);
        Some(match info.resolved {
            Some((CategoryRef::Level2(l1, l2), _)) => Some(scheme.levels[l1].children[l2].role),
            Some((CategoryRef::Level1(l1), _)) => {
                let level = &scheme.levels[l1];
                level.children.is_empty().then_some(level.role)
            }
            None => None,
        })
    }

    /// Keys of the fields already present in the innermost block, except the one being
    /// typed.
    fn present_fields(&self) -> Vec<FieldKey> {
        let items: &[Item] = match self.innermost().and_then(Node::block) {
            Some(block) => &block.items,
            None => &self.model.parse.file.items,
        };
        items
            .iter()
            .filter_map(|item| match item {
                Item::Field(field)
                    if !field.key_range.contains_range(self.ctx.replace)
                        && field.key_range != self.ctx.replace =>
                {
                    Some(field.key)
                }
                _ => None,
            })
            .collect()
    }

    /// The cursor is where an item starts: keywords, fields, categories, snippets.
    fn item_position(&self, acc: &mut Acc) {
        let present = self.present_fields();
        let missing = |key: FieldKey| !present.contains(&key);
        let money = self.model.money_unit.as_str();
        match self.innermost() {
            None => {
                for (idx, key) in [FieldKey::Year, FieldKey::Scheme, FieldKey::MoneyUnit]
                    .into_iter()
                    .enumerate()
                {
                    if missing(key) {
                        self.field(acc, CompletionKind::Keyword, key, format!("0{idx}"));
                    }
                }
                self.department_keyword(acc, "10".into());
                self.project_keyword(acc, "11".into());
                self.project_skeleton(acc, "12".into());
            }
            Some(Node::Entity(entity)) => match entity.kind {
                EntityKind::Department => {
                    for (idx, key) in [
                        FieldKey::Code,
                        FieldKey::Unit,
                        FieldKey::Duties,
                        FieldKey::Task,
                        FieldKey::Budget,
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        if key == FieldKey::Task || missing(key) {
                            self.field(acc, CompletionKind::Field, key, format!("0{idx}"));
                        }
                    }
                    self.budget_unit_keyword(acc, "10".into());
                    self.project_keyword(acc, "11".into());
                    self.project_skeleton(acc, "12".into());
                    let scheme = &self.model.department_scheme;
                    self.level1_categories(acc, scheme, entity);
                }
                EntityKind::BudgetUnit => {
                    for (idx, key) in [FieldKey::Code, FieldKey::Total].into_iter().enumerate() {
                        if missing(key) {
                            self.field(acc, CompletionKind::Field, key, format!("0{idx}"));
                        }
                    }
                    self.project_keyword(acc, "11".into());
                    self.project_skeleton(acc, "12".into());
                }
                EntityKind::Project => {
                    for (idx, key) in [
                        FieldKey::Code,
                        FieldKey::Unit,
                        FieldKey::Attribute,
                        FieldKey::Term,
                        FieldKey::Funds,
                        FieldKey::Purpose,
                        FieldKey::Plan,
                        FieldKey::Goal,
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        if key == FieldKey::Goal || missing(key) {
                            self.field(acc, CompletionKind::Field, key, format!("0{idx}"));
                        }
                    }
                    let scheme = &self.model.scheme;
                    self.level1_categories(acc, scheme, entity);
                }
            },
            Some(Node::Category(category)) => {
                let Some(info) = self.category_info(category) else {
                    return;
                };
                let scheme = self.model.category_scheme(info);
                match info.resolved {
                    Some((CategoryRef::Level1(l1), _))
                        if !scheme.levels[l1].children.is_empty() =>
                    {
                        let present = self.present_categories(&category.body.items);
                        self.level2_categories(acc, scheme, l1, &present);
                    }
                    Some((CategoryRef::Level1(l1), _)) => {
                        self.indicator_snippet(acc, Some(scheme.levels[l1].role));
                    }
                    Some((CategoryRef::Level2(l1, l2), _)) => {
                        self.indicator_snippet(acc, Some(scheme.levels[l1].children[l2].role));
                    }
                    None if info.parent.is_some() => self.indicator_snippet(acc, None),
                    None => {}
                }
            }
            Some(Node::Field(field)) => {
                let lines: &[LineName] = match field.key {
                    FieldKey::Funds | FieldKey::Sources => &LineName::SOURCES,
                    FieldKey::Structure => &LineName::STRUCTURE,
                    FieldKey::Budget => {
                        for (idx, key) in [FieldKey::Sources, FieldKey::Structure]
                            .into_iter()
                            .enumerate()
                        {
                            if missing(key) {
                                self.field(acc, CompletionKind::Field, key, format!("0{idx}"));
                            }
                        }
                        return;
                    }
                    _ => return,
                };
                let money = if field.key == FieldKey::Funds {
                    money
                } else {
                    "元"
                };
                for (idx, line) in lines.iter().enumerate() {
                    if !missing(FieldKey::Line(*line)) {
                        continue;
                    }
                    let name = line.as_str();
                    let (zh, en) = line_docs(*line);
                    acc.push(
                        CompletionKind::Field,
                        name,
                        format!("{name} ${{1:0}}{money}"),
                        format!("0{idx}"),
                    )
                    .detail(self.t(zh, en))
                    .snippet();
                }
            }
            Some(Node::Indicator(_)) => {
                for (idx, key) in [FieldKey::Description, FieldKey::Basis]
                    .into_iter()
                    .enumerate()
                {
                    if missing(key) {
                        self.field(acc, CompletionKind::Field, key, format!("0{idx}"));
                    }
                }
            }
        }
    }

    /// Whether a block follows the word being completed (`数量| {`): insert the name only.
    fn block_follows(&self) -> bool {
        self.ctx.after.is_some_and(|t| t.kind == SyntaxKind::LBrace)
    }

    fn field(&self, acc: &mut Acc, kind: CompletionKind, key: FieldKey, sort: String) {
        let money = self.model.money_unit.as_str();
        let name = key.as_str();
        let placeholder = |zh: &str, en: &str| snippet_escape(self.lang.pick(zh, en));
        let insert = match key {
            FieldKey::Year => format!("年度 ${{1:{}}}", self.year()),
            FieldKey::Scheme => format!("体系 ${{1|{}|}}", self.project_schemes().join(",")),
            FieldKey::MoneyUnit => "金额单位 ${1|万元,元,亿元|}".to_string(),
            FieldKey::Code => "编码 \"$1\"".to_string(),
            FieldKey::Unit => format!("单位 \"${{1:{}}}\"", placeholder("单位名称", "unit name")),
            FieldKey::Attribute => "属性 ${1|一年期,持续性|}".to_string(),
            FieldKey::Term => "期限 ${1:1}年".to_string(),
            FieldKey::Funds => format!("资金 ${{1:0}}{money} {{\n\t政府预算资金 ${{1:0}}{money}\n}}"),
            FieldKey::Purpose => "用途 \"$1\"".to_string(),
            FieldKey::Plan => "支出计划 ${1:25}% ${2:50}% ${3:75}% 100%".to_string(),
            FieldKey::Goal => "目标 \"$1\"".to_string(),
            FieldKey::Duties => "履职目标 \"$1\"".to_string(),
            FieldKey::Task => format!(
                "任务 \"${{1:{}}}\" \"${{2:{}}}\"",
                placeholder("任务名称", "task"),
                placeholder("主要内容", "what it involves")
            ),
            FieldKey::Budget => "预算 ${1:0}元 {\n\t来源 {\n\t\t政府预算资金 ${1:0}元\n\t}\n\t结构 {\n\t\t基本支出 ${2:0}元\n\t\t项目支出 ${3:0}元\n\t}\n}".to_string(),
            FieldKey::Sources => "来源 {\n\t政府预算资金 ${1:0}元\n}".to_string(),
            FieldKey::Structure => "结构 {\n\t基本支出 ${1:0}元\n\t项目支出 ${2:0}元\n}".to_string(),
            FieldKey::Total => format!("合计 ${{1:0}}{money}"),
            FieldKey::Description => "描述 \"$1\"".to_string(),
            FieldKey::Basis => "依据 \"$1\"".to_string(),
            FieldKey::Line(line) => format!("{} ${{1:0}}{money}", line.as_str()),
        };
        let in_department = matches!(
            self.innermost(),
            Some(Node::Entity(e)) if e.kind == EntityKind::Department
        );
        let (zh, en) = field_docs(key, in_department);
        acc.push(kind, name, insert, sort)
            .detail(self.t(zh, en))
            .snippet();
    }

    fn year(&self) -> u32 {
        self.model.year.map_or(2024, |year| year.node)
    }

    fn project_schemes(&self) -> Vec<String> {
        let options = self.options;
        options
            .scheme_names()
            .into_iter()
            .filter(|name| options.find_scheme(name).is_some_and(|s| s.for_projects))
            .collect()
    }

    fn department_keyword(&self, acc: &mut Acc, sort: String) {
        let name = snippet_escape(self.lang.pick("部门名称", "department"));
        acc.push(
            CompletionKind::Keyword,
            "部门",
            format!("部门 \"${{1:{name}}}\" {{\n\t$0\n}}"),
            sort,
        )
        .detail(self.t("主管部门", "department (主管部门)"))
        .snippet();
    }

    fn budget_unit_keyword(&self, acc: &mut Acc, sort: String) {
        let name = snippet_escape(self.lang.pick("单位名称", "budget unit"));
        acc.push(
            CompletionKind::Keyword,
            "单位 {…}",
            format!("单位 \"${{1:{name}}}\" {{\n\t编码 \"$2\"\n\t合计 ${{3:0}}元\n\t$0\n}}"),
            sort,
        )
        .detail(self.t(
            "预算单位：汇总其下项目，写明合计",
            "budget unit grouping projects, with its total",
        ))
        .snippet();
    }

    fn project_keyword(&self, acc: &mut Acc, sort: String) {
        let name = snippet_escape(self.lang.pick("项目名称", "project"));
        acc.push(
            CompletionKind::Keyword,
            "项目",
            format!("项目 \"${{1:{name}}}\" {{\n\t$0\n}}"),
            sort,
        )
        .detail(self.t("项目支出", "project (项目支出)"))
        .snippet();
    }

    /// A complete project: its fields and every category the file's scheme requires.
    fn project_skeleton(&self, acc: &mut Acc, sort: String) {
        let scheme = &self.model.scheme;
        let body = project_skeleton(scheme, self.model.money_unit, self.year(), self.lang);
        let label = self.t("项目（完整骨架）", "project skeleton");
        let names: Vec<&str> = required_slots(scheme)
            .into_iter()
            .map(|(l1, l2)| match l2 {
                Some(l2) => scheme.levels[l1].children[l2].name.as_str(),
                None => scheme.levels[l1].name.as_str(),
            })
            .collect();
        let detail = match self.lang {
            Lang::Zh => format!("含体系 {} 的全部必填类别", scheme.name),
            Lang::En => format!("with every required category of {}", scheme.name),
        };
        let docs = match self.lang {
            Lang::Zh => format!(
                "插入完整的项目：编码、实施单位、属性、期限、资金、用途、支出计划、目标，以及体系 {} 要求的类别：{}。",
                scheme.name,
                names.join("、")
            ),
            Lang::En => format!(
                "Inserts a whole project: code, implementing unit, attribute, term, funds, purpose, spending plan, goal, and the categories {} requires: {}.",
                scheme.name,
                names.join(", ")
            ),
        };
        acc.push(CompletionKind::Snippet, label, body, sort)
            .detail(detail)
            .docs(docs)
            .snippet();
    }

    /// Names of the categories already written in a block.
    fn present_categories(&self, items: &[Item]) -> Vec<TextRange> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::Category(category) if category.name.range != self.ctx.replace => {
                    Some(category.name.range)
                }
                _ => None,
            })
            .collect()
    }

    fn level1_categories(&self, acc: &mut Acc, scheme: &Scheme, entity: &ptg_syntax::ast::Entity) {
        let present: Vec<usize> = entity
            .body
            .iter()
            .flat_map(|body| &body.items)
            .filter_map(|item| match item {
                Item::Category(category) if category.name.range != self.ctx.replace => scheme
                    .resolve_level1(&category.name.node.text)
                    .map(|(l1, _)| l1),
                _ => None,
            })
            .collect();
        for (l1, level) in scheme.levels.iter().enumerate() {
            let detail = if level.children.is_empty() {
                kind_text(level.role, self.lang).0.to_string()
            } else {
                let children: Vec<&str> = level.children.iter().map(|c| c.name.as_str()).collect();
                match self.lang {
                    Lang::Zh => format!("一级指标：{}", children.join("、")),
                    Lang::En => format!("一级 category: {}", children.join(", ")),
                }
            };
            let docs = category_docs(scheme, CategoryRef::Level1(l1), self.lang);
            let rank = u8::from(present.contains(&l1));
            self.category(acc, &level.name, detail, docs, format!("2{rank}{l1:02}"));
        }
    }

    fn level2_categories(&self, acc: &mut Acc, scheme: &Scheme, l1: usize, present: &[TextRange]) {
        let present: Vec<usize> = present
            .iter()
            .filter_map(|range| {
                scheme
                    .resolve_level2(l1, &self.text[*range])
                    .map(|(l2, _)| l2)
            })
            .collect();
        for (l2, child) in scheme.levels[l1].children.iter().enumerate() {
            let detail = kind_text(child.role, self.lang).0.to_string();
            let docs = category_docs(scheme, CategoryRef::Level2(l1, l2), self.lang);
            let rank = u8::from(present.contains(&l2));
            self.category(acc, &child.name, detail, docs, format!("2{rank}{l2:02}"));
        }
    }

    fn category(&self, acc: &mut Acc, name: &str, detail: String, docs: String, sort: String) {
        let insert = if self.block_follows() {
            name.to_string()
        } else {
            format!("{} {{\n\t$0\n}}", snippet_escape(name))
        };
        let item = acc
            .push(CompletionKind::Category, name, insert, sort)
            .detail(detail)
            .docs(docs);
        if !self.block_follows() {
            item.snippet();
        }
    }

    /// An indicator line with a value template for the role.
    fn indicator_snippet(&self, acc: &mut Acc, role: Option<Role>) {
        let mut tabs = Tabs::default();
        let name = tabs.next(self.lang.pick("指标名称", "indicator name"));
        let value = value_template(&mut tabs, role, self.model.money_unit, self.year());
        let label = self.t("三级指标", "indicator");
        let detail = kind_text(role.unwrap_or(Role::Other), self.lang).0;
        acc.push(
            CompletionKind::Snippet,
            label,
            format!("\"{name}\" {value}$0"),
            "30".into(),
        )
        .detail(detail)
        .snippet();
    }

    /// After an indicator's name: comparators and value templates for the role.
    fn value_position(&self, acc: &mut Acc, role: Option<Role>) {
        let role = role.unwrap_or(Role::Other);
        // Comparators: the one the role expects first.
        let order: [usize; 5] = match role {
            Role::Cost => [1, 0, 3, 2, 4],
            _ => [0, 1, 2, 3, 4],
        };
        let comparators = [
            ("≥", "下限：不低于", "lower bound: at least"),
            ("≤", "上限：不超过", "upper bound: at most"),
            (">", "大于（不含）", "greater than"),
            ("<", "小于（不含）", "less than"),
            ("=", "等于", "equal to"),
        ];
        let base = if role == Role::Timeliness { 5 } else { 1 };
        for (rank, idx) in order.into_iter().enumerate() {
            let (symbol, zh, en) = comparators[idx];
            acc.push(
                CompletionKind::Comparator,
                symbol,
                format!("{symbol} "),
                format!("{base}{rank}"),
            )
            .detail(self.t(zh, en));
        }
        let mut tabs = Tabs::default();
        let template = value_template(&mut tabs, Some(role), self.model.money_unit, self.year());
        let label = expand_snippet(&template);
        acc.push(CompletionKind::Value, label, template, "00".into())
            .detail(kind_text(role, self.lang).0)
            .snippet();
        if role == Role::Timeliness {
            let year = self.year();
            let templates = [
                (
                    format!("{year}年底前"),
                    "期限：年底之前",
                    "deadline: before the end of the year",
                ),
                ("全年".to_string(), "期间：全年", "period: the whole year"),
                (
                    "年底前".to_string(),
                    "期间：年底之前",
                    "period: before the year's end",
                ),
                ("每月".to_string(), "期间：每月", "period: monthly"),
                ("每季度".to_string(), "期间：每季度", "period: quarterly"),
            ];
            for (idx, (label, zh, en)) in templates.into_iter().enumerate() {
                acc.push(
                    CompletionKind::Value,
                    label.clone(),
                    label,
                    format!("0{}", idx + 1),
                )
                .detail(self.t(zh, en));
            }
            acc.push(
                CompletionKind::Value,
                self.t("N个工作日内", "within N working days"),
                "${1:30}个工作日内",
                "06".into(),
            )
            .detail(self.t("期间：若干工作日内", "period: within working days"))
            .snippet();
        }
    }

    /// After a number in an indicator's value: units ranked by the role; under 时效, the
    /// number completed to a deadline or a period.
    fn units_after_number(&self, acc: &mut Acc, role: Option<Role>, number: Token) {
        let order: &[UnitKind] = match role {
            Some(Role::Cost) => &[UnitKind::Money],
            Some(Role::Quantity) => &[UnitKind::People, UnitKind::Count, UnitKind::Physical],
            Some(Role::Quality) => &[UnitKind::Percent],
            Some(Role::Timeliness) => &[UnitKind::Percent, UnitKind::Time],
            Some(Role::Benefit) => &[UnitKind::Percent, UnitKind::People, UnitKind::Count],
            Some(Role::Satisfaction) => &[UnitKind::Percent],
            Some(Role::Other) | None => &[
                UnitKind::Percent,
                UnitKind::Count,
                UnitKind::People,
                UnitKind::Money,
            ],
        };
        self.unit_list(acc, order, false);
        if role == Some(Role::Cost) {
            let money = self.model.money_unit.as_str();
            for (idx, unit) in [
                format!("{money}/人"),
                format!("{money}/次"),
                format!("{money}/人/月"),
            ]
            .into_iter()
            .enumerate()
            {
                acc.push(
                    CompletionKind::Unit,
                    unit.clone(),
                    unit,
                    format!("10099{idx}"),
                )
                .detail(self.t("单位金额（每人、每次…）", "money per unit"));
            }
        }
        // Only for a number right before the cursor (or the word being typed after it).
        if role != Some(Role::Timeliness) || acc.replace.start() != number.range.end() {
            return;
        }
        // `2024|` → `2024-12-31前`; `30|` → `30个工作日内`: replace the number too.
        let digits = normalize_width(self.src(&number));
        let replace = TextRange::new(
            number.range.start(),
            acc.replace.end().max(number.range.end()),
        );
        let mut templates: Vec<(String, &str, &str)> = Vec::new();
        if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
            templates.push((
                format!("{digits}-12-31前"),
                "期限：该年年底之前",
                "deadline: before the year's end",
            ));
            templates.push((
                format!("{digits}年底前"),
                "期限：该年年底之前",
                "deadline: before the year's end",
            ));
        } else if digits.chars().all(|c| c.is_ascii_digit()) {
            templates.push((
                format!("{digits}个工作日内"),
                "期间：若干工作日内",
                "period: within working days",
            ));
            templates.push((
                format!("{digits}日内"),
                "期间：若干日内",
                "period: within days",
            ));
            templates.push((
                format!("{digits}个月内"),
                "期间：若干个月内",
                "period: within months",
            ));
            if digits.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)) {
                templates.push((
                    format!("{digits}月底前"),
                    "期限：预算年度该月月底之前",
                    "deadline: before that month's end in the budget year",
                ));
            }
        }
        for (idx, (label, zh, en)) in templates.into_iter().enumerate() {
            let item = acc.push(
                CompletionKind::Value,
                label.clone(),
                label,
                format!("00{idx}"),
            );
            item.detail(self.t(zh, en));
            item.replace = replace;
        }
    }

    /// Units of the given kinds first (in that order), then every other unit.
    fn unit_list(&self, acc: &mut Acc, order: &[UnitKind], only: bool) {
        let rank_of = |kind: UnitKind| order.iter().position(|k| *k == kind);
        let money_first = self.model.money_unit;
        for (kind_idx, (kind, names)) in BUILTIN_UNITS.iter().enumerate() {
            let rank = rank_of(*kind);
            if only && rank.is_none() {
                continue;
            }
            let rank = rank.map_or(90 + kind_idx, |r| r.min(89));
            let mut names: Vec<&str> = names.iter().copied().filter(|n| *n != "万").collect();
            if *kind == UnitKind::Money {
                names.sort_by_key(|name| MoneyUnit::from_text(name) != Some(money_first));
            }
            for (idx, name) in names.into_iter().enumerate() {
                acc.push(
                    CompletionKind::Unit,
                    name,
                    name,
                    format!("1{rank:02}{idx:02}"),
                )
                .detail(kind.name(self.zh()));
            }
        }
    }

    fn schemes(&self, acc: &mut Acc) {
        let options = self.options;
        for (idx, name) in self.project_schemes().into_iter().enumerate() {
            let Some(scheme) = options.find_scheme(&name) else {
                continue;
            };
            let levels: Vec<&str> = scheme.levels.iter().map(|l| l.name.as_str()).collect();
            let detail = match self.lang {
                Lang::Zh => format!("一级：{}", levels.join("、")),
                Lang::En => format!("一级: {}", levels.join(", ")),
            };
            acc.push(
                CompletionKind::Scheme,
                name.clone(),
                name,
                format!("{idx:02}"),
            )
            .detail(detail)
            .docs(scheme_docs(&scheme, self.lang));
        }
    }
}

/// Numbered tab stops for a snippet.
#[derive(Default)]
struct Tabs {
    n: u32,
}

impl Tabs {
    fn next(&mut self, default: &str) -> String {
        self.n += 1;
        format!("${{{}:{}}}", self.n, snippet_escape(default))
    }

    fn choice(&mut self, options: &[&str]) -> String {
        self.n += 1;
        format!("${{{}|{}|}}", self.n, options.join(","))
    }
}

/// A value a category of `role` expects, as a snippet.
fn value_template(tabs: &mut Tabs, role: Option<Role>, money: MoneyUnit, year: u32) -> String {
    match role {
        Some(Role::Cost) => format!("≤ {}{}", tabs.next("0"), money.as_str()),
        Some(Role::Quantity) => format!("≥ {}{}", tabs.next("1"), tabs.next("个")),
        Some(Role::Quality) => format!("≥ {}%", tabs.next("95")),
        Some(Role::Timeliness) => tabs.next(&format!("{year}-12-31前")),
        Some(Role::Benefit | Role::Satisfaction) => format!("≥ {}%", tabs.next("90")),
        Some(Role::Other) | None => format!("\"{}\"", tabs.next("完成")),
    }
}

/// The text a snippet inserts with every placeholder at its default.
pub(crate) fn expand_snippet(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '$' => match chars.peek() {
                Some('{') => {
                    chars.next();
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    match chars.next() {
                        Some(':') => {}
                        Some('|') => {
                            // A choice: its first option.
                            let mut first = true;
                            while let Some(c) = chars.next() {
                                match c {
                                    '|' => {
                                        chars.next();
                                        break;
                                    }
                                    ',' => first = false,
                                    c if first => out.push(c),
                                    _ => {}
                                }
                            }
                            continue;
                        }
                        _ => continue,
                    }
                    // A placeholder's default runs to its closing brace.
                    let mut depth = 0u32;
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some(n) = chars.next() {
                                    out.push(n);
                                }
                            }
                            '{' => {
                                depth += 1;
                                out.push(c);
                            }
                            '}' if depth == 0 => break,
                            '}' => {
                                depth -= 1;
                                out.push(c);
                            }
                            c => out.push(c),
                        }
                    }
                }
                Some(c) if c.is_ascii_digit() => {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                }
                _ => out.push('$'),
            },
            c => out.push(c),
        }
    }
    out
}

/// The categories a scheme requires, as (一级, 二级) slots in scheme order; a required
/// 一级 with 二级 is met through its first 二级 unless a required 二级 of it already is.
pub(crate) fn required_slots(scheme: &Scheme) -> Vec<(usize, Option<usize>)> {
    let mut slots = Vec::new();
    for (l1, level) in scheme.levels.iter().enumerate() {
        let level2: Vec<usize> = scheme
            .required
            .iter()
            .filter_map(|req| match req {
                Requirement::Level2(a, b) if *a == l1 => Some(*b),
                _ => None,
            })
            .collect();
        let level1 = scheme.required.contains(&Requirement::Level1(l1));
        if !level2.is_empty() {
            slots.extend(level2.into_iter().map(|l2| (l1, Some(l2))));
        } else if level1 {
            slots.push((l1, (!level.children.is_empty()).then_some(0)));
        }
    }
    slots
}

/// The project skeleton snippet for `scheme`.
pub(crate) fn project_skeleton(scheme: &Scheme, money: MoneyUnit, year: u32, lang: Lang) -> String {
    let mut tabs = Tabs::default();
    let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let m = money.as_str();
    let mut out = String::new();
    out.push_str(&format!(
        "项目 \"{}\" {{\n",
        tabs.next(p("项目名称", "project name"))
    ));
    out.push_str(&format!("\t编码 \"{}\"\n", tabs.next("")));
    out.push_str(&format!(
        "\t单位 \"{}\"\n",
        tabs.next(p("实施单位", "implementing unit"))
    ));
    out.push_str(&format!("\t属性 {}\n", tabs.choice(&["一年期", "持续性"])));
    out.push_str(&format!("\t期限 {}年\n", tabs.next("1")));
    // The same tab stop twice: the source mirrors the total.
    let funds = tabs.next("0");
    out.push_str(&format!(
        "\t资金 {funds}{m} {{\n\t\t政府预算资金 {funds}{m}\n\t}}\n"
    ));
    out.push_str(&format!(
        "\t用途 \"{}\"\n",
        tabs.next(p("资金主要用途", "main use of the funds"))
    ));
    out.push_str("\t支出计划 25% 50% 75% 100%\n");
    out.push_str(&format!(
        "\t目标 \"{}\"\n",
        tabs.next(p("年度目标", "annual goal"))
    ));
    let slots = required_slots(scheme);
    let mut l1_done: Option<usize> = None;
    for (idx, (l1, l2)) in slots.iter().enumerate() {
        let level = &scheme.levels[*l1];
        if l1_done != Some(*l1) {
            out.push_str(&format!("\t{} {{\n", snippet_escape(&level.name)));
            l1_done = Some(*l1);
        }
        let (indent, role) = match l2 {
            Some(l2) => {
                let child = &level.children[*l2];
                out.push_str(&format!("\t\t{} {{\n", snippet_escape(&child.name)));
                ("\t\t\t", child.role)
            }
            None => ("\t\t", level.role),
        };
        let name = tabs.next(p("指标名称", "indicator name"));
        let value = value_template(&mut tabs, Some(role), money, year);
        out.push_str(&format!("{indent}\"{name}\" {value}\n"));
        if l2.is_some() {
            out.push_str("\t\t}\n");
        }
        let next_l1 = slots.get(idx + 1).map(|(a, _)| *a);
        if next_l1 != Some(*l1) {
            out.push_str("\t}\n");
        }
    }
    out.push('}');
    out
}

/// What a role expects: a short label and a longer explanation.
pub(crate) fn kind_text(role: Role, lang: Lang) -> (&'static str, &'static str) {
    match (role, lang) {
        (Role::Cost, Lang::Zh) => (
            "成本：金额（元、万元），或单位金额（元/人）",
            "成本指标的值应是金额，写成上限 `≤ 118.8万元` 或确数；单位成本写成 `≤ 7200元/人`。",
        ),
        (Role::Quantity, Lang::Zh) => (
            "数量：带单位的数量（人、个、次…）",
            "数量指标的值应是带单位的数量，写成下限 `≥ 165人` 或确数 `144个`；不宜写百分比或定性表述。",
        ),
        (Role::Quality, Lang::Zh) => (
            "质量：百分比或定性表述",
            "质量指标的值是百分比（如 `≥ 95%`）或定性表述（如 `\"达标\"`）。",
        ),
        (Role::Timeliness, Lang::Zh) => (
            "时效：期限、期间或百分比（及时率）",
            "时效指标的值是期限（`2024-12-31前`、`2024年底前`）、期间（`全年`、`30个工作日内`）或百分比（及时率 `≥ 95%`）。",
        ),
        (Role::Benefit, Lang::Zh) => (
            "效益：百分比、数量或定性表述",
            "效益指标的值是百分比、带单位的数量，或可核查的定性表述。",
        ),
        (Role::Satisfaction, Lang::Zh) => (
            "满意度：百分比下限（≥ 90%）",
            "满意度指标的值应是百分比下限，如 `≥ 90%`；不低于体系规定的满意度下限。",
        ),
        (Role::Other, Lang::Zh) => ("任意类型的指标值", "指标值可以是数量、百分比、期限或定性表述。"),
        (Role::Cost, Lang::En) => (
            "cost: money (元, 万元) or money per unit (元/人)",
            "A cost indicator's value is money, as an upper bound `≤ 118.8万元` or exact; a unit cost is `≤ 7200元/人`.",
        ),
        (Role::Quantity, Lang::En) => (
            "quantity: a count with a unit (人, 个, 次 …)",
            "A quantity indicator's value is a count with a unit, as a lower bound `≥ 165人` or exact `144个`; not a percentage or a qualitative text.",
        ),
        (Role::Quality, Lang::En) => (
            "quality: a percentage or a qualitative text",
            "A quality indicator's value is a percentage (`≥ 95%`) or a qualitative text (`\"达标\"`).",
        ),
        (Role::Timeliness, Lang::En) => (
            "timeliness: a deadline, a period or a percentage",
            "A timeliness indicator's value is a deadline (`2024-12-31前`, `2024年底前`), a period (`全年`, `30个工作日内`) or a percentage (a punctuality rate `≥ 95%`).",
        ),
        (Role::Benefit, Lang::En) => (
            "benefit: a percentage, a quantity or a qualitative text",
            "A benefit indicator's value is a percentage, a quantity with a unit, or a checkable qualitative text.",
        ),
        (Role::Satisfaction, Lang::En) => (
            "satisfaction: a percent lower bound (≥ 90%)",
            "A satisfaction indicator's value is a percent lower bound such as `≥ 90%`, at least the scheme's minimum.",
        ),
        (Role::Other, Lang::En) => (
            "any kind of value",
            "The value may be a quantity, a percentage, a deadline or a qualitative text.",
        ),
    }
}

/// Markdown describing a category of a scheme: its place, the value it expects, whether
/// it is required.
pub(crate) fn category_docs(scheme: &Scheme, category: CategoryRef, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    match category {
        CategoryRef::Level1(l1) => {
            let level = &scheme.levels[l1];
            if zh {
                out.push_str(&format!(
                    "**{}**：体系 {} 的一级指标",
                    level.name, scheme.name
                ));
            } else {
                out.push_str(&format!(
                    "**{}**: a 一级 category of scheme {}",
                    level.name, scheme.name
                ));
            }
            if level.children.is_empty() {
                out.push_str("\n\n");
                out.push_str(&expects(scheme, level.role, lang));
            } else {
                let children: Vec<&str> = level.children.iter().map(|c| c.name.as_str()).collect();
                if zh {
                    out.push_str(&format!("\n\n二级指标：{}", children.join("、")));
                } else {
                    out.push_str(&format!("\n\n二级 categories: {}", children.join(", ")));
                }
                if level.role != Role::Other {
                    out.push_str("\n\n");
                    out.push_str(&expects(scheme, level.role, lang));
                }
            }
            if scheme.required.contains(&Requirement::Level1(l1)) {
                out.push_str(lang.pick(
                    "\n\n必填：本体系要求其中至少有一个指标。",
                    "\n\nRequired: the scheme asks for at least one indicator in it.",
                ));
            }
        }
        CategoryRef::Level2(l1, l2) => {
            let level = &scheme.levels[l1];
            let child = &level.children[l2];
            if zh {
                out.push_str(&format!(
                    "**{}**：体系 {} 的二级指标，属于 {}",
                    child.name, scheme.name, level.name
                ));
            } else {
                out.push_str(&format!(
                    "**{}**: a 二级 category of scheme {}, under {}",
                    child.name, scheme.name, level.name
                ));
            }
            out.push_str("\n\n");
            out.push_str(&expects(scheme, child.role, lang));
            if scheme.required.contains(&Requirement::Level2(l1, l2)) {
                out.push_str(lang.pick(
                    "\n\n必填：本体系要求其中至少有一个指标。",
                    "\n\nRequired: the scheme asks for at least one indicator in it.",
                ));
            }
        }
    }
    out
}

/// What the indicators of a role expect, with the scheme's satisfaction minimum.
fn expects(scheme: &Scheme, role: Role, lang: Lang) -> String {
    let mut out = kind_text(role, lang).1.to_string();
    if role == Role::Satisfaction {
        let min = scheme.satisfaction_min.normalized();
        out.push_str(&match lang {
            Lang::Zh => format!("本体系的满意度下限为 {min}%。"),
            Lang::En => format!(" The scheme's minimum is {min}%."),
        });
    }
    out
}

pub(crate) fn scheme_docs(scheme: &Scheme, lang: Lang) -> String {
    let mut out = String::new();
    for level in &scheme.levels {
        let children: Vec<&str> = level.children.iter().map(|c| c.name.as_str()).collect();
        if children.is_empty() {
            out.push_str(&format!("- {}\n", level.name));
        } else {
            let sep = lang.pick("、", ", ");
            out.push_str(&format!("- {}：{}\n", level.name, children.join(sep)));
        }
    }
    let required: Vec<&str> = scheme
        .required
        .iter()
        .map(|req| scheme.requirement_name(*req))
        .collect();
    match lang {
        Lang::Zh => out.push_str(&format!("\n必填：{}", required.join("、"))),
        Lang::En => out.push_str(&format!("\nRequired: {}", required.join(", "))),
    }
    out
}

pub(crate) fn line_docs(line: LineName) -> (&'static str, &'static str) {
    match line {
        LineName::GovernmentBudget => ("资金来源：政府预算资金", "source: government budget"),
        LineName::SpecialAccount => (
            "资金来源：财政专户管理资金",
            "source: special fiscal account",
        ),
        LineName::UnitFunds => ("资金来源：单位资金", "source: the unit's own funds"),
        LineName::OtherFunds => ("资金来源：其他资金", "source: other funds"),
        LineName::BasicExpenditure => ("资金结构：基本支出", "structure: basic expenditure"),
        LineName::ProjectExpenditure => ("资金结构：项目支出", "structure: project expenditure"),
    }
}

/// A one-line description of a field keyword (in the block it stands in).
pub(crate) fn field_docs(key: FieldKey, in_department: bool) -> (&'static str, &'static str) {
    match key {
        FieldKey::Year => (
            "预算年度；期限按它检查",
            "budget year; deadlines are checked against it",
        ),
        FieldKey::Scheme => (
            "项目指标的指标体系",
            "indicator scheme of project indicators",
        ),
        FieldKey::MoneyUnit => (
            "未写单位的金额所用的单位",
            "unit of money amounts written without one",
        ),
        FieldKey::Code if in_department => ("部门编码", "department code"),
        FieldKey::Code => ("编码（项目编码、单位编码）", "code"),
        FieldKey::Unit if in_department => ("部门的单位名称", "the department's unit name"),
        FieldKey::Unit => ("实施单位", "implementing unit"),
        FieldKey::Attribute => (
            "项目属性：一年期或持续性",
            "project attribute: 一年期 or 持续性",
        ),
        FieldKey::Term => ("项目期限", "project term"),
        FieldKey::Funds => ("年度资金总额及其来源", "annual funds and their sources"),
        FieldKey::Purpose => ("项目资金主要用途", "main use of the funds"),
        FieldKey::Plan => (
            "资金支出计划：各季度末累计支出比例",
            "spending plan: cumulative share by quarter",
        ),
        FieldKey::Goal => ("年度目标（可写多条）", "annual goal (may repeat)"),
        FieldKey::Duties => ("年度履职目标", "annual duties"),
        FieldKey::Task => (
            "年度主要任务：任务名称与主要内容",
            "main task: name and content",
        ),
        FieldKey::Budget => (
            "部门预算总额，含来源与结构",
            "department budget with sources and structure",
        ),
        FieldKey::Sources => ("资金来源", "sources of funds"),
        FieldKey::Structure => (
            "资金结构：基本支出与项目支出",
            "structure: basic and project expenditure",
        ),
        FieldKey::Total => (
            "预算单位的合计：其下项目资金之和",
            "budget unit total: sum of its projects' funds",
        ),
        FieldKey::Description => ("绩效指标描述 / 指标值说明", "description of the indicator"),
        FieldKey::Basis => ("指标值确定依据", "basis of the target value"),
        FieldKey::Line(line) => line_docs(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_snippets() {
        assert_eq!(
            expand_snippet("a ${1:x} $2 ${3|一年期,持续性|} \\$ $0"),
            "a x  一年期 $ "
        );
    }
}

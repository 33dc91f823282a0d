//! The records a corpus is made of, independent of how they are written (PTG or TOML).
//! Texts are kept as the author typed them (a value `不低于90%` stays `不低于90%`), so both
//! writers carry exactly the same content.

/// One file: header and departments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Comment lines at the top (without `# `).
    pub comments: Vec<String>,
    pub year: u32,
    /// `国家2021` or `通用`.
    pub scheme: &'static str,
    /// `万元` or `元`.
    pub money_unit: &'static str,
    pub departments: Vec<Department>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub name: String,
    pub code: Option<String>,
    pub duties: Option<String>,
    /// `任务 "名称" "主要内容"`.
    pub tasks: Vec<(String, String)>,
    pub budget: Option<Budget>,
    /// Budget units (预算单位) holding projects, with their stated subtotal.
    pub units: Vec<BudgetUnit>,
    /// Projects directly in the department.
    pub projects: Vec<Project>,
    /// Department-overall (部门整体) indicators.
    pub indicators: Vec<Category>,
}

/// `预算 total { 来源 { … } 结构 { 基本支出 … 项目支出 … } }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub total: String,
    pub sources: Vec<(&'static str, String)>,
    pub basic: String,
    pub projects: String,
}

/// `单位 "名称" { 编码 "…" 合计 N 项目 … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetUnit {
    pub name: String,
    pub code: String,
    pub total: String,
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Own-line comments before the project's fields.
    pub comments: Vec<String>,
    pub name: String,
    pub code: Option<String>,
    /// The implementing unit (实施单位).
    pub unit: Option<String>,
    pub attribute: Option<&'static str>,
    pub term: Option<String>,
    /// `资金 total { source amount … }`.
    pub funds: Option<(String, Vec<(&'static str, String)>)>,
    pub purpose: Option<String>,
    pub plan: Option<Vec<String>>,
    pub goals: Vec<String>,
    pub categories: Vec<Category>,
    /// The rules the generator meant to trigger (empty for a clean project).
    pub defects: Vec<&'static str>,
}

/// A 一级 block as written (`产出指标`, `1-产出指标`, `产出`), holding 二级 blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub subs: Vec<SubCategory>,
}

/// A 二级 block as written; an empty one is written `名称 { }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubCategory {
    pub name: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// An own-line comment before the indicator (a suppression, say).
    pub comment: Option<String>,
    pub name: String,
    /// Full-width quotes “…” around the name instead of "…".
    pub curly: bool,
    pub value: Value,
    pub description: Option<String>,
    pub basis: Option<String>,
}

/// An indicator value as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Written bare: `≥ 90%`, `不低于90%`, `2024年底前`, `全年`, `165人`.
    Plain(String),
    /// A quoted qualitative value: `"有所减轻"`.
    Text(String),
}

impl Document {
    /// Every project of the document, wherever it sits.
    pub fn projects(&self) -> impl Iterator<Item = &Project> {
        self.departments.iter().flat_map(|d| {
            d.units
                .iter()
                .flat_map(|u| u.projects.iter())
                .chain(d.projects.iter())
        })
    }
}

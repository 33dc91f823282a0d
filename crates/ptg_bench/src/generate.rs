//! Seeded generation of records in the five layouts of the seed tables.
//!
//! Each department follows one seed's layout (DOMAIN.md names them by seed number): how it
//! spells categories, writes money and values, and which defects it tends to have. A
//! project is defective with the seed's rate (DOMAIN.md §5: 000 5/5, 001 27/32, 002
//! 339/1,069, 003 11/12, 004 17/20); a defective project gets one to three defects from its
//! layout's menu, each aimed at one warning- or error-level rule. Clean projects carry only
//! what the seeds carry everywhere and the catalogue rates `info`: vague benefit texts,
//! empty categories, descriptions equal to the name.

use std::collections::HashSet;

use crate::records::{
    Budget, BudgetUnit, Category, Department, Document, Indicator, Project, SubCategory, Value,
};
use crate::rng::Rng;
use crate::vocab::{self, Theme};

/// The budget year of every generated file.
pub const YEAR: u32 = 2024;

/// The layout of one seed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 000 焦作解放区: 国家2021, 万元, every 二级 slot written (empty ones `{ }`).
    Jiefang000,
    /// 001 唐山高新区: 通用, `效果指标`, 描述/依据 on most rows, `万` alone.
    Tangshan001,
    /// 002 洛阳西工区: 元 with thousands separators, 部门整体 tables, budget units.
    Xigong002,
    /// 003 乐亭县: 通用, 描述 equal to the name, 依据 a document number, 21-char codes.
    Laoting003,
    /// 004 平罗县: 通用 with coded category names, bare 万元 numbers, duplicates.
    Pingluo004,
}

pub const LAYOUTS: [Layout; 5] = [
    Layout::Jiefang000,
    Layout::Tangshan001,
    Layout::Xigong002,
    Layout::Laoting003,
    Layout::Pingluo004,
];

/// How often each layout is drawn for a department (002 is the largest seed by far).
const LAYOUT_WEIGHTS: [u32; 5] = [10, 22, 33, 15, 20];

impl Layout {
    /// Percent of projects with at least one substantive defect (DOMAIN.md §5).
    pub fn defect_percent(self) -> u32 {
        match self {
            Layout::Jiefang000 => 100,
            Layout::Tangshan001 => 84,
            Layout::Xigong002 => 32,
            Layout::Laoting003 => 92,
            Layout::Pingluo004 => 85,
        }
    }

    /// The header a file of this layout has on its own (multi-file corpus).
    fn header(self) -> (&'static str, &'static str) {
        match self {
            Layout::Jiefang000 => ("国家2021", "万元"),
            Layout::Xigong002 => ("国家2021", "元"),
            Layout::Tangshan001 | Layout::Laoting003 | Layout::Pingluo004 => ("通用", "万元"),
        }
    }

    /// Defects this layout's projects tend to have, with weights.
    fn defect_menu(self) -> &'static [(&'static str, u32)] {
        match self {
            Layout::Jiefang000 => &[
                ("missing-required-category", 4),
                ("quantity-upper-bound", 3),
                ("deadline-vague", 1),
                ("quantity-needs-number", 1),
                ("budget-breakdown-sum", 1),
            ],
            Layout::Tangshan001 => &[
                ("cost-needs-money", 2),
                ("timeliness-kind", 3),
                ("cost-lower-bound", 2),
                ("truncated-name", 2),
                ("rate-needs-percent", 1),
                ("satisfaction-needs-lower-bound", 1),
                ("satisfaction-min", 1),
                ("input-as-output", 1),
                ("value-unit-required", 1),
                ("quantity-needs-number", 1),
                ("cost-per-unit-implicit", 1),
                ("plan-cumulative", 1),
            ],
            Layout::Xigong002 => &[
                ("missing-required-category", 6),
                ("cost-exceeds-budget", 5),
                ("quantity-upper-bound", 3),
                ("satisfaction-min", 2),
                ("cost-lower-bound", 1),
                ("deadline-outside-year", 1),
                ("timeliness-kind", 1),
                ("cost-lines-sum", 1),
                ("cost-per-unit-implicit", 1),
                ("satisfaction-needs-lower-bound", 1),
                ("name-is-category", 1),
                ("missing-goal", 1),
            ],
            Layout::Laoting003 => &[
                ("truncated-name", 3),
                ("rate-needs-percent", 2),
                ("name-is-category", 2),
                ("missing-required-category", 2),
                ("deadline-vague", 2),
                ("name-contains-value", 2),
                ("value-unit-required", 1),
            ],
            Layout::Pingluo004 => &[
                ("duplicate-indicator", 4),
                ("rate-needs-percent", 2),
                ("quantity-needs-number", 2),
                ("satisfaction-needs-lower-bound", 2),
                ("one-indicator-per-row", 1),
                ("cost-lower-bound", 1),
                ("approximate-bound", 1),
                ("value-unit-required", 1),
                ("placeholder-text", 1),
                ("cost-lines-sum", 1),
                ("deadline-vague", 1),
                ("timeliness-kind", 1),
                ("input-as-output", 1),
                ("deadline-outside-year", 1),
                ("percent-range", 1),
                ("invalid-date", 1),
            ],
        }
    }

    fn projects_per_department(self, rng: &mut Rng) -> usize {
        let (lo, hi) = match self {
            Layout::Jiefang000 => (1, 5),
            Layout::Tangshan001 => (3, 8),
            Layout::Xigong002 => (4, 16),
            Layout::Laoting003 => (1, 12),
            Layout::Pingluo004 => (2, 8),
        };
        rng.range(lo, hi) as usize
    }
}

/// What a whole file shares: the header.
#[derive(Debug, Clone, Copy)]
struct FileCtx {
    scheme: &'static str,
    /// The file's `金额单位` is 万元 (else 元).
    wan: bool,
}

/// The role of a 二级 slot: what its indicators measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Cost,
    Quantity,
    Quality,
    Timeliness,
    Economic,
    Social,
    Ecological,
    Sustainable,
    Satisfaction,
}

/// A scheme's slots: 一级 with its 二级 and their roles, in the scheme's order.
type Slots = &'static [(&'static str, &'static [(&'static str, Role)])];

const GUOJIA: Slots = &[
    (
        "成本指标",
        &[
            ("经济成本指标", Role::Cost),
            ("社会成本指标", Role::Cost),
            ("生态环境成本指标", Role::Cost),
        ],
    ),
    (
        "产出指标",
        &[
            ("数量指标", Role::Quantity),
            ("质量指标", Role::Quality),
            ("时效指标", Role::Timeliness),
        ],
    ),
    (
        "效益指标",
        &[
            ("经济效益指标", Role::Economic),
            ("社会效益指标", Role::Social),
            ("生态效益指标", Role::Ecological),
        ],
    ),
    ("满意度指标", &[("服务对象满意度指标", Role::Satisfaction)]),
];

const TONGYONG: Slots = &[
    (
        "产出指标",
        &[
            ("数量指标", Role::Quantity),
            ("质量指标", Role::Quality),
            ("时效指标", Role::Timeliness),
            ("成本指标", Role::Cost),
        ],
    ),
    (
        "效益指标",
        &[
            ("经济效益指标", Role::Economic),
            ("社会效益指标", Role::Social),
            ("生态效益指标", Role::Ecological),
            ("可持续影响指标", Role::Sustainable),
        ],
    ),
    ("满意度指标", &[("服务对象满意度指标", Role::Satisfaction)]),
];

/// The 004 coded spelling of a canonical category name.
fn coded(name: &str) -> &'static str {
    match name {
        "产出指标" => "1-产出指标",
        "效益指标" => "2-效益指标",
        "满意度指标" => "3-满意度指标",
        "数量指标" => "11-数量指标",
        "质量指标" => "12-质量指标",
        "时效指标" => "13-时效指标",
        "成本指标" => "14-成本指标",
        "经济效益指标" => "21-经济效益",
        "社会效益指标" => "22-社会效益",
        "生态效益指标" => "23-生态效益",
        "可持续影响指标" => "24-可持续影响",
        "服务对象满意度指标" => "31-服务对象满意度",
        _ => "",
    }
}

// ---------------------------------------------------------------------------------------
// Money

/// Money in 元 (always a multiple of 1 元).
#[derive(Debug, Clone, Copy)]
struct Money(u64);

fn trim_decimal(int: u64, frac: u64, digits: usize) -> String {
    let mut frac = format!("{frac:0digits$}");
    while frac.ends_with('0') {
        frac.pop();
    }
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (idx, ch) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Money {
    /// `118.8` (in 万元, no unit).
    fn wan_number(self) -> String {
        trim_decimal(self.0 / 10_000, self.0 % 10_000, 4)
    }

    /// `118.8万元`.
    fn wan(self) -> String {
        format!("{}万元", self.wan_number())
    }

    /// `800.000000`: 004's bare numbers in a 万元 file.
    fn bare_wan(self) -> String {
        format!("{}.{:06}", self.0 / 10_000, (self.0 % 10_000) * 100)
    }

    /// `1,200,000元`, `1200000元` or `1,200,000.0元`.
    fn yuan(self, style: u8) -> String {
        match style {
            0 => format!("{}元", self.0),
            1 => format!("{}元", thousands(self.0)),
            _ => format!("{}.0元", thousands(self.0)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The generator

/// How a project writes its money and values.
#[derive(Debug, Clone, Copy)]
struct Style {
    layout: Layout,
    /// `≥ 90%` (else `≥90%`).
    spaced: bool,
    /// How 元 amounts are written (see [`Money::yuan`]).
    yuan_style: u8,
}

impl Style {
    fn money(self, ctx: FileCtx, amount: Money) -> String {
        match self.layout {
            Layout::Xigong002 => amount.yuan(self.yuan_style),
            _ if !ctx.wan => amount.yuan(self.yuan_style),
            _ => amount.wan(),
        }
    }

    /// A funds total or source as this layout writes it.
    fn funds_money(self, ctx: FileCtx, amount: Money) -> String {
        if self.layout == Layout::Pingluo004 && ctx.wan {
            amount.bare_wan()
        } else {
            self.money(ctx, amount)
        }
    }

    fn op(self, op: &str, rest: &str) -> String {
        if self.spaced {
            format!("{op} {rest}")
        } else {
            format!("{op}{rest}")
        }
    }
}

/// Generates departments of one file.
struct Gen<'r> {
    rng: &'r mut Rng,
    ctx: FileCtx,
    place: String,
}

fn place_name(rng: &mut Rng) -> String {
    let city = rng.pick(vocab::CITIES);
    let first = rng.pick(vocab::COUNTY_FIRST);
    let second = rng.pick(vocab::COUNTY_SECOND);
    let kind = rng.pick(vocab::COUNTY_KIND);
    format!("{city}{first}{second}{kind}")
}

fn plain(text: impl Into<String>) -> Value {
    Value::Plain(text.into())
}

fn text(text: impl Into<String>) -> Value {
    Value::Text(text.into())
}

fn indicator(name: impl Into<String>, value: Value) -> Indicator {
    Indicator {
        comment: None,
        name: name.into(),
        curly: false,
        value,
        description: None,
        basis: None,
    }
}

/// A percent bound as an author might type it.
fn percent_bound(rng: &mut Rng, style: Style, pct: u64) -> String {
    match rng.below(10) {
        0 => format!("不低于{pct}%"),
        1 => format!("{pct}%以上"),
        2 => format!("大于等于{pct}%"),
        3 => format!(">={pct}%"),
        _ => style.op("≥", &format!("{pct}%")),
    }
}

/// A count lower bound or exact count as an author might type it.
fn count_value(rng: &mut Rng, style: Style, n: u64, unit: &str) -> String {
    let number = if n >= 10_000 && n % 1000 == 0 && ["人", "户", "份", "人次"].contains(&unit)
    {
        format!("{}万", trim_decimal(n / 10_000, (n % 10_000) / 1000, 1))
    } else {
        n.to_string()
    };
    match rng.below(10) {
        0 => format!("不少于{number}{unit}"),
        1 => format!("{number}{unit}以上"),
        2 | 3 => format!("{number}{unit}"),
        4 => format!(">= {number}{unit}"),
        _ => style.op("≥", &format!("{number}{unit}")),
    }
}

fn round_amount(n: u64) -> u64 {
    match n {
        0..=9_999 => n,
        10_000..=999_999 => n / 100 * 100,
        _ => n / 1000 * 1000,
    }
}

impl Gen<'_> {
    fn department(&mut self, layout: Layout, max_projects: usize) -> Department {
        let rng = &mut *self.rng;
        let theme = rng.pick(vocab::THEMES);
        let projects = layout.projects_per_department(rng).min(max_projects.max(1));
        if layout == Layout::Xigong002 {
            return self.office(theme, projects);
        }
        let name = format!("{}{}", self.place, theme.department);
        let mut department = Department {
            name,
            code: None,
            duties: None,
            tasks: Vec::new(),
            budget: None,
            units: Vec::new(),
            projects: Vec::new(),
            indicators: Vec::new(),
        };
        for idx in 0..projects {
            let project = self.project(layout, theme, idx);
            department.projects.push(project);
        }
        department
    }

    /// A 002 department: duties, tasks, budget, budget units with projects, and
    /// department-overall indicators.
    fn office(&mut self, theme: &'static Theme, projects: usize) -> Department {
        let office = *self.rng.pick(vocab::OFFICES);
        let own = self.rng.percent(40);
        let name = if own {
            format!("{}{}", self.place, office)
        } else {
            format!("{}{}", self.place, theme.department)
        };
        let dept_code = self.rng.range(101, 399);
        let yuan_style = self.rng.below(3) as u8;
        let style = Style {
            layout: Layout::Xigong002,
            spaced: self.rng.percent(50),
            yuan_style,
        };
        let unit_count = self.rng.range(1, 3) as usize;
        let mut units = Vec::new();
        let mut projects_total = 0;
        let mut left = projects;
        for unit_idx in 0..unit_count {
            let n = if unit_idx + 1 == unit_count {
                left
            } else {
                (left / (unit_count - unit_idx)).max(1).min(left)
            };
            left -= n;
            let mut unit_projects = Vec::new();
            for idx in 0..n {
                unit_projects.push(self.project(Layout::Xigong002, theme, idx));
            }
            let sum: u64 = unit_projects.iter().map(|p| p.funds_yuan()).sum();
            projects_total += sum;
            // 002 unit 290018: a stated subtotal that does not match its projects.
            let stated = if self.rng.percent(8) {
                sum + self.rng.range(1, 90) * 100
            } else {
                sum
            };
            let unit_name = format!("{}{}", self.place, self.rng.pick(theme.units));
            units.push(BudgetUnit {
                name: unit_name,
                code: format!("{dept_code}{:03}", unit_idx + 1),
                total: style.money(self.ctx, Money(stated)),
                projects: unit_projects,
            });
        }
        let basic = Money(round_amount(self.rng.range(500_000, 8_000_000)));
        let total = if self.rng.percent(4) {
            basic.0 + projects_total + 10_000
        } else {
            basic.0 + projects_total
        };
        let budget = Budget {
            total: style.money(self.ctx, Money(total)),
            sources: vec![("政府预算资金", style.money(self.ctx, Money(total)))],
            basic: style.money(self.ctx, basic),
            projects: style.money(self.ctx, Money(projects_total)),
        };
        let task_count = self.rng.range(1, 3) as usize;
        let mut tasks = Vec::new();
        for _ in 0..task_count {
            let (task, content) = self.rng.pick(vocab::TASKS);
            if !tasks.iter().any(|(t, _): &(String, String)| t == task) {
                tasks.push(((*task).to_string(), (*content).to_string()));
            }
        }
        Department {
            name,
            code: Some(dept_code.to_string()),
            duties: if self.rng.percent(96) {
                Some((*self.rng.pick(vocab::DUTIES)).to_string())
            } else {
                None
            },
            tasks,
            budget: Some(budget),
            units,
            projects: Vec::new(),
            indicators: self.department_indicators(style),
        }
    }

    fn department_indicators(&mut self, style: Style) -> Vec<Category> {
        let mut categories: Vec<Category> = Vec::new();
        for &(first, second, name, value) in vocab::DEPARTMENT_INDICATORS {
            if self.rng.percent(25) {
                continue;
            }
            let value = match value.strip_prefix('"') {
                Some(rest) => text(rest.trim_end_matches('"')),
                None => plain(value),
            };
            push_indicator(&mut categories, first, second, indicator(name, value));
        }
        // 16 of 53 departments in 002 wrote a reduction rate as a control rate.
        let control = if self.rng.ratio(16, 53) {
            style.op("≤", &format!("{}%", self.rng.range(5, 20)))
        } else {
            style.op("≤", "100%")
        };
        push_indicator(
            &mut categories,
            "投入管理指标",
            "预算和财务管理",
            indicator("“三公经费”控制率", plain(control)),
        );
        // The required categories (产出, 效益, 满意度) always have an indicator.
        for &(first, second, name, value) in vocab::DEPARTMENT_INDICATORS {
            let present = categories
                .iter()
                .any(|c| c.name == first && c.subs.iter().any(|s| !s.indicators.is_empty()));
            if first != "投入管理指标" && !present {
                push_indicator(
                    &mut categories,
                    first,
                    second,
                    indicator(name, plain(value)),
                );
            }
        }
        let order = ["投入管理指标", "产出指标", "效益指标", "满意度指标"];
        categories.sort_by_key(|c| order.iter().position(|o| *o == c.name));
        categories
    }

    fn project(&mut self, layout: Layout, theme: &'static Theme, idx: usize) -> Project {
        let rng = &mut *self.rng;
        let ctx = self.ctx;
        let style = Style {
            layout,
            spaced: rng.percent(if layout == Layout::Xigong002 { 70 } else { 40 }),
            yuan_style: rng.below(3) as u8,
        };
        let stem = *rng.pick(theme.projects);
        let mut name = match layout {
            Layout::Jiefang000 => format!("{YEAR}年{stem}"),
            Layout::Laoting003 if rng.percent(50) => format!(
                "{YEAR}年市级{stem}（{}财社[{YEAR}]{}号）",
                &vocab::CITIES[rng.below(vocab::CITIES.len() as u64) as usize][..6],
                rng.range(3, 120)
            ),
            _ => stem.to_string(),
        };
        if idx > 0 && rng.percent(60) {
            // Several projects of one department share a stem: tell them apart.
            name = format!(
                "{name}（{}）",
                ["一期", "二期", "续建", "本级", "乡镇"][idx % 5]
            );
        }
        // 003: projects named after an earlier year's allocation (stale-year, info).
        if layout == Layout::Laoting003 && rng.percent(30) {
            name = format!("{}年{stem}", YEAR - 1);
        }
        let funds = Money(match layout {
            Layout::Jiefang000 => rng.range(100, 2000) * 1000,
            Layout::Tangshan001 => rng.range(50, 5000) * 1000,
            Layout::Xigong002 => rng.range(20, 1500) * 1000 + rng.range(0, 9) * 100,
            Layout::Laoting003 => rng.range(500, 6000) * 100,
            Layout::Pingluo004 => rng.range(5, 100) * 100_000,
        });
        let mut sources = Vec::new();
        if rng.percent(20) {
            let own = funds.0 * rng.range(5, 30) / 100 / 100 * 100;
            sources.push(("政府预算资金", Money(funds.0 - own)));
            sources.push((*rng.pick(&["单位资金", "财政专户管理资金"]), Money(own)));
        } else {
            sources.push(("政府预算资金", funds));
        }
        let code = match layout {
            Layout::Laoting003 => Some(format!(
                "130225{:02}P00X0N0{:05}U",
                rng.range(10, 99),
                rng.range(10_000, 99_999)
            )),
            Layout::Xigong002 => Some(format!(
                "410303-{YEAR}-{:06}-{:03}",
                rng.range(101_001, 399_003),
                idx + 1
            )),
            Layout::Jiefang000 if rng.percent(40) => {
                Some(format!("410802-{YEAR}-{:03}", rng.range(1, 200)))
            }
            _ => None,
        };
        let unit = match layout {
            Layout::Tangshan001 => None,
            _ => Some(format!("{}{}", self.place, rng.pick(theme.units))),
        };
        let plan = match layout {
            Layout::Tangshan001 | Layout::Laoting003 => Some(
                rng.pick(&[
                    ["25%", "50%", "75%", "100%"],
                    ["30%", "60%", "90%", "100%"],
                    ["20%", "40%", "70%", "100%"],
                    ["10%", "40%", "70%", "100%"],
                ])
                .iter()
                .map(|s| (*s).to_string())
                .collect(),
            ),
            _ if rng.percent(20) => Some(
                ["25%", "50%", "75%", "100%"]
                    .iter()
                    .map(|s| (*s).to_string())
                    .collect(),
            ),
            _ => None,
        };
        let purpose = *rng.pick(theme.purposes);
        let beneficiary = *rng.pick(theme.beneficiaries);
        let mut goals = vec![format!("{purpose}，保障{beneficiary}的基本需求。")];
        if rng.percent(30) {
            let (what, how) = rng.pick(theme.benefit_texts);
            goals.push(format!("按期完成年度任务，{what}{how}。"));
        }
        let mut comments = Vec::new();
        if layout == Layout::Pingluo004 {
            comments.push("项目主管处室 08-经济建设室；项目属性 0101-一年期项目".to_string());
        } else if rng.percent(5) {
            comments.push("资金来源按财政批复填列".to_string());
        }
        let mut project = Project {
            comments,
            name,
            code,
            unit,
            attribute: match layout {
                Layout::Tangshan001 => None,
                _ => Some(*rng.pick(&["一年期", "一年期", "持续性"])),
            },
            term: match layout {
                Layout::Tangshan001 | Layout::Laoting003 => None,
                _ => Some(rng.pick(&["1年", "1年", "3年"]).to_string()),
            },
            funds: Some((
                style.funds_money(ctx, funds),
                sources
                    .iter()
                    .map(|(k, m)| (*k, style.funds_money(ctx, *m)))
                    .collect(),
            )),
            purpose: if layout == Layout::Pingluo004 {
                None
            } else {
                Some(format!("{purpose}。"))
            },
            plan,
            goals,
            categories: Vec::new(),
            defects: Vec::new(),
        };
        let mut b = ProjectBuilder {
            rng: &mut *self.rng,
            ctx,
            style,
            theme,
            funds,
            beneficiary,
            used: HashSet::new(),
            slots: Vec::new(),
            removed: None,
        };
        b.fill();
        let defective = b.rng.percent(layout.defect_percent());
        if defective {
            let menu = layout.defect_menu();
            let weights: Vec<u32> = menu.iter().map(|(_, w)| *w).collect();
            let mut wanted = 1;
            if b.rng.percent(45) {
                wanted += 1;
            }
            if b.rng.percent(20) {
                wanted += 1;
            }
            let mut tries = 0;
            while project.defects.len() < wanted && tries < 20 {
                tries += 1;
                let rule = menu[b.rng.weighted(&weights)].0;
                if project.defects.contains(&rule) {
                    continue;
                }
                if b.inject(rule, &mut project) {
                    project.defects.push(rule);
                }
            }
        }
        project.categories = b.categories(layout);
        project
    }
}

/// Adds an indicator to the (一级, 二级) block, creating the blocks in order of first use.
fn push_indicator(categories: &mut Vec<Category>, first: &str, second: &str, ind: Indicator) {
    let idx = match categories.iter().position(|c| c.name == first) {
        Some(idx) => idx,
        None => {
            categories.push(Category {
                name: first.to_string(),
                subs: Vec::new(),
            });
            categories.len() - 1
        }
    };
    let cat = &mut categories[idx];
    match cat.subs.iter_mut().find(|s| s.name == second) {
        Some(sub) => sub.indicators.push(ind),
        None => cat.subs.push(SubCategory {
            name: second.to_string(),
            indicators: vec![ind],
        }),
    }
}

/// One slot of a project: its canonical names, role and indicators.
struct Slot {
    first: &'static str,
    second: &'static str,
    role: Role,
    indicators: Vec<Indicator>,
    /// Written even when empty (000 writes every slot; a removed required category is not).
    keep_empty: bool,
}

struct ProjectBuilder<'a> {
    rng: &'a mut Rng,
    ctx: FileCtx,
    style: Style,
    theme: &'static Theme,
    funds: Money,
    beneficiary: &'static str,
    used: HashSet<String>,
    slots: Vec<Slot>,
    /// The role a `missing-required-category` defect emptied: nothing is added back.
    removed: Option<Role>,
}

impl ProjectBuilder<'_> {
    fn slots_of(&self) -> Slots {
        if self.ctx.scheme == "国家2021" {
            GUOJIA
        } else {
            TONGYONG
        }
    }

    fn fresh(&mut self, name: &str) -> bool {
        self.used.insert(name.to_string())
    }

    fn fill(&mut self) {
        let layout = self.style.layout;
        for &(first, subs) in self.slots_of() {
            for (pos, &(second, role)) in subs.iter().enumerate() {
                // Only the first cost slot of 国家2021 holds lines; the others are the
                // seeds' empty 社会成本/生态环境成本 slots.
                let indicators = if role == Role::Cost && first == "成本指标" && pos > 0 {
                    Vec::new()
                } else {
                    self.indicators_for(role)
                };
                let keep_empty = layout == Layout::Jiefang000
                    || (layout == Layout::Pingluo004 && self.rng.percent(15));
                self.slots.push(Slot {
                    first,
                    second,
                    role,
                    indicators,
                    keep_empty,
                });
            }
        }
        // Descriptions and bases.
        let (share, ned) = match layout {
            Layout::Laoting003 => (100, 75),
            Layout::Tangshan001 => (70, 12),
            _ => (8, 10),
        };
        for slot in &mut self.slots {
            for ind in &mut slot.indicators {
                if !self.rng.percent(share) {
                    continue;
                }
                ind.description = Some(if self.rng.percent(ned) {
                    ind.name.clone()
                } else {
                    (*self.rng.pick(vocab::EXPLANATIONS)).to_string()
                });
                ind.basis = Some((*self.rng.pick(vocab::BASES)).to_string());
            }
        }
        for slot in &mut self.slots {
            for ind in &mut slot.indicators {
                ind.curly = self.rng.percent(2);
            }
        }
    }

    fn money(&self, amount: Money) -> String {
        self.style.money(self.ctx, amount)
    }

    fn indicators_for(&mut self, role: Role) -> Vec<Indicator> {
        let style = self.style;
        let theme = self.theme;
        let mut out = Vec::new();
        match role {
            Role::Cost => {
                let total_line = self.rng.percent(60);
                if total_line {
                    let name = *self.rng.pick(&["项目成本", "项目总成本", "成本合计"]);
                    let money = self.money(self.funds);
                    out.push(indicator(name, plain(style.op("≤", &money))));
                }
                let components = if total_line {
                    self.rng.below(3)
                } else {
                    self.rng.range(1, 3)
                };
                let mut left = 90;
                for _ in 0..components {
                    let name = *self.rng.pick(vocab::COST_COMPONENTS);
                    if !self.fresh(name) || left < 10 {
                        continue;
                    }
                    let pct = self.rng.range(5, left.min(60));
                    left -= pct;
                    let amount = Money(round_amount(self.funds.0 * pct / 100).max(100));
                    let money = self.money(amount);
                    let value = if style.layout == Layout::Pingluo004 || self.rng.percent(30) {
                        money
                    } else {
                        style.op("≤", &money)
                    };
                    out.push(indicator(name, plain(value)));
                }
                if self.rng.percent(30) {
                    let name = *self.rng.pick(vocab::COST_PER_HEAD);
                    if self.fresh(name) {
                        let per = round_amount(self.rng.range(100, 12_000));
                        out.push(indicator(
                            name,
                            plain(style.op("≤", &format!("{per}元/人"))),
                        ));
                    }
                }
            }
            Role::Quantity => {
                for _ in 0..self.rng.range(1, 3) {
                    let q = self.rng.pick(theme.quantities);
                    if !self.fresh(q.name) {
                        continue;
                    }
                    let n = self.rng.range(q.lo, q.hi);
                    let n = if n >= 10_000 { n / 1000 * 1000 } else { n };
                    let value = if ["吨", "平方米", "米", "亩"].contains(&q.unit)
                        && self.rng.percent(5)
                    {
                        format!("0~{n}{}", q.unit)
                    } else {
                        count_value(self.rng, style, n, q.unit)
                    };
                    out.push(indicator(q.name, plain(value)));
                }
                if self.rng.percent(4) {
                    // A quantity that is an upper bound by nature, suppressed with a reason.
                    let q = &theme.quantities[0];
                    let name = format!("{}上限", q.name);
                    if self.fresh(&name) {
                        let mut ind =
                            indicator(name, plain(style.op("≤", &format!("{}{}", q.hi, q.unit))));
                        ind.comment = Some(
                            "ptg: allow(quantity-upper-bound) -- 名额由上级核定，是上限"
                                .to_string(),
                        );
                        out.push(ind);
                    }
                }
            }
            Role::Quality => {
                for _ in 0..self.rng.range(1, 2) {
                    let name = *self.rng.pick(theme.qualities);
                    if !self.fresh(name) {
                        continue;
                    }
                    let pct = *self.rng.pick(&[90, 95, 98, 100, 100]);
                    let value = match self.rng.below(6) {
                        0 => format!("{pct}%"),
                        1 => style.op("=", &format!("{pct}%")),
                        _ => percent_bound(self.rng, style, pct),
                    };
                    out.push(indicator(name, plain(value)));
                }
            }
            Role::Timeliness => {
                if self.rng.percent(25) {
                    let name =
                        *self
                            .rng
                            .pick(&["资金拨付及时率", "任务按时完成率", "补贴发放及时率"]);
                    if self.fresh(name) {
                        let pct = *self.rng.pick(&[95, 98, 100]);
                        out.push(indicator(name, plain(percent_bound(self.rng, style, pct))));
                    }
                } else {
                    let name = *self.rng.pick(&[
                        "项目完成时间",
                        "资金拨付时间",
                        "任务完成时间",
                        "补贴发放时间",
                        "验收完成时间",
                    ]);
                    if self.fresh(name) {
                        let month = self.rng.range(6, 12);
                        let last =
                            [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
                        let value = match self.rng.below(12) {
                            0 => format!("{YEAR}-{month:02}-{last}前"),
                            1 => format!("{YEAR}-{month:02}-{last}"),
                            2 => format!("{YEAR}年{month}月{last}日前"),
                            3 => format!("{YEAR}年{month}月底前"),
                            4 => format!("{YEAR}年底前"),
                            5 => format!("{month}月底前"),
                            6 => "全年".to_string(),
                            7 => "每季度".to_string(),
                            8 => "年底前".to_string(),
                            9 => format!("{}个工作日内", self.rng.range(5, 30)),
                            10 => format!("{}个月内", self.rng.range(1, 6)),
                            _ => format!("{YEAR}年12月31日前"),
                        };
                        out.push(indicator(name, plain(value)));
                    }
                }
            }
            Role::Economic | Role::Social | Role::Ecological | Role::Sustainable => {
                let chance = match role {
                    Role::Social => 100,
                    Role::Economic => 50,
                    Role::Sustainable => 40,
                    _ => 20,
                };
                if !self.rng.percent(chance) {
                    return out;
                }
                if role == Role::Social && self.rng.percent(55) {
                    let name = *self.rng.pick(theme.benefit_rates);
                    if self.fresh(name) {
                        let pct = self.rng.range(6, 19) * 5;
                        out.push(indicator(name, plain(percent_bound(self.rng, style, pct))));
                    }
                } else {
                    let (name, value) = *self.rng.pick(theme.benefit_texts);
                    let value = if self.rng.percent(15) {
                        *self.rng.pick(vocab::PLAIN_TEXTS)
                    } else {
                        value
                    };
                    if self.fresh(name) {
                        out.push(indicator(name, text(value)));
                    }
                }
            }
            Role::Satisfaction => {
                let name = format!("{}满意度", self.beneficiary);
                self.fresh(&name);
                let pct = *self.rng.pick(&[85, 90, 90, 95, 95, 98]);
                out.push(indicator(name, plain(percent_bound(self.rng, style, pct))));
            }
        }
        out
    }

    /// The indicators of the first slot with `role` that has some.
    fn slot_mut(&mut self, role: Role) -> Option<&mut Slot> {
        self.slots
            .iter_mut()
            .find(|s| s.role == role && !s.indicators.is_empty())
    }

    /// The first indicator of `role` whose name satisfies `pred`.
    fn find(&mut self, role: Role, pred: impl Fn(&Indicator) -> bool) -> Option<&mut Indicator> {
        if self.removed == Some(role) {
            return None;
        }
        self.slots
            .iter_mut()
            .filter(|s| s.role == role)
            .flat_map(|s| s.indicators.iter_mut())
            .find(|ind| pred(ind) && ind.comment.is_none())
    }

    /// Changes the project so that it breaks `rule`; `false` when the rule does not apply.
    fn inject(&mut self, rule: &'static str, project: &mut Project) -> bool {
        let style = self.style;
        let funds = self.funds;
        match rule {
            "quantity-upper-bound" => {
                let n = self.rng.range(5, 300);
                let theme = self.theme;
                let Some(ind) = self.find(Role::Quantity, |i| {
                    theme.quantities.iter().any(|q| q.name == i.name)
                }) else {
                    return false;
                };
                let unit = theme
                    .quantities
                    .iter()
                    .find(|q| q.name == ind.name)
                    .map_or("个", |q| q.unit);
                ind.value = plain(style.op("≤", &format!("{n}{unit}")));
                true
            }
            "quantity-needs-number" => {
                let value = if self.rng.percent(50) {
                    plain("100%")
                } else {
                    text("符合救助条件的对象按规定纳入救助范围")
                };
                let Some(ind) = self.find(Role::Quantity, |_| true) else {
                    return false;
                };
                ind.value = value;
                true
            }
            "value-unit-required" => {
                let n = self.rng.range(2, 20);
                let Some(ind) = self.find(Role::Quantity, |_| true) else {
                    return false;
                };
                ind.value = plain(n.to_string());
                true
            }
            "cost-lower-bound" => {
                let per = self.rng.range(20, 400);
                let name = *self
                    .rng
                    .pick(&["基本公共服务人均投入", "人均补助标准（年）"]);
                self.push(
                    Role::Cost,
                    name,
                    plain(style.op("≥", &format!("{per}元/人"))),
                )
            }
            "cost-needs-money" => {
                let value = if self.rng.percent(60) {
                    text("是")
                } else {
                    plain(style.op("=", "100%"))
                };
                let name = *self.rng.pick(&["成本控制在预算范围内", "资金使用合规"]);
                self.push(Role::Cost, name, value)
            }
            "cost-per-unit-implicit" => {
                let n = round_amount(self.rng.range(800, 9000));
                let name = *self.rng.pick(&["单次活动费用", "每户补助标准"]);
                self.push(Role::Cost, name, plain(format!("{n}元")))
            }
            "approximate-bound" => {
                let n = round_amount(self.rng.range(800, 9000));
                self.push(Role::Cost, "人均标准（月）", plain(format!("{n}元左右")))
            }
            "cost-exceeds-budget" => {
                let over = Money(round_amount(funds.0 * self.rng.range(120, 250) / 100));
                let money = self.money(over);
                self.push(Role::Cost, "项目支出成本", plain(style.op("≤", &money)))
            }
            "cost-lines-sum" => {
                let part = Money(round_amount(funds.0 * self.rng.range(55, 80) / 100));
                let a = self.money(part);
                let ok = self.push(Role::Cost, "硬件购置费", plain(style.op("≤", &a)));
                ok && self.push(Role::Cost, "软件开发费", plain(style.op("≤", &a)))
            }
            "budget-breakdown-sum" => {
                let Some((_, sources)) = project.funds.as_mut() else {
                    return false;
                };
                let wrong = Money(funds.0 + self.rng.range(1, 50) * 1000);
                sources[0].1 = style.funds_money(self.ctx, wrong);
                true
            }
            "plan-cumulative" => {
                let plan: &[&str] = if self.rng.percent(50) {
                    &["30%", "60%", "50%", "100%"]
                } else {
                    &["25%", "50%", "75%", "90%"]
                };
                project.plan = Some(plan.iter().map(|s| (*s).to_string()).collect());
                true
            }
            "rate-needs-percent" => {
                let value = if self.rng.percent(50) {
                    text("是")
                } else {
                    plain(style.op("≥", "5人"))
                };
                let Some(ind) = self.find(Role::Quality, |i| i.name.ends_with('率')) else {
                    return false;
                };
                ind.value = value;
                true
            }
            "timeliness-kind" => {
                let value = text(*self.rng.pick(&["完成", "按合同约定", "及时"]));
                let Some(ind) = self.find(Role::Timeliness, |i| i.name.ends_with("时间")) else {
                    return false;
                };
                ind.value = value;
                true
            }
            "deadline-vague" => {
                let value = if self.rng.percent(50) {
                    format!("{}日前", self.rng.range(5, 25))
                } else {
                    format!("{YEAR}年")
                };
                let Some(ind) = self.find(Role::Timeliness, |i| i.name.ends_with("时间")) else {
                    return false;
                };
                ind.value = plain(value);
                true
            }
            "deadline-outside-year" => {
                let value = if self.rng.percent(50) {
                    format!("{}年底前", YEAR - 1)
                } else {
                    format!("{}年12月", YEAR - 1)
                };
                let Some(ind) = self.find(Role::Timeliness, |i| i.name.ends_with("时间")) else {
                    return false;
                };
                ind.value = plain(value);
                true
            }
            "invalid-date" => {
                let Some(ind) = self.find(Role::Timeliness, |i| i.name.ends_with("时间")) else {
                    return false;
                };
                ind.value = plain(format!("{YEAR}-02-30前"));
                true
            }
            "satisfaction-min" => {
                let pct = self.rng.range(70, 80);
                let value = style.op("≥", &format!("{pct}%"));
                let Some(ind) = self.find(Role::Satisfaction, |_| true) else {
                    return false;
                };
                ind.value = plain(value);
                true
            }
            "satisfaction-needs-lower-bound" => {
                let pct = *self.rng.pick(&[90, 95, 98]);
                let Some(ind) = self.find(Role::Satisfaction, |_| true) else {
                    return false;
                };
                ind.value = plain(format!("{pct}%"));
                true
            }
            "percent-range" => {
                let Some(ind) = self.find(Role::Quality, |i| i.name.ends_with('率')) else {
                    return false;
                };
                ind.value = plain(style.op("≥", "120%"));
                true
            }
            "missing-required-category" => {
                let role = if self.ctx.scheme == "国家2021" && style.layout == Layout::Jiefang000
                {
                    Role::Cost
                } else {
                    *self
                        .rng
                        .pick(&[Role::Satisfaction, Role::Timeliness, Role::Quality])
                };
                let mut removed = false;
                for slot in self.slots.iter_mut().filter(|s| s.role == role) {
                    removed |= !slot.indicators.is_empty();
                    slot.indicators.clear();
                    slot.keep_empty = style.layout == Layout::Jiefang000;
                }
                self.removed = Some(role);
                removed
            }
            "duplicate-indicator" => {
                let Some(slot) = self.slot_mut(Role::Social) else {
                    return false;
                };
                let mut copy = slot.indicators[0].clone();
                copy.comment = None;
                let target = if self.ctx.scheme == "通用" {
                    Role::Sustainable
                } else {
                    Role::Economic
                };
                match self.slots.iter_mut().find(|s| s.role == target) {
                    Some(slot) => {
                        slot.indicators.push(copy);
                        true
                    }
                    None => false,
                }
            }
            "name-contains-value" => {
                let q = &self.theme.quantities[0];
                let n = self.rng.range(q.lo, q.hi);
                let name = format!("{}不少于{n}{}", q.name, q.unit);
                self.push(
                    Role::Quantity,
                    &name,
                    plain(style.op("≥", &format!("{n}{}", q.unit))),
                )
            }
            "one-indicator-per-row" => {
                let a = self.theme.qualities[0];
                let b = self.theme.qualities[1];
                let name = format!("{a}、{b}");
                self.push(Role::Quality, &name, plain(style.op("≥", "95%")))
            }
            "placeholder-text" => {
                let Some(ind) = self.find(Role::Economic, |_| true) else {
                    return self.push(Role::Economic, "经济效益", text("？？？"));
                };
                ind.value = text("？？？");
                true
            }
            "name-is-category" => {
                let n = self.rng.range(2, 20);
                let unit = self.theme.quantities[0].unit;
                self.push(
                    Role::Quantity,
                    "数量指标",
                    plain(style.op("≥", &format!("{n}{unit}"))),
                )
            }
            "truncated-name" => {
                let Some(ind) = self.find(Role::Quality, |i| {
                    i.name.ends_with('率') && i.name.chars().count() > 3
                }) else {
                    return false;
                };
                let full = ind.name.clone();
                let mut cut = full.clone();
                cut.pop();
                ind.name = cut;
                ind.description = Some(full);
                true
            }
            "missing-goal" => {
                project.goals.clear();
                true
            }
            "input-as-output" => {
                let amount = Money(round_amount(funds.0 / 2));
                let money = self.money(amount);
                self.push(Role::Quantity, "资金发放金额", plain(style.op("≥", &money)))
            }
            _ => false,
        }
    }

    /// Adds an indicator to the first slot with `role`.
    fn push(&mut self, role: Role, name: &str, value: Value) -> bool {
        if self.removed == Some(role) || !self.fresh(name) {
            return false;
        }
        match self.slots.iter_mut().find(|s| s.role == role) {
            Some(slot) => {
                slot.indicators.push(indicator(name, value));
                true
            }
            None => false,
        }
    }

    /// The category blocks as this layout writes them.
    fn categories(self, layout: Layout) -> Vec<Category> {
        let mut out: Vec<Category> = Vec::new();
        for slot in self.slots {
            if slot.indicators.is_empty() && !slot.keep_empty {
                continue;
            }
            let (first, second) = match layout {
                Layout::Pingluo004 if self.ctx.scheme == "通用" => (
                    coded(slot.first).to_string(),
                    coded(slot.second).to_string(),
                ),
                Layout::Tangshan001 if slot.first == "效益指标" => {
                    ("效果指标".to_string(), slot.second.to_string())
                }
                _ => (slot.first.to_string(), slot.second.to_string()),
            };
            let idx = match out.iter().position(|c| c.name == first) {
                Some(idx) => idx,
                None => {
                    out.push(Category {
                        name: first,
                        subs: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            out[idx].subs.push(SubCategory {
                name: second,
                indicators: slot.indicators,
            });
        }
        out
    }
}

impl Project {
    /// The project's funds in 元, read back from what the generator wrote.
    pub fn funds_yuan(&self) -> u64 {
        let Some((total, _)) = &self.funds else {
            return 0;
        };
        parse_money(total)
    }
}

/// Reads back a money text the generator wrote (`118.8万元`, `1,200,000.0元`, `800.000000`
/// in 万元).
fn parse_money(text: &str) -> u64 {
    let (number, scale) = if let Some(n) = text.strip_suffix("万元") {
        (n, 10_000)
    } else if let Some(n) = text.strip_suffix('元') {
        (n, 1)
    } else {
        (text, 10_000)
    };
    let number: String = number.chars().filter(|c| *c != ',').collect();
    let (int, frac) = number.split_once('.').unwrap_or((&number, ""));
    let int: u64 = int.parse().unwrap_or(0);
    let mut value = int * scale;
    let mut unit = scale;
    for ch in frac.chars() {
        unit /= 10;
        if unit == 0 {
            break;
        }
        value += u64::from(ch.to_digit(10).unwrap_or(0)) * unit;
    }
    value
}

// ---------------------------------------------------------------------------------------
// Files

/// Where a generated file of a multi-file corpus goes, and its records.
pub struct GeneratedFile {
    /// Relative path with `/` separators, without extension (`county-007/table-0143`).
    pub stem: String,
    pub document: Document,
}

/// A single file of `departments` from a mix of layouts, under one `通用` header.
pub struct SingleFile {
    rng: Rng,
    ctx: FileCtx,
    place: String,
    departments: u64,
}

impl SingleFile {
    pub fn new(seed: u64) -> SingleFile {
        let rng = Rng::new(seed);
        let mut place_rng = rng.fork(u64::MAX);
        SingleFile {
            rng,
            ctx: FileCtx {
                scheme: "通用",
                wan: true,
            },
            place: place_name(&mut place_rng),
            departments: 0,
        }
    }

    /// The document header, without departments.
    pub fn header(&self) -> Document {
        Document {
            comments: vec![
                "ptg-corpus: 生成的预算绩效目标表（单文件），版式与缺陷率仿照 ../shared/seeds/"
                    .to_string(),
            ],
            year: YEAR,
            scheme: self.ctx.scheme,
            money_unit: "万元",
            departments: Vec::new(),
        }
    }

    /// The next department, with at most `max_projects` projects.
    pub fn next_department(&mut self, max_projects: usize) -> Department {
        let mut rng = self.rng.fork(self.departments);
        self.departments += 1;
        if self.departments % 20 == 0 {
            // A long file covers several counties, as a city's collection would.
            self.place = place_name(&mut rng);
        }
        let layout = LAYOUTS[rng.weighted(&LAYOUT_WEIGHTS)];
        let mut generator = Gen {
            rng: &mut rng,
            ctx: self.ctx,
            place: self.place.clone(),
        };
        generator.department(layout, max_projects)
    }
}

/// File `index` of a multi-file corpus: one county's table from one department (now and
/// then two), in one layout with that layout's own header.
pub fn corpus_file(seed: u64, index: usize) -> GeneratedFile {
    let root = Rng::new(seed);
    let county = index / 20;
    let mut county_rng = root.fork(0x1000_0000 + county as u64);
    let place = place_name(&mut county_rng);
    let mut rng = root.fork(index as u64);
    let layout = LAYOUTS[rng.weighted(&LAYOUT_WEIGHTS)];
    let (scheme, unit) = layout.header();
    let ctx = FileCtx {
        scheme,
        wan: unit == "万元",
    };
    let departments = if rng.percent(10) { 2 } else { 1 };
    let mut generator = Gen {
        rng: &mut rng,
        ctx,
        place,
    };
    let mut list = Vec::new();
    for _ in 0..departments {
        list.push(generator.department(layout, usize::MAX));
    }
    GeneratedFile {
        stem: format!("county-{county:03}/table-{index:04}"),
        document: Document {
            comments: vec![format!(
                "ptg-corpus: 生成的预算绩效目标表，版式仿照种子表 {}",
                match layout {
                    Layout::Jiefang000 => "000（国家2021，万元）",
                    Layout::Tangshan001 => "001（通用，效果指标）",
                    Layout::Xigong002 => "002（部门整体，元）",
                    Layout::Laoting003 => "003（通用，描述/依据）",
                    Layout::Pingluo004 => "004（通用，编号类别名）",
                }
            )],
            year: YEAR,
            scheme,
            money_unit: unit,
            departments: list,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_texts() {
        assert_eq!(Money(1_188_000).wan(), "118.8万元");
        assert_eq!(Money(304_100).wan(), "30.41万元");
        assert_eq!(Money(8_000_000).bare_wan(), "800.000000");
        assert_eq!(Money(7_395_500).yuan(1), "7,395,500元");
        assert_eq!(Money(7_395_500).yuan(2), "7,395,500.0元");
        assert_eq!(Money(500).yuan(1), "500元");
        for text in [
            "118.8万元",
            "30.41万元",
            "800.000000",
            "7,395,500.0元",
            "1200元",
        ] {
            let back = parse_money(text);
            assert!(back > 0, "{text}");
        }
        assert_eq!(parse_money("118.8万元"), 1_188_000);
        assert_eq!(parse_money("800.000000"), 8_000_000);
        assert_eq!(parse_money("7,395,500.0元"), 7_395_500);
    }
}

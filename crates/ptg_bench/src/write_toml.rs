//! The same records written as TOML, for a peer comparison with taplo. The schema is the
//! plain one a team would pick for these tables: arrays of tables for departments, budget
//! units, projects and indicators (one table per 三级 indicator, naming its 一级 and
//! 二级), values and money as the strings the author typed.
//!
//! ```toml
//! year = 2024
//! scheme = "通用"
//! money_unit = "万元"
//!
//! [[departments]]
//! name = "某县残疾人联合会"
//!
//! [[departments.projects]]
//! name = "残疾儿童康复救助项目"
//! goals = ["…"]
//!
//! [departments.projects.funds]
//! total = "118.8万元"
//! sources = { "政府预算资金" = "118.8万元" }
//!
//! [[departments.projects.indicators]]
//! category = "产出指标"
//! subcategory = "数量指标"
//! name = "得到基本康复服务的残疾儿童数量"
//! value = "≥ 165人"
//! ```

use std::fmt::Write as _;

use crate::records::{Category, Department, Document, Project, Value};

fn string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn key_value(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    string(out, value);
    out.push('\n');
}

fn array(out: &mut String, key: &str, items: &[String]) {
    out.push_str(key);
    out.push_str(" = [");
    for (idx, item) in items.iter().enumerate() {
        if idx > 0 {
            out.push_str(", ");
        }
        string(out, item);
    }
    out.push_str("]\n");
}

fn sources(out: &mut String, sources: &[(&str, String)]) {
    out.push_str("sources = { ");
    for (idx, (source, amount)) in sources.iter().enumerate() {
        if idx > 0 {
            out.push_str(", ");
        }
        string(out, source);
        out.push_str(" = ");
        string(out, amount);
    }
    out.push_str(" }\n");
}

pub fn header(out: &mut String, doc: &Document) {
    for comment in &doc.comments {
        let _ = writeln!(out, "# {comment}");
    }
    let _ = writeln!(out, "year = {}", doc.year);
    key_value(out, "scheme", doc.scheme);
    key_value(out, "money_unit", doc.money_unit);
}

pub fn document(out: &mut String, doc: &Document) {
    header(out, doc);
    for department in &doc.departments {
        self::department(out, department);
    }
}

pub fn department(out: &mut String, dept: &Department) {
    out.push_str("\n[[departments]]\n");
    key_value(out, "name", &dept.name);
    if let Some(code) = &dept.code {
        key_value(out, "code", code);
    }
    if let Some(duties) = &dept.duties {
        key_value(out, "duties", duties);
    }
    if !dept.tasks.is_empty() {
        out.push_str("tasks = [\n");
        for (name, content) in &dept.tasks {
            out.push_str("  { name = ");
            string(out, name);
            out.push_str(", content = ");
            string(out, content);
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }
    if let Some(budget) = &dept.budget {
        out.push_str("\n[departments.budget]\n");
        key_value(out, "total", &budget.total);
        key_value(out, "basic_expenditure", &budget.basic);
        key_value(out, "project_expenditure", &budget.projects);
        sources(out, &budget.sources);
    }
    indicators(out, "departments.indicators", &dept.indicators);
    for unit in &dept.units {
        out.push_str("\n[[departments.units]]\n");
        key_value(out, "name", &unit.name);
        key_value(out, "code", &unit.code);
        key_value(out, "total", &unit.total);
        for project in &unit.projects {
            self::project(out, "departments.units.projects", project);
        }
    }
    for project in &dept.projects {
        self::project(out, "departments.projects", project);
    }
}

fn project(out: &mut String, table: &str, project: &Project) {
    let _ = writeln!(out, "\n[[{table}]]");
    for comment in &project.comments {
        let _ = writeln!(out, "# {comment}");
    }
    key_value(out, "name", &project.name);
    if let Some(code) = &project.code {
        key_value(out, "code", code);
    }
    if let Some(unit) = &project.unit {
        key_value(out, "unit", unit);
    }
    if let Some(attribute) = project.attribute {
        key_value(out, "attribute", attribute);
    }
    if let Some(term) = &project.term {
        key_value(out, "term", term);
    }
    if let Some(purpose) = &project.purpose {
        key_value(out, "purpose", purpose);
    }
    if let Some(plan) = &project.plan {
        array(out, "spending_plan", plan);
    }
    if !project.goals.is_empty() {
        array(out, "goals", &project.goals);
    }
    let empty: Vec<String> = project
        .categories
        .iter()
        .flat_map(|c| {
            c.subs
                .iter()
                .filter(|s| s.indicators.is_empty())
                .map(move |s| format!("{}/{}", c.name, s.name))
        })
        .collect();
    if !empty.is_empty() {
        array(out, "empty_categories", &empty);
    }
    if let Some((total, list)) = &project.funds {
        let _ = writeln!(out, "\n[{table}.funds]");
        key_value(out, "total", total);
        sources(out, list);
    }
    indicators(out, &format!("{table}.indicators"), &project.categories);
}

fn indicators(out: &mut String, table: &str, categories: &[Category]) {
    for category in categories {
        for sub in &category.subs {
            for ind in &sub.indicators {
                let _ = writeln!(out, "\n[[{table}]]");
                if let Some(comment) = &ind.comment {
                    let _ = writeln!(out, "# {comment}");
                }
                key_value(out, "category", &category.name);
                key_value(out, "subcategory", &sub.name);
                key_value(out, "name", &ind.name);
                match &ind.value {
                    Value::Plain(text) => key_value(out, "value", text),
                    Value::Text(text) => {
                        key_value(out, "value", text);
                        out.push_str("qualitative = true\n");
                    }
                }
                if let Some(description) = &ind.description {
                    key_value(out, "description", description);
                }
                if let Some(basis) = &ind.basis {
                    key_value(out, "basis", basis);
                }
            }
        }
    }
}

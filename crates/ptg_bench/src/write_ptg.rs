//! Records written as PTG, in the layout of the seed transcriptions (two-space indents,
//! values as typed, empty categories as `名称 { }`).

use std::fmt::Write as _;

use crate::records::{
    Budget, BudgetUnit, Category, Department, Document, Indicator, Project, Value,
};

fn quote(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        if ch == '"' || ch == '\\' {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// The header lines (comments, 年度, 体系, 金额单位) and a blank line.
pub fn header(out: &mut String, doc: &Document) {
    for comment in &doc.comments {
        let _ = writeln!(out, "# {comment}");
    }
    let _ = writeln!(out, "年度 {}", doc.year);
    let _ = writeln!(out, "体系 {}", doc.scheme);
    let _ = writeln!(out, "金额单位 {}", doc.money_unit);
}

pub fn document(out: &mut String, doc: &Document) {
    header(out, doc);
    for department in &doc.departments {
        out.push('\n');
        self::department(out, department);
    }
}

pub fn department(out: &mut String, dept: &Department) {
    out.push_str("部门 ");
    quote(out, &dept.name);
    out.push_str(" {\n");
    if let Some(code) = &dept.code {
        indent(out, 1);
        out.push_str("编码 ");
        quote(out, code);
        out.push('\n');
    }
    if let Some(duties) = &dept.duties {
        indent(out, 1);
        out.push_str("履职目标 ");
        quote(out, duties);
        out.push('\n');
    }
    for (name, content) in &dept.tasks {
        indent(out, 1);
        out.push_str("任务 ");
        quote(out, name);
        out.push(' ');
        quote(out, content);
        out.push('\n');
    }
    if let Some(budget) = &dept.budget {
        self::budget(out, budget);
    }
    let mut first = dept.code.is_none() && dept.duties.is_none() && dept.budget.is_none();
    for unit in &dept.units {
        if !first {
            out.push('\n');
        }
        first = false;
        budget_unit(out, unit);
    }
    for project in &dept.projects {
        if !first {
            out.push('\n');
        }
        first = false;
        self::project(out, project, 1);
    }
    if !dept.indicators.is_empty() {
        out.push('\n');
        categories(out, &dept.indicators, 1);
    }
    out.push_str("}\n");
}

fn budget(out: &mut String, budget: &Budget) {
    let _ = writeln!(out, "  预算 {} {{", budget.total);
    out.push_str("    来源 {\n");
    for (source, amount) in &budget.sources {
        let _ = writeln!(out, "      {source} {amount}");
    }
    out.push_str("    }\n    结构 {\n");
    let _ = writeln!(out, "      基本支出 {}", budget.basic);
    let _ = writeln!(out, "      项目支出 {}", budget.projects);
    out.push_str("    }\n  }\n");
}

fn budget_unit(out: &mut String, unit: &BudgetUnit) {
    out.push_str("  单位 ");
    quote(out, &unit.name);
    out.push_str(" {\n    编码 ");
    quote(out, &unit.code);
    let _ = writeln!(out, "\n    合计 {}", unit.total);
    for project in &unit.projects {
        out.push('\n');
        self::project(out, project, 2);
    }
    out.push_str("  }\n");
}

/// One project, at nesting `depth` (1 directly in a department, 2 in a budget unit).
pub fn project(out: &mut String, project: &Project, depth: usize) {
    indent(out, depth);
    out.push_str("项目 ");
    quote(out, &project.name);
    out.push_str(" {\n");
    let inner = depth + 1;
    for comment in &project.comments {
        indent(out, inner);
        let _ = writeln!(out, "# {comment}");
    }
    let field = |out: &mut String, key: &str, value: &str| {
        indent(out, inner);
        out.push_str(key);
        out.push(' ');
        quote(out, value);
        out.push('\n');
    };
    if let Some(code) = &project.code {
        field(out, "编码", code);
    }
    if let Some(unit) = &project.unit {
        field(out, "单位", unit);
    }
    if let Some(attribute) = project.attribute {
        indent(out, inner);
        let _ = writeln!(out, "属性 {attribute}");
    }
    if let Some(term) = &project.term {
        indent(out, inner);
        let _ = writeln!(out, "期限 {term}");
    }
    if let Some((total, sources)) = &project.funds {
        indent(out, inner);
        let _ = writeln!(out, "资金 {total} {{");
        for (source, amount) in sources {
            indent(out, inner + 1);
            let _ = writeln!(out, "{source} {amount}");
        }
        indent(out, inner);
        out.push_str("}\n");
    }
    if let Some(purpose) = &project.purpose {
        field(out, "用途", purpose);
    }
    if let Some(plan) = &project.plan {
        indent(out, inner);
        let _ = writeln!(out, "支出计划 {}", plan.join(" "));
    }
    for goal in &project.goals {
        field(out, "目标", goal);
    }
    if !project.categories.is_empty() {
        out.push('\n');
        categories(out, &project.categories, inner);
    }
    indent(out, depth);
    out.push_str("}\n");
}

fn categories(out: &mut String, categories: &[Category], depth: usize) {
    for category in categories {
        indent(out, depth);
        let _ = writeln!(out, "{} {{", category.name);
        for sub in &category.subs {
            indent(out, depth + 1);
            if sub.indicators.is_empty() {
                let _ = writeln!(out, "{} {{ }}", sub.name);
                continue;
            }
            let _ = writeln!(out, "{} {{", sub.name);
            for ind in &sub.indicators {
                indicator(out, ind, depth + 2);
            }
            indent(out, depth + 1);
            out.push_str("}\n");
        }
        indent(out, depth);
        out.push_str("}\n");
    }
}

fn indicator(out: &mut String, ind: &Indicator, depth: usize) {
    if let Some(comment) = &ind.comment {
        indent(out, depth);
        let _ = writeln!(out, "# {comment}");
    }
    indent(out, depth);
    if ind.curly {
        let _ = write!(out, "“{}”", ind.name);
    } else {
        quote(out, &ind.name);
    }
    out.push(' ');
    match &ind.value {
        Value::Plain(text) => out.push_str(text),
        Value::Text(text) => quote(out, text),
    }
    if ind.description.is_none() && ind.basis.is_none() {
        out.push('\n');
        return;
    }
    out.push_str(" {\n");
    if let Some(description) = &ind.description {
        indent(out, depth + 1);
        out.push_str("描述 ");
        quote(out, description);
        out.push('\n');
    }
    if let Some(basis) = &ind.basis {
        indent(out, depth + 1);
        out.push_str("依据 ");
        quote(out, basis);
        out.push('\n');
    }
    indent(out, depth);
    out.push_str("}\n");
}

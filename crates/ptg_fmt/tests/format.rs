//! Formatter tests: snapshots of `tests/fmt/*.ptg`, and for every fixture, example and
//! seed transcription: idempotence, the same AST apart from ranges and spellings, the
//! same comments, and the same lint findings on the same constructs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ptg_fmt::{CategoryOwner, CategoryResolver, FormatOptions};
use ptg_semantic::{Model, ModelOptions, Scheme};
use ptg_syntax::ast::*;

/// Resolves categories against the schemes of the document, as the CLI does.
struct SchemeResolver {
    project: Scheme,
    department: Scheme,
}

impl SchemeResolver {
    fn for_text(text: &str) -> SchemeResolver {
        let parse = ptg_syntax::parse(text);
        let model = Model::build(text, &parse, &ModelOptions::default());
        SchemeResolver {
            project: model.scheme.clone(),
            department: model.department_scheme.clone(),
        }
    }
}

impl CategoryResolver for SchemeResolver {
    fn resolve(
        &self,
        owner: CategoryOwner,
        parent: Option<&str>,
        name: &str,
    ) -> Option<(String, usize)> {
        match owner {
            CategoryOwner::Project => self.project.canonical(parent, name),
            CategoryOwner::Department => self.department.canonical(parent, name),
        }
    }
}

fn format(text: &str) -> Result<String, ptg_fmt::FormatError> {
    let resolver = SchemeResolver::for_text(text);
    ptg_fmt::format(
        text,
        &FormatOptions {
            categories: Some(&resolver),
        },
    )
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn fmt_fixtures() {
    insta::glob!("../../../tests/fmt", "*.ptg", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let out = format(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("fmt", out);
        });
    });
}

/// A structural fingerprint: every construct with its meaning, in printing order, without
/// ranges or spellings. Categories are keyed by canonical name and sorted like the printer.
fn fingerprint(text: &str) -> Vec<String> {
    let parse = ptg_syntax::parse(text);
    assert!(parse.errors.is_empty());
    let resolver = SchemeResolver::for_text(text);
    let mut out = Vec::new();
    walk(
        &parse.file.items,
        &resolver,
        CategoryOwner::Project,
        None,
        0,
        &mut out,
    );
    out
}

fn quantity(q: &Quantity) -> String {
    format!(
        "{}{}",
        q.number.node.normalized(),
        q.unit.as_ref().map_or("", |u| u.text.as_str())
    )
}

fn value(v: &Value) -> String {
    match &v.kind {
        ValueKind::Bound { cmp, quantity: q } => format!("bound {:?} {}", cmp.op, quantity(q)),
        ValueKind::Exact(q) => format!("exact {}", quantity(q)),
        ValueKind::Range { lo, hi, .. } => format!("range {}..{}", quantity(lo), quantity(hi)),
        ValueKind::Deadline(d) => format!(
            "deadline {:?} {:?} {:?} before={} cmp={:?}",
            d.date.year,
            d.date.month,
            d.date.day,
            d.before,
            d.cmp.map(|c| c.op)
        ),
        ValueKind::Period(p) => format!("period {:?}", p.kind),
        ValueKind::Qualitative(s) => format!("text {:?}", s.text),
    }
}

fn field_value(value: &FieldValue) -> String {
    match value {
        FieldValue::None => String::new(),
        FieldValue::Text(s) => format!("{:?}", s.text),
        FieldValue::Texts(ss) => ss.iter().map(|s| format!("{:?}", s.text)).collect(),
        FieldValue::Word(w) => w.node.clone(),
        FieldValue::Year(y) => y.node.to_string(),
        FieldValue::Unit(u) => u.text.clone(),
        FieldValue::Quantity(q) => quantity(q),
        // A bare number in a plan reads as a percent.
        FieldValue::Quantities(qs) => qs
            .iter()
            .map(|q| {
                format!(
                    "{}{} ",
                    q.number.node.normalized(),
                    q.unit.as_ref().map_or("%", |u| u.text.as_str())
                )
            })
            .collect(),
    }
}

fn walk(
    items: &[Item],
    resolver: &SchemeResolver,
    owner: CategoryOwner,
    parent: Option<&str>,
    depth: usize,
    out: &mut Vec<String>,
) {
    let pad = "  ".repeat(depth);
    // Headers and fields keep their relative order; categories sort by scheme order.
    let mut keyed: Vec<(usize, usize, &Item)> = items
        .iter()
        .enumerate()
        .map(|(idx, item)| match item {
            Item::Category(c) => {
                let order = resolver
                    .resolve(owner, parent, &c.name.node.text)
                    .map_or(usize::MAX, |(_, o)| o);
                (1 + order.min(usize::MAX - 1), idx, item)
            }
            _ => (0, idx, item),
        })
        .collect();
    keyed.sort_by_key(|(order, idx, _)| (*order, *idx));
    let mut lines = Vec::new();
    for (_, _, item) in keyed {
        match item {
            Item::Field(f) => {
                lines.push(format!(
                    "{pad}field {} {}",
                    f.key.as_str(),
                    field_value(&f.value)
                ));
                if let Some(b) = &f.block {
                    walk(&b.items, resolver, owner, None, depth + 1, &mut lines);
                }
            }
            Item::Entity(e) => {
                lines.push(format!(
                    "{pad}{:?} {:?}",
                    e.kind,
                    e.name.as_ref().map(|n| n.text.clone())
                ));
                let owner = match e.kind {
                    EntityKind::Department => CategoryOwner::Department,
                    _ => CategoryOwner::Project,
                };
                if let Some(b) = &e.body {
                    walk(&b.items, resolver, owner, None, depth + 1, &mut lines);
                }
            }
            Item::Category(c) => {
                let name = resolver
                    .resolve(owner, parent, &c.name.node.text)
                    .map_or(c.name.node.text.clone(), |(n, _)| n);
                lines.push(format!("{pad}category {name}"));
                let next_parent = if parent.is_none() {
                    Some(name.as_str())
                } else {
                    parent
                };
                walk(
                    &c.body.items,
                    resolver,
                    owner,
                    next_parent,
                    depth + 1,
                    &mut lines,
                );
            }
            Item::Indicator(i) => {
                lines.push(format!(
                    "{pad}indicator {:?} {}",
                    i.name.text,
                    i.value.as_ref().map_or(String::new(), value)
                ));
                if let Some(b) = &i.attrs {
                    walk(&b.items, resolver, owner, None, depth + 1, &mut lines);
                }
            }
            Item::UnknownField(_) | Item::Error(_) => lines.push(format!("{pad}error")),
        }
    }
    // Top-level headers print first whatever their position.
    if depth == 0 {
        lines.sort_by_key(|l| {
            if l.starts_with("field 年度") {
                0
            } else if l.starts_with("field 体系") {
                1
            } else if l.starts_with("field 金额单位") {
                2
            } else {
                3
            }
        });
    }
    out.extend(lines);
}

/// Lint findings keyed by rule and the construct holding their primary span (the chain
/// of names from the file down), so that moved and respelled constructs still match.
fn findings(text: &str) -> BTreeMap<(String, String), usize> {
    let parse = ptg_syntax::parse(text);
    let diags = ptg_lint::lint(text, &parse, &ptg_lint::LintSettings::default());
    let resolver = SchemeResolver::for_text(text);
    let mut out = BTreeMap::new();
    for d in diags {
        let mut path = Vec::new();
        locate(
            &parse.file.items,
            d.primary.range.start(),
            &resolver,
            CategoryOwner::Project,
            None,
            &mut path,
        );
        // Which of two duplicates is "the second" follows the category order, which the
        // formatter sets: a duplicate is the same finding wherever its categories sit.
        if d.rule == "duplicate-indicator" {
            path.retain(|step| !step.starts_with("category "));
        }
        *out.entry((d.rule.to_string(), path.join(" / ")))
            .or_insert(0) += 1;
    }
    out
}

fn locate(
    items: &[Item],
    at: text_size::TextSize,
    resolver: &SchemeResolver,
    owner: CategoryOwner,
    parent: Option<&str>,
    path: &mut Vec<String>,
) {
    for item in items {
        if !item.range().contains_inclusive(at) {
            continue;
        }
        match item {
            Item::Field(f) => {
                path.push(format!("field {}", f.key.as_str()));
                if let Some(b) = &f.block {
                    locate(&b.items, at, resolver, owner, None, path);
                }
            }
            Item::Entity(e) => {
                path.push(format!(
                    "{:?} {:?}",
                    e.kind,
                    e.name.as_ref().map(|n| &n.text)
                ));
                let owner = match e.kind {
                    EntityKind::Department => CategoryOwner::Department,
                    _ => CategoryOwner::Project,
                };
                if let Some(b) = &e.body {
                    locate(&b.items, at, resolver, owner, None, path);
                }
            }
            Item::Category(c) => {
                let name = resolver
                    .resolve(owner, parent, &c.name.node.text)
                    .map_or(c.name.node.text.clone(), |(n, _)| n);
                path.push(format!("category {name}"));
                let next = if parent.is_none() {
                    Some(name.as_str())
                } else {
                    parent
                };
                locate(&c.body.items, at, resolver, owner, next, path);
            }
            Item::Indicator(i) => {
                path.push(format!("indicator {:?}", i.name.text));
                if let Some(b) = &i.attrs {
                    locate(&b.items, at, resolver, owner, None, path);
                }
            }
            _ => {}
        }
        return;
    }
}

fn corpus() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut add_dir = |dir: PathBuf| {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|x| x == "ptg") {
                    paths.push(path);
                }
            }
        }
    };
    add_dir(repo().join("tests/fmt"));
    add_dir(repo().join("tests/parser/ok"));
    add_dir(repo().join("examples"));
    add_dir(repo().join("../shared/spec/examples"));
    let lint = repo().join("tests/lint");
    if let Ok(entries) = std::fs::read_dir(&lint) {
        for entry in entries.flatten() {
            add_dir(entry.path());
        }
    }
    paths.sort();
    paths
}

fn check_invariants(name: &str, text: &str) -> Result<(), String> {
    let parse = ptg_syntax::parse(text);
    if !parse.errors.is_empty() {
        // Files with syntax errors are refused, and nothing is produced.
        return match format(text) {
            Err(ptg_fmt::FormatError::SyntaxErrors(_)) => Ok(()),
            other => Err(format!("{name}: a file with errors gave {other:?}")),
        };
    }
    let once = format(text).map_err(|e| format!("{name}: {e}"))?;
    let twice = format(&once).map_err(|e| format!("{name} (second pass): {e}"))?;
    if once != twice {
        return Err(format!(
            "{name}: not idempotent:\n--- once\n{once}\n--- twice\n{twice}"
        ));
    }
    if fingerprint(text) != fingerprint(&once) {
        let (a, b) = (fingerprint(text), fingerprint(&once));
        let first = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        return Err(format!(
            "{name}: AST changed at construct {first}: {:?} vs {:?}",
            a.get(first),
            b.get(first)
        ));
    }
    let comments = |t: &str| ptg_syntax::parse(t).comments.len();
    if comments(text) != comments(&once) {
        return Err(format!("{name}: comment count changed"));
    }
    if findings(text) != findings(&once) {
        return Err(format!(
            "{name}: lint findings changed:\nbefore {:?}\nafter  {:?}",
            findings(text),
            findings(&once)
        ));
    }
    Ok(())
}

#[test]
fn every_corpus_file_keeps_its_meaning() {
    let mut failures = Vec::new();
    let paths = corpus();
    assert!(paths.len() > 40, "corpus too small: {}", paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(err) = check_invariants(&path.display().to_string(), &text) {
            failures.push(err);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn forgiving_input_becomes_canonical() {
    let path = repo().join("../shared/spec/examples/08-forgiving-input.ptg");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        std::fs::read_to_string(repo().join("tests/fmt/forgiving.ptg")).unwrap()
    });
    let out = format(&text).unwrap();
    for spelling in [
        "“",
        "”",
        ">=",
        "<=",
        "％",
        "不低于",
        "不少于",
        "不超过",
        "大于等于",
        "以上",
        "400.000000",
        "580.000000",
        "5,800,000",
        "成本 {",
        "产出 {",
        "数量 {",
        "质量 {",
        "时效 {",
        "效益 {",
        "满意度 {",
        "经济成本 {",
        "社会效益 {",
        "服务对象满意度 {",
        "日前\n",
    ] {
        assert!(
            !out.contains(spelling),
            "`{spelling}` survived formatting:\n{out}"
        );
    }
    assert!(out.contains("\"群众满意度\" ≥ 90%"));
    assert!(out.contains("服务对象满意度指标 {"));
}

#[test]
fn files_with_syntax_errors_are_refused() {
    let text = "部门 \"x\" {\n  项目 \"y\" {\n";
    assert!(matches!(
        ptg_fmt::format(text, &FormatOptions::default()),
        Err(ptg_fmt::FormatError::SyntaxErrors(_))
    ));
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    fn name() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "培训人数",
            "“三公经费”控制率",
            "满意度",
            "项目成本",
            "A\\\"B",
            "完成时间",
            "😀指标",
        ])
        .prop_map(str::to_string)
    }

    fn value() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "≥ 90%",
            ">=90 %",
            "不低于90%",
            "90%以上",
            "= 1所",
            "144个",
            "0~150000吨",
            "0-5吨",
            "≤ 118.8万元",
            "400.000000万元",
            "7,395,500.0元",
            "2024-12-31前",
            "2024年12月底前",
            "12月底",
            "10日前",
            "≤12月份",
            "全年",
            "每月10日前",
            "30个工作日内",
            "\"有所减轻\"",
            "“是”",
            "5200元左右",
            "-5%",
            "≤2916元/人/月",
        ])
        .prop_map(str::to_string)
    }

    fn indicator() -> impl Strategy<Value = String> {
        (
            name(),
            value(),
            prop::option::of(prop::sample::select(vec![
                "{ 描述 \"说明\" }",
                "{ 说明 \"x\" 依据 \"y\" }",
                "# 行尾注释",
            ])),
        )
            .prop_map(|(n, v, tail)| format!("\"{n}\" {v} {}", tail.unwrap_or("")))
    }

    fn category() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec![
                ("产出指标", vec!["数量指标", "质量", "11-时效指标"]),
                ("成本", vec!["经济成本指标", "社会成本"]),
                ("2-效益指标", vec!["社会效益", "经济效益指标"]),
                ("满意度", vec!["服务对象满意度"]),
            ]),
            prop::collection::vec(indicator(), 0..3),
            any::<bool>(),
        )
            .prop_map(|((l1, l2s), inds, comment)| {
                let inner: String = l2s
                    .iter()
                    .map(|l2| format!("{l2} {{\n{}\n}}\n", inds.join("\n")))
                    .collect();
                let c = if comment { "# 类别注释\n" } else { "" };
                format!("{c}{l1} {{\n{inner}}}\n")
            })
    }

    fn document() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(category(), 0..4),
            any::<bool>(),
            prop::sample::select(vec!["国家2021", "通用"]),
        )
            .prop_map(|(cats, funds, scheme)| {
                let funds = if funds {
                    "资金 10万元 { 政府预算资金 100,000元 }\n"
                } else {
                    ""
                };
                format!(
                    "# 生成的文件\n体系 {scheme}\n年度 2024\n金额单位 万元\n部门 “某局” {{\n项目 \"甲\" {{\n{funds}目标 \"目标\"\n{}}}\n}}\n",
                    cats.join("")
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn generated_documents_keep_their_meaning(doc in document()) {
            prop_assert!(ptg_syntax::parse(&doc).errors.is_empty(), "generator made a broken doc:\n{}", doc);
            if let Err(err) = check_invariants("generated", &doc) {
                return Err(TestCaseError::fail(format!("{err}\n--- input\n{doc}")));
            }
        }
    }
}

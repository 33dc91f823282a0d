//! Formatter tests: snapshots of `tests/fmt/*.ptg`, and for every fixture, example and
//! seed transcription: idempotence, the same AST apart from ranges and spellings, the
//! same comments, and the same lint findings on the same constructs. Those checks are the
//! `format` fuzz target's (`fuzz/checks/format.rs`); the inputs the fuzzer found are
//! replayed from `tests/fuzz-regressions/format/`.

use std::path::{Path, PathBuf};

use ptg_fmt::FormatOptions;

#[path = "../../../fuzz/checks/format.rs"]
mod format_check;
#[path = "../../../fuzz/checks/replay.rs"]
mod replay;

use format_check::{check_invariants, format};

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
fn fuzz_regressions() {
    replay::replay("format", format_check::check);
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

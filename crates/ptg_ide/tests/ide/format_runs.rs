//! Formatting run by run (one top-level entity's tree at a time) must give exactly what
//! formatting the whole parse gives, whenever it answers; and it must answer for the
//! documents it is for: no syntax error, headers before the entities, no `fmt off`.

use ptg_lint::LintSettings;
use ptg_semantic::Model;

use crate::files;

/// Whether the run-by-run formatter answered; panics when it differs from the whole one.
fn check(text: &str, what: &str) -> bool {
    let settings = LintSettings::default();
    let parse = ptg_syntax::parse(text);
    let model = Model::build(text, &parse, &settings.model);
    let whole = ptg_ide::format_text(text, &parse, &model);
    match ptg_ide::format_in_runs(text, &settings.model) {
        Some(runs) => {
            assert_eq!(runs, whole, "{what}");
            true
        }
        None => false,
    }
}

#[test]
fn run_by_run_equals_the_whole_format_on_every_file() {
    let texts = files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR"));
    let (mut eligible, mut answered) = (0, 0);
    for (path, text) in &texts {
        for (what, text) in files::whole_and_cut(text) {
            let what = format!("{} ({what})", path.display());
            let ok = check(text, &what);
            let clean = ptg_syntax::parse(text).errors.is_empty();
            if clean && !text.contains("fmt off") {
                eligible += 1;
                answered += usize::from(ok);
            }
        }
    }
    // Some fixtures put a header after an entity on purpose: those take the whole path.
    assert!(eligible > 150, "{eligible}");
    assert!(answered * 10 >= eligible * 9, "{answered} of {eligible}");
    let all = files::concatenated(texts.iter().map(|(_, text)| text.as_str()));
    check(&all, "all files concatenated");
}

/// Comments at every place a run boundary can cut: after a `}` on its line, between
/// entities with and without blank lines, before the first entity, at the end of the file.
#[test]
fn comments_around_run_boundaries_stay_where_the_whole_format_puts_them() {
    let text = "# 文件开头\n\n年度 2024  # 年度\n体系 国家2021\n# 部门之前\n部门 \"甲\" {\n  项目 \"一\" {}\n}  # 甲之后\n# 乙之前\n\n\n部门 \"乙\" {}\n\n# 乙与丙之间\n\n部门 \"丙\"{\n}# 紧贴\n部门 \"丁\" {} # 丁\n\n# 文件末尾\n\n# 最后\n";
    assert!(check(text, "comments"));
    let crlf = text.replace('\n', "\r\n");
    assert!(check(&crlf, "comments, CRLF"));
    assert!(check(text.trim_end(), "no final newline"));
}

#[test]
fn documents_that_need_the_whole_parse_are_left_to_it() {
    let settings = LintSettings::default();
    for (text, why) in [
        ("部门 \"甲\" {}\n年度 2024\n", "a header after an entity"),
        (
            "年度 2024\n部门 \"甲\" {\n# ptg: fmt off\n  项目   \"一\" {}\n# ptg: fmt on\n}\n",
            "a fmt off region",
        ),
        (
            "年度 2024\n部门 \"甲\" {}\n部门 \"乙\" {\n",
            "a syntax error",
        ),
        ("", "an empty document"),
    ] {
        assert!(
            ptg_ide::format_in_runs(text, &settings.model).is_none(),
            "{why}"
        );
        check(text, why);
    }
}

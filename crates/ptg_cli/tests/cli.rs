//! End-to-end tests of the `ptg` binary: exit codes, JSON shape, rendering, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn ptg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ptg"));
    cmd.env_remove("PTG_LANG").env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> Output {
    ptg().args(args).output().unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ptg-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(output: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not JSON ({err}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    value.as_array().unwrap().clone()
}

#[test]
fn shipped_examples_have_no_syntax_errors() {
    let examples = repo().join("examples");
    // The examples carry lint findings by design, but no syntax errors.
    let out = run(&[
        "check",
        "--output-format",
        "json",
        examples.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let entries = json(&out);
    assert!(!entries.is_empty());
    for entry in &entries {
        assert_ne!(entry["rule"], "syntax-error", "{entry}");
        assert_ne!(entry["rule"], "unknown-field", "{entry}");
    }
    let out = run(&["check", examples.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("检查了"), "{stderr}");
}

#[test]
fn json_has_the_documented_shape() {
    let dir = temp_dir("json");
    let file = dir.join("a.ptg");
    std::fs::write(&file, "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    负责人 \"张三\"\n    产出指标 { 数量指标 { \"甲\" => 5个 } }\n  }\n}\n").unwrap();
    let out = run(&[
        "check",
        "--select",
        "syntax",
        "--output-format",
        "json",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let entries = json(&out);
    assert_eq!(entries.len(), 2);
    let first = &entries[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "rule",
            "code",
            "severity",
            "message",
            "filename",
            "location",
            "end_location",
            "fix"
        ]
    );
    assert_eq!(first["rule"], "unknown-field");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["location"]["row"], 4);
    assert_eq!(first["location"]["column"], 5);
    assert_eq!(first["end_location"]["column"], 8);
    assert_eq!(first["fix"], Value::Null);
    let second = &entries[1];
    assert_eq!(second["rule"], "syntax-error");
    // `=>` sits after `    产出指标 { 数量指标 { "甲" `: column counted in chars.
    assert_eq!(second["location"]["row"], 5);
    assert_eq!(second["location"]["column"], 23);
    assert_eq!(second["fix"]["applicability"], "safe");
    assert_eq!(second["fix"]["edits"][0]["content"], "≥");
    assert_eq!(second["fix"]["edits"][0]["location"]["column"], 23);
    assert_eq!(second["fix"]["edits"][0]["end_location"]["column"], 25);
}

#[test]
fn normative_recovery_example_gives_its_syntax_lines() {
    let path = repo().join("../shared/spec/examples/06-recovery.ptg");
    if !path.exists() {
        return;
    }
    let out = run(&[
        "check",
        "--select",
        "syntax-error,unknown-field",
        "--output-format",
        "json",
        path.to_str().unwrap(),
    ]);
    let mut lines: Vec<(u64, String)> = json(&out)
        .iter()
        .map(|e| {
            (
                e["location"]["row"].as_u64().unwrap(),
                e["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            (6, "syntax-error".to_string()),
            (10, "unknown-field".to_string()),
            (18, "syntax-error".to_string()),
            (22, "syntax-error".to_string()),
        ]
    );
}

#[test]
fn gbk_file_is_recognised_with_a_conversion_hint() {
    let dir = temp_dir("gbk");
    let file = dir.join("gbk.ptg");
    // "年度 2024\n部门 \"某局\" {}" in GBK.
    let gbk: Vec<u8> = vec![
        0xC4, 0xEA, 0xB6, 0xC8, b' ', b'2', b'0', b'2', b'4', b'\n', 0xB2, 0xBF, 0xC3, 0xC5, b' ',
        b'"', 0xC4, 0xB3, 0xBE, 0xD6, b'"', b' ', b'{', b'}', b'\n',
    ];
    std::fs::write(&file, gbk).unwrap();
    let out = run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("[invalid-encoding]"), "{stdout}");
    assert!(stdout.contains("GBK/GB18030"), "{stdout}");
    assert!(stdout.contains("iconv -f GB18030 -t UTF-8"), "{stdout}");
    let out = run(&["check", "--output-format", "json", file.to_str().unwrap()]);
    let entries = json(&out);
    assert_eq!(entries[0]["rule"], "invalid-encoding");
    assert_eq!(entries[0]["location"]["row"], 1);
}

#[test]
fn empty_file_bom_and_comment_only_files_are_clean() {
    let dir = temp_dir("empty");
    std::fs::write(dir.join("empty.ptg"), "").unwrap();
    std::fs::write(dir.join("bom.ptg"), "\u{FEFF}年度 2024\n").unwrap();
    std::fs::write(dir.join("comments.ptg"), "# 只有注释\n# 第二行注释\n").unwrap();
    let out = run(&["check", "--output-format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(json(&out).is_empty());
}

#[test]
fn random_bytes_never_crash() {
    let dir = temp_dir("random");
    // A fixed pseudo-random byte soup (xorshift), valid and invalid UTF-8 alike.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for idx in 0..20 {
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        std::fs::write(dir.join(format!("r{idx}.ptg")), bytes).unwrap();
    }
    std::fs::write(
        dir.join("text.ptg"),
        "部门 { 项目 \"x { }} }} ≥≥ 90%% \"\"\" \r\n @ 😀",
    )
    .unwrap();
    let out = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.starts_with("检查了 21 个文件".as_bytes())
            || String::from_utf8_lossy(&out.stderr).contains("检查了 21 个文件")
    );
}

#[test]
fn a_directory_of_a_thousand_files() {
    let dir = temp_dir("many");
    for idx in 0..1000 {
        let sub = dir.join(format!("d{}", idx % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("f{idx:04}.ptg")),
            format!(
                "年度 2024\n部门 \"局{idx}\" {{\n  项目 \"项目{idx}\" {{ 资金 {idx}万元 }}\n}}\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(dir.join("d3").join("broken.ptg"), "部门 \"x\" {\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "not checked").unwrap();
    let out = run(&[
        "check",
        "--select",
        "syntax",
        "--output-format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let entries = json(&out);
    assert_eq!(entries.len(), 1);
    assert!(entries[0]["filename"]
        .as_str()
        .unwrap()
        .ends_with("broken.ptg"));
    let out = run(&["check", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("检查了 1001 个文件"));
}

/// Files are checked in parallel, but every output is the same, byte for byte, whatever
/// the thread count: reports, configuration diagnostics, problems, summaries, exit codes.
#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = temp_dir("threads");
    for idx in 0..120 {
        let sub = dir.join(format!("county{}", idx % 6));
        std::fs::create_dir_all(&sub).unwrap();
        // Uneven sizes, so that later files often finish first.
        let projects: String = (0..(idx % 13) * 5)
            .map(|p| {
                format!(
                    "  项目 \"项目{p}\" {{\n    资金 {p}万元\n    产出指标 {{ 数量指标 {{ \"人数\" ≤{p}人 }} }}\n  }}\n"
                )
            })
            .collect();
        std::fs::write(
            sub.join(format!("f{idx:03}.ptg")),
            format!("年度 2024\n部门 \"局{idx}\" {{\n{projects}}}\n"),
        )
        .unwrap();
    }
    // A configuration with an error in one county, a valid one in another.
    std::fs::write(
        dir.join("county2").join("ptg.toml"),
        "[lint]\nnot-a-key = 1\n",
    )
    .unwrap();
    std::fs::write(dir.join("county4").join("ptg.toml"), "lang = \"en\"\n").unwrap();
    std::fs::write(
        dir.join("county1").join("bad.ptg"),
        [0xff, 0xfe, 0x00, 0x41],
    )
    .unwrap();
    let path = dir.to_str().unwrap();
    for args in [
        vec!["check", path],
        vec!["check", "--output-format", "json", path],
        vec!["check", "--output-format", "sarif", path],
        vec!["check", "--statistics", path],
        vec!["check", "--diff", path],
        vec!["fmt", "--check", path],
        vec!["fmt", "--diff", path],
    ] {
        let with = |threads: &str| {
            let mut all = args.clone();
            all.extend(["--threads", threads]);
            run(&all)
        };
        let one = with("1");
        assert!(!one.stdout.is_empty() || !one.stderr.is_empty(), "{args:?}");
        for threads in ["2", "5"] {
            let many = with(threads);
            assert_eq!(one.status.code(), many.status.code(), "{args:?} {threads}");
            assert!(
                one.stdout == many.stdout,
                "{args:?}: stdout differs with {threads} threads"
            );
            assert!(
                one.stderr == many.stderr,
                "{args:?}: stderr differs with {threads} threads"
            );
        }
    }
}

/// One huge file: its departments are linted, and its report (more findings than a
/// worker renders ahead) is rendered, on several threads; the output is the same.
#[test]
fn a_huge_report_does_not_depend_on_the_thread_count() {
    let dir = temp_dir("huge");
    let departments: String = (0..300)
        .map(|d| {
            let projects: String = (0..6)
                .map(|p| format!("  项目 \"项目{p}\" {{\n    资金 {p}万元\n    产出指标 {{ 数量指标 {{ \"人数\" ≤{p}人 }} }}\n  }}\n"))
                .collect();
            format!("部门 \"局{d}\" {{\n{projects}}}\n")
        })
        .collect();
    let path = dir.join("huge.ptg");
    std::fs::write(&path, format!("年度 2024\n{departments}")).unwrap();
    let path = path.to_str().unwrap();
    let one = run(&["check", "--threads", "1", path]);
    let two = run(&["check", "--threads", "2", path]);
    assert!(String::from_utf8_lossy(&one.stderr).contains("5400 个警告"));
    assert!(
        one.stdout == two.stdout,
        "the report differs with 2 threads"
    );
    assert_eq!(one.stderr, two.stderr);
}

/// A file of more than a mebibyte is formatted one department at a time: the result is
/// the small file's format with its department repeated, and a second pass changes
/// nothing.
#[test]
fn a_large_file_formats_like_its_departments_one_by_one() {
    let dir = temp_dir("large-fmt");
    let department = "# 部门说明\n部门 \"局\"{  # 局\n  项目 \"甲\" {\n资金 5万元\n    产出指标 { 数量指标 { \"人数\" ≥5人 } }\n  }\n}\n";
    let small = dir.join("small.ptg");
    std::fs::write(&small, format!("年度 2024\n{department}")).unwrap();
    let count = (1 << 20) / department.len() + 1;
    let large = dir.join("large.ptg");
    std::fs::write(&large, format!("年度 2024\n{}", department.repeat(count))).unwrap();
    for path in [&small, &large] {
        let out = run(&["fmt", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let small = std::fs::read_to_string(&small).unwrap();
    let formatted = small
        .strip_prefix("年度 2024\n\n")
        .expect("the header, a blank line");
    let expected = format!("年度 2024\n\n{}", vec![formatted; count].join("\n"));
    let large_text = std::fs::read_to_string(&large).unwrap();
    assert!(large_text.len() > 1 << 20);
    assert!(
        large_text == expected,
        "the large file is formatted differently"
    );
    let again = run(&["fmt", "--check", large.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_forever() {
    let dir = temp_dir("loop");
    std::fs::write(dir.join("a.ptg"), "年度 2024\n").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("self")).unwrap();
    let out = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("检查了 1 个文件"));
}

#[test]
fn missing_path_is_exit_two() {
    let out = run(&["check", "/nonexistent/定义.ptg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个文件或目录"));
    let out = run(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_with_a_file_name() {
    let mut child = ptg()
        .args([
            "check",
            "--output-format",
            "json",
            "--stdin-filepath",
            "提交/甲.ptg",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("部门 \"x\" {\n  项目 \"y\" {\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let entries = json(&out);
    assert_eq!(entries[0]["filename"], "提交/甲.ptg");
}

#[test]
fn english_messages_and_help() {
    let dir = temp_dir("en");
    let file = dir.join("a.ptg");
    std::fs::write(&file, "部门 \"x\" {\n").unwrap();
    let out = run(&["--lang", "en", "check", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("this `{` is never closed"), "{stdout}");
    assert!(stdout.contains("Help:"), "{stdout}");
    let out = ptg()
        .env("PTG_LANG", "en")
        .args(["check", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Exit codes"));
    let out = run(&["check", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("退出码"));
}

#[test]
fn no_colour_when_piped_or_no_color() {
    let dir = temp_dir("color");
    let file = dir.join("a.ptg");
    std::fs::write(&file, "部门 \"x\" {\n").unwrap();
    for out in [
        run(&["check", file.to_str().unwrap()]),
        ptg()
            .env("NO_COLOR", "1")
            .args(["check", file.to_str().unwrap()])
            .output()
            .unwrap(),
    ] {
        assert!(
            !out.stdout.contains(&0x1b),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The display column of `needle` in `line`, counting CJK as two columns.
fn display_col(line: &str, byte: usize) -> usize {
    unicode_width::UnicodeWidthStr::width(&line[..byte])
}

#[test]
fn carets_line_up_under_chinese_text() {
    let dir = temp_dir("align");
    let file = dir.join("a.ptg");
    let source_line = "        \"受益残疾儿童满意度😀\" => 90%";
    std::fs::write(
        &file,
        format!("年度 2024\n部门 \"焦作市解放区残疾人联合会\" {{\n  项目 \"甲\" {{\n    满意度指标 {{\n      服务对象满意度指标 {{\n{source_line}\n      }}\n    }}\n  }}\n}}\n"),
    )
    .unwrap();
    let out = run(&["check", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    let src_idx = lines
        .iter()
        .position(|l| l.ends_with(source_line))
        .unwrap_or_else(|| panic!("source line not shown:\n{stdout}"));
    let shown = lines[src_idx];
    let gutter = shown.len() - source_line.len();
    let underline = lines[src_idx + 1];
    // The underline starts (in display columns) where `=>` starts in the source line.
    let underline_start = underline
        .char_indices()
        .find(|&(idx, ch)| idx >= gutter && ch != ' ')
        .map(|(idx, _)| display_col(underline, idx))
        .unwrap();
    let arrow_byte = shown.find("=>").unwrap();
    assert_eq!(
        underline_start,
        display_col(shown, arrow_byte),
        "\n{shown}\n{underline}"
    );
}

#[test]
fn rendered_diagnostics_of_the_error_fixtures() {
    let root = repo();
    insta::glob!("../../../tests/parser/err", "*.ptg", |path| {
        let rel = path.strip_prefix(&root).unwrap();
        let out = ptg()
            .current_dir(&root)
            // Syntax-level findings only: the rule catalogue has its own snapshots.
            .args(["check", "--select", "syntax", rel.to_str().unwrap()])
            .output()
            .unwrap();
        let rendered = String::from_utf8_lossy(&out.stdout).replace('\\', "/");
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("rendered", rendered);
        });
    });
}

// ---------------------------------------------------------------------------------------
// Fixes, output formats, statistics, selection, rules, configuration.

/// A document with a safe fix (`=>` → `≥`) and an unsafe one (`≤` on a quantity).
const FIXABLE: &str = "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 10万元 { 政府预算资金 10万元 }\n    目标 \"培训\"\n    产出指标 {\n      数量指标 {\n        \"培训人数\" => 100人\n        \"发放手册数量\" ≤ 160册\n      }\n    }\n  }\n}\n";

/// The rules `FIXABLE` is about, so that other rules cannot change the outcome.
const FIXABLE_RULES: &str = "syntax-error,quantity-upper-bound";

fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = ptg()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fix_applies_safe_fixes_and_writes_atomically() {
    let dir = temp_dir("fix");
    let file = write_file(&dir, "a.ptg", FIXABLE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = run(&[
        "check",
        "--fix",
        "--select",
        FIXABLE_RULES,
        file.to_str().unwrap(),
    ]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("修复了 1 个问题。"), "{stderr}");
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert_eq!(fixed, FIXABLE.replace("=> 100人", "≥ 100人"));
    // The remaining finding (an unsafe fix) is still reported.
    let stdout = stdout_of(&out);
    assert!(stdout.contains("[quantity-upper-bound]"), "{stdout}");
    assert!(!stdout.contains("[syntax-error]"), "{stdout}");
    assert!(
        stderr.contains("其中 1 个可用 --fix --unsafe-fixes 修复"),
        "{stderr}"
    );
    // No temporary file is left behind; permissions are kept.
    assert_eq!(file_names(&dir), ["a.ptg"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    let dir = temp_dir("unsafe");
    let file = write_file(&dir, "a.ptg", FIXABLE);
    let out = run(&[
        "--lang",
        "en",
        "check",
        "--fix",
        "--unsafe-fixes",
        "--select",
        FIXABLE_RULES,
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("Fixed 2 problems."));
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(fixed.contains("\"培训人数\" ≥ 100人"), "{fixed}");
    assert!(fixed.contains("\"发放手册数量\" ≥ 160册"), "{fixed}");
    // Nothing left to fix: the file is not written again.
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(past)
        .unwrap();
    let out = run(&["check", "--fix", "--unsafe-fixes", file.to_str().unwrap()]);
    assert!(!stderr_of(&out).contains("修复了"), "{}", stderr_of(&out));
    let after = std::fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(
        after, past,
        "an unchanged file was rewritten (was {modified:?})"
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = temp_dir("diff");
    let file = write_file(&dir, "a.ptg", FIXABLE);
    let name = file.to_str().unwrap();
    let out = run(&["check", "--diff", name]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = stdout_of(&out);
    assert!(
        stdout.starts_with(&format!("--- {name}\n+++ {name}\n@@ -5,7 +5,7 @@\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n-        \"培训人数\" => 100人\n+        \"培训人数\" ≥ 100人\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("160册\n+"),
        "unsafe fix in a safe diff:\n{stdout}"
    );
    assert!(stderr_of(&out).contains("将修复 1 个问题（1 个文件）"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FIXABLE);
    let out = run(&["check", "--diff", "--unsafe-fixes", name]);
    assert!(stdout_of(&out).contains("+        \"发放手册数量\" ≥ 160册\n"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FIXABLE);
    // Nothing to fix: no diff, exit 0; --exit-zero silences the 1.
    let clean = write_file(&dir, "clean.ptg", "年度 2024\n");
    let out = run(&["check", "--diff", clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let out = run(&["check", "--diff", "--exit-zero", name]);
    assert_eq!(out.status.code(), Some(0));
    // --diff does not combine with other outputs.
    let out = run(&["check", "--diff", "--statistics", name]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let out = run_with_stdin(
        &[
            "check",
            "--fix",
            "--select",
            FIXABLE_RULES,
            "--stdin-filepath",
            "甲.ptg",
            "-",
        ],
        FIXABLE,
    );
    assert_eq!(stdout_of(&out), FIXABLE.replace("=> 100人", "≥ 100人"));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("[quantity-upper-bound]"), "{stderr}");
    assert!(stderr.contains("修复了 1 个问题"), "{stderr}");
    // Undecodable input passes through unchanged.
    let out = ptg()
        .args(["check", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(&[0xFF, 0xFE, b'a', 0])?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.stdout, [0xFF, 0xFE, b'a', 0]);
}

#[test]
fn exit_zero_keeps_io_errors_at_two() {
    let dir = temp_dir("exit-zero");
    let file = write_file(&dir, "a.ptg", "部门 \"x\" {\n");
    let out = run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["check", "--exit-zero", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout_of(&out).contains("[syntax-error]"));
    let out = run(&[
        "check",
        "--exit-zero",
        file.to_str().unwrap(),
        "/nonexistent/x.ptg",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn select_and_ignore_take_names_codes_and_groups() {
    let dir = temp_dir("select");
    let file = write_file(&dir, "a.ptg", FIXABLE);
    let rules = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["check", "--output-format", "json"];
        args.extend_from_slice(extra);
        args.push(file.to_str().unwrap());
        let out = run(&args);
        assert_ne!(out.status.code(), Some(2), "{}", stderr_of(&out));
        let mut rules: Vec<String> = json(&out)
            .iter()
            .map(|e| e["rule"].as_str().unwrap().to_string())
            .collect();
        rules.dedup();
        rules
    };
    let all = rules(&[]);
    assert!(all.contains(&"quantity-upper-bound".to_string()), "{all:?}");
    assert!(all.len() > 2, "{all:?}");
    // syntax-error cannot be switched off.
    assert_eq!(
        rules(&["--select", "L203"]),
        ["syntax-error", "quantity-upper-bound"]
    );
    assert_eq!(
        rules(&["--select", "syntax", "--select", "quantity-upper-bound"]),
        ["syntax-error", "quantity-upper-bound"]
    );
    assert_eq!(
        rules(&["--select", "values", "--ignore", "quantity-upper-bound"]),
        ["syntax-error"]
    );
    let ignored = rules(&["--ignore", "quantity-upper-bound,structure"]);
    assert!(!ignored.contains(&"quantity-upper-bound".to_string()));
    assert!(!ignored.contains(&"missing-required-category".to_string()));
    let out = run(&[
        "check",
        "--select",
        "quantity-upper-bond",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("是不是 `quantity-upper-bound`"),
        "{}",
        stderr_of(&out)
    );
    let out = run(&[
        "--lang",
        "en",
        "check",
        "--ignore",
        "Money",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("did you mean `money`?"));
}

#[test]
fn statistics_count_per_rule() {
    let dir = temp_dir("stats");
    write_file(&dir, "a.ptg", FIXABLE);
    write_file(&dir, "b.ptg", &FIXABLE.replace("=> 100人", "≤ 100人"));
    let out = run(&[
        "check",
        "--statistics",
        "--select",
        FIXABLE_RULES,
        "--output-format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let rows = json(&out);
    let rows: Vec<(String, String, u64, bool)> = rows
        .iter()
        .map(|row| {
            let keys: Vec<&str> = row
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["rule", "code", "count", "fixable"]);
            (
                row["rule"].as_str().unwrap().to_string(),
                row["code"].as_str().unwrap().to_string(),
                row["count"].as_u64().unwrap(),
                row["fixable"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("quantity-upper-bound".into(), "L203".into(), 3, false),
            ("syntax-error".into(), "E001".into(), 1, true),
        ]
    );
    let out = run(&[
        "check",
        "--statistics",
        "--select",
        FIXABLE_RULES,
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        stdout_of(&out),
        "数量  代码  规则                  可修复\n   3  L203  quantity-upper-bound\n   1  E001  syntax-error          [*]\n"
    );
    let out = run(&[
        "check",
        "--statistics",
        "--output-format",
        "sarif",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn summary_line_counts_by_severity() {
    let dir = temp_dir("summary");
    write_file(&dir, "a.ptg", FIXABLE);
    write_file(&dir, "b.ptg", "年度 2024\n");
    let out = run(&["check", "--select", FIXABLE_RULES, dir.to_str().unwrap()]);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("检查了 2 个文件，发现 1 个错误、1 个警告、0 个信息。\n其中 1 个可用 --fix 自动修复，另有 1 个可用 --fix --unsafe-fixes 修复（请先确认原意）。"),
        "{stderr}"
    );
    let out = run(&[
        "--lang",
        "en",
        "check",
        "--select",
        FIXABLE_RULES,
        dir.to_str().unwrap(),
    ]);
    assert!(
        stderr_of(&out).contains("Checked 2 files: 1 error, 1 warning, 0 infos.\n1 fixable with --fix; 1 more with --fix --unsafe-fixes"),
        "{}",
        stderr_of(&out)
    );
}

/// The SARIF 2.1.0 shape that code-scanning services require, checked by hand (the
/// schema itself cannot be fetched in tests). docs/cli.md lists the same properties.
fn assert_sarif_2_1_0(log: &Value) {
    let obj = |v: &Value, what: &str| {
        assert!(v.is_object(), "{what} must be an object: {v}");
    };
    let string = |v: &Value, what: &str| {
        assert!(v.is_string(), "{what} must be a string: {v}");
    };
    let positive = |v: &Value, what: &str| {
        assert!(
            v.as_u64().is_some_and(|n| n >= 1),
            "{what} must be an integer ≥ 1: {v}"
        );
    };
    let levels = ["none", "note", "warning", "error"];
    let message = |v: &Value, what: &str| {
        obj(v, what);
        string(&v["text"], &format!("{what}.text"));
    };
    let region = |v: &Value, what: &str| {
        obj(v, what);
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            positive(&v[key], &format!("{what}.{key}"));
        }
        let start = (v["startLine"].as_u64(), v["startColumn"].as_u64());
        let end = (v["endLine"].as_u64(), v["endColumn"].as_u64());
        assert!(start <= end, "{what}: region ends before it starts: {v}");
    };
    let artifact = |v: &Value, what: &str| {
        obj(v, what);
        let uri = v["uri"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}.uri: {v}"));
        assert!(
            !uri.contains('\\') && !uri.contains(' '),
            "{what}.uri: {uri}"
        );
        assert!(uri.is_ascii(), "{what}.uri must be percent-encoded: {uri}");
    };
    let physical = |v: &Value, what: &str| {
        obj(v, what);
        artifact(&v["artifactLocation"], &format!("{what}.artifactLocation"));
        region(&v["region"], &format!("{what}.region"));
    };

    obj(log, "log");
    assert_eq!(log["version"], "2.1.0");
    string(&log["$schema"], "$schema");
    let runs = log["runs"].as_array().expect("runs must be an array");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    obj(driver, "tool.driver");
    assert_eq!(driver["name"], "ptg");
    string(&driver["version"], "driver.version");
    string(&driver["informationUri"], "driver.informationUri");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = driver["rules"]
        .as_array()
        .expect("driver.rules must be an array");
    assert_eq!(rules.len(), ptg_lint::registry::all().len());
    for (idx, rule) in rules.iter().enumerate() {
        let what = format!("rules[{idx}]");
        string(&rule["id"], &format!("{what}.id"));
        string(&rule["name"], &format!("{what}.name"));
        message(
            &rule["shortDescription"],
            &format!("{what}.shortDescription"),
        );
        message(&rule["fullDescription"], &format!("{what}.fullDescription"));
        message(&rule["help"], &format!("{what}.help"));
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(levels.contains(&level), "{what}: level {level}");
    }
    for inv in run["invocations"].as_array().expect("invocations") {
        assert!(inv["executionSuccessful"].is_boolean());
    }
    let results = run["results"].as_array().expect("results must be an array");
    assert!(!results.is_empty());
    for (idx, result) in results.iter().enumerate() {
        let what = format!("results[{idx}]");
        message(&result["message"], &format!("{what}.message"));
        let rule_id = result["ruleId"].as_str().unwrap();
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index]["id"], rule_id, "{what}: ruleIndex");
        let level = result["level"].as_str().unwrap();
        assert!(levels.contains(&level), "{what}: level {level}");
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        physical(
            &locations[0]["physicalLocation"],
            &format!("{what}.locations[0]"),
        );
        if let Some(related) = result.get("relatedLocations") {
            for (n, loc) in related.as_array().unwrap().iter().enumerate() {
                assert!(
                    loc["id"].as_u64().is_some(),
                    "{what}.relatedLocations[{n}].id"
                );
                physical(
                    &loc["physicalLocation"],
                    &format!("{what}.relatedLocations[{n}]"),
                );
                if let Some(m) = loc.get("message") {
                    message(m, &format!("{what}.relatedLocations[{n}].message"));
                }
            }
        }
        if let Some(fixes) = result.get("fixes") {
            for fix in fixes.as_array().unwrap() {
                message(&fix["description"], &format!("{what}.fixes[].description"));
                let changes = fix["artifactChanges"].as_array().unwrap();
                assert!(!changes.is_empty());
                for change in changes {
                    artifact(
                        &change["artifactLocation"],
                        "artifactChanges[].artifactLocation",
                    );
                    let replacements = change["replacements"].as_array().unwrap();
                    assert!(!replacements.is_empty());
                    for rep in replacements {
                        region(&rep["deletedRegion"], "replacements[].deletedRegion");
                        string(&rep["insertedContent"]["text"], "insertedContent.text");
                    }
                }
            }
        }
    }
}

#[test]
fn sarif_output_has_the_2_1_0_shape() {
    let dir = temp_dir("sarif");
    let doc = FIXABLE.replace(
        "资金 10万元 { 政府预算资金 10万元 }",
        "资金 30万元 {\n      政府预算资金 25万元\n      单位资金 3万元\n    }",
    );
    write_file(&dir, "子目录/甲 乙.ptg", &doc);
    let out = ptg()
        .current_dir(&dir)
        .args(["check", "--output-format", "sarif", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_sarif_2_1_0(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let find = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {results:?}"))
    };
    let syntax = find("syntax-error");
    let location = &syntax["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "%E5%AD%90%E7%9B%AE%E5%BD%95/%E7%94%B2%20%E4%B9%99.ptg"
    );
    // `=>` after `        "培训人数" `: columns count characters, the end is exclusive.
    assert_eq!(location["region"]["startLine"], 11);
    assert_eq!(location["region"]["startColumn"], 16);
    assert_eq!(location["region"]["endColumn"], 18);
    assert_eq!(syntax["level"], "error");
    assert_eq!(
        syntax["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "≥"
    );
    let sum = find("budget-breakdown-sum");
    assert_eq!(sum["relatedLocations"].as_array().unwrap().len(), 2);
    assert_eq!(find("quantity-upper-bound")["level"], "warning");
    let en = run(&[
        "--lang",
        "en",
        "check",
        "--output-format",
        "sarif",
        dir.to_str().unwrap(),
    ]);
    let en: Value = serde_json::from_slice(&en.stdout).unwrap();
    let rules = en["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules[0]["shortDescription"]["text"]
        .as_str()
        .unwrap()
        .is_ascii());
}

#[test]
fn github_annotations_are_escaped() {
    let dir = temp_dir("github");
    let doc = "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    满意度指标 {\n      服务对象满意度指标 { \"参训人员满意度\" ≥ 80% }\n    }\n  }\n}\n";
    write_file(&dir, "a,b.ptg", doc);
    let out = ptg()
        .current_dir(&dir)
        .args([
            "check",
            "--output-format",
            "github",
            "--select",
            "satisfaction-min",
            "a,b.ptg",
        ])
        .output()
        .unwrap();
    let stdout = stdout_of(&out);
    let line = stdout
        .lines()
        .find(|l| l.contains("satisfaction-min"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.starts_with("::warning file=a%2Cb.ptg,line=5,col=29,endLine=5,endColumn=34,title=ptg (satisfaction-min)::"),
        "{line}"
    );
    assert!(line.contains("80%25"), "{line}");
    assert!(!line.contains("80%,") && !line.contains("% "), "{line}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

/// Checks that every tag is closed in order (a small XML well-formedness check).
fn assert_balanced_xml(xml: &str) {
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    let mut stack: Vec<String> = Vec::new();
    let mut rest = &xml[xml.find("?>").unwrap() + 2..];
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(!text.contains('>'), "stray `>` in {text:?}");
        for (idx, _) in text.match_indices('&') {
            let entity = &text[idx..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare `&` in {text:?}"
            );
        }
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "`<` inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap();
            stack.push(name.to_string());
        }
        // Attribute values are quoted and escaped.
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert!(rest.trim().is_empty());
}

#[test]
fn junit_is_well_formed() {
    let dir = temp_dir("junit");
    write_file(
        &dir,
        "a.ptg",
        &FIXABLE.replace("发放手册数量", "<手册>&'数量'"),
    );
    write_file(&dir, "b.ptg", "年度 2024\n");
    let out = run(&[
        "check",
        "--output-format",
        "junit",
        "--select",
        FIXABLE_RULES,
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout_of(&out);
    assert_balanced_xml(&xml);
    assert_eq!(xml.matches("<testsuite ").count(), 2, "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 2, "{xml}");
    assert!(
        xml.contains("<testsuites name=\"ptg\" tests=\"3\" failures=\"2\""),
        "{xml}"
    );
    assert!(xml.contains("&lt;手册&gt;&amp;&apos;数量&apos;"), "{xml}");
}

#[test]
fn rule_command_prints_docs_and_lists() {
    let out = run(&["rule", "quantity-upper-bound"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = stdout_of(&out);
    for needle in [
        "quantity-upper-bound (L203)",
        "分组：",
        "默认级别：",
        "警告",
        "检查什么",
        "为什么",
        "错误示例",
        "正确示例",
        "≤ 160人",
    ] {
        assert!(stdout.contains(needle), "{needle}:\n{stdout}");
    }
    let out = run(&["--lang", "en", "rule", "L203"]);
    let stdout = stdout_of(&out);
    for needle in [
        "quantity-upper-bound (L203)",
        "Default severity:",
        "What it finds",
        "Bad example",
        "Good example",
    ] {
        assert!(stdout.contains(needle), "{needle}:\n{stdout}");
    }
    let out = run(&["rule", "quantity-upper-bound", "--output-format", "json"]);
    let rule: Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = rule
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "name",
            "code",
            "group",
            "severity",
            "fix",
            "what",
            "why",
            "bad_example",
            "good_example"
        ]
    );
    assert_eq!(rule["fix"], "unsafe");
    let count = ptg_lint::registry::all().len();
    let out = run(&["rule", "--all"]);
    let table = stdout_of(&out);
    assert_eq!(table.lines().count(), count + 1, "{table}");
    assert!(table
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("E001  syntax-error"));
    let out = run(&["rule", "--all", "--output-format", "json"]);
    assert_eq!(json(&out).len(), count);
    let out = run(&["rule", "quantity-upper-bond"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("是不是 `quantity-upper-bound`"));
    let out = run(&["rule"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn closest_config_wins_and_cli_overrides() {
    let dir = temp_dir("config");
    write_file(&dir, "ptg.toml", "ignore = [\"quantity-upper-bound\"]\n");
    write_file(
        &dir,
        "sub/ptg.toml",
        "lang = \"en\"\n[rules]\nquantity-upper-bound = \"error\"\n",
    );
    let top = write_file(&dir, "a.ptg", FIXABLE);
    let deep = write_file(&dir, "sub/deep/b.ptg", FIXABLE);
    let findings = |args: &[&str]| -> Vec<(String, String, String)> {
        let mut all = vec!["check", "--output-format", "json"];
        all.extend_from_slice(args);
        let out = run(&all);
        json(&out)
            .iter()
            .filter(|e| e["rule"] == "quantity-upper-bound")
            .map(|e| {
                let file = e["filename"].as_str().unwrap();
                let name = Path::new(file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (
                    name,
                    e["severity"].as_str().unwrap().to_string(),
                    e["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let root = dir.to_str().unwrap();
    // a.ptg: the top config ignores the rule; b.ptg: sub/ptg.toml (closest) raises it to an
    // error, in English.
    let got = findings(&[root]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "b.ptg");
    assert_eq!(got[0].1, "error");
    assert!(got[0].2.starts_with("quantity indicator"), "{got:?}");
    // --lang beats the file's lang; --select beats the file's ignore.
    let got = findings(&["--lang", "zh", "--select", "quantity-upper-bound", root]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g.2.starts_with("数量指标")), "{got:?}");
    // --config: one file for everything; --isolated: none.
    let got = findings(&["--config", dir.join("ptg.toml").to_str().unwrap(), root]);
    assert!(got.is_empty(), "{got:?}");
    let got = findings(&["--isolated", top.to_str().unwrap(), deep.to_str().unwrap()]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g.1 == "warning"), "{got:?}");
    // stdin: the config of --stdin-filepath's directory.
    let out = run_with_stdin(
        &[
            "check",
            "--output-format",
            "json",
            "--stdin-filepath",
            deep.to_str().unwrap(),
            "-",
        ],
        FIXABLE,
    );
    let entries = json(&out);
    let qub: Vec<_> = entries
        .iter()
        .filter(|e| e["rule"] == "quantity-upper-bound")
        .collect();
    assert_eq!(qub.len(), 1);
    assert_eq!(qub[0]["severity"], "error");
    // A missing --config file is exit 2 before anything is checked.
    let out = run(&[
        "check",
        "--config",
        dir.join("nope.toml").to_str().unwrap(),
        root,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("无法读取配置文件"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_bad_config_is_reported_once_with_its_span_and_exits_two() {
    let dir = temp_dir("bad-config");
    write_file(&dir, "ptg.toml", "# 配置\nselect = [\"ALL\"]\nbogus = 1\n");
    write_file(&dir, "a.ptg", "年度 2024\n");
    write_file(&dir, "b.ptg", "年度 2024\n");
    let out = ptg()
        .current_dir(&dir)
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = stdout_of(&out);
    assert_eq!(stdout.matches("[invalid-config]").count(), 1, "{stdout}");
    assert!(stdout.contains("ptg.toml:3:1"), "{stdout}");
    assert!(stdout.contains("bogus"), "{stdout}");
    let out = ptg()
        .current_dir(&dir)
        .args(["check", "--output-format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let entries = json(&out);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["filename"], "ptg.toml");
    assert_eq!(entries[0]["location"]["row"], 3);
    // --exit-zero does not hide a broken configuration; --isolated ignores it.
    let out = ptg()
        .current_dir(&dir)
        .args(["check", "--exit-zero", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = ptg()
        .current_dir(&dir)
        .args(["check", "--isolated", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn config_schema_is_json() {
    let out = run(&["config", "--schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"].is_object(), "{schema}");
    assert!(schema["properties"]["select"].is_object());
}

#[test]
fn overrides_match_paths_relative_to_the_config() {
    let dir = temp_dir("overrides");
    write_file(
        &dir,
        "proj/ptg.toml",
        "[[overrides]]\npath = \"旧表/**\"\nignore = [\"quantity-upper-bound\"]\n",
    );
    write_file(&dir, "proj/旧表/2023/a.ptg", FIXABLE);
    write_file(&dir, "proj/新表/a.ptg", FIXABLE);
    // Run from elsewhere: the override still matches relative to proj/.
    let out = ptg()
        .current_dir(&dir)
        .args(["check", "--output-format", "json", "proj"])
        .output()
        .unwrap();
    let files: Vec<String> = json(&out)
        .iter()
        .filter(|e| e["rule"] == "quantity-upper-bound")
        .map(|e| e["filename"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(files, ["proj/新表/a.ptg"]);
    let out = ptg()
        .current_dir(dir.join("proj/旧表"))
        .args(["check", "--output-format", "json", "2023/a.ptg"])
        .output()
        .unwrap();
    assert!(!json(&out)
        .iter()
        .any(|e| e["rule"] == "quantity-upper-bound"));
}

#[cfg(unix)]
#[test]
fn a_ptg_toml_linking_to_another_file_is_not_read() {
    let dir = temp_dir("toml-link");
    let outside = dir.join("outside");
    let work = dir.join("work");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(outside.join("credentials"), "SECRET-LINE = = =\n").unwrap();
    std::os::unix::fs::symlink(outside.join("credentials"), work.join("ptg.toml")).unwrap();
    std::fs::write(work.join("a.ptg"), "年度 2024\n").unwrap();
    let out = run(&["check", work.join("a.ptg").to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("SECRET"), "{all}");
    // A link to a file that is itself a ptg.toml is a shared configuration: it is used.
    let shared = outside.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("ptg.toml"), "unknown-key = 1\n").unwrap();
    std::fs::remove_file(work.join("ptg.toml")).unwrap();
    std::os::unix::fs::symlink(shared.join("ptg.toml"), work.join("ptg.toml")).unwrap();
    let out = run(&["check", work.join("a.ptg").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

/// `ptg lsp` ends with 0 after `shutdown` then `exit`, and with 1 after `exit` alone, as
/// the protocol specifies.
#[test]
fn lsp_exit_code_follows_the_protocol() {
    use std::io::{Read as _, Write as _};
    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }
    let initialize = frame(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}"#,
    );
    let initialized = frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    let shutdown = frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    let exit = frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    for (with_shutdown, expected) in [(true, 0), (false, 1)] {
        let mut child = ptg()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut seen = Vec::new();
        // Reads the server's output up to its answer to request `id`: a client waits for
        // each answer before it goes on.
        let mut answer = |id: u32| {
            let mut buf = [0u8; 4096];
            let wanted = format!(r#""id":{id}}}"#);
            while !String::from_utf8_lossy(&seen).contains(&wanted) {
                let n = stdout.read(&mut buf).unwrap();
                assert!(n > 0, "the server closed its output before answering {id}");
                seen.extend_from_slice(&buf[..n]);
            }
        };
        stdin.write_all(initialize.as_bytes()).unwrap();
        answer(1);
        stdin.write_all(initialized.as_bytes()).unwrap();
        if with_shutdown {
            stdin.write_all(shutdown.as_bytes()).unwrap();
            answer(2);
        }
        stdin.write_all(exit.as_bytes()).unwrap();
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(expected), "shutdown: {with_shutdown}");
    }
}

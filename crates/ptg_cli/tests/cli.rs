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
    let out = run(&["check", repo().join("examples").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("检查了"), "{stderr}");
}

#[test]
fn json_has_the_documented_shape() {
    let dir = temp_dir("json");
    let file = dir.join("a.ptg");
    std::fs::write(&file, "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    负责人 \"张三\"\n    产出指标 { 数量指标 { \"甲\" => 5个 } }\n  }\n}\n").unwrap();
    let out = run(&["check", "--output-format", "json", file.to_str().unwrap()]);
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
    let out = run(&["check", "--output-format", "json", path.to_str().unwrap()]);
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
    std::fs::write(
        dir.join("comments.ptg"),
        "# 只有注释\n# ptg: allow(x) -- y\n",
    )
    .unwrap();
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
    let out = run(&["check", "--output-format", "json", dir.to_str().unwrap()]);
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
            .args(["check", rel.to_str().unwrap()])
            .output()
            .unwrap();
        let rendered = String::from_utf8_lossy(&out.stdout).replace('\\', "/");
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("rendered", rendered);
        });
    });
}

//! End-to-end tests of `ptg fmt`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn ptg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ptg"));
    cmd.env_remove("PTG_LANG").env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> Output {
    ptg().args(args).output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ptg-fmt-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MESSY: &str = "# 注释\n金额单位 万元\n年度 2024\n部门 “某局” {\n  项目 “甲” {\n    资金 10.000万元 { 政府预算资金 100,000元 }\n    产出 { 数量 { \"人数\" 不少于 10人  # 行尾\n } }\n    成本 { 经济成本 { \"总成本\" 不超过10万元 } }\n  }\n}\n";

const CANONICAL: &str = "# 注释\n年度 2024\n金额单位 万元\n\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 10万元 {\n      政府预算资金 100000元\n    }\n    成本指标 {\n      经济成本指标 {\n        \"总成本\" ≤ 10万元\n      }\n    }\n    产出指标 {\n      数量指标 {\n        \"人数\" ≥ 10人  # 行尾\n      }\n    }\n  }\n}\n";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn rewrites_in_place_and_is_idempotent() {
    let dir = temp_dir("write");
    let file = dir.join("a.ptg");
    std::fs::write(&file, MESSY).unwrap();
    let out = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), CANONICAL);
    assert!(stderr(&out).contains("格式化了 1 个文件"));
    let out = run(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("0 个文件需要格式化"));
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn check_and_diff_write_nothing() {
    let dir = temp_dir("check");
    let file = dir.join("a.ptg");
    std::fs::write(&file, MESSY).unwrap();
    let out = run(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("需要格式化："));
    assert!(String::from_utf8_lossy(&out.stdout).contains("a.ptg"));
    let out = run(&["fmt", "--diff", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-部门 “某局” {") && diff.contains("+部门 \"某局\" {"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MESSY);
}

#[test]
fn syntax_errors_are_refused_with_exit_two() {
    let dir = temp_dir("broken");
    let file = dir.join("broken.ptg");
    let broken = "部门 “某局” {\n  项目 \"甲\" {\n    \"x\" => 5个\n";
    std::fs::write(&file, broken).unwrap();
    let out = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("语法错误，未格式化"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_read_only_files_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("perm");
    let file = dir.join("a.ptg");
    std::fs::write(&file, MESSY).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let locked = dir.join("locked.ptg");
    std::fs::write(&locked, MESSY).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(&["fmt", locked.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), MESSY);
}

#[test]
fn stdin_to_stdout_keeps_crlf() {
    let mut child = ptg()
        .args(["fmt", "-", "--stdin-filepath", "a.ptg"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(MESSY.replace('\n', "\r\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        CANONICAL.replace('\n', "\r\n")
    );
}

#[test]
fn the_scheme_comes_from_ptg_toml() {
    let dir = temp_dir("scheme");
    std::fs::write(dir.join("ptg.toml"), "scheme = \"通用\"\n").unwrap();
    let file = dir.join("a.ptg");
    // Without a `体系` header the configured 通用 applies: 成本 is a 二级 of 产出指标 there.
    std::fs::write(
        &file,
        "年度 2024\n部门 \"x\" {\n  项目 \"y\" {\n    产出 { 成本 { \"c\" ≤ 1元 } 数量 { \"n\" ≥ 1个 } }\n  }\n}\n",
    )
    .unwrap();
    let out = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(
            "    产出指标 {\n      数量指标 {\n        \"n\" ≥ 1个\n      }\n      成本指标 {"
        ),
        "{text}"
    );
}

#[test]
fn the_shipped_examples_are_formatted() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let out = run(&["fmt", "--check", examples.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

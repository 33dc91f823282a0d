//! `ptg check`: find the files, read them, parse, report.

use std::collections::HashSet;
use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use ptg_diagnostics::{Diagnostic, Lang, Severity};

use crate::input::{decode, encoding_diagnostic, Decoded};
use crate::render::{json_entries, write_human, Counts, FileReport};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    pub lang: Lang,
    pub stdin_filepath: Option<PathBuf>,
}

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// Where a document comes from.
enum Origin {
    File(PathBuf),
    Stdin,
}

/// Finds the documents to check: named files as given, `*.ptg` under directories,
/// sorted and without duplicates. Problems (missing paths, unreadable directories) are
/// returned as messages.
fn collect(paths: &[PathBuf], lang: Lang) -> (Vec<Origin>, Vec<String>) {
    let mut origins = Vec::new();
    let mut problems = Vec::new();
    let mut seen_files = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            origins.push(Origin::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                let mut visited = HashSet::new();
                walk(path, &mut found, &mut visited, &mut problems, lang);
                found.sort();
                for file in found {
                    if seen_files.insert(file.clone()) {
                        origins.push(Origin::File(file));
                    }
                }
            }
            Ok(_) => {
                if seen_files.insert(path.clone()) {
                    origins.push(Origin::File(path.clone()));
                }
            }
            Err(err) => problems.push(match lang {
                Lang::Zh => format!("无法访问 {}：{}", path.display(), io_reason(&err, lang)),
                Lang::En => format!(
                    "cannot access {}: {}",
                    path.display(),
                    io_reason(&err, lang)
                ),
            }),
        }
    }
    (origins, problems)
}

fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    problems: &mut Vec<String>,
    lang: Lang,
) {
    // Symlink loops: never enter the same real directory twice.
    let Ok(real) = fs::canonicalize(dir) else {
        return;
    };
    if !visited.insert(real) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(match lang {
                Lang::Zh => format!("无法读取目录 {}：{}", dir.display(), io_reason(&err, lang)),
                Lang::En => format!(
                    "cannot read directory {}: {}",
                    dir.display(),
                    io_reason(&err, lang)
                ),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                if !hidden {
                    walk(&path, found, visited, problems, lang);
                }
            }
            Ok(_) => {
                if path.extension().is_some_and(|ext| ext == "ptg") {
                    found.push(path);
                }
            }
            // A dangling symlink or a loop: nothing to check there.
            Err(_) => {}
        }
    }
}

fn io_reason(err: &io::Error, lang: Lang) -> String {
    match (err.kind(), lang) {
        (io::ErrorKind::NotFound, Lang::Zh) => "没有这个文件或目录".into(),
        (io::ErrorKind::PermissionDenied, Lang::Zh) => "没有权限".into(),
        (io::ErrorKind::NotFound, Lang::En) => "no such file or directory".into(),
        (io::ErrorKind::PermissionDenied, Lang::En) => "permission denied".into(),
        _ => err.to_string(),
    }
}

/// Checks one decoded document: syntax, rules, suppressions.
pub fn check_text(text: &str, lang: Lang) -> Vec<Diagnostic> {
    let parse = ptg_syntax::parse(text);
    let settings = ptg_lint::LintSettings {
        lang,
        ..ptg_lint::LintSettings::default()
    };
    ptg_lint::lint(text, &parse, &settings)
}

/// Reads, decodes and checks one document. `Err` is an I/O problem (exit 2).
fn check_origin(origin: &Origin, args: &CheckArgs) -> Result<FileReport, String> {
    let (filename, bytes) = match origin {
        Origin::File(path) => {
            let bytes = fs::read(path).map_err(|err| match args.lang {
                Lang::Zh => format!(
                    "无法读取 {}：{}",
                    path.display(),
                    io_reason(&err, args.lang)
                ),
                Lang::En => format!(
                    "cannot read {}: {}",
                    path.display(),
                    io_reason(&err, args.lang)
                ),
            })?;
            (path.display().to_string(), bytes)
        }
        Origin::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(|err| {
                format!(
                    "{}: {err}",
                    args.lang
                        .pick("无法读取标准输入", "cannot read standard input")
                )
            })?;
            let name = args
                .stdin_filepath
                .as_ref()
                .map_or_else(|| "-".to_string(), |p| p.display().to_string());
            (name, bytes)
        }
    };
    if u32::try_from(bytes.len()).is_err() {
        return Err(match args.lang {
            Lang::Zh => format!("{filename}：文件超过 4 GiB，无法检查"),
            Lang::En => format!("{filename}: file is larger than 4 GiB"),
        });
    }
    Ok(match decode(bytes) {
        Decoded::Text(text) => {
            let diagnostics = check_text(&text, args.lang);
            FileReport {
                filename,
                text: Some(text),
                diagnostics,
            }
        }
        Decoded::Invalid(guess) => FileReport {
            diagnostics: vec![encoding_diagnostic(guess, &filename, args.lang)],
            filename,
            text: None,
        },
    })
}

fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// Runs `ptg check`; returns the exit code.
pub fn run(args: &CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> io::Result<u8> {
    let (origins, mut problems) = collect(&args.paths, args.lang);
    let color = use_color();
    let mut counts = Counts::default();
    let mut json = Vec::new();
    let mut worst = None::<Severity>;
    for origin in &origins {
        match check_origin(origin, args) {
            Ok(report) => {
                counts.add(&report);
                worst = worst.max(report.diagnostics.iter().map(|d| d.severity).max());
                match args.format {
                    OutputFormat::Human => write_human(stdout, &report, args.lang, color)?,
                    OutputFormat::Json => json.extend(json_entries(&report)),
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if args.format == OutputFormat::Json {
        serde_json::to_writer_pretty(&mut *stdout, &json)?;
        writeln!(stdout)?;
    }
    for problem in &problems {
        writeln!(stderr, "ptg: {problem}")?;
    }
    if origins.is_empty() && problems.is_empty() {
        writeln!(
            stderr,
            "ptg: {}",
            args.lang.pick("没有找到 .ptg 文件", "no .ptg files found")
        )?;
    }
    let nothing_read = origins.is_empty() && !problems.is_empty();
    if args.format == OutputFormat::Human && !nothing_read {
        writeln!(stderr, "{}", counts.summary(args.lang))?;
    }
    Ok(if !problems.is_empty() {
        EXIT_TROUBLE
    } else if worst == Some(Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

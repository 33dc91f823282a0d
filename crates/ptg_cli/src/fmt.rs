//! `ptg fmt`: rewrite files to the canonical form, atomically; `--check` and `--diff`
//! only report. Category names follow the scheme each file resolves to (its `体系`
//! header, else `ptg.toml`, else 国家2021), exactly as `ptg check` sees it.

use std::io::{self, Write};
use std::path::PathBuf;

use ptg_diagnostics::Lang;
use ptg_fmt::FormatError;
use ptg_lint::LintSettings;
use ptg_semantic::Model;

use crate::check::{
    collect, io_reason, read_origin, with_bom, Origin, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE,
    RUN_BY_RUN_MIN_BYTES,
};
use crate::config::{ConfigChoice, Resolver};
use crate::diff;
use crate::fix::{write_atomic, WriteError};
use crate::input::{decode, Decoded};
use crate::parallel;
use crate::render::write_human;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FmtMode {
    /// Rewrite the files (or print stdin formatted).
    Write,
    /// List the files that would change; exit 1 if any.
    Check,
    /// Print a unified diff; exit 1 if any.
    Diff,
}

pub struct FmtArgs {
    pub paths: Vec<PathBuf>,
    pub mode: FmtMode,
    pub lang: Lang,
    pub lang_explicit: bool,
    pub stdin_filepath: Option<PathBuf>,
    pub config: ConfigChoice,
    /// `--threads`: files formatted at once (0: one per core).
    pub threads: usize,
}

/// Formats one decoded document with the settings that govern it (shared with the
/// language server through `ptg_ide`).
pub fn format_text(text: &str, settings: &LintSettings) -> Result<String, FormatError> {
    // Run by run when the document is large and allows it: memory stays that of the
    // text, the output and one run.
    if text.len() >= RUN_BY_RUN_MIN_BYTES {
        if let Some(formatted) = ptg_ide::format_in_runs(text, &settings.model) {
            return formatted;
        }
    }
    let parse = ptg_syntax::parse(text);
    let model = Model::build(text, &parse, &settings.model);
    ptg_ide::format_text(text, &parse, &model)
}

fn refusal(filename: &str, err: &FormatError, lang: Lang) -> String {
    match (err, lang) {
        (FormatError::SyntaxErrors(errors), Lang::Zh) => format!(
            "{filename}：有 {} 个语法错误，未格式化（运行 `ptg check {filename}` 查看）",
            errors.len()
        ),
        (FormatError::SyntaxErrors(errors), Lang::En) => format!(
            "{filename}: {} syntax error{}, not formatted (run `ptg check {filename}` to see them)",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ),
        (FormatError::Unsafe(why), Lang::Zh) => {
            format!("{filename}：格式化结果未通过安全检查（{why}），未写入；请报告这个问题")
        }
        (FormatError::Unsafe(why), Lang::En) => format!(
            "{filename}: the formatted text failed its safety check ({why}); nothing written, please report this"
        ),
    }
}

/// Writes the diagnostics of the configuration files loaded since the last call to
/// `stderr` and queues the problems reading them; `true` when a diagnostic is an error.
fn report_config(
    resolver: &mut Resolver,
    problems: &mut Vec<String>,
    stderr: &mut dyn Write,
    args: &FmtArgs,
) -> io::Result<bool> {
    let (reports, read_problems) = resolver.drain();
    problems.extend(read_problems);
    // The diagnostics are in the language the file asks for, unless the command line chose.
    let lang = match resolver.preferred_lang() {
        Some(lang) if !args.lang_explicit => lang,
        _ => args.lang,
    };
    let mut error = false;
    for report in reports {
        error |= report
            .diagnostics
            .iter()
            .any(|d| d.severity == ptg_diagnostics::Severity::Error);
        write_human(stderr, &report, lang, false)?;
    }
    Ok(error)
}

/// What formatting one document came to.
enum Outcome {
    /// It could not be read, decoded, formatted or written.
    Problem(String),
    /// Already formatted; `stdout` is what to print (the text itself, on stdin).
    Unchanged { stdout: Vec<u8> },
    /// Reformatted (or would be); `stdout` is the text or the diff to print, if any.
    Changed { filename: String, stdout: Vec<u8> },
}

/// Reads, formats and (in write mode) writes one document; runs on a worker thread.
fn format_one(origin: &Origin, settings: &LintSettings, args: &FmtArgs) -> Outcome {
    let lang = args.lang;
    let mut doc = match read_origin(origin, lang, args.stdin_filepath.as_deref()) {
        Ok(doc) => doc,
        Err(problem) => return Outcome::Problem(problem),
    };
    // Only writing needs the bytes read once they are decoded (the BOM, the check that
    // the file did not change, stdin's unchanged text).
    let bytes = if args.mode == FmtMode::Write {
        doc.snapshot.bytes.clone()
    } else {
        std::mem::take(&mut doc.snapshot.bytes)
    };
    let text = match decode(bytes) {
        Decoded::Text(text) => text,
        Decoded::Invalid(_) => {
            return Outcome::Problem(match lang {
                Lang::Zh => format!(
                    "{}：文件不是 UTF-8 编码，未格式化（运行 `ptg check` 查看转换方法）",
                    doc.filename
                ),
                Lang::En => format!(
                    "{}: not UTF-8, not formatted (`ptg check` says how to convert it)",
                    doc.filename
                ),
            })
        }
    };
    let formatted = match format_text(&text, settings) {
        Ok(formatted) => formatted,
        Err(err) => return Outcome::Problem(refusal(&doc.filename, &err, lang)),
    };
    let is_stdin = doc.path.is_none();
    if formatted == text {
        let stdout = if is_stdin && args.mode == FmtMode::Write {
            doc.snapshot.bytes
        } else {
            Vec::new()
        };
        return Outcome::Unchanged { stdout };
    }
    let stdout = match args.mode {
        FmtMode::Check => Vec::new(),
        FmtMode::Diff => diff::unified(&doc.filename, &text, &formatted).into_bytes(),
        FmtMode::Write => {
            let contents = with_bom(&doc.snapshot.bytes, &formatted);
            match &doc.path {
                None => contents,
                Some(path) => match write_atomic(path, &doc.snapshot, &contents) {
                    Ok(()) => Vec::new(),
                    Err(WriteError::Changed) => {
                        return Outcome::Problem(match lang {
                            Lang::Zh => {
                                format!("{}：读取后文件已被修改，未写入；请重新运行", doc.filename)
                            }
                            Lang::En => format!(
                            "{}: the file changed after it was read; nothing written, run again",
                            doc.filename
                        ),
                        })
                    }
                    Err(WriteError::Io(err)) => {
                        return Outcome::Problem(match lang {
                            Lang::Zh => {
                                format!("{}：无法写入：{}", doc.filename, io_reason(&err, lang))
                            }
                            Lang::En => {
                                format!("{}: cannot write: {}", doc.filename, io_reason(&err, lang))
                            }
                        })
                    }
                },
            }
        }
    };
    Outcome::Changed {
        filename: doc.filename,
        stdout,
    }
}

/// Runs `ptg fmt`; returns the exit code: 0 done (or nothing to change), 1 with
/// `--check`/`--diff` when a file would change, 2 when a file could not be formatted.
pub fn run(args: &FmtArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> io::Result<u8> {
    let lang = args.lang;
    let mut resolver = Resolver::new(args.config.clone(), lang, args.lang_explicit);
    if let Err(problem) = resolver.load_explicit() {
        writeln!(stderr, "ptg: {problem}")?;
        return Ok(EXIT_TROUBLE);
    }
    let (origins, mut problems) = collect(&args.paths, lang);
    let mut changed: Vec<String> = Vec::new();
    let mut unchanged = 0usize;
    // As with `ptg check`: a configuration that cannot be read or has errors is reported
    // (on stderr: stdout carries the formatted text, the list or the diff) and exits 2.
    let mut config_error = report_config(&mut resolver, &mut problems, stderr, args)?;
    // Settings and configuration reports in file order; then format in parallel and
    // report in the same order.
    let mut jobs = Vec::with_capacity(origins.len());
    for origin in &origins {
        let config_path = match origin {
            Origin::File(path) => path.clone(),
            Origin::Stdin => args
                .stdin_filepath
                .clone()
                .unwrap_or_else(|| PathBuf::from("-")),
        };
        let mut settings = resolver.settings_for(&config_path);
        settings.lang = lang;
        config_error |= report_config(&mut resolver, &mut problems, stderr, args)?;
        jobs.push((origin, settings));
    }
    parallel::for_each_ordered(
        &jobs,
        parallel::thread_count(args.threads),
        |(origin, settings)| format_one(origin, settings, args),
        |outcome| -> io::Result<()> {
            match outcome {
                Outcome::Problem(problem) => problems.push(problem),
                Outcome::Unchanged { stdout: bytes } => {
                    unchanged += 1;
                    stdout.write_all(&bytes)?;
                }
                Outcome::Changed {
                    filename,
                    stdout: bytes,
                } => {
                    changed.push(filename);
                    stdout.write_all(&bytes)?;
                }
            }
            Ok(())
        },
    )?;
    if args.mode == FmtMode::Check {
        for name in &changed {
            writeln!(
                stdout,
                "{}{name}",
                lang.pick("需要格式化：", "would reformat: ")
            )?;
        }
    }
    stdout.flush()?;
    for problem in &problems {
        writeln!(stderr, "ptg: {problem}")?;
    }
    if origins.is_empty() && problems.is_empty() {
        writeln!(
            stderr,
            "ptg: {}",
            lang.pick("没有找到 .ptg 文件", "no .ptg files found")
        )?;
    }
    let summary = match (args.mode, lang) {
        (FmtMode::Write, Lang::Zh) => format!(
            "格式化了 {} 个文件，{unchanged} 个文件已是规范格式。",
            changed.len()
        ),
        (FmtMode::Write, Lang::En) => format!(
            "{} file(s) reformatted, {unchanged} file(s) already formatted.",
            changed.len()
        ),
        (_, Lang::Zh) => format!(
            "{} 个文件需要格式化，{unchanged} 个文件已是规范格式。",
            changed.len()
        ),
        (_, Lang::En) => format!(
            "{} file(s) would be reformatted, {unchanged} file(s) already formatted.",
            changed.len()
        ),
    };
    let stdin_write =
        args.mode == FmtMode::Write && origins.iter().all(|o| matches!(o, Origin::Stdin));
    if !stdin_write && !origins.is_empty() {
        writeln!(stderr, "{summary}")?;
    }
    Ok(if !problems.is_empty() || config_error {
        EXIT_TROUBLE
    } else if args.mode != FmtMode::Write && !changed.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

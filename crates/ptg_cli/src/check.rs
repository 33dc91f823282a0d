//! `ptg check`: find the files, read them, lint (and fix), report.

use std::collections::HashSet;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use ptg_diagnostics::{Diagnostic, Lang, Severity};
use ptg_lint::LintSettings;

use crate::config::{ConfigChoice, Resolver};
use crate::diff;
use crate::fix::{self, Snapshot, WriteError};
use crate::input::{decode, encoding_diagnostic, Decoded};
use crate::render::{json_entries, write_human, write_human_with_threads, Counts, FileReport};
use crate::{github, junit, parallel, sarif, statistics};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

impl OutputFormat {
    pub const NAMES: [&'static str; 5] = ["human", "json", "sarif", "github", "junit"];

    pub fn from_name(name: &str) -> Option<OutputFormat> {
        Some(match name {
            "human" => OutputFormat::Human,
            "json" => OutputFormat::Json,
            "sarif" => OutputFormat::Sarif,
            "github" => OutputFormat::Github,
            "junit" => OutputFormat::Junit,
            _ => return None,
        })
    }
}

/// What to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Report only.
    Off,
    /// `--fix`: write the fixed files (stdin: print the fixed text).
    Apply,
    /// `--diff`: print what `--fix` would change; write nothing.
    Diff,
}

pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    /// The message language of the command line (`--lang`, `PTG_LANG`, or Chinese).
    pub lang: Lang,
    /// `--lang` or `PTG_LANG` was given: it overrides `lang` in `ptg.toml`.
    pub lang_explicit: bool,
    pub stdin_filepath: Option<PathBuf>,
    pub fix: FixMode,
    pub unsafe_fixes: bool,
    pub statistics: bool,
    pub exit_zero: bool,
    /// `--select`: replaces the configuration's `select` and `ignore`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    pub config: ConfigChoice,
    /// `--threads`: files checked at once (0: one per core).
    pub threads: usize,
}

/// Exit codes, as documented in docs/cli.md.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// Where a document comes from.
pub(crate) enum Origin {
    File(PathBuf),
    Stdin,
}

/// Finds the documents to check: named files as given, `*.ptg` under directories,
/// sorted and without duplicates. Problems (missing paths, unreadable directories) are
/// returned as messages.
pub(crate) fn collect(paths: &[PathBuf], lang: Lang) -> (Vec<Origin>, Vec<String>) {
    let mut origins = Vec::new();
    let mut problems = Vec::new();
    let mut seen_files = HashSet::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin_seen, true) {
                origins.push(Origin::Stdin);
            }
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                let mut visited = HashSet::new();
                let root = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                walk(path, &root, &mut found, &mut visited, &mut problems, lang);
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

/// Collects the `*.ptg` regular files under `dir`. Symbolic links are followed only when
/// they lead to somewhere inside `root` (the directory named on the command line, resolved):
/// a link in a workspace must not make ptg read, or `fmt`/`--fix` write, a file elsewhere.
/// Named pipes, sockets and devices are skipped: reading them could block or never end.
fn walk(
    dir: &Path,
    root: &Path,
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
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            match fs::canonicalize(&path) {
                Ok(real) if real.starts_with(root) => {}
                // Outside the tree, dangling, or a loop: nothing to check there.
                _ => continue,
            }
        }
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() && !hidden => {
                walk(&path, root, found, visited, problems, lang);
            }
            Ok(meta) if meta.is_file() && path.extension().is_some_and(|ext| ext == "ptg") => {
                found.push(path);
            }
            // A hidden directory, another file; a pipe, socket or device; a dangling
            // symlink or a loop.
            _ => {}
        }
    }
}

pub fn io_reason(err: &io::Error, lang: Lang) -> String {
    match fix::Refusal::of(err) {
        Some(fix::Refusal::NotRegular) => {
            return lang
                .pick(
                    "不是普通文件（设备、套接字等不读取）",
                    "not a regular file (devices and sockets are not read)",
                )
                .into()
        }
        Some(fix::Refusal::TooLarge) => {
            return lang
                .pick("文件超过 4 GiB，无法检查", "larger than 4 GiB")
                .into()
        }
        Some(fix::Refusal::ReadOnly) => {
            return lang
                .pick(
                    "文件是只读的，未改动",
                    "the file is read-only; left as it is",
                )
                .into()
        }
        None => {}
    }
    // ELOOP: `ErrorKind::FilesystemLoop` is not stable.
    #[cfg(target_os = "linux")]
    if err.raw_os_error() == Some(40) {
        return lang
            .pick("符号链接循环", "too many levels of symbolic links")
            .into();
    }
    match (err.kind(), lang) {
        (io::ErrorKind::NotFound, Lang::Zh) => "没有这个文件或目录".into(),
        (io::ErrorKind::PermissionDenied, Lang::Zh) => "没有权限".into(),
        (io::ErrorKind::IsADirectory, Lang::Zh) => "是一个目录".into(),
        (io::ErrorKind::NotADirectory, Lang::Zh) => "路径中有一部分不是目录".into(),
        (io::ErrorKind::StorageFull, Lang::Zh) => "磁盘空间不足".into(),
        (io::ErrorKind::FileTooLarge, Lang::Zh) => "文件超过了允许的大小".into(),
        (io::ErrorKind::ReadOnlyFilesystem, Lang::Zh) => "文件系统是只读的".into(),
        (io::ErrorKind::NotFound, Lang::En) => "no such file or directory".into(),
        (io::ErrorKind::PermissionDenied, Lang::En) => "permission denied".into(),
        _ => err.to_string(),
    }
}

/// Reports with more findings than this are rendered when written, not by the worker.
const PRERENDER_MAX: usize = 5_000;

/// From this size on a file is linted and formatted run by run (one top-level entity's
/// tree at a time), so that memory stays near the text's size. Below it the whole parse
/// is faster: cutting a file into runs lexes it once more.
pub(crate) const RUN_BY_RUN_MIN_BYTES: usize = 1 << 20;

/// Lints one decoded document: a large one one top-level entity at a time when it allows
/// (memory of one department's tree, not the file's; entities on several threads), else
/// whole.
pub fn lint_text(text: &str, settings: &LintSettings, threads: usize) -> Vec<Diagnostic> {
    if text.len() >= RUN_BY_RUN_MIN_BYTES {
        if let Some(diagnostics) = ptg_lint::lint_in_chunks(text, settings, threads) {
            return diagnostics;
        }
    }
    let parse = ptg_syntax::parse(text);
    ptg_lint::lint_with_threads(text, &parse, settings, threads)
}

/// One document read from disk or stdin.
pub(crate) struct Document {
    pub(crate) filename: String,
    /// The file on disk (not for stdin).
    pub(crate) path: Option<PathBuf>,
    pub(crate) snapshot: Snapshot,
}

pub(crate) fn read_origin(
    origin: &Origin,
    lang: Lang,
    stdin_filepath: Option<&Path>,
) -> Result<Document, String> {
    let doc = match origin {
        Origin::File(path) => {
            let snapshot = Snapshot::read(path).map_err(|err| match lang {
                Lang::Zh => format!("无法读取 {}：{}", path.display(), io_reason(&err, lang)),
                Lang::En => format!("cannot read {}: {}", path.display(), io_reason(&err, lang)),
            })?;
            Document {
                filename: path.display().to_string(),
                path: Some(path.clone()),
                snapshot,
            }
        }
        Origin::Stdin => {
            let bytes = fix::read_bounded(io::stdin().lock()).map_err(|err| {
                format!(
                    "{}{}{}",
                    lang.pick("无法读取标准输入", "cannot read standard input"),
                    lang.pick("：", ": "),
                    io_reason(&err, lang)
                )
            })?;
            let filename =
                stdin_filepath.map_or_else(|| "-".to_string(), |p| p.display().to_string());
            Document {
                filename,
                path: None,
                snapshot: Snapshot {
                    bytes,
                    modified: None,
                    id: None,
                },
            }
        }
    };
    if u32::try_from(doc.snapshot.bytes.len()).is_err() {
        return Err(match lang {
            Lang::Zh => format!("{}：文件超过 4 GiB，无法检查", doc.filename),
            Lang::En => format!("{}: file is larger than 4 GiB", doc.filename),
        });
    }
    Ok(doc)
}

fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// Where reports go and what is collected for the end of the run.
struct Output<'o> {
    format: OutputFormat,
    statistics: bool,
    lang: Lang,
    color: bool,
    /// stdout, or stderr when stdout carries fixed text (`--fix` on stdin).
    reports: &'o mut dyn Write,
    collected: Vec<FileReport>,
    /// Threads for rendering a huge report (see `write_human_with_threads`).
    threads: usize,
}

impl Output<'_> {
    /// Writes (or keeps for the end) one report; `lang` is the language of its messages.
    fn emit(&mut self, report: FileReport, lang: Lang) -> io::Result<()> {
        match self.format {
            OutputFormat::Human if !self.statistics => {
                write_human_with_threads(self.reports, &report, lang, self.color, self.threads)?;
            }
            OutputFormat::Github => github::write(self.reports, &report)?,
            _ => self.collected.push(report),
        }
        Ok(())
    }

    fn finish(&mut self, problems: &[String], unsafe_fixes: bool) -> io::Result<()> {
        let out = &mut *self.reports;
        if self.statistics {
            let rows = statistics::rows(&self.collected, unsafe_fixes);
            return match self.format {
                OutputFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &statistics::json(&rows))?;
                    writeln!(out)
                }
                _ => statistics::write_table(out, &rows, self.lang),
            };
        }
        match self.format {
            OutputFormat::Human | OutputFormat::Github => {}
            OutputFormat::Json => {
                let json: Vec<_> = self.collected.iter().flat_map(json_entries).collect();
                serde_json::to_writer_pretty(&mut *out, &json)?;
                writeln!(out)?;
            }
            OutputFormat::Sarif => {
                let log = sarif::log(&self.collected, problems, self.lang);
                serde_json::to_writer_pretty(&mut *out, &log)?;
                writeln!(out)?;
            }
            OutputFormat::Junit => {
                out.write_all(junit::document(&self.collected, self.lang).as_bytes())?;
            }
        }
        Ok(())
    }
}

/// Totals of a run.
#[derive(Default)]
struct Tally {
    counts: Counts,
    worst: Option<Severity>,
    /// Fixes applied (`--fix`) or that would be (`--diff`).
    fixed: usize,
    /// Files written (`--fix`) or with a diff (`--diff`).
    changed_files: usize,
    config_error: bool,
    /// Documents handed to the output so far.
    files: usize,
}

/// Runs `ptg check`; returns the exit code.
pub fn run(args: &CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> io::Result<u8> {
    let mut resolver = Resolver::new(args.config.clone(), args.lang, args.lang_explicit);
    if let Err(problem) = resolver.load_explicit() {
        writeln!(stderr, "ptg: {problem}")?;
        return Ok(EXIT_TROUBLE);
    }
    // The language of everything not tied to one file: the command line's, else the
    // first configuration's.
    let ui_lang = |resolver: &Resolver| {
        if args.lang_explicit {
            args.lang
        } else {
            resolver.preferred_lang().unwrap_or(args.lang)
        }
    };
    let (origins, mut problems) = collect(&args.paths, args.lang);
    let stdin_fixed =
        args.fix == FixMode::Apply && origins.iter().any(|o| matches!(o, Origin::Stdin));
    let mut fixed_stdin: Option<Vec<u8>> = None;
    let mut tally = Tally::default();
    {
        let reports: &mut dyn Write = if stdin_fixed {
            &mut *stderr
        } else {
            &mut *stdout
        };
        let mut output = Output {
            format: args.format,
            statistics: args.statistics,
            lang: args.lang,
            color: use_color() && !stdin_fixed,
            reports,
            collected: Vec::new(),
            threads: parallel::thread_count(args.threads),
        };
        let mut diffs = String::new();
        // The `--config` file's own problems come first.
        emit_config(
            &mut resolver,
            &mut output,
            &mut tally,
            &mut problems,
            ui_lang,
        )?;
        // Settings and configuration reports are resolved in file order, here; the files
        // are then read, linted and rendered in parallel, and reported in the same order.
        let mut jobs = Vec::with_capacity(origins.len());
        // Configuration files first loaded for a document: their reports and problems come
        // before its own report.
        let mut config_before = Vec::with_capacity(origins.len());
        for origin in &origins {
            let config_path = match origin {
                Origin::File(path) => path.clone(),
                Origin::Stdin => args
                    .stdin_filepath
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("-")),
            };
            let settings = apply_cli(resolver.settings_for(&config_path), args);
            let (reports, problems) = resolver.drain();
            config_before.push(Some((reports, problems, ui_lang(&resolver))));
            jobs.push(Job { origin, settings });
        }
        let render_human = args.format == OutputFormat::Human && !args.statistics;
        let color = output.color;
        let threads = parallel::thread_count(args.threads);
        // Fewer files than threads (one huge file): the rest go to each file's rules.
        let rule_threads = (threads / jobs.len().max(1)).max(1);
        parallel::for_each_ordered(
            &jobs,
            threads,
            |job| {
                let mut done = Done {
                    read: read_origin(job.origin, args.lang, args.stdin_filepath.as_deref()),
                    processed: None,
                    effects: Effects::default(),
                    rendered: None,
                };
                if let Ok(doc) = &mut done.read {
                    let processed =
                        process(doc, &job.settings, args, rule_threads, &mut done.effects);
                    // A huge report is rendered as it is written out, not held whole
                    // in memory (a 1M-line file's report is ~50 MB).
                    let small = processed.report().diagnostics.len() <= PRERENDER_MAX;
                    if render_human && args.fix != FixMode::Diff && small {
                        let mut bytes = Vec::new();
                        // Writing to memory cannot fail.
                        let _ =
                            write_human(&mut bytes, processed.report(), job.settings.lang, color);
                        done.rendered = Some(bytes);
                    }
                    done.processed = Some(processed);
                }
                done
            },
            |done| -> io::Result<()> {
                let job = &jobs[tally.files];
                if let Some((reports, read_problems, lang)) = config_before[tally.files].take() {
                    problems.extend(read_problems);
                    emit_config_reports(reports, lang, &mut output, &mut tally)?;
                }
                tally.files += 1;
                if let Err(problem) = done.read {
                    problems.push(problem);
                    return Ok(());
                }
                tally.fixed += done.effects.fixed;
                tally.changed_files += done.effects.changed_files;
                problems.extend(done.effects.problems);
                diffs.push_str(&done.effects.diff);
                let report = match done.processed {
                    Some(Processed::Report(report)) => report,
                    Some(Processed::Stdin(report, text)) => {
                        fixed_stdin = Some(text);
                        report
                    }
                    None => return Ok(()),
                };
                if args.fix == FixMode::Diff {
                    return Ok(());
                }
                tally.counts.add(&report);
                tally.worst = tally
                    .worst
                    .max(report.diagnostics.iter().map(|d| d.severity).max());
                match done.rendered {
                    Some(bytes) => output.reports.write_all(&bytes),
                    None => output.emit(report, job.settings.lang),
                }
            },
        )?;
        output.lang = ui_lang(&resolver);
        if args.fix == FixMode::Diff {
            output.reports.write_all(diffs.as_bytes())?;
        } else {
            output.finish(&problems, args.unsafe_fixes)?;
        }
    }
    if let Some(bytes) = fixed_stdin {
        stdout.write_all(&bytes)?;
    }
    // Reports first, then problems and the summary on stderr, also when both go to one
    // terminal or file.
    stdout.flush()?;
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
    let lang = ui_lang(&resolver);
    match args.fix {
        FixMode::Diff => {
            let line = match (lang, tally.fixed) {
                (Lang::Zh, 0) => "没有可以修复的问题。".to_string(),
                (Lang::En, 0) => "No fixes available.".to_string(),
                (Lang::Zh, n) => format!("将修复 {n} 个问题（{} 个文件）。", tally.changed_files),
                (Lang::En, n) => format!(
                    "Would fix {n} problem{} in {} file{}.",
                    if n == 1 { "" } else { "s" },
                    tally.changed_files,
                    if tally.changed_files == 1 { "" } else { "s" }
                ),
            };
            writeln!(stderr, "{line}")?;
        }
        FixMode::Apply if tally.fixed > 0 => {
            let line = match lang {
                Lang::Zh => format!("修复了 {} 个问题。", tally.fixed),
                Lang::En => format!(
                    "Fixed {} problem{}.",
                    tally.fixed,
                    if tally.fixed == 1 { "" } else { "s" }
                ),
            };
            writeln!(stderr, "{line}")?;
        }
        _ => {}
    }
    let nothing_read = origins.is_empty() && !problems.is_empty();
    if args.format == OutputFormat::Human && args.fix != FixMode::Diff && !nothing_read {
        writeln!(stderr, "{}", tally.counts.summary(lang))?;
        if let Some(hint) = tally.counts.fix_hint(lang, args.unsafe_fixes) {
            writeln!(stderr, "{hint}")?;
        }
    }
    Ok(if !problems.is_empty() || tally.config_error {
        EXIT_TROUBLE
    } else if args.exit_zero {
        EXIT_OK
    } else if args.fix == FixMode::Diff {
        if tally.changed_files > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    } else if tally.worst == Some(Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Reports on the configuration files loaded since the last call: their diagnostics (an
/// error among them makes the exit code 2) and problems reading them.
fn emit_config(
    resolver: &mut Resolver,
    output: &mut Output<'_>,
    tally: &mut Tally,
    problems: &mut Vec<String>,
    ui_lang: impl Fn(&Resolver) -> Lang,
) -> io::Result<()> {
    let (reports, read_problems) = resolver.drain();
    problems.extend(read_problems);
    emit_config_reports(reports, ui_lang(resolver), output, tally)
}

/// Writes configuration files' reports; an error among them makes the exit code 2.
fn emit_config_reports(
    reports: Vec<FileReport>,
    lang: Lang,
    output: &mut Output<'_>,
    tally: &mut Tally,
) -> io::Result<()> {
    for report in reports {
        tally.config_error |= report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        output.emit(report, lang)?;
    }
    Ok(())
}

/// The command line's `--select`, `--ignore` and `--lang` over a file's settings.
fn apply_cli(mut settings: LintSettings, args: &CheckArgs) -> LintSettings {
    if let Some(select) = &args.select {
        // An explicit selection is the whole truth: it also re-enables rules the
        // configuration ignores or turns off by name.
        settings.select = Some(select.clone());
        settings.ignore.clear();
        for name in select {
            if settings.levels.get(name) == Some(&ptg_lint::Level::Off) {
                settings.levels.remove(name);
            }
        }
    }
    settings.ignore.extend(args.ignore.iter().cloned());
    if args.lang_explicit {
        settings.lang = args.lang;
    }
    settings
}

enum Processed {
    Report(FileReport),
    /// `--fix` on stdin: the report and the fixed bytes to print.
    Stdin(FileReport, Vec<u8>),
}

impl Processed {
    fn report(&self) -> &FileReport {
        match self {
            Processed::Report(report) | Processed::Stdin(report, _) => report,
        }
    }
}

/// One document to check, with the settings resolved for it.
struct Job<'a> {
    origin: &'a Origin,
    settings: LintSettings,
}

/// What processing one document did besides its report (merged in file order).
#[derive(Default)]
struct Effects {
    /// Fixes applied or that would be.
    fixed: usize,
    changed_files: usize,
    problems: Vec<String>,
    /// `--diff`: this document's unified diff.
    diff: String,
}

/// A document's results, from a worker thread.
struct Done {
    read: Result<Document, String>,
    processed: Option<Processed>,
    effects: Effects,
    /// The human report, rendered by the worker.
    rendered: Option<Vec<u8>>,
}

const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The bytes to write for `text`, keeping the byte-order mark the original had.
pub(crate) fn with_bom(original: &[u8], text: &str) -> Vec<u8> {
    let mut contents = Vec::with_capacity(text.len() + BOM.len());
    if original.starts_with(BOM) {
        contents.extend_from_slice(BOM);
    }
    contents.extend_from_slice(text.as_bytes());
    contents
}

/// Decodes, lints and (with `--fix`/`--diff`) fixes one document.
/// `rule_threads`: threads for the rules of this document (see `lint_with_threads`).
fn process(
    doc: &mut Document,
    settings: &LintSettings,
    args: &CheckArgs,
    rule_threads: usize,
    effects: &mut Effects,
) -> Processed {
    // Without fixes, nothing needs the bytes read once they are decoded.
    let bytes = if args.fix == FixMode::Off {
        std::mem::take(&mut doc.snapshot.bytes)
    } else {
        doc.snapshot.bytes.clone()
    };
    let text = match decode(bytes) {
        Decoded::Text(text) => text,
        Decoded::Invalid(guess) => {
            let report = FileReport {
                diagnostics: vec![encoding_diagnostic(guess, &doc.filename, settings.lang)],
                filename: doc.filename.clone(),
                text: None,
            };
            if args.fix == FixMode::Apply && doc.path.is_none() {
                // A filter must not swallow what it cannot fix.
                return Processed::Stdin(report, doc.snapshot.bytes.clone());
            }
            return Processed::Report(report);
        }
    };
    let lint = |text: &str| lint_text(text, settings, rule_threads);
    if args.fix == FixMode::Off {
        let diagnostics = lint(&text);
        return Processed::Report(FileReport {
            filename: doc.filename.clone(),
            text: Some(text),
            diagnostics,
        });
    }
    let fixed = fix::fix_loop(&text, args.unsafe_fixes, lint);
    let changed = fixed.text != text;
    let report = |text: String, diagnostics| FileReport {
        filename: doc.filename.clone(),
        text: Some(text),
        diagnostics,
    };
    match args.fix {
        FixMode::Diff => {
            if changed {
                effects.fixed += fixed.count;
                effects.changed_files += 1;
                effects
                    .diff
                    .push_str(&diff::unified(&doc.filename, &text, &fixed.text));
            }
            Processed::Report(report(fixed.text, fixed.diagnostics))
        }
        _ if doc.path.is_none() => {
            effects.fixed += fixed.count;
            let contents = with_bom(&doc.snapshot.bytes, &fixed.text);
            Processed::Stdin(report(fixed.text, fixed.diagnostics), contents)
        }
        _ => {
            if !changed {
                return Processed::Report(report(fixed.text, fixed.diagnostics));
            }
            let path = doc.path.as_deref().unwrap_or(Path::new(&doc.filename));
            let contents = with_bom(&doc.snapshot.bytes, &fixed.text);
            match fix::write_atomic(path, &doc.snapshot, &contents) {
                Ok(()) => {
                    effects.fixed += fixed.count;
                    effects.changed_files += 1;
                    Processed::Report(report(fixed.text, fixed.diagnostics))
                }
                Err(err) => {
                    effects.problems.push(match (err, args.lang) {
                        (WriteError::Changed, Lang::Zh) => format!(
                            "{} 在读取之后被修改过，没有写入修复；请重新运行 ptg check --fix",
                            doc.filename
                        ),
                        (WriteError::Changed, Lang::En) => format!(
                            "{} changed on disk after it was read; fixes not written, run ptg check --fix again",
                            doc.filename
                        ),
                        (WriteError::Io(err), Lang::Zh) => format!(
                            "无法写入 {}：{}",
                            doc.filename,
                            io_reason(&err, args.lang)
                        ),
                        (WriteError::Io(err), Lang::En) => format!(
                            "cannot write {}: {}",
                            doc.filename,
                            io_reason(&err, args.lang)
                        ),
                    });
                    // Report what is in the file, which is still the original.
                    let diagnostics = lint(&text);
                    Processed::Report(report(text, diagnostics))
                }
            }
        }
    }
}

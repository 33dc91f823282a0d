//! `ptg`: the command-line front end of the PTG toolkit.

mod check;
mod config;
mod diff;
mod fix;
mod fmt;
mod github;
mod input;
mod junit;
mod parallel;
mod render;
mod rule_cmd;
mod sarif;
mod selectors;
mod statistics;
mod usage;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{value_parser, Arg, ArgAction, ArgGroup, ArgMatches, Command};
use ptg_diagnostics::Lang;

use crate::check::{CheckArgs, FixMode, OutputFormat, EXIT_TROUBLE};
use crate::config::ConfigChoice;
use crate::rule_cmd::RuleQuery;

/// mimalloc: the AST and the findings are many small allocations, freed together;
/// glibc's allocator spends up to a fifth of `ptg check` in malloc/free and, in the
/// language server, stalls the request after a large document's old analysis is freed
/// (`malloc_consolidate`). See docs/performance.md.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The language of help and messages before the arguments are parsed: `--lang`, then
/// `PTG_LANG`; `None` when neither is given (Chinese, unless `ptg.toml` says otherwise).
fn early_lang(args: &[OsString]) -> Option<Lang> {
    let mut iter = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            if let Some(lang) = iter.next().as_deref().and_then(Lang::from_tag) {
                return Some(lang);
            }
        } else if let Some(tag) = arg.strip_prefix("--lang=") {
            if let Some(lang) = Lang::from_tag(tag) {
                return Some(lang);
            }
        }
    }
    std::env::var("PTG_LANG")
        .ok()
        .and_then(|tag| Lang::from_tag(&tag))
}

/// Help flag, version flag and headings in the message language.
fn localize(cmd: Command, lang: Lang, top_level: bool) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let has_positionals = cmd.get_positionals().next().is_some();
    let template = if top_level {
        t(
            "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\nCommands:\n{subcommands}\n\nOptions:\n{options}{after-help}",
        )
    } else if has_positionals {
        t(
            "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\nArguments:\n{positionals}\n\nOptions:\n{options}{after-help}",
        )
    } else {
        t(
            "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\nOptions:\n{options}{after-help}",
        )
    };
    let cmd = cmd.help_template(template).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t("显示帮助", "print help")),
    );
    if top_level {
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("显示版本", "print version")),
        )
    } else {
        cmd
    }
}

fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .action(ArgAction::SetTrue)
        .help(help)
}

fn check_command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    Command::new("check")
        .about(t(
            "检查 .ptg 文件：语法错误与规则发现，可自动修复",
            "check .ptg files for syntax errors and rule findings, and fix them",
        ))
        .long_about(t(
            "检查 .ptg 文件。目录会被递归查找 *.ptg。每个文件使用离它最近的 ptg.toml（从文件所在目录向上查找）。\n\n退出码：0 没有错误级别的发现；1 至少一个错误（--diff：有可修复的内容）；2 用法、配置或读写错误。",
            "Check .ptg files. Directories are searched recursively for *.ptg. Each file uses the closest ptg.toml (searched upward from its directory).\n\nExit codes: 0 no error-severity finding; 1 at least one (--diff: something to fix); 2 usage, configuration or I/O error.",
        ))
        .arg(
            Arg::new("paths")
                .value_name("PATH")
                .num_args(0..)
                .value_parser(value_parser!(PathBuf))
                .help(t(
                    "要检查的文件或目录（默认当前目录）；`-` 表示标准输入",
                    "files or directories to check (default: the current directory); `-` reads standard input",
                )),
        )
        .arg(flag(
            "fix",
            t(
                "应用安全修复并写回文件（标准输入：把修复后的文本写到标准输出）",
                "apply safe fixes and write the files back (standard input: print the fixed text)",
            ),
        ))
        .arg(flag(
            "unsafe-fixes",
            t(
                "与 --fix 或 --diff 一起使用时，也应用不安全修复（可能改变原意）",
                "with --fix or --diff, also apply unsafe fixes (they may change the meaning)",
            ),
        ))
        .arg(
            flag(
                "diff",
                t(
                    "不写文件，以统一差异格式显示修复会做的修改；有修改时退出码为 1",
                    "write nothing; print the changes the fixes would make as a unified diff; exit 1 if there are any",
                ),
            )
            .conflicts_with_all(["statistics", "output-format"]),
        )
        .arg(
            Arg::new("output-format")
                .long("output-format")
                .value_name("FORMAT")
                .value_parser(OutputFormat::NAMES)
                .hide_possible_values(true)
                .hide_default_value(true)
                .default_value("human")
                .help(t(
                    "输出格式：human（带源码标注的报告）、json、sarif（SARIF 2.1.0）、github（GitHub Actions 注释）或 junit（JUnit XML）",
                    "output format: human (annotated report), json, sarif (SARIF 2.1.0), github (GitHub Actions annotations) or junit (JUnit XML)",
                )),
        )
        .arg(flag(
            "statistics",
            t(
                "只输出每条规则的发现数量（human 或 json）",
                "print only the number of findings per rule (human or json)",
            ),
        ))
        .arg(flag(
            "exit-zero",
            t(
                "即使有错误级别的发现，退出码也为 0（用法、配置与读写错误仍为 2）",
                "exit 0 even with error findings (usage, configuration and I/O errors still exit 2)",
            ),
        ))
        .arg(
            Arg::new("select")
                .long("select")
                .value_name("RULE,…")
                .value_delimiter(',')
                .action(ArgAction::Append)
                .help(t(
                    "只运行这些规则（规则名、代码、分组或 ALL），取代配置中的 select 和 ignore",
                    "run only these rules (names, codes, groups or ALL); replaces select and ignore of the configuration",
                )),
        )
        .arg(
            Arg::new("ignore")
                .long("ignore")
                .value_name("RULE,…")
                .value_delimiter(',')
                .action(ArgAction::Append)
                .help(t(
                    "不运行这些规则（规则名、代码或分组），追加到配置中的 ignore",
                    "do not run these rules (names, codes or groups); added to ignore of the configuration",
                )),
        )
}

/// `--config`, `--isolated` and `--stdin-filepath`, shared by `check` and `fmt`.
fn config_args(cmd: Command, lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    cmd.arg(
        Arg::new("config")
            .long("config")
            .value_name("PATH")
            .value_parser(value_parser!(PathBuf))
            .conflicts_with("isolated")
            .help(t(
                "对所有文件使用这个配置文件，不再查找 ptg.toml",
                "use this configuration file for every file instead of looking for ptg.toml",
            )),
    )
    .arg(flag(
        "isolated",
        t(
            "忽略所有配置文件，使用默认设置",
            "ignore every configuration file and use the defaults",
        ),
    ))
    .arg(
        Arg::new("stdin-filepath")
            .long("stdin-filepath")
            .value_name("PATH")
            .value_parser(value_parser!(PathBuf))
            .help(t(
                "从标准输入读取时使用的文件名（也决定从哪个目录查找 ptg.toml）",
                "the file name to report for standard input (also where ptg.toml is looked for)",
            )),
    )
}

/// `--threads`, shared by `check` and `fmt`.
fn threads_arg(cmd: Command, lang: Lang) -> Command {
    cmd.arg(
        Arg::new("threads")
            .long("threads")
            .short('j')
            .value_name("N")
            .value_parser(value_parser!(usize))
            .default_value("0")
            .hide_default_value(true)
            .help(lang.pick(
                "同时处理的文件数（默认 0：每个 CPU 核心一个）；输出顺序与线程数无关",
                "files processed at once (default 0: one per CPU core); the output order does not depend on it",
            )),
    )
}

/// Which configuration the `check`/`fmt` arguments ask for.
fn config_choice(sub: &ArgMatches) -> ConfigChoice {
    if sub.get_flag("isolated") {
        ConfigChoice::Isolated
    } else if let Some(path) = sub.get_one::<PathBuf>("config") {
        ConfigChoice::File(path.clone())
    } else {
        ConfigChoice::Discover
    }
}

fn rule_command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    Command::new("rule")
        .about(t(
            "显示规则的说明；--all 列出所有规则",
            "show a rule's documentation; --all lists every rule",
        ))
        .arg(
            Arg::new("name")
                .value_name("NAME")
                .help(t("规则名或代码", "rule name or code")),
        )
        .arg(flag("all", t("列出所有规则", "list every rule")))
        .group(
            ArgGroup::new("what")
                .args(["name", "all"])
                .required(true)
                .multiple(false),
        )
        .arg(
            Arg::new("output-format")
                .long("output-format")
                .value_name("FORMAT")
                .value_parser(["human", "json"])
                .hide_possible_values(true)
                .hide_default_value(true)
                .default_value("human")
                .help(t("输出格式：human 或 json", "output format: human or json")),
        )
}

fn fmt_command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    Command::new("fmt")
        .about(t(
            "把 .ptg 文件改写为规范格式（原子写入）",
            "rewrite .ptg files to the canonical form (atomic writes)",
        ))
        .long_about(t(
            "把 .ptg 文件改写为规范格式：规范的比较符、引号、数字、日期和类别名称，固定的缩进与顺序，注释全部保留。有语法错误的文件不格式化。\n\n退出码：0 完成；1 使用 --check 或 --diff 时有文件需要格式化；2 有文件无法格式化或读写错误。",
            "Rewrite .ptg files to the canonical form: canonical comparators, quotes, numbers, dates and category names, a fixed layout and order, every comment kept. Files with syntax errors are not formatted.\n\nExit codes: 0 done; 1 with --check or --diff when a file would change; 2 when a file cannot be formatted or on I/O errors.",
        ))
        .arg(
            Arg::new("paths")
                .value_name("PATH")
                .num_args(0..)
                .value_parser(value_parser!(PathBuf))
                .help(t(
                    "要格式化的文件或目录（默认当前目录）；`-` 表示标准输入，结果写到标准输出",
                    "files or directories to format (default: the current directory); `-` formats standard input to standard output",
                )),
        )
        .arg(flag(
            "check",
            t(
                "只检查：列出需要格式化的文件，有则退出码为 1，不写入",
                "only check: list the files that would change and exit 1 if any; write nothing",
            ),
        ))
        .arg(
            flag(
                "diff",
                t(
                    "只显示差异（unified diff），有差异则退出码为 1，不写入",
                    "only show a unified diff and exit 1 if there is one; write nothing",
                ),
            )
            .conflicts_with("check"),
        )
}

fn config_command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    Command::new("config")
        .about(t("配置文件 ptg.toml", "the configuration file ptg.toml"))
        .arg(
            flag(
                "schema",
                t(
                    "输出 ptg.toml 的 JSON Schema（供编辑器补全与校验）",
                    "print the JSON schema of ptg.toml (for editor completion and validation)",
                ),
            )
            .required(true),
        )
}

fn lsp_command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    Command::new("lsp")
        .about(t(
            "启动语言服务器（LSP），通过标准输入输出与编辑器通信",
            "start the language server (LSP), talking to the editor over standard input and output",
        ))
        .long_about(t(
            "启动语言服务器（LSP），通过标准输入输出与编辑器通信，由编辑器启动。诊断与 `ptg check` 相同，格式化与 `ptg fmt` 相同；每个文件使用离它最近的 ptg.toml。--lang 设定默认消息语言（ptg.toml 的 lang 与 initializationOptions 优先）。说明见 docs/lsp.md。",
            "Start the language server (LSP), talking to the editor over standard input and output; editors start it. Diagnostics are those of `ptg check`, formatting that of `ptg fmt`; each file uses the closest ptg.toml. --lang sets the default message language (ptg.toml's lang and initializationOptions come first). See docs/lsp.md.",
        ))
        // Clients such as vscode-languageclient add `--stdio`; stdio is the only transport.
        .arg(
            Arg::new("stdio")
                .long("stdio")
                .action(ArgAction::SetTrue)
                .hide(true),
        )
}

fn cli(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let lang_arg = Arg::new("lang")
        .long("lang")
        .global(true)
        .value_name("LANG")
        .value_parser(["zh", "en"])
        .hide_possible_values(true)
        .help(t(
            "消息语言：zh（中文，默认）或 en（英文）；也可用环境变量 PTG_LANG",
            "message language: zh (Chinese, default) or en (English); also PTG_LANG",
        ));
    let ptg = Command::new("ptg")
        .version(env!("CARGO_PKG_VERSION"))
        .about(t(
            "ptg：预算绩效目标语言（PTG）的工具集",
            "ptg: the toolkit for the PTG budget performance target language",
        ))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .disable_help_subcommand(true)
        .arg(lang_arg)
        .subcommand(localize(
            threads_arg(config_args(check_command(lang), lang), lang),
            lang,
            false,
        ))
        .subcommand(localize(
            threads_arg(config_args(fmt_command(lang), lang), lang),
            lang,
            false,
        ))
        .subcommand(localize(rule_command(lang), lang, false))
        .subcommand(localize(config_command(lang), lang, false))
        .subcommand(localize(lsp_command(lang), lang, false));
    localize(ptg, lang, true)
}

/// `ptg check` arguments from the matches; `Err` is a usage error message.
fn check_args(sub: &ArgMatches, lang: Lang, lang_explicit: bool) -> Result<CheckArgs, String> {
    let mut paths: Vec<PathBuf> = sub
        .get_many::<PathBuf>("paths")
        .map(|values| values.cloned().collect())
        .unwrap_or_default();
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let format = sub
        .get_one::<String>("output-format")
        .and_then(|name| OutputFormat::from_name(name))
        .unwrap_or(OutputFormat::Human);
    let statistics = sub.get_flag("statistics");
    if statistics && !matches!(format, OutputFormat::Human | OutputFormat::Json) {
        return Err(lang
            .pick(
                "--statistics 只能与 --output-format human 或 json 一起使用",
                "--statistics works only with --output-format human or json",
            )
            .to_string());
    }
    let strings = |id: &str| -> Vec<String> {
        sub.get_many::<String>(id)
            .map(|values| values.cloned().collect())
            .unwrap_or_default()
    };
    let select = match sub.get_many::<String>("select") {
        Some(_) => Some(selectors::resolve(&strings("select"), "--select", lang)?),
        None => None,
    };
    let ignore = selectors::resolve(&strings("ignore"), "--ignore", lang)?;
    let fix = if sub.get_flag("diff") {
        FixMode::Diff
    } else if sub.get_flag("fix") {
        FixMode::Apply
    } else {
        FixMode::Off
    };
    let config = config_choice(sub);
    Ok(CheckArgs {
        paths,
        format,
        lang,
        lang_explicit,
        stdin_filepath: sub.get_one::<PathBuf>("stdin-filepath").cloned(),
        fix,
        unsafe_fixes: sub.get_flag("unsafe-fixes"),
        statistics,
        exit_zero: sub.get_flag("exit-zero"),
        select,
        ignore,
        config,
        threads: sub.get_one::<usize>("threads").copied().unwrap_or(0),
    })
}

fn run(
    matches: &ArgMatches,
    lang: Lang,
    lang_explicit: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    match matches.subcommand() {
        Some(("check", sub)) => match check_args(sub, lang, lang_explicit) {
            Ok(args) => check::run(&args, out, err),
            Err(message) => {
                writeln!(err, "ptg: {message}")?;
                Ok(EXIT_TROUBLE)
            }
        },
        Some(("rule", sub)) => {
            let query = match sub.get_one::<String>("name") {
                Some(name) => RuleQuery::One(name.clone()),
                None => RuleQuery::All,
            };
            let json = sub.get_one::<String>("output-format").map(String::as_str) == Some("json");
            rule_cmd::run(&query, json, lang, out, err)
        }
        Some(("fmt", sub)) => {
            let mut paths: Vec<PathBuf> = sub
                .get_many::<PathBuf>("paths")
                .map(|values| values.cloned().collect())
                .unwrap_or_default();
            if paths.is_empty() {
                paths.push(PathBuf::from("."));
            }
            let mode = if sub.get_flag("check") {
                fmt::FmtMode::Check
            } else if sub.get_flag("diff") {
                fmt::FmtMode::Diff
            } else {
                fmt::FmtMode::Write
            };
            let config = config_choice(sub);
            let args = fmt::FmtArgs {
                paths,
                mode,
                lang,
                lang_explicit,
                stdin_filepath: sub.get_one::<PathBuf>("stdin-filepath").cloned(),
                config,
                threads: sub.get_one::<usize>("threads").copied().unwrap_or(0),
            };
            fmt::run(&args, out, err)
        }
        Some(("config", _)) => config::print_schema(out),
        _ => Ok(EXIT_TROUBLE),
    }
}

/// `ptg lsp`: serves until the client says `exit`.
fn run_lsp(lang: Option<Lang>) -> ExitCode {
    let options = ptg_lsp::ServerOptions {
        lang,
        ..ptg_lsp::ServerOptions::default()
    };
    match ptg_lsp::run_stdio_blocking(options) {
        Ok(true) => ExitCode::from(check::EXIT_OK),
        // `exit` without `shutdown` (or stdin closed): 1, as the protocol specifies.
        Ok(false) => ExitCode::from(check::EXIT_FINDINGS),
        Err(io_err) => {
            let _ = writeln!(io::stderr(), "ptg lsp: {io_err}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let early = early_lang(&args);
    let lang = early.unwrap_or_default();
    let matches = match cli(lang).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_TROUBLE } else { 0 };
            // clap prints help/version to stdout and usage errors to stderr; the common
            // usage errors are written in the user's language.
            match usage::localized(&err, lang).filter(|_| err.use_stderr()) {
                Some(text) => {
                    let _ = io::stderr().write_all(text.as_bytes());
                }
                None => {
                    let _ = err.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    let flag_lang = matches
        .get_one::<String>("lang")
        .and_then(|tag| Lang::from_tag(tag));
    let lang_explicit = flag_lang.is_some() || early.is_some();
    let lang = flag_lang.unwrap_or(lang);
    if let Some(("lsp", _)) = matches.subcommand() {
        // Before anything locks stdout: the server owns it for the protocol.
        return run_lsp(lang_explicit.then_some(lang));
    }
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let result = run(&matches, lang, lang_explicit, &mut out, &mut err);
    let result = result.and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`ptg check | head`) is not an error worth a message.
        Err(io_err) if io_err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(0),
        Err(io_err) => {
            let _ = writeln!(err, "ptg: {io_err}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn early_lang_reads_flag_forms() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            early_lang(&args(&["ptg", "--lang", "en", "check"])),
            Some(Lang::En)
        );
        assert_eq!(
            early_lang(&args(&["ptg", "check", "--lang=en"])),
            Some(Lang::En)
        );
    }

    #[test]
    fn cli_is_well_formed() {
        cli(Lang::Zh).debug_assert();
        cli(Lang::En).debug_assert();
    }
}

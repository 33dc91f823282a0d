//! `ptg`: the command-line front end of the PTG toolkit.

mod check;
mod input;
mod render;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{value_parser, Arg, ArgAction, Command};
use ptg_diagnostics::Lang;

use crate::check::{CheckArgs, OutputFormat, EXIT_TROUBLE};

/// The language of help and messages before the arguments are parsed: `--lang`, then
/// `PTG_LANG`, then Chinese.
fn early_lang(args: &[OsString]) -> Lang {
    let mut iter = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            if let Some(lang) = iter.next().as_deref().and_then(Lang::from_tag) {
                return lang;
            }
        } else if let Some(tag) = arg.strip_prefix("--lang=") {
            if let Some(lang) = Lang::from_tag(tag) {
                return lang;
            }
        }
    }
    std::env::var("PTG_LANG")
        .ok()
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Help flag, version flag and headings in the message language.
fn localize(cmd: Command, lang: Lang, top_level: bool) -> Command {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let template = if top_level {
        t(
            "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\nCommands:\n{subcommands}\n\nOptions:\n{options}{after-help}",
        )
    } else {
        t(
            "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\nArguments:\n{positionals}\n\nOptions:\n{options}{after-help}",
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
    let check = Command::new("check")
        .about(t(
            "检查 .ptg 文件：语法错误与规则发现",
            "check .ptg files for syntax errors and rule findings",
        ))
        .long_about(t(
            "检查 .ptg 文件。目录会被递归查找 *.ptg。\n\n退出码：0 没有错误级别的发现；1 至少一个错误；2 用法或读写错误。",
            "Check .ptg files. Directories are searched recursively for *.ptg.\n\nExit codes: 0 no error-severity finding; 1 at least one; 2 usage or I/O error.",
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
        .arg(
            Arg::new("output-format")
                .long("output-format")
                .value_name("FORMAT")
                .value_parser(["human", "json"])
                .hide_possible_values(true)
                .hide_default_value(true)
                .default_value("human")
                .help(t(
                    "输出格式：human（带源码标注的报告）或 json",
                    "output format: human (annotated report) or json",
                )),
        )
        .arg(
            Arg::new("stdin-filepath")
                .long("stdin-filepath")
                .value_name("PATH")
                .value_parser(value_parser!(PathBuf))
                .help(t(
                    "从标准输入读取时使用的文件名",
                    "the file name to report for standard input",
                )),
        );
    let check = localize(check, lang, false);
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
        .subcommand(check);
    localize(ptg, lang, true)
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = early_lang(&args);
    let matches = match cli(lang).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_TROUBLE } else { 0 };
            // clap prints help/version to stdout and usage errors to stderr.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let lang = matches
        .get_one::<String>("lang")
        .and_then(|tag| Lang::from_tag(tag))
        .unwrap_or(lang);
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let result = match matches.subcommand() {
        Some(("check", sub)) => {
            let mut paths: Vec<PathBuf> = sub
                .get_many::<PathBuf>("paths")
                .map(|values| values.cloned().collect())
                .unwrap_or_default();
            if paths.is_empty() {
                paths.push(PathBuf::from("."));
            }
            let format = match sub.get_one::<String>("output-format").map(String::as_str) {
                Some("json") => OutputFormat::Json,
                _ => OutputFormat::Human,
            };
            let args = CheckArgs {
                paths,
                format,
                lang,
                stdin_filepath: sub.get_one::<PathBuf>("stdin-filepath").cloned(),
            };
            check::run(&args, &mut out, &mut err)
        }
        _ => Ok(EXIT_TROUBLE),
    };
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
            Lang::En
        );
        assert_eq!(early_lang(&args(&["ptg", "check", "--lang=en"])), Lang::En);
    }

    #[test]
    fn cli_is_well_formed() {
        cli(Lang::Zh).debug_assert();
        cli(Lang::En).debug_assert();
    }
}

//! Command-line usage errors in the user's language.
//!
//! clap writes its own usage errors in English. For the common kinds this writes them in
//! Chinese from the error's context (which argument, which value, what was meant); other
//! kinds keep clap's English text. The exit code stays 2 either way.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use ptg_diagnostics::Lang;

fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(value) => Some(value.clone()),
        ContextValue::Strings(values) => Some(values.join("`、`")),
        ContextValue::StyledStr(value) => Some(value.to_string()),
        ContextValue::StyledStrs(values) => Some(
            values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("`、`"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The usage error `err` in Chinese, or `None` to print clap's own text (English, or a
/// kind not translated here).
pub(crate) fn localized(err: &clap::Error, lang: Lang) -> Option<String> {
    if lang != Lang::Zh {
        return None;
    }
    let get = |kind| context(err, kind);
    let mut message = match err.kind() {
        ErrorKind::UnknownArgument => {
            format!("不认识的参数 `{}`", get(ContextKind::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => {
            format!("没有名为 `{}` 的命令", get(ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::InvalidValue => {
            let arg = get(ContextKind::InvalidArg)?;
            let value = get(ContextKind::InvalidValue)?;
            if value.is_empty() {
                format!("`{arg}` 需要一个值")
            } else {
                format!("`{arg}` 的值 `{value}` 无效")
            }
        }
        ErrorKind::ValueValidation => format!(
            "`{}` 的值 `{}` 无效",
            get(ContextKind::InvalidArg)?,
            get(ContextKind::InvalidValue)?
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数 `{}`", get(ContextKind::InvalidArg)?)
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 `{}` 不能与 `{}` 一起使用",
            get(ContextKind::InvalidArg)?,
            get(ContextKind::PriorArg)?
        ),
        ErrorKind::NoEquals => format!("`{}` 的值要用 `=` 连接", get(ContextKind::InvalidArg)?),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("`{}` 的值个数不对", get(ContextKind::InvalidArg)?)
        }
        _ => return None,
    };
    let mut hints = Vec::new();
    if let Some(valid) = get(ContextKind::ValidValue) {
        hints.push(format!("可用的值：`{valid}`"));
    }
    if let Some(subcommand) = get(ContextKind::SuggestedSubcommand) {
        hints.push(format!("是不是 `{subcommand}`？"));
    }
    if let Some(arg) = get(ContextKind::SuggestedArg) {
        hints.push(format!("是不是 `{arg}`？"));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        hints.push(format!("用法：{usage}"));
    }
    hints.push("运行 `ptg --help`（或 `ptg <命令> --help`）查看全部选项。".to_string());
    message = format!("错误：{message}\n");
    for hint in hints {
        message.push_str("\n  ");
        message.push_str(&hint);
    }
    message.push('\n');
    Some(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn cmd() -> Command {
        Command::new("ptg").subcommand(
            Command::new("check")
                .arg(
                    Arg::new("output-format")
                        .long("output-format")
                        .value_parser(["human", "json"]),
                )
                .arg(Arg::new("statistics").long("statistics").num_args(0)),
        )
    }

    fn error(args: &[&str]) -> String {
        let err = cmd().try_get_matches_from(args).unwrap_err();
        localized(&err, Lang::Zh).unwrap_or_else(|| panic!("not localized: {err}"))
    }

    #[test]
    fn common_usage_errors_read_in_chinese() {
        let text = error(&["ptg", "check", "--statistcs"]);
        assert!(
            text.starts_with("错误：不认识的参数 `--statistcs`"),
            "{text}"
        );
        assert!(text.contains("是不是 `--statistics`？"), "{text}");
        let text = error(&["ptg", "check", "--output-format", "xml"]);
        assert!(
            text.contains("`--output-format <output-format>` 的值 `xml` 无效"),
            "{text}"
        );
        assert!(text.contains("可用的值：`human`、`json`"), "{text}");
        let text = error(&["ptg", "chek"]);
        assert!(text.contains("没有名为 `chek` 的命令"), "{text}");
        assert!(text.contains("是不是 `check`？"), "{text}");
    }

    #[test]
    fn english_keeps_clap_text() {
        let err = cmd().try_get_matches_from(["ptg", "chek"]).unwrap_err();
        assert_eq!(localized(&err, Lang::En), None);
    }
}

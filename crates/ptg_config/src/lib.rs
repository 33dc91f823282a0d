//! `ptg.toml`: the default scheme, custom schemes, extra units, rule levels, the message
//! language and per-path overrides, parsed into [`ptg_lint::LintSettings`]. The format is
//! documented in `docs/configuration.md`.
//!
//! Architecture Invariant: pure. [`parse`] takes the text and never fails: every problem
//! becomes a [`Diagnostic`] with a byte range into the text, and the valid parts are kept.
//! Finding and reading the file is the front end's job (CLI, language server).

mod cx;
pub mod discovery;
mod glob;
pub mod keys;
mod schema;
mod schemes;
mod settings;
mod walk;

use ptg_diagnostics::{sort, Diagnostic, Lang, TextSize};
use ptg_lint::LintSettings;
use ptg_semantic::{Scheme, UnitKind, UnitTable};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub use crate::cx::{INVALID_CONFIG, INVALID_CONFIG_CODE};
pub use crate::glob::{Glob, GlobError};
pub use crate::schema::json_schema;
pub use crate::settings::Patch;

use crate::cx::{Cx, Expected};
use crate::keys::{Key, KeyName};
use crate::walk::{entries, string, string_or_list};

/// The name of the configuration file.
pub const FILE_NAME: &str = "ptg.toml";

/// Everything a `ptg.toml` sets. `Config::default()` is the configuration of a directory
/// without one.
#[derive(Debug, Clone, Default)]
pub struct Config {
    lang: Option<Lang>,
    custom_schemes: Vec<Scheme>,
    base: Patch,
    overrides: Vec<Override>,
}

/// One `[[overrides]]` entry: settings for the files its patterns match.
#[derive(Debug, Clone)]
pub struct Override {
    patterns: Vec<Glob>,
    patch: Patch,
}

impl Override {
    pub fn patterns(&self) -> &[Glob] {
        &self.patterns
    }

    pub fn patch(&self) -> &Patch {
        &self.patch
    }

    /// Whether this override applies to the file at `relative_path`.
    pub fn matches(&self, relative_path: &str) -> bool {
        self.patterns.iter().any(|glob| glob.matches(relative_path))
    }
}

impl Config {
    /// The message language the file sets, if any.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// The custom schemes, in file order.
    pub fn custom_schemes(&self) -> &[Scheme] {
        &self.custom_schemes
    }

    /// The top-level settings.
    pub fn base(&self) -> &Patch {
        &self.base
    }

    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Lint settings for a document at `relative_path` ('/'-separated path of the .ptg
    /// file relative to the directory holding ptg.toml): base settings, then every
    /// matching [[overrides]] in order.
    pub fn settings_for(&self, relative_path: &str) -> LintSettings {
        let mut settings = LintSettings {
            lang: self.lang.unwrap_or_default(),
            ..LintSettings::default()
        };
        settings.model.custom_schemes = self.custom_schemes.clone();
        let mut units: Vec<(String, UnitKind)> = Vec::new();
        self.base.apply(&mut settings, &mut units);
        for over in &self.overrides {
            if over.matches(relative_path) {
                over.patch.apply(&mut settings, &mut units);
            }
        }
        settings.model.units = UnitTable::with_extra(units);
        settings
    }
}

/// Parses a ptg.toml. Never fails: problems become diagnostics (byte ranges into `text`),
/// and the valid parts are kept.
pub fn parse(text: &str, lang: Lang) -> (Config, Vec<Diagnostic>) {
    let mut cx = Cx::new(text, lang);
    let (document, errors) = DeTable::parse_recoverable(text);
    let broken_from = syntax_error(&mut cx, errors);

    let root = document.get_ref();
    let top = entries(root);
    let mut config = Config::default();

    // Schemes first: `scheme` and the overrides may name them wherever they stand.
    let schemes = match top
        .iter()
        .find(|(key, _)| key.get_ref().as_ref() == Key::Schemes.name())
    {
        Some((_, value)) => schemes::build_all(&mut cx, value),
        None => schemes::Schemes::default(),
    };

    for (key, value) in &top {
        let name = key.get_ref().as_ref();
        let Some(k) = keys::lookup(keys::TOP_LEVEL, name) else {
            let known: Vec<&str> = keys::TOP_LEVEL.iter().map(|k| k.name()).collect();
            let table = cx.lang.pick("顶层", "the top-level table").to_string();
            cx.unknown_key(key.span(), name, &table, &known);
            continue;
        };
        match k {
            Key::Lang => config.lang = language(&mut cx, value),
            Key::Schemes => {}
            Key::Overrides => config.overrides = overrides(&mut cx, value, &schemes),
            Key::Scheme
            | Key::DepartmentScheme
            | Key::DisallowSuppressions
            | Key::Select
            | Key::Ignore
            | Key::Rules
            | Key::Units
            | Key::Path => settings::setting(&mut cx, k, value, &mut config.base, &schemes),
        }
    }
    config.custom_schemes = schemes.built;

    // Past a syntax error, what recovery made of the text is not worth reporting.
    let mut diagnostics = cx.diags;
    if let Some(cut) = broken_from {
        // The syntax error was reported first.
        let syntax = diagnostics.remove(0);
        diagnostics.retain(|d| d.primary.range.start() < cut);
        diagnostics.push(syntax);
    }
    sort(&mut diagnostics);
    (config, diagnostics)
}

/// Reports the first TOML syntax error (later ones are mostly its echoes) and returns
/// the start of its line.
fn syntax_error(cx: &mut Cx<'_>, errors: Vec<toml::de::Error>) -> Option<TextSize> {
    let error = errors
        .into_iter()
        .min_by_key(|error| error.span().map_or(0, |span| span.start))?;
    let span = error.span().unwrap_or(0..0);
    let start = usize::from(cx.range(span.clone()).start());
    let line_start = cx.text[..start].rfind('\n').map_or(0, |at| at + 1);
    let detail = error.message().trim_end_matches('\n');
    let message = cx.t(
        format!("ptg.toml 语法错误：{detail}"),
        format!("ptg.toml syntax error: {detail}"),
    );
    let d = cx
        .invalid(span, message)
        .with_primary_message(cx.lang.pick("TOML 语法错误", "TOML syntax error"))
        .with_note(cx.lang.pick(
            "ptg.toml 是 TOML 文件：字符串要加引号，中文键名也要加引号（如 `\"人数\" = \"people\"`），数组写作 `[\"a\", \"b\"]`",
            "ptg.toml is TOML: strings are quoted, so are Chinese keys (`\"人数\" = \"people\"`), arrays are `[\"a\", \"b\"]`",
        ));
    cx.push(d);
    Some(TextSize::from(
        u32::try_from(line_start).unwrap_or(u32::MAX),
    ))
}

fn language(cx: &mut Cx<'_>, value: &Spanned<DeValue<'_>>) -> Option<Lang> {
    let text = string(cx, "lang", value)?;
    if let Some(lang) = Lang::from_tag(text) {
        return Some(lang);
    }
    let message = cx.t(
        format!("不支持的语言 `{text}`"),
        format!("unsupported language `{text}`"),
    );
    let d = cx
        .invalid(value.span(), message)
        .with_primary_message(cx.lang.pick("未知语言", "unknown language"))
        .with_note(cx.lang.pick(
            "可用：zh（中文）、en（英文）",
            "accepted: zh (Chinese), en (English)",
        ));
    cx.push(d);
    None
}

fn overrides(
    cx: &mut Cx<'_>,
    value: &Spanned<DeValue<'_>>,
    schemes: &schemes::Schemes,
) -> Vec<Override> {
    let DeValue::Array(items) = value.get_ref() else {
        cx.wrong_type(
            "overrides",
            value.span(),
            value.get_ref(),
            Expected::ArrayOfTables,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            cx.wrong_type(
                "overrides",
                item.span(),
                item.get_ref(),
                Expected::ArrayOfTables,
            );
            continue;
        };
        if let Some(over) = one_override(cx, item.span(), table, schemes) {
            out.push(over);
        }
    }
    out
}

fn one_override(
    cx: &mut Cx<'_>,
    span: std::ops::Range<usize>,
    table: &DeTable<'_>,
    schemes: &schemes::Schemes,
) -> Option<Override> {
    let mut patch = Patch::default();
    let mut patterns: Option<Vec<Glob>> = None;
    for (key, value) in entries(table) {
        let name = key.get_ref().as_ref();
        let Some(k) = keys::lookup(keys::OVERRIDE, name) else {
            let known: Vec<&str> = keys::OVERRIDE.iter().map(|k| k.name()).collect();
            let table_name = cx.t("[[overrides]] ".to_string(), "[[overrides]]".to_string());
            cx.unknown_key(key.span(), name, &table_name, &known);
            continue;
        };
        if k == Key::Path {
            patterns = Some(globs(cx, value));
        } else {
            settings::setting(cx, k, value, &mut patch, schemes);
        }
    }
    let Some(patterns) = patterns else {
        let d = cx
            .invalid(
                span,
                cx.lang
                    .pick("[[overrides]] 缺少 `path`", "[[overrides]] without `path`")
                    .to_string(),
            )
            .with_primary_message(cx.lang.pick("缺少 `path`", "missing `path`"))
            .with_note(cx.lang.pick(
                "用 `path = \"2023/**\"` 说明覆盖哪些文件（相对于 ptg.toml 所在目录）",
                "say which files it covers with `path = \"2023/**\"` (relative to the directory of ptg.toml)",
            ));
        cx.push(d);
        return None;
    };
    if patterns.is_empty() {
        return None;
    }
    Some(Override { patterns, patch })
}

fn globs(cx: &mut Cx<'_>, value: &Spanned<DeValue<'_>>) -> Vec<Glob> {
    let mut out = Vec::new();
    for (pattern, span) in string_or_list(cx, "path", value).unwrap_or_default() {
        match Glob::new(&pattern) {
            Ok(glob) => out.push(glob),
            Err(error) => {
                let (zh, en) = match error {
                    GlobError::Empty => ("路径模式是空的", "the path pattern is empty"),
                    GlobError::Backslash => (
                        "路径用 `/` 分隔，不用 `\\`",
                        "paths are separated by `/`, not `\\`",
                    ),
                    GlobError::ParentDir => (
                        "路径模式不能用 `..` 离开 ptg.toml 所在目录",
                        "a path pattern cannot leave the directory of ptg.toml with `..`",
                    ),
                };
                let d = cx
                    .invalid(span, cx.lang.pick(zh, en).to_string())
                    .with_primary_message(cx.lang.pick("无效的路径模式", "invalid path pattern"))
                    .with_note(cx.lang.pick(
                        "模式相对于 ptg.toml 所在目录：`*` 不跨目录，`**` 任意层目录，`?` 一个字符，如 `2023/**`、`**/旧表/*.ptg`",
                        "patterns are relative to the directory of ptg.toml: `*` within one directory, `**` any depth, `?` one character, e.g. `2023/**`, `**/old/*.ptg`",
                    ));
                cx.push(d);
            }
        }
    }
    out
}

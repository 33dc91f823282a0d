//! Diagnostics as plain data.
//!
//! A [`Diagnostic`] says what is wrong (rule, severity, message), where (a primary
//! [`Label`] and secondary labels, as byte ranges into one document), why it matters
//! (notes) and how to mend it (an optional [`Fix`] with its [`Applicability`]).
//!
//! This crate renders nothing: the CLI turns diagnostics into ariadne reports or JSON,
//! the language server into LSP diagnostics. File identity is added by the caller.

use std::borrow::Cow;

pub use text_size::{TextRange, TextSize};

/// The language of user-facing text. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Parses `zh`/`en` (also `zh-CN`, `en-US`, …).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Some(Lang::Zh)
        } else if lower == "en" || lower.starts_with("en-") || lower.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// How serious a finding is. Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The stable lower-case name used in JSON output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word shown to humans.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Hint, Lang::Zh) => "提示",
            (Severity::Info, Lang::Zh) => "信息",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Hint, Lang::En) => "hint",
            (Severity::Info, Lang::En) => "info",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::En) => "error",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "hint" => Some(Severity::Hint),
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A span of the document with an optional message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub range: TextRange,
    pub message: Option<String>,
}

impl Label {
    pub fn new(range: TextRange) -> Label {
        Label {
            range,
            message: None,
        }
    }

    pub fn with_message(range: TextRange, message: impl Into<String>) -> Label {
        Label {
            range,
            message: Some(message.into()),
        }
    }
}

/// How safe it is to apply a fix without looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Keeps the meaning the author intended; `ptg check --fix` applies it.
    Safe,
    /// May change what the author meant; applied only with `--unsafe-fixes`.
    Unsafe,
    /// Shown as a suggestion, never applied automatically.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace `range` with `replacement` (an empty range inserts, an empty replacement deletes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub replacement: Box<str>,
}

impl TextEdit {
    pub fn replace(range: TextRange, replacement: impl Into<Box<str>>) -> TextEdit {
        TextEdit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: TextSize, text: impl Into<Box<str>>) -> TextEdit {
        TextEdit::replace(TextRange::empty(at), text)
    }

    pub fn delete(range: TextRange) -> TextEdit {
        TextEdit::replace(range, "")
    }
}

/// A mechanical correction of a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<TextEdit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            applicability: Applicability::Safe,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<TextEdit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            applicability: Applicability::Unsafe,
        }
    }
}

/// One finding in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule name, e.g. `syntax-error`, `quantity-upper-bound`.
    pub rule: &'static str,
    /// Stable code, e.g. `E001`, never reused.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong: short, with the numbers involved, no trailing period.
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// Why it matters and what to do.
    /// Most notes are fixed texts of their rule: borrowed, not copied into every finding.
    pub notes: Vec<Cow<'static, str>>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        code: &'static str,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            code,
            severity,
            message: message.into(),
            primary: Label::new(range),
            secondary: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    #[must_use]
    pub fn with_primary_message(mut self, message: impl Into<String>) -> Diagnostic {
        self.primary.message = Some(message.into());
        self
    }

    #[must_use]
    pub fn with_secondary(mut self, label: Label) -> Diagnostic {
        self.secondary.push(label);
        self
    }

    #[must_use]
    pub fn with_note(mut self, note: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    pub fn range(&self) -> TextRange {
        self.primary.range
    }

    /// Moves every range that starts at or after `at` (labels and fix edits) by `delta`
    /// bytes: the diagnostic of an unchanged part of a document that an edit before it
    /// moved. Ranges before `at` (in the headers, say) stay.
    pub fn shift_from(&mut self, at: TextSize, delta: i64) {
        let shift = |range: &mut TextRange| {
            if range.start() >= at {
                let moved = |offset: TextSize| {
                    let moved = i64::from(u32::from(offset)) + delta;
                    TextSize::from(u32::try_from(moved.max(0)).unwrap_or(u32::MAX))
                };
                *range = TextRange::new(moved(range.start()), moved(range.end()));
            }
        };
        shift(&mut self.primary.range);
        for label in &mut self.secondary {
            shift(&mut label.range);
        }
        if let Some(fix) = &mut self.fix {
            for edit in &mut fix.edits {
                shift(&mut edit.range);
            }
        }
    }
}

/// Sorts diagnostics by position, then rule name, for stable output.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.primary.range.start(), a.primary.range.end(), a.rule).cmp(&(
            b.primary.range.start(),
            b.primary.range.end(),
            b.rule,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_by_seriousness() {
        assert!(Severity::Error > Severity::Warning);
        assert!(Severity::Warning > Severity::Info);
        assert!(Severity::Info > Severity::Hint);
        for sev in [
            Severity::Hint,
            Severity::Info,
            Severity::Warning,
            Severity::Error,
        ] {
            assert_eq!(Severity::from_name(sev.as_str()), Some(sev));
        }
    }

    #[test]
    fn lang_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::En.pick("中", "en"), "en");
    }

    #[test]
    fn sort_is_by_position_then_rule() {
        let at = |s: u32| TextRange::new(s.into(), (s + 1).into());
        let mut diags = vec![
            Diagnostic::new("b", "E2", Severity::Error, at(5), "x"),
            Diagnostic::new("a", "E1", Severity::Error, at(5), "x"),
            Diagnostic::new("c", "E3", Severity::Error, at(1), "x"),
        ];
        sort(&mut diags);
        let rules: Vec<_> = diags.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["c", "a", "b"]);
    }
}

//! What a rule is: metadata (name, code, severity, fix kind, bilingual docs) and a check.

use ptg_diagnostics::{Diagnostic, Lang, Severity, TextRange};
use ptg_semantic::model::IndicatorInfo;
use ptg_semantic::Model;

/// Whether and how a rule can fix what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        }
    }
}

/// The sections of DOMAIN.md §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Syntax,
    Structure,
    Values,
    Money,
    Time,
    Department,
}

impl Group {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Group::Syntax => lang.pick("语法与文件", "Syntax and file"),
            Group::Structure => lang.pick("结构", "Structure"),
            Group::Values => lang.pick("指标值", "Values"),
            Group::Money => lang.pick("金额", "Money"),
            Group::Time => lang.pick("时间", "Time"),
            Group::Department => lang.pick("部门整体", "Department-overall"),
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Group::Syntax => "syntax",
            Group::Structure => "structure",
            Group::Values => "values",
            Group::Money => "money",
            Group::Time => "time",
            Group::Department => "department",
        }
    }
}

/// A rule's documentation in one language.
#[derive(Debug, Clone, Copy)]
pub struct RuleDocs {
    /// What it finds: one sentence.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
}

/// Everything about a rule except its check.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable id used in config, suppressions and output.
    pub name: &'static str,
    /// Stable code, never reused (`E…` syntax and file, `L…` lint).
    pub code: &'static str,
    pub group: Group,
    pub severity: Severity,
    pub fix: FixKind,
    pub zh: RuleDocs,
    pub en: RuleDocs,
    /// A complete `.ptg` document that triggers exactly this rule, once.
    pub bad_example: &'static str,
    /// The same document put right: no finding of this rule.
    pub good_example: &'static str,
}

impl RuleMeta {
    pub fn docs(&self, lang: Lang) -> RuleDocs {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Everything a check may look at.
pub struct RuleContext<'m, 'a> {
    pub model: &'m Model<'a>,
    pub lang: Lang,
}

impl<'m, 'a> RuleContext<'m, 'a> {
    /// Picks the message text for the active language.
    pub fn t(&self, zh: String, en: String) -> String {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Picks a fixed text for the active language (no copy: notes keep it borrowed).
    pub fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    pub fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// A diagnostic of `meta` at `range`, with the rule's default severity.
    pub fn diagnostic(&self, meta: &RuleMeta, range: TextRange, message: String) -> Diagnostic {
        Diagnostic::new(meta.name, meta.code, meta.severity, range, message)
    }

    /// Indicators that rules may look at: those without a syntax error.
    pub fn indicators(&self) -> impl Iterator<Item = &'m IndicatorInfo<'a>> + 'm {
        self.model.indicators.iter().filter(|it| !it.ast.has_error)
    }
}

/// A check: reads the model, pushes diagnostics.
pub type CheckFn = fn(&RuleContext<'_, '_>, &mut Vec<Diagnostic>);

/// A registered rule: its metadata and, for lint rules, its check. Rules reported by the
/// parser, the CLI or the suppression engine have no check of their own.
#[derive(Clone, Copy)]
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Option<CheckFn>,
}

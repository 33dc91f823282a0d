//! Running the rules on a document: model, checks, precedence, suppressions, severities.

use std::collections::HashMap;

use ptg_diagnostics::{sort, Diagnostic, Fix, Lang, Severity, TextEdit};
use ptg_semantic::model::walk_items;
use ptg_semantic::{Model, ModelOptions};
use ptg_syntax::ast::Item;
use ptg_syntax::Parse;
use text_size::TextRange;

use crate::registry;
use crate::rule::{CheckFn, RuleContext};
use crate::suppression::{self, Scope};

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn from_name(name: &str) -> Option<Level> {
        if name == "off" {
            Some(Level::Off)
        } else {
            Severity::from_name(name).map(Level::On)
        }
    }
}

/// How to lint a document: what `ptg.toml` and the command line decided.
#[derive(Debug, Clone, Default)]
pub struct LintSettings {
    pub lang: Lang,
    pub model: ModelOptions,
    /// Per-rule levels (`[rules]`), by rule name.
    pub levels: HashMap<String, Level>,
    /// If set, only these rules (names or group ids, or `ALL`) run.
    pub select: Option<Vec<String>>,
    /// Rules (names or group ids) that never run.
    pub ignore: Vec<String>,
    /// Suppression comments are ignored (and reported as unused).
    pub disallow_suppressions: bool,
}

impl LintSettings {
    fn matches(selector: &str, rule: &crate::RuleMeta) -> bool {
        selector == "ALL" || selector == rule.name || selector == rule.group.id()
    }

    /// Whether a rule runs, and at which severity.
    pub fn level_of(&self, rule: &crate::RuleMeta) -> Level {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|select| select.iter().any(|s| Self::matches(s, rule)));
        let ignored = self.ignore.iter().any(|s| Self::matches(s, rule));
        // Syntax errors cannot be switched off: a broken file is never "clean".
        if rule.name == "syntax-error" {
            return Level::On(Severity::Error);
        }
        if !selected || ignored {
            return Level::Off;
        }
        self.levels
            .get(rule.name)
            .copied()
            .unwrap_or(Level::On(rule.severity))
    }
}

/// "One finding, one rule" (DOMAIN.md §4): when several of these report the same value,
/// only the first of each chain stays.
const PRECEDENCE: &[&[&str]] = &[
    &["satisfaction-needs-lower-bound", "satisfaction-min"],
    &[
        "satisfaction-needs-lower-bound",
        "rate-needs-percent",
        "deadline-vague",
        "timeliness-kind",
    ],
    &["cost-needs-money", "vague-value"],
    &["quantity-needs-number", "vague-value"],
    &["timeliness-kind", "vague-value"],
];

fn dominated(rule: &str, others: &[&str]) -> bool {
    PRECEDENCE.iter().any(|chain| {
        let Some(pos) = chain.iter().position(|r| *r == rule) else {
            return false;
        };
        chain[..pos].iter().any(|higher| others.contains(higher))
    })
}

/// Ranges of items with a syntax error: no rule reports inside them.
fn error_items(parse: &Parse) -> Vec<TextRange> {
    let mut out = Vec::new();
    walk_items(&parse.file.items, &mut |item| match item {
        Item::Indicator(it) if it.has_error => out.push(it.range),
        Item::Field(it) if it.has_error => out.push(it.range),
        _ => {}
    });
    out
}

/// Lints one parsed document: syntax diagnostics, rule findings, suppression findings,
/// all with configured severities, sorted by position.
pub fn lint(text: &str, parse: &Parse, settings: &LintSettings) -> Vec<Diagnostic> {
    lint_with_threads(text, parse, settings, 1)
}

/// Documents smaller than this are linted on one thread whatever the thread budget: the
/// rules then take well under a millisecond, less than starting threads is worth.
pub const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// [`lint`], with the document's parts shared out among up to `threads` threads for a
/// large document (one huge file, or the document open in an editor). The result is the
/// same as [`lint`]'s, in the same order.
pub fn lint_with_threads(
    text: &str,
    parse: &Parse,
    settings: &LintSettings,
    threads: usize,
) -> Vec<Diagnostic> {
    let parts = parts(parse);
    let findings = check_parts(text, parse, settings, &parts, threads)
        .into_iter()
        .flatten()
        .collect();
    finish(text, parse, settings, findings)
}

/// The raw findings of each of `parts` (see [`PartChecker::check`]), in the order of
/// `parts`, computed on up to `threads` threads (one for a document smaller than
/// [`PARALLEL_MIN_BYTES`]).
pub fn check_parts(
    text: &str,
    parse: &Parse,
    settings: &LintSettings,
    parts: &[Part],
    threads: usize,
) -> Vec<Vec<Diagnostic>> {
    let threads = threads.min(parts.len());
    if threads <= 1 || text.len() < PARALLEL_MIN_BYTES {
        return PartChecker::new(text, parse, settings).check_all(parts);
    }
    check_in_parallel(text, parse, settings, parts, threads)
}

/// Rules whose messages name a line number ("first on line 12"). Their findings change
/// when an edit above moves the lines, even where the text they look at did not; an
/// editor that keeps the findings of unchanged parts must check such parts again. A test
/// checks that no other rule's message changes when the lines move.
pub fn mentions_lines(rule: &str) -> bool {
    const RULES: &[&str] = &["duplicate-indicator"];
    RULES.contains(&rule)
}

/// One part of a document for the rules. Rules evaluate a document part by part
/// (entity-major): the model of one part stays small and in cache, a large document's
/// parts go to several threads, and an editor re-checks only the parts an edit touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The top-level items that are not entities (`年度`, `体系`, `金额单位` …).
    Headers,
    /// The top-level department, project or budget unit at this index of
    /// `parse.file.items`, with everything inside it.
    Entity(usize),
}

/// The parts of a parsed document, in file order of their entities (headers first).
pub fn parts(parse: &Parse) -> Vec<Part> {
    std::iter::once(Part::Headers)
        .chain(
            parse
                .file
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| matches!(item, Item::Entity(_)))
                .map(|(idx, _)| Part::Entity(idx)),
        )
        .collect()
}

/// Runs the enabled rules on one part at a time, reusing one model (the headers are
/// modelled once).
pub struct PartChecker<'a> {
    model: Model<'a>,
    checks: Vec<(&'static str, CheckFn)>,
    lang: Lang,
}

impl<'a> PartChecker<'a> {
    pub fn new(text: &'a str, parse: &'a Parse, settings: &LintSettings) -> PartChecker<'a> {
        PartChecker {
            model: Model::build_filtered(text, parse, &settings.model, |_| false),
            checks: enabled_checks(settings),
            lang: settings.lang,
        }
    }

    /// Line numbers from `starts` (see [`Model::use_line_starts`]).
    pub fn use_line_starts(&mut self, starts: &'a [text_size::TextSize]) {
        self.model.use_line_starts(starts);
    }

    /// The raw findings of the rules in `part`: before precedence, suppressions and
    /// configured severities, which [`finish`] applies to the findings of every part.
    /// A part owns the findings located in it: the headers' findings come from the
    /// headers' part alone.
    pub fn check(&mut self, part: Part) -> Vec<Diagnostic> {
        self.check_rules(part, |_| true)
    }

    /// [`PartChecker::check`] of each of `parts`, in order.
    pub fn check_all(&mut self, parts: &[Part]) -> Vec<Vec<Diagnostic>> {
        parts.iter().map(|part| self.check(*part)).collect()
    }

    /// [`PartChecker::check`] with only the rules whose name `run` accepts.
    pub fn check_rules(&mut self, part: Part, run: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let parse = self.model.parse;
        let entity = match part {
            Part::Headers => None,
            Part::Entity(idx) => parse.file.items.get(idx),
        };
        let range = entity.map(Item::range);
        if part != Part::Headers && range.is_none() {
            return Vec::new();
        }
        self.model.select_entity(entity);
        let ctx = RuleContext {
            model: &self.model,
            lang: self.lang,
        };
        let mut findings = Vec::new();
        for (name, check) in &self.checks {
            if run(name) {
                check(&ctx, &mut findings);
            }
        }
        if let Some(range) = range {
            findings.retain(|d| range.contains_range(d.primary.range));
        }
        findings
    }
}

/// The checks of the rules that run, with their names.
fn enabled_checks(settings: &LintSettings) -> Vec<(&'static str, CheckFn)> {
    registry::all()
        .iter()
        .filter(|rule| settings.level_of(rule.meta) != Level::Off)
        .filter_map(|rule| Some((rule.meta.name, rule.check?)))
        .collect()
}

/// The parts in contiguous runs of about equal size, one run per thread; the findings
/// come out in part order, as on one thread.
fn check_in_parallel(
    text: &str,
    parse: &Parse,
    settings: &LintSettings,
    parts: &[Part],
    threads: usize,
) -> Vec<Vec<Diagnostic>> {
    let size = |part: &Part| match part {
        Part::Headers => 0,
        Part::Entity(idx) => parse.file.items[*idx].range().len().into(),
    };
    let total: usize = parts.iter().map(size).sum();
    let share = total.div_ceil(threads).max(1);
    let mut runs: Vec<&[Part]> = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (idx, part) in parts.iter().enumerate() {
        acc += size(part);
        if acc >= share && runs.len() + 1 < threads {
            runs.push(&parts[start..=idx]);
            (start, acc) = (idx + 1, 0);
        }
    }
    runs.push(&parts[start..]);
    std::thread::scope(|scope| {
        let workers: Vec<_> = runs
            .iter()
            .map(|run| scope.spawn(move || PartChecker::new(text, parse, settings).check_all(run)))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(findings) => findings,
                // A rule panicked: let the panic go on as it would on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// What the rules found in every part, made into the document's diagnostics: no finding
/// inside an item with a syntax error, one finding per value (precedence), suppressions
/// applied and reported, the parser's errors added, configured severities, sorted.
pub fn finish(
    text: &str,
    parse: &Parse,
    settings: &LintSettings,
    mut findings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let lang = settings.lang;
    // No rule runs on an item that has a syntax error.
    if !parse.errors.is_empty() {
        let broken = error_items(parse);
        findings.retain(|d| !broken.iter().any(|r| r.contains(d.primary.range.start())));
    }
    // One finding, one rule. Only the rules of a precedence chain can dominate or be
    // dominated: the others need no lookup.
    let in_chain = |rule: &str| PRECEDENCE.iter().any(|chain| chain.contains(&rule));
    let mut by_range: HashMap<TextRange, Vec<&'static str>> = HashMap::new();
    for d in findings.iter().filter(|d| in_chain(d.rule)) {
        by_range.entry(d.primary.range).or_default().push(d.rule);
    }
    if !by_range.is_empty() {
        findings.retain(|d| !in_chain(d.rule) || !dominated(d.rule, &by_range[&d.primary.range]));
    }

    // Suppressions.
    let sups = suppression::collect(text, parse);
    let mut used = vec![false; sups.len()];
    if !settings.disallow_suppressions && !sups.is_empty() {
        let index = SuppressionIndex::new(&sups);
        findings.retain(|d| {
            let mut silenced = false;
            index.covering(d.rule, d.primary.range, |idx| {
                used[idx] = true;
                silenced = true;
            });
            !silenced
        });
    }
    let mut out = parse.diagnostics(lang);
    out.extend(findings);
    out.extend(suppression_findings(&sups, &used, settings));

    // Configured severities; `off` drops. One lookup per rule, not per finding.
    let levels: HashMap<&str, Level> = registry::all()
        .iter()
        .map(|rule| (rule.meta.name, settings.level_of(rule.meta)))
        .collect();
    out.retain_mut(|d| match levels.get(d.rule) {
        Some(Level::Off) => false,
        Some(Level::On(severity)) => {
            d.severity = *severity;
            true
        }
        None => true,
    });
    sort(&mut out);
    out
}

/// The suppressions by rule, for finding those that cover a finding without trying every
/// suppression of the document (a large file has thousands).
struct SuppressionIndex<'s> {
    /// Per rule name: file-wide suppressions, and construct scopes sorted by start with
    /// the largest end among them and all before them.
    by_rule: HashMap<&'s str, RuleSuppressions>,
}

#[derive(Default)]
struct RuleSuppressions {
    file: Vec<usize>,
    scopes: Vec<(TextRange, usize)>,
    max_end: Vec<text_size::TextSize>,
}

impl<'s> SuppressionIndex<'s> {
    fn new(sups: &'s [suppression::Suppression]) -> SuppressionIndex<'s> {
        let mut by_rule: HashMap<&str, RuleSuppressions> = HashMap::new();
        for (idx, sup) in sups.iter().enumerate() {
            let entry = by_rule.entry(sup.rule.as_str()).or_default();
            match sup.scope {
                Scope::File => entry.file.push(idx),
                Scope::Construct(range) => entry.scopes.push((range, idx)),
            }
        }
        for entry in by_rule.values_mut() {
            entry
                .scopes
                .sort_by_key(|(range, idx)| (range.start(), *idx));
            let mut max = text_size::TextSize::from(0);
            entry.max_end = entry
                .scopes
                .iter()
                .map(|(range, _)| {
                    max = max.max(range.end());
                    max
                })
                .collect();
        }
        SuppressionIndex { by_rule }
    }

    /// Calls `found` with every suppression of `rule` whose scope contains `range`.
    fn covering(&self, rule: &str, range: TextRange, mut found: impl FnMut(usize)) {
        let Some(entry) = self.by_rule.get(rule) else {
            return;
        };
        for idx in &entry.file {
            found(*idx);
        }
        // Scopes starting at or before the range, latest first, until none before can
        // reach its end.
        let mut at = entry
            .scopes
            .partition_point(|(scope, _)| scope.start() <= range.start());
        while at > 0 && entry.max_end[at - 1] >= range.end() {
            at -= 1;
            let (scope, idx) = entry.scopes[at];
            if scope.contains_range(range) {
                found(idx);
            }
        }
    }
}

/// [`lint`] on one thread, with the text's line starts already found (see
/// [`Model::use_line_starts`]): for linting many small parses of one large text.
pub(crate) fn lint_with_line_starts(
    text: &str,
    parse: &Parse,
    settings: &LintSettings,
    starts: &[text_size::TextSize],
) -> Vec<Diagnostic> {
    let mut checker = PartChecker::new(text, parse, settings);
    checker.use_line_starts(starts);
    let findings = checker
        .check_all(&parts(parse))
        .into_iter()
        .flatten()
        .collect();
    finish(text, parse, settings, findings)
}

/// [`lint`] evaluated rule-major on the model of the whole document, the way the engine
/// worked before it went part by part: the tests' oracle for the claim that top-level
/// entities are independent.
#[doc(hidden)]
pub fn lint_whole_model(text: &str, parse: &Parse, settings: &LintSettings) -> Vec<Diagnostic> {
    let model = Model::build(text, parse, &settings.model);
    let ctx = RuleContext {
        model: &model,
        lang: settings.lang,
    };
    let mut findings = Vec::new();
    for (_, check) in enabled_checks(settings) {
        check(&ctx, &mut findings);
    }
    finish(text, parse, settings, findings)
}

fn suppression_findings(
    sups: &[suppression::Suppression],
    used: &[bool],
    settings: &LintSettings,
) -> Vec<Diagnostic> {
    let lang = settings.lang;
    let mut out = Vec::new();
    let mut reasonless_reported = Vec::new();
    for (sup, used) in sups.iter().zip(used) {
        let Some(rule) = registry::find(&sup.rule) else {
            let meta = registry::meta("unknown-rule");
            let suggestion = registry::nearest_name(&sup.rule);
            let mut d = Diagnostic::new(
                meta.name,
                meta.code,
                meta.severity,
                sup.rule_range,
                match lang {
                    Lang::Zh => format!("没有名为 `{}` 的规则", sup.rule),
                    Lang::En => format!("there is no rule named `{}`", sup.rule),
                },
            )
            .with_primary_message(lang.pick("未知规则", "unknown rule"));
            if let Some(name) = suggestion {
                d = d.with_note(match lang {
                    Lang::Zh => format!("是不是 `{name}`？`ptg rule --all` 列出所有规则"),
                    Lang::En => format!("did you mean `{name}`? `ptg rule --all` lists every rule"),
                });
            } else {
                d = d.with_note(lang.pick(
                    "`ptg rule --all` 列出所有规则",
                    "`ptg rule --all` lists every rule",
                ));
            }
            out.push(d);
            continue;
        };
        if !used {
            let meta = registry::meta("unused-suppression");
            let scope = match sup.scope {
                Scope::File => lang.pick("本文件", "this file"),
                Scope::Construct(_) => lang.pick("它所覆盖的内容", "the construct it covers"),
            };
            let message = if settings.disallow_suppressions {
                match lang {
                    Lang::Zh => format!("配置禁止抑制注释（disallow-suppressions），`{}` 的抑制无效", rule.meta.name),
                    Lang::En => format!("suppressions are disallowed by configuration; this `{}` suppression has no effect", rule.meta.name),
                }
            } else {
                match lang {
                    Lang::Zh => format!(
                        "抑制注释没有起作用：{scope}中没有 `{}` 的发现",
                        rule.meta.name
                    ),
                    Lang::En => format!(
                        "unused suppression: {scope} has no `{}` finding",
                        rule.meta.name
                    ),
                }
            };
            let edit = if sup.siblings > 1 {
                None
            } else {
                Some(TextEdit::delete(sup.removal))
            };
            let mut d = Diagnostic::new(meta.name, meta.code, meta.severity, sup.comment, message)
                .with_primary_message(lang.pick("多余的抑制", "unused suppression"))
                .with_note(lang.pick(
                    "过时的抑制会在问题再次出现时把它藏起来；请删除这条注释",
                    "stale suppressions hide the problem when it comes back; remove the comment",
                ));
            if let Some(edit) = edit {
                d = d.with_fix(Fix::safe(
                    lang.pick("删除这条抑制注释", "remove the suppression comment"),
                    vec![edit],
                ));
            }
            out.push(d);
        }
        if !sup.has_reason && !reasonless_reported.contains(&sup.comment) {
            reasonless_reported.push(sup.comment);
            let meta = registry::meta("suppression-without-reason");
            out.push(
                Diagnostic::new(
                    meta.name,
                    meta.code,
                    meta.severity,
                    sup.comment,
                    lang.pick("抑制注释没有写明原因", "suppression without a reason")
                        .to_string(),
                )
                .with_primary_message(lang.pick("缺少 `-- 原因`", "missing `-- reason`"))
                .with_note(lang.pick(
                    "在注释末尾写上 `-- 原因`，让审核人知道为什么可以忽略",
                    "add `-- reason` so reviewers know why the finding may be ignored",
                )),
            );
        }
    }
    out
}

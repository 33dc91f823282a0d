//! Running the rules on a document: model, checks, precedence, suppressions, severities.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// [`lint`], with the rules shared out among up to `threads` threads for a large
/// document (one huge file, or the document open in an editor). The result is the same
/// as [`lint`]'s, in the same order.
pub fn lint_with_threads(
    text: &str,
    parse: &Parse,
    settings: &LintSettings,
    threads: usize,
) -> Vec<Diagnostic> {
    let lang = settings.lang;
    let model = Model::build(text, parse, &settings.model);
    let ctx = RuleContext {
        model: &model,
        lang,
    };
    let checks: Vec<CheckFn> = registry::all()
        .iter()
        .filter(|rule| settings.level_of(rule.meta) != Level::Off)
        .filter_map(|rule| rule.check)
        .collect();
    let threads = if text.len() < PARALLEL_MIN_BYTES {
        1
    } else {
        threads
    };
    let mut findings = run_checks(&ctx, &checks, threads);
    // No rule runs on an item that has a syntax error.
    let broken = error_items(parse);
    findings.retain(|d| !broken.iter().any(|r| r.contains(d.primary.range.start())));
    // One finding, one rule.
    let mut by_range: HashMap<TextRange, Vec<&'static str>> = HashMap::new();
    for d in &findings {
        by_range.entry(d.primary.range).or_default().push(d.rule);
    }
    findings.retain(|d| !dominated(d.rule, &by_range[&d.primary.range]));

    // Suppressions.
    let sups = suppression::collect(text, parse);
    let mut used = vec![false; sups.len()];
    if !settings.disallow_suppressions {
        findings.retain(|d| {
            let mut silenced = false;
            for (idx, sup) in sups.iter().enumerate() {
                if sup.covers(d.rule, d.primary.range) {
                    used[idx] = true;
                    silenced = true;
                }
            }
            !silenced
        });
    }
    let mut out = parse.diagnostics(lang);
    out.extend(findings);
    out.extend(suppression_findings(&sups, &used, settings));

    // Configured severities; `off` drops.
    out.retain_mut(|d| match registry::find(d.rule) {
        Some(rule) => match settings.level_of(rule.meta) {
            Level::Off => false,
            Level::On(severity) => {
                d.severity = severity;
                true
            }
        },
        None => true,
    });
    sort(&mut out);
    out
}

/// Runs the checks, on up to `threads` threads (each takes the next check not yet
/// taken); the findings come out in check order, as on one thread.
fn run_checks(ctx: &RuleContext<'_, '_>, checks: &[CheckFn], threads: usize) -> Vec<Diagnostic> {
    let threads = threads.min(checks.len());
    if threads <= 1 {
        let mut findings = Vec::new();
        for check in checks {
            check(ctx, &mut findings);
        }
        return findings;
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let idx = next.fetch_add(1, Ordering::Relaxed);
                        let Some(check) = checks.get(idx) else {
                            return done;
                        };
                        let mut findings = Vec::new();
                        check(ctx, &mut findings);
                        done.push((idx, findings));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                // A rule panicked: let the panic go on as it would on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    parts.sort_by_key(|(idx, _)| *idx);
    parts
        .into_iter()
        .flat_map(|(_, findings)| findings)
        .collect()
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

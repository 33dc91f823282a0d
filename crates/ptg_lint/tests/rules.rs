//! Data-driven rule tests. Each rule has a folder `tests/lint/<rule-name>/` with
//! `invalid*.ptg` (must trigger the rule; snapshot of its diagnostics and of the text after
//! applying its fixes) and `valid*.ptg` (must not trigger it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ptg_diagnostics::{Diagnostic, Lang};
use ptg_lint::{lint, registry, LintSettings};

fn lint_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lint")
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// A plain rendering: position, rule, message, labels with the text they cover, notes.
fn render(text: &str, diags: &[&Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let start = usize::from(d.primary.range.start());
        let (line, col) = line_col(text, start);
        out.push_str(&format!(
            "{line}:{col} {} [{}] {}\n",
            d.severity.as_str(),
            d.rule,
            d.message
        ));
        out.push_str(&format!(
            "  primary `{}`{}\n",
            &text[d.primary.range],
            d.primary
                .message
                .as_ref()
                .map_or(String::new(), |m| format!(": {m}"))
        ));
        for label in &d.secondary {
            let (l, c) = line_col(text, usize::from(label.range.start()));
            out.push_str(&format!(
                "  secondary {l}:{c} `{}`{}\n",
                &text[label.range],
                label
                    .message
                    .as_ref()
                    .map_or(String::new(), |m| format!(": {m}"))
            ));
        }
        for note in &d.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        if let Some(fix) = &d.fix {
            out.push_str(&format!(
                "  fix ({}): {}\n",
                fix.applicability.as_str(),
                fix.title
            ));
        }
    }
    out
}

/// Applies every fix of `diags` (non-overlapping edits, back to front) and returns the
/// changed lines as a small diff.
fn fix_diff(text: &str, diags: &[&Diagnostic]) -> String {
    let mut edits: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    if edits.is_empty() {
        return String::new();
    }
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start(), e.range.end())));
    let mut fixed = text.to_string();
    let mut last_start = usize::MAX;
    for edit in edits {
        let (s, e) = (
            usize::from(edit.range.start()),
            usize::from(edit.range.end()),
        );
        if e > last_start {
            continue; // Overlapping edit: left for a second pass, as `--fix` does.
        }
        fixed.replace_range(s..e, &edit.replacement);
        last_start = s;
    }
    let old: Vec<&str> = text.lines().collect();
    let new: Vec<&str> = fixed.lines().collect();
    let mut out = String::from("fixed:\n");
    // Compare from the top and the bottom: enough to show local edits.
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    for line in &old[prefix..old.len() - suffix] {
        out.push_str(&format!("- {line}\n"));
    }
    for line in &new[prefix..new.len() - suffix] {
        out.push_str(&format!("+ {line}\n"));
    }
    out
}

fn fixtures(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "ptg")
                        && p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_rule_has_triggering_and_clean_fixtures() {
    let mut missing = Vec::new();
    for rule in registry::all() {
        if rule.check.is_none() {
            continue;
        }
        let dir = lint_dir().join(rule.meta.name);
        if fixtures(&dir, "invalid").is_empty() || fixtures(&dir, "valid").is_empty() {
            missing.push(rule.meta.name);
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn fixture_folders_name_real_rules() {
    for entry in std::fs::read_dir(lint_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                registry::find(&name).is_some(),
                "tests/lint/{name} names no rule"
            );
        }
    }
}

#[test]
fn rule_fixtures() {
    let settings = LintSettings::default();
    let mut failures = Vec::new();
    for rule in registry::all() {
        let name = rule.meta.name;
        let dir = lint_dir().join(name);
        for path in fixtures(&dir, "valid") {
            let text = std::fs::read_to_string(&path).unwrap();
            let parse = ptg_syntax::parse(&text);
            let diags = lint(&text, &parse, &settings);
            let hits: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == name).collect();
            if !hits.is_empty() {
                failures.push(format!(
                    "{} must not trigger {name}:\n{}",
                    path.display(),
                    render(&text, &hits)
                ));
            }
            let syntax: Vec<&Diagnostic> =
                diags.iter().filter(|d| d.rule == "syntax-error").collect();
            if !syntax.is_empty() && name != "syntax-error" {
                failures.push(format!(
                    "{} has syntax errors:\n{}",
                    path.display(),
                    render(&text, &syntax)
                ));
            }
        }
        for path in fixtures(&dir, "invalid") {
            let text = std::fs::read_to_string(&path).unwrap();
            let parse = ptg_syntax::parse(&text);
            let diags = lint(&text, &parse, &settings);
            let hits: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == name).collect();
            if hits.is_empty() {
                failures.push(format!("{} must trigger {name}", path.display()));
                continue;
            }
            let snapshot = format!("{}{}", render(&text, &hits), fix_diff(&text, &hits));
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            insta::with_settings!({
                snapshot_path => lint_dir().join(name).join("snapshots"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                input_file => &path,
            }, {
                insta::assert_snapshot!(stem, snapshot);
            });
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn doc_examples_trigger_exactly_their_rule() {
    let mut failures = Vec::new();
    for rule in registry::all() {
        let meta = rule.meta;
        if meta.bad_example.is_empty() {
            continue;
        }
        let settings = LintSettings {
            select: Some(vec![meta.name.to_string()]),
            ..LintSettings::default()
        };
        let run = |text: &str| {
            let parse = ptg_syntax::parse(text);
            lint(text, &parse, &settings)
        };
        let bad = run(meta.bad_example);
        let bad_rules: Vec<&str> = bad.iter().map(|d| d.rule).collect();
        if bad_rules != [meta.name] {
            failures.push(format!("{}: bad example gives {bad_rules:?}", meta.name));
        }
        let good = run(meta.good_example);
        if !good.is_empty() {
            let rules: Vec<&str> = good.iter().map(|d| d.rule).collect();
            failures.push(format!("{}: good example gives {rules:?}", meta.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn examples_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/examples");
    dir.is_dir().then_some(dir)
}

/// The registered rules: the normative examples are compared on these only, so the test
/// tracks the catalogue as it grows. When every rule is registered this is all of them.
fn implemented() -> BTreeSet<&'static str> {
    registry::all().iter().map(|r| r.meta.name).collect()
}

#[test]
fn normative_examples_give_exactly_their_expected_findings() {
    let Some(dir) = examples_dir() else { return };
    let known = implemented();
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ptg"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected: BTreeSet<(usize, String)> =
            std::fs::read_to_string(path.with_extension("expected"))
                .unwrap()
                .lines()
                .filter_map(|l| {
                    let (n, r) = l.trim().split_once(' ')?;
                    known
                        .contains(r)
                        .then(|| (n.parse().unwrap(), r.to_string()))
                })
                .collect();
        let parse = ptg_syntax::parse(&text);
        let diags = lint(&text, &parse, &LintSettings::default());
        let actual: BTreeSet<(usize, String)> = diags
            .iter()
            .filter(|d| d.severity >= ptg_diagnostics::Severity::Info)
            .map(|d| {
                (
                    line_col(&text, usize::from(d.primary.range.start())).0,
                    d.rule.to_string(),
                )
            })
            .collect();
        if actual != expected {
            let missing: Vec<_> = expected.difference(&actual).collect();
            let extra: Vec<_> = actual.difference(&expected).collect();
            failures.push(format!(
                "{}: missing {missing:?}, extra {extra:?}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn english_messages_have_no_chinese_of_their_own() {
    // Chinese may appear only inside quotes or backticks (names, values from the file).
    let Some(dir) = examples_dir() else { return };
    let settings = LintSettings {
        lang: Lang::En,
        ..LintSettings::default()
    };
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ptg") {
            let text = std::fs::read_to_string(&path).unwrap();
            let parse = ptg_syntax::parse(&text);
            for d in lint(&text, &parse, &settings) {
                // Quotes nest (`““三公经费”控制率”`); backticks do not.
                let mut outside = String::new();
                let mut curly = 0i32;
                let mut tick = false;
                for ch in d.message.chars() {
                    match ch {
                        '`' if curly == 0 => tick = !tick,
                        '“' if !tick => curly += 1,
                        '”' if !tick && curly > 0 => curly -= 1,
                        _ if curly == 0 && !tick => outside.push(ch),
                        _ => {}
                    }
                }
                assert!(
                    !outside
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{}: English message has Chinese outside quotes: {}",
                    d.rule,
                    d.message
                );
            }
        }
    }
}

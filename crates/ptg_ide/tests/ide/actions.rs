//! Code actions: quick fixes of the diagnostics under the cursor, and fix-all, which must
//! give the text `ptg check --fix` gives (the `.fixed.ptg` files were written by it).

use ptg_ide::{Action, ActionKind};

use super::*;

const SATISFACTION: &str = include_str!("../../../../tests/ide/satisfaction.ptg");
const SATISFACTION_FIXED: &str = include_str!("../../../../tests/ide/satisfaction.fixed.ptg");
const FIX_ALL: &str = include_str!("../../../../tests/ide/fix-all.ptg");
const FIX_ALL_FIXED: &str = include_str!("../../../../tests/ide/fix-all.fixed.ptg");

/// Each action: kind, title, preferred, the rules it fixes, its edits.
fn render(doc: &Document, actions: &[Action]) -> String {
    let mut out = String::new();
    for action in actions {
        let rules: Vec<_> = action
            .diagnostics
            .iter()
            .map(|&idx| doc.diagnostics()[idx].rule)
            .collect();
        out.push_str(&format!(
            "{:?} {}{} {:?}\n",
            action.kind,
            action.title,
            if action.preferred { " (preferred)" } else { "" },
            rules
        ));
        for edit in &action.edits {
            out.push_str(&format!(
                "  {} `{}` -> `{}`\n",
                show_range(doc.text(), edit.range)
                    .split(':')
                    .next()
                    .unwrap(),
                doc.text()[edit.range].escape_debug(),
                edit.replacement.escape_debug()
            ));
        }
    }
    out
}

#[track_caller]
fn check(fixture: &str, expected: &str) {
    let (text, range) = if fixture.matches("$0").count() == 2 {
        range(fixture)
    } else {
        let (text, at) = cursor(fixture);
        (text, TextRange::empty(at))
    };
    let doc = doc(&text);
    expect(&render(&doc, &doc.code_actions(range)), expected);
}

#[test]
fn satisfaction_quick_fix_inserts_a_lower_bound() {
    let fixture = SATISFACTION.replace("\"服务对象满意度🙂\" 95%", "\"服务对象满意度🙂\" 9$05%");
    check(
        &fixture,
        r#"
QuickFix 改为 `≥ 95%` (preferred) ["satisfaction-needs-lower-bound"]
  34 `` -> `≥ `
"#,
    );
    // Applied, it gives what `ptg check --fix` gives.
    let (text, at) = cursor(&fixture);
    let doc = doc(&text);
    let actions = doc.code_actions(TextRange::empty(at));
    assert_eq!(apply(&text, &actions[0].edits), SATISFACTION_FIXED);
    // So does fix-all.
    let all = doc.fix_all().unwrap();
    assert_eq!(all.kind, ActionKind::FixAll);
    assert_eq!(apply(&text, &all.edits), SATISFACTION_FIXED);
}

#[test]
fn cursor_at_the_end_of_the_value_still_gets_the_fix() {
    let fixture = SATISFACTION.replace("\"服务对象满意度🙂\" 95%", "\"服务对象满意度🙂\" 95%$0");
    let (text, at) = cursor(&fixture);
    assert_eq!(doc(&text).code_actions(TextRange::empty(at)).len(), 1);
    // Elsewhere on the line, nothing.
    let fixture = SATISFACTION.replace("\"服务对象满意度🙂\" 95%", "\"服务对$0象满意度🙂\" 95%");
    check(&fixture, "");
}

#[test]
fn unsafe_fixes_say_so_and_are_not_preferred() {
    check(
        "年度 2024\n部门 \"某局🙂\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"救助人数😀\" $0≤ 165人\n      }\n    }\n  }\n}\n",
        r#"
QuickFix 改为 `≥`（不安全的修复，请核对） ["quantity-upper-bound"]
  6 `≤` -> `≥`
"#,
    );
}

#[test]
fn a_range_collects_every_fix_in_it() {
    let doc = doc(FIX_ALL);
    let all = TextRange::up_to(TextSize::try_from(FIX_ALL.len()).unwrap());
    expect(
        &render(&doc, &doc.code_actions(all)),
        r#"
QuickFix 删除这条抑制注释 (preferred) ["unused-suppression"]
  13 `    # ptg: allow(quantity-upper-bound) -- 多余的抑制\n` -> ``
QuickFix 改为 `万元` (preferred) ["money-unit-consistency"]
  16 `万` -> `万元`
QuickFix 删除这条描述 (preferred) ["name-equals-description"]
  21 ` {\n          描述 \"维护路灯数量\"\n        }` -> ``
QuickFix 改为 `≥` (preferred) ["syntax-error"]
  26 `=>` -> `≥`
QuickFix 删除空类别“生态效益指标” (preferred) ["empty-category"]
  34 `      生态效益指标 {\n      }\n` -> ``
QuickFix 改为 `≥ 95%` (preferred) ["satisfaction-needs-lower-bound"]
  39 `` -> `≥ `
"#,
    );
}

#[test]
fn fix_all_reaches_the_fixpoint_of_ptg_check_fix() {
    let doc = doc(FIX_ALL);
    let action = doc.fix_all().unwrap();
    assert_eq!(action.kind, ActionKind::FixAll);
    assert_eq!(action.title, "修复全部可安全修复的问题");
    assert_eq!(action.edits.len(), 1);
    // Two rounds: the empty 二级 first, then the 一级 it leaves empty.
    assert_eq!(apply(FIX_ALL, &action.edits), FIX_ALL_FIXED);
    let rules: Vec<_> = action
        .diagnostics
        .iter()
        .map(|&idx| doc.diagnostics()[idx].rule)
        .collect();
    assert_eq!(
        rules,
        [
            "unused-suppression",
            "money-unit-consistency",
            "name-equals-description",
            "syntax-error",
            "empty-category",
            "satisfaction-needs-lower-bound"
        ]
    );
    // The edit covers the changed region only.
    let edit = &action.edits[0];
    assert!(FIX_ALL[..usize::from(edit.range.start())]
        .ends_with("    目标 \"保障城区路灯正常运行\"\n    "));
    // Nothing left to fix.
    assert_eq!(super::doc(FIX_ALL_FIXED).fix_all(), None);
    assert_eq!(super::doc(SATISFACTION_FIXED).fix_all(), None);
}

#[test]
fn english_titles() {
    let (text, at) = cursor(&SATISFACTION.replace("🙂\" 95%", "🙂\" 9$05%"));
    let doc = doc_en(&text);
    let actions = doc.code_actions(TextRange::empty(at));
    assert_eq!(actions[0].title, "change to `≥ 95%`");
    assert_eq!(doc.fix_all().unwrap().title, "Fix all safe fixes");
}

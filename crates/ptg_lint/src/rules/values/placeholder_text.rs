//! `placeholder-text`: placeholders and template residue in a name or a value: `**`, `XX`,
//! `？？`, `待定`, mojibake such as `？ ？ ？` (seed 004), template rows such as `指标1`.

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_syntax::ast::{FieldKey, FieldValue, Str, ValueKind};
use text_size::{TextRange, TextSize};

use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "placeholder-text",
    code: "L207",
    group: Group::Values,
    severity: Severity::Error,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "名称或指标值中有占位符或模板残留：`**`、`XX`/`××`、`？？`、`待定`、`请填写`、`○○`、乱码（`？ ？ ？`、`�`），或者整个名称就是模板行（`指标1`、`三级指标`、`……`）。检查项目、部门、单位（含实施单位）和指标的名称以及定性指标值。",
        why: "占位符说明这一项没有填完：复制模板后忘了改，或者在编码转换中丢了字（seed 004 的 `冬季取暖费？ ？ ？ ？ ？`）。这样的表不能提交，请填入实际内容。",
    },
    en: RuleDocs {
        what: "A placeholder or template residue in a name or a value: `**`, `XX`/`××`, `？？`, `待定`, `请填写`, `○○`, mojibake (`？ ？ ？`, `�`), or a whole name that is a template row (`指标1`, `三级指标`, `……`). Project, department, unit (including implementing unit) and indicator names and qualitative values are checked.",
        why: "A placeholder means the item was never filled in: a template copied and not edited, or characters lost in an encoding conversion (seed 004's `冬季取暖费？ ？ ？ ？ ？`). Such a table cannot be submitted; fill in the real content.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      成本指标 {\n        \"全县企业职工退休人员冬季取暖费？ ？ ？（2024年新退）\" 548万元\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      成本指标 {\n        \"全县企业职工退休人员冬季取暖费（2024年新退）\" 548万元\n        \"取暖费标准\" \"按《关于调整取暖费标准的通知》（宁人社发〔2022〕5号）执行？\"\n      }\n    }\n  }\n}\n",
};

/// Words that stand for content still to be written.
const WORDS: [&str; 10] = [
    "待定",
    "待补充",
    "待填",
    "待确定",
    "请填写",
    "请输入",
    "请选择",
    "此处填写",
    "某某",
    "（空）",
];

/// Whole texts that are rows or headers of the blank form.
const TEMPLATE_NAMES: [&str; 8] = [
    "三级指标",
    "二级指标",
    "一级指标",
    "指标名称",
    "指标值",
    "绩效指标",
    "指标内容",
    "指标",
];

/// What was found, for the message.
#[derive(Clone, Copy)]
enum Kind {
    Placeholder,
    Mojibake,
    TemplateRow,
    Blank,
}

fn is_question(ch: char) -> bool {
    matches!(ch, '?' | '？')
}

fn is_x(ch: char) -> bool {
    matches!(ch, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×')
}

fn is_ascii_word(ch: Option<char>) -> bool {
    ch.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A run of at least two characters accepted by `part`, which may be separated by
/// spaces: returns its byte range within `text`.
/// Whether a placeholder, a mojibake run or one of [`WORDS`] can start with `ch`.
fn may_start_hit(ch: char) -> bool {
    ch == '\u{FFFD}'
        || is_question(ch)
        || is_x(ch)
        || matches!(ch, '*' | '＊' | '○' | '〇' | '□')
        // The first characters of `WORDS` (a test checks the list).
        || matches!(ch, '待' | '请' | '此' | '某' | '（')
}

fn runs(text: &str, part: fn(char) -> bool, spaced: bool) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut idx = 0;
    while idx < chars.len() {
        if !part(chars[idx].1) {
            idx += 1;
            continue;
        }
        let start = idx;
        let mut end = idx;
        let mut count = 1;
        let mut next = idx + 1;
        loop {
            let mut probe = next;
            while spaced && probe < chars.len() && matches!(chars[probe].1, ' ' | '　') {
                probe += 1;
            }
            if probe < chars.len() && part(chars[probe].1) {
                end = probe;
                count += 1;
                next = probe + 1;
            } else {
                break;
            }
        }
        if count >= 2 {
            let (last_at, last) = chars[end];
            found.push((chars[start].0, last_at + last.len_utf8()));
        }
        idx = end + 1;
    }
    found
}

/// The first placeholder in `text`: its byte range in `text` and what it is.
fn find(text: &str) -> Option<((usize, usize), Kind)> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(((0, text.len()), Kind::Blank));
    }
    // Nothing but ellipses, dashes, slashes or dots: a row of the form left blank.
    if trimmed.chars().all(|c| {
        matches!(
            c,
            '…' | '.' | '。' | '-' | '—' | '－' | '/' | '／' | '·' | ' ' | '　'
        )
    }) {
        return Some(((0, text.len()), Kind::TemplateRow));
    }
    // `指标1`, `指标一：`, `三级指标`.
    let bare = trimmed.trim_end_matches([':', '：']);
    let numbered = bare.strip_prefix("指标").is_some_and(|rest| {
        !rest.is_empty()
            && rest.chars().all(|c| {
                c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十".contains(c)
            })
    });
    if numbered || TEMPLATE_NAMES.contains(&bare) {
        return Some(((0, text.len()), Kind::TemplateRow));
    }
    // Every hit below starts with one of these characters; most texts have none.
    if !text.chars().any(may_start_hit) {
        return None;
    }
    let mut hits: Vec<((usize, usize), Kind)> = Vec::new();
    if let Some(idx) = text.find('\u{FFFD}') {
        hits.push(((idx, idx + '\u{FFFD}'.len_utf8()), Kind::Mojibake));
    }
    hits.extend(
        runs(text, is_question, true)
            .into_iter()
            .map(|r| (r, Kind::Mojibake)),
    );
    hits.extend(
        runs(text, |c| matches!(c, '*' | '＊'), false)
            .into_iter()
            .map(|r| (r, Kind::Placeholder)),
    );
    // `○○`, `□□`; but `二〇〇八年` spells a year.
    let numeral = |ch: Option<char>| ch.is_some_and(|c| "零一二三四五六七八九十".contains(c));
    hits.extend(
        runs(text, |c| matches!(c, '○' | '〇' | '□'), false)
            .into_iter()
            .filter(|(start, end)| {
                !numeral(text[..*start].chars().next_back())
                    && !numeral(text[*end..].chars().next())
            })
            .map(|r| (r, Kind::Placeholder)),
    );
    hits.extend(
        runs(text, is_x, false)
            .into_iter()
            .filter(|(start, end)| {
                !is_ascii_word(text[..*start].chars().next_back())
                    && !is_ascii_word(text[*end..].chars().next())
            })
            .map(|r| (r, Kind::Placeholder)),
    );
    for word in WORDS {
        if let Some(idx) = text.find(word) {
            hits.push(((idx, idx + word.len()), Kind::Placeholder));
        }
    }
    hits.into_iter().min_by_key(|((start, _), _)| *start)
}

/// Where `found` (a piece of the string's content) lies in the source: searched in the
/// literal as written, so the quotes are accounted for.
fn source_range(ctx: &RuleContext<'_, '_>, string: &Str, found: &str) -> TextRange {
    let literal = ctx.model.source(string.range);
    match literal.find(found) {
        Some(idx) if !found.is_empty() => {
            let start = string.range.start() + TextSize::try_from(idx).unwrap_or_default();
            TextRange::at(start, TextSize::of(found))
        }
        _ => string.range,
    }
}

fn report(ctx: &RuleContext<'_, '_>, string: &Str, is_name: bool, out: &mut Vec<Diagnostic>) {
    let text = &string.text;
    let Some(((start, end), kind)) = find(text) else {
        return;
    };
    let found = &text[start..end];
    let whole = matches!(kind, Kind::Blank | Kind::TemplateRow);
    let range = if whole {
        string.range
    } else {
        source_range(ctx, string, found)
    };
    let (what_zh, what_en) = if is_name {
        ("名称", "name")
    } else {
        ("指标值", "value")
    };
    let message = match kind {
        Kind::Blank => ctx.t(
            format!("{what_zh}是空的"),
            format!("the {what_en} is empty"),
        ),
        Kind::TemplateRow => ctx.t(
            format!("{what_zh}“{text}”是表格模板中的占位行，没有填写实际内容"),
            format!("the {what_en} “{text}” is a row of the blank form, not real content"),
        ),
        Kind::Mojibake => ctx.t(
            format!("{what_zh}“{text}”中有乱码“{found}”：原文有字丢失"),
            format!("the {what_en} “{text}” contains the mojibake “{found}”: characters were lost"),
        ),
        Kind::Placeholder => ctx.t(
            format!("{what_zh}“{text}”中有占位符“{found}”"),
            format!("the {what_en} “{text}” contains the placeholder “{found}”"),
        ),
    };
    let note = match kind {
        Kind::Mojibake => ctx.pick("问号串通常是复制或编码转换（如 GBK 与 UTF-8 之间）时丢失的字；请对照原表补全", "a run of question marks is usually text lost in a copy or an encoding conversion (GBK to UTF-8); restore it from the source table"),
        _ => ctx.pick("占位符和模板残留说明这一项没有填完；请填入实际内容", "placeholders and template residue mean the item was never filled in; write the real content"),
    };
    out.push(
        ctx.diagnostic(&META, range, message)
            .with_primary_message(ctx.pick("占位符", "placeholder"))
            .with_note(note),
    );
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let entities = model
        .departments
        .iter()
        .map(|d| d.entity)
        .chain(model.budget_units.iter().map(|u| u.entity))
        .chain(model.projects.iter().map(|p| p.entity));
    for entity in entities {
        if let Some(name) = &entity.name {
            report(ctx, name, true, out);
        }
    }
    // `单位 "…"`: the implementing unit of a project, the unit name of a department.
    let unit_fields = model
        .projects
        .iter()
        .flat_map(|p| p.fields.iter())
        .chain(model.departments.iter().flat_map(|d| d.fields.iter()));
    for field in unit_fields {
        if let (FieldKey::Unit, FieldValue::Text(name), false) =
            (field.key, &field.value, field.has_error)
        {
            report(ctx, name, true, out);
        }
    }
    for indicator in ctx.indicators() {
        report(ctx, &indicator.ast.name, true, out);
        if let Some(value) = &indicator.ast.value {
            if let ValueKind::Qualitative(text) = &value.kind {
                report(ctx, text, false, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_screen_lets_every_placeholder_through() {
        for word in WORDS {
            let first = word.chars().next().unwrap();
            assert!(may_start_hit(first), "{word}");
            assert!(find(&format!("项目{word}")).is_some(), "{word}");
        }
        for text in ["XX镇", "**", "？ ？", "??", "○○村", "□□", "\u{FFFD}"] {
            assert!(find(&format!("甲{text}乙")).is_some(), "{text}");
        }
        assert!(find("春节慰问困难群众").is_none());
    }
}

//! `name-contains-value`: an indicator name that carries its own target value
//! (`补助金额 ≥ 400 万元`, `不少于 10`, `服务群体满意度（%）`, `5个景观`).

use ptg_diagnostics::{Diagnostic, Severity};
use ptg_semantic::units::BUILTIN_UNITS;
use ptg_semantic::UnitKind;

use super::util::ascii_fold;
use crate::rule::{FixKind, Group, RuleContext, RuleDocs, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    name: "name-contains-value",
    code: "L112",
    group: Group::Structure,
    severity: Severity::Warning,
    fix: FixKind::None,
    zh: RuleDocs {
        what: "指标名称（不是项目名称）中含有比较符（符号或 `不少于` 等词）、百分号，或带金额、百分比、数量、物理量单位的数字（`补助金额 ≥ 400 万元`、`不少于 10`、`服务群体满意度（%）`、`5个景观`）。年份（`2024年`）、年龄（`0-6岁`）和序数（`第3批`）不算。",
        why: "目标值写在名称里就无法检查，改动指标值时名称也会过时、与值矛盾；名称只写衡量什么，值写在指标值一栏。",
    },
    en: RuleDocs {
        what: "An indicator name (not a project name) containing a comparator (a symbol or a word such as `不少于`), a percent sign, or a number with a money, percent, count or physical unit (`补助金额 ≥ 400 万元`, `不少于 10`, `服务群体满意度（%）`, `5个景观`). Years (`2024年`), ages (`0-6岁`) and ordinals (`第3批`) are not values.",
        why: "A target written into the name cannot be checked, and goes stale or contradicts the value when the value changes; the name says what is measured, the value column holds the target.",
    },
    bad_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"新增景观不少于5个\" ≥ 5个\n      }\n    }\n  }\n}\n",
    good_example: "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    产出指标 {\n      数量指标 {\n        \"新增景观数量\" ≥ 5个\n        \"0-6岁残疾儿童康复人数\" ≥ 165人\n        \"2024年第3批补助发放户数\" ≥ 30户\n      }\n    }\n  }\n}\n",
};

/// Comparator words that come before a quantity, longest first.
const WORDS: [&str; 20] = [
    "大于等于",
    "小于等于",
    "大于或等于",
    "小于或等于",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "不多于",
    "不大于",
    "不小于",
    "至少",
    "至多",
    "最多",
    "大于",
    "超过",
    "小于",
    "低于",
    "等于",
    "达到",
];
const SYMBOLS: [char; 6] = ['≥', '≤', '≧', '≦', '⩾', '⩽'];
const CHINESE_DIGITS: &str = "零〇一二两三四五六七八九十百千万";

/// `WORDS` as char slices, built once: the scanner compares them at every position.
fn word_chars() -> &'static [Vec<char>] {
    static CHARS: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| WORDS.iter().map(|w| w.chars().collect()).collect())
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

struct Scanner<'u> {
    chars: Vec<char>,
    units: &'u ptg_semantic::UnitTable,
}

impl Scanner<'_> {
    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to.min(self.chars.len())].iter().collect()
    }

    /// The end of an Arabic number starting at `i` (digits with inner `.` or `,`).
    fn number_end(&self, i: usize) -> usize {
        let mut j = i;
        while j < self.chars.len() {
            let c = self.chars[j];
            let inner = matches!(c, '.' | ',')
                && self.chars.get(j + 1).is_some_and(|n| n.is_ascii_digit())
                && j > i;
            if c.is_ascii_digit() || inner {
                j += 1;
            } else {
                break;
            }
        }
        j
    }

    /// The known unit starting at `i`: its end and kind. The longest unit of the built-in
    /// table wins (`万人` is people, `万元` money); units added in ptg.toml are tried after.
    fn unit_at(&self, i: usize) -> Option<(usize, UnitKind)> {
        let mut len = 0;
        while len < 5
            && self
                .chars
                .get(i + len)
                .is_some_and(|c| is_cjk(*c) || matches!(c, '%' | '‰'))
        {
            len += 1;
        }
        let builtin = |unit: &str| {
            let bare = unit
                .strip_prefix(['万', '亿'])
                .filter(|rest| !rest.is_empty())
                .unwrap_or(unit);
            BUILTIN_UNITS
                .iter()
                .find(|(_, names)| names.contains(&unit) || names.contains(&bare))
                .map(|(kind, _)| *kind)
        };
        (1..=len)
            .rev()
            .find_map(|l| builtin(&self.text(i, i + l)).map(|kind| (i + l, kind)))
            .or_else(|| {
                (1..=len.min(3)).find_map(|l| {
                    self.units
                        .simple_kind(&self.text(i, i + l))
                        .map(|kind| (i + l, kind))
                })
            })
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    }

    /// A quantity starting at `i`: an Arabic number with an optional unit, or Chinese
    /// numerals followed by a unit. Returns its end.
    fn quantity_at(&self, i: usize) -> Option<usize> {
        let i = self.skip_spaces(i);
        let c = *self.chars.get(i)?;
        if c.is_ascii_digit() {
            let end = self.number_end(i);
            let after = self.skip_spaces(end);
            return Some(self.unit_at(after).map_or(end, |(e, _)| e));
        }
        let mut j = i;
        while self
            .chars
            .get(j)
            .is_some_and(|c| CHINESE_DIGITS.contains(*c))
        {
            j += 1;
        }
        if j == i {
            return None;
        }
        // `万` may be the unit itself (`两万`), so try the unit from each numeral on.
        (i + 1..=j)
            .rev()
            .find_map(|k| self.unit_at(k).map(|(e, _)| e))
    }

    /// The first value-like fragment of the name.
    fn find(&self) -> Option<String> {
        let n = self.chars.len();
        let mut i = 0;
        while i < n {
            let c = self.chars[i];
            if SYMBOLS.contains(&c) {
                let end = self.quantity_at(i + 1).unwrap_or(i + 1);
                return Some(self.text(i, end));
            }
            if matches!(c, '>' | '<' | '=') {
                let next = self.skip_spaces(i + 1);
                let start = if self.chars.get(next) == Some(&'=') {
                    next + 1
                } else {
                    next
                };
                if self
                    .chars
                    .get(self.skip_spaces(start))
                    .is_some_and(|d| d.is_ascii_digit())
                {
                    let end = self.quantity_at(start).unwrap_or(start);
                    return Some(self.text(i, end));
                }
            }
            if matches!(c, '%' | '‰') {
                let mut start = i;
                while start > 0
                    && (self.chars[start - 1].is_ascii_digit() || self.chars[start - 1] == '.')
                {
                    start -= 1;
                }
                return Some(self.text(start, i + 1));
            }
            for word in word_chars() {
                let len = word.len();
                if i + len <= n && self.chars[i..i + len] == word[..] {
                    // The quantity may follow a short verb: `至少开展3次`, `至少搞两次`.
                    for gap in 0..=2 {
                        let at = i + len + gap;
                        if self.chars[i + len..at.min(n)].iter().any(|c| !is_cjk(*c)) {
                            break;
                        }
                        if let Some(end) = self.quantity_at(at) {
                            return Some(self.text(i, end));
                        }
                    }
                }
            }
            if c.is_ascii_digit() {
                let end = self.number_end(i);
                let prev = (i > 0).then(|| self.chars[i - 1]);
                let next = self.chars.get(end).copied();
                let code_like = prev.is_some_and(|p| p.is_ascii_alphabetic())
                    || next.is_some_and(|x| x.is_ascii_alphabetic());
                let ordinal = prev == Some('第');
                if !code_like && !ordinal {
                    let after = self.skip_spaces(end);
                    if let Some((unit_end, kind)) = self.unit_at(after) {
                        if matches!(
                            kind,
                            UnitKind::Money
                                | UnitKind::Percent
                                | UnitKind::Count
                                | UnitKind::Physical
                        ) {
                            return Some(self.text(i, unit_end));
                        }
                    }
                }
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
        None
    }
}

/// The first characters of [`WORDS`] (a test checks the list).
const WORD_STARTS: [char; 9] = ['大', '小', '不', '至', '最', '超', '低', '等', '达'];

/// Whether `Scanner::find` can find anything in `name`: every fragment it reports starts
/// at a digit, a comparison sign, `%`/`‰` or one of [`WORDS`]. Most names have none of
/// them and are not scanned.
fn may_hold_value(name: &str) -> bool {
    name.chars().map(ascii_fold).any(|c| {
        c.is_ascii_digit()
            || SYMBOLS.contains(&c)
            || matches!(c, '>' | '<' | '=' | '%' | '‰')
            || WORD_STARTS.contains(&c)
    })
}

pub(crate) fn check(ctx: &RuleContext<'_, '_>, out: &mut Vec<Diagnostic>) {
    for ind in ctx.indicators() {
        let name = ind.name();
        if !may_hold_value(name) {
            continue;
        }
        let scanner = Scanner {
            chars: name.chars().map(ascii_fold).collect(),
            units: &ctx.model.units,
        };
        let Some(fragment) = scanner.find() else {
            continue;
        };
        let fragment = fragment.trim();
        let message = if matches!(fragment, "%" | "‰") {
            ctx.t(
                format!("指标名称“{name}”中写了单位“{fragment}”：单位属于指标值"),
                format!("indicator name “{name}” carries the unit `{fragment}`, which belongs to the value"),
            )
        } else {
            ctx.t(
                format!("指标名称“{name}”中含有指标值“{fragment}”"),
                format!("indicator name “{name}” contains a value: `{fragment}`"),
            )
        };
        out.push(
            ctx.diagnostic(&META, ind.ast.name.range, message)
            .with_primary_message(ctx.pick("名称中有值", "value in the name"))
            .with_note(ctx.pick("名称只写衡量什么，目标值写在指标值一栏；写在名称里的值无法检查，改动指标值时还会与之矛盾", "the name says what is measured and the value column holds the target; a value in the name cannot be checked and goes stale when the value changes")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_are_the_first_characters_of_the_words() {
        let mut firsts: Vec<char> = WORDS.iter().filter_map(|w| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let mut listed = WORD_STARTS.to_vec();
        listed.sort_unstable();
        assert_eq!(firsts, listed);
    }
}

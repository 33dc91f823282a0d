#!/usr/bin/env node
// Builds syntaxes/ptg.tmLanguage.json, the TextMate grammar of PTG.
//
// The token spellings below are those of grammar/ptg.ebnf (the formal grammar) and
// crates/ptg_syntax/src/lexer.rs (the real lexer); tests/grammar-sync.test.mjs checks that
// every spelling listed in the EBNF is here and that the committed JSON is up to date.
//
//   node scripts/build-grammar.mjs          # write the JSON
//   node scripts/build-grammar.mjs --check  # exit 1 if the JSON is out of date
//
// The lexer takes the longest token (logos), TextMate the leftmost match of the first
// pattern that matches. The regexes emulate the lexer with look-arounds:
// - a keyword, comparator word, postfix word or period word is a token only when it is a
//   whole run of letters (`项目` is a keyword, `项目支出` a word);
// - digit-led tokens are tried longest first: periods (`15日内`), dates (`2024年`, `12月底`),
//   coded category names (`11-数量指标`), then numbers with their units;
// - a unit follows its number directly or after spaces on the same line; postfix words
//   (`以上 以下 以内 左右`, `之前 以前`, `至`) are split off a unit written directly after
//   its number, as the lexer does (`5200元左右`).

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "syntaxes", "ptg.tmLanguage.json");

// ------------------------------------------------------------------ token spellings
export const HEADER_KEYWORDS = ["年度", "体系", "金额单位"];
export const ENTITY_KEYWORDS = ["部门", "项目"];
export const FIELD_KEYWORDS = [
  "编码", "单位", "属性", "期限", "资金", "用途", "支出计划", "目标", "履职目标",
  "任务", "预算", "来源", "结构", "合计", "描述", "说明", "依据",
];
export const KEYWORDS = [...HEADER_KEYWORDS, ...ENTITY_KEYWORDS, ...FIELD_KEYWORDS];

export const GE = ["≥", "≧", "⩾", ">=", "＞＝", "＞=", ">＝"];
export const LE = ["≤", "≦", "⩽", "<=", "＜＝", "＜=", "<＝"];
export const GT = [">", "＞"];
export const LT = ["<", "＜"];
export const EQ = ["=", "＝"];
export const APPROX = ["≈"];
export const BAD_COMPARATORS = ["=>", "=<", "==", "＝＞", "＝＜", "=＞", "=＜", "≥=", "≤="];
export const GE_WORD = ["不低于", "不少于", "不小于", "大于等于", "大于或等于", "至少"];
export const LE_WORD = ["不高于", "不超过", "不大于", "不多于", "小于等于", "小于或等于", "最多"];
export const GT_WORD = ["大于", "超过", "高于", "多于"];
export const LT_WORD = ["小于", "低于", "少于"];
export const EQ_WORD = ["等于", "达到"];
export const COMPARATOR_WORDS = [...GE_WORD, ...LE_WORD, ...GT_WORD, ...LT_WORD, ...EQ_WORD];
export const POSTFIX = ["以上", "以下", "以内", "左右"];
export const BEFORE = ["前", "之前", "以前"];
export const PERIOD_WORDS = [
  "全年", "年内", "年底前", "年底之前", "年底以前",
  "每月", "每季度", "每年", "每周", "每日", "每天",
  "按月", "按季度", "按季", "按年", "按周",
];
export const FUND_SOURCES = ["政府预算资金", "财政专户管理资金", "单位资金", "其他资金"];
export const BUDGET_PARTS = ["基本支出", "项目支出"];
export const ATTRIBUTES = ["一年期", "持续性"];

// Canonical category names of the built-in schemes (DOMAIN.md §2) and their aliases. A word
// followed by `{` is a category whatever it says; these are also recognised with the `{` on
// the next line.
const CATEGORY_NAMES = [
  "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
  "产出指标", "数量指标", "质量指标", "时效指标",
  "效益指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
  "满意度指标", "服务对象满意度指标",
  "投入管理指标", "工作目标管理", "预算和财务管理", "绩效管理",
  "重点工作任务完成", "履职目标实现", "履职效益", "满意度",
  "效果指标", "进度指标",
];
const CATEGORY_ALIASES = CATEGORY_NAMES.filter((n) => n.endsWith("指标")).map((n) =>
  n.slice(0, -2),
);

// ------------------------------------------------------------------ regex pieces
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&");
/** Alternation, longest spelling first. */
const alt = (words) =>
  "(?:" + [...new Set(words)].sort((a, b) => b.length - a.length).map(esc).join("|") + ")";

const LETTER = "[\\p{Han}A-Za-zＡ-Ｚａ-ｚ_]";
const D = "[0-9０-９]";
const SP = "[ \\t\\x{3000}\\x{00A0}]"; // horizontal whitespace (ideographic space too)
const NOT_AFTER_LETTER = `(?<!${LETTER})`;
const NOT_BEFORE_LETTER = `(?!${LETTER})`;
/** A whole run of letters spelling one of `words`. */
const wholeWord = (words) => `${NOT_AFTER_LETTER}${alt(words)}${NOT_BEFORE_LETTER}`;
const BEFORE_SUFFIX = `(?:${alt(BEFORE)})?`;

const NUMBER = `${D}+(?:[,，]${D}{3})*(?:[.．]${D}+)?`;
const PERCENT = "[%％‰]";
// Words that are never a unit: every other whole-run token.
const NOT_UNIT = `(?!${alt([...KEYWORDS, ...COMPARATOR_WORDS, ...POSTFIX, ...BEFORE, "至", ...PERIOD_WORDS])}${NOT_BEFORE_LETTER})`;
// A unit right after its number: full parts joined by `/`, the last part as short as
// possible so that a postfix word can be split off it.
const UNIT_ADJACENT = `(?:(?:${PERCENT}|${LETTER}+)[/／])*(?:${PERCENT}|${LETTER}+?)`;
// A unit after spaces: whole runs (the lexer splits postfix words only off adjacent units).
const UNIT_SPACED = `(?:${PERCENT}|${LETTER}+)(?:[/／](?:${PERCENT}|${LETTER}+))*`;

// ------------------------------------------------------------------ rules
const grammar = {
  $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
  name: "PTG",
  scopeName: "source.ptg",
  fileTypes: ["ptg"],
  comment:
    "Generated by scripts/build-grammar.mjs from the spellings of grammar/ptg.ebnf; do not edit by hand.",
  patterns: [
    { include: "#comment" },
    { include: "#string" },
    { include: "#header" },
    { include: "#attribute" },
    { include: "#keyword" },
    { include: "#fund-source" },
    { include: "#period" },
    { include: "#date" },
    { include: "#coded-category" },
    { include: "#number" },
    { include: "#comparator" },
    { include: "#postfix" },
    { include: "#range" },
    { include: "#category" },
    { include: "#punctuation" },
  ],
  repository: {
    comment: {
      patterns: [
        {
          comment: "`# ptg: allow(rule, …) -- 原因`, `# ptg: allow-file(…)`, `# ptg: fmt off|on`",
          name: "comment.line.number-sign.directive.ptg",
          begin: "([#＃])\\s*(ptg:)",
          beginCaptures: {
            1: { name: "punctuation.definition.comment.ptg" },
            2: { name: "keyword.control.directive.ptg" },
          },
          end: "$",
          patterns: [
            {
              match: "\\b(allow-file|allow)\\s*(\\()([^)]*)(\\))",
              captures: {
                1: { name: "support.function.directive.ptg" },
                2: { name: "punctuation.section.parens.begin.ptg" },
                3: {
                  patterns: [
                    { match: "[A-Za-z0-9_-]+", name: "variable.parameter.rule.ptg" },
                    { match: "[,，]", name: "punctuation.separator.comma.ptg" },
                  ],
                },
                4: { name: "punctuation.section.parens.end.ptg" },
              },
            },
            {
              match: "\\bfmt\\s+(?:off|on)\\b",
              name: "support.function.directive.ptg",
            },
            {
              match: "(--|——)",
              name: "punctuation.separator.reason.ptg",
            },
          ],
        },
        {
          name: "comment.line.number-sign.ptg",
          match: "([#＃]).*$",
          captures: { 1: { name: "punctuation.definition.comment.ptg" } },
        },
      ],
    },

    string: {
      patterns: [
        {
          comment: 'A block string """…""" may span lines; no escapes.',
          name: "string.quoted.triple.ptg",
          begin: '"""',
          end: '"""',
          beginCaptures: { 0: { name: "punctuation.definition.string.begin.ptg" } },
          endCaptures: { 0: { name: "punctuation.definition.string.end.ptg" } },
        },
        {
          comment: '"…" (or ＂…＂) on one line; an unterminated string ends at the end of its line.',
          name: "string.quoted.double.ptg",
          begin: '["＂]',
          end: '["＂]|$',
          beginCaptures: { 0: { name: "punctuation.definition.string.begin.ptg" } },
          endCaptures: { 0: { name: "punctuation.definition.string.end.ptg" } },
          patterns: [{ include: "#escape" }],
        },
        {
          comment: "“…” on one line, counting nested “” pairs: ““三公经费”控制率” is one string.",
          name: "string.quoted.other.curly.ptg",
          begin: "“",
          end: "”|$",
          beginCaptures: { 0: { name: "punctuation.definition.string.begin.ptg" } },
          endCaptures: { 0: { name: "punctuation.definition.string.end.ptg" } },
          patterns: [{ include: "#escape" }, { include: "#curly-nested" }],
        },
      ],
    },
    "curly-nested": {
      begin: "“",
      end: "”|$",
      patterns: [{ include: "#escape" }, { include: "#curly-nested" }],
    },
    escape: { match: "\\\\.", name: "constant.character.escape.ptg" },

    header: {
      patterns: [
        {
          comment: "体系 国家2021: the scheme name, glued letters and digits",
          match: `${NOT_AFTER_LETTER}(体系)${NOT_BEFORE_LETTER}(?:${SP}*(${LETTER}(?:${LETTER}|${D})*))?`,
          captures: {
            1: { name: "keyword.other.header.ptg" },
            2: { name: "entity.name.type.scheme.ptg" },
          },
        },
        {
          comment: "金额单位 万元",
          match: `${NOT_AFTER_LETTER}(金额单位)${NOT_BEFORE_LETTER}(?:${SP}*(${LETTER}+))?`,
          captures: {
            1: { name: "keyword.other.header.ptg" },
            2: { name: "keyword.other.unit.ptg" },
          },
        },
      ],
    },
    attribute: {
      comment: "属性 一年期 | 持续性",
      match: `${NOT_AFTER_LETTER}(属性)${NOT_BEFORE_LETTER}(?:${SP}*(${alt(ATTRIBUTES)})${NOT_BEFORE_LETTER})?`,
      captures: {
        1: { name: "keyword.other.field.ptg" },
        2: { name: "constant.language.attribute.ptg" },
      },
    },
    keyword: {
      patterns: [
        { match: wholeWord(HEADER_KEYWORDS), name: "keyword.other.header.ptg" },
        { match: wholeWord(ENTITY_KEYWORDS), name: "storage.type.entity.ptg" },
        { match: wholeWord(FIELD_KEYWORDS), name: "keyword.other.field.ptg" },
      ],
    },
    "fund-source": {
      patterns: [
        { match: wholeWord(FUND_SOURCES), name: "support.constant.fund-source.ptg" },
        { match: wholeWord(BUDGET_PARTS), name: "support.constant.budget-part.ptg" },
      ],
    },

    period: {
      comment: "Periods of the closed list: 全年, 每月10日前, 每年一次, 30个工作日内 …",
      patterns: [
        { match: `${D}+个?工作日内`, name: "constant.other.period.ptg" },
        { match: `${D}+(?:日|天|个月|周|小时)内`, name: "constant.other.period.ptg" },
        { match: `${NOT_AFTER_LETTER}每月${D}{1,2}[日号]${BEFORE_SUFFIX}`, name: "constant.other.period.ptg" },
        { match: `${NOT_AFTER_LETTER}每(?:年|季度|季|月|周)${D}+次`, name: "constant.other.period.ptg" },
        {
          match: `${NOT_AFTER_LETTER}每(?:年|季度|季|月|周)[一二两三四五六七八九十]+次${NOT_BEFORE_LETTER}`,
          name: "constant.other.period.ptg",
        },
        { match: wholeWord(PERIOD_WORDS), name: "constant.other.period.ptg" },
      ],
    },
    date: {
      comment: "2024-12-31前, 2024年12月31日前, 2024年12月底, 2024年底前, 2024年, 12月底, 12月份, 10日前",
      patterns: [
        {
          match: `${D}{4}[-－/／.．]${D}{1,2}[-－/／.．]${D}{1,2}${BEFORE_SUFFIX}`,
          name: "constant.other.date.ptg",
        },
        {
          match: `${D}{4}年(?:${D}{1,2}月份?(?:${D}{1,2}[日号]|底)?|底)?${BEFORE_SUFFIX}`,
          name: "constant.other.date.ptg",
        },
        {
          match: `${D}{1,2}月份?(?:${D}{1,2}[日号]|底)?${BEFORE_SUFFIX}`,
          name: "constant.other.date.ptg",
        },
        { match: `${D}{1,2}[日号]${BEFORE_SUFFIX}`, name: "constant.other.date.ptg" },
      ],
    },
    "coded-category": {
      comment: "1-产出指标, 21-经济效益: a category name with its code",
      match: `(${D}+[-－])(${LETTER}+)`,
      name: "entity.name.section.category.ptg",
      captures: { 1: { name: "constant.numeric.category-code.ptg" } },
    },
    number: {
      comment:
        "A number with its unit: 118.8万元, 7,395,500.0元, ≤2916元/人/月, 80%以上, 5200元左右, >= 80 %",
      match:
        `(${NUMBER})` +
        `(?:` +
        // unit written directly after the number, a postfix word split off it
        `${NOT_UNIT}(${UNIT_ADJACENT})(?:(${alt(POSTFIX)})|(${alt(["之前", "以前"])})|(至))?${NOT_BEFORE_LETTER}` +
        `|` +
        // unit after spaces on the same line: not a keyword and not a category's name
        `${SP}+${NOT_UNIT}(${UNIT_SPACED})${NOT_BEFORE_LETTER}(?!${SP}*[{｛])` +
        `)?`,
      captures: {
        1: { name: "constant.numeric.ptg" },
        2: { name: "keyword.other.unit.ptg" },
        3: { name: "keyword.operator.postfix.ptg" },
        4: { name: "keyword.operator.before.ptg" },
        5: { name: "keyword.operator.range.ptg" },
        6: { name: "keyword.other.unit.ptg" },
      },
    },
    comparator: {
      patterns: [
        {
          comment: "=> =< == and friends are syntax errors",
          match: alt(BAD_COMPARATORS),
          name: "invalid.illegal.comparator.ptg",
        },
        { match: alt([...GE, ...LE, ...GT, ...LT, ...EQ, ...APPROX]), name: "keyword.operator.comparison.ptg" },
        { match: wholeWord(COMPARATOR_WORDS), name: "keyword.operator.comparison.word.ptg" },
      ],
    },
    postfix: {
      patterns: [
        { match: wholeWord(POSTFIX), name: "keyword.operator.postfix.ptg" },
        { match: wholeWord(BEFORE), name: "keyword.operator.before.ptg" },
      ],
    },
    range: {
      patterns: [
        { match: "[~～〜]", name: "keyword.operator.range.ptg" },
        { match: "[-－]", name: "keyword.operator.range.ptg" },
        { match: wholeWord(["至"]), name: "keyword.operator.range.ptg" },
      ],
    },
    category: {
      patterns: [
        {
          comment: "A word that opens a block is a category name (resolved against the scheme by the server)",
          match: `${NOT_AFTER_LETTER}${LETTER}+(?=${SP}*[{｛])`,
          name: "entity.name.section.category.ptg",
        },
        {
          comment: "A built-in category name alone on its line (its `{` on the next line)",
          match: `${NOT_AFTER_LETTER}${alt([...CATEGORY_NAMES, ...CATEGORY_ALIASES])}(?=${SP}*(?:[#＃].*)?$)`,
          name: "entity.name.section.category.ptg",
        },
      ],
    },
    punctuation: {
      patterns: [
        { match: "[{｛]", name: "punctuation.section.block.begin.ptg" },
        { match: "[}｝]", name: "punctuation.section.block.end.ptg" },
        { match: "[,，、;；]", name: "punctuation.separator.ptg" },
        { match: "[/／]", name: "punctuation.separator.slash.ptg" },
      ],
    },
  },
};

export function render() {
  return JSON.stringify(grammar, null, 2) + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = render();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(out, "utf8");
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      console.error("syntaxes/ptg.tmLanguage.json is out of date: run `npm run build:grammar`");
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}

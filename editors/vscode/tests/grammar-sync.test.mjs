// The TextMate grammar knows every spelling the real lexer and the formal grammar know:
// the token lists of scripts/build-grammar.mjs are compared with the `#[token("…")]`
// attributes of crates/ptg_syntax/src/lexer.rs and the literals of grammar/ptg.ebnf.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import * as g from "../scripts/build-grammar.mjs";
import { extensionDir, repoDir } from "./helpers.mjs";

const lexer = readFileSync(join(repoDir, "crates", "ptg_syntax", "src", "lexer.rs"), "utf8");
const ebnf = readFileSync(join(repoDir, "grammar", "ptg.ebnf"), "utf8");
const grammarJson = readFileSync(join(extensionDir, "syntaxes", "ptg.tmLanguage.json"), "utf8");

/** `#[token("…")]` spellings of each `SyntaxKind` variant. */
function lexerTokens() {
  const byKind = new Map();
  let pending = [];
  const body = lexer.slice(lexer.indexOf("pub enum SyntaxKind"), lexer.indexOf("/// Every keyword"));
  for (const line of body.split("\n")) {
    const token = line.match(/#\[token\("((?:[^"\\]|\\.)*)"/);
    if (token) {
      pending.push(JSON.parse(`"${token[1]}"`));
      continue;
    }
    const variant = line.match(/^\s*([A-Z][A-Za-z]*),\s*$/);
    if (variant) {
      byKind.set(variant[1], pending);
      pending = [];
    }
  }
  return byKind;
}

/** The quoted literals of an EBNF rule, and those that are whole alternatives. */
function ebnfRule(name) {
  const start = ebnf.search(new RegExp(`^${name}\\s*=`, "m"));
  assert.ok(start >= 0, `rule ${name}`);
  const text = ebnf.slice(start, ebnf.indexOf(";", start)).replace(/\(\*[\s\S]*?\*\)/g, "");
  const all = [...text.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  // Top-level alternatives that are one literal (not `'每月' digit…` or `('日' | '天')`).
  const alternatives = [];
  let depth = 0;
  let current = "";
  for (const ch of text.slice(text.indexOf("=") + 1)) {
    if (ch === "(" || ch === "{") depth++;
    if (ch === ")" || ch === "}") depth--;
    if (ch === "|" && depth === 0) {
      alternatives.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  alternatives.push(current);
  const whole = alternatives.map((a) => a.trim().match(/^'([^']+)'$/)?.[1]).filter(Boolean);
  return { all, whole };
}

const sorted = (xs) => [...new Set(xs)].sort();
const tokens = lexerTokens();

test("keywords: the lexer's, the EBNF's and the TextMate grammar's are the same", () => {
  const lexerKeywords = [...tokens].filter(([kind]) => kind.endsWith("Kw")).flatMap(([, t]) => t);
  assert.deepEqual(sorted(g.KEYWORDS), sorted(lexerKeywords));
  assert.deepEqual(sorted(g.KEYWORDS), sorted(ebnfRule("keywords").all));
});

test("comparators, postfix words and periods match the lexer token for token", () => {
  const pairs = {
    Ge: g.GE, Le: g.LE, Gt: g.GT, Lt: g.LT, Eq: g.EQ, Approx: g.APPROX,
    BadComparator: g.BAD_COMPARATORS,
    GeWord: g.GE_WORD, LeWord: g.LE_WORD, GtWord: g.GT_WORD, LtWord: g.LT_WORD, EqWord: g.EQ_WORD,
    Before: g.BEFORE,
    Period: g.PERIOD_WORDS,
  };
  for (const [kind, ours] of Object.entries(pairs)) {
    assert.deepEqual(sorted(ours), sorted(tokens.get(kind)), kind);
  }
  const postfix = [...tokens.get("AbovePostfix"), ...tokens.get("BelowPostfix"), ...tokens.get("AboutPostfix")];
  assert.deepEqual(sorted(g.POSTFIX), sorted(postfix));
});

test("every EBNF spelling of comparators, postfix words and periods is known", () => {
  for (const [rule, ours] of [
    ["GE", g.GE], ["LE", g.LE], ["GT", g.GT], ["LT", g.LT], ["EQ", g.EQ], ["APPROX", g.APPROX],
    ["BAD_COMPARATOR", g.BAD_COMPARATORS],
    ["GE_WORD", g.GE_WORD], ["LE_WORD", g.LE_WORD], ["GT_WORD", g.GT_WORD], ["LT_WORD", g.LT_WORD],
    ["EQ_WORD", g.EQ_WORD], ["POSTFIX", g.POSTFIX], ["BEFORE", g.BEFORE],
  ]) {
    for (const spelling of ebnfRule(rule).all) assert.ok(ours.includes(spelling), `${rule} ${spelling}`);
  }
  for (const spelling of ebnfRule("PERIOD").whole) assert.ok(g.PERIOD_WORDS.includes(spelling), `PERIOD ${spelling}`);
  for (const spelling of ebnfRule("source_name").all) assert.ok(g.FUND_SOURCES.includes(spelling), spelling);
  for (const spelling of ebnfRule("structure_line").all.filter((s) => s.length > 1)) {
    assert.ok(g.BUDGET_PARTS.includes(spelling), spelling);
  }
});

test("punctuation spellings of the lexer appear in the grammar's character classes", () => {
  for (const kind of ["LBrace", "RBrace", "Slash", "Tilde", "Minus", "Comma", "Percent"]) {
    for (const ch of tokens.get(kind)) {
      assert.ok(grammarJson.includes(ch), `${kind} ${ch}`);
    }
  }
});

test("the committed grammar is what scripts/build-grammar.mjs generates", () => {
  assert.equal(grammarJson, g.render());
});

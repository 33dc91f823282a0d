#!/usr/bin/env node
// Prints how the TextMate grammar colours a .ptg file, token by token, with UTF-16 columns
// (the unit of vscode-tmgrammar-test's carets). For writing grammar tests:
//
//   npm run tokenize -- ../../examples/jiefang-2024.ptg

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/tokenize.mjs FILE.ptg");
  process.exit(2);
}

await oniguruma.loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }),
  loadGrammar: async () =>
    textmate.parseRawGrammar(
      readFileSync(join(here, "..", "syntaxes", "ptg.tmLanguage.json"), "utf8"),
      "ptg.tmLanguage.json",
    ),
});
const grammar = await registry.loadGrammar("source.ptg");
let stack = textmate.INITIAL;
readFileSync(file, "utf8")
  .split(/\r\n|\n|\r/)
  .forEach((line, n) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    console.log(`${n + 1}: ${line}`);
    for (const t of tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      if (text.trim() === "" && t.scopes.length === 1) continue;
      const scopes = t.scopes.slice(1).join(" ") || "-";
      console.log(`    ${t.startIndex}-${t.endIndex} ${JSON.stringify(text)} ${scopes}`);
    }
  });

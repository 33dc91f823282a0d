// The grammar over every .ptg file of the repository (examples, parser and lint fixtures):
// no line leaves a rule open (a runaway string would colour the rest of the file) except
// inside a """block string""", category blocks are coloured as categories, and the valid
// files show nothing as invalid.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";

import { extensionDir, repoDir } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");

async function loadGrammar() {
  await oniguruma.loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(
        readFileSync(join(extensionDir, "syntaxes", "ptg.tmLanguage.json"), "utf8"),
        "ptg.tmLanguage.json",
      ),
  });
  return registry.loadGrammar("source.ptg");
}

function ptgFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ptgFiles(path);
    return name.endsWith(".ptg") ? [path] : [];
  });
}

const files = [
  ...ptgFiles(join(repoDir, "examples")),
  ...ptgFiles(join(repoDir, "tests")),
];
const valid = (file) =>
  file.includes(`${join("examples", "")}`) || file.includes(join("tests", "parser", "ok"));

const KEYWORDS = /^(?:来源|结构)$/;

test("there are .ptg files to tokenize", () => {
  assert.ok(files.length >= 20, `${files.length} files`);
});

test("every .ptg file of the repository tokenizes without runaway rules", async () => {
  const grammar = await loadGrammar();
  const problems = [];
  for (const file of files) {
    const name = relative(repoDir, file);
    let stack = textmate.INITIAL;
    const lines = readFileSync(file, "utf8").split(/\r\n|\n|\r/);
    lines.forEach((line, n) => {
      const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
      stack = ruleStack;
      const where = `${name}:${n + 1}: ${line.trim()}`;
      const last = tokens[tokens.length - 1];
      const inBlockString = last?.scopes.includes("string.quoted.triple.ptg") ?? false;
      if (stack.depth !== 1 && !inBlockString) {
        problems.push(`${where}\n    a rule stays open after the line`);
      }
      // `WORD {` opens a category (or a keyword's block): it must be coloured as one.
      const opener = line.match(/^\s*((?:[0-9０-９]+[-－])?[\p{Script=Han}]+)\s*[{｛]/u);
      if (opener && !inBlockString && stack.depth === 1) {
        const at = line.indexOf(opener[1]);
        const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
        const scopes = token?.scopes ?? [];
        const ok = KEYWORDS.test(opener[1])
          ? scopes.includes("keyword.other.field.ptg")
          : scopes.includes("entity.name.section.category.ptg") ||
            scopes.some((s) => s.startsWith("storage.type") || s.startsWith("keyword."));
        if (!ok) problems.push(`${where}\n    ${opener[1]} is not coloured as a category: ${scopes.join(" ")}`);
      }
      if (valid(file)) {
        for (const t of tokens) {
          if (t.scopes.some((s) => s.startsWith("invalid"))) {
            problems.push(`${where}\n    invalid token ${JSON.stringify(line.slice(t.startIndex, t.endIndex))}`);
          }
        }
      }
    });
  }
  assert.deepEqual(problems, []);
});

// The snippets expand, with their defaults, to PTG that the real `ptg check` accepts: no
// syntax errors, every category known and in its place, nothing at warning or error level.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { expandSnippet, extensionDir, ptgBinary } from "./helpers.mjs";

const snippets = JSON.parse(readFileSync(join(extensionDir, "snippets", "ptg.json"), "utf8"));
const body = (name) => {
  assert.ok(snippets[name], `snippet ${name}`);
  return expandSnippet(snippets[name].body);
};
const header = (scheme) => `年度 2024\n体系 ${scheme}\n金额单位 万元\n\n`;

function check(text) {
  const res = spawnSync(
    ptgBinary(),
    ["check", "--isolated", "--output-format", "json", "--stdin-filepath", "snippet.ptg", "-"],
    { input: text, encoding: "utf8" },
  );
  assert.ok(res.status === 0 || res.status === 1, `ptg check exited ${res.status}: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

function assertClean(text) {
  const findings = check(text).filter((f) => f.severity === "error" || f.severity === "warning");
  assert.deepEqual(
    findings.map((f) => `${f.location.row}:${f.location.column} ${f.rule} ${f.message}`),
    [],
    text,
  );
}

const projects = {
  "项目（国家2021）· Project, scheme 国家2021": "国家2021",
  "项目（通用）· Project, scheme 通用": "通用",
  "项目（汇总表）· Project, scheme 汇总表": "汇总表",
};

for (const [name, scheme] of Object.entries(projects)) {
  test(`snippet ${name} is a clean project of ${scheme}`, () => {
    assertClean(header(scheme) + `部门 "测试部门" {\n${body(name)}\n}\n`);
  });
}

test("the project snippet of one scheme is wrong in another (the snippets differ)", () => {
  const text = header("国家2021") + `部门 "测试部门" {\n${body("项目（通用）· Project, scheme 通用")}\n}\n`;
  assert.ok(check(text).some((f) => f.rule === "misplaced-category"));
});

test("snippet 部门整体 is a clean department with department-level indicators", () => {
  assertClean(header("国家2021") + body("部门整体 · Department-overall targets") + "\n");
});

test("snippet 部门整体指标 fits inside a department", () => {
  const inner = body("部门整体指标 · Department-overall indicators").replace(/^/gm, "\t");
  assertClean(header("国家2021") + `部门 "测试部门" {\n\t履职目标 "履职"\n${inner}\n}\n`);
});

test("snippets 文件头, 部门, 资金, 指标 compose into a clean file", () => {
  const indicator = body("指标 · Indicator");
  const described = body("指标（带说明）· Indicator with description");
  const text =
    body("文件头 · File header") +
    "\n" +
    body("部门 · Department").replace(
      /\n}$/,
      `\n项目 "甲" {\n${body("资金 · Funds")}\n目标 "目标"\n产出指标 { 质量指标 {\n${indicator}\n${described}\n} }\n}\n}`,
    ) +
    "\n";
  const findings = check(text);
  assert.deepEqual(
    findings.filter((f) => f.rule === "syntax-error" || f.rule.startsWith("unknown")).map((f) => f.message),
    [],
    text,
  );
});

test("every snippet has a Chinese and an English prefix and description", () => {
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(Array.isArray(s.prefix) && s.prefix.length >= 2, name);
    assert.match(s.prefix.join(" "), /[\u4e00-\u9fff]/, name);
    assert.match(s.prefix.join(" "), /[a-z]/, name);
    assert.match(s.description, /^[^(]*[\u4e00-\u9fff].*\(.*[a-z].*\)$/, name);
  }
});

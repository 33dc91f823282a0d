// Shared by the Node tests: the `ptg` binary under test and snippet expansion.

import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = resolve(extensionDir, "..", "..");

/**
 * The `ptg` binary to test: `$PTG_BIN`, else the newer of the workspace's
 * `target/release/ptg` and `target/debug/ptg`. Throws (the tests fail, they do not skip)
 * when there is none: CI builds it before running these tests.
 */
export function ptgBinary() {
  const exe = process.platform === "win32" ? "ptg.exe" : "ptg";
  if (process.env.PTG_BIN) {
    const bin = resolve(process.env.PTG_BIN);
    if (!existsSync(bin)) {
      throw new Error(`PTG_BIN=${process.env.PTG_BIN} does not exist`);
    }
    return bin;
  }
  const candidates = ["release", "debug"]
    .map((profile) => join(repoDir, "target", profile, exe))
    .filter((bin) => existsSync(bin))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error(
      "no ptg binary: build it with `cargo build --release -p ptg_cli` (target/release/ptg) " +
        "or point PTG_BIN at one",
    );
  }
  return candidates[0];
}

/**
 * A snippet body as VS Code inserts it when the user accepts every default: `${1:x}` → x,
 * `${1|a,b|}` → a, `$1` → the default given elsewhere for 1, `$0` → nothing; tabs stay tabs.
 */
export function expandSnippet(body) {
  const text = Array.isArray(body) ? body.join("\n") : body;
  const defaults = new Map();
  for (const m of text.matchAll(/\$\{(\d+):([^}]*)\}/g)) {
    if (!defaults.has(m[1])) defaults.set(m[1], m[2]);
  }
  for (const m of text.matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) {
    if (!defaults.has(m[1])) defaults.set(m[1], m[2].split(",")[0]);
  }
  return text
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n) => defaults.get(n))
    .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n) => defaults.get(n))
    .replace(/\$\{?(\d+)\}?/g, (_, n) => defaults.get(n) ?? "");
}

// How the extension finds `ptg` (src/server.ts, compiled to out/server.js by `npm run
// compile`): the ptg.path setting, else server/ptg inside the extension, else PATH.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const server = require("../out/server.js");

function fakeBinary(dir, name = "ptg") {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, "#!/bin/sh\n");
  chmodSync(file, 0o755);
  return file;
}

const roots = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function layout() {
  const root = mkdtempSync(join(tmpdir(), "ptg-vscode-"));
  roots.push(root);
  return {
    root,
    extension: join(root, "extension"),
    workspace: join(root, "workspace"),
    pathDir: join(root, "bin"),
    home: join(root, "home"),
  };
}

const posix = process.platform !== "win32";

test("ptg.path wins over the bundled binary and PATH", { skip: !posix }, () => {
  const l = layout();
  fakeBinary(join(l.extension, "server"));
  fakeBinary(l.pathDir);
  const configured = fakeBinary(join(l.root, "custom"));
  const res = server.resolveServer({
    configuredPath: configured,
    extensionPath: l.extension,
    env: { PATH: l.pathDir },
  });
  assert.deepEqual(res, { ok: true, path: configured, source: "setting" });
});

test("ptg.path expands ~ and ${workspaceFolder}, and is relative to the workspace", { skip: !posix }, () => {
  const l = layout();
  const inHome = fakeBinary(join(l.home, ".cargo", "bin"));
  const inWorkspace = fakeBinary(join(l.workspace, "target", "release"));
  const base = { extensionPath: l.extension, workspaceFolder: l.workspace, homedir: l.home, env: {} };
  assert.equal(server.resolveServer({ ...base, configuredPath: "~/.cargo/bin/ptg" }).path, inHome);
  assert.equal(
    server.resolveServer({ ...base, configuredPath: "${workspaceFolder}/target/release/ptg" }).path,
    inWorkspace,
  );
  assert.equal(server.resolveServer({ ...base, configuredPath: "target/release/ptg" }).path, inWorkspace);
});

test("a ptg.path that names no executable is reported, not replaced by PATH", { skip: !posix }, () => {
  const l = layout();
  fakeBinary(l.pathDir);
  const missing = join(l.root, "nowhere", "ptg");
  const res = server.resolveServer({ configuredPath: missing, extensionPath: l.extension, env: { PATH: l.pathDir } });
  assert.equal(res.ok, false);
  assert.equal(res.reason, "setting");
  assert.equal(res.resolved, missing);
  const message = server.failureMessage(res);
  assert.ok(message.includes(missing));
  assert.match(message, /^[^(（]*[\u4e00-\u9fff]/, "Chinese first");
  assert.match(message, /（.*ptg\.path points to no executable.*）$/, "English in parentheses");
});

test("a non-executable file is not a server", { skip: !posix }, () => {
  const l = layout();
  const file = fakeBinary(join(l.extension, "server"));
  chmodSync(file, 0o644);
  const res = server.resolveServer({ extensionPath: l.extension, env: { PATH: "" } });
  assert.equal(res.ok, false);
});

test("without a setting, the binary bundled in the extension comes first", { skip: !posix }, () => {
  const l = layout();
  const bundled = fakeBinary(join(l.extension, "server"));
  fakeBinary(l.pathDir);
  const res = server.resolveServer({ configuredPath: "  ", extensionPath: l.extension, env: { PATH: l.pathDir } });
  assert.deepEqual(res, { ok: true, path: bundled, source: "bundled" });
});

test("then PATH, in order", { skip: !posix }, () => {
  const l = layout();
  const first = fakeBinary(join(l.root, "a"));
  fakeBinary(join(l.root, "b"));
  const res = server.resolveServer({
    extensionPath: l.extension,
    env: { PATH: [join(l.root, "empty"), join(l.root, "a"), join(l.root, "b")].join(":") },
  });
  assert.deepEqual(res, { ok: true, path: first, source: "path" });
});

test("nothing anywhere: a clear bilingual message naming ptg.path", () => {
  const l = layout();
  const res = server.resolveServer({ extensionPath: l.extension, env: { PATH: join(l.root, "empty") } });
  assert.equal(res.ok, false);
  assert.equal(res.reason, "missing");
  assert.deepEqual(res.searched, [join(l.extension, "server", server.bundledName(process.platform)), "PATH"]);
  const message = server.failureMessage(res);
  assert.match(message, /^找不到 ptg 可执行文件/);
  assert.match(message, /ptg\.path/);
  assert.match(message, /（the ptg executable was not found.*）$/);
});

test("on Windows: server/ptg.exe, Path and PATHEXT", () => {
  const seen = [];
  const exists = new Set(["C:\\ext\\server\\ptg.exe", "D:\\tools\\ptg.cmd"]);
  const isExecutable = (file, platform) => {
    assert.equal(platform, "win32");
    seen.push(file);
    return exists.has(file);
  };
  const bundled = server.resolveServer({ extensionPath: "C:\\ext", platform: "win32", env: {}, isExecutable });
  assert.deepEqual(bundled, { ok: true, path: "C:\\ext\\server\\ptg.exe", source: "bundled" });
  exists.delete("C:\\ext\\server\\ptg.exe");
  seen.length = 0;
  const onPath = server.resolveServer({
    extensionPath: "C:\\ext",
    platform: "win32",
    env: { Path: "C:\\empty;D:\\tools", PATHEXT: ".COM;.EXE;.CMD" },
    isExecutable,
  });
  assert.deepEqual(onPath, { ok: true, path: "D:\\tools\\ptg.cmd", source: "path" });
  assert.deepEqual(seen, [
    "C:\\ext\\server\\ptg.exe",
    "C:\\empty\\ptg.exe",
    "C:\\empty\\ptg.com",
    "C:\\empty\\ptg.cmd",
    "D:\\tools\\ptg.exe",
    "D:\\tools\\ptg.com",
    "D:\\tools\\ptg.cmd",
  ]);
});

test("the start-failure message is Chinese first and names the binary", () => {
  const message = server.startFailureMessage("/usr/bin/ptg", "exited with 2");
  assert.match(message, /^PTG 语言服务器启动失败：\/usr\/bin\/ptg lsp/);
  assert.match(message, /（the PTG language server failed to start.*）$/);
});

test("probeServer: a ptg with `ptg lsp` passes, an old one is explained", { skip: !posix }, () => {
  const l = layout();
  const good = join(l.root, "good-ptg");
  writeFileSync(good, '#!/bin/sh\n[ "$1 $2" = "lsp --help" ] && exit 0\nexit 2\n');
  chmodSync(good, 0o755);
  assert.equal(server.probeServer(good), undefined);
  const old = join(l.root, "old-ptg");
  writeFileSync(old, "#!/bin/sh\necho \"error: unrecognized subcommand 'lsp'\" >&2\nexit 2\n");
  chmodSync(old, 0o755);
  assert.equal(server.probeServer(old), "exit code 2: error: unrecognized subcommand 'lsp'");
  assert.match(server.probeServer(join(l.root, "missing")), /ENOENT/);
});

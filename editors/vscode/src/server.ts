// Finding the `ptg` executable that serves `ptg lsp`, and the messages shown when there is
// none. Nothing here imports `vscode`, so the Node tests exercise it directly.
//
// Order: the `ptg.path` setting, else the binary bundled in the extension
// (`server/ptg`, `server/ptg.exe` on Windows), else `ptg` on `PATH`.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type Source = "setting" | "bundled" | "path";

export type Resolution =
  | { ok: true; path: string; source: Source }
  | {
      ok: false;
      /** `setting`: `ptg.path` names no executable; `missing`: nothing found anywhere. */
      reason: "setting" | "missing";
      /** The `ptg.path` setting as written and as resolved. */
      configured?: string;
      resolved?: string;
      /** Every place looked at, in order. */
      searched: string[];
    };

export interface ResolveInput {
  /** The `ptg.path` setting; empty or blank means "not set". */
  configuredPath?: string;
  /** The extension's install folder (`ExtensionContext.extensionPath`). */
  extensionPath: string;
  /** The first workspace folder, for relative paths and `${workspaceFolder}`. */
  workspaceFolder?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  homedir?: string;
  /** Whether a path is an executable file (tests replace it). */
  isExecutable?: (file: string, platform: NodeJS.Platform) => boolean;
}

export function defaultIsExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** The file name of the bundled binary. */
export function bundledName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "ptg.exe" : "ptg";
}

/** `ptg.path` as a path: `~` and `${workspaceFolder}` expanded, relative to the workspace. */
export function expandConfiguredPath(
  configured: string,
  opts: { workspaceFolder?: string; homedir?: string; platform?: NodeJS.Platform },
): string {
  const platform = opts.platform ?? process.platform;
  const p = pathApi(platform);
  let value = configured.trim();
  if (opts.workspaceFolder) {
    value = value.split("${workspaceFolder}").join(opts.workspaceFolder);
  }
  const home = opts.homedir ?? os.homedir();
  if (value === "~") {
    value = home;
  } else if (value.startsWith("~/") || (platform === "win32" && value.startsWith("~\\"))) {
    value = p.join(home, value.slice(2));
  }
  if (!p.isAbsolute(value) && opts.workspaceFolder) {
    value = p.resolve(opts.workspaceFolder, value);
  }
  return value;
}

/** The executables named `ptg` on `PATH`, in `PATH` order (with `PATHEXT` on Windows). */
export function pathCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const p = pathApi(platform);
  // Windows spells it `Path`; environment lookups there are case-insensitive.
  const key = Object.keys(env).find((k) => k.toUpperCase() === "PATH") ?? "PATH";
  const dirs = (env[key] ?? "").split(platform === "win32" ? ";" : ":").filter((d) => d.length > 0);
  let names = ["ptg"];
  if (platform === "win32") {
    const pathext = (env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM")
      .split(";")
      .filter((e) => e.length > 0)
      .map((e) => e.toLowerCase());
    names = ["ptg.exe", ...pathext.filter((e) => e !== ".exe").map((e) => "ptg" + e)];
  }
  const out: string[] = [];
  for (const dir of dirs) {
    for (const name of names) {
      out.push(p.join(dir.replace(/^"(.*)"$/, "$1"), name));
    }
  }
  return out;
}

export function resolveServer(input: ResolveInput): Resolution {
  const platform = input.platform ?? process.platform;
  const env = input.env ?? process.env;
  const isExecutable = input.isExecutable ?? defaultIsExecutable;
  const p = pathApi(platform);
  const searched: string[] = [];

  const configured = (input.configuredPath ?? "").trim();
  if (configured.length > 0) {
    const resolved = expandConfiguredPath(configured, {
      workspaceFolder: input.workspaceFolder,
      homedir: input.homedir,
      platform,
    });
    searched.push(resolved);
    if (isExecutable(resolved, platform)) {
      return { ok: true, path: resolved, source: "setting" };
    }
    // An explicit setting that points nowhere is reported, not silently replaced.
    return { ok: false, reason: "setting", configured, resolved, searched };
  }

  const bundled = p.join(input.extensionPath, "server", bundledName(platform));
  searched.push(bundled);
  if (isExecutable(bundled, platform)) {
    return { ok: true, path: bundled, source: "bundled" };
  }

  for (const candidate of pathCandidates(env, platform)) {
    if (isExecutable(candidate, platform)) {
      return { ok: true, path: candidate, source: "path" };
    }
  }
  searched.push("PATH");
  return { ok: false, reason: "missing", searched };
}

/**
 * Whether `ptg lsp` exists in this binary: `undefined` when `ptg lsp --help` succeeds, else
 * why not (an old ptg answers "unrecognized subcommand 'lsp'"). Checked before starting the
 * client, so that a binary without the server gets one clear message rather than the
 * language client's connection errors.
 */
export function probeServer(serverPath: string, timeoutMs = 5_000): string | undefined {
  const res = spawnSync(serverPath, ["lsp", "--help"], { encoding: "utf8", timeout: timeoutMs });
  if (res.error) {
    return res.error.message;
  }
  if (res.status === 0) {
    return undefined;
  }
  const firstLine = (res.stderr || res.stdout || "").split(/\r?\n/).find((l) => l.trim() !== "");
  const status = res.status === null ? `signal ${res.signal}` : `exit code ${res.status}`;
  return firstLine ? `${status}: ${firstLine.trim()}` : status;
}

/** A message in Chinese first, with its English in parentheses. */
export function bilingual(zh: string, en: string): string {
  return `${zh}（${en}）`;
}

/** What to tell the user when no server could be found. */
export function failureMessage(res: Extract<Resolution, { ok: false }>): string {
  if (res.reason === "setting") {
    return bilingual(
      `设置 ptg.path 指向的 ptg 可执行文件不存在或不可执行：${res.resolved}。请修改设置，或清空它以使用自带的或 PATH 中的 ptg。`,
      `ptg.path points to no executable ptg: ${res.resolved}. Fix the setting, or clear it to use the bundled ptg or the one on PATH.`,
    );
  }
  return bilingual(
    "找不到 ptg 可执行文件，PTG 语言服务器（诊断、补全、格式化）没有启动。请安装 ptg（cargo install --path crates/ptg_cli）并把它放到 PATH 中，或在设置 ptg.path 中填写它的路径。语法高亮与代码片段不受影响。",
    "the ptg executable was not found, so the PTG language server (diagnostics, completion, formatting) is not running. Install ptg (cargo install --path crates/ptg_cli) and put it on PATH, or set ptg.path to its location. Highlighting and snippets still work.",
  );
}

/** What to tell the user when the server was found but did not start. */
export function startFailureMessage(serverPath: string, detail: string): string {
  return bilingual(
    `PTG 语言服务器启动失败：${serverPath} lsp（${detail}）。这个 ptg 可能太旧，不支持 \`ptg lsp\`；详情见“PTG”输出面板。`,
    `the PTG language server failed to start: ${serverPath} lsp (${detail}). This ptg may be too old to have \`ptg lsp\`; see the “PTG” output channel.`,
  );
}

/** Where the server came from, for the output channel. */
export function describeSource(source: Source): string {
  switch (source) {
    case "setting":
      return "设置 ptg.path (the ptg.path setting)";
    case "bundled":
      return "扩展自带 (bundled with the extension)";
    case "path":
      return "PATH";
  }
}

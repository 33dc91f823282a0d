// The PTG extension: starts `ptg lsp` for `.ptg` files.
//
// Highlighting, snippets and the language configuration are declarative (package.json);
// this file only manages the language server: finding the binary (src/server.ts), starting
// it over stdio, restarting it on request or when its settings change, and telling the user
// clearly when it cannot be found.

import * as vscode from "vscode";
import {
  Executable,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
} from "vscode-languageclient/node";

import {
  describeSource,
  failureMessage,
  probeServer,
  resolveServer,
  startFailureMessage,
} from "./server";

const OPEN_SETTINGS = "打开设置 (Open Settings)";
const SHOW_OUTPUT = "显示输出 (Show Output)";

let client: LanguageClient | undefined;
let watcher: vscode.FileSystemWatcher | undefined;
let output: vscode.OutputChannel;
let extensionPath = "";
/** Start and stop run one at a time, in order. */
let queue: Promise<void> = Promise.resolve();

function log(line: string): void {
  output.appendLine(`[${new Date().toISOString()}] ${line}`);
}

function enqueue(job: () => Promise<void>): Promise<void> {
  queue = queue.then(job, job).catch((err: unknown) => log(`error: ${String(err)}`));
  return queue;
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("PTG");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("ptg.restartServer", () => enqueue(restart)),
    vscode.commands.registerCommand("ptg.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("ptg.path") || event.affectsConfiguration("ptg.lang")) {
        log("ptg.path 或 ptg.lang 已修改，重启语言服务器 (settings changed, restarting)");
        void enqueue(restart);
      }
    }),
    { dispose: () => void enqueue(stop) },
  );
  return enqueue(start);
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop(2000);
    } catch (err) {
      log(`停止语言服务器时出错 (error stopping the server): ${String(err)}`);
    }
    try {
      await running.dispose();
    } catch {
      // already disposed
    }
  }
  watcher?.dispose();
  watcher = undefined;
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("ptg");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const resolution = resolveServer({
    configuredPath: config.get<string>("path", ""),
    extensionPath,
    workspaceFolder: folder?.scheme === "file" ? folder.fsPath : undefined,
  });
  if (!resolution.ok) {
    const message = failureMessage(resolution);
    log(message);
    log(`查找过 (searched): ${resolution.searched.join(", ")}`);
    void showError(message);
    return;
  }
  log(`ptg: ${resolution.path} — ${describeSource(resolution.source)}`);
  const problem = probeServer(resolution.path);
  if (problem !== undefined) {
    const message = startFailureMessage(resolution.path, problem);
    log(message);
    void showError(message);
    return;
  }

  const lang = config.get<string>("lang", "auto");
  // No `transport`: with `TransportKind.stdio` the client would append `--stdio` to the
  // arguments. Without one it still talks over the process's stdin and stdout.
  const run: Executable = {
    command: resolution.path,
    args: ["lsp"],
    options: { cwd: folder?.scheme === "file" ? folder.fsPath : undefined },
  };
  const serverOptions: ServerOptions = { run, debug: run };
  watcher = vscode.workspace.createFileSystemWatcher("**/ptg.toml");
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "ptg" },
      { scheme: "untitled", language: "ptg" },
    ],
    synchronize: { fileEvents: watcher },
    initializationOptions: lang === "zh" || lang === "en" ? { lang } : {},
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: "ptg",
  };
  const next = new LanguageClient(
    "ptg",
    "PTG 语言服务器 (PTG Language Server)",
    serverOptions,
    clientOptions,
  );
  client = next;
  try {
    await next.start();
    log("语言服务器已启动 (language server started)");
  } catch (err) {
    const message = startFailureMessage(resolution.path, String(err));
    log(message);
    void showError(message);
    // Leave nothing half-started behind: the restart command starts afresh.
    if (client === next) {
      client = undefined;
      try {
        await next.dispose(2000);
      } catch {
        // a client that never started may refuse to stop
      }
    }
  }
}

async function showError(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, OPEN_SETTINGS, SHOW_OUTPUT);
  if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "ptg.path");
  } else if (choice === SHOW_OUTPUT) {
    output.show(true);
  }
}

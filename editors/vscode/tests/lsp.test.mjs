// Drives the real `ptg lsp` binary through vscode-languageserver-protocol, the layer under
// VS Code's language client, with the client capabilities VS Code sends: positions are
// UTF-16 code units. The test line holds an emoji (two UTF-16 units, one code point) before
// the value, so a server that counted code points or bytes would be caught.
//
// The binary: $PTG_BIN, else the newer of target/release/ptg and target/debug/ptg. Without
// one these tests FAIL (CI builds the binary first); they never skip.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

import { ptgBinary, repoDir } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  CompletionRequest,
  ShutdownRequest,
  ExitNotification,
  DiagnosticSeverity,
} = require("vscode-languageserver-protocol/node");

const TIMEOUT_MS = 20_000;

// ------------------------------------------------------------------ the document
const SATISFACTION_LINE = '        "服务对象满意度🙂" 95%';
const OUTPUT_LINE = "    产出指标 {  }";
const TEXT = [
  "年度 2024",
  "体系 国家2021",
  "金额单位 万元",
  "",
  '部门 "测试部门" {',
  '  项目 "测试项目" {',
  "    资金 10万元 { 政府预算资金 10万元 }",
  '    目标 "测试"',
  OUTPUT_LINE,
  "    满意度指标 {",
  "      服务对象满意度指标 {",
  SATISFACTION_LINE,
  "      }",
  "    }",
  "  }",
  "}",
  "",
].join("\n");
const lines = TEXT.split("\n");
const satisfactionLine = lines.indexOf(SATISFACTION_LINE);
const outputLine = lines.indexOf(OUTPUT_LINE);

/** Columns in UTF-16 code units: JavaScript string indices. */
const utf16Start = SATISFACTION_LINE.indexOf("95%");
const utf16End = utf16Start + "95%".length;
/** The same column counted in code points, which must differ here (the emoji). */
const codePointStart = [...SATISFACTION_LINE.slice(0, utf16Start)].length;

// ------------------------------------------------------------------ VS Code's capabilities
// What vscode-languageclient 9 sends (lib/common/client.js and its features), trimmed to
// what matters to a PTG server. `positionEncodings` is the client's; `undefined` leaves it
// out (older VS Code clients, Neovim, eglot) and the server must then use UTF-16.
function vscodeCapabilities(positionEncodings) {
  const general = {
    staleRequestSupport: {
      cancel: true,
      retryOnContentModified: [
        "textDocument/semanticTokens/full",
        "textDocument/semanticTokens/range",
        "textDocument/semanticTokens/full/delta",
      ],
    },
    regularExpressions: { engine: "ECMAScript", version: "ES2020" },
    markdown: { parser: "marked", version: "1.1.0" },
  };
  if (positionEncodings !== undefined) general.positionEncodings = positionEncodings;
  return {
    general,
    workspace: {
      applyEdit: true,
      workspaceEdit: {
        documentChanges: true,
        resourceOperations: ["create", "rename", "delete"],
        failureHandling: "textOnlyTransactional",
        normalizesLineEndings: true,
        changeAnnotationSupport: { groupsOnLabel: true },
      },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      configuration: true,
      workspaceFolders: true,
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
      completion: {
        dynamicRegistration: true,
        contextSupport: true,
        completionItem: {
          snippetSupport: true,
          commitCharactersSupport: true,
          documentationFormat: ["markdown", "plaintext"],
          deprecatedSupport: true,
          preselectSupport: true,
          tagSupport: { valueSet: [1] },
          insertReplaceSupport: true,
          resolveSupport: { properties: ["documentation", "detail", "additionalTextEdits"] },
          insertTextModeSupport: { valueSet: [1, 2] },
          labelDetailsSupport: true,
        },
        insertTextMode: 2,
        completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => i + 1) },
        completionList: {
          itemDefaults: ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"],
        },
      },
      hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
      definition: { dynamicRegistration: true, linkSupport: true },
      documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true },
      formatting: { dynamicRegistration: true },
      foldingRange: { dynamicRegistration: true, rangeLimit: 5000, lineFoldingOnly: true },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ["edit"] },
        codeActionLiteralSupport: {
          codeActionKind: {
            valueSet: ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"],
          },
        },
        honorsChangeAnnotations: false,
      },
      publishDiagnostics: {
        relatedInformation: true,
        versionSupport: false,
        tagSupport: { valueSet: [1, 2] },
        codeDescriptionSupport: true,
        dataSupport: true,
      },
      diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    },
    window: {
      showMessage: { messageActionItem: { additionalPropertiesSupport: true } },
      showDocument: { support: true },
      workDoneProgress: true,
    },
  };
}

// ------------------------------------------------------------------ a client session
/** The binary, after checking that it has the `lsp` subcommand (a clear failure if not). */
function lspBinary() {
  const bin = ptgBinary();
  const help = spawnSync(bin, ["lsp", "--help"], { encoding: "utf8" });
  if (help.status !== 0) {
    throw new Error(
      `${bin} has no working \`lsp\` subcommand (\`ptg lsp --help\` exited with ${help.status}): ` +
        `${(help.stderr || String(help.error ?? "")).trim()}. Build a current one: cargo build --release -p ptg_cli`,
    );
  }
  return bin;
}

async function startServer({ positionEncodings, initializationOptions = {}, locale = "zh-cn" } = {}) {
  const bin = lspBinary();
  const child = spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "pipe"], cwd: repoDir });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  // A server that quits makes writes fail with EPIPE; its exit status says why.
  child.stdin.on("error", () => {});
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const spawnError = new Promise((_, reject) => child.on("error", reject));

  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const diagnostics = new Map();
  const waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, params.diagnostics);
    for (const w of [...waiters]) w();
  });
  // Requests VS Code answers: configuration, capability registration, progress.
  connection.onRequest("workspace/configuration", (params) => params.items.map(() => null));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("client/unregisterCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onNotification("window/logMessage", () => {});
  connection.onNotification("window/showMessage", () => {});
  connection.listen();

  const rootUri = pathToFileURL(repoDir).href;
  let init;
  try {
    init = await Promise.race([
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: "1.82.0" },
      locale,
      rootPath: repoDir,
      rootUri,
      capabilities: vscodeCapabilities(positionEncodings),
      initializationOptions,
      trace: "off",
      workspaceFolders: [{ uri: rootUri, name: "ptg" }],
    }),
    spawnError,
    exited.then(({ code }) => {
      throw new Error(`exited with ${code}`);
    }),
  ]);
  } catch (err) {
    // Writing to a server that already quit fails with EPIPE: report why it quit.
    const status = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 2000))]);
    connection.dispose();
    child.kill();
    throw new Error(
      `\`${bin} lsp\` did not answer initialize (${err.message})` +
        (status ? `; it exited with ${status.code}` : "") +
        `. stderr:\n${stderr}`,
    );
  }
  await connection.sendNotification(InitializedNotification.type, {});

  /** Waits until `pred(diagnostics for uri)` holds. */
  function waitForDiagnostics(uri, pred) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(check), 1);
        reject(new Error(`no matching publishDiagnostics for ${uri} within ${TIMEOUT_MS} ms; last: ` +
          JSON.stringify(diagnostics.get(uri)) + `\nstderr: ${stderr}`));
      }, TIMEOUT_MS);
      const check = () => {
        const ds = diagnostics.get(uri);
        if (ds !== undefined && pred(ds)) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(ds);
        }
      };
      waiters.push(check);
      check();
    });
  }

  async function stop() {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ code: "timeout" }), 5000));
    const result = await Promise.race([exited, timeout]);
    connection.dispose();
    if (result.code === "timeout") child.kill();
    return result;
  }

  return { connection, init, waitForDiagnostics, stop, stderr: () => stderr };
}

function openDocument(connection, uri, text, version = 1) {
  return connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "ptg", version, text },
  });
}

const docUri = (name) => pathToFileURL(join(repoDir, "editors", "vscode", "tests", name)).href;

// ------------------------------------------------------------------ tests
test("the test line needs UTF-16 columns (the emoji is two code units)", () => {
  assert.ok(satisfactionLine > 0 && outputLine > 0);
  assert.equal(utf16Start, codePointStart + 1);
});

for (const [name, positionEncodings] of [
  ["VS Code (languageclient 9 offers utf-16)", ["utf-16"]],
  ["a client that offers no positionEncodings", undefined],
]) {
  test(`ptg lsp with ${name}: diagnostics on the UTF-16 range, completion of 二级 categories`, async () => {
    const server = await startServer({ positionEncodings });
    try {
      const encoding = server.init.capabilities.positionEncoding;
      assert.ok(encoding === undefined || encoding === "utf-16", `positionEncoding ${encoding}`);
      assert.ok(server.init.capabilities.completionProvider, "completionProvider");
      assert.ok(server.init.capabilities.textDocumentSync, "textDocumentSync");

      const uri = docUri("utf16.ptg");
      await openDocument(server.connection, uri, TEXT);
      const diagnostics = await server.waitForDiagnostics(uri, (ds) =>
        ds.some((d) => d.code === "satisfaction-needs-lower-bound"),
      );
      const satisfaction = diagnostics.filter((d) => d.code === "satisfaction-needs-lower-bound");
      assert.equal(satisfaction.length, 1, JSON.stringify(diagnostics, null, 1));
      assert.deepEqual(satisfaction[0].range, {
        start: { line: satisfactionLine, character: utf16Start },
        end: { line: satisfactionLine, character: utf16End },
      });
      assert.equal(satisfaction[0].severity, DiagnosticSeverity.Warning);
      assert.equal(
        lines[satisfaction[0].range.start.line].slice(
          satisfaction[0].range.start.character,
          satisfaction[0].range.end.character,
        ),
        "95%",
      );

      // Completion inside `产出指标 { | }`: the 二级 categories of 国家2021's 产出指标.
      const character = OUTPUT_LINE.indexOf("{") + 2;
      const result = await server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line: outputLine, character },
        context: { triggerKind: 1 },
      });
      const items = Array.isArray(result) ? result : (result?.items ?? []);
      assert.deepEqual(
        items.map((item) => item.label).sort(),
        ["数量指标", "质量指标", "时效指标"].sort(),
        JSON.stringify(items, null, 1),
      );

      const { code } = await server.stop();
      assert.equal(code, 0, `exit code; stderr:\n${server.stderr()}`);
    } catch (err) {
      await server.stop().catch(() => {});
      throw err;
    }
  });
}

test("ptg lsp follows an edit: fixing the value clears the diagnostic", async () => {
  const server = await startServer({ positionEncodings: ["utf-16"] });
  try {
    const uri = docUri("edit.ptg");
    await openDocument(server.connection, uri, TEXT);
    await server.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === "satisfaction-needs-lower-bound"));
    // Insert `≥ ` before `95%` (an incremental change in UTF-16 positions).
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: {
            start: { line: satisfactionLine, character: utf16Start },
            end: { line: satisfactionLine, character: utf16Start },
          },
          text: "≥ ",
        },
      ],
    });
    await server.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.code === "satisfaction-needs-lower-bound"));
    assert.equal((await server.stop()).code, 0);
  } catch (err) {
    await server.stop().catch(() => {});
    throw err;
  }
});

test("ptg lsp takes the message language from initializationOptions (the ptg.lang setting)", async () => {
  const messages = {};
  for (const lang of ["zh", "en"]) {
    const server = await startServer({ positionEncodings: ["utf-16"], initializationOptions: { lang } });
    try {
      const uri = docUri(`lang-${lang}.ptg`);
      await openDocument(server.connection, uri, TEXT);
      const ds = await server.waitForDiagnostics(uri, (d) =>
        d.some((x) => x.code === "satisfaction-needs-lower-bound"),
      );
      messages[lang] = ds.find((d) => d.code === "satisfaction-needs-lower-bound").message;
      assert.equal((await server.stop()).code, 0);
    } catch (err) {
      await server.stop().catch(() => {});
      throw err;
    }
  }
  assert.notEqual(messages.zh, messages.en);
  assert.match(messages.zh, /[\u4e00-\u9fff]/);
  assert.match(messages.en, /\b[a-z]{3,}\b.*\b[a-z]{3,}\b/);
});

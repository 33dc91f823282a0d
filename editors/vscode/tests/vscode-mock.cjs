// A stand-in for the `vscode` module, enough for the packaged extension and
// vscode-languageclient to activate, start `ptg lsp` and publish diagnostics outside VS Code
// (VS Code itself cannot be downloaded on the CI machines). Used by tests/vsix-smoke.mjs
// only. Real classes for what the client constructs (Uri, Range, Diagnostic …), recorders
// for what the extension shows (error messages, output, diagnostics), and a permissive
// fallback for the rest of the API (registering providers returns a disposable).

"use strict";

const { fileURLToPath, pathToFileURL } = require("url");

const recorded = {
  errors: [],
  warnings: [],
  infos: [],
  output: [],
  diagnostics: new Map(), // uri string -> Diagnostic[]
  diagnosticEvents: [],
  commands: new Map(),
  executed: [],
};
const settings = new Map(); // "ptg.path" -> value
const listeners = [];

function onChange() {
  for (const l of [...listeners]) l();
}

// ------------------------------------------------------------------ basics
class Disposable {
  constructor(fn) {
    this._fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i && i.dispose && i.dispose()));
  }
  dispose() {
    if (this._fn) this._fn();
    this._fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(bound);
      const d = new Disposable(() => this._listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) {
    for (const l of [...this._listeners]) l(value);
  }
  dispose() {
    this._listeners.clear();
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this._emitter = emitter;
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {}
}

class CancellationError extends Error {}

class Uri {
  constructor(scheme, authority, path, query, fragment) {
    this.scheme = scheme;
    this.authority = authority || "";
    this.path = path || "";
    this.query = query || "";
    this.fragment = fragment || "";
  }
  static parse(value) {
    const url = new URL(value);
    return new Uri(
      url.protocol.replace(/:$/, ""),
      url.host,
      decodeURIComponent(url.pathname),
      url.search.replace(/^\?/, ""),
      url.hash.replace(/^#/, ""),
    );
  }
  static file(path) {
    return Uri.parse(pathToFileURL(path).href);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, base.authority, [base.path, ...parts].join("/").replace(/\/+/g, "/"));
  }
  get fsPath() {
    return this.scheme === "file" ? fileURLToPath(this.toString()) : this.path;
  }
  with(change) {
    return new Uri(
      change.scheme ?? this.scheme,
      change.authority ?? this.authority,
      change.path ?? this.path,
      change.query ?? this.query,
      change.fragment ?? this.fragment,
    );
  }
  toString() {
    if (this.scheme === "file") return pathToFileURL(this.path).href;
    return `${this.scheme}:${this.authority ? "//" + this.authority : ""}${this.path}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === "number") {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
  get isEmpty() {
    return this.start.line === this.end.line && this.start.character === this.end.character;
  }
}

class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}

class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}

class MarkdownString {
  constructor(value = "", supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(value) {
    this.value += value;
    return this;
  }
  appendText(value) {
    this.value += value;
    return this;
  }
  appendCodeblock(code, language = "") {
    this.value += "\n```" + language + "\n" + code + "\n```\n";
    return this;
  }
}

class RelativePattern {
  constructor(base, pattern) {
    this.base = base;
    this.pattern = pattern;
  }
}

class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
CodeActionKind.Empty = new CodeActionKind("");
for (const [name, value] of Object.entries({
  QuickFix: "quickfix",
  Refactor: "refactor",
  RefactorExtract: "refactor.extract",
  RefactorInline: "refactor.inline",
  RefactorMove: "refactor.move",
  RefactorRewrite: "refactor.rewrite",
  Source: "source",
  SourceOrganizeImports: "source.organizeImports",
  SourceFixAll: "source.fixAll",
  Notebook: "notebook",
})) {
  CodeActionKind[name] = new CodeActionKind(value);
}

/** Any other class of the API: keeps what it is given. */
function genericClass(name) {
  const C = class {
    constructor(...args) {
      this.__args = args;
    }
  };
  Object.defineProperty(C, "name", { value: name });
  return C;
}

/** An enum of the API: every member a distinct number. */
function genericEnum() {
  let next = 1;
  const values = new Map();
  return new Proxy(
    {},
    {
      get(_, key) {
        if (typeof key !== "string") return undefined;
        if (!values.has(key)) values.set(key, next++);
        return values.get(key);
      },
    },
  );
}

// ------------------------------------------------------------------ documents
const documents = [];
const openEmitter = new EventEmitter();
const closeEmitter = new EventEmitter();
const changeEmitter = new EventEmitter();
const configEmitter = new EventEmitter();

function makeDocument(fsPath, text, languageId = "ptg") {
  const lines = text.split(/\r\n|\n/);
  return {
    uri: Uri.file(fsPath),
    fileName: fsPath,
    languageId,
    version: 1,
    isUntitled: false,
    isClosed: false,
    isDirty: false,
    eol: 1,
    lineCount: lines.length,
    getText() {
      return text;
    },
    lineAt(line) {
      return { text: lines[line], lineNumber: line };
    },
  };
}

function matchFilter(filter, document) {
  if (typeof filter === "string") return filter === document.languageId;
  if (filter.language && filter.language !== document.languageId) return false;
  if (filter.scheme && filter.scheme !== document.uri.scheme) return false;
  return true;
}

// ------------------------------------------------------------------ namespaces
const noop = () => new Disposable(() => {});
const eventStub = () => noop();

function permissive(target) {
  return new Proxy(target, {
    get(t, key) {
      if (key in t) return t[key];
      if (typeof key !== "string") return undefined;
      // onDidX / onWillX: an event; registerX / createX: a disposable.
      return (..._args) => noop();
    },
  });
}

const workspace = permissive({
  workspaceFolders: undefined,
  textDocuments: documents,
  notebookDocuments: [],
  onDidOpenTextDocument: openEmitter.event,
  onDidCloseTextDocument: closeEmitter.event,
  onDidChangeTextDocument: changeEmitter.event,
  onDidChangeConfiguration: configEmitter.event,
  getConfiguration(section) {
    return {
      get(key, defaultValue) {
        const full = section ? `${section}.${key}` : key;
        return settings.has(full) ? settings.get(full) : defaultValue;
      },
      has(key) {
        return settings.has(section ? `${section}.${key}` : key);
      },
      inspect() {
        return undefined;
      },
      update() {
        return Promise.resolve();
      },
    };
  },
  createFileSystemWatcher() {
    return {
      onDidCreate: eventStub,
      onDidChange: eventStub,
      onDidDelete: eventStub,
      ignoreCreateEvents: false,
      ignoreChangeEvents: false,
      ignoreDeleteEvents: false,
      dispose() {},
    };
  },
  applyEdit: () => Promise.resolve(true),
});

const window = permissive({
  activeTextEditor: undefined,
  visibleTextEditors: [],
  tabGroups: { all: [], onDidChangeTabs: eventStub, onDidChangeTabGroups: eventStub },
  createOutputChannel(name) {
    const line = (text) => {
      recorded.output.push(text);
      onChange();
    };
    return {
      name,
      append: line,
      appendLine: line,
      replace: line,
      clear() {},
      show() {},
      hide() {},
      dispose() {},
    };
  },
  showErrorMessage(message) {
    recorded.errors.push(message);
    onChange();
    return Promise.resolve(undefined);
  },
  showWarningMessage(message) {
    recorded.warnings.push(message);
    return Promise.resolve(undefined);
  },
  showInformationMessage(message) {
    recorded.infos.push(message);
    return Promise.resolve(undefined);
  },
  withProgress(_options, task) {
    return task({ report() {} }, new CancellationTokenSource().token);
  },
});

const languages = permissive({
  match(selector, document) {
    const filters = Array.isArray(selector) ? selector : [selector];
    return filters.some((f) => matchFilter(f, document)) ? 10 : 0;
  },
  createDiagnosticCollection(name) {
    const own = new Map();
    return {
      name,
      set(uri, diagnostics) {
        if (Array.isArray(uri)) {
          for (const [u, d] of uri) this.set(u, d);
          return;
        }
        own.set(uri.toString(), diagnostics || []);
        recorded.diagnostics.set(uri.toString(), diagnostics || []);
        recorded.diagnosticEvents.push({ uri: uri.toString(), diagnostics: diagnostics || [] });
        onChange();
      },
      delete(uri) {
        own.delete(uri.toString());
        recorded.diagnostics.delete(uri.toString());
        onChange();
      },
      clear() {
        for (const key of own.keys()) recorded.diagnostics.delete(key);
        own.clear();
        onChange();
      },
      get(uri) {
        return own.get(uri.toString());
      },
      has(uri) {
        return own.has(uri.toString());
      },
      forEach(fn) {
        own.forEach((d, u) => fn(Uri.parse(u), d, this));
      },
      dispose() {
        this.clear();
      },
    };
  },
});

const commands = permissive({
  registerCommand(id, fn) {
    recorded.commands.set(id, fn);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand(id, ...args) {
    recorded.executed.push([id, ...args]);
    const fn = recorded.commands.get(id);
    return Promise.resolve(fn ? fn(...args) : undefined);
  },
});

const env = {
  language: "zh-cn",
  appName: "Visual Studio Code",
  appRoot: "",
  machineId: "smoke-test",
  sessionId: "smoke-test",
  uriScheme: "vscode",
  openExternal: () => Promise.resolve(true),
};

const known = {
  version: "1.82.0",
  env,
  workspace,
  window,
  languages,
  commands,
  extensions: permissive({ all: [], getExtension: () => undefined }),
  Disposable,
  EventEmitter,
  CancellationTokenSource,
  CancellationError,
  Uri,
  Position,
  Range,
  Location,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  MarkdownString,
  RelativePattern,
  CodeActionKind,
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  // Test controls, not part of the VS Code API.
  __test: {
    recorded,
    settings,
    documents,
    makeDocument,
    openDocument(doc) {
      documents.push(doc);
      openEmitter.fire(doc);
    },
    changeConfiguration(keys) {
      configEmitter.fire({ affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(section + ".")) });
    },
    /** Resolves when `pred()` holds, checked after every recorded event. */
    waitFor(pred, timeoutMs, describe) {
      return new Promise((resolve, reject) => {
        const check = () => {
          let value;
          try {
            value = pred();
          } catch (err) {
            value = undefined;
          }
          if (value) {
            clearTimeout(timer);
            listeners.splice(listeners.indexOf(check), 1);
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          listeners.splice(listeners.indexOf(check), 1);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
        }, timeoutMs);
        listeners.push(check);
        check();
      });
    },
  },
};

const classes = new Map();
module.exports = new Proxy(known, {
  get(target, key) {
    if (key in target) return target[key];
    if (typeof key !== "string") return undefined;
    if (key === "__esModule") return false;
    if (/^[A-Z]/.test(key)) {
      // Kinds and tags are enums; everything else capitalised is a class.
      if (/(Kind|Tag|Severity|Trigger|TriggerKind|Mode|Behavior|Reason|Location|Target|Type|Status|State)$/.test(key)) {
        if (!classes.has(key)) classes.set(key, genericEnum());
      } else if (!classes.has(key)) {
        classes.set(key, genericClass(key));
      }
      return classes.get(key);
    }
    return undefined;
  },
});

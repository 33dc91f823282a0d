#!/usr/bin/env bash
# Builds, tests and packages the VS Code extension. Only `npm ci` uses the network (the
# registry, for the versions pinned in package-lock.json); everything after it is offline.
#
#   PTG_BIN=target/release/ptg editors/vscode/ci.sh
#
# PTG_BIN is the `ptg` binary under test (build it first: cargo build --release -p ptg_cli);
# without it the tests use the newer of target/release/ptg and target/debug/ptg, and fail
# when there is neither.
set -euo pipefail

# PTG_BIN may be relative to the caller's directory.
if [[ -n "${PTG_BIN:-}" ]]; then
  PTG_BIN="$(cd "$(dirname "$PTG_BIN")" && pwd)/$(basename "$PTG_BIN")"
  export PTG_BIN
fi
cd "$(dirname "${BASH_SOURCE[0]}")"

default_bin="the newer of ../../target/release/ptg and ../../target/debug/ptg"
echo "== node $(node --version), npm $(npm --version), ptg: ${PTG_BIN:-$default_bin}"

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== npm run compile"
npm run compile

echo "== npm test (grammar tests, ptg lsp through vscode-languageserver-protocol, snippets, server lookup)"
npm test

echo "== vsce package"
rm -f ptg-*.vsix
npx --no vsce package </dev/null
shopt -s nullglob
vsix=(ptg-*.vsix)
if [[ ${#vsix[@]} -ne 1 || ! -s ${vsix[0]} ]]; then
  echo "ci.sh: vsce did not produce exactly one non-empty ptg-*.vsix" >&2
  exit 1
fi

echo "== smoke test of ${vsix[0]}: the packaged extension starts ptg lsp and shows diagnostics"
PTG_VSIX="$PWD/${vsix[0]}" npm run test:vsix

echo "== ok: editors/vscode/${vsix[0]} ($(wc -c <"${vsix[0]}") bytes)"

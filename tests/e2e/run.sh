#!/usr/bin/env bash
# End-to-end tests of `ptg lsp` in two real editors driven headless:
#   Neovim (tests/e2e/nvim/test.lua; speaks UTF-16) and
#   Emacs with its built-in eglot (tests/e2e/emacs/test.el; negotiates UTF-32/UTF-8).
#
# Usage: tests/e2e/run.sh [PTG_BIN]
#   PTG_BIN defaults to target/release/ptg, else target/debug/ptg (relative to the repo).
#   Install the editors first with tests/e2e/install.sh.
# Environment: PTG_E2E_TIMEOUT (seconds per editor run, default 120),
#              PTG_E2E_KEEP=1 keeps the temporary directory even when everything passed.
#
# Prints one `PASS|FAIL <editor>:<check> <detail>` line per check, `INFO` lines (negotiated
# encodings), and a final `N passed, N failed` line; exits 1 if any check failed.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
timeout_s=${PTG_E2E_TIMEOUT:-120}

bin=${1:-}
if [ -z "$bin" ]; then
  if [ -x "$root/target/release/ptg" ]; then bin=$root/target/release/ptg; else bin=$root/target/debug/ptg; fi
fi
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'PASS %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
summary() { printf '%d passed, %d failed\n' "$passed" "$failed"; [ "$failed" -eq 0 ]; exit $?; }

nvim_checks="nvim:diagnostic-range nvim:completion nvim:quick-fix nvim:format nvim:close-clears"
emacs_checks="emacs:encoding emacs:diagnostic-range emacs:completion emacs:quick-fix emacs:format emacs:close-clears"

if ! [ -x "$bin" ] || ! "$bin" lsp --help >/dev/null 2>&1; then
  for c in $nvim_checks $emacs_checks; do fail "$c ($bin lsp is not available)"; done
  summary
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ptg-e2e.XXXXXX")
fixture=$here/fixtures/project.ptg
echo "ptg e2e: binary $bin; work dir $work"

# Expected texts, from the CLI on the same input.
mkdir -p "$work/cli"
if ! (cd "$work/cli" && "$bin" fmt - --stdin-filepath x.ptg <"$fixture" >"$work/expected-fmt.ptg"); then
  echo "ptg e2e: \`ptg fmt - --stdin-filepath x.ptg\` failed" >&2
fi
cp "$fixture" "$work/cli/x.ptg"
(cd "$work/cli" && "$bin" check --fix --select satisfaction-needs-lower-bound x.ptg >/dev/null 2>&1)
cp "$work/cli/x.ptg" "$work/expected-fix.ptg"
if cmp -s "$fixture" "$work/expected-fix.ptg"; then
  echo "ptg e2e: warning: \`ptg check --fix --select satisfaction-needs-lower-bound\` changed nothing" >&2
fi

# run_editor NAME "CHECKS" COMMAND… — runs one editor in a fresh directory with a fresh copy
# of the fixture, then turns its results file into PASS/FAIL lines.
run_editor() {
  local name=$1 checks=$2
  shift 2
  local dir=$work/$name
  mkdir -p "$dir/out" "$dir/home" "$dir/xdg/cache" "$dir/xdg/state" "$dir/xdg/data" "$dir/xdg/config"
  cp "$fixture" "$dir/project.ptg"
  : >"$dir/results"
  local rc=0
  if ! command -v "$1" >/dev/null 2>&1; then
    for c in $checks; do fail "$c ($1 is not installed: run tests/e2e/install.sh)"; done
    return
  fi
  (cd "$dir" && env HOME="$dir/home" \
      XDG_CACHE_HOME="$dir/xdg/cache" XDG_STATE_HOME="$dir/xdg/state" \
      XDG_DATA_HOME="$dir/xdg/data" XDG_CONFIG_HOME="$dir/xdg/config" \
      PTG_BIN="$bin" PTG_E2E_FILE="$dir/project.ptg" \
      PTG_E2E_FMT="$work/expected-fmt.ptg" PTG_E2E_FIX="$work/expected-fix.ptg" \
      PTG_E2E_RESULTS="$dir/results" PTG_E2E_OUT="$dir/out" \
      timeout -k 10 "$timeout_s" "$@" </dev/null >"$dir/editor.log" 2>&1) || rc=$?
  local line status check detail
  while IFS= read -r line; do
    status=${line%% *}
    case $status in
      PASS) pass "${line#PASS }" ;;
      FAIL) fail "${line#FAIL }" ;;
      INFO) printf '%s\n' "$line" ;;
    esac
  done <"$dir/results"
  local why="the editor exited with status $rc"
  [ "$rc" -eq 124 ] && why="the editor timed out after ${timeout_s}s"
  for check in $checks; do
    grep -q "^\(PASS\|FAIL\) $check " "$dir/results" || fail "$check (no result: $why)"
  done
  if [ "$rc" -ne 0 ] || grep -q '^FAIL' "$dir/results"; then
    echo "---- $name: last lines of $dir/editor.log (exit status $rc)"
    tail -n 20 "$dir/editor.log"
    for f in "$dir"/out/*formatted.ptg "$dir"/out/*fixed.ptg; do
      [ -f "$f" ] || continue
      case $f in *formatted.ptg) exp=$work/expected-fmt.ptg ;; *) exp=$work/expected-fix.ptg ;; esac
      echo "---- diff expected (CLI) vs $name: $f"
      diff -u "$exp" "$f" | head -n 40
    done
    echo "----"
  fi
}

run_editor nvim "$nvim_checks" nvim --headless --clean -u NONE -c "luafile $here/nvim/test.lua"
run_editor emacs "$emacs_checks" emacs -Q --batch -l "$here/emacs/test.el"

if [ "$failed" -eq 0 ] && [ "${PTG_E2E_KEEP:-0}" != 1 ]; then
  rm -rf "$work"
else
  echo "ptg e2e: kept $work"
fi
summary

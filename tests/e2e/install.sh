#!/usr/bin/env bash
# Installs the two editors the end-to-end tests drive headless:
#   - Neovim from Debian bookworm (0.7.2; speaks UTF-16 only)
#   - Emacs 30 (emacs-nox, built-in eglot 1.17) from bookworm-backports (negotiates
#     utf-32 / utf-8 / utf-16)
# Idempotent: skips an editor that is already installed at a suitable version.
# Leaves /etc/apt untouched: bookworm-backports is read through a private source list and
# a private lists directory (apt -o Dir::Etc::sourcelist=… -o Dir::State::Lists=…).
# Works as root (CI containers) or through sudo when run as another user.
set -euo pipefail

log() { printf 'install.sh: %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  log "need root (or sudo) to install packages"; exit 2
fi
export DEBIAN_FRONTEND=noninteractive

need_nvim=1
if command -v nvim >/dev/null 2>&1; then
  log "neovim already installed: $(nvim --version | head -n1) — skipping"
  need_nvim=0
fi

emacs_major() { emacs --batch --eval '(princ emacs-major-version)' 2>/dev/null || echo 0; }
need_emacs=1
if command -v emacs >/dev/null 2>&1 && [ "$(emacs_major)" -ge 29 ]; then
  log "emacs already installed: $(emacs --version | head -n1) (built-in eglot) — skipping"
  need_emacs=0
fi

if [ "$need_nvim" -eq 0 ] && [ "$need_emacs" -eq 0 ]; then
  log "nothing to do"; exit 0
fi

if [ "$need_nvim" -eq 1 ]; then
  log "installing neovim from bookworm"
  "${SUDO[@]}" apt-get update -qq || log "apt-get update reported errors (continuing)"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends neovim
  log "installed $(nvim --version | head -n1)"
fi

if [ "$need_emacs" -eq 1 ]; then
  # Same mirror as the machine's Debian source (deb822 or one-line format).
  mirror=""
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    mirror=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ && $2 !~ /security/ {print $2; exit}' "$f")
    [ -n "$mirror" ] && break
  done
  if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
    mirror=$(awk '$1=="deb" && $0 ~ /bookworm/ && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  mirror=${mirror:-http://deb.debian.org/debian}
  mirror=${mirror%/}
  state=${PTG_E2E_APT_DIR:-/var/tmp/ptg-e2e-apt}
  "${SUDO[@]}" mkdir -p "$state/lists/partial" "$state/sources.list.d"
  printf '%s\n' \
    "deb $mirror bookworm main" \
    "deb $mirror bookworm-updates main" \
    "deb $mirror bookworm-backports main" \
    | "${SUDO[@]}" tee "$state/sources.list" >/dev/null
  if [ -f /etc/apt/sources.list.d/debian.sources ] && grep -q debian-security /etc/apt/sources.list.d/debian.sources; then
    sec=$(awk '/^URIs:/ && $2 ~ /debian-security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    echo "deb ${sec%/} bookworm-security main" | "${SUDO[@]}" tee -a "$state/sources.list" >/dev/null
  fi
  APT_PRIVATE=(-o "Dir::Etc::sourcelist=$state/sources.list"
               -o "Dir::Etc::sourceparts=$state/sources.list.d"
               -o "Dir::State::Lists=$state/lists")
  log "installing emacs-nox from bookworm-backports (mirror $mirror; private apt lists in $state)"
  "${SUDO[@]}" apt-get "${APT_PRIVATE[@]}" update -qq
  "${SUDO[@]}" apt-get "${APT_PRIVATE[@]}" install -y -qq --no-install-recommends \
    -t bookworm-backports emacs-nox
  log "installed $(emacs --version | head -n1)"
fi
log "done"

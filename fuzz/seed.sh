#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and examples (and the spec's
# normative examples when ../shared/spec/examples exists). Safe to re-run: files are
# named by content hash, so nothing the fuzzer added is lost.
#
#   fuzz/seed.sh            # all four targets
set -euo pipefail
cd "$(dirname "$0")/.."

sources() {
  find tests/parser tests/lint tests/fmt tests/ide tests/hostile/inputs tests/fuzz-regressions \
    examples ../shared/spec/examples -type f \( -name '*.ptg' -o -path '*fuzz-regressions/parse/*' \
    -o -path '*fuzz-regressions/format/*' -o -path '*fuzz-regressions/lint/*' \) \
    ! -name README.md -size -64k 2>/dev/null | sort
}

add() { # target file-with-content
  local dir="fuzz/corpus/$1" name
  mkdir -p "$dir"
  name=$(sha1sum "$2" | cut -c1-40)
  cp "$2" "$dir/$name"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
count=0
while IFS= read -r file; do
  for target in parse format lint; do add "$target" "$file"; done
  # lsp: the text (its first 768 bytes, so that the script survives -max_len=1024), 0xFF,
  # then a script: 192 bytes derived from the file's hash, so that every seed opens its
  # document and already runs a few operations.
  {
    head -c 768 "$file"
    printf '\xff'
    for salt in a b c; do
      { cat "$file"; echo "$salt"; } | sha512sum | cut -c1-128 | xxd -r -p
    done
  } >"$tmp"
  add lsp "$tmp"
  count=$((count + 1))
done < <(sources)
if [ -d tests/fuzz-regressions/lsp ]; then
  for file in tests/fuzz-regressions/lsp/*; do
    [ "$(basename "$file")" = README.md ] || add lsp "$file"
  done
fi
echo "seeded fuzz/corpus/{parse,format,lint,lsp} from $count files"

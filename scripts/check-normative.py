#!/usr/bin/env python3
"""Compare `ptg check --output-format json` on the normative examples with their `.expected`.

Usage: scripts/check-normative.py PTG_BINARY EXAMPLES_DIR

LANGUAGE.md: the linter's output, restricted to severity info and above, must equal the
`.expected` lines as a set of (LINE, RULE) pairs: nothing missing, nothing extra.
"""
import json
import pathlib
import subprocess
import sys

REPORTED = {"info", "warning", "error"}


def main() -> int:
    binary, examples = sys.argv[1], pathlib.Path(sys.argv[2])
    paths = sorted(examples.glob("*.ptg"))
    if not paths:
        print(f"no examples in {examples}", file=sys.stderr)
        return 2
    failures = 0
    for path in paths:
        expected = set()
        for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row, rule = line.split()
            expected.add((int(row), rule))
        proc = subprocess.run(
            [binary, "check", "--isolated", "--output-format", "json", str(path)],
            capture_output=True,
            check=False,
        )
        if proc.returncode not in (0, 1):
            print(f"FAIL {path.name}: exit {proc.returncode}: {proc.stderr.decode()}")
            failures += 1
            continue
        actual = {
            (entry["location"]["row"], entry["rule"])
            for entry in json.loads(proc.stdout)
            if entry["severity"] in REPORTED
        }
        if actual == expected:
            print(f"ok   {path.name} ({len(expected)} findings)")
        else:
            failures += 1
            print(f"FAIL {path.name}")
            for row, rule in sorted(expected - actual):
                print(f"     missing {row} {rule}")
            for row, rule in sorted(actual - expected):
                print(f"     extra   {row} {rule}")
    print(f"{len(paths) - failures}/{len(paths)} normative examples match")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

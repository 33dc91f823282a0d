//! A small line-based unified diff (Myers' algorithm) for `ptg check --diff`.

use std::fmt::Write as _;

/// Lines of context around each change.
const CONTEXT: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Line `old` of the old text equals line `new` of the new text.
    Equal {
        old: usize,
        new: usize,
    },
    Delete {
        old: usize,
    },
    Insert {
        new: usize,
    },
}

/// The lines of `text`, each with its line terminator.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The edit script turning `a` into `b`: common prefix and suffix, and Myers' shortest
/// edit script for the middle.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Equal { old: i, new: i }).collect();
    let mid_a = &a[prefix..a.len() - suffix];
    let mid_b = &b[prefix..b.len() - suffix];
    ops.extend(myers(mid_a, mid_b).into_iter().map(|op| match op {
        Op::Equal { old, new } => Op::Equal {
            old: old + prefix,
            new: new + prefix,
        },
        Op::Delete { old } => Op::Delete { old: old + prefix },
        Op::Insert { new } => Op::Insert { new: new + prefix },
    }));
    let (old_tail, new_tail) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|i| Op::Equal {
        old: old_tail + i,
        new: new_tail + i,
    }));
    ops
}

/// Myers' O(ND) shortest edit script.
fn myers(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = n + m;
    if max == 0 {
        return Vec::new();
    }
    let offset = max as usize;
    let mut v = vec![0isize; 2 * offset + 2];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'outer: for d in 0..=max {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + max) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                break 'outer;
            }
            k += 2;
        }
    }
    // Walk back through the trace.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let idx = |k: isize| (k + max) as usize;
        let prev_k = if k == -d || (k != d && v[idx(k - 1)] < v[idx(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[idx(prev_k)];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Equal {
                old: (x - 1) as usize,
                new: (y - 1) as usize,
            });
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            if x == prev_x {
                ops.push(Op::Insert {
                    new: (y - 1) as usize,
                });
            } else {
                ops.push(Op::Delete {
                    old: (x - 1) as usize,
                });
            }
        }
        x = prev_x;
        y = prev_y;
    }
    ops.reverse();
    ops
}

/// `start,len` of a hunk side, as `diff -u` writes it.
fn hunk_range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// A unified diff of `old` → `new` with `name` in the headers; empty when they are equal.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a = lines(old);
    let b = lines(new);
    let ops = edit_script(&a, &b);
    let mut out = String::new();
    let _ = writeln!(out, "--- {name}");
    let _ = writeln!(out, "+++ {name}");
    // Group the changes into hunks with CONTEXT lines around them.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Equal { .. }))
        .map(|(i, _)| i)
        .collect();
    let mut idx = 0;
    while idx < changed.len() {
        let first = changed[idx];
        let mut last = first;
        while idx + 1 < changed.len() && changed[idx + 1] - last <= 2 * CONTEXT + 1 {
            idx += 1;
            last = changed[idx];
        }
        idx += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(ops.len());
        let hunk = &ops[start..end];
        // Where the hunk starts in each text: the first line it touches, or the line
        // after everything before it.
        let old_start = ops[..start]
            .iter()
            .filter(|op| !matches!(op, Op::Insert { .. }))
            .count();
        let new_start = ops[..start]
            .iter()
            .filter(|op| !matches!(op, Op::Delete { .. }))
            .count();
        let old_len = hunk
            .iter()
            .filter(|op| !matches!(op, Op::Insert { .. }))
            .count();
        let new_len = hunk
            .iter()
            .filter(|op| !matches!(op, Op::Delete { .. }))
            .count();
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            hunk_range(old_start, old_len),
            hunk_range(new_start, new_len)
        );
        for op in hunk {
            match *op {
                Op::Equal { old, .. } => push_line(&mut out, ' ', a[old]),
                Op::Delete { old } => push_line(&mut out, '-', a[old]),
                Op::Insert { new } => push_line(&mut out, '+', b[new]),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies the edit script to `a`: it must give `b`.
    fn replay(a: &str, b: &str) {
        let (la, lb) = (lines(a), lines(b));
        let ops = edit_script(&la, &lb);
        let mut rebuilt = String::new();
        let mut old_seen = 0;
        for op in ops {
            match op {
                Op::Equal { old, new } => {
                    assert_eq!(la[old], lb[new]);
                    assert_eq!(old, old_seen);
                    old_seen += 1;
                    rebuilt.push_str(lb[new]);
                }
                Op::Delete { old } => {
                    assert_eq!(old, old_seen);
                    old_seen += 1;
                }
                Op::Insert { new } => rebuilt.push_str(lb[new]),
            }
        }
        assert_eq!(old_seen, la.len());
        assert_eq!(rebuilt, b);
    }

    #[test]
    fn edit_scripts_rebuild_the_new_text() {
        let cases = [
            ("", ""),
            ("", "a\n"),
            ("a\n", ""),
            ("a\nb\nc\n", "a\nc\n"),
            ("a\nb\nc\n", "x\nb\ny\n"),
            ("a\nb\nc\nd\n", "d\nc\nb\na\n"),
            ("甲\n乙\n丙", "甲\n乙\n丁"),
        ];
        for (a, b) in cases {
            replay(a, b);
            replay(b, a);
        }
    }

    #[test]
    fn unified_diff_with_context_and_hunks() {
        let old: String = (1..=20).map(|i| format!("行{i}\n")).collect();
        let new = old.replace("行2\n", "第二行\n").replace("行18\n", "");
        let diff = unified("a.ptg", &old, &new);
        assert_eq!(
            diff,
            "--- a.ptg\n+++ a.ptg\n@@ -1,5 +1,5 @@\n 行1\n-行2\n+第二行\n 行3\n 行4\n 行5\n@@ -15,6 +15,5 @@\n 行15\n 行16\n 行17\n-行18\n 行19\n 行20\n"
        );
    }

    #[test]
    fn nearby_changes_share_a_hunk_and_missing_newline_is_marked() {
        let diff = unified("x", "a\nb\nc\n", "a\nB\nc");
        assert_eq!(
            diff,
            "--- x\n+++ x\n@@ -1,3 +1,3 @@\n a\n-b\n-c\n+B\n+c\n\\ No newline at end of file\n"
        );
        assert_eq!(unified("x", "same\n", "same\n"), "");
        assert_eq!(unified("x", "", "a\n"), "--- x\n+++ x\n@@ -0,0 +1 @@\n+a\n");
    }
}

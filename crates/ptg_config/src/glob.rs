//! Path patterns of `[[overrides]]`, matched against `/`-separated paths relative to the
//! directory holding `ptg.toml`.
//!
//! - `*` matches any run of characters within one path segment, `?` one character (a
//!   Chinese character is one character), `**` as a whole segment any number of segments;
//!   every other character matches itself, case-sensitively.
//! - A pattern without `/` (other than a trailing one) matches a name at any depth, like
//!   `.gitignore`: `*.ptg` matches `a.ptg` and `2023/b.ptg`. A pattern with `/` is anchored
//!   at the configuration directory; a leading `/` or `./` only anchors.
//! - A pattern that matches a directory matches everything under it: `2023`, `2023/` and
//!   `2023/**` all cover `2023/项目.ptg`. A trailing `/` matches directories only.

/// Why a pattern is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobError {
    Empty,
    /// `\` is not a separator; paths use `/`.
    Backslash,
    /// `..` would leave the configuration directory.
    ParentDir,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// `**`: any number of segments.
    AnyDepth,
    /// One segment with `*` and `?` wildcards.
    Pattern(Vec<char>),
}

/// A compiled path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    text: String,
    dir_only: bool,
    segments: Vec<Segment>,
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, GlobError> {
        if pattern.contains('\\') {
            return Err(GlobError::Backslash);
        }
        let mut rest = pattern;
        let mut anchored = false;
        loop {
            if let Some(r) = rest.strip_prefix("./") {
                rest = r;
                anchored = true;
            } else if let Some(r) = rest.strip_prefix('/') {
                rest = r;
                anchored = true;
            } else {
                break;
            }
        }
        let dir_only = rest.ends_with('/');
        let rest = rest.trim_end_matches('/');
        let parts: Vec<&str> = rest
            .split('/')
            .filter(|part| !part.is_empty() && *part != ".")
            .collect();
        if parts.is_empty() {
            return Err(GlobError::Empty);
        }
        if parts.contains(&"..") {
            return Err(GlobError::ParentDir);
        }
        anchored |= rest.contains('/');
        let mut segments = Vec::new();
        if !anchored {
            segments.push(Segment::AnyDepth);
        }
        for part in parts {
            let segment = if part == "**" {
                Segment::AnyDepth
            } else {
                Segment::Pattern(part.chars().collect())
            };
            // `**/**` is `**`.
            if segment == Segment::AnyDepth && segments.last() == Some(&Segment::AnyDepth) {
                continue;
            }
            segments.push(segment);
        }
        Ok(Glob {
            text: pattern.to_string(),
            dir_only,
            segments,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the file at `path` (relative, `/`-separated) is covered: the pattern matches
    /// the whole path or one of its directories.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        let segments: Vec<Vec<char>> = path
            .split('/')
            .filter(|part| !part.is_empty() && *part != ".")
            .map(|part| part.chars().collect())
            .collect();
        if segments.is_empty() {
            return false;
        }
        let last = if self.dir_only {
            segments.len() - 1
        } else {
            segments.len()
        };
        (1..=last).any(|len| match_segments(&self.segments, &segments[..len]))
    }
}

/// Whether `pattern` matches all of `path`.
fn match_segments(pattern: &[Segment], path: &[Vec<char>]) -> bool {
    // ok[j]: pattern[i..] matches path[j..], computed for i from the end.
    let n = path.len();
    let mut ok = vec![false; n + 1];
    ok[n] = true;
    for segment in pattern.iter().rev() {
        let mut next = vec![false; n + 1];
        match segment {
            Segment::AnyDepth => {
                let mut any = false;
                for j in (0..=n).rev() {
                    any |= ok[j];
                    next[j] = any;
                }
            }
            Segment::Pattern(chars) => {
                for j in 0..n {
                    next[j] = ok[j + 1] && match_chars(chars, &path[j]);
                }
            }
        }
        ok = next;
    }
    ok[0]
}

/// Wildcard match of one segment: `*` any run, `?` one character.
fn match_chars(pattern: &[char], text: &[char]) -> bool {
    let n = text.len();
    let mut ok = vec![false; n + 1];
    ok[n] = true;
    for ch in pattern.iter().rev() {
        let mut next = vec![false; n + 1];
        match ch {
            '*' => {
                let mut any = false;
                for j in (0..=n).rev() {
                    any |= ok[j];
                    next[j] = any;
                }
            }
            '?' => next[..n].copy_from_slice(&ok[1..]),
            c => {
                for j in 0..n {
                    next[j] = ok[j + 1] && text[j] == *c;
                }
            }
        }
        ok = next;
    }
    ok[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches(path)
    }

    #[test]
    fn stars_and_depth() {
        assert!(m("2023/**", "2023/a.ptg"));
        assert!(m("2023/**", "2023/x/y/a.ptg"));
        assert!(!m("2023/**", "2024/a.ptg"));
        assert!(m("2023/*.ptg", "2023/a.ptg"));
        assert!(!m("2023/*.ptg", "2023/x/a.ptg"));
        assert!(m("**/旧/*.ptg", "a/b/旧/项目.ptg"));
        assert!(m("**/旧/*.ptg", "旧/项目.ptg"));
        assert!(m("a/**/b.ptg", "a/b.ptg"));
        assert!(m("a/**/b.ptg", "a/x/y/b.ptg"));
        assert!(m("项目?.ptg", "项目1.ptg"));
        assert!(m("项目?.ptg", "深/层/项目甲.ptg"));
        assert!(!m("项目?.ptg", "项目12.ptg"));
        assert!(m("*.ptg", "a/b/c.ptg"));
        assert!(m("**", "a/b/c.ptg"));
        assert!(m("*a*b*", "xaybz"));
        assert!(!m("*a*b*", "xbya"));
    }

    #[test]
    fn directories_and_anchoring() {
        assert!(m("2023", "2023/a.ptg"));
        assert!(m("2023/", "2023/a.ptg"));
        assert!(!m("2023/", "2023"));
        assert!(m("2023", "x/2023/a.ptg"));
        assert!(!m("/2023", "x/2023/a.ptg"));
        assert!(m("./2023", "2023/a.ptg"));
        assert!(!m("a/b", "x/a/b"));
        assert!(m("a/b", "a/b/c.ptg"));
        assert!(m("单位/财政局.ptg", "./单位/财政局.ptg"));
        assert!(m("单位/财政局.ptg", "单位\\财政局.ptg"));
        assert!(!m("单位/财政局.ptg", "单位/财政局.ptg.bak"));
    }

    #[test]
    fn bad_patterns() {
        assert_eq!(Glob::new(""), Err(GlobError::Empty));
        assert_eq!(Glob::new("./"), Err(GlobError::Empty));
        assert_eq!(Glob::new("../x"), Err(GlobError::ParentDir));
        assert_eq!(Glob::new("a\\b"), Err(GlobError::Backslash));
    }
}

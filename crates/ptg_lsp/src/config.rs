//! Finding `ptg.toml` for a document, exactly as the CLI does: the closest one upward from
//! the document's directory wins, and `[[overrides]]` match the document's '/'-separated
//! path relative to the directory holding it.
//!
//! Only `file:` URIs are looked up; nothing but files named `ptg.toml` is ever read. Loaded
//! files are cached per directory until [`ConfigCache::clear`] (a watched-file event, a save
//! or `workspace/didChangeConfiguration`).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use ptg_diagnostics::{Diagnostic, Lang};
use ptg_lint::LintSettings;
use tower_lsp_server::lsp_types::Uri;
use tower_lsp_server::UriExt;

/// A loaded `ptg.toml`.
pub struct Loaded {
    pub path: PathBuf,
    /// The directory holding it: paths in `[[overrides]]` are relative to it.
    pub dir: PathBuf,
    pub text: String,
    pub config: ptg_config::Config,
    /// Problems in the file, in the language it asks for (else the server's).
    pub diagnostics: Vec<Diagnostic>,
}

/// Which configuration governs a document: the file's path and text, or none. Settings are
/// recomputed only for documents whose fingerprint changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint(Option<(PathBuf, String)>);

#[derive(Default)]
pub struct ConfigCache {
    /// The configuration governing each directory seen so far.
    by_dir: HashMap<PathBuf, Option<Arc<Loaded>>>,
    /// Configuration files that could not be read, for a message to the user.
    problems: Vec<String>,
}

/// The local path of a `file:` URI; `None` for any other scheme or a relative path.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri
        .scheme()
        .is_some_and(|scheme| scheme.as_str().eq_ignore_ascii_case("file"))
    {
        return None;
    }
    let path = uri.to_file_path()?;
    if !path.is_absolute() {
        return None;
    }
    // Drop `.` components as the CLI does; `..` is kept as written.
    Some(
        path.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect(),
    )
}

/// Whether `uri` names a configuration file.
pub fn is_config_uri(uri: &Uri) -> bool {
    uri.path()
        .as_str()
        .rsplit('/')
        .next()
        .is_some_and(|name| name == ptg_config::FILE_NAME)
}

impl ConfigCache {
    /// Forgets every loaded file; the next lookups read them again.
    pub fn clear(&mut self) {
        self.by_dir.clear();
    }

    /// Problems reading configuration files since the last call.
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    /// Every configuration file loaded since the last [`clear`](Self::clear).
    pub fn loaded(&self) -> Vec<Arc<Loaded>> {
        let mut seen: Vec<Arc<Loaded>> = Vec::new();
        for loaded in self.by_dir.values().flatten() {
            if !seen.iter().any(|it| it.path == loaded.path) {
                seen.push(loaded.clone());
            }
        }
        seen.sort_by(|a, b| a.path.cmp(&b.path));
        seen
    }

    /// Lint settings for the document at `uri`: its `ptg.toml`'s when it has one (message
    /// language from the file, else `default_lang`), the defaults otherwise.
    pub fn settings_for(&mut self, uri: &Uri, default_lang: Lang) -> (LintSettings, Fingerprint) {
        let defaults = LintSettings {
            lang: default_lang,
            ..LintSettings::default()
        };
        let Some(path) = file_path(uri) else {
            return (defaults, Fingerprint::default());
        };
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        let Some(loaded) = self.discover(&dir, default_lang) else {
            return (defaults, Fingerprint::default());
        };
        let relative = ptg_config::discovery::relative_path(&path, &loaded.dir);
        let mut settings = loaded.config.settings_for(&relative);
        settings.lang = loaded.config.lang().unwrap_or(default_lang);
        let fingerprint = Fingerprint(Some((loaded.path.clone(), loaded.text.clone())));
        (settings, fingerprint)
    }

    /// The closest `ptg.toml` at or above `dir`.
    fn discover(&mut self, dir: &Path, default_lang: Lang) -> Option<Arc<Loaded>> {
        let problems = &mut self.problems;
        ptg_config::discovery::closest(&mut self.by_dir, dir, |candidate| {
            // An unreadable file counts as none (as in the CLI) and is reported.
            match load(candidate, default_lang) {
                Ok(loaded) => Some(Arc::new(loaded)),
                Err(problem) => {
                    problems.push(problem);
                    None
                }
            }
        })
    }
}

/// Reads and parses one configuration file.
fn load(path: &Path, default_lang: Lang) -> Result<Loaded, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|err| match default_lang {
        Lang::Zh => format!("无法读取配置文件 {shown}：{err}；使用默认设置"),
        Lang::En => format!("cannot read configuration file {shown}: {err}; using the defaults"),
    })?;
    let bytes = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .map_or(bytes.clone(), <[u8]>::to_vec);
    let text = String::from_utf8(bytes).map_err(|_| match default_lang {
        Lang::Zh => format!("配置文件 {shown} 不是 UTF-8 编码；使用默认设置"),
        Lang::En => format!("configuration file {shown} is not UTF-8; using the defaults"),
    })?;
    let (mut config, mut diagnostics) = ptg_config::parse(&text, default_lang);
    if let Some(file_lang) = config.lang() {
        if file_lang != default_lang {
            // Report the file's problems in the language it asks for.
            (config, diagnostics) = ptg_config::parse(&text, file_lang);
        }
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Loaded {
        path: path.to_path_buf(),
        dir,
        text,
        config,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn only_absolute_file_uris_have_paths() {
        let file = Uri::from_str("file:///tmp/%E9%A1%B9%E7%9B%AE/a.ptg").unwrap();
        assert_eq!(file_path(&file), Some(PathBuf::from("/tmp/项目/a.ptg")));
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(file_path(&untitled), None);
        let http = Uri::from_str("https://example.com/a.ptg").unwrap();
        assert_eq!(file_path(&http), None);
        assert!(is_config_uri(&Uri::from_str("file:///w/ptg.toml").unwrap()));
        assert!(!is_config_uri(&Uri::from_str("file:///w/a.ptg").unwrap()));
    }
}

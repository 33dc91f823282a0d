//! Finding and loading `ptg.toml`: the closest one upward from each file's directory
//! (cached per directory), one given with `--config`, or none with `--isolated`.
//! Each configuration file is read and reported once.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use ptg_diagnostics::Lang;
use ptg_lint::LintSettings;

use crate::check::{io_reason, EXIT_OK};
use crate::render::FileReport;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChoice {
    /// Look for `ptg.toml` upward from each file.
    Discover,
    /// `--config PATH`: this file for every document.
    File(PathBuf),
    /// `--isolated`: defaults only.
    Isolated,
}

/// A loaded configuration file.
struct Loaded {
    /// The directory holding it: paths in `[[overrides]]` are relative to it.
    dir: PathBuf,
    config: ptg_config::Config,
}

pub struct Resolver {
    choice: ConfigChoice,
    /// The command line's language and whether it was given explicitly.
    lang: Lang,
    lang_explicit: bool,
    cwd: Option<PathBuf>,
    explicit: Option<Rc<Loaded>>,
    /// The configuration governing each directory seen so far.
    by_dir: HashMap<PathBuf, Option<Rc<Loaded>>>,
    /// The language of the first configuration that sets one.
    first_lang: Option<Lang>,
    reports: Vec<FileReport>,
    problems: Vec<String>,
}

/// A path without `.` components (`..` kept as written).
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

impl Resolver {
    pub fn new(choice: ConfigChoice, lang: Lang, lang_explicit: bool) -> Resolver {
        Resolver {
            choice,
            lang,
            lang_explicit,
            cwd: std::env::current_dir().ok(),
            explicit: None,
            by_dir: HashMap::new(),
            first_lang: None,
            reports: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Loads the `--config` file, if any. `Err` when it cannot be read: nothing should be
    /// checked then.
    pub fn load_explicit(&mut self) -> Result<(), String> {
        if let ConfigChoice::File(path) = &self.choice {
            let path = path.clone();
            match self.load(&path) {
                Some(loaded) => self.explicit = Some(loaded),
                None => return Err(self.problems.pop().unwrap_or_default()),
            }
        }
        Ok(())
    }

    /// Reports on configuration files loaded since the last call (their diagnostics) and
    /// problems reading them.
    pub fn drain(&mut self) -> (Vec<FileReport>, Vec<String>) {
        (
            std::mem::take(&mut self.reports),
            std::mem::take(&mut self.problems),
        )
    }

    /// The language `ptg.toml` asks for, when the command line did not choose one.
    pub fn preferred_lang(&self) -> Option<Lang> {
        self.first_lang
    }

    fn display(&self, path: &Path) -> String {
        let shown = self
            .cwd
            .as_deref()
            .and_then(|cwd| path.strip_prefix(cwd).ok())
            .filter(|rel| !rel.as_os_str().is_empty())
            .unwrap_or(path);
        shown.display().to_string()
    }

    /// Reads and parses one configuration file, queueing its diagnostics.
    fn load(&mut self, path: &Path) -> Option<Rc<Loaded>> {
        let abs = absolute(path);
        let shown = self.display(&abs);
        let bytes = match std::fs::read(&abs) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.problems.push(match self.lang {
                    Lang::Zh => format!("无法读取配置文件 {shown}：{}", io_reason(&err, self.lang)),
                    Lang::En => format!(
                        "cannot read configuration file {shown}: {}",
                        io_reason(&err, self.lang)
                    ),
                });
                return None;
            }
        };
        let bytes = bytes
            .strip_prefix(&[0xEF, 0xBB, 0xBF])
            .map_or(bytes.clone(), <[u8]>::to_vec);
        let Ok(text) = String::from_utf8(bytes) else {
            self.problems.push(match self.lang {
                Lang::Zh => format!("配置文件 {shown} 不是 UTF-8 编码"),
                Lang::En => format!("configuration file {shown} is not UTF-8"),
            });
            return None;
        };
        let (mut config, mut diagnostics) = ptg_config::parse(&text, self.lang);
        if let Some(file_lang) = config.lang() {
            if !self.lang_explicit && file_lang != self.lang {
                // Report the file's problems in the language it asks for.
                (config, diagnostics) = ptg_config::parse(&text, file_lang);
            }
            self.first_lang.get_or_insert(file_lang);
        }
        if !diagnostics.is_empty() {
            self.reports.push(FileReport {
                filename: shown,
                text: Some(text),
                diagnostics,
            });
        }
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        Some(Rc::new(Loaded { dir, config }))
    }

    /// The closest `ptg.toml` at or above `dir`.
    fn discover(&mut self, dir: &Path) -> Option<Rc<Loaded>> {
        let mut by_dir = std::mem::take(&mut self.by_dir);
        let found =
            ptg_config::discovery::closest(&mut by_dir, dir, |candidate| self.load(candidate));
        self.by_dir = by_dir;
        found
    }

    /// Lint settings for the document at `path` (for stdin: `--stdin-filepath`, or `-`
    /// meaning the current directory).
    pub fn settings_for(&mut self, path: &Path) -> LintSettings {
        let abs = absolute(path);
        let loaded = match &self.choice {
            ConfigChoice::Isolated => None,
            ConfigChoice::File(_) => self.explicit.clone(),
            ConfigChoice::Discover => {
                let dir = abs.parent().unwrap_or(Path::new("/")).to_path_buf();
                self.discover(&dir)
            }
        };
        let Some(loaded) = loaded else {
            return LintSettings {
                lang: self.lang,
                ..LintSettings::default()
            };
        };
        let relative = ptg_config::discovery::relative_path(&abs, &loaded.dir);
        let mut settings = loaded.config.settings_for(&relative);
        settings.lang = loaded.config.lang().unwrap_or(self.lang);
        settings
    }
}

/// `ptg config --schema`.
pub fn print_schema(out: &mut dyn Write) -> io::Result<u8> {
    let schema = ptg_config::json_schema();
    out.write_all(schema.as_bytes())?;
    if !schema.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(EXIT_OK)
}

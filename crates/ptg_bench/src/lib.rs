//! Performance work for ptg: a deterministic, seeded generator of realistic `.ptg` corpora
//! (and of the same records as TOML, for a peer comparison with taplo).
//!
//! The generator imitates the seed tables in `../shared/seeds/` (see `generate.rs`): five
//! layouts, the value forms authors type, Chinese names, and each seed's share of defective
//! projects (DOMAIN.md §5). Output depends on the seed alone.
//!
//! - [`single_file`]: one file of about `lines` lines (a city's collection under one
//!   header), as PTG or TOML.
//! - [`corpus_file`]: file `i` of a multi-file corpus (one county department's table).
//!
//! The tools are the examples `ptg-corpus` (the generator's command line) and
//! `ptg-lsp-latency`; the micro-benchmarks are `benches/pipeline.rs`. See
//! docs/performance.md.

pub mod generate;
pub mod records;
pub mod rng;
mod vocab;
pub mod write_ptg;
pub mod write_toml;

use std::io::{self, Write};
use std::path::Path;

pub use generate::{corpus_file, GeneratedFile, Layout, SingleFile};
pub use records::Document;

/// The output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Ptg,
    Toml,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Ptg => "ptg",
            Format::Toml => "toml",
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    /// Lines of the PTG rendering (also when TOML was written: the same records).
    pub ptg_lines: usize,
    /// Bytes written (of the format asked for).
    pub bytes: usize,
    pub departments: usize,
    pub projects: usize,
    /// Projects the generator gave at least one warning- or error-level defect.
    pub defective_projects: usize,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.files += other.files;
        self.ptg_lines += other.ptg_lines;
        self.bytes += other.bytes;
        self.departments += other.departments;
        self.projects += other.projects;
        self.defective_projects += other.defective_projects;
    }
}

fn count_projects(dept: &records::Department) -> (usize, usize) {
    let projects = dept
        .units
        .iter()
        .flat_map(|u| u.projects.iter())
        .chain(dept.projects.iter());
    projects.fold((0, 0), |(n, bad), p| {
        (n + 1, bad + usize::from(!p.defects.is_empty()))
    })
}

fn lines(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count()
}

/// Writes one file of at least `target_lines` PTG lines (it stops after the project that
/// reaches the target, then closes its department) to `out`.
pub fn write_single(
    seed: u64,
    target_lines: usize,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Stats> {
    let mut file = SingleFile::new(seed);
    let header = file.header();
    let mut ptg = String::new();
    write_ptg::header(&mut ptg, &header);
    let mut chunk = String::new();
    match format {
        Format::Ptg => chunk.push_str(&ptg),
        Format::Toml => write_toml::header(&mut chunk, &header),
    }
    out.write_all(chunk.as_bytes())?;
    let mut stats = Stats {
        files: 1,
        ptg_lines: lines(&ptg),
        bytes: chunk.len(),
        ..Stats::default()
    };
    // A project is about 55 lines: leave room for the department's other lines.
    while stats.ptg_lines < target_lines {
        let left = target_lines - stats.ptg_lines;
        let dept = file.next_department(left / 55 + 1);
        ptg.clear();
        ptg.push('\n');
        write_ptg::department(&mut ptg, &dept);
        chunk.clear();
        match format {
            Format::Ptg => chunk.push_str(&ptg),
            Format::Toml => write_toml::department(&mut chunk, &dept),
        }
        out.write_all(chunk.as_bytes())?;
        let (projects, defective) = count_projects(&dept);
        stats.add(Stats {
            files: 0,
            ptg_lines: lines(&ptg),
            bytes: chunk.len(),
            departments: 1,
            projects,
            defective_projects: defective,
        });
    }
    Ok(stats)
}

/// [`write_single`] into a string.
pub fn single_file(seed: u64, target_lines: usize, format: Format) -> String {
    let mut out = Vec::new();
    write_single(seed, target_lines, format, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("the generator writes UTF-8")
}

/// A document as text.
pub fn render(doc: &Document, format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Ptg => write_ptg::document(&mut out, doc),
        Format::Toml => write_toml::document(&mut out, doc),
    }
    out
}

/// Writes the first `files` files of the multi-file corpus of `seed` under `dir`
/// (`county-NNN/table-NNNN.ptg`, 20 files a county).
pub fn write_files(seed: u64, files: usize, format: Format, dir: &Path) -> io::Result<Stats> {
    let mut stats = Stats::default();
    for index in 0..files {
        let file = corpus_file(seed, index);
        let text = render(&file.document, format);
        let ptg_lines = match format {
            Format::Ptg => lines(&text),
            Format::Toml => lines(&render(&file.document, Format::Ptg)),
        };
        let path = dir.join(format!("{}.{}", file.stem, format.extension()));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &text)?;
        let mut projects = 0;
        let mut defective = 0;
        for dept in &file.document.departments {
            let (n, bad) = count_projects(dept);
            projects += n;
            defective += bad;
        }
        stats.add(Stats {
            files: 1,
            ptg_lines,
            bytes: text.len(),
            departments: file.document.departments.len(),
            projects,
            defective_projects: defective,
        });
    }
    Ok(stats)
}

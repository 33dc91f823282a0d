//! `ptg-corpus`: writes a seeded, realistic PTG corpus (or the same records as TOML).
//!
//! ```text
//! cargo run --release -p ptg_bench --example ptg-corpus -- --seed 1 --lines 100000 --out big.ptg
//! cargo run --release -p ptg_bench --example ptg-corpus -- --seed 1 --files 2000 --out corpus/
//! cargo run --release -p ptg_bench --example ptg-corpus -- --seed 1 --lines 100000 --toml --out big.toml
//! ```

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use ptg_bench::{write_files, write_single, Format, Stats};

const USAGE: &str = "\
usage: ptg-corpus [--seed N] (--lines N --out FILE | --files N --out DIR) [--toml] [--quiet]

  --seed N    seed of the generator (default 1); the output depends on it alone
  --lines N   one file of about N lines (it stops after the project that reaches N);
              with --out - it goes to standard output
  --files N   N files under DIR (county-NNN/table-NNNN.ptg, 20 files a county)
  --toml      write the same records as TOML (the line count stays that of the PTG)
  --quiet     no summary on standard error
";

struct Args {
    seed: u64,
    lines: Option<usize>,
    files: Option<usize>,
    out: Option<PathBuf>,
    format: Format,
    quiet: bool,
}

fn number<T: std::str::FromStr>(flag: &str, value: Option<String>) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
    value
        .replace('_', "")
        .parse()
        .map_err(|_| format!("{flag}: not a number: {value}"))
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        seed: 1,
        lines: None,
        files: None,
        out: None,
        format: Format::Ptg,
        quiet: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => args.seed = number("--seed", it.next())?,
            "--lines" => args.lines = Some(number("--lines", it.next())?),
            "--files" => args.files = Some(number("--files", it.next())?),
            "--out" => args.out = Some(it.next().ok_or("--out needs a path")?.into()),
            "--toml" => args.format = Format::Toml,
            "--quiet" => args.quiet = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    if args.lines.is_some() == args.files.is_some() {
        return Err("give exactly one of --lines and --files".into());
    }
    if args.out.is_none() {
        return Err("--out is required".into());
    }
    Ok(args)
}

fn run(args: &Args) -> std::io::Result<Stats> {
    let out = args.out.as_ref().expect("checked");
    if let Some(lines) = args.lines {
        if out.as_os_str() == "-" {
            let stdout = std::io::stdout();
            let mut writer = BufWriter::new(stdout.lock());
            let stats = write_single(args.seed, lines, args.format, &mut writer)?;
            writer.flush()?;
            return Ok(stats);
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut writer = BufWriter::new(std::fs::File::create(out)?);
        let stats = write_single(args.seed, lines, args.format, &mut writer)?;
        writer.flush()?;
        Ok(stats)
    } else {
        let files = args.files.expect("checked");
        write_files(args.seed, files, args.format, out)
    }
}

fn main() -> ExitCode {
    let mut stderr = std::io::stderr();
    let args = match parse_args() {
        Ok(args) => args,
        Err(why) => {
            if !why.is_empty() {
                let _ = writeln!(stderr, "ptg-corpus: {why}");
            }
            let _ = write!(stderr, "{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(stats) => {
            if !args.quiet {
                let _ = writeln!(
                    stderr,
                    "ptg-corpus: {} file(s), {} PTG lines, {} bytes of {}, {} departments, {} projects ({} with defects)",
                    stats.files,
                    stats.ptg_lines,
                    stats.bytes,
                    args.format.extension(),
                    stats.departments,
                    stats.projects,
                    stats.defective_projects
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            let _ = writeln!(stderr, "ptg-corpus: {err}");
            ExitCode::from(1)
        }
    }
}

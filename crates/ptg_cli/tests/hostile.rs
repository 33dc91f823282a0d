//! Hostile input, lost data and workspace security, end to end against the built binary.
//!
//! - `catalogue`: every case of `tests/hostile/catalogue.json` (see docs/reliability.md): the
//!   exit code, substrings of the output, a wall-clock bound, peak memory (Linux: `VmHWM`),
//!   and that no file inside or outside the workspace changed except those the case names.
//!   Large inputs are generated at run time; a debug build divides their repeat counts by
//!   the case's `debug_divisor` (release runs them at full size). With
//!   `PTG_HOSTILE_REPORT=path` the timings are written there as a Markdown table.
//! - the other tests: atomic writes under failure and kill, permissions, files changed
//!   while ptg runs, untouched neighbours, symlinks; and that nothing in a workspace makes
//!   ptg run a command or read or write outside what it was given (docs/security.md).

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn ptg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ptg"));
    cmd.env_remove("PTG_LANG").env_remove("NO_COLOR");
    cmd
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ptg-hostile-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a line to stderr (shown with `--nocapture`).
fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

// ------------------------------------------------------------------------------------------
// Running the binary with a time bound and a memory measurement.

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
    /// Peak resident set in KiB, when the platform tells.
    peak_kib: Option<u64>,
    timed_out: bool,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// `VmHWM` (peak resident set) of a running process, in KiB.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

const GNU_TIME: &str = "/usr/bin/time";

/// Runs ptg with `args` in `cwd`, `stdin` fed from a thread, killing it after `limit`.
///
/// Peak memory: under GNU time (`%M`, the kernel's `ru_maxrss` of the finished process)
/// when `/usr/bin/time` exists, else sampled from `/proc/<pid>/status` (`VmHWM` only grows,
/// so the last sample is the peak up to within one polling interval; a process that ends
/// within the first interval may go unmeasured).
fn run_bounded(
    args: &[String],
    cwd: &Path,
    env: &[(String, String)],
    stdin: Option<Vec<u8>>,
    limit: Duration,
) -> Run {
    let peak_file = std::env::temp_dir().join(format!(
        "ptg-hostile-{}-{}.peak",
        std::process::id(),
        PEAK_FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let timed = Path::new(GNU_TIME).exists() && std::env::var_os("PTG_HOSTILE_NO_TIME").is_none();
    let mut cmd = if timed {
        let mut cmd = Command::new(GNU_TIME);
        cmd.arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&peak_file)
            .arg(env!("CARGO_BIN_EXE_ptg"));
        cmd.env_remove("PTG_LANG").env_remove("NO_COLOR");
        cmd
    } else {
        ptg()
    };
    cmd.args(args).current_dir(cwd);
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child: Child = cmd.spawn().expect("spawn ptg");
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let pid = child.id();
    let mut sampled = None;
    let mut timed_out = false;
    let status = loop {
        if !timed {
            if let Some(kib) = vm_hwm(pid) {
                sampled = Some(sampled.map_or(kib, |p: u64| p.max(kib)));
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            timed_out = true;
            if timed {
                // Our grandchild, ptg itself, under GNU time.
                let children = format!("/proc/{pid}/task/{pid}/children");
                for grandchild in fs::read_to_string(children)
                    .unwrap_or_default()
                    .split_whitespace()
                {
                    let _ = Command::new("kill").args(["-KILL", grandchild]).status();
                }
            }
            let _ = child.kill();
            break child.wait().unwrap();
        }
        thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let peak_kib = if timed {
        let report = fs::read_to_string(&peak_file).unwrap_or_default();
        let _ = fs::remove_file(&peak_file);
        report.lines().last().and_then(|l| l.trim().parse().ok())
    } else {
        sampled
    };
    Run {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed,
        peak_kib,
        timed_out,
    }
}

static PEAK_FILES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

// ------------------------------------------------------------------------------------------
// Workspaces: building them from the catalogue and noticing any change.

/// Everything in a tree: regular files by content, links by target, other kinds by name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>, u32),
    Link(PathBuf),
    Dir(u32),
    Other,
}

fn mode(meta: &fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o7777
    }
    #[cfg(not(unix))]
    {
        u32::from(meta.permissions().readonly())
    }
}

fn tree(root: &Path) -> BTreeMap<PathBuf, Entry> {
    fn visit(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let kind = if meta.file_type().is_symlink() {
                Entry::Link(fs::read_link(&path).unwrap_or_default())
            } else if meta.is_dir() {
                visit(root, &path, out);
                Entry::Dir(mode(&meta))
            } else if meta.is_file() {
                // An unreadable file (mode 000 as a normal user) is compared by mode only.
                Entry::File(fs::read(&path).unwrap_or_default(), mode(&meta))
            } else {
                Entry::Other
            };
            out.insert(rel, kind);
        }
    }
    let mut out = BTreeMap::new();
    visit(root, root, &mut out);
    out
}

/// The differences between two trees, as readable lines.
fn tree_changes(
    before: &BTreeMap<PathBuf, Entry>,
    after: &BTreeMap<PathBuf, Entry>,
) -> Vec<(PathBuf, &'static str)> {
    let mut changes = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => changes.push((path.clone(), "deleted")),
            Some(now) if now != entry => changes.push((path.clone(), "changed")),
            Some(_) => {}
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) {
            changes.push((path.clone(), "created"));
        }
    }
    changes
}

const CANARY: &str = "PTG-CANARY-SECRET";

struct Workspace {
    dir: PathBuf,
    ws: PathBuf,
    outside: PathBuf,
}

fn substitute(text: &str, ws: &Workspace) -> String {
    text.replace("{outside}", &ws.outside.to_string_lossy())
        .replace("{ws}", &ws.ws.to_string_lossy())
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The bytes of a content spec: `fixture`, `text`, `hex` or `parts` (`[[text, count], …]`,
/// `{i}` in a repeated text numbering the repetitions).
fn content(spec: &Value, ws: &Workspace, divisor: u64) -> Option<Vec<u8>> {
    if let Some(name) = spec["fixture"].as_str() {
        let path = repo().join("tests/hostile/inputs").join(name);
        return Some(fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
    }
    if let Some(text) = spec["text"].as_str() {
        return Some(substitute(text, ws).into_bytes());
    }
    if let Some(text) = spec["hex"].as_str() {
        return Some(hex(text));
    }
    let parts = spec["parts"].as_array()?;
    let mut out = Vec::new();
    for part in parts {
        let text = part[0].as_str().unwrap();
        let count = part[1].as_u64().unwrap();
        let count = if count > 1 { count / divisor } else { count };
        if text.contains("{i}") {
            for i in 0..count {
                out.extend_from_slice(text.replace("{i}", &i.to_string()).as_bytes());
            }
        } else {
            out.extend_from_slice(text.repeat(count as usize).as_bytes());
        }
    }
    Some(out)
}

/// Creates one entry of a workspace. `Err` names what the platform lacks.
fn create(path: &Path, spec: &Value, ws: &Workspace, divisor: u64) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    if let Some(target) = spec["symlink"].as_str() {
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(substitute(target, ws), path).unwrap();
            return Ok(());
        }
        #[cfg(not(unix))]
        return Err(format!("symlinks ({target})"));
    }
    if spec["fifo"].as_bool() == Some(true) {
        let made = Command::new("mkfifo")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        return if made { Ok(()) } else { Err("mkfifo".into()) };
    }
    let bytes = content(spec, ws, divisor).unwrap_or_else(|| panic!("bad spec {spec}"));
    fs::write(path, bytes).unwrap();
    #[cfg(unix)]
    if let Some(mode) = spec["mode"].as_str() {
        use std::os::unix::fs::PermissionsExt;
        let mode = u32::from_str_radix(mode, 8).unwrap();
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }
    Ok(())
}

/// Whether the platform and the user can run a case that needs `what`.
fn available(what: &str, ws: &Workspace) -> bool {
    match what {
        "unix" => cfg!(unix),
        "linux" => cfg!(target_os = "linux"),
        "fifo" => cfg!(unix),
        // Root reads a file whatever its mode: try it.
        "unreadable" => {
            let probe = ws.dir.join("probe");
            fs::write(&probe, "x").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
            }
            let readable = fs::read(&probe).is_ok();
            let _ = fs::remove_file(&probe);
            !readable
        }
        other => panic!("unknown requirement {other}"),
    }
}

// ------------------------------------------------------------------------------------------
// The catalogue.

struct Outcome {
    id: String,
    category: String,
    description: String,
    /// The first output substring the case expects.
    expected: String,
    command: String,
    exit: Option<i32>,
    seconds: f64,
    peak_mib: Option<f64>,
    scale: u64,
}

fn strings<'v>(case: &'v Value, key: &str) -> Vec<&'v str> {
    case[key]
        .as_array()
        .map(|items| items.iter().map(|v| v.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// Runs one case; returns its outcome, or the reason it was skipped.
fn run_case(case: &Value, defaults: &Value, failures: &mut Vec<String>) -> Result<Outcome, String> {
    let id = case["id"].as_str().unwrap();
    let divisor = if cfg!(debug_assertions) {
        case["debug_divisor"].as_u64().unwrap_or(1)
    } else {
        1
    };
    let dir = temp_dir(&format!("case-{id}"));
    let ws = Workspace {
        ws: dir.join("ws"),
        outside: dir.join("outside"),
        dir,
    };
    fs::create_dir_all(&ws.ws).unwrap();
    fs::create_dir_all(&ws.outside).unwrap();
    for what in strings(case, "requires") {
        if !available(what, &ws) {
            let _ = fs::remove_dir_all(&ws.dir);
            return Err(format!("needs {what}"));
        }
    }
    // A canary outside the workspace: its content must never appear in the output.
    fs::write(ws.outside.join("secret.ptg"), format!("{CANARY} 1\n")).unwrap();
    for (side, root) in [("files", &ws.ws), ("outside", &ws.outside)] {
        if let Some(files) = case[side].as_object() {
            for (name, spec) in files {
                create(&root.join(name), spec, &ws, divisor).map_err(|e| format!("needs {e}"))?;
            }
        }
    }
    let stdin = case
        .get("stdin")
        .map(|spec| content(spec, &ws, divisor).unwrap());
    let args: Vec<String> = case["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| substitute(a.as_str().unwrap(), &ws))
        .collect();
    let before_ws = tree(&ws.ws);
    let before_out = tree(&ws.outside);
    let max_seconds = case["max_seconds"]
        .as_f64()
        .or(defaults["max_seconds"].as_f64())
        .unwrap();
    let max_rss_mb = case["max_rss_mb"]
        .as_f64()
        .or(defaults["max_rss_mb"].as_f64())
        .unwrap();
    let env: Vec<(String, String)> = case["env"]
        .as_object()
        .map(|env| {
            env.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let run = run_bounded(
        &args,
        &ws.ws,
        &env,
        stdin.clone(),
        Duration::from_secs_f64(max_seconds),
    );
    let (stdout, stderr) = (run.stdout(), run.stderr());
    let mut fail = |what: String| {
        let show = |s: &str| s.chars().take(2000).collect::<String>();
        failures.push(format!(
            "[{id}] {what}\n  exit {:?}\n  stdout: {}\n  stderr: {}",
            run.code,
            show(&stdout),
            show(&stderr)
        ));
    };
    if run.timed_out {
        fail(format!("did not finish within {max_seconds} s"));
    }
    let expected = case["exit"].as_i64().unwrap() as i32;
    if run.code != Some(expected) {
        fail(format!("exit code {:?}, expected {expected}", run.code));
    }
    if stderr.contains("panicked") || stderr.contains("overflowed its stack") {
        fail("crashed".into());
    }
    let peak_mib = run.peak_kib.map(|k| k as f64 / 1024.0);
    if let Some(peak) = peak_mib {
        if peak > max_rss_mb {
            fail(format!(
                "peak memory {peak:.0} MiB over the bound {max_rss_mb} MiB"
            ));
        }
    }
    for (key, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        for needle in strings(case, key) {
            if !text.contains(needle) {
                fail(format!("{key} lacks {needle:?}"));
            }
        }
        for needle in strings(case, &format!("{key}_not")) {
            if text.contains(needle) {
                fail(format!("{key} contains {needle:?}"));
            }
        }
    }
    if stdout.contains(CANARY) || stderr.contains(CANARY) {
        fail("the output shows a file outside the workspace".into());
    }
    if case["stdout_is_stdin"].as_bool() == Some(true) && Some(&run.stdout) != stdin.as_ref() {
        fail("stdout is not the input unchanged".into());
    }
    if case["stdout_empty"].as_bool() == Some(true) && !run.stdout.is_empty() {
        fail("stdout is not empty".into());
    }
    // Nothing changed but what the case names, inside or outside the workspace.
    let may_change = strings(case, "changed");
    for (path, how) in tree_changes(&before_ws, &tree(&ws.ws)) {
        let named = may_change.iter().any(|c| Path::new(c) == path);
        if !(named && how == "changed") {
            fail(format!("{} was {how}", path.display()));
        }
    }
    for name in &may_change {
        if before_ws.get(Path::new(name)) == tree(&ws.ws).get(Path::new(name)) {
            fail(format!("{name} was not rewritten"));
        }
    }
    for (path, how) in tree_changes(&before_out, &tree(&ws.outside)) {
        fail(format!("outside/{} was {how}", path.display()));
    }
    let read_after = |name: &str| fs::read(ws.ws.join(name)).unwrap_or_default();
    if let Some(after) = case["after"].as_object() {
        for (name, needles) in after {
            let text = String::from_utf8_lossy(&read_after(name)).into_owned();
            for needle in needles.as_array().unwrap() {
                if !text.contains(needle.as_str().unwrap()) {
                    fail(format!("{name} lacks {needle} after the run"));
                }
            }
        }
    }
    if let Some(after) = case["after_not"].as_object() {
        for (name, needles) in after {
            let text = String::from_utf8_lossy(&read_after(name)).into_owned();
            for needle in needles.as_array().unwrap() {
                if text.contains(needle.as_str().unwrap()) {
                    fail(format!("{name} still contains {needle} after the run"));
                }
            }
        }
    }
    if let Some(prefixes) = case["after_starts_with_hex"].as_object() {
        for (name, prefix) in prefixes {
            if !read_after(name).starts_with(&hex(prefix.as_str().unwrap())) {
                fail(format!("{name} does not start with {prefix}"));
            }
        }
    }
    if let Some(eols) = case["after_eol"].as_object() {
        for (name, eol) in eols {
            assert_eq!(eol, "crlf");
            let bytes = read_after(name);
            let lf = bytes.iter().filter(|&&b| b == b'\n').count();
            let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
            if lf == 0 || lf != crlf {
                fail(format!("{name}: {lf} line feeds, {crlf} of them after CR"));
            }
        }
    }
    let _ = fs::remove_dir_all(&ws.dir);
    Ok(Outcome {
        id: id.to_string(),
        category: case["category"].as_str().unwrap().to_string(),
        description: case["description"].as_str().unwrap().to_string(),
        expected: strings(case, "stdout")
            .into_iter()
            .chain(strings(case, "stderr"))
            .next()
            .unwrap_or("(stdout = stdin)")
            .to_string(),
        command: args.join(" "),
        exit: run.code,
        seconds: run.elapsed.as_secs_f64(),
        peak_mib,
        scale: divisor,
    })
}

/// The Markdown table of docs/reliability.md.
fn report_table(outcomes: &[Outcome]) -> String {
    // In a code span (`` … ``, so that single backticks may appear) or as text.
    let cell = |text: &str, max: usize| {
        let mut short: String = text.chars().take(max).collect();
        if text.chars().count() > max {
            short.push('…');
        }
        short
            .replace('|', "\\|")
            .replace('\n', "⏎")
            .replace('\r', "␍")
            .replace("``", "'")
    };
    let mut table = String::from(
        "| group | id | input | command | exit | output contains | time (s) | peak RSS (MiB) |\n|---|---|---|---|---|---|--:|--:|\n",
    );
    for o in outcomes {
        let scale = if o.scale > 1 {
            format!(" (1/{} scale)", o.scale)
        } else {
            String::new()
        };
        table.push_str(&format!(
            "| {} | `{}` | {} | `` ptg {} `` | {} | `` {} `` | {:.3}{scale} | {} |\n",
            o.category,
            o.id,
            cell(&o.description, 200),
            cell(&o.command, 60),
            o.exit.map_or_else(|| "signal".into(), |c| c.to_string()),
            cell(&o.expected, 40),
            o.seconds,
            o.peak_mib.map_or_else(|| "–".into(), |m| format!("{m:.0}"))
        ));
    }
    table
}

fn load_catalogue() -> Value {
    let path = repo().join("tests/hostile/catalogue.json");
    serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn catalogue() {
    let catalogue = load_catalogue();
    let cases = catalogue["cases"].as_array().unwrap();
    assert!(cases.len() >= 45, "the catalogue has {} cases", cases.len());
    // `PTG_HOSTILE_ONLY=id,id` runs only those cases.
    let only: Option<Vec<String>> = std::env::var("PTG_HOSTILE_ONLY")
        .ok()
        .map(|s| s.split(',').map(str::to_string).collect());
    let mut failures = Vec::new();
    let mut outcomes = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        if only
            .as_ref()
            .is_some_and(|only| !only.iter().any(|o| o == id))
        {
            continue;
        }
        match run_case(case, &catalogue["defaults"], &mut failures) {
            Ok(outcome) => {
                note(&format!(
                    "{:<36} exit {:?}  {:>7.3} s  {:>8} MiB{}",
                    outcome.id,
                    outcome.exit.unwrap_or(-1),
                    outcome.seconds,
                    outcome
                        .peak_mib
                        .map_or_else(|| "?".into(), |m| format!("{m:.1}")),
                    if outcome.scale > 1 {
                        format!("  (1/{} scale)", outcome.scale)
                    } else {
                        String::new()
                    }
                ));
                outcomes.push(outcome);
            }
            Err(why) => note(&format!("{id:<36} skipped: {why}")),
        }
    }
    if let Ok(path) = std::env::var("PTG_HOSTILE_REPORT") {
        fs::write(path, report_table(&outcomes)).unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn catalogue_is_well_formed() {
    let catalogue = load_catalogue();
    let known = [
        "id",
        "category",
        "description",
        "files",
        "outside",
        "args",
        "stdin",
        "env",
        "exit",
        "stdout",
        "stderr",
        "stdout_not",
        "stderr_not",
        "stdout_is_stdin",
        "stdout_empty",
        "changed",
        "after",
        "after_not",
        "after_starts_with_hex",
        "after_eol",
        "max_seconds",
        "max_rss_mb",
        "debug_divisor",
        "requires",
        "regression",
    ];
    let mut ids = std::collections::HashSet::new();
    for case in catalogue["cases"].as_array().unwrap() {
        let id = case["id"].as_str().expect("id");
        assert!(ids.insert(id), "duplicate id {id}");
        for key in case.as_object().unwrap().keys() {
            assert!(known.contains(&key.as_str()), "{id}: unknown key {key}");
        }
        for key in ["category", "description"] {
            assert!(case[key].is_string(), "{id}: {key}");
        }
        assert!(case["exit"].is_i64(), "{id}: exit");
        assert!(
            !strings(case, "stdout").is_empty()
                || !strings(case, "stderr").is_empty()
                || case["stdout_is_stdin"].as_bool() == Some(true),
            "{id}: a case must say what the output contains"
        );
        // Small inputs are fixtures; big ones are generated, never committed.
        if let Some(files) = case["files"].as_object() {
            for spec in files.values() {
                if let Some(name) = spec["fixture"].as_str() {
                    let path = repo().join("tests/hostile/inputs").join(name);
                    let len = fs::metadata(&path)
                        .unwrap_or_else(|e| panic!("{id}: {name}: {e}"))
                        .len();
                    assert!(len < 64 * 1024, "{id}: {name} is too big to commit");
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// No lost data.

/// A document of `n` indicators that `fmt` rewrites (full-width digits, one-line funds) and
/// `check --fix` fixes (`=>` is a syntax error with a safe fix).
fn messy(n: usize) -> String {
    let mut text = String::from(
        "年度 2024\n部门 \"某局\" {\n  项目 \"甲\" {\n    资金 10万元 { 政府预算资金 10万元 }\n    目标 \"培训\"\n    产出指标 {\n      数量指标 {\n",
    );
    for i in 0..n {
        text.push_str(&format!("        \"第{i}期培训人数\" => １００人\n"));
    }
    text.push_str("      }\n    }\n  }\n}\n");
    text
}

/// The same document after `ptg check --fix` (syntax errors only) and `ptg fmt`.
fn formatted(text: &str, name: &str) -> String {
    let dir = temp_dir(&format!("formatted-{name}"));
    let file = dir.join("a.ptg");
    fs::write(&file, text).unwrap();
    let fixed = ptg()
        .args(["check", "--fix", "--select", "syntax-error"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(fixed.status.code(), Some(0), "{fixed:?}");
    let out = ptg().arg("fmt").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = fs::read_to_string(&file).unwrap();
    let _ = fs::remove_dir_all(&dir);
    text
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `ptg args…` with the file-size limit (`ulimit -f`, 512-byte blocks in POSIX `sh`) set
/// to `blocks`: writing the temporary file fails part-way. With `ignore_signal` the write
/// returns `EFBIG`; without, SIGXFSZ kills ptg in the middle of the write.
#[cfg(unix)]
fn with_file_limit(
    dir: &Path,
    blocks: u32,
    ignore_signal: bool,
    args: &[&str],
) -> std::process::Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f {blocks}; {trap}exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_ptg"))
        .args(args)
        .current_dir(dir)
        .env_remove("PTG_LANG")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_intact() {
    let text = messy(3000);
    assert!(text.len() > 100_000);
    for args in [
        &["fmt", "a.ptg"][..],
        &["check", "--fix", "--select", "syntax-error", "a.ptg"][..],
    ] {
        let dir = temp_dir(&format!("efbig-{}", args[0]));
        // fmt refuses syntax errors: give it the fixed text; --fix gets the `=>`s.
        let text = if args[0] == "fmt" {
            text.replace("=>", "≥")
        } else {
            text.clone()
        };
        fs::write(dir.join("a.ptg"), &text).unwrap();
        // The write of the temporary file fails with EFBIG after 32 KiB.
        let out = with_file_limit(&dir, 64, true, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("无法写入"), "{stderr}");
        assert!(stderr.contains("文件超过了允许的大小"), "{stderr}");
        assert_eq!(fs::read_to_string(dir.join("a.ptg")).unwrap(), text);
        assert_eq!(names(&dir), ["a.ptg"], "the temporary file is removed");

        // Killed by SIGXFSZ in the middle of the write: the original is untouched; only a
        // hidden temporary file may be left, which ptg never reads as a document.
        let out = with_file_limit(&dir, 64, false, args);
        assert_eq!(out.status.code(), None, "killed by a signal: {out:?}");
        assert_eq!(fs::read_to_string(dir.join("a.ptg")).unwrap(), text);
        for name in names(&dir) {
            assert!(
                name == "a.ptg" || (name.starts_with(".a.ptg.") && name.ends_with(".ptg-tmp")),
                "{name}"
            );
        }
        let out = ptg()
            .args(["check", "--select", "syntax-error"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&out.stderr).contains("检查了 1 个文件"));
    }
}

#[test]
fn killed_at_any_moment_the_file_is_old_or_new() {
    let n = if cfg!(debug_assertions) {
        20_000
    } else {
        200_000
    };
    let original = messy(n).replace("=>", "≥");
    let canonical = formatted(&original, "kill");
    assert_ne!(original, canonical);
    let dir = temp_dir("kill");
    let file = dir.join("a.ptg");
    // How long a whole run takes here and now.
    fs::write(&file, &original).unwrap();
    let start = Instant::now();
    let out = ptg().arg("fmt").arg(&file).output().unwrap();
    let full = start.elapsed();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&file).unwrap(), canonical);
    let (mut old, mut new) = (0, 0);
    for step in 0..12u32 {
        fs::write(&file, &original).unwrap();
        let mut child = ptg()
            .arg("fmt")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(full * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(&file).unwrap();
        if now == original {
            old += 1;
        } else if now == canonical {
            new += 1;
        } else {
            panic!(
                "killed after {:?}: the file is neither old nor new",
                full * step / 10
            );
        }
        for name in names(&dir) {
            assert!(name == "a.ptg" || name.ends_with(".ptg-tmp"), "{name}");
        }
    }
    note(&format!(
        "killed 12 times over a {full:?} run: {old} × original, {new} × formatted"
    ));
    assert!(old > 0, "some kills should land before the rename");
    let _ = fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_read_only_files_refused() {
    use std::os::unix::fs::PermissionsExt;
    let text = messy(3);
    for mode in [0o600, 0o640, 0o604, 0o755] {
        for args in [
            &["fmt"][..],
            &["check", "--fix", "--select", "syntax-error"][..],
        ] {
            let dir = temp_dir(&format!("mode-{mode:o}-{}", args[0]));
            let file = dir.join("a.ptg");
            fs::write(&file, &text).unwrap();
            fs::set_permissions(&file, fs::Permissions::from_mode(mode)).unwrap();
            let out = ptg().args(args).arg(&file).output().unwrap();
            if args[0] == "fmt" {
                assert_eq!(out.status.code(), Some(2), "syntax error: refused");
                fs::write(&file, text.replace("=>", "≥")).unwrap();
                let out = ptg().args(args).arg(&file).output().unwrap();
                assert_eq!(out.status.code(), Some(0), "{out:?}");
            } else {
                assert_eq!(out.status.code(), Some(0), "{out:?}");
            }
            assert_ne!(fs::read_to_string(&file).unwrap(), text);
            let now = fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
            assert_eq!(now, mode, "{args:?}");
            assert_eq!(names(&dir), ["a.ptg"]);
        }
    }
    // A read-only file is left alone, even where the directory would allow a rename.
    let dir = temp_dir("read-only");
    let file = dir.join("a.ptg");
    fs::write(&file, &text).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let out = ptg()
        .args(["check", "--fix", "--select", "syntax-error"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("文件是只读的，未改动"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
    fs::write(dir.join("b.ptg"), text.replace("=>", "≥")).unwrap();
    fs::set_permissions(dir.join("b.ptg"), fs::Permissions::from_mode(0o444)).unwrap();
    let out = ptg().arg("fmt").arg(dir.join("b.ptg")).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("b.ptg：无法写入：文件是只读的，未改动"),
        "{stderr}"
    );
    assert_eq!(names(&dir), ["a.ptg", "b.ptg"]);
}

#[test]
fn a_file_changed_while_ptg_runs_is_not_overwritten() {
    let n = if cfg!(debug_assertions) {
        60_000
    } else {
        600_000
    };
    // What someone else saves meanwhile: canonical, so every acceptable outcome is exactly it.
    let theirs = formatted(&messy(2), "theirs");
    for args in [
        &["fmt"][..],
        &["check", "--fix", "--select", "syntax-error"][..],
    ] {
        let original = if args[0] == "fmt" {
            messy(n).replace("=>", "≥")
        } else {
            messy(n)
        };
        let dir = temp_dir(&format!("race-{}", args[0]));
        let file = dir.join("a.ptg");
        fs::write(&file, &original).unwrap();
        let start = Instant::now();
        let out = ptg().args(args).arg(&file).output().unwrap();
        let full = start.elapsed();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let mut refused = 0;
        for step in [2u32, 4, 6] {
            fs::write(&file, &original).unwrap();
            let child = ptg()
                .args(args)
                .arg(&file)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            thread::sleep(full * step / 10);
            fs::write(&file, &theirs).unwrap();
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            // ptg either read their version (and found nothing to change) or noticed the
            // change and wrote nothing; it never puts its own version over theirs.
            assert_eq!(
                fs::read_to_string(&file).unwrap(),
                theirs,
                "{args:?} at {step}/10 of {full:?}: {stderr}"
            );
            if out.status.code() == Some(2) {
                assert!(
                    stderr.contains("读取后文件已被修改，未写入")
                        || stderr.contains("在读取之后被修改过，没有写入修复"),
                    "{stderr}"
                );
                refused += 1;
            }
            assert_eq!(names(&dir), ["a.ptg"]);
        }
        note(&format!(
            "{args:?}: a {full:?} run, 3 concurrent saves, {refused} refused"
        ));
        let _ = fs::remove_dir_all(&dir);
    }
}

/// Bytes and modification time of every file under `dir`.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    tree(dir)
        .into_iter()
        .filter(|(_, entry)| matches!(entry, Entry::File(..)))
        .map(|(rel, entry)| {
            let Entry::File(bytes, _) = entry else {
                unreachable!()
            };
            let modified = fs::metadata(dir.join(&rel)).unwrap().modified().unwrap();
            (rel, (bytes, modified))
        })
        .collect()
}

#[test]
fn only_the_named_files_are_touched() {
    let messy_text = messy(2).replace("=>", "≥");
    let fixable = messy(2);
    let canonical = formatted(&messy(2), "canonical");
    let build = |name: &str| {
        let dir = temp_dir(name);
        let files: [(&str, &str); 8] = [
            ("d/a.ptg", &messy_text),
            ("d/canonical.ptg", &canonical),
            ("d/fixable.ptg", &fixable),
            ("d/sub/b.ptg", &messy_text),
            ("d/notes.txt", &messy_text),
            ("d/a.ptg.bak", &messy_text),
            ("d/.hidden/c.ptg", &messy_text),
            ("other/e.ptg", &messy_text),
        ];
        for (name, text) in files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
        fs::write(dir.join("d/ptg.toml"), "ignore = [\"missing-goal\"]\n").unwrap();
        // Old timestamps make any rewrite visible even within one clock tick.
        for (rel, _) in stamps(&dir) {
            let file = fs::File::options()
                .write(true)
                .open(dir.join(&rel))
                .unwrap();
            file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000))
                .unwrap();
        }
        dir
    };
    let cases: [(&[&str], &[&str]); 4] = [
        (&["fmt", "d"], &["d/a.ptg", "d/sub/b.ptg"]),
        (&["fmt", "d/a.ptg"], &["d/a.ptg"]),
        (&["check", "--fix", "d"], &["d/fixable.ptg"]),
        (&["check", "--fix", "--unsafe-fixes", "d/sub/b.ptg"], &[]),
    ];
    for (args, expected) in cases {
        let dir = build(&format!("touch-{}", args.join("-").replace('/', "_")));
        let before = stamps(&dir);
        let out = ptg().args(args).current_dir(&dir).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 2), "{out:?}");
        let after = stamps(&dir);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{args:?}: files appeared or vanished"
        );
        for (rel, stamp) in &before {
            let touched = after[rel] != *stamp;
            let should = expected.iter().any(|e| Path::new(e) == rel);
            assert_eq!(
                touched,
                should,
                "{args:?}: {} touched: {touched}",
                rel.display()
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinked_files_are_written_through_and_stay_links() {
    let text = messy(2).replace("=>", "≥");
    let canonical = formatted(&text, "symlink");
    for args in [&["fmt"][..], &["check", "--fix"][..]] {
        let dir = temp_dir(&format!("link-{}", args[0]));
        fs::create_dir_all(dir.join("real")).unwrap();
        let content = if args[0] == "fmt" {
            text.clone()
        } else {
            messy(2)
        };
        fs::write(dir.join("real/a.ptg"), &content).unwrap();
        std::os::unix::fs::symlink("real/a.ptg", dir.join("link.ptg")).unwrap();
        let out = ptg()
            .args(args)
            .arg("link.ptg")
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        let meta = fs::symlink_metadata(dir.join("link.ptg")).unwrap();
        assert!(meta.file_type().is_symlink(), "the link is still a link");
        assert_eq!(
            fs::read_link(dir.join("link.ptg")).unwrap(),
            Path::new("real/a.ptg")
        );
        let now = fs::read_to_string(dir.join("real/a.ptg")).unwrap();
        if args[0] == "fmt" {
            assert_eq!(now, canonical);
        } else {
            assert!(!now.contains("=>") && now.contains("≥ １００人"), "{now}");
        }
        assert_eq!(names(&dir.join("real")), ["a.ptg"]);
    }
}

#[cfg(unix)]
#[test]
fn unchanged_files_are_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let canonical = formatted(&messy(2), "unchanged");
    let dir = temp_dir("unchanged");
    let file = dir.join("a.ptg");
    fs::write(&file, &canonical).unwrap();
    let before = fs::metadata(&file).unwrap();
    for args in [
        &["fmt"][..],
        &["check", "--fix"][..],
        &["check", "--fix", "--unsafe-fixes"][..],
    ] {
        let out = ptg().args(args).arg(&file).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        let after = fs::metadata(&file).unwrap();
        assert_eq!(
            (before.ino(), before.mtime_nsec()),
            (after.ino(), after.mtime_nsec()),
            "{args:?}"
        );
    }
}

// ------------------------------------------------------------------------------------------
// Security: what a workspace cannot make ptg do.

/// A workspace full of shell syntax in every place that takes text.
fn hostile_workspace(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let ws = dir.join("ws");
    let outside = dir.join("outside");
    fs::create_dir_all(ws.join("sub")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("canary.txt"), CANARY).unwrap();
    let payloads = fs::read(repo().join("tests/hostile/inputs/shell-payloads.ptg")).unwrap();
    fs::write(ws.join("a.ptg"), &payloads).unwrap();
    fs::write(ws.join("sub/b.ptg"), messy(3)).unwrap();
    let outside_str = outside.to_string_lossy();
    fs::write(
        ws.join("ptg.toml"),
        format!(
            "scheme = \"$(touch pwned-scheme)\"\nlang = \"zh\"\nselect = [\"ALL\", \"`touch pwned-select`\"]\n\
             [units]\n\"$(touch pwned-unit)\" = \"count\"\n\
             [[overrides]]\npath = \"{outside_str}/../../**\"\nscheme = \"../../../{outside_str}/canary.txt\"\n\
             [schemes.\"$(reboot)\"]\nextends = \"{outside_str}/canary.txt\"\n"
        ),
    )
    .unwrap();
    (ws, outside)
}

/// A directory of fake commands that leave a mark when anything runs them.
fn fake_bin(dir: &Path, marker: &Path) -> PathBuf {
    let bin = dir.join("fakebin");
    fs::create_dir_all(&bin).unwrap();
    #[cfg(unix)]
    for name in [
        "sh", "bash", "dash", "zsh", "env", "touch", "id", "cat", "ls", "rm", "iconv", "git",
        "python3", "perl", "curl", "wget", "reboot", "xdg-open", "open", "editor", "vi",
    ] {
        use std::os::unix::fs::PermissionsExt;
        let path = bin.join(name);
        fs::write(
            &path,
            format!("#!/bin/sh\necho \"{name} $*\" >> '{}'\n", marker.display()),
        )
        .unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

#[test]
fn nothing_in_a_workspace_runs_a_command_or_writes_elsewhere() {
    let (ws, outside) = hostile_workspace("no-command");
    let marker = ws.parent().unwrap().join("marker");
    let bin = fake_bin(ws.parent().unwrap(), &marker);
    let commands: [&[&str]; 8] = [
        &["check", "."],
        &["check", "--output-format", "json", "."],
        &["check", "--output-format", "sarif", "."],
        &["check", "--fix", "--unsafe-fixes", "."],
        &["check", "--diff", "."],
        &["fmt", "."],
        &["fmt", "--check", "."],
        &["check", "-", "--stdin-filepath", "a.ptg"],
    ];
    for args in commands {
        let before_ws = tree(&ws);
        let before_out = tree(&outside);
        let mut child = ptg()
            .args(args)
            .current_dir(&ws)
            .env("PATH", &bin)
            .env("SHELL", bin.join("sh"))
            .env("EDITOR", bin.join("editor"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = fs::read(ws.join("a.ptg")).unwrap();
        child.stdin.take().unwrap().write_all(&stdin).unwrap();
        let out = child.wait_with_output().unwrap();
        // The configuration is wrong (unknown schemes): reported, exit 2; never a crash.
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .contains("没有名为 `$(touch pwned-scheme)` 的体系")
                || String::from_utf8_lossy(&out.stderr)
                    .contains("没有名为 `$(touch pwned-scheme)` 的体系"),
            "{args:?}: {out:?}"
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.contains(CANARY),
            "{args:?} read a file outside the workspace"
        );
        assert!(
            !marker.exists(),
            "{args:?} ran: {}",
            fs::read_to_string(&marker).unwrap_or_default()
        );
        assert_eq!(
            tree_changes(&before_out, &tree(&outside)),
            [],
            "{args:?} wrote outside"
        );
        for (path, how) in tree_changes(&before_ws, &tree(&ws)) {
            // Only the documents themselves may be rewritten, in place.
            assert!(
                how == "changed" && path.extension().is_some_and(|e| e == "ptg"),
                "{args:?}: {} was {how}",
                path.display()
            );
        }
    }
}

#[test]
fn config_discovery_reads_only_ptg_toml_up_to_the_root() {
    let dir = temp_dir("discovery");
    let deep = dir.join("a/b/c/d/e");
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("x.ptg"), "年度 2024\n").unwrap();
    // Look-alikes are never read (each would be an error if it were).
    for name in [
        "ptg.toml.bak",
        "PTG.toml",
        ".ptg.toml",
        "ptg.toml~",
        "ptg.yaml",
    ] {
        fs::write(dir.join("a/b").join(name), "foo = [\n").unwrap();
    }
    fs::create_dir_all(dir.join("a/b/c/ptg.toml")).unwrap();
    let stray = ["/ptg.toml", "/tmp/ptg.toml"]
        .iter()
        .chain([&*std::env::temp_dir().join("ptg.toml").to_string_lossy()].iter())
        .any(|p| Path::new(p).exists());
    let out = ptg().arg("check").arg(deep.join("x.ptg")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("invalid-config"), "{stdout}");
    if !stray {
        // Nothing up to the filesystem root: the defaults, and the walk ends.
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    }
    // The closest real one wins, however deep.
    fs::write(dir.join("a/ptg.toml"), "foo = 1\n").unwrap();
    let out = ptg().arg("check").arg(deep.join("x.ptg")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("顶层没有配置项 `foo`"));
}

/// The crates the `ptg` binary is built from: `ptg_cli` and the `ptg_*` crates it depends on.
fn product_crates() -> Vec<String> {
    let manifest = fs::read_to_string(repo().join("crates/ptg_cli/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    let mut crates: Vec<String> = deps
        .lines()
        .filter_map(|line| line.split(['.', ' ', '=']).next())
        .filter(|name| name.starts_with("ptg_"))
        .map(str::to_string)
        .collect();
    crates.push("ptg_cli".into());
    crates
}

/// The product's source code, without its `#[cfg(test)]` modules.
fn product_sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    fn visit(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                let text = match text.find("#[cfg(test)]\nmod tests") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                out.push((path, text));
            }
        }
    }
    let crates = product_crates();
    assert!(crates.len() > 5, "{crates:?}");
    for krate in crates {
        visit(&repo().join("crates").join(krate).join("src"), &mut out);
    }
    out
}

#[test]
fn the_source_spawns_nothing_and_writes_only_through_write_atomic() {
    let sources = product_sources();
    assert!(sources.len() > 20);
    let writer = Path::new("crates/ptg_cli/src/fix.rs");
    for (path, text) in &sources {
        let rel = path.strip_prefix(repo()).unwrap();
        for needle in [
            "process::Command",
            "process::{",
            "tokio::process",
            "CommandExt",
            "posix_spawn",
            "libc::",
        ] {
            assert!(!text.contains(needle), "{}: {needle}", rel.display());
        }
        if rel != writer {
            for needle in [
                "fs::write",
                "File::create",
                "OpenOptions",
                "fs::rename",
                "fs::remove",
                "fs::copy",
                "set_permissions",
                "create_dir",
                "hard_link",
            ] {
                assert!(
                    !text.contains(needle),
                    "{}: {needle} (files are written only by fix::write_atomic)",
                    rel.display()
                );
            }
        }
    }
}

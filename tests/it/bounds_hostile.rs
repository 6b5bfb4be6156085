//! Small hostile inputs that used to take the machine down (issue 7, section 3): three
//! memory bombs and three slow inputs. Each runs the real binary under `prlimit`: at most
//! 500 MiB of address space and 4 s of CPU time over all its threads (about 2 s of wall
//! time on two cores), so a regression fails here instead of eating the machine. Each
//! must end in a clean error (or a success, where the input is legitimate), never a
//! crash. The inputs are generated here, not committed.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::dac_bin::program;

const MEMORY: &str = "--as=524288000";
const CPU_SECONDS: &str = "--cpu=4";
/// Far above what any case needs even on a loaded machine: only a hang reaches it.
const WALL: Duration = Duration::from_secs(60);

struct Bounded {
    code: Option<i32>,
    stderr: String,
    stdout: String,
}

/// `dac build FILE -o DIR/out` under the limits, in `dir`.
fn build_bounded(dir: &Path, file: &str) -> Bounded {
    let prlimit = program("PRLIMIT", "prlimit");
    let child = Command::new(prlimit)
        .args([
            MEMORY,
            CPU_SECONDS,
            env!("CARGO_BIN_EXE_dac"),
            "build",
            file,
        ])
        .args(["-o", "out"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit starts");
    // The pipes are read while waiting (a full pipe would stall the child), on a thread
    // of their own, so a hang is caught here.
    let pid = child.id().to_string();
    let (done, outcome) = mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    let output = match outcome.recv_timeout(WALL) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("dac build {file} still running after {WALL:?}");
        }
    };
    Bounded {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

/// Writes `source` as `FILE` in a fresh directory and builds it under the limits.
fn run(file: &str, source: &str) -> (tempfile::TempDir, Bounded) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(file), source).unwrap();
    let run = build_bounded(dir.path(), file);
    (dir, run)
}

/// A clean failure: exit 2 (not killed by a limit, not a panic), the message at its place,
/// and nothing written.
fn assert_clean_error(dir: &Path, run: &Bounded, message: &str, at: &str) {
    assert_eq!(
        run.code,
        Some(2),
        "killed or crashed (a limit was hit?):\n{}",
        tail(&run.stderr)
    );
    assert!(!run.stderr.contains("panicked"), "{}", tail(&run.stderr));
    assert!(
        run.stderr.contains(message),
        "no {message:?} in:\n{}",
        tail(&run.stderr)
    );
    assert!(
        run.stderr.contains(at),
        "no {at:?} in:\n{}",
        tail(&run.stderr)
    );
    assert!(!dir.join("out").exists(), "a failed build wrote output");
}

/// The end of a long stderr, enough to see what went wrong.
fn tail(s: &str) -> &str {
    let mut start = s.len().saturating_sub(4000);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Templates 18 levels deep, each used twice, ending in a panel of 100 queries: 2^18
/// copies of the panel (9 KB of source).
#[test]
fn templates_used_twice_at_each_of_18_levels() {
    let mut src = String::from("template panel t0() {\n  timeseries \"p\" {\n");
    for i in 0..100 {
        writeln!(
            src,
            "    query `sum(rate(http_requests_total{{code=\"{i}\"}}[5m]))`"
        )
        .unwrap();
    }
    src.push_str("  }\n}\n");
    for level in 1..=18 {
        let below = level - 1;
        writeln!(
            src,
            "template panel t{level}() {{\n  use t{below}\n  use t{below}\n}}"
        )
        .unwrap();
    }
    src.push_str("dashboard \"d\" {\n  uid = \"d\"\n  use t18\n}\n");
    let (dir, run) = run("bomb.dac", &src);
    assert_clean_error(
        dir.path(),
        &run,
        "templates expand to more than",
        "bomb.dac:",
    );
    // The chain that blew the budget is named, outermost first.
    assert!(
        run.stderr.contains("`t18` → `t17`"),
        "{}",
        tail(&run.stderr)
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// One template using another 1,000 times, twice over: a million copies (30 KB).
#[test]
fn a_template_used_a_thousand_times_twice_over() {
    let mut src = String::from(
        "template panel leaf() {\n  stat \"s\" { query `sum(up)` }\n}\ntemplate panel mid() {\n",
    );
    src.push_str(&"  use leaf\n".repeat(1000));
    src.push_str("}\ntemplate panel top() {\n");
    src.push_str(&"  use mid\n".repeat(1000));
    src.push_str("}\ndashboard \"d\" {\n  uid = \"d\"\n  use top\n}\n");
    let (dir, run) = run("wide.dac", &src);
    assert_clean_error(
        dir.path(),
        &run,
        "templates expand to more than",
        "wide.dac:",
    );
    assert!(
        run.stderr.contains("`top` → `mid`"),
        "{}",
        tail(&run.stderr)
    );
}

/// One query `up + up + ...` of 50 MB: refused by the scanner at the token limit, before
/// pest or the lowering allocate anything in proportion to its length.
#[test]
fn a_50_mb_query() {
    let mut src = String::from("rules \"r\" {\n  group \"g\" {\n    record \"a\" = `up");
    src.push_str(&" + up".repeat(10_000_000));
    src.push_str("`\n  }\n}\n");
    assert!(src.len() >= 50_000_000);
    // Past the default 16 MiB source limit on purpose: the query bound must hold
    // for a project that raises it.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("dac.toml"),
        "[build]\nmax_file_size = \"64 MiB\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("long.dac"), &src).unwrap();
    let run = build_bounded(dir.path(), "long.dac");
    assert_clean_error(
        dir.path(),
        &run,
        "query too long (more than 100000 tokens)",
        "long.dac:3:",
    );
}

/// The legitimate neighbour of the bomb above: a flat chain of 1,000 terms, which
/// Prometheus accepts, builds, and promtool accepts what is written.
#[test]
fn a_chain_of_a_thousand_terms_builds() {
    let chain = vec!["up"; 1000].join(" + ");
    let src = format!(
        "rules \"r\" {{\n  group \"g\" {{\n    record \"a\" = `{chain}`\n    alert \"A\" {{\n      expr = `{chain}` > 1\n    }}\n  }}\n}}\n\
         dashboard \"d\" {{\n  uid = \"d\"\n  timeseries \"t\" {{\n    query `sum({chain})`\n  }}\n}}\n"
    );
    let (dir, run) = run("chain.dac", &src);
    assert_eq!(run.code, Some(0), "{}", tail(&run.stderr));
    assert!(run.stdout.contains("written"), "{}", run.stdout);
    let rules = dir.path().join("out/prometheus/r.rules.yml");
    let written = fs::read_to_string(&rules).unwrap();
    assert!(written.contains(&chain), "{written}");
    let promtool = program("PROMTOOL", "promtool");
    let out = Command::new(promtool)
        .args(["check", "rules"])
        .arg(&rules)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Alert templates 30 levels deep, each used twice: once a quadratic duplicate check over
/// the copies that expansion let through (295 s).
#[test]
fn alert_templates_30_levels_deep() {
    let mut src = String::from(
        "template alert a0() {\n  alert \"Down\" { expr = `up == 0`, severity = critical }\n}\n",
    );
    for level in 1..=30 {
        let below = level - 1;
        writeln!(
            src,
            "template alert a{level}() {{\n  use a{below}\n  use a{below}\n}}"
        )
        .unwrap();
    }
    src.push_str("rules \"r\" {\n  group \"g\" {\n    use a30\n  }\n}\n");
    let (dir, run) = run("alerts.dac", &src);
    assert_clean_error(
        dir.path(),
        &run,
        "templates expand to more than",
        "alerts.dac:",
    );
}

/// Thousands of alerts, half of them repeating a name with the same labels: each
/// repeat is reported once, against the first, within the limits.
#[test]
fn many_duplicate_alerts_are_each_reported_once() {
    let mut src = String::from("rules \"r\" {\n  group \"g\" {\n");
    for i in 0..2_500 {
        writeln!(src, "    alert \"Down{i}\" {{ expr = `up == 0` }}").unwrap();
    }
    for i in 0..2_500 {
        writeln!(src, "    alert \"Down{i}\" {{ expr = `up == 1` }}").unwrap();
    }
    src.push_str("  }\n}\n");
    let (dir, run) = run("dups.dac", &src);
    assert_clean_error(
        dir.path(),
        &run,
        "duplicate alert `Down0`",
        "dups.dac:2503:11",
    );
    assert_eq!(run.stderr.matches("duplicate alert").count(), 2_500);
}

/// An unknown 100,000-character name next to a similar known one (200 KB): no edit
/// distance over its whole length (22 s).
#[test]
fn an_unknown_long_name_next_to_a_similar_one() {
    let long = "a".repeat(100_000);
    let src = format!(
        "template panel {long}b() {{\n  stat \"s\" {{ query `up` }}\n}}\ndashboard \"d\" {{\n  uid = \"d\"\n  use {long}\n}}\n"
    );
    let (dir, run) = run("names.dac", &src);
    assert_clean_error(dir.path(), &run, "unknown template", "names.dac:6:7");
    assert!(
        !run.stderr.contains("did you mean"),
        "{}",
        tail(&run.stderr)
    );
}

/// An unknown attribute used 400 times inside a template used 20 times (104 KB): the
/// suggestion is computed once, not for every copy (26 s).
#[test]
fn an_unknown_attribute_repeated_in_a_template() {
    let attribute = format!("unti{}", "x".repeat(250));
    let mut src = String::from("template panel p() {\n  stat \"s\" {\n    query `up`\n");
    for _ in 0..400 {
        writeln!(src, "    {attribute} = \"s\"").unwrap();
    }
    src.push_str("  }\n}\ndashboard \"d\" {\n  uid = \"d\"\n");
    src.push_str(&"  use p\n".repeat(20));
    src.push_str("}\n");
    let (dir, run) = run("attrs.dac", &src);
    assert_clean_error(dir.path(), &run, &format!("`{attribute}`"), "attrs.dac:4:5");
}

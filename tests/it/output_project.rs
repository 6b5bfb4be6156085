//! Shared by the `output_*` tests: two small projects that write overlapping trees (the
//! same paths with other bytes, and paths only one of them writes), so a tree that
//! mixes two builds is told apart from either; and running `dac` as a child process
//! that a test can watch, pause and kill.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};

use crate::dac_bin::{Run, tree};

/// Writes project `tag` ("a" or "b") into `dir`: `dashboards` dashboards in one folder
/// (`<tag>-<n>`, and `shared-<n>` whose bytes depend on the tag), a rule set only it
/// has, and the rule set `shared` that both have with other rules.
pub fn write_project(dir: &Path, tag: &str, dashboards: usize) {
    fs::create_dir_all(dir).unwrap();
    let mut text = String::new();
    for n in 0..dashboards {
        for (uid, title) in [(format!("{tag}-{n}"), "Own"), (format!("shared-{n}"), tag)] {
            text.push_str(&format!(
                "dashboard \"{title} {n}\" {{\n  uid = \"{uid}\"\n  folder = \"Team\"\n  \
                 stat \"Up {tag}\" {{\n    query `min(up{{job=\"{tag}\"}})`\n  }}\n}}\n"
            ));
        }
    }
    let agg = if tag == "a" { "min" } else { "max" };
    text.push_str(&format!(
        "rules \"shared\" {{\n  group \"shared.rules\" {{\n    \
         record \"job:up:{agg}\" = `{agg} by (job) (up)`\n  }}\n}}\n\
         rules \"only-{tag}\" {{\n  group \"only-{tag}.rules\" {{\n    \
         alert \"Down{tag}\" {{\n      expr = `up{{job=\"{tag}\"}} == 0`\n      for = 5m\n    }}\n  }}\n}}\n"
    ));
    fs::write(dir.join("project.dac"), text).unwrap();
}

/// Projects `a` and `b` under `root` (as `root/a`, `root/b`) and the tree each builds
/// on its own (the references), built into `root/ref-a/out` and `root/ref-b/out`.
pub struct Pair {
    pub a: PathBuf,
    pub b: PathBuf,
    pub tree_a: BTreeMap<String, Vec<u8>>,
    pub tree_b: BTreeMap<String, Vec<u8>>,
}

pub fn pair(root: &Path, dashboards: usize) -> Pair {
    let (a, b) = (root.join("a"), root.join("b"));
    write_project(&a, "a", dashboards);
    write_project(&b, "b", dashboards);
    let reference = |src: &Path, name: &str| {
        let out = root.join(name).join("out");
        build(src, &out).expect(0);
        let t = tree(&out);
        fs::remove_dir_all(root.join(name)).unwrap();
        t
    };
    let tree_a = reference(&a, "ref-a");
    let tree_b = reference(&b, "ref-b");
    assert_ne!(tree_a, tree_b);
    Pair {
        a,
        b,
        tree_a,
        tree_b,
    }
}

fn command(src: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dac"));
    cmd.arg("build")
        .arg(src)
        .args(extra)
        .arg("-o")
        .arg(out)
        .env("NO_COLOR", "1")
        .env_remove("DAC_TEST_PAUSE");
    cmd
}

/// `dac build SRC [EXTRA] -o OUT`, run to the end.
pub fn build_with(src: &Path, out: &Path, extra: &[&str]) -> Run {
    finish(command(src, out, extra).output().expect("dac starts"))
}

pub fn build(src: &Path, out: &Path) -> Run {
    build_with(src, out, &[])
}

fn finish(output: std::process::Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A `dac build` running in the background.
pub struct Running {
    pub child: Child,
    stderr: BufReader<ChildStderr>,
    pub seen: String,
}

/// Starts `dac build SRC [EXTRA] -o OUT` with the environment `env`.
pub fn spawn(src: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Running {
    let mut cmd = command(src, out, extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dac starts");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    Running {
        child,
        stderr,
        seen: String::new(),
    }
}

impl Running {
    /// Reads stderr until a line contains `needle`; fails if the process ends first.
    pub fn wait_for(&mut self, needle: &str) {
        loop {
            let mut line = String::new();
            let n = self.stderr.read_line(&mut line).unwrap();
            self.seen.push_str(&line);
            assert!(n > 0, "dac ended before saying {needle:?}:\n{}", self.seen);
            if line.contains(needle) {
                return;
            }
        }
    }

    /// SIGKILL, and wait for it to be gone.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the end; its exit code and everything it said on stderr.
    pub fn finish(mut self) -> (i32, String) {
        let mut rest = String::new();
        self.stderr.read_to_string(&mut rest).unwrap();
        self.seen.push_str(&rest);
        let status = self.child.wait().unwrap();
        (status.code().unwrap_or(-1), self.seen)
    }
}

/// The names in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The manifest's entries, and the files on disk it should list (all but itself).
pub fn manifest_and_disk(out: &Path) -> (Vec<String>, Vec<String>) {
    let listed: Vec<String> = fs::read_to_string(out.join(".dac-manifest"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let on_disk: Vec<String> = crate::dac_bin::files(&tree(out))
        .into_iter()
        .filter(|p| *p != ".dac-manifest")
        .map(str::to_string)
        .collect();
    (listed, on_disk)
}

/// A small deterministic generator (xorshift), so a failing run can be replayed.
pub struct Seeded(pub u64);

impl Seeded {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

pub fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

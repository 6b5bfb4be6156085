//! `--base GITREF` (`dac lint`, `dac diff`): the sources of a git revision, read from
//! git's objects (`git ls-tree` and `git cat-file --batch`) into an in-memory file
//! system. The work tree, the index and the checked-out branch are never touched.
//!
//! The `git` binary rather than gix: it is on every machine that has a repository to
//! compare, it reads every repository format and extension the user's git does, and two
//! processes a run cost milliseconds, where gix would add a large dependency tree.

use std::io::{Read, Write};
use std::path::{Component, PathBuf};
use std::process::{Command, Stdio};

use crate::config::FILE_NAME;
use crate::resolve::MemoryFs;

/// The `.dac` files and `dac.toml`s of `revision`, with dac running in the same
/// directory of the repository as now.
pub fn read(revision: &str) -> Result<MemoryFs, String> {
    let commit = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{revision}^{{commit}}"),
    ])
    .map_err(|_| format!("`{revision}` is not a revision of this git repository (for `--base`)"))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?)
        .trim()
        .trim_end_matches('/')
        .to_string();
    let listing = git(&["ls-tree", "-r", "-z", "--full-tree", &commit])?;
    let mut wanted: Vec<(String, String)> = Vec::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, hash) = (meta.next(), meta.next(), meta.next());
        // Regular files only: a link in the old tree is not followed.
        let regular = matches!(mode, Some("100644" | "100755")) && kind == Some("blob");
        let source = path.ends_with(".dac") || path.rsplit('/').next() == Some(FILE_NAME);
        if let (true, true, Some(hash)) = (regular, source, hash) {
            wanted.push((hash.to_string(), path.to_string()));
        }
    }
    let texts = cat_files(wanted.iter().map(|(hash, _)| hash.as_str()))?;
    let files: Vec<(&str, &str)> = wanted
        .iter()
        .zip(&texts)
        .map(|((_, path), text)| (path.as_str(), text.as_str()))
        .collect();
    Ok(MemoryFs::new(files).in_dir(&prefix))
}

/// The paths as the in-memory file system takes them: relative to where dac runs.
pub fn relative(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot tell the directory: {e}"))?;
    paths
        .iter()
        .map(|p| {
            if !p.is_absolute() {
                return Ok(p.clone());
            }
            let rest = p.strip_prefix(&cwd).map_err(|_| {
                format!(
                    "with `--base`, `{}` must be inside the directory dac runs in",
                    p.display()
                )
            })?;
            let rest: PathBuf = rest
                .components()
                .filter(|c| *c != Component::RootDir)
                .collect();
            Ok(if rest.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                rest
            })
        })
        .collect()
}

/// Runs git; its standard output, or its complaint as a tool error.
fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git for `--base`: {e}"))?;
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "`git {}` failed for `--base`: {}",
            args.join(" "),
            err.trim()
        ));
    }
    Ok(output.stdout)
}

/// The contents of blobs, in order, from one `git cat-file --batch`.
fn cat_files<'a>(hashes: impl Iterator<Item = &'a str>) -> Result<Vec<String>, String> {
    let input: String = hashes.map(|h| format!("{h}\n")).collect();
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git for `--base`: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("git cat-file has no input")?;
    // Written from another thread: git's output fills its pipe while we write.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    let read = child.stdout.take().map(|mut s| s.read_to_end(&mut out));
    let _ = writer.join();
    let status = child.wait().map_err(|e| format!("git cat-file: {e}"))?;
    if !status.success() || !matches!(read, Some(Ok(_))) {
        return Err("`git cat-file --batch` failed for `--base`".to_string());
    }
    parse_batch(&out)
}

/// `<hash> blob <size>\n<bytes>\n`, once per object.
fn parse_batch(mut out: &[u8]) -> Result<Vec<String>, String> {
    let bad = || "`git cat-file --batch` wrote what dac cannot read".to_string();
    let mut texts = Vec::new();
    while !out.is_empty() {
        let newline = out.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
        let header = String::from_utf8_lossy(&out[..newline]);
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        let body = out.get(newline + 1..newline + 1 + size).ok_or_else(bad)?;
        texts.push(String::from_utf8_lossy(body).into_owned());
        out = out.get(newline + 2 + size..).unwrap_or(&[]);
    }
    Ok(texts)
}

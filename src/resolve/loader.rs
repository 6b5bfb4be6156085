//! Reading the project's files: the roots (sorted, so any order of arguments gives the
//! same project), then what they import, relative to the importing file. What may be
//! read is the gate's business (`admission.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::admission::Gate;
use super::error::{ErrorKind, ResolveError};
use super::parsed_file::ParsedFile;
use super::reuse::Reuse;
use super::sandbox::Sandbox;
use crate::ast::{File, Stmt, ValueKind};
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::env::FileSystem;
use crate::source::SourceMap;

/// One `import "..."`: the span of its path string, and the file it names.
struct Import {
    span: Span,
    target: usize,
}

pub struct Loaded {
    /// Sorted by path.
    pub files: Vec<ParsedFile>,
    /// For each file, the files it sees templates of (itself and its imports, transitively).
    pub visible: BTreeMap<FileId, BTreeSet<FileId>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the files of `roots` and everything they import, inside `sandbox` only; a file
/// `reuse` has the tree of is not parsed again.
pub fn load(
    roots: &[PathBuf],
    fs: &dyn FileSystem,
    sandbox: &Sandbox,
    sources: &mut SourceMap,
    reuse: &mut Reuse,
) -> Loaded {
    let sandbox = &sandbox.resolved(|dir| fs.canonicalize(dir).ok());
    let gate = Gate { fs, sandbox };
    let mut diagnostics = Vec::new();
    let paths = gate.expand_roots(roots, &mut diagnostics);

    let mut files: Vec<Option<ParsedFile>> = Vec::new();
    // Slot of each path read (`None` when it could not be), by the path as named and by
    // its identity (links resolved), so a file reached twice is read once.
    let mut by_name: BTreeMap<PathBuf, Option<usize>> = BTreeMap::new();
    let mut by_identity: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut named: Vec<Vec<(Span, PathBuf)>> = Vec::new();
    let mut queue: Vec<(PathBuf, Option<Span>)> = paths.into_iter().map(|p| (p, None)).collect();
    let mut next = 0;
    while next < queue.len() {
        // A wave: every file queued so far is read in queue order (so files get the ids
        // and slots they would get one by one), then parsed on all cores; what the
        // files import makes the next wave.
        let mut wave = Vec::new();
        for (path, imported_at) in queue[next..].iter().cloned() {
            if by_name.contains_key(&path) {
                continue;
            }
            let admitted = gate.admit(&path, imported_at).and_then(|identity| {
                if let Some(&slot) = by_identity.get(&identity) {
                    return Ok(Err(slot));
                }
                let text = gate.read(&path, imported_at, sources)?;
                Ok(Ok((identity, text)))
            });
            match admitted {
                Ok(Ok((identity, text))) => {
                    let slot = files.len() + wave.len();
                    let id = sources.add(path.display().to_string(), text);
                    by_name.insert(path.clone(), Some(slot));
                    by_identity.insert(identity, slot);
                    wave.push((path, id));
                }
                Ok(Err(slot)) => {
                    by_name.insert(path, Some(slot));
                }
                Err(diagnostic) => {
                    diagnostics.push(*diagnostic);
                    by_name.insert(path, None);
                }
            }
        }
        next = queue.len();
        let parsed = parse_wave(wave, sources, reuse);
        for (path, id, (ast, parse_diagnostics)) in parsed {
            diagnostics.extend(parse_diagnostics);
            let mut imports = Vec::new();
            if let Some(ast) = &ast {
                let dir = path.parent().unwrap_or(Path::new(""));
                for stmt in ast.stmts.iter().filter(|s| s.key.text == "import") {
                    let Some((target, span)) = import_path(stmt) else {
                        diagnostics.push(not_an_import(stmt));
                        continue;
                    };
                    match gate.resolve_import(dir, target, span) {
                        Ok(target) => {
                            queue.push((target.clone(), Some(span)));
                            imports.push((span, target));
                        }
                        Err(diagnostic) => diagnostics.push(*diagnostic),
                    }
                }
            }
            named.push(imports);
            files.push(ast.map(|ast| ParsedFile { path, id, ast }));
        }
    }

    // The import graph, now that every file has its slot.
    let imports: Vec<Vec<Import>> = named
        .iter()
        .map(|list| {
            list.iter()
                .filter_map(|(span, path)| {
                    let target = (*by_name.get(path)?)?;
                    Some(Import {
                        span: *span,
                        target,
                    })
                })
                .collect()
        })
        .collect();
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.as_ref()
                .map_or(String::new(), |f| f.path.display().to_string())
        })
        .collect();
    diagnostics.extend(cycles(&imports, &names));
    let visible = visibility(&files, &imports);

    let mut files: Vec<ParsedFile> = files.into_iter().flatten().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Loaded {
        files,
        visible,
        diagnostics,
    }
}

/// A file's syntax tree, if it parsed, and what parsing it reported.
type Parsed = (Option<File>, Vec<Diagnostic>);

/// The files of a wave, parsed on all cores, in order; a file `reuse` has the tree of
/// is taken instead.
fn parse_wave(
    wave: Vec<(PathBuf, FileId)>,
    sources: &SourceMap,
    reuse: &mut Reuse,
) -> Vec<(PathBuf, FileId, Parsed)> {
    let text = |id| sources.get(id).map_or("", |f| f.text.as_str());
    let wave: Vec<_> = wave
        .into_iter()
        .map(|(path, id)| {
            let tree = reuse.take(&path, id, text(id));
            (path, id, tree)
        })
        .collect();
    crate::par::map(wave, |(path, id, tree)| match tree {
        Some(tree) => (path, id, (Some(tree), Vec::new())),
        None => (path, id, crate::syntax::parse(id, text(id))),
    })
}

/// For each file, the files it sees: itself and its imports, transitively.
fn visibility(
    files: &[Option<ParsedFile>],
    imports: &[Vec<Import>],
) -> BTreeMap<FileId, BTreeSet<FileId>> {
    let ids: Vec<Option<FileId>> = files.iter().map(|f| f.as_ref().map(|f| f.id)).collect();
    let mut visible = BTreeMap::new();
    for (slot, id) in ids.iter().enumerate() {
        let Some(id) = id else { continue };
        let mut seen = BTreeSet::from([slot]);
        let mut stack = vec![slot];
        while let Some(s) = stack.pop() {
            for import in &imports[s] {
                if seen.insert(import.target) {
                    stack.push(import.target);
                }
            }
        }
        visible.insert(*id, seen.into_iter().filter_map(|s| ids[s]).collect());
    }
    visible
}

fn not_an_import(stmt: &Stmt) -> Diagnostic {
    ResolveError::new(
        stmt.head_span(),
        ErrorKind::NotABlock {
            keyword: "import".into(),
            usage: "import \"path/to/file.dac\"",
        },
    )
    .to_diagnostic()
}

/// The path of `import "path"` and the span of its string.
fn import_path(stmt: &Stmt) -> Option<(&str, Span)> {
    match (stmt.headers.as_slice(), &stmt.value, &stmt.body) {
        ([h], None, None) => match &h.kind {
            ValueKind::String { text, .. } => Some((text.as_str(), h.span)),
            _ => None,
        },
        _ => None,
    }
}

/// One error per import that closes a cycle, naming the import that opened it.
fn cycles(imports: &[Vec<Import>], names: &[String]) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; imports.len()];
    let mut out = Vec::new();
    for start in 0..imports.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Depth-first, iteratively: (file, next import to follow, span of the import
        // that led here).
        let mut stack: Vec<(usize, usize, Option<Span>)> = vec![(start, 0, None)];
        marks[start] = Mark::Open;
        while let Some(top) = stack.last_mut() {
            let (file, i) = (top.0, top.1);
            let Some(import) = imports[file].get(i) else {
                marks[file] = Mark::Done;
                stack.pop();
                continue;
            };
            top.1 += 1;
            match marks[import.target] {
                Mark::New => {
                    marks[import.target] = Mark::Open;
                    stack.push((import.target, 0, Some(import.span)));
                }
                Mark::Open => {
                    // The import that entered the target starts the cycle.
                    let opened = stack
                        .iter()
                        .skip_while(|(f, _, _)| *f != import.target)
                        .nth(1)
                        .and_then(|(_, _, span)| *span);
                    let mut e = ResolveError::new(
                        import.span,
                        ErrorKind::ImportCycle {
                            path: names.get(import.target).cloned().unwrap_or_default(),
                        },
                    );
                    if let Some(opened) = opened {
                        e = e.with_related(opened, "which is imported here");
                    }
                    out.push(e);
                }
                Mark::Done => {}
            }
        }
    }
    out.into_iter().map(|e| e.to_diagnostic()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MemoryFs;
    use crate::resolve::sandbox::AllowedDir;

    fn load_mem(files: &[(&str, &str)], roots: &[&str]) -> (Loaded, SourceMap) {
        let fs = MemoryFs::new(files.iter().copied());
        let mut sources = SourceMap::new();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        // Rooted at `/`: these tests are about imports, not about the sandbox.
        let sandbox = Sandbox::around(&[PathBuf::from(".")], Path::new("/"), |_| true);
        (
            load(&roots, &fs, &sandbox, &mut sources, &mut Reuse::default()),
            sources,
        )
    }

    #[test]
    fn follows_imports_relative_to_the_importing_file() {
        let (loaded, _) = load_mem(
            &[
                ("d/a.dac", "import \"../lib/x.dac\"\n"),
                ("lib/x.dac", "import \"y.dac\"\n"),
                ("lib/y.dac", ""),
            ],
            &["d"],
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let paths: Vec<String> = loaded
            .files
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        assert_eq!(paths, ["d/a.dac", "lib/x.dac", "lib/y.dac"]);
        // a.dac sees the templates of x.dac and, through it, y.dac.
        let a = loaded.files[0].id;
        assert_eq!(loaded.visible[&a].len(), 3);
    }

    #[test]
    fn reports_missing_roots_imports_and_cycles() {
        let (loaded, _) = load_mem(
            &[
                ("a.dac", "import \"b.dac\"\nimport \"gone.dac\"\n"),
                ("b.dac", "import \"a.dac\"\n"),
            ],
            &["a.dac", "missing.dac"],
        );
        let messages: Vec<&str> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("cannot read `missing.dac`"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("cannot import `gone.dac`"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("import cycle: `a.dac`"))
        );
    }

    fn load_in(files: &[(&str, &str)], roots: &[&str], sandbox: &Sandbox) -> Vec<String> {
        let fs = MemoryFs::new(files.iter().copied());
        let mut sources = SourceMap::new();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        let loaded = load(&roots, &fs, sandbox, &mut sources, &mut Reuse::default());
        loaded
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect()
    }

    fn rooted_at(dir: &str) -> Sandbox {
        Sandbox::around(&[PathBuf::from(dir)], Path::new("/"), |_| true)
    }

    #[test]
    fn imports_that_leave_the_root_are_refused_without_reading_them() {
        let files = [
            (
                "p/a.dac",
                "import \"/etc/passwd\"\nimport \"../secret.dac\"\nimport \"x/../../secret.dac\"\n",
            ),
            ("secret.dac", "dashboard \"never read\" {"),
        ];
        let messages = load_in(&files, &["p"], &rooted_at("p"));
        assert_eq!(
            messages,
            [
                "cannot import `/etc/passwd`: an import is a path relative to the importing \
                 file, not an absolute path",
                "`../secret.dac` is outside the project root `p`",
                "`x/../../secret.dac` is outside the project root `p`",
            ]
        );
    }

    #[test]
    fn import_paths_let_a_library_outside_the_root_in() {
        let files = [
            (
                "p/a.dac",
                "import \"golden.dac\"\nimport \"../library/golden.dac\"\n",
            ),
            ("library/golden.dac", ""),
        ];
        assert_eq!(load_in(&files, &["p"], &rooted_at("p")).len(), 2);
        let mut sandbox = rooted_at("p");
        sandbox.import_paths = vec![AllowedDir::new(
            PathBuf::from("library"),
            Path::new("/"),
            None,
        )];
        assert_eq!(load_in(&files, &["p"], &sandbox), Vec::<String>::new());
    }

    #[test]
    fn only_dac_files_under_the_size_limit_are_read() {
        let files = [
            ("p/a.dac", "import \"notes.txt\"\n"),
            ("p/notes.txt", "token=hunter2"),
            ("p/big.dac", "# 20 bytes of nothing"),
        ];
        let mut sandbox = rooted_at("p");
        sandbox.max_file_size = 20;
        let messages = load_in(&files, &["p/a.dac", "p/big.dac"], &sandbox);
        assert_eq!(
            messages,
            [
                "`p/big.dac` is 21 bytes, over the limit of 20 bytes for a source file",
                "`p/notes.txt` is not a `.dac` file; dac reads only `.dac` sources",
            ]
        );
    }

    #[test]
    fn a_file_named_twice_is_read_once() {
        let files = [("p/a.dac", "import \"b.dac\"\n"), ("p/b.dac", "")];
        let fs = MemoryFs::new(files);
        let mut sources = SourceMap::new();
        let roots = [PathBuf::from("p"), PathBuf::from("p/./b.dac")];
        let loaded = load(
            &roots,
            &fs,
            &rooted_at("p"),
            &mut sources,
            &mut Reuse::default(),
        );
        assert!(loaded.diagnostics.is_empty());
        assert_eq!(loaded.files.len(), 2);
    }
}

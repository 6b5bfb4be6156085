//! Reading the project's files: the roots (sorted, so any order of arguments gives the
//! same project), then what they import, relative to the importing file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::error::{ErrorKind, ResolveError};
use super::fs::{FileSystem, normalize};
use crate::ast::{File, Stmt, ValueKind};
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::source::SourceMap;

pub struct LoadedFile {
    pub path: PathBuf,
    pub id: FileId,
    pub ast: File,
}

/// One `import "..."`: the span of its path string, and the file it names.
struct Import {
    span: Span,
    target: usize,
}

pub struct Loaded {
    /// Sorted by path.
    pub files: Vec<LoadedFile>,
    /// For each file, the files it sees templates of (itself and its imports, transitively).
    pub visible: BTreeMap<FileId, BTreeSet<FileId>>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load(roots: &[PathBuf], fs: &dyn FileSystem, sources: &mut SourceMap) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
    for root in roots {
        if fs.is_dir(root) {
            match fs.dac_files(root) {
                Ok(files) => paths.extend(files.iter().map(|p| normalize(p))),
                Err(e) => diagnostics.push(
                    ResolveError::new(
                        Span::DUMMY,
                        ErrorKind::RootNotFound {
                            path: root.display().to_string(),
                            reason: e.to_string(),
                        },
                    )
                    .to_diagnostic(),
                ),
            }
        } else {
            paths.insert(normalize(root));
        }
    }

    let mut files: Vec<Option<LoadedFile>> = Vec::new();
    let mut index: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut imports: Vec<Vec<Import>> = Vec::new();
    let mut queue: Vec<(PathBuf, Option<Span>)> = paths.into_iter().map(|p| (p, None)).collect();
    let mut next = 0;
    while next < queue.len() {
        // A wave: every file queued so far is read in queue order (so files get the ids
        // and slots they would get one by one), then parsed on all cores; what the
        // files import makes the next wave.
        let mut wave = Vec::new();
        let mut read = 0;
        for (path, imported_at) in queue[next..].iter().cloned() {
            if index.contains_key(&path) {
                continue;
            }
            match fs.read(&path) {
                Ok(text) => {
                    let id = sources.add(path.display().to_string(), text);
                    index.insert(path.clone(), files.len() + read);
                    read += 1;
                    wave.push(Ok((path, id)));
                }
                Err(e) => {
                    let kind = match imported_at {
                        Some(_) => ErrorKind::ImportNotFound {
                            path: path.display().to_string(),
                            reason: e.to_string(),
                        },
                        None => ErrorKind::RootNotFound {
                            path: path.display().to_string(),
                            reason: e.to_string(),
                        },
                    };
                    let span = imported_at.unwrap_or(Span::DUMMY);
                    wave.push(Err(Box::new(ResolveError::new(span, kind).to_diagnostic())));
                    index.insert(path, usize::MAX);
                }
            }
        }
        next = queue.len();
        let shared: &SourceMap = sources;
        let parsed = crate::par::map(wave, |entry| {
            entry.map(|(path, id)| {
                let text = shared.get(id).map_or("", |f| f.text.as_str());
                (path, id, crate::syntax::parse(id, text))
            })
        });
        for entry in parsed {
            let (path, id, (ast, parse_diagnostics)) = match entry {
                Ok(parsed) => parsed,
                Err(diagnostic) => {
                    diagnostics.push(*diagnostic);
                    continue;
                }
            };
            diagnostics.extend(parse_diagnostics);
            imports.push(Vec::new());
            if let Some(ast) = &ast {
                let dir = path.parent().unwrap_or(Path::new(""));
                for stmt in ast.stmts.iter().filter(|s| s.key.text == "import") {
                    match import_path(stmt) {
                        Some((target, span)) => {
                            queue.push((normalize(&dir.join(target)), Some(span)));
                        }
                        None => diagnostics.push(
                            ResolveError::new(
                                stmt.head_span(),
                                ErrorKind::NotABlock {
                                    keyword: "import".into(),
                                    usage: "import \"path/to/file.dac\"",
                                },
                            )
                            .to_diagnostic(),
                        ),
                    }
                }
            }
            files.push(ast.map(|ast| LoadedFile { path, id, ast }));
        }
    }

    // The import graph, now that every file has its slot.
    for (slot, file) in files.iter().enumerate() {
        let Some(file) = file else { continue };
        let dir = file.path.parent().unwrap_or(Path::new(""));
        for stmt in file.ast.stmts.iter().filter(|s| s.key.text == "import") {
            if let Some((target, span)) = import_path(stmt)
                && let Some(&t) = index.get(&normalize(&dir.join(target)))
                && t != usize::MAX
            {
                imports[slot].push(Import { span, target: t });
            }
        }
    }
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.as_ref()
                .map_or(String::new(), |f| f.path.display().to_string())
        })
        .collect();
    diagnostics.extend(cycles(&imports, &names));

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

    let mut files: Vec<LoadedFile> = files.into_iter().flatten().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Loaded {
        files,
        visible,
        diagnostics,
    }
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
    use crate::resolve::fs::MemoryFs;

    fn load_mem(files: &[(&str, &str)], roots: &[&str]) -> (Loaded, SourceMap) {
        let fs = MemoryFs::new(files.iter().copied());
        let mut sources = SourceMap::new();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        (load(&roots, &fs, &mut sources), sources)
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
}

//! The shape of `server/src`: the files' `use` graph (paths through `crate::`, `super::` and a
//! module's own children, test modules left out) has no cycle, so each layer reads on its own:
//! the tick's rules below the session that runs them, the session below the network edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`["systems", "intents"]`) to file, for every file under `src/`.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "main.rs") {
                continue;
            }
            let rel = path.strip_prefix(src).expect("under src");
            let mut segments: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            let last = segments.pop().expect("a file name");
            let stem = last.trim_end_matches(".rs");
            if stem != "mod" && stem != "lib" {
                segments.push(stem.to_owned());
            }
            out.insert(segments, path);
        }
    }
    out
}

/// The code of a file without comments and without its test module.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a readable source file");
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// Every path the code names from `crate::`, `super::` or a child module, as absolute
/// segments; groups (`a::{b, c::D}`) are expanded one level.
fn paths(code: &str, me: &[String], children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        // A path starting here: idents joined by `::`, maybe ending in a `{...}` group.
        let mut segments = Vec::new();
        let mut j = i;
        let mut group = None;
        loop {
            let start = j;
            while j < bytes.len() && ident(bytes[j]) {
                j += 1;
            }
            segments.push(code[start..j].to_owned());
            if !code[j..].starts_with("::") {
                break;
            }
            j += 2;
            if code[j..].starts_with('{') {
                let end = code[j..].find('}').map_or(code.len(), |e| j + e);
                group = Some(code[j + 1..end].to_owned());
                j = end;
                break;
            }
        }
        i = j.max(i + 1);
        let base: Vec<String> = match segments[0].as_str() {
            "crate" => segments[1..].to_vec(),
            "super" => {
                let mut up = me[..me.len().saturating_sub(1)].to_vec();
                up.extend(segments[1..].iter().cloned());
                up
            }
            first if segments.len() > 1 || group.is_some() => {
                if !children.contains(first) {
                    continue;
                }
                let mut down = me.to_vec();
                down.extend(segments.iter().cloned());
                down
            }
            _ => continue,
        };
        match group {
            Some(g) => {
                for item in g.split(',') {
                    let mut p = base.clone();
                    p.extend(item.split("::").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty() && s != "self"));
                    out.push(p);
                }
            }
            None => out.push(base),
        }
    }
    out
}

/// The file-level import graph of `src/`.
fn graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let modules = modules(src);
    let mut graph = BTreeMap::new();
    for (me, file) in &modules {
        let children: BTreeSet<String> = modules
            .keys()
            .filter(|m| m.len() == me.len() + 1 && m.starts_with(me))
            .map(|m| m[me.len()].clone())
            .collect();
        let mut targets = BTreeSet::new();
        for path in paths(&code(file), me, &children) {
            // The deepest module the path names (the rest are items in it).
            let target = (0..=path.len()).rev().find_map(|n| modules.get(&path[..n]));
            if let Some(target) = target.filter(|t| *t != file && !path.is_empty()) {
                targets.insert(target.clone());
            }
        }
        graph.insert(file.clone(), targets);
    }
    graph
}

/// One cycle through `graph`, if there is any.
fn cycle(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        marks: &mut BTreeMap<PathBuf, Mark>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut found = stack[from..].to_vec();
                found.push(node.clone());
                return Some(found);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, marks, stack) {
                return Some(found);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph.keys().find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

#[test]
fn the_server_sources_import_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(graph.len() > 30, "the graph covers the server's files ({} found)", graph.len());
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(edges > 50, "and their imports ({edges} found)");
    if let Some(found) = cycle(&graph) {
        let names: Vec<String> =
            found.iter().map(|p| p.strip_prefix(&src).unwrap_or(p).display().to_string()).collect();
        panic!("an import cycle: {}", names.join(" -> "));
    }
}

#[test]
fn the_cycle_check_finds_a_planted_cycle() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let src = dir.path();
    std::fs::create_dir_all(src.join("a")).expect("a module directory");
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\n").expect("lib.rs");
    std::fs::write(src.join("a/mod.rs"), "mod inner;\npub use inner::Thing;\n").expect("a/mod.rs");
    std::fs::write(src.join("a/inner.rs"), "use crate::b::{Other, more::X};\npub struct Thing;\n").expect("inner");
    std::fs::write(src.join("b.rs"), "// crate::a is only a comment here\npub struct Other;\n").expect("b.rs");
    assert_eq!(cycle(&graph(src)), None, "no cycle yet");
    std::fs::write(src.join("b.rs"), "pub fn f() -> crate::a::Thing { crate::a::Thing }\n").expect("b.rs");
    let found = cycle(&graph(src)).expect("the cycle a -> inner -> b -> a");
    assert_eq!(found.len(), 4, "{found:?}");
}

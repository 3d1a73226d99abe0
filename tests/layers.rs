//! The layers import only downward (docs/architecture.md): every `crate::<module>` path in a
//! file under `src/<module>` must name a module of the same or a lower layer.

use std::fs;
use std::path::Path;

/// Modules from the bottom layer up; modules on one line share a layer.
const LAYERS: &[&[&str]] = &[
    &["numeric"],
    &["landscape"],
    &["optim"],
    &["scenario"],
    &["run"],
    &["analysis"],
    &["render"],
    &["report", "bench"],
    &["web", "bin"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).expect("readable src/") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::<name>` in `text` (in `use` lines and in paths written inline).
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let tail = &rest[i + 7..];
            let name: String = tail.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.push((n + 1, name));
            }
            rest = &rest[i + 7..];
        }
    }
    out
}

/// The violations in the tree under `src`: (file, line, own module, imported module).
fn upward_imports(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut bad = Vec::new();
    for f in files {
        let rel = f.strip_prefix(src).expect("under src");
        let first = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
        let own = first.trim_end_matches(".rs");
        if own == "lib" {
            continue;
        }
        let own_layer = layer(own).unwrap_or_else(|| panic!("{}: module '{own}' has no layer in tests/layers.rs", rel.display()));
        let text = fs::read_to_string(&f).expect("readable source");
        for (line, target) in crate_paths(&text) {
            match layer(&target) {
                Some(l) if l > own_layer => bad.push(format!("{}:{line}: {own} imports {target}, a higher layer", rel.display())),
                Some(_) => {}
                None => bad.push(format!("{}:{line}: crate::{target} is not a module with a layer", rel.display())),
            }
        }
    }
    bad
}

#[test]
fn every_import_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = upward_imports(&src);
    assert!(bad.is_empty(), "upward imports:\n{}", bad.join("\n"));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).expect("lib.rs");
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ").and_then(|r| r.strip_suffix(';')) {
            assert!(layer(name).is_some(), "module {name} has no layer");
        }
    }
}

#[test]
fn the_checker_sees_an_upward_import() {
    // A file in `landscape` that names `run` must be reported.
    let dir = std::env::temp_dir().join(format!("saddlescope-layers-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("landscape")).expect("temp dir");
    fs::write(dir.join("landscape/bad.rs"), "use crate::numeric::math;\nuse crate::run::Race;\n").expect("write");
    let bad = upward_imports(&dir);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].contains("landscape imports run"), "{bad:?}");
}

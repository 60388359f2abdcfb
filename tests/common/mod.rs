//! Helpers shared by the integration tests: run the built binary, temp dirs, query results, and
//! extraction of short invented sentences with one shared extractor.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_guanxi")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("guanxi-it-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn run(store: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--store")
        .arg(store)
        .arg("--quiet")
        .args(args)
        .current_dir(root())
        .output()
        .expect("guanxi runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Ingests the bundled seeds into a fresh store and returns it.
pub fn seeded_store(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let store = dir.join("store");
    let o = run(&store, &["ingest", "seeds/"]);
    assert_eq!(o.status.code(), Some(0), "ingest failed: {}", stderr(&o));
    store
}

/// SELECT results as rows of variable → value.
pub fn select(store: &Path, query: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let o = run(store, &["query", "--format", "json", query]);
    assert_eq!(o.status.code(), Some(0), "query failed: {}\n{query}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SPARQL results JSON");
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .collect()
}

pub fn ask(store: &Path, query: &str) -> bool {
    let o = run(store, &["query", "--format", "json", query]);
    assert_eq!(o.status.code(), Some(0), "query failed: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["boolean"].as_bool().expect("ASK result")
}

pub fn quad_count(store: &Path) -> u64 {
    let o = run(store, &["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stats JSON");
    v["quads"].as_u64().unwrap()
}

/// Extracts a short text with one extractor built once per test binary.
pub fn extract(text: &str) -> guanxi::extract::DocumentExtraction {
    static EX: std::sync::OnceLock<guanxi::extract::Extractor> = std::sync::OnceLock::new();
    let ex = EX.get_or_init(|| guanxi::extract::Extractor::new().unwrap());
    ex.extract(&guanxi::text::Document::from_text("t.txt", text))
}

/// The names of the entities of one class.
pub fn names(d: &guanxi::extract::DocumentExtraction, class: guanxi::extract::EntityClass) -> Vec<String> {
    d.entities
        .iter()
        .filter(|e| e.class == class)
        .map(|e| e.name.clone())
        .collect()
}

/// Whether an entity of that class and name was found.
pub fn has(d: &guanxi::extract::DocumentExtraction, class: guanxi::extract::EntityClass, name: &str) -> bool {
    d.entities.iter().any(|e| e.class == class && e.name == name)
}

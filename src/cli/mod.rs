//! Command-line interface (temporary minimal version).
use crate::extract::Extractor;
use crate::text::{collect_inputs, read_document};
use std::path::PathBuf;

pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--") && *a != "extract")
        .map(PathBuf::from)
        .collect();
    let ex = match Extractor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let files = match collect_inputs(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    for f in files {
        match read_document(&f) {
            Ok(doc) => println!("{}", serde_json::to_string(&ex.extract(&doc)).unwrap()),
            Err(e) => eprintln!("warning: {e}"),
        }
    }
    0
}

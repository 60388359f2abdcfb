//! Throughput of the pipeline on the bundled seeds: `cargo bench`.
//!
//! Prints characters per second for extraction alone (one thread and all threads) and for
//! ingest into a fresh embedded store, plus the extractor's start-up time. The corpus benchmark
//! with every target of the scale work is `guanxi bench`; speed is checked there and here, not in
//! tests: tests assert behaviour.

use guanxi::extract::Extractor;
use guanxi::graph::algorithms::EdgeFilter;
use guanxi::rdf::{DocumentSource, GraphStore, document_quads};
use guanxi::text::{Document, collect_inputs, read_document};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let files = collect_inputs(&[root.join("seeds")]).expect("seeds");
    let docs: Vec<Document> = files.iter().map(|f| read_document(f).expect("seed decodes")).collect();
    let chars: usize = docs.iter().map(|d| d.original.chars().count()).sum();

    let t = Instant::now();
    let extractor = Extractor::new().expect("lexicons");
    println!(
        "start-up (lexicons, gazetteer, automaton, segmenter): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let rounds = 20;
    let t = Instant::now();
    let mut entities = 0;
    for _ in 0..rounds {
        for d in &docs {
            entities += extractor.extract(d).entities.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extract, 1 thread:  {:>9.0} chars/s  ({} docs × {rounds}, {:.1} ms per 10k chars, {} entities)",
        (chars * rounds) as f64 / secs,
        docs.len(),
        secs * 1e3 / ((chars * rounds) as f64 / 1e4),
        entities / rounds
    );

    let t = Instant::now();
    (0..rounds).into_par_iter().for_each(|_| {
        for d in &docs {
            std::hint::black_box(extractor.extract(d));
        }
    });
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extract, {} threads: {:>9.0} chars/s",
        rayon::current_num_threads(),
        (chars * rounds) as f64 / secs
    );

    let dir = std::env::temp_dir().join(format!("guanxi-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = GraphStore::open(&dir).expect("store opens");
    let t = Instant::now();
    let mut writer = store.writer();
    for d in &docs {
        let ext = extractor.extract(d);
        let source = DocumentSource {
            text: Some(&d.original),
            chars: d.original.chars().count(),
            continuation: false,
        };
        writer.add(document_quads(&ext, source)).expect("store");
    }
    writer.finish().expect("commit");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extract + store (one batch): {:>9.0} chars/s, {} quads in {:.0} ms",
        chars as f64 / secs,
        store.len().unwrap_or(0),
        secs * 1e3
    );
    let t = Instant::now();
    store.refresh_index().expect("index");
    let g = store.relation_graph(&EdgeFilter::default()).expect("graph loads");
    println!(
        "relation graph indexed and loaded: {} nodes, {} edges in {:.0} ms",
        g.node_count(),
        g.edge_count(),
        t.elapsed().as_secs_f64() * 1e3
    );
    println!("(the corpus benchmark with every target: `guanxi bench`)");
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

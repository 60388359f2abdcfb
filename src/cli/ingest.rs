//! `guanxi ingest` and `guanxi stats`.

use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_PARTIAL, ReportFormat, extractor, progress};
use crate::rdf::{GraphStore, IngestOutcome};
use crate::text::{collect_inputs, read_document};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(cli: &Cli, paths: &[PathBuf]) -> Result<i32> {
    let started = Instant::now();
    let files = collect_inputs(paths).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = GraphStore::open(&cli.store)?;
    let extractor = extractor(cli)?;
    let bar = progress(cli, files.len() as u64, "ingesting");
    let (mut added, mut replaced, mut unchanged, mut skipped) = (0, 0, 0, 0);
    let mut chars = 0usize;
    // extract in parallel, store in input order, one transaction per file
    for chunk in files.chunks(16) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|f| {
                read_document(f).map(|doc| {
                    // an unchanged file is not extracted again
                    let unchanged =
                        store.document_hash(&doc.name).ok().flatten().as_deref() == Some(doc.content_hash.as_str());
                    let ext = (!unchanged).then(|| extractor.extract(&doc));
                    (doc.original.chars().count(), ext)
                })
            })
            .collect();
        for (file, result) in chunk.iter().zip(results) {
            match result {
                Ok((n, None)) => {
                    chars += n;
                    unchanged += 1;
                }
                Ok((n, Some(ext))) => {
                    chars += n;
                    match store
                        .ingest(&ext)
                        .with_context(|| format!("{}: cannot store", file.path.display()))?
                    {
                        IngestOutcome::Added => added += 1,
                        IngestOutcome::Replaced => replaced += 1,
                        IngestOutcome::Unchanged => unchanged += 1,
                    }
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("warning: skipped {e}"));
                    skipped += 1;
                }
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    if !cli.quiet {
        eprintln!(
            "{} file(s): {added} added, {replaced} replaced, {unchanged} unchanged, {skipped} skipped — {} characters in {:.2}s",
            files.len(),
            chars,
            elapsed.as_secs_f64()
        );
        print_summary(&store, ReportFormat::Table)?;
    }
    Ok(if skipped > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

pub fn stats(cli: &Cli, format: ReportFormat) -> Result<i32> {
    let store = GraphStore::open_existing(&cli.store)?;
    print_summary(&store, format)?;
    Ok(EXIT_OK)
}

fn print_summary(store: &GraphStore, format: ReportFormat) -> Result<()> {
    let s = store.summary()?;
    if format == ReportFormat::Json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    println!(
        "store {}: {} document(s), {} quads",
        store.path().display(),
        s.documents,
        s.quads
    );
    let mut t = Table::new(["entities", "count"]);
    for (c, n) in &s.classes {
        t.row([c.clone(), n.to_string()]);
    }
    print!("{}", t.render());
    let mut t = Table::new(["relations", "count"]);
    for (k, n) in &s.relations {
        t.row([k.clone(), n.to_string()]);
    }
    print!("{}", t.render());
    Ok(())
}

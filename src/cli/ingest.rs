//! `guanxi ingest` and `guanxi stats`.

use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_PARTIAL, ReportFormat, extractor, progress};
use crate::pipeline::{Event, ingest};
use crate::rdf::GraphStore;
use crate::text::collect_inputs;
use anyhow::Result;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(cli: &Cli, paths: &[PathBuf]) -> Result<i32> {
    let started = Instant::now();
    let files = collect_inputs(paths).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = GraphStore::open(&cli.store)?;
    let extractor = extractor(cli)?;
    let bar = progress(cli, files.len() as u64, "ingesting");
    let report = ingest(&store, &extractor, &files, |event| match event {
        Event::Done(_) => bar.inc(1),
        Event::Skipped(_, e) => {
            bar.suspend(|| eprintln!("warning: skipped {e}"));
            bar.inc(1);
        }
    })?;
    bar.finish_and_clear();
    if report.added + report.replaced > 0 || !store.path().join(crate::rdf::index::INDEX_FILE).exists() {
        store.refresh_index()?;
    }
    let elapsed = started.elapsed();
    if !cli.quiet {
        eprintln!(
            "{} file(s): {} added, {} replaced, {} unchanged, {} skipped — {} characters in {:.2}s",
            report.files,
            report.added,
            report.replaced,
            report.unchanged,
            report.skipped,
            report.chars,
            elapsed.as_secs_f64()
        );
        print_summary(&store, ReportFormat::Table)?;
    }
    Ok(if report.skipped > 0 { EXIT_PARTIAL } else { EXIT_OK })
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

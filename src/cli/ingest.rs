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
    // a running `guanxi serve` owns the store: hand it the documents
    if let Some(served) = crate::serve::discovery::find(&cli.store) {
        return via_server(cli, &served, &files, started);
    }
    if crate::serve::discovery::unreadable(&cli.store) {
        anyhow::bail!(
            "store {} is served by another user's guanxi serve (its serve.json is not readable to you): \
             ask them to ingest, or to stop the server",
            cli.store.display()
        );
    }
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

/// Sends the files to the server that owns the store and prints what it did.
fn via_server(
    cli: &Cli,
    served: &crate::serve::discovery::Served,
    files: &[crate::text::CorpusFile],
    started: Instant,
) -> Result<i32> {
    if !cli.quiet {
        eprintln!(
            "store {} is served by guanxi serve at http://{} (pid {}): sending {} file(s) to it",
            cli.store.display(),
            served.addr,
            served.pid,
            files.len()
        );
    }
    let sent = crate::serve::ingest::send(served, files)?;
    for s in &sent.skipped_files {
        eprintln!("warning: skipped {s}");
    }
    if !cli.quiet {
        eprintln!(
            "{} file(s): {} added, {} replaced, {} unchanged, {} skipped — {} characters in {:.2}s",
            sent.files,
            sent.added,
            sent.replaced,
            sent.unchanged,
            sent.skipped,
            sent.chars,
            started.elapsed().as_secs_f64()
        );
        if let Some(s) = &sent.summary {
            print_summary_of(&cli.store.display().to_string(), s, ReportFormat::Table)?;
        }
    }
    Ok(if sent.skipped > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

pub fn stats(cli: &Cli, format: ReportFormat) -> Result<i32> {
    let store = GraphStore::open_existing(&cli.store)?;
    print_summary(&store, format)?;
    Ok(EXIT_OK)
}

fn print_summary(store: &GraphStore, format: ReportFormat) -> Result<()> {
    print_summary_of(&store.path().display().to_string(), &store.summary()?, format)
}

fn print_summary_of(path: &str, s: &crate::rdf::Summary, format: ReportFormat) -> Result<()> {
    if format == ReportFormat::Json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    println!("store {path}: {} document(s), {} quads", s.documents, s.quads);
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

//! The whole pipeline from files to the store, as `guanxi ingest` and the benchmark run it.
//!
//! Files are read, hashed and decoded in parallel; a file whose content hash is already stored
//! is not extracted again; the others are extracted and mapped to RDF on every core, in input
//! order, and handed through a bounded channel to one writer thread that commits them in
//! batches (`rdf::write`). Extraction of the next files overlaps the writing of the last ones,
//! and memory stays bounded: a few chunks of documents in flight, long files in parts.

use crate::extract::Extractor;
use crate::extract::parts::is_long;
use crate::rdf::{DocumentQuads, DocumentSource, GraphStore, IngestOutcome, StoreWriter, WriteStats, document_quads};
use crate::text::{CorpusFile, InputError, Source, read_source};
use anyhow::{Result, anyhow};
use rayon::prelude::*;
use std::sync::mpsc::sync_channel;

/// Files read and extracted together (then handed to the writer in order).
const CHUNK: usize = 32;

/// What an ingest did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestReport {
    pub files: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Characters of every file read (unchanged ones included).
    pub chars: usize,
    /// Characters extracted.
    pub extracted_chars: usize,
    pub quads: usize,
    pub commits: usize,
}

/// Something that happened to one file, for progress display.
pub enum Event<'a> {
    Done(&'a CorpusFile),
    Skipped(&'a CorpusFile, &'a InputError),
}

enum Work {
    Doc(DocumentQuads),
    Long(Source),
}

/// The RDF of a whole (short) file.
pub fn source_quads(extractor: &Extractor, src: &Source) -> DocumentQuads {
    let ext = extractor.extract_source(src);
    document_quads(
        &ext,
        DocumentSource {
            text: Some(&src.text),
            chars: src.chars,
            continuation: false,
        },
    )
}

/// Writes a long file part by part through the writer's bulk path.
fn write_long(writer: &mut StoreWriter<'_>, extractor: &Extractor, src: &Source) -> Result<IngestOutcome> {
    writer.add_long(&src.name, &src.content_hash, |sink| {
        let mut first = true;
        let mut failed = None;
        extractor.for_each_part(src, |ext| {
            if failed.is_some() {
                return;
            }
            let quads = document_quads(
                &ext,
                DocumentSource {
                    text: Some(&src.text),
                    chars: src.chars,
                    continuation: !first,
                },
            );
            first = false;
            if let Err(e) = sink(quads) {
                failed = Some(e);
            }
        });
        failed.map_or(Ok(()), Err)
    })
}

/// Ingests files into the store; `on_event` hears of every file (in input order).
pub fn ingest(
    store: &GraphStore,
    extractor: &Extractor,
    files: &[CorpusFile],
    on_event: impl FnMut(Event<'_>),
) -> Result<IngestReport> {
    ingest_with(store, extractor, files, &read_source, on_event)
}

/// [`ingest`] with another way to read a file (`guanxi serve` reads the copies a client sent
/// and records the client's paths).
pub fn ingest_with(
    store: &GraphStore,
    extractor: &Extractor,
    files: &[CorpusFile],
    read: &(dyn Fn(&CorpusFile) -> Result<Source, InputError> + Sync),
    mut on_event: impl FnMut(Event<'_>),
) -> Result<IngestReport> {
    let mut report = IngestReport {
        files: files.len(),
        ..IngestReport::default()
    };
    let stats: Result<WriteStats> = std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Work>(CHUNK * 2);
        let writer = scope.spawn(move || -> Result<WriteStats> {
            let mut w = store.writer();
            for work in rx {
                match work {
                    Work::Doc(q) => {
                        w.add(q)?;
                    }
                    Work::Long(src) => {
                        write_long(&mut w, extractor, &src)?;
                    }
                }
            }
            w.finish()
        });
        for chunk in files.chunks(CHUNK) {
            let read: Vec<Result<Source, InputError>> = chunk.par_iter().map(read).collect();
            let mut short = Vec::new();
            let mut long = Vec::new();
            for (file, r) in chunk.iter().zip(read) {
                match r {
                    Err(e) => {
                        report.skipped += 1;
                        on_event(Event::Skipped(file, &e));
                        continue;
                    }
                    Ok(src) => {
                        report.chars += src.chars;
                        if store.document_hash(&src.name)?.as_deref() == Some(src.content_hash.as_str()) {
                            report.unchanged += 1;
                        } else {
                            report.extracted_chars += src.chars;
                            if is_long(&src) {
                                long.push(src);
                            } else {
                                short.push(src);
                            }
                        }
                    }
                }
                on_event(Event::Done(file));
            }
            let quads: Vec<DocumentQuads> = short.par_iter().map(|s| source_quads(extractor, s)).collect();
            for work in quads.into_iter().map(Work::Doc).chain(long.into_iter().map(Work::Long)) {
                if tx.send(work).is_err() {
                    // the writer stopped: its error is reported below
                    break;
                }
            }
        }
        drop(tx);
        writer.join().map_err(|_| anyhow!("the store writer panicked"))?
    });
    let stats = stats?;
    report.added = stats.added;
    report.replaced = stats.replaced;
    // the writer also counts documents that turned out unchanged when it stored them
    report.unchanged += stats.unchanged;
    report.quads = stats.quads;
    report.commits = stats.commits;
    Ok(report)
}

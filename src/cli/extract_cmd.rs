//! `guanxi extract`: entities and relations per document, without a store — as JSON lines, one
//! JSON array, a table, or N-Quads (the RDF `guanxi ingest` stores, for `guanxi load` on another
//! machine or any triple store). Files are extracted in parallel in chunks and written in input
//! order as they are done, so memory stays bounded on any corpus.

use super::table::{Table, truncate};
use super::{Cli, EXIT_OK, EXIT_PARTIAL, ExtractFormat, extractor, progress};
use crate::extract::parts::is_long;
use crate::extract::{DocumentExtraction, Extractor};
use crate::rdf::{DocumentQuads, DocumentSource, document_quads};
use crate::text::{Source, collect_inputs, read_source};
use anyhow::Result;
use oxigraph::io::{RdfFormat, RdfSerializer};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// Files extracted together before their output is written.
const CHUNK: usize = 32;

pub fn run(cli: &Cli, format: ExtractFormat, paths: &[PathBuf]) -> Result<i32> {
    let files = collect_inputs(paths).map_err(|e| anyhow::anyhow!("{e}"))?;
    let extractor = extractor(cli)?;
    let bar = progress(cli, files.len() as u64, "extracting");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut skipped = 0;
    let mut written = 0;
    if format == ExtractFormat::Json {
        writeln!(out, "[")?;
    }
    for chunk in files.chunks(CHUNK) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|f| {
                read_source(f).map(|src| {
                    // N-Quads of a long file are written part by part below
                    let ext = (!(format == ExtractFormat::Nq && is_long(&src))).then(|| extractor.extract_source(&src));
                    (src, ext)
                })
            })
            .collect();
        for r in results {
            bar.inc(1);
            match r {
                Ok((src, ext)) => {
                    write_document(&mut out, format, &extractor, &src, ext.as_ref(), written)?;
                    written += 1;
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("warning: skipped {e}"));
                    skipped += 1;
                }
            }
        }
    }
    if format == ExtractFormat::Json {
        writeln!(out, "\n]")?;
    }
    bar.finish_and_clear();
    out.flush()?;
    Ok(if skipped > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

fn write_document(
    out: &mut dyn Write,
    format: ExtractFormat,
    extractor: &Extractor,
    src: &Source,
    ext: Option<&DocumentExtraction>,
    index: usize,
) -> Result<()> {
    match (format, ext) {
        (ExtractFormat::Jsonl, Some(d)) => writeln!(out, "{}", serde_json::to_string(d)?)?,
        (ExtractFormat::Json, Some(d)) => {
            if index > 0 {
                writeln!(out, ",")?;
            }
            write!(out, "{}", serde_json::to_string_pretty(d)?)?;
        }
        (ExtractFormat::Table, Some(d)) => write_table(out, d)?,
        (ExtractFormat::Nq, Some(d)) => write_nquads(
            out,
            &document_quads(
                d,
                DocumentSource {
                    text: Some(&src.text),
                    chars: src.chars,
                    continuation: false,
                },
            ),
        )?,
        (ExtractFormat::Nq, None) => {
            let mut first = true;
            let mut failed = None;
            extractor.for_each_part(src, |part| {
                let quads = document_quads(
                    &part,
                    DocumentSource {
                        text: Some(&src.text),
                        chars: src.chars,
                        continuation: !first,
                    },
                );
                first = false;
                if failed.is_none()
                    && let Err(e) = write_nquads(out, &quads)
                {
                    failed = Some(e);
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
        }
        (_, None) => {}
    }
    Ok(())
}

/// A document's quads: its named graph first, then the default-graph facts it supports —
/// the grouping `guanxi load` reads.
pub fn write_nquads(out: &mut dyn Write, quads: &DocumentQuads) -> Result<()> {
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    for q in quads.own.iter().chain(&quads.shared) {
        w.serialize_quad(q)?;
    }
    w.finish()?;
    Ok(())
}

fn write_table(out: &mut dyn Write, d: &DocumentExtraction) -> Result<()> {
    writeln!(
        out,
        "# {} — {} entities, {} relations",
        d.doc,
        d.entities.len(),
        d.relations.len()
    )?;
    let mut t = Table::new(["entity", "type", "subtype", "mentions", "rule"]);
    for e in &d.entities {
        t.row([
            e.name.clone(),
            e.class.to_string(),
            e.subtype.to_string(),
            e.mentions.len().to_string(),
            e.rule.clone(),
        ]);
    }
    write!(out, "{}", t.render())?;
    let mut t = Table::new(["head", "relation", "tail", "title", "evidence"]);
    for r in d
        .relations
        .iter()
        .filter(|r| r.kind != crate::extract::RelationKind::CoMention)
    {
        t.row([
            r.head.clone(),
            r.kind.to_string(),
            r.tail.clone(),
            r.title.clone().unwrap_or_default(),
            truncate(&r.evidence.text, 48),
        ]);
    }
    writeln!(out, "{}", t.render())?;
    Ok(())
}

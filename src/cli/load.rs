//! `guanxi load SHARD.nq…`: N-Quads written by `guanxi extract --format nq` into the store.
//!
//! Extraction can run on any number of machines, each over its own files; loading their shards
//! gives exactly the store one `guanxi ingest` of all the files gives, because each document's
//! quads are self-contained (its named graph, then the default-graph facts it supports) and go
//! through the same writer as ingest: an unchanged document is skipped, a changed one replaces
//! its older version and sweeps what only that version supported. The shard is read as a stream,
//! one document at a time; a long document goes through the bulk loader in bounded memory.

use super::{Cli, EXIT_OK, EXIT_USAGE};
use crate::rdf::vocab::{self, document_of_iri};
use crate::rdf::{DocumentQuads, GraphStore, StoreWriter};
use anyhow::{Context, Result, anyhow};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Quads of one document held in memory before it is loaded as a long document.
const LONG_DOCUMENT_QUADS: usize = 500_000;

pub fn run(cli: &Cli, paths: &[PathBuf]) -> Result<i32> {
    for p in paths {
        if !p.is_file() {
            eprintln!("error: {}: no such file", p.display());
            return Ok(EXIT_USAGE);
        }
    }
    let store = GraphStore::open(&cli.store)?;
    let mut writer = store.writer();
    let mut documents = 0;
    for path in paths {
        // within one shard a document's quads come together; across shards a document may come
        // again (an unchanged copy is skipped, a changed one replaces)
        let mut seen = BTreeSet::new();
        let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let reader = std::io::BufReader::new(file);
        let quads = RdfParser::from_format(RdfFormat::NQuads).for_reader(reader);
        let mut quads = quads
            .map(|q| q.map_err(|e| anyhow!("{}: {e}", path.display())))
            .peekable();
        while quads.peek().is_some() {
            match load_document(&mut writer, &mut quads, &mut seen) {
                Ok(()) => documents += 1,
                Err(e) => {
                    // what was committed stays; the batch in flight is not written
                    eprintln!("error: {e:#}");
                    return Ok(EXIT_USAGE);
                }
            }
        }
    }
    let stats = writer.finish()?;
    store.refresh_index()?;
    if !cli.quiet {
        eprintln!(
            "{documents} document(s) from {} shard(s): {} added, {} replaced, {} unchanged",
            paths.len(),
            stats.added,
            stats.replaced,
            stats.unchanged
        );
    }
    Ok(EXIT_OK)
}

type Quads<I> = std::iter::Peekable<I>;

/// Reads one document's block (its named graph's quads and the default-graph quads after them)
/// and hands it to the writer.
fn load_document<I: Iterator<Item = Result<Quad>>>(
    writer: &mut StoreWriter<'_>,
    quads: &mut Quads<I>,
    seen: &mut BTreeSet<String>,
) -> Result<()> {
    let first = quads.next().expect("peeked")?;
    let GraphName::NamedNode(graph) = first.graph_name.clone() else {
        return Err(anyhow!(
            "a default-graph quad before any document's graph ({first}): shards are written by `guanxi extract --format nq`"
        ));
    };
    let doc = document_of_iri(graph.as_str()).ok_or_else(|| anyhow!("graph {graph} is not a guanxi document graph"))?;
    if !seen.insert(doc.clone()) {
        return Err(anyhow!(
            "document {doc} appears twice or its quads are not together: load shards as `guanxi extract --format nq` writes them"
        ));
    }
    let mut block = DocumentQuads {
        doc: doc.clone(),
        ..DocumentQuads::default()
    };
    push(&mut block, first);
    let belongs = |q: &Quad| q.graph_name.is_default_graph() || q.graph_name == GraphName::NamedNode(graph.clone());
    while let Some(Ok(q)) = quads.peek() {
        if !belongs(q) {
            break;
        }
        let q = quads.next().expect("peeked")?;
        push(&mut block, q);
        if block.len() >= LONG_DOCUMENT_QUADS {
            return load_long(writer, quads, block, &belongs);
        }
    }
    if let Some(Err(_)) = quads.peek() {
        return Err(quads.next().expect("peeked").expect_err("an error"));
    }
    block.content_hash = content_hash(&block).ok_or_else(|| anyhow!("document {doc} has no gx:contentHash"))?;
    writer.add(block)?;
    Ok(())
}

fn push(block: &mut DocumentQuads, q: Quad) {
    if q.graph_name.is_default_graph() {
        block.shared.push(q);
    } else {
        block.own.push(q);
    }
}

fn content_hash(block: &DocumentQuads) -> Option<String> {
    let p = vocab::gx("contentHash");
    block
        .own
        .iter()
        .find(|q| q.predicate.as_str() == p)
        .and_then(|q| match &q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
}

/// A document too large for one transaction: the rest of its block streams into the bulk loader.
fn load_long<I: Iterator<Item = Result<Quad>>>(
    writer: &mut StoreWriter<'_>,
    quads: &mut Quads<I>,
    mut block: DocumentQuads,
    belongs: &dyn Fn(&Quad) -> bool,
) -> Result<()> {
    let doc = block.doc.clone();
    let hash = content_hash(&block).ok_or_else(|| anyhow!("document {doc}: gx:contentHash must come first"))?;
    block.content_hash = hash.clone();
    writer.add_long(&doc, &hash, |sink| {
        sink(std::mem::take(&mut block))?;
        let mut part = DocumentQuads {
            doc: doc.clone(),
            content_hash: hash.clone(),
            ..DocumentQuads::default()
        };
        loop {
            match quads.peek() {
                Some(Ok(q)) if belongs(q) => {
                    let q = quads.next().expect("peeked")?;
                    push(&mut part, q);
                    if part.len() >= LONG_DOCUMENT_QUADS {
                        sink(std::mem::replace(
                            &mut part,
                            DocumentQuads {
                                doc: doc.clone(),
                                content_hash: hash.clone(),
                                ..DocumentQuads::default()
                            },
                        ))?;
                    }
                }
                Some(Err(_)) => return Err(quads.next().expect("peeked").expect_err("an error")),
                _ => break,
            }
        }
        sink(part)
    })?;
    // an unchanged document was not read to its end
    while let Some(Ok(q)) = quads.peek() {
        if !belongs(q) {
            break;
        }
        quads.next();
    }
    Ok(())
}

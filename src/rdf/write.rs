//! Writing documents into the store: batched, atomic, and exact about what a document leaves
//! behind when it is replaced or removed.
//!
//! Documents are written in batches, one transaction per batch (a SIGKILL at any moment leaves
//! the store as it was before the batch, or with the whole batch: never half a document). A
//! replaced document's named graph is *retracted*: its claims are read, the graph removed, the
//! batch's new quads inserted, and then every default-graph triple the old graph supported is
//! *swept*: kept when another document's graph still claims it (one index lookup — a claim is the
//! same triple in a named graph, see `mapping.rs`), removed otherwise. So the default graph stays
//! exactly the union of what the stored documents say, whatever the order of ingests.
//!
//! Documents too long for one transaction in bounded memory go through Oxigraph's bulk loader,
//! which writes sorted files to disk and adds them atomically at its commit (see
//! [`StoreWriter::add_long`]).

use super::mapping::{DocumentQuads, RDF_TYPE, alias_triples_for, fact_triple_iris, name_triples_for};
use super::store::{GraphStore, IngestOutcome, STORE_IRI};
use super::vocab::{self, ORG, RDF, document_iri, fact_iri, key_of_entity_iri, post_iri, relation_of_iri};
use crate::extract::model::EntityClass;
use anyhow::{Context, Result};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef,
};
use oxigraph::store::Transaction;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{Hash, Hasher};

/// A new generation marker (`<store> gx:generation "…"`): unique, so a store's marker set
/// changes with every commit.
fn new_generation() -> Quad {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = std::hash::DefaultHasher::new();
    (nanos, std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)).hash(&mut h);
    let value = format!("{nanos:x}-{:016x}", h.finish());
    Quad::new(
        NamedNode::new_unchecked(STORE_IRI),
        NamedNode::new_unchecked(vocab::gx("generation")),
        Literal::new_simple_literal(value),
        GraphName::DefaultGraph,
    )
}

/// Removes every generation marker but `keep` (inside a transaction).
fn drop_generations(tx: &mut Transaction<'_>, keep: Option<&Quad>) -> Result<()> {
    let p = vocab::gx("generation");
    let old: Vec<Quad> = tx
        .quads_for_pattern(
            Some(NamedNodeRef::new_unchecked(STORE_IRI).into()),
            Some(NamedNodeRef::new_unchecked(&p)),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .collect::<Result<_, _>>()?;
    for q in old.iter().filter(|q| Some(*q) != keep) {
        tx.remove(q);
    }
    Ok(())
}

impl GraphStore {
    /// After a bulk load added `marker`, the earlier markers go (a crash before this leaves
    /// both: still a set no index was built from).
    fn settle_generation(&self, marker: &Quad) -> Result<()> {
        let mut tx = self.store.start_transaction()?;
        drop_generations(&mut tx, Some(marker))?;
        tx.commit()?;
        Ok(())
    }
}

/// A 128-bit digest of a quad (two keyed SipHashes): equal quads, equal digests.
fn digest(q: &Quad) -> u128 {
    let mut a = std::hash::DefaultHasher::new();
    let mut b = std::hash::DefaultHasher::new();
    0xA5u8.hash(&mut b);
    q.hash(&mut a);
    q.hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Quads per transaction: large enough that commits are rare, small enough that a batch stays
/// well under a few hundred megabytes.
pub const BATCH_QUADS: usize = 200_000;
/// Memory the bulk loader may use for a long document, in megabytes.
const BULK_MEMORY_MB: usize = 400;

/// What a writer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Quads handed to the store (named and default graph; repeats of stored triples included).
    pub quads: usize,
    pub commits: usize,
}

/// Queues documents and writes them in atomic batches.
pub struct StoreWriter<'a> {
    store: &'a GraphStore,
    /// Default-graph triples this writer has stored (128-bit digests): places and bodies recur
    /// in most documents, and their descriptions need writing once. Cleared whenever a sweep may
    /// have removed some.
    stored_shared: HashSet<u128>,
    pending: Vec<DocumentQuads>,
    /// Documents of `pending` that replace a stored version.
    replacing: BTreeSet<String>,
    pending_quads: usize,
    batch_quads: usize,
    stats: WriteStats,
}

impl GraphStore {
    /// A writer committing every [`BATCH_QUADS`] quads (`GUANXI_BATCH_QUADS` overrides: smaller
    /// batches commit more often, larger ones use more memory).
    pub fn writer(&self) -> StoreWriter<'_> {
        let batch = std::env::var("GUANXI_BATCH_QUADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(BATCH_QUADS);
        self.writer_with_batch(batch)
    }

    /// A writer committing whenever `batch_quads` quads are pending (tests use small batches).
    pub fn writer_with_batch(&self, batch_quads: usize) -> StoreWriter<'_> {
        StoreWriter {
            store: self,
            stored_shared: HashSet::new(),
            pending: Vec::new(),
            replacing: BTreeSet::new(),
            pending_quads: 0,
            batch_quads: batch_quads.max(1),
            stats: WriteStats::default(),
        }
    }

    /// Stores one document at once (its own transaction).
    pub fn ingest(&self, quads: DocumentQuads) -> Result<IngestOutcome> {
        let mut w = self.writer();
        let outcome = w.add(quads)?;
        w.finish()?;
        Ok(outcome)
    }

    /// Removes a document and every fact only it supported, atomically. False if it was not stored.
    pub fn remove_document(&self, doc: &str) -> Result<bool> {
        if self.document_hash(doc)?.is_none() {
            return Ok(false);
        }
        let mut tx = self.store.start_transaction()?;
        let mut retracted = Retracted::default();
        retracted.retract(&mut tx, doc)?;
        retracted.sweep(&mut tx)?;
        drop_generations(&mut tx, None)?;
        tx.insert(&new_generation());
        tx.commit()?;
        Ok(true)
    }
}

impl StoreWriter<'_> {
    /// Queues a document: unchanged (same content hash stored) documents are skipped; the batch
    /// is committed when full.
    pub fn add(&mut self, quads: DocumentQuads) -> Result<IngestOutcome> {
        if self.pending.iter().any(|d| d.doc == quads.doc) {
            // the same name twice in one run: the later file wins, in its own batch
            self.flush()?;
        }
        let stored = self.store.document_hash(&quads.doc)?;
        let outcome = match stored {
            Some(h) if h == quads.content_hash => IngestOutcome::Unchanged,
            Some(_) => IngestOutcome::Replaced,
            None => IngestOutcome::Added,
        };
        match outcome {
            IngestOutcome::Unchanged => {
                self.stats.unchanged += 1;
                return Ok(outcome);
            }
            IngestOutcome::Replaced => {
                self.stats.replaced += 1;
                self.replacing.insert(quads.doc.clone());
            }
            IngestOutcome::Added => self.stats.added += 1,
        }
        self.pending_quads += quads.len();
        self.pending.push(quads);
        if self.pending_quads >= self.batch_quads {
            self.flush()?;
        }
        Ok(outcome)
    }

    /// Commits what is pending, atomically: through the bulk loader (sorted files added in one
    /// step) when the batch only adds documents, in one transaction when it replaces some.
    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let names: Vec<String> = self.pending.iter().map(|d| d.doc.clone()).collect();
        let context = || format!("storing {}", names.join(", "));
        let mut quads: Vec<Quad> = Vec::with_capacity(self.pending_quads);
        for d in self.pending.drain(..) {
            self.stats.quads += d.len();
            quads.extend(d.own);
            for q in d.shared {
                if self.stored_shared.insert(digest(&q)) {
                    quads.push(q);
                }
            }
        }
        let marker = new_generation();
        if self.replacing.is_empty() {
            quads.push(marker.clone());
            let mut loader = self
                .store
                .store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
            loader.load_quads(quads).with_context(context)?;
            loader.commit().with_context(context)?;
            self.store.settle_generation(&marker)?;
        } else {
            let mut tx = self.store.store.start_transaction()?;
            let mut retracted = Retracted::default();
            for doc in &self.replacing {
                retracted.retract(&mut tx, doc)?;
            }
            for q in &quads {
                tx.insert(q);
            }
            retracted.sweep(&mut tx)?;
            drop_generations(&mut tx, None)?;
            tx.insert(&marker);
            tx.commit().with_context(context)?;
            // the sweep removed triples this writer may have recorded as stored
            self.stored_shared.clear();
        }
        self.stats.commits += 1;
        self.replacing.clear();
        self.pending_quads = 0;
        Ok(())
    }

    /// Stores a long document given in parts, in bounded memory: `fill` hands each part's quads
    /// to the sink it is given; the bulk loader writes sorted files and adds them all at its
    /// commit, so the document appears whole or not at all. A stored older version is removed
    /// first, in its own transaction: until the new version commits the document is absent,
    /// never half there.
    pub fn add_long(
        &mut self,
        doc: &str,
        content_hash: &str,
        fill: impl FnOnce(&mut dyn FnMut(DocumentQuads) -> Result<()>) -> Result<()>,
    ) -> Result<IngestOutcome> {
        self.flush()?;
        let outcome = match self.store.document_hash(doc)? {
            Some(h) if h == content_hash => {
                self.stats.unchanged += 1;
                return Ok(IngestOutcome::Unchanged);
            }
            Some(_) => {
                self.store.remove_document(doc)?;
                self.stored_shared.clear();
                self.stats.replaced += 1;
                IngestOutcome::Replaced
            }
            None => {
                self.stats.added += 1;
                IngestOutcome::Added
            }
        };
        let mut loader = self
            .store
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        let mut quads = 0;
        let marker = new_generation();
        loader
            .load_quads([marker.clone()])
            .with_context(|| format!("storing {doc}"))?;
        fill(&mut |part: DocumentQuads| {
            quads += part.len();
            loader
                .load_quads(part.own.into_iter().chain(part.shared))
                .with_context(|| format!("storing {doc}"))
        })?;
        loader.commit().with_context(|| format!("storing {doc}"))?;
        self.store.settle_generation(&marker)?;
        self.stats.quads += quads;
        self.stats.commits += 1;
        Ok(outcome)
    }

    /// Commits what is pending and reports.
    pub fn finish(mut self) -> Result<WriteStats> {
        self.flush()?;
        Ok(self.stats)
    }

    pub fn stats(&self) -> WriteStats {
        self.stats
    }
}

/// What the removed graphs of a transaction claimed: the default-graph triples to sweep.
#[derive(Default)]
struct Retracted {
    entities: BTreeSet<NamedNode>,
    types: BTreeSet<(NamedNode, NamedNode)>,
    names: BTreeSet<(NamedNode, String)>,
    aliases: BTreeSet<(NamedNode, String)>,
    /// Restated relation triples (head, property, tail).
    triples: BTreeSet<(NamedNode, NamedNode, NamedNode)>,
    /// (statement, title) of the removed evidence.
    titles: BTreeSet<(NamedNode, String)>,
}

fn named(s: &NamedOrBlankNode) -> Option<NamedNode> {
    match s {
        NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

fn literal(t: &Term) -> Option<String> {
    match t {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn iri(t: &Term) -> Option<NamedNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

/// The class an entity key names (`place:…`, `org:…`, `person:…`, `program:…`).
pub(crate) fn class_of_key(key: &str) -> Option<EntityClass> {
    let prefix = key.split_once(':')?.0;
    EntityClass::ALL.into_iter().find(|c| c.key_prefix() == prefix)
}

impl Retracted {
    /// Reads what a document's graph claims and removes the graph.
    fn retract(&mut self, tx: &mut Transaction<'_>, doc: &str) -> Result<()> {
        let graph_iri = document_iri(doc);
        let graph = NamedNodeRef::new_unchecked(&graph_iri);
        let (name, alias, supports, title) = (
            vocab::gx("name"),
            vocab::gx("alias"),
            vocab::gx("supports"),
            vocab::gx("title"),
        );
        let mut evidence_fact: BTreeMap<NamedNode, NamedNode> = BTreeMap::new();
        let mut evidence_titles: Vec<(NamedNode, String)> = Vec::new();
        for q in tx.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph))) {
            let q = q?;
            let Some(s) = named(&q.subject) else { continue };
            let is_entity = s.as_str().starts_with(vocab::ID);
            let p = q.predicate.as_str();
            if is_entity && p == RDF_TYPE {
                if let Some(t) = iri(&q.object) {
                    self.entities.insert(s.clone());
                    self.types.insert((s, t));
                }
            } else if is_entity && p == name {
                if let Some(v) = literal(&q.object) {
                    self.names.insert((s, v));
                }
            } else if is_entity && p == alias {
                if let Some(v) = literal(&q.object) {
                    self.aliases.insert((s, v));
                }
            } else if is_entity && relation_of_iri(p).is_some() {
                if let Some(o) = iri(&q.object) {
                    self.triples.insert((s, q.predicate.clone(), o));
                }
            } else if p == supports {
                if let Some(f) = iri(&q.object) {
                    evidence_fact.insert(s, f);
                }
            } else if p == title
                && let Some(v) = literal(&q.object)
            {
                evidence_titles.push((s, v));
            }
        }
        for (ev, t) in evidence_titles {
            if let Some(f) = evidence_fact.get(&ev) {
                self.titles.insert((f.clone(), t));
            }
        }
        tx.remove_named_graph(graph)?;
        Ok(())
    }

    /// Removes every default-graph triple the retracted graphs supported and no remaining graph
    /// claims. Runs after the batch's new quads are inserted, so a re-claimed fact stays.
    fn sweep(&self, tx: &mut Transaction<'_>) -> Result<()> {
        let gx_title = vocab::gx("title");
        for (h, p, t) in &self.triples {
            if claimed(tx, h.as_ref().into(), p.as_ref(), t.as_ref().into())? {
                continue;
            }
            let (Some(hk), Some(tk), Some(kind)) = (
                key_of_entity_iri(h.as_str()),
                key_of_entity_iri(t.as_str()),
                relation_of_iri(p.as_str()),
            ) else {
                continue;
            };
            let (Some(hc), Some(tc)) = (class_of_key(&hk), class_of_key(&tk)) else {
                continue;
            };
            let fact = fact_iri(&hk, kind, &tk);
            for (s, p, o) in fact_triple_iris(&fact, h.as_str(), kind, t.as_str(), (hc, tc)) {
                tx.remove(QuadRef::new(
                    NamedNodeRef::new_unchecked(&s),
                    NamedNodeRef::new_unchecked(&p),
                    NamedNodeRef::new_unchecked(&o),
                    GraphNameRef::DefaultGraph,
                ));
            }
            let fact_node = NamedNode::new_unchecked(&fact);
            let titles: Vec<String> = tx
                .quads_for_pattern(
                    Some(fact_node.as_ref().into()),
                    Some(NamedNodeRef::new_unchecked(&gx_title)),
                    None,
                    Some(GraphNameRef::DefaultGraph),
                )
                .filter_map(|q| q.ok().and_then(|q| literal(&q.object)))
                .collect();
            for title in titles {
                remove_title(tx, &fact_node, h, &tk, &title)?;
            }
        }
        for (fact, title) in &self.titles {
            if title_supported(tx, fact, title)? {
                continue;
            }
            let Some((head, tail_key)) = fact_ends(tx, fact)? else {
                continue;
            };
            remove_title(tx, fact, &head, &tail_key, title)?;
        }
        let rdf_type = NamedNodeRef::new_unchecked(RDF_TYPE);
        let (gx_name, gx_alias) = (vocab::gx("name"), vocab::gx("alias"));
        for (e, name) in &self.names {
            let lit = Literal::new_simple_literal(name);
            if !claimed(
                tx,
                e.as_ref().into(),
                NamedNodeRef::new_unchecked(&gx_name),
                lit.as_ref().into(),
            )? {
                for (p, o) in name_triples_for(name) {
                    remove_default(tx, e, &p, &o);
                }
            }
        }
        for (e, alias) in &self.aliases {
            let lit = Literal::new_simple_literal(alias);
            if !claimed(
                tx,
                e.as_ref().into(),
                NamedNodeRef::new_unchecked(&gx_alias),
                lit.as_ref().into(),
            )? {
                for (p, o) in alias_triples_for(alias) {
                    remove_default(tx, e, &p, &o);
                }
            }
        }
        for (e, t) in &self.types {
            let is_class = key_of_entity_iri(e.as_str())
                .and_then(|k| class_of_key(&k))
                .is_some_and(|c| vocab::class_iri(c) == t.as_str());
            if !is_class && !claimed(tx, e.as_ref().into(), rdf_type, t.as_ref().into())? {
                remove_default(tx, e, RDF_TYPE, &Term::NamedNode(t.clone()));
            }
        }
        for e in &self.entities {
            let still = tx
                .quads_for_pattern(Some(e.as_ref().into()), Some(rdf_type), None, None)
                .any(|q| q.is_ok_and(|q| !q.graph_name.is_default_graph()));
            if still {
                continue;
            }
            let rest: Vec<Quad> = tx
                .quads_for_pattern(Some(e.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph))
                .collect::<Result<_, _>>()?;
            for q in &rest {
                tx.remove(q);
            }
        }
        Ok(())
    }
}

/// Whether some document's graph claims the triple.
fn claimed(tx: &Transaction<'_>, s: NamedOrBlankNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>) -> Result<bool> {
    for q in tx.quads_for_pattern(Some(s), Some(p), Some(o), None) {
        if !q?.graph_name.is_default_graph() {
            return Ok(true);
        }
    }
    Ok(false)
}

fn remove_default(tx: &mut Transaction<'_>, s: &NamedNode, p: &str, o: &Term) {
    tx.remove(QuadRef::new(
        s,
        NamedNodeRef::new_unchecked(p),
        o,
        GraphNameRef::DefaultGraph,
    ));
}

/// Whether some stored evidence of the statement gives this title.
fn title_supported(tx: &Transaction<'_>, fact: &NamedNode, title: &str) -> Result<bool> {
    let supports = vocab::gx("supports");
    let gx_title = vocab::gx("title");
    let lit = Literal::new_simple_literal(title);
    let evidence: Vec<(NamedOrBlankNode, GraphName)> = tx
        .quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(&supports)),
            Some(fact.as_ref().into()),
            None,
        )
        .filter_map(|q| q.ok().map(|q| (q.subject, q.graph_name)))
        .collect();
    for (ev, g) in evidence {
        if g.is_default_graph() {
            continue;
        }
        if tx
            .quads_for_pattern(
                Some(ev.as_ref()),
                Some(NamedNodeRef::new_unchecked(&gx_title)),
                Some(lit.as_ref().into()),
                Some(g.as_ref()),
            )
            .next()
            .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The head IRI and tail key of a stored statement.
fn fact_ends(tx: &Transaction<'_>, fact: &NamedNode) -> Result<Option<(NamedNode, String)>> {
    let object_of = |p: &str| -> Result<Option<NamedNode>> {
        let p = format!("{RDF}{p}");
        for q in tx.quads_for_pattern(
            Some(fact.as_ref().into()),
            Some(NamedNodeRef::new_unchecked(&p)),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Some(n) = iri(&q?.object) {
                return Ok(Some(n));
            }
        }
        Ok(None)
    };
    let (Some(h), Some(t)) = (object_of("subject")?, object_of("object")?) else {
        return Ok(None);
    };
    Ok(key_of_entity_iri(t.as_str()).map(|k| (h, k)))
}

/// Removes one title of a holds_post statement: the title, the holder's tie to the post, and the
/// post itself once nobody holds it.
fn remove_title(
    tx: &mut Transaction<'_>,
    fact: &NamedNode,
    head: &NamedNode,
    tail_key: &str,
    title: &str,
) -> Result<()> {
    remove_default(
        tx,
        fact,
        &vocab::gx("title"),
        &Term::Literal(Literal::new_simple_literal(title)),
    );
    let post = NamedNode::new_unchecked(post_iri(tail_key, title));
    remove_default(tx, &post, &format!("{ORG}heldBy"), &Term::NamedNode(head.clone()));
    remove_default(tx, head, &format!("{ORG}holds"), &Term::NamedNode(post.clone()));
    let held_by = format!("{ORG}heldBy");
    let still_held = tx
        .quads_for_pattern(
            Some(post.as_ref().into()),
            Some(NamedNodeRef::new_unchecked(&held_by)),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .is_some();
    if !still_held {
        let rest: Vec<Quad> = tx
            .quads_for_pattern(Some(post.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph))
            .collect::<Result<_, _>>()?;
        for q in &rest {
            tx.remove(q);
        }
    }
    Ok(())
}

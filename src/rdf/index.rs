//! The relation index: the typed-relation graph (and the co-mention graph) of the store in one
//! compact file, so `trace`, `rank` and whole-graph pictures load it in milliseconds instead of
//! decoding every relation triple and entity description from RocksDB.
//!
//! The file (`relations.idx` in the store directory) starts with a fingerprint of the store's
//! state: its generation markers. Every write commit adds a new, unique marker in the same atomic
//! step as its data and then drops the older ones (`write.rs`), so the marker set changes whenever
//! the store does, and any interrupted write leaves a set no index was built from. A matching
//! fingerprint means the index is exactly the store's relation graph; any other (a killed ingest,
//! a store copied without the file) makes readers rebuild it from the store. Every command that
//! writes (`ingest`, `load`) rebuilds it when it is done. It is written to a temporary file and
//! renamed, so a reader never sees half a file.
//!
//! Layout (little-endian): magic, fingerprint, then sections of entities (key, name, class,
//! subtype, code, aliases), typed relations (head, kind, tail, titles) and co-mentions (a, b,
//! sentences); strings are a u32 length and UTF-8 bytes, entities are referred to by number.

use super::store::GraphStore;
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::graph::algorithms::EdgeFilter;
use crate::graph::{EntityNode, KnowledgeGraph, RelationEdge};
use anyhow::{Context, Result, anyhow, bail};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::PathBuf;

const MAGIC: &[u8; 8] = b"GXREL\x00\x00\x01";
pub const INDEX_FILE: &str = "relations.idx";

impl GraphStore {
    fn index_path(&self) -> PathBuf {
        self.path().join(INDEX_FILE)
    }

    /// The fingerprint of the store's state: its generation markers (one index lookup).
    pub fn fingerprint(&self) -> Result<[u8; 32]> {
        let mut h = Sha256::new();
        h.update(super::store::MODEL_VERSION.as_bytes());
        for g in self.generation()? {
            h.update(g.as_bytes());
            h.update([b'\n']);
        }
        Ok(h.finalize().into())
    }

    /// Rebuilds the relation index from the store and writes it: every entity, every typed
    /// relation, every co-mention.
    pub fn refresh_index(&self) -> Result<()> {
        let fingerprint = self.fingerprint()?;
        let mut g = self.relation_graph_from_store(&EdgeFilter::new([], true))?;
        for key in self.entity_keys()? {
            if g.node_index(&key).is_none()
                && let Some(e) = self.entity(&key)?
            {
                g.upsert_node(e);
            }
        }
        let bytes = encode(&fingerprint, &g);
        let path = self.index_path();
        let tmp = path.with_extension("idx-tmp");
        std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    /// Drops the index (a write through SPARQL Update changed facts behind its back).
    pub fn invalidate_index(&self) {
        let _ = std::fs::remove_file(self.index_path());
    }

    /// Every entity that has a relation the filter allows, and those relations (titles and
    /// co-mention counts; no evidence text, no mentions) — from the index when it is current,
    /// else from the store (and the index is rebuilt for the next reader).
    pub fn relation_graph(&self, filter: &EdgeFilter) -> Result<KnowledgeGraph> {
        self.indexed_graph(filter, false)
    }

    /// Every entity (with or without relations) and the relations the filter allows.
    pub fn entities_graph(&self, filter: &EdgeFilter) -> Result<KnowledgeGraph> {
        self.indexed_graph(filter, true)
    }

    fn indexed_graph(&self, filter: &EdgeFilter, all_nodes: bool) -> Result<KnowledgeGraph> {
        let fingerprint = self.fingerprint()?;
        if let Ok(bytes) = std::fs::read(self.index_path())
            && let Ok(g) = decode(&bytes, &fingerprint, filter, all_nodes)
        {
            return Ok(g);
        }
        self.refresh_index()?;
        let bytes = std::fs::read(self.index_path()).context("reading the relation index")?;
        decode(&bytes, &fingerprint, filter, all_nodes)
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }
    fn u8(&mut self, n: u8) {
        self.0.push(n);
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

fn class_code(c: EntityClass) -> u8 {
    EntityClass::ALL.iter().position(|x| *x == c).unwrap_or(0) as u8
}

fn subtype_code(s: Subtype) -> u8 {
    Subtype::ALL.iter().position(|x| *x == s).unwrap_or(0) as u8
}

fn kind_code(k: RelationKind) -> u8 {
    RelationKind::TYPED.iter().position(|x| *x == k).unwrap_or(0) as u8
}

fn encode(fingerprint: &[u8; 32], g: &KnowledgeGraph) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(MAGIC);
    w.0.extend_from_slice(fingerprint);
    let nodes: Vec<_> = g.nodes().collect();
    let number: std::collections::HashMap<_, usize> = nodes.iter().enumerate().map(|(k, (i, _))| (*i, k)).collect();
    w.u32(nodes.len());
    for (_, n) in &nodes {
        w.str(&n.key);
        w.str(&n.name);
        w.u8(class_code(n.class));
        w.u8(subtype_code(n.subtype));
        w.str(n.code.as_deref().unwrap_or(""));
        w.u32(n.aliases.len());
        for a in &n.aliases {
            w.str(a);
        }
    }
    let edges = g.edges();
    let (co, typed): (Vec<_>, Vec<_>) = edges.iter().partition(|(_, _, e)| e.kind == RelationKind::CoMention);
    w.u32(typed.len());
    for (h, t, e) in &typed {
        w.u32(number[h]);
        w.u8(kind_code(e.kind));
        w.u32(number[t]);
        w.u32(e.titles.len());
        for title in &e.titles {
            w.str(title);
        }
    }
    w.u32(co.len());
    for (h, t, e) in &co {
        w.u32(number[h]);
        w.u32(number[t]);
        w.u32(e.count);
    }
    w.0
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(|| anyhow!("relation index is truncated"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<usize> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.u32()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| anyhow!("relation index holds bad text"))
    }
}

fn decode(bytes: &[u8], fingerprint: &[u8; 32], filter: &EdgeFilter, all_nodes: bool) -> Result<KnowledgeGraph> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        bail!("not a relation index of this version");
    }
    if r.take(32)? != fingerprint {
        bail!("relation index is stale");
    }
    let n = r.u32()?;
    let mut nodes = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        let key = r.str()?.to_owned();
        let name = r.str()?.to_owned();
        let class = *EntityClass::ALL
            .get(usize::from(r.u8()?))
            .ok_or_else(|| anyhow!("bad class"))?;
        let subtype = *Subtype::ALL
            .get(usize::from(r.u8()?))
            .ok_or_else(|| anyhow!("bad subtype"))?;
        let code = Some(r.str()?.to_owned()).filter(|c| !c.is_empty());
        let mut aliases = BTreeSet::new();
        for _ in 0..r.u32()? {
            aliases.insert(r.str()?.to_owned());
        }
        nodes.push(EntityNode {
            key,
            name,
            class,
            subtype,
            code,
            aliases,
            mentions: Vec::new(),
            rule: String::new(),
        });
    }
    let mut edges = Vec::new();
    for _ in 0..r.u32()? {
        let (h, kind, t) = (r.u32()?, r.u8()?, r.u32()?);
        let kind = *RelationKind::TYPED
            .get(usize::from(kind))
            .ok_or_else(|| anyhow!("bad kind"))?;
        let mut titles = BTreeSet::new();
        for _ in 0..r.u32()? {
            titles.insert(r.str()?.to_owned());
        }
        if filter.allows(kind) {
            let mut e = RelationEdge::new(kind);
            e.titles = titles;
            edges.push((h, t, e));
        }
    }
    if filter.allows(RelationKind::CoMention) {
        for _ in 0..r.u32()? {
            let (a, b, count) = (r.u32()?, r.u32()?, r.u32()?);
            let mut e = RelationEdge::new(RelationKind::CoMention);
            e.count = count;
            edges.push((a, b, e));
        }
    }
    // only the entities the allowed relations touch, unless all are asked for
    let mut used = vec![all_nodes; nodes.len()];
    for (h, t, _) in &edges {
        for i in [*h, *t] {
            *used.get_mut(i).ok_or_else(|| anyhow!("bad entity number"))? = true;
        }
    }
    let mut g = KnowledgeGraph::new();
    let mut index = vec![None; nodes.len()];
    for (k, node) in nodes.into_iter().enumerate() {
        if used[k] {
            index[k] = Some(g.upsert_node(node));
        }
    }
    for (h, t, e) in edges {
        if let (Some(h), Some(t)) = (index[h], index[t]) {
            g.upsert_edge(h, t, e);
        }
    }
    Ok(g)
}

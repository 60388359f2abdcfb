//! Graph stage: the in-memory knowledge graph, one node per entity across documents.
//!
//! Owner type: [`KnowledgeGraph`], a petgraph directed graph of typed entity nodes and typed
//! relation edges. Entities merge by their content key (`place:500102`, `org:重庆市经信委`), so
//! adding documents in any order, or merging two graphs built from shards, gives the same graph.
//! Every edge keeps the evidence it was given (document, sentence, offsets, rule). Algorithms and
//! exports read this one model; `rdf::read` fills it with the part of the store a command needs.
//! `algorithms` traces paths, neighbourhoods and centrality over it; `lookup` finds an entity by
//! what a person types.

pub mod algorithms;
pub mod lookup;

use crate::extract::model::{DocumentExtraction, EntityClass, RelationKind, Subtype};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where an entity is mentioned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MentionRef {
    pub doc: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: String,
}

/// An entity node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityNode {
    pub key: String,
    pub name: String,
    pub class: EntityClass,
    pub subtype: Subtype,
    pub code: Option<String>,
    pub aliases: BTreeSet<String>,
    pub mentions: Vec<MentionRef>,
    /// Recognizer that established the entity (first document wins).
    pub rule: String,
}

impl EntityNode {
    /// Documents mentioning the entity, with mention counts.
    pub fn documents(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for m in &self.mentions {
            *out.entry(m.doc.as_str()).or_default() += 1;
        }
        out
    }
}

/// One piece of evidence for a relation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub doc: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: String,
    pub title: Option<String>,
}

/// A relation edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationEdge {
    pub kind: RelationKind,
    /// Titles of a holds_post edge (one per distinct wording).
    pub titles: BTreeSet<String>,
    pub evidence: Vec<EvidenceRef>,
    /// Supporting sentences over all documents.
    pub count: usize,
    /// Evidence records (a sentence of a document) in the store, when `evidence` holds only some
    /// of them; 0 when `evidence` is complete.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub evidence_total: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl RelationEdge {
    /// An edge of a kind with no titles, evidence or count yet.
    pub fn new(kind: RelationKind) -> Self {
        Self {
            kind,
            titles: BTreeSet::new(),
            evidence: Vec::new(),
            count: 0,
            evidence_total: 0,
        }
    }

    /// Evidence records in the store, loaded or not.
    pub fn evidence_records(&self) -> usize {
        self.evidence.len().max(self.evidence_total)
    }

    /// The relation type with its titles: `holds_post: 书记`, `part_of`.
    pub fn label(&self) -> String {
        if self.titles.is_empty() {
            self.kind.as_str().to_owned()
        } else {
            let titles: Vec<&str> = self.titles.iter().map(String::as_str).collect();
            format!("{}: {}", self.kind, titles.join(" / "))
        }
    }
}

/// A source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub name: String,
    pub path: String,
    pub content_hash: String,
}

/// The knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<EntityNode, RelationEdge>,
    nodes: BTreeMap<String, NodeIndex>,
    edges: BTreeMap<(NodeIndex, RelationKind, NodeIndex), EdgeIndex>,
    documents: BTreeMap<String, DocumentInfo>,
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// A graph of one document.
    pub fn from_extraction(ext: &DocumentExtraction) -> Self {
        let mut g = Self::new();
        g.add_extraction(ext);
        g
    }

    /// Adds a document's entities and relations, merging with what is there.
    pub fn add_extraction(&mut self, ext: &DocumentExtraction) {
        self.documents.insert(
            ext.doc.clone(),
            DocumentInfo {
                name: ext.doc.clone(),
                path: ext.path.clone(),
                content_hash: ext.content_hash.clone(),
            },
        );
        for e in &ext.entities {
            let node = EntityNode {
                key: e.id.clone(),
                name: e.name.clone(),
                class: e.class,
                subtype: e.subtype,
                code: e.code.clone(),
                aliases: e.aliases.iter().cloned().collect(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| MentionRef {
                        doc: ext.doc.clone(),
                        text: m.text.clone(),
                        start: m.start,
                        end: m.end,
                        sentence: m.sentence,
                        rule: m.rule.clone(),
                    })
                    .collect(),
                rule: e.rule.clone(),
            };
            self.upsert_node(node);
        }
        for r in &ext.relations {
            let (Some(&h), Some(&t)) = (self.nodes.get(&r.head_id), self.nodes.get(&r.tail_id)) else {
                continue;
            };
            let edge = RelationEdge {
                kind: r.kind,
                titles: r.title.iter().cloned().collect(),
                evidence: vec![EvidenceRef {
                    doc: ext.doc.clone(),
                    text: r.evidence.text.clone(),
                    start: r.evidence.start,
                    end: r.evidence.end,
                    sentence: r.evidence.sentence,
                    rule: r.rule.clone(),
                    title: r.title.clone(),
                }],
                count: r.count,
                evidence_total: 0,
            };
            self.upsert_edge(h, t, edge);
        }
    }

    /// Adds or merges a node; returns its index.
    pub fn upsert_node(&mut self, node: EntityNode) -> NodeIndex {
        match self.nodes.get(&node.key) {
            Some(&i) => {
                let n = &mut self.graph[i];
                n.aliases.extend(node.aliases);
                n.aliases.remove(&n.name);
                for m in node.mentions {
                    if !n.mentions.contains(&m) {
                        n.mentions.push(m);
                    }
                }
                n.mentions.sort();
                if n.code.is_none() {
                    n.code = node.code;
                }
                i
            }
            None => {
                let key = node.key.clone();
                let i = self.graph.add_node(node);
                self.nodes.insert(key, i);
                i
            }
        }
    }

    /// Adds or merges an edge.
    pub fn upsert_edge(&mut self, head: NodeIndex, tail: NodeIndex, edge: RelationEdge) -> EdgeIndex {
        let key = (head, edge.kind, tail);
        match self.edges.get(&key) {
            Some(&i) => {
                let e = &mut self.graph[i];
                let before = e.evidence.len();
                for ev in edge.evidence {
                    if !e.evidence.contains(&ev) {
                        e.evidence.push(ev);
                    }
                }
                if e.evidence.len() > before {
                    e.count += edge.count;
                }
                e.evidence.sort();
                e.titles.extend(edge.titles);
                i
            }
            None => {
                let i = self.graph.add_edge(head, tail, edge);
                self.edges.insert(key, i);
                i
            }
        }
    }

    pub fn add_document_info(&mut self, info: DocumentInfo) {
        self.documents.insert(info.name.clone(), info);
    }

    /// Merges another graph (a shard) into this one.
    pub fn merge(&mut self, other: &KnowledgeGraph) {
        for info in other.documents.values() {
            self.add_document_info(info.clone());
        }
        for n in other.graph.node_weights() {
            self.upsert_node(n.clone());
        }
        for e in other.graph.edge_references() {
            let h = self.nodes[&other.graph[e.source()].key];
            let t = self.nodes[&other.graph[e.target()].key];
            self.upsert_edge(h, t, e.weight().clone());
        }
    }

    pub fn petgraph(&self) -> &DiGraph<EntityNode, RelationEdge> {
        &self.graph
    }

    pub fn node_index(&self, key: &str) -> Option<NodeIndex> {
        self.nodes.get(key).copied()
    }

    pub fn node(&self, i: NodeIndex) -> &EntityNode {
        &self.graph[i]
    }

    /// A node to fill in (mentions read later from the store; the key must not change).
    pub fn node_mut(&mut self, i: NodeIndex) -> &mut EntityNode {
        &mut self.graph[i]
    }

    /// Every node index, in insertion order.
    pub fn node_indices(&self) -> Vec<NodeIndex> {
        self.graph.node_indices().collect()
    }

    /// Nodes in key order (deterministic).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &EntityNode)> {
        self.nodes.values().map(|&i| (i, &self.graph[i]))
    }

    /// Edges in (head key, kind, tail key) order (deterministic).
    pub fn edges(&self) -> Vec<(NodeIndex, NodeIndex, &RelationEdge)> {
        self.edge_refs().into_iter().map(|(_, h, t, e)| (h, t, e)).collect()
    }

    /// Edges with their indices, in (head key, kind, tail key) order (deterministic).
    pub fn edge_refs(&self) -> Vec<(EdgeIndex, NodeIndex, NodeIndex, &RelationEdge)> {
        let mut out: Vec<_> = self
            .edges
            .iter()
            .map(|(&(h, _, t), &e)| (e, h, t, &self.graph[e]))
            .collect();
        out.sort_by(|a, b| {
            (&self.graph[a.1].key, a.3.kind, &self.graph[a.2].key).cmp(&(
                &self.graph[b.1].key,
                b.3.kind,
                &self.graph[b.2].key,
            ))
        });
        out
    }

    /// Head and tail of an edge.
    pub fn endpoints(&self, e: EdgeIndex) -> (NodeIndex, NodeIndex) {
        self.graph.edge_endpoints(e).expect("edge of this graph")
    }

    pub fn edge(&self, e: EdgeIndex) -> &RelationEdge {
        &self.graph[e]
    }

    /// An edge to fill in (evidence read later from the store).
    pub fn edge_mut(&mut self, e: EdgeIndex) -> &mut RelationEdge {
        &mut self.graph[e]
    }

    pub fn documents(&self) -> impl Iterator<Item = &DocumentInfo> {
        self.documents.values()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes per class and edges per relation kind.
    pub fn counts(&self) -> (BTreeMap<EntityClass, usize>, BTreeMap<RelationKind, usize>) {
        let mut classes = BTreeMap::new();
        for n in self.graph.node_weights() {
            *classes.entry(n.class).or_default() += 1;
        }
        let mut kinds = BTreeMap::new();
        for e in self.graph.edge_weights() {
            *kinds.entry(e.kind).or_default() += 1;
        }
        (classes, kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::text::Document;

    #[test]
    fn documents_merge_by_key_in_any_order() {
        let ex = Extractor::new().unwrap();
        let d1 = ex.extract(&Document::from_text(
            "a.txt",
            "涪陵区委组织部相关负责人介绍。涪陵区位于重庆市。",
        ));
        let d2 = ex.extract(&Document::from_text(
            "b.txt",
            "永川区委书记李明远表示，永川区是重庆市的区。",
        ));
        let mut g1 = KnowledgeGraph::from_extraction(&d1);
        g1.add_extraction(&d2);
        let mut g2 = KnowledgeGraph::from_extraction(&d2);
        g2.add_extraction(&d1);
        let keys1: Vec<&str> = g1.nodes().map(|(_, n)| n.key.as_str()).collect();
        let keys2: Vec<&str> = g2.nodes().map(|(_, n)| n.key.as_str()).collect();
        assert_eq!(keys1, keys2);
        assert_eq!(g1.edge_count(), g2.edge_count());
        let chongqing = g1.node(g1.node_index("place:50").expect("重庆市 once"));
        assert_eq!(chongqing.documents().len(), 2);
        let mut shards = KnowledgeGraph::from_extraction(&d1);
        shards.merge(&KnowledgeGraph::from_extraction(&d2));
        assert_eq!(shards.node_count(), g1.node_count());
    }
}

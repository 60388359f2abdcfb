//! The knowledge graph as JSON: nodes with mentions, edges with evidence, documents.

use crate::graph::KnowledgeGraph;
use serde_json::{Value, json};

pub fn to_json(g: &KnowledgeGraph) -> Value {
    let nodes: Vec<Value> = g
        .nodes()
        .map(|(_, n)| {
            json!({
                "id": n.key,
                "name": n.name,
                "type": n.class,
                "subtype": n.subtype,
                "code": n.code,
                "aliases": n.aliases,
                "documents": n.documents(),
                "mentions": n.mentions,
                "rule": n.rule,
            })
        })
        .collect();
    let edges: Vec<Value> = g
        .edges()
        .into_iter()
        .map(|(h, t, e)| {
            json!({
                "head": g.node(h).key,
                "head_name": g.node(h).name,
                "type": e.kind,
                "tail": g.node(t).key,
                "tail_name": g.node(t).name,
                "titles": e.titles,
                "count": e.count,
                "evidence": e.evidence,
            })
        })
        .collect();
    let documents: Vec<Value> = g.documents().map(|d| json!(d)).collect();
    json!({ "documents": documents, "nodes": nodes, "edges": edges })
}

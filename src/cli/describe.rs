//! How the tracing commands (`show`, `trace`, `neighbors`, `rank`) write entities, hops and
//! evidence, in the terminal and in JSON, so all of them read the same way:
//! `A —[holds_post: 书记]→ B` (stored from A to B), `C ←[part_of]— D` (stored from D to C), and
//! the evidence sentence with its document and character offsets.

use crate::extract::model::RelationKind;
use crate::graph::{EntityNode, EvidenceRef, KnowledgeGraph, RelationEdge};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde_json::{Value, json};

/// `Place / District` (subtype left out when unknown or named like the class).
pub fn class_label(n: &EntityNode) -> String {
    if matches!(n.subtype.as_str(), "Other") || n.subtype.as_str() == n.class.as_str() {
        n.class.as_str().to_owned()
    } else {
        format!("{} / {}", n.class, n.subtype)
    }
}

/// One hop read from `from` to `to`, arrow in the stored direction:
/// `A —[kind: title]→ B` when stored from A to B, `A ←[kind]— B` when stored from B to A.
pub fn hop_text(g: &KnowledgeGraph, from: NodeIndex, to: NodeIndex, forward: bool, e: &RelationEdge) -> String {
    let (a, b) = (&g.node(from).name, &g.node(to).name);
    if e.kind.is_symmetric() {
        format!("{a} —[{}]— {b}", e.label())
    } else if forward {
        format!("{a} —[{}]→ {b}", e.label())
    } else {
        format!("{a} ←[{}]— {b}", e.label())
    }
}

/// A relation in its stored direction: `head —[kind]→ tail`.
pub fn relation_text(g: &KnowledgeGraph, e: EdgeIndex) -> String {
    let (h, t) = g.endpoints(e);
    hop_text(g, h, t, true, g.edge(e))
}

/// Evidence sentences of a relation: those naming both ends (by name or alias) first, then those
/// naming one.
pub fn evidence_for<'g>(g: &'g KnowledgeGraph, e: EdgeIndex) -> Vec<&'g EvidenceRef> {
    let (h, t) = g.endpoints(e);
    let names = |n: &'g EntityNode| -> Vec<&'g str> {
        std::iter::once(n.name.as_str())
            .chain(n.aliases.iter().map(String::as_str))
            .collect()
    };
    let (hn, tn) = (names(g.node(h)), names(g.node(t)));
    let mut ev: Vec<&EvidenceRef> = g.edge(e).evidence.iter().collect();
    // stable sort: sentences naming both ends, then one, then neither
    ev.sort_by_key(|x| {
        let named = |names: &[&str]| names.iter().any(|n| x.text.contains(n));
        std::cmp::Reverse(usize::from(named(&hn)) + usize::from(named(&tn)))
    });
    ev
}

/// Where a sentence is: `000_x.txt, chars 120–180`.
pub fn location(ev: &EvidenceRef) -> String {
    format!("{}, chars {}–{}", ev.doc, ev.start, ev.end)
}

/// The evidence lines printed under a hop: up to `max` sentences, each with its location.
pub fn evidence_lines(g: &KnowledgeGraph, e: EdgeIndex, indent: &str, max: usize) -> String {
    let ev = evidence_for(g, e);
    let mut out = String::new();
    for x in ev.iter().take(max) {
        out.push_str(&format!(
            "{indent}“{}”\n{indent}  — {}\n",
            one_line(&x.text),
            location(x)
        ));
    }
    let total = g.edge(e).evidence_records();
    if total > max {
        out.push_str(&format!(
            "{indent}(+{} more sentence(s); --format json lists all)\n",
            total - max
        ));
    }
    out
}

/// Text on one line (sentences may span lines of the source).
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn entity_json(n: &EntityNode) -> Value {
    json!({
        "key": n.key,
        "name": n.name,
        "class": n.class,
        "subtype": n.subtype,
        "code": n.code,
    })
}

pub fn evidence_json(ev: &EvidenceRef) -> Value {
    json!({
        "doc": ev.doc,
        "text": ev.text,
        "start": ev.start,
        "end": ev.end,
        "sentence": ev.sentence,
        "rule": ev.rule,
    })
}

/// A relation with all its evidence (best first).
pub fn relation_json(g: &KnowledgeGraph, e: EdgeIndex) -> Value {
    let (h, t) = g.endpoints(e);
    let r = g.edge(e);
    json!({
        "type": r.kind,
        "head": entity_json(g.node(h)),
        "tail": entity_json(g.node(t)),
        "titles": r.titles,
        "count": r.count,
        "evidence": evidence_for(g, e).into_iter().map(evidence_json).collect::<Vec<_>>(),
    })
}

/// Reading of a relation type from one end: (outgoing, incoming) phrases.
pub fn role_phrases(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::HoldsPost => ("holds a post in", "posts held by"),
        RelationKind::PartOf => ("part of", "has part"),
        RelationKind::LocatedIn => ("located in", "location of"),
        RelationKind::Funds => ("funds", "funded by"),
        RelationKind::Manages => ("manages", "managed by"),
        RelationKind::Implements => ("implements", "implemented by"),
        RelationKind::PartnersWith => ("partners with", "partners with"),
        RelationKind::MemberOf => ("member of", "has member"),
        RelationKind::Issued => ("issued", "issued by"),
        RelationKind::DispatchedTo => ("dispatched to", "receives from"),
        RelationKind::CoMention => ("co-mentioned with", "co-mentioned with"),
    }
}

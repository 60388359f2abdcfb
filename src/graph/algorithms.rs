//! Graph algorithms over the knowledge graph: paths, neighbourhoods, centrality.
//!
//! Everything here reads a [`KnowledgeGraph`] through one traversal view, [`Adjacency`]: the
//! relations an [`EdgeFilter`] allows (typed relations by default, co-mentions only when asked),
//! walkable in either direction, with every neighbour list in entity-key order. Iterating in key
//! order is what makes every result deterministic: the same store gives the same paths, the same
//! ego network and the same ranking, ties broken by entity key.
//!
//! - [`paths`]: k shortest simple paths between two entities (Yen's algorithm over hop counts).
//! - [`ego`]: the ego network of an entity (breadth-first search to a depth).
//! - [`centrality`]: degree, PageRank and betweenness (Brandes).
//! - [`containment`]: the district/county-level place an entity is part of or located in.

pub mod centrality;
pub mod containment;
pub mod ego;
pub mod paths;

use super::KnowledgeGraph;
use crate::extract::model::RelationKind;
use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

/// Which relations a traversal may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeFilter {
    /// Only these relation types (all typed relations when `None`).
    pub kinds: Option<BTreeSet<RelationKind>>,
    /// Also walk co-mention edges (also enabled by listing `co_mention` in `kinds`).
    pub co_mentions: bool,
}

impl EdgeFilter {
    /// Typed relations of the given kinds (all when empty), co-mentions when asked.
    pub fn new(kinds: impl IntoIterator<Item = RelationKind>, co_mentions: bool) -> Self {
        let kinds: BTreeSet<RelationKind> = kinds.into_iter().collect();
        Self {
            kinds: (!kinds.is_empty()).then_some(kinds),
            co_mentions,
        }
    }

    pub fn allows(&self, kind: RelationKind) -> bool {
        if kind == RelationKind::CoMention {
            return self.co_mentions || self.kinds.as_ref().is_some_and(|k| k.contains(&kind));
        }
        self.kinds.as_ref().is_none_or(|k| k.contains(&kind))
    }

    /// The same filter without its type restriction (for "a path exists without --via" hints).
    pub fn without_kinds(&self) -> Self {
        Self {
            kinds: None,
            co_mentions: self.co_mentions
                || self
                    .kinds
                    .as_ref()
                    .is_some_and(|k| k.contains(&RelationKind::CoMention)),
        }
    }
}

/// One step from a node along an edge, in either direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub to: NodeIndex,
    pub edge: EdgeIndex,
    /// The edge is stored from the node to `to` (false: stored from `to` to the node).
    pub forward: bool,
}

/// The undirected traversal view of a graph under a filter, neighbours in key order.
#[derive(Debug, Clone)]
pub struct Adjacency<'g> {
    graph: &'g KnowledgeGraph,
    /// Steps per node index, sorted by (neighbour key, relation kind, backward after forward).
    steps: Vec<Vec<Step>>,
    /// Distinct neighbours per node index, in key order.
    neighbours: Vec<Vec<NodeIndex>>,
    /// Position of each node index in entity-key order.
    rank: Vec<usize>,
}

impl<'g> Adjacency<'g> {
    pub fn new(graph: &'g KnowledgeGraph, filter: &EdgeFilter) -> Self {
        let pg = graph.petgraph();
        let n = pg.node_count();
        let mut rank = vec![0; n];
        for (pos, (i, _)) in graph.nodes().enumerate() {
            rank[i.index()] = pos;
        }
        let mut steps = vec![Vec::new(); n];
        let mut neighbours = vec![Vec::new(); n];
        for i in pg.node_indices() {
            let mut out: Vec<Step> = Vec::new();
            for e in pg.edges_directed(i, Direction::Outgoing) {
                if filter.allows(e.weight().kind) && e.target() != i {
                    out.push(Step {
                        to: e.target(),
                        edge: e.id(),
                        forward: true,
                    });
                }
            }
            for e in pg.edges_directed(i, Direction::Incoming) {
                if filter.allows(e.weight().kind) && e.source() != i {
                    out.push(Step {
                        to: e.source(),
                        edge: e.id(),
                        forward: false,
                    });
                }
            }
            out.sort_by_key(|s| (rank[s.to.index()], pg[s.edge].kind, !s.forward));
            let mut ns: Vec<NodeIndex> = out.iter().map(|s| s.to).collect();
            ns.dedup();
            neighbours[i.index()] = ns;
            steps[i.index()] = out;
        }
        Self {
            graph,
            steps,
            neighbours,
            rank,
        }
    }

    pub fn graph(&self) -> &'g KnowledgeGraph {
        self.graph
    }

    /// Every allowed edge at a node, in key order of the other end.
    pub fn steps(&self, n: NodeIndex) -> &[Step] {
        &self.steps[n.index()]
    }

    /// Distinct neighbours of a node, in key order.
    pub fn neighbours(&self, n: NodeIndex) -> &[NodeIndex] {
        &self.neighbours[n.index()]
    }

    /// Allowed edges between two nodes, in either direction (kind order, forward first).
    pub fn between(&self, a: NodeIndex, b: NodeIndex) -> Vec<Step> {
        self.steps(a).iter().filter(|s| s.to == b).copied().collect()
    }

    /// Position of a node in entity-key order (the tie-breaker of every algorithm).
    pub fn rank(&self, n: NodeIndex) -> usize {
        self.rank[n.index()]
    }

    pub fn node_count(&self) -> usize {
        self.rank.len()
    }

    /// Node indices in entity-key order.
    pub fn nodes_in_key_order(&self) -> Vec<NodeIndex> {
        self.graph.nodes().map(|(i, _)| i).collect()
    }

    /// Hop distance from `from` to every node it reaches (unreached: `None`), at most `max` hops.
    pub fn distances(&self, from: NodeIndex, max: usize) -> Vec<Option<usize>> {
        let mut dist = vec![None; self.node_count()];
        dist[from.index()] = Some(0);
        let mut frontier = vec![from];
        let mut d = 0;
        while !frontier.is_empty() && d < max {
            d += 1;
            let mut next = Vec::new();
            for &u in &frontier {
                for &v in self.neighbours(u) {
                    if dist[v.index()].is_none() {
                        dist[v.index()] = Some(d);
                        next.push(v);
                    }
                }
            }
            frontier = next;
        }
        dist
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A small hand-built graph for the algorithm tests.
    use crate::extract::model::{EntityClass, RelationKind, Subtype};
    use crate::graph::{EntityNode, EvidenceRef, KnowledgeGraph, RelationEdge};

    pub fn node(key: &str, name: &str, class: EntityClass, subtype: Subtype) -> EntityNode {
        EntityNode {
            key: key.into(),
            name: name.into(),
            class,
            subtype,
            code: None,
            aliases: Default::default(),
            mentions: Vec::new(),
            rule: "test".into(),
        }
    }

    pub fn edge(kind: RelationKind, sentence: &str) -> RelationEdge {
        RelationEdge {
            kind,
            titles: Default::default(),
            evidence: vec![EvidenceRef {
                doc: "t.txt".into(),
                text: sentence.into(),
                start: 0,
                end: sentence.chars().count(),
                sentence: 0,
                rule: "test".into(),
                title: None,
            }],
            count: 1,
            evidence_total: 0,
        }
    }

    /// p:a —holds_post→ o:b —located_in→ x:c —part_of→ x:d, o:b —co_mention— x:d,
    /// p:e —holds_post→ o:b, x:f —part_of→ x:d, and an isolated q:z.
    pub fn sample() -> KnowledgeGraph {
        use EntityClass::*;
        let mut g = KnowledgeGraph::new();
        let a = g.upsert_node(node("p:a", "A", Person, Subtype::Official));
        let b = g.upsert_node(node("o:b", "B", Organization, Subtype::Government));
        let c = g.upsert_node(node("x:c", "C", Place, Subtype::District));
        let d = g.upsert_node(node("x:d", "D", Place, Subtype::Province));
        let e = g.upsert_node(node("p:e", "E", Person, Subtype::Official));
        let f = g.upsert_node(node("x:f", "F", Place, Subtype::District));
        g.upsert_node(node("q:z", "Z", Program, Subtype::Program));
        g.upsert_edge(a, b, edge(RelationKind::HoldsPost, "A是B书记"));
        g.upsert_edge(b, c, edge(RelationKind::LocatedIn, "B在C"));
        g.upsert_edge(c, d, edge(RelationKind::PartOf, "C属于D"));
        g.upsert_edge(b, d, edge(RelationKind::CoMention, "B与D"));
        g.upsert_edge(e, b, edge(RelationKind::HoldsPost, "E是B主任"));
        g.upsert_edge(f, d, edge(RelationKind::PartOf, "F属于D"));
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_excludes_co_mentions_unless_asked() {
        let typed = EdgeFilter::default();
        assert!(typed.allows(RelationKind::PartOf) && !typed.allows(RelationKind::CoMention));
        assert!(EdgeFilter::new([], true).allows(RelationKind::CoMention));
        let only = EdgeFilter::new([RelationKind::PartOf], false);
        assert!(only.allows(RelationKind::PartOf) && !only.allows(RelationKind::HoldsPost));
        assert!(EdgeFilter::new([RelationKind::CoMention], false).allows(RelationKind::CoMention));
    }

    #[test]
    fn adjacency_walks_both_directions_in_key_order() {
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        let b = g.node_index("o:b").unwrap();
        let names: Vec<&str> = adj.neighbours(b).iter().map(|&n| g.node(n).key.as_str()).collect();
        assert_eq!(names, ["p:a", "p:e", "x:c"]);
        let c = g.node_index("x:c").unwrap();
        assert_eq!(adj.between(b, c).len(), 1);
        assert!(adj.between(b, c)[0].forward && !adj.between(c, b)[0].forward);
        let d = g.node_index("x:d").unwrap();
        assert_eq!(adj.distances(g.node_index("p:a").unwrap(), 9)[d.index()], Some(3));
        let with_co = Adjacency::new(&g, &EdgeFilter::new([], true));
        assert_eq!(with_co.distances(g.node_index("p:a").unwrap(), 9)[d.index()], Some(2));
    }
}

//! The ego network of an entity: everything within `depth` hops (breadth-first), the relations
//! among those entities, and for each entity the relations that reached it from one hop nearer.

use super::{Adjacency, Step};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::BTreeSet;

/// An entity of an ego network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgoMember {
    pub node: NodeIndex,
    pub depth: usize,
    /// Relations from entities one hop nearer the centre (empty for the centre), as steps seen
    /// from this entity, in key order of the nearer entity.
    pub via: Vec<(NodeIndex, Step)>,
}

/// An ego network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgoNetwork {
    pub center: NodeIndex,
    pub depth: usize,
    /// Members by depth, then key.
    pub members: Vec<EgoMember>,
    /// Every allowed relation between two members.
    pub edges: BTreeSet<EdgeIndex>,
}

impl EgoNetwork {
    pub fn nodes(&self) -> BTreeSet<NodeIndex> {
        self.members.iter().map(|m| m.node).collect()
    }
}

/// Breadth-first ego network of `center` to `depth` hops.
pub fn ego_network(adj: &Adjacency, center: NodeIndex, depth: usize) -> EgoNetwork {
    let dist = adj.distances(center, depth);
    let mut members: Vec<EgoMember> = adj
        .nodes_in_key_order()
        .into_iter()
        .filter_map(|n| {
            let d = dist[n.index()]?;
            let via = if d == 0 {
                Vec::new()
            } else {
                adj.steps(n)
                    .iter()
                    .filter(|s| dist[s.to.index()] == Some(d - 1))
                    .map(|s| (s.to, *s))
                    .collect()
            };
            Some(EgoMember { node: n, depth: d, via })
        })
        .collect();
    members.sort_by_key(|m| (m.depth, adj.rank(m.node)));
    let mut edges = BTreeSet::new();
    for m in &members {
        for s in adj.steps(m.node) {
            if dist[s.to.index()].is_some() {
                edges.insert(s.edge);
            }
        }
    }
    EgoNetwork {
        center,
        depth,
        members,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{EdgeFilter, fixture};
    use super::*;

    #[test]
    fn ego_network_by_depth_with_the_edges_among_members() {
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        let b = g.node_index("o:b").unwrap();
        let ego = ego_network(&adj, b, 1);
        let keys: Vec<(&str, usize)> = ego
            .members
            .iter()
            .map(|m| (g.node(m.node).key.as_str(), m.depth))
            .collect();
        assert_eq!(keys, [("o:b", 0), ("p:a", 1), ("p:e", 1), ("x:c", 1)]);
        assert_eq!(ego.edges.len(), 3);
        let c = &ego.members[3];
        assert_eq!(c.via.len(), 1);
        assert!(
            !c.via[0].1.forward,
            "o:b → x:c is stored forward from o:b, backward from x:c"
        );
        let two = ego_network(&adj, b, 2);
        assert_eq!(two.members.len(), 5);
        assert_eq!(two.edges.len(), 4);
    }
}

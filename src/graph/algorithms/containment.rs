//! Which district- or county-level place an entity belongs to, for grouping pictures by place.
//!
//! A district belongs to itself. Other entities follow `part_of` / `located_in` outwards (a
//! village → its township → its district; a district party committee → its district) and take
//! the nearest district reached, ties by key. Places whose statistical code is finer than a
//! district's (9 or 12 digits) fall back to the district with their 6-digit code prefix.

use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::graph::KnowledgeGraph;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// How far outwards to follow containment (village → township → district is 2).
const MAX_LEVELS: usize = 4;

fn is_district(g: &KnowledgeGraph, n: NodeIndex) -> bool {
    let node = g.node(n);
    node.class == EntityClass::Place && node.subtype == Subtype::District
}

/// The district-level place of one entity, if any.
pub fn district_of(g: &KnowledgeGraph, n: NodeIndex) -> Option<NodeIndex> {
    if is_district(g, n) {
        return Some(n);
    }
    let pg = g.petgraph();
    let mut frontier = vec![n];
    let mut seen = BTreeSet::from([n]);
    for _ in 0..MAX_LEVELS {
        let mut next: Vec<NodeIndex> = Vec::new();
        for &u in &frontier {
            for e in pg.edges_directed(u, Direction::Outgoing) {
                if matches!(e.weight().kind, RelationKind::PartOf | RelationKind::LocatedIn) && seen.insert(e.target())
                {
                    next.push(e.target());
                }
            }
        }
        next.sort_by(|a, b| g.node(*a).key.cmp(&g.node(*b).key));
        if let Some(&d) = next.iter().find(|&&v| is_district(g, v)) {
            return Some(d);
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    let code = g.node(n).code.as_deref()?;
    if g.node(n).class == EntityClass::Place && code.len() > 6 {
        let d = g.node_index(&format!("place:{}", code.get(..6)?))?;
        return is_district(g, d).then_some(d);
    }
    None
}

/// The district of each given entity that has one.
pub fn districts(g: &KnowledgeGraph, nodes: impl IntoIterator<Item = NodeIndex>) -> BTreeMap<NodeIndex, NodeIndex> {
    nodes
        .into_iter()
        .filter_map(|n| district_of(g, n).map(|d| (n, d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn entities_belong_to_the_nearest_district() {
        let g = fixture::sample();
        let idx = |k: &str| g.node_index(k).unwrap();
        assert_eq!(district_of(&g, idx("o:b")), Some(idx("x:c")), "located_in");
        assert_eq!(district_of(&g, idx("x:c")), Some(idx("x:c")), "itself");
        assert_eq!(district_of(&g, idx("p:a")), None, "holds_post is not containment");
        assert_eq!(district_of(&g, idx("x:d")), None, "a province is above districts");
    }
}

//! K shortest simple paths between two entities: Yen's algorithm over hop counts.
//!
//! A path is a sequence of distinct entities; each hop lists every allowed relation between its
//! two entities, whichever way it is stored (the reader sees `A —[located_in]→ B` or
//! `B ←[part_of]— A`). Paths are ordered by hop count, then by the entity keys along the path, so
//! the k paths returned for a store are always the same.

use super::{Adjacency, Step};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeSet, HashSet};

/// One hop of a path: from `from` to `to` over one or more relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub from: NodeIndex,
    pub to: NodeIndex,
    /// The relations between the two entities (seen from `from`), kind order, forward first.
    pub relations: Vec<Step>,
}

/// A simple path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub nodes: Vec<NodeIndex>,
    pub hops: Vec<Hop>,
}

impl Path {
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }
}

/// The `k` shortest simple paths from `from` to `to` of at most `max_hops` hops, shortest first.
pub fn k_shortest_paths(adj: &Adjacency, from: NodeIndex, to: NodeIndex, k: usize, max_hops: usize) -> Vec<Path> {
    if k == 0 || from == to {
        return Vec::new();
    }
    let none = vec![false; adj.node_count()];
    let Some(first) = bfs_path(adj, from, to, &none, &HashSet::new(), max_hops) else {
        return Vec::new();
    };
    let mut found: Vec<Vec<NodeIndex>> = vec![first];
    // candidates ordered by (hops, keys along the path): deterministic tie-breaking
    let mut candidates: BTreeSet<(usize, Vec<usize>, Vec<NodeIndex>)> = BTreeSet::new();
    while found.len() < k {
        let last = found.last().expect("at least one path").clone();
        for i in 0..last.len() - 1 {
            let spur = last[i];
            let root = &last[..=i];
            let mut banned_pairs = HashSet::new();
            for p in &found {
                if p.len() > i + 1 && p[..=i] == *root {
                    banned_pairs.insert(pair(p[i], p[i + 1]));
                }
            }
            let mut banned = vec![false; adj.node_count()];
            for n in &root[..i] {
                banned[n.index()] = true;
            }
            let Some(spur_path) = bfs_path(adj, spur, to, &banned, &banned_pairs, max_hops - i) else {
                continue;
            };
            let mut total = root[..i].to_vec();
            total.extend(spur_path);
            if !found.contains(&total) {
                let keys = total.iter().map(|&n| adj.rank(n)).collect();
                candidates.insert((total.len() - 1, keys, total));
            }
        }
        match candidates.pop_first() {
            Some((_, _, p)) => found.push(p),
            None => break,
        }
    }
    found.into_iter().map(|nodes| with_hops(adj, nodes)).collect()
}

/// The hops of a node sequence, with every allowed relation between consecutive entities.
pub fn with_hops(adj: &Adjacency, nodes: Vec<NodeIndex>) -> Path {
    let hops = nodes
        .windows(2)
        .map(|w| Hop {
            from: w[0],
            to: w[1],
            relations: adj.between(w[0], w[1]),
        })
        .collect();
    Path { nodes, hops }
}

fn pair(a: NodeIndex, b: NodeIndex) -> (NodeIndex, NodeIndex) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Shortest path by breadth-first search avoiding banned nodes and node pairs; neighbours are
/// visited in key order, so among equally short paths the one with the smallest keys wins.
fn bfs_path(
    adj: &Adjacency,
    from: NodeIndex,
    to: NodeIndex,
    banned: &[bool],
    banned_pairs: &HashSet<(NodeIndex, NodeIndex)>,
    max_hops: usize,
) -> Option<Vec<NodeIndex>> {
    let mut parent: Vec<Option<NodeIndex>> = vec![None; adj.node_count()];
    let mut seen = banned.to_vec();
    seen[from.index()] = true;
    let mut frontier = vec![from];
    for _ in 0..max_hops {
        let mut next = Vec::new();
        for &u in &frontier {
            for &v in adj.neighbours(u) {
                if seen[v.index()] || banned_pairs.contains(&pair(u, v)) {
                    continue;
                }
                seen[v.index()] = true;
                parent[v.index()] = Some(u);
                if v == to {
                    let mut path = vec![to];
                    let mut cur = to;
                    while let Some(p) = parent[cur.index()] {
                        path.push(p);
                        cur = p;
                    }
                    path.reverse();
                    return Some(path);
                }
                next.push(v);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{EdgeFilter, fixture};
    use super::*;

    fn keys(g: &crate::graph::KnowledgeGraph, p: &Path) -> Vec<String> {
        p.nodes.iter().map(|&n| g.node(n).key.clone()).collect()
    }

    #[test]
    fn shortest_typed_path_then_longer_ones() {
        let g = fixture::sample();
        let a = g.node_index("p:a").unwrap();
        let d = g.node_index("x:d").unwrap();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        let paths = k_shortest_paths(&adj, a, d, 3, 6);
        assert_eq!(paths.len(), 1, "only one simple typed path");
        assert_eq!(keys(&g, &paths[0]), ["p:a", "o:b", "x:c", "x:d"]);
        // the last hop is stored x:c → x:d, the hop from o:b to x:c is stored forward
        assert!(paths[0].hops[1].relations[0].forward);
        // walking against the direction
        let back = k_shortest_paths(&adj, d, a, 1, 6);
        assert!(!back[0].hops[0].relations[0].forward);
        // co-mentions give a shorter path, and the typed one comes second
        let adj = Adjacency::new(&g, &EdgeFilter::new([], true));
        let paths = k_shortest_paths(&adj, a, d, 3, 6);
        assert_eq!(paths.len(), 2);
        assert_eq!(keys(&g, &paths[0]), ["p:a", "o:b", "x:d"]);
        assert_eq!(paths[1].len(), 3);
    }

    #[test]
    fn bounds_and_filters_hold() {
        let g = fixture::sample();
        let a = g.node_index("p:a").unwrap();
        let d = g.node_index("x:d").unwrap();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        assert!(k_shortest_paths(&adj, a, d, 3, 2).is_empty());
        let z = g.node_index("q:z").unwrap();
        assert!(k_shortest_paths(&adj, a, z, 3, 9).is_empty());
        let via = Adjacency::new(
            &g,
            &EdgeFilter::new([crate::extract::model::RelationKind::PartOf], false),
        );
        assert!(k_shortest_paths(&via, a, d, 1, 6).is_empty());
        let f = g.node_index("x:f").unwrap();
        assert_eq!(k_shortest_paths(&via, f, d, 1, 6).len(), 1);
    }

    #[test]
    fn yen_finds_all_simple_paths_in_a_cycle() {
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::new([], true));
        let e = g.node_index("p:e").unwrap();
        let f = g.node_index("x:f").unwrap();
        let paths = k_shortest_paths(&adj, e, f, 5, 9);
        let all: Vec<Vec<String>> = paths.iter().map(|p| keys(&g, p)).collect();
        assert_eq!(
            all,
            [
                vec!["p:e", "o:b", "x:d", "x:f"],
                vec!["p:e", "o:b", "x:c", "x:d", "x:f"]
            ]
        );
    }
}

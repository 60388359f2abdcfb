//! Who is central: degree, PageRank and betweenness (Brandes), each a score per entity.
//!
//! - Degree: distinct neighbours over the allowed relations, either direction.
//! - PageRank: over the same undirected view (relation directions are naming conventions —
//!   a person `holds_post` in a body, a district `implements` a programme — so rank flows both
//!   ways, and a person holding posts in well-connected bodies ranks above one in an isolated
//!   body). One link per distinct neighbour, damping 0.85, isolated entities' rank spread evenly,
//!   iterated to convergence.
//! - Betweenness: the number of shortest paths between other pairs an entity lies on, over the
//!   same undirected view `trace` walks (Brandes' algorithm; each unordered pair counted once).
//!   Exact up to [`EXACT_BETWEENNESS_NODES`] entities; on larger graphs (a corpus, where the exact
//!   count costs one breadth-first search per entity) it is estimated from
//!   [`BETWEENNESS_SOURCES`] sources taken at even steps in key order and scaled by n/k (Brandes
//!   and Pich's pivot sampling), which ranks the central entities alike and stays reproducible.
//!
//! Sums run in entity-key order, so scores are bit-for-bit reproducible; [`ranking`] breaks ties
//! by key.

use super::Adjacency;
use petgraph::graph::NodeIndex;

/// The available measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Degree,
    PageRank,
    Betweenness,
}

/// Graphs up to this many entities get exact betweenness.
pub const EXACT_BETWEENNESS_NODES: usize = 4000;
/// Sources of the betweenness estimate on larger graphs.
pub const BETWEENNESS_SOURCES: usize = 400;

/// Scores per node index.
pub fn scores(adj: &Adjacency, measure: Measure) -> Vec<f64> {
    match measure {
        Measure::Degree => degree(adj),
        Measure::PageRank => pagerank(adj, 0.85, 1e-12, 200),
        Measure::Betweenness if adj.node_count() > EXACT_BETWEENNESS_NODES => {
            betweenness_estimate(adj, BETWEENNESS_SOURCES)
        }
        Measure::Betweenness => betweenness(adj),
    }
}

/// Whether [`scores`] estimates this measure on this graph rather than computing it exactly.
pub fn is_estimate(adj: &Adjacency, measure: Measure) -> bool {
    measure == Measure::Betweenness && adj.node_count() > EXACT_BETWEENNESS_NODES
}

/// Nodes sorted by score, highest first, ties by entity key.
pub fn ranking(adj: &Adjacency, scores: &[f64]) -> Vec<(NodeIndex, f64)> {
    let mut out: Vec<(NodeIndex, f64)> = adj
        .nodes_in_key_order()
        .into_iter()
        .map(|n| (n, scores[n.index()]))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(adj.rank(a.0).cmp(&adj.rank(b.0))));
    out
}

pub fn degree(adj: &Adjacency) -> Vec<f64> {
    (0..adj.node_count())
        .map(|i| adj.neighbours(NodeIndex::new(i)).len() as f64)
        .collect()
}

pub fn pagerank(adj: &Adjacency, damping: f64, tolerance: f64, max_iterations: usize) -> Vec<f64> {
    let n = adj.node_count();
    if n == 0 {
        return Vec::new();
    }
    let order = adj.nodes_in_key_order();
    let links = |u: &NodeIndex| adj.neighbours(*u);
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    for _ in 0..max_iterations {
        let dangling: f64 = order
            .iter()
            .filter(|u| links(u).is_empty())
            .map(|u| rank[u.index()])
            .sum();
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        let mut next = vec![base; n];
        for &u in &order {
            let out = links(&u);
            if out.is_empty() {
                continue;
            }
            let share = damping * rank[u.index()] / out.len() as f64;
            for v in out {
                next[v.index()] += share;
            }
        }
        let change: f64 = order.iter().map(|u| (next[u.index()] - rank[u.index()]).abs()).sum();
        rank = next;
        if change < tolerance {
            break;
        }
    }
    rank
}

pub fn betweenness(adj: &Adjacency) -> Vec<f64> {
    accumulate(adj, &adj.nodes_in_key_order(), 1.0)
}

/// Betweenness estimated from `k` sources at even steps in key order, scaled by n/k.
pub fn betweenness_estimate(adj: &Adjacency, k: usize) -> Vec<f64> {
    let order = adj.nodes_in_key_order();
    if order.len() <= k {
        return betweenness(adj);
    }
    let step = order.len() as f64 / k as f64;
    let sources: Vec<NodeIndex> = (0..k).map(|i| order[(i as f64 * step) as usize]).collect();
    accumulate(adj, &sources, order.len() as f64 / k as f64)
}

/// Brandes' dependency accumulation from the given sources, each source's share times `scale`.
fn accumulate(adj: &Adjacency, sources: &[NodeIndex], scale: f64) -> Vec<f64> {
    let n = adj.node_count();
    let mut cb = vec![0.0; n];
    for &s in sources {
        // single-source shortest paths (BFS), counting paths
        let mut stack: Vec<NodeIndex> = Vec::new();
        let mut preds: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0f64; n];
        let mut dist: Vec<i64> = vec![-1; n];
        sigma[s.index()] = 1.0;
        dist[s.index()] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in adj.neighbours(v) {
                if dist[w.index()] < 0 {
                    dist[w.index()] = dist[v.index()] + 1;
                    queue.push_back(w);
                }
                if dist[w.index()] == dist[v.index()] + 1 {
                    sigma[w.index()] += sigma[v.index()];
                    preds[w.index()].push(v);
                }
            }
        }
        // accumulate dependencies, farthest first
        let mut delta = vec![0.0f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w.index()] {
                delta[v.index()] += sigma[v.index()] / sigma[w.index()] * (1.0 + delta[w.index()]);
            }
            if w != s {
                cb[w.index()] += delta[w.index()];
            }
        }
    }
    // undirected: every pair was counted from both ends
    cb.iter().map(|c| c * scale / 2.0).collect()
}

#[cfg(test)]
mod tests {
    use super::super::{EdgeFilter, fixture};
    use super::*;

    fn top(g: &crate::graph::KnowledgeGraph, adj: &Adjacency, m: Measure) -> Vec<(String, f64)> {
        ranking(adj, &scores(adj, m))
            .into_iter()
            .map(|(n, s)| (g.node(n).key.clone(), s))
            .collect()
    }

    #[test]
    fn degree_counts_distinct_neighbours_and_ties_go_by_key() {
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        let r = top(&g, &adj, Measure::Degree);
        assert_eq!(r[0], ("o:b".to_string(), 3.0));
        assert_eq!(r[1], ("x:c".to_string(), 2.0), "x:c and x:d tie: key order");
        assert_eq!(r[2], ("x:d".to_string(), 2.0));
        assert_eq!(r.last().unwrap().0, "q:z");
        // p:a, p:e and x:f all have degree 1: key order
        let ones: Vec<&str> = r.iter().filter(|x| x.1 == 1.0).map(|x| x.0.as_str()).collect();
        assert_eq!(ones, ["p:a", "p:e", "x:f"]);
    }

    #[test]
    fn the_estimate_from_every_source_is_the_exact_count() {
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        assert_eq!(betweenness_estimate(&adj, adj.node_count()), betweenness(&adj));
        // from half the sources it still puts the same entity first
        let half = betweenness_estimate(&adj, adj.node_count() / 2);
        let first = |s: &[f64]| ranking(&adj, s)[0].0;
        assert_eq!(first(&half), first(&betweenness(&adj)));
    }

    #[test]
    fn betweenness_matches_hand_count() {
        // path graph a - b - c - d - f plus e - b: b lies between a/e and c/d/f, and a–e
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        let b = betweenness(&adj);
        let at = |k: &str| b[g.node_index(k).unwrap().index()];
        assert_eq!(at("o:b"), 7.0); // a-e, a-c, a-d, a-f, e-c, e-d, e-f
        assert_eq!(at("x:c"), 6.0); // {a,e,b} × {d,f}
        assert_eq!(at("x:d"), 4.0); // {a,e,b,c} × {f}
        assert_eq!(at("p:a"), 0.0);
    }

    #[test]
    fn pagerank_favours_well_connected_entities_and_sums_to_one() {
        let g = fixture::sample();
        let adj = Adjacency::new(&g, &EdgeFilter::default());
        let pr = pagerank(&adj, 0.85, 1e-12, 200);
        let total: f64 = pr.iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        let r = top(&g, &adj, Measure::PageRank);
        assert_eq!(r[0].0, "o:b");
        assert_eq!(r.last().unwrap().0, "q:z", "isolated entities rank last");
        assert_eq!(pagerank(&adj, 0.85, 1e-12, 200), pr, "deterministic");
    }
}

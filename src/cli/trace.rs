//! `guanxi trace A B`: how two entities are connected — the k shortest paths over typed
//! relations (co-mentions only with `--co-mentions`), each hop in its stored direction with the
//! sentence that says so. When there is no path within the bound it says so, says whether a
//! longer path or one through other relations exists, and lists the entities nearest to each end.
//! Exit code 1 when no path is found (like grep finding nothing), 2 for an unknown name.

use super::describe::{entity_json, evidence_lines, hop_text, relation_json};
use super::resolve::{edge_filter, filter_text, open_store, resolve_key};
use super::{Cli, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, ReportFormat};
use crate::graph::KnowledgeGraph;
use crate::graph::algorithms::paths::{Path, k_shortest_paths};
use crate::graph::algorithms::{Adjacency, EdgeFilter};
use crate::rdf::{Evidence, GraphStore};
use anyhow::Result;
use petgraph::graph::NodeIndex;
use serde_json::{Value, json};

/// Evidence sentences printed per hop relation in the terminal (JSON has all).
const EVIDENCE_SHOWN: usize = 1;
/// Nearest entities listed per end when there is no path.
const NEAREST: usize = 5;
/// How far to look for a longer path when there is none within `--max-hops`.
const SEARCH_LIMIT: usize = 64;

/// What `trace` was asked.
pub struct TraceArgs<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub max_hops: usize,
    pub via: &'a [String],
    pub k: usize,
    pub co_mentions: bool,
    pub format: ReportFormat,
}

pub fn run(cli: &Cli, args: &TraceArgs) -> Result<i32> {
    let filter = match edge_filter(args.via, args.co_mentions) {
        Ok(f) => f,
        Err(m) => {
            eprintln!("error: {m}");
            return Ok(EXIT_USAGE);
        }
    };
    if args.k == 0 || args.max_hops == 0 {
        eprintln!("error: --k and --max-hops must be at least 1");
        return Ok(EXIT_USAGE);
    }
    let store = open_store(cli)?;
    // one name at a time: a script gets one JSON error object
    let Some(ka) = resolve_key(&store, args.from, args.format)? else {
        return Ok(EXIT_USAGE);
    };
    let Some(kb) = resolve_key(&store, args.to, args.format)? else {
        return Ok(EXIT_USAGE);
    };
    if ka == kb {
        eprintln!("error: \"{}\" and \"{}\" are the same entity", args.from, args.to);
        return Ok(EXIT_USAGE);
    }
    let evidence = match args.format {
        ReportFormat::Json => Evidence::All,
        ReportFormat::Table => Evidence::AtMost(EVIDENCE_SHOWN),
    };
    let Some((g, paths)) = find_paths(&store, &ka, &kb, &filter, args.k, args.max_hops, evidence)? else {
        return no_path(&store, &filter, &ka, &kb, args);
    };
    let (Some(a), Some(b)) = (g.node_index(&ka), g.node_index(&kb)) else {
        return no_path(&store, &filter, &ka, &kb, args);
    };
    match args.format {
        ReportFormat::Json => {
            let v = json!({
                "from": entity_json(g.node(a)),
                "to": entity_json(g.node(b)),
                "relations": filter_text(&filter),
                "max_hops": args.max_hops,
                "paths": paths.iter().map(|p| path_json(&g, p)).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        ReportFormat::Table => print!("{}", paths_text(&g, &filter, a, b, &paths, args.max_hops)),
    }
    Ok(EXIT_OK)
}

/// The k shortest paths between two entities over the filter's relations, with `evidence`
/// sentences on every hop; `None` when there is none within `max_hops`.
pub(crate) fn find_paths(
    store: &GraphStore,
    ka: &str,
    kb: &str,
    filter: &EdgeFilter,
    k: usize,
    max_hops: usize,
    evidence: Evidence,
) -> Result<Option<(KnowledgeGraph, Vec<Path>)>> {
    // the relation graph without evidence; every relation type, so a failed --via can say
    // whether other types connect the two
    let mut g = store.relation_graph(&filter.without_kinds())?;
    let (Some(a), Some(b)) = (g.node_index(ka), g.node_index(kb)) else {
        return Ok(None);
    };
    let adj = Adjacency::new(&g, filter);
    let paths = k_shortest_paths(&adj, a, b, k, max_hops);
    drop(adj);
    if paths.is_empty() {
        return Ok(None);
    }
    let hops: Vec<_> = paths
        .iter()
        .flat_map(|p| p.hops.iter().flat_map(|h| h.relations.iter().map(|s| s.edge)))
        .collect();
    store.fill_evidence(&mut g, &hops, evidence)?;
    Ok(Some((g, paths)))
}

/// Explains a missing path on the graph with co-mentions too (read only on this path: it
/// needs every document's mention table).
fn no_path(store: &GraphStore, filter: &EdgeFilter, ka: &str, kb: &str, args: &TraceArgs) -> Result<i32> {
    let mut all = filter.without_kinds();
    all.co_mentions = true;
    let mut g = store.relation_graph(&all)?;
    let mut index = |key: &str| match g.node_index(key) {
        Some(i) => i,
        None => match store.entity(key) {
            Ok(Some(e)) => g.upsert_node(e),
            _ => g.upsert_node(crate::graph::EntityNode {
                key: key.to_owned(),
                name: key.to_owned(),
                class: crate::extract::model::EntityClass::Organization,
                subtype: crate::extract::model::Subtype::Other,
                code: None,
                aliases: Default::default(),
                mentions: Vec::new(),
                rule: String::new(),
            }),
        },
    };
    let (a, b) = (index(ka), index(kb));
    let adj = Adjacency::new(&g, filter);
    let report = NoPath::explain(&g, &adj, filter, a, b);
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report.json(&g, filter, args))?),
        ReportFormat::Table => print!("{}", report.text(&g, filter, args)),
    }
    Ok(EXIT_PARTIAL)
}

fn paths_text(g: &KnowledgeGraph, f: &EdgeFilter, a: NodeIndex, b: NodeIndex, paths: &[Path], max: usize) -> String {
    let mut out = format!(
        "{} → {}: {} path(s) over {}, at most {max} hops\n",
        g.node(a).name,
        g.node(b).name,
        paths.len(),
        filter_text(f)
    );
    for (k, p) in paths.iter().enumerate() {
        let names: Vec<&str> = p.nodes.iter().map(|&n| g.node(n).name.as_str()).collect();
        out.push_str(&format!(
            "\npath {} · {} hop(s) · {}\n",
            k + 1,
            p.len(),
            names.join(" → ")
        ));
        for hop in &p.hops {
            for s in &hop.relations {
                out.push_str(&format!(
                    "  {}\n",
                    hop_text(g, hop.from, hop.to, s.forward, g.edge(s.edge))
                ));
                out.push_str(&evidence_lines(g, s.edge, "      ", EVIDENCE_SHOWN));
            }
        }
    }
    out
}

pub(crate) fn path_json(g: &KnowledgeGraph, p: &Path) -> Value {
    json!({
        "hops": p.len(),
        "nodes": p.nodes.iter().map(|&n| entity_json(g.node(n))).collect::<Vec<_>>(),
        "steps": p.hops.iter().map(|h| json!({
            "from": g.node(h.from).key,
            "to": g.node(h.to).key,
            "relations": h.relations.iter().map(|s| {
                let mut v = relation_json(g, s.edge);
                v["direction"] = json!(if s.forward { "forward" } else { "backward" });
                v["reading"] = json!(hop_text(g, h.from, h.to, s.forward, g.edge(s.edge)));
                v
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Why there is no path, and where to look instead.
struct NoPath {
    from: NodeIndex,
    to: NodeIndex,
    /// Hops of the shortest path under the same filter, beyond the bound.
    longer: Option<usize>,
    /// Hops of the shortest path with every relation type (when `--via` restricted them).
    without_via: Option<usize>,
    /// Hops of the shortest path when co-mentions are walked too (when they were not).
    with_co_mentions: Option<usize>,
    nearest_from: Vec<(NodeIndex, usize)>,
    nearest_to: Vec<(NodeIndex, usize)>,
}

impl NoPath {
    fn explain(g: &KnowledgeGraph, adj: &Adjacency, f: &EdgeFilter, a: NodeIndex, b: NodeIndex) -> Self {
        let hops_with = |filter: &EdgeFilter| -> Option<usize> {
            let adj = Adjacency::new(g, filter);
            adj.distances(a, SEARCH_LIMIT)[b.index()]
        };
        let longer = adj.distances(a, SEARCH_LIMIT)[b.index()];
        let without_via = f.kinds.as_ref().and_then(|_| hops_with(&f.without_kinds()));
        let with_co_mentions = (!f.co_mentions).then(|| {
            let mut all = f.without_kinds();
            all.co_mentions = true;
            hops_with(&all)
        });
        Self {
            from: a,
            to: b,
            longer,
            without_via,
            with_co_mentions: with_co_mentions.flatten(),
            nearest_from: nearest(adj, a, b),
            nearest_to: nearest(adj, b, a),
        }
    }

    fn hints(&self, f: &EdgeFilter, args: &TraceArgs) -> Vec<String> {
        let mut h = Vec::new();
        if let Some(n) = self.longer {
            h.push(format!("the shortest path has {n} hops: raise --max-hops to {n}"));
        }
        if let Some(n) = self.without_via.filter(|_| self.longer.is_none()) {
            h.push(format!(
                "a path of {n} hops exists over other relation types: drop or widen --via"
            ));
        }
        if let Some(n) = self
            .with_co_mentions
            .filter(|_| self.longer.is_none() && self.without_via.is_none())
        {
            h.push(format!(
                "a path of {n} hops exists through co-mentions (same sentence, untyped): add --co-mentions{}",
                if f.kinds.is_some() { " and drop --via" } else { "" }
            ));
        }
        if h.is_empty() {
            let how = if f.co_mentions { "" } else { " or co-mentions" };
            h.push(format!(
                "{} and {} are not connected by any relation{how} in this store",
                args.from, args.to
            ));
        }
        h
    }

    fn text(&self, g: &KnowledgeGraph, f: &EdgeFilter, args: &TraceArgs) -> String {
        let mut out = format!(
            "no path from {} to {} within {} hops over {}\n",
            g.node(self.from).name,
            g.node(self.to).name,
            args.max_hops,
            filter_text(f)
        );
        for h in self.hints(f, args) {
            out.push_str(&format!("  hint: {h}\n"));
        }
        for (end, list) in [(self.from, &self.nearest_from), (self.to, &self.nearest_to)] {
            out.push_str(&format!("nearest entities connected to {}: ", g.node(end).name));
            if list.is_empty() {
                out.push_str(&format!("none ({} has no {})\n", g.node(end).name, filter_text(f)));
            } else {
                let items: Vec<String> = list
                    .iter()
                    .map(|(n, d)| format!("{} ({d} hop{})", g.node(*n).name, if *d == 1 { "" } else { "s" }))
                    .collect();
                out.push_str(&format!("{}\n", items.join(", ")));
            }
        }
        out
    }

    fn json(&self, g: &KnowledgeGraph, f: &EdgeFilter, args: &TraceArgs) -> Value {
        let list = |l: &[(NodeIndex, usize)]| -> Vec<Value> {
            l.iter()
                .map(|(n, d)| {
                    let mut v = entity_json(g.node(*n));
                    v["hops"] = json!(d);
                    v
                })
                .collect()
        };
        json!({
            "from": entity_json(g.node(self.from)),
            "to": entity_json(g.node(self.to)),
            "relations": filter_text(f),
            "max_hops": args.max_hops,
            "paths": [],
            "shortest_hops": self.longer,
            "hints": self.hints(f, args),
            "nearest": { "from": list(&self.nearest_from), "to": list(&self.nearest_to) },
        })
    }
}

/// The entities nearest to `n` other than `other` (by hops, then more neighbours, then key).
fn nearest(adj: &Adjacency, n: NodeIndex, other: NodeIndex) -> Vec<(NodeIndex, usize)> {
    let dist = adj.distances(n, SEARCH_LIMIT);
    let mut out: Vec<(NodeIndex, usize)> = adj
        .nodes_in_key_order()
        .into_iter()
        .filter(|&m| m != n && m != other)
        .filter_map(|m| dist[m.index()].map(|d| (m, d)))
        .collect();
    out.sort_by_key(|&(m, d)| (d, std::cmp::Reverse(adj.neighbours(m).len()), adj.rank(m)));
    out.truncate(NEAREST);
    out
}

//! `guanxi neighbors NAME`: the ego network of an entity — everything within `--depth` hops over
//! the chosen relation types, each with the relation that reaches it from one hop nearer; as a
//! table, or as JSON with every relation among the members and its evidence.

use super::describe::{class_label, entity_json, hop_text, relation_json};
use super::resolve::{edge_filter, filter_text, open_store, resolve_key};
use super::table::{Table, truncate};
use super::{Cli, EXIT_OK, EXIT_USAGE, ReportFormat};
use crate::graph::KnowledgeGraph;
use crate::graph::algorithms::Adjacency;
use crate::graph::algorithms::ego::{EgoMember, EgoNetwork, ego_network};
use crate::rdf::Evidence;
use anyhow::Result;
use serde_json::json;

/// Relations shown per entity in the table's `via` column.
const VIA_SHOWN: usize = 2;

pub fn run(
    cli: &Cli,
    name: &str,
    depth: usize,
    types: &[String],
    co_mentions: bool,
    format: ReportFormat,
) -> Result<i32> {
    let filter = match edge_filter(types, co_mentions) {
        Ok(f) => f,
        Err(m) => {
            eprintln!("error: {m}");
            return Ok(EXIT_USAGE);
        }
    };
    let store = open_store(cli)?;
    let Some(key) = resolve_key(&store, name, format)? else {
        return Ok(EXIT_USAGE);
    };
    // only the neighbourhood is read: the table needs titles, JSON every sentence
    let evidence = match format {
        ReportFormat::Json => Evidence::All,
        ReportFormat::Table => Evidence::None,
    };
    let g = store.neighbourhood(std::slice::from_ref(&key), depth, &filter, evidence)?;
    let Some(center) = g.node_index(&key) else {
        return Ok(EXIT_USAGE);
    };
    let adj = Adjacency::new(&g, &filter);
    let ego = ego_network(&adj, center, depth);
    match format {
        ReportFormat::Json => {
            let v = json!({
                "center": entity_json(g.node(center)),
                "depth": depth,
                "relations": filter_text(&filter),
                "nodes": ego.members.iter().map(|m| {
                    let mut v = entity_json(g.node(m.node));
                    v["hops"] = json!(m.depth);
                    v["via"] = json!(via(&g, m));
                    v
                }).collect::<Vec<_>>(),
                "edges": ego.edges.iter().map(|&e| relation_json(&g, e)).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        ReportFormat::Table => print!("{}", table(&g, &ego, &filter_text(&filter))),
    }
    Ok(EXIT_OK)
}

/// The relations reaching a member from one hop nearer the centre, read outwards.
fn via(g: &KnowledgeGraph, m: &EgoMember) -> Vec<String> {
    m.via
        .iter()
        .map(|(nearer, s)| hop_text(g, *nearer, m.node, !s.forward, g.edge(s.edge)))
        .collect()
}

fn table(g: &KnowledgeGraph, ego: &EgoNetwork, relations: &str) -> String {
    let center = g.node(ego.center);
    let mut out = format!(
        "{} ({}): {} entit{} within {} hop(s) over {relations}, {} relation(s) among them\n",
        center.name,
        class_label(center),
        ego.members.len() - 1,
        if ego.members.len() == 2 { "y" } else { "ies" },
        ego.depth,
        ego.edges.len()
    );
    let mut t = Table::new(["hops", "entity", "class", "via"]);
    for m in &ego.members {
        let n = g.node(m.node);
        let mut v = via(g, m);
        let more = v.len().saturating_sub(VIA_SHOWN);
        v.truncate(VIA_SHOWN);
        let mut cell = v.iter().map(|s| truncate(s, 60)).collect::<Vec<_>>().join("; ");
        if more > 0 {
            cell.push_str(&format!("; +{more} more"));
        }
        t.row([m.depth.to_string(), truncate(&n.name, 36), class_label(n), cell]);
    }
    out.push_str(&t.render());
    out
}

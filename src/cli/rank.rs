//! `guanxi rank`: who is central — entities ranked by degree, PageRank or betweenness over the
//! chosen relation types, optionally only one class or subtype, top N.

use super::describe::{class_label, entity_json};
use super::resolve::{ClassFilter, edge_filter, filter_text, open_store};
use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_USAGE, ReportFormat};
use crate::graph::algorithms::Adjacency;
use crate::graph::algorithms::centrality::{BETWEENNESS_SOURCES, Measure, is_estimate, ranking, scores};
use anyhow::Result;
use clap::ValueEnum;
use serde_json::json;

/// `--by`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBy {
    Degree,
    Pagerank,
    Betweenness,
}

impl RankBy {
    fn measure(self) -> Measure {
        match self {
            RankBy::Degree => Measure::Degree,
            RankBy::Pagerank => Measure::PageRank,
            RankBy::Betweenness => Measure::Betweenness,
        }
    }

    fn name(self) -> &'static str {
        match self {
            RankBy::Degree => "degree",
            RankBy::Pagerank => "pagerank",
            RankBy::Betweenness => "betweenness",
        }
    }

    fn format(self, score: f64) -> String {
        match self {
            RankBy::Degree => format!("{score:.0}"),
            RankBy::Pagerank => format!("{score:.5}"),
            RankBy::Betweenness => format!("{score:.1}"),
        }
    }
}

/// What `rank` was asked.
pub struct RankArgs<'a> {
    pub by: RankBy,
    pub class: Option<&'a str>,
    pub top: usize,
    pub types: &'a [String],
    pub co_mentions: bool,
    pub format: ReportFormat,
}

pub fn run(cli: &Cli, args: &RankArgs) -> Result<i32> {
    let filter = match edge_filter(args.types, args.co_mentions) {
        Ok(f) => f,
        Err(m) => {
            eprintln!("error: {m}");
            return Ok(EXIT_USAGE);
        }
    };
    let class = match args.class.map(ClassFilter::parse).transpose() {
        Ok(c) => c,
        Err(m) => {
            eprintln!("error: {m}");
            return Ok(EXIT_USAGE);
        }
    };
    let store = open_store(cli)?;
    // the relation graph only: no evidence, no mentions
    let g = store.relation_graph(&filter)?;
    let adj = Adjacency::new(&g, &filter);
    let s = scores(&adj, args.by.measure());
    let ranked: Vec<_> = ranking(&adj, &s)
        .into_iter()
        .filter(|(n, _)| class.is_none_or(|c| c.matches(g.node(*n))))
        .take(args.top)
        .collect();
    let documents: Vec<usize> = ranked
        .iter()
        .map(|(n, _)| store.document_count(&g.node(*n).key))
        .collect::<Result<_>>()?;
    match args.format {
        ReportFormat::Json => {
            let rows: Vec<_> = ranked
                .iter()
                .enumerate()
                .map(|(k, (n, score))| {
                    let mut v = entity_json(g.node(*n));
                    v["rank"] = json!(k + 1);
                    v["score"] = json!(score);
                    v["neighbours"] = json!(adj.neighbours(*n).len());
                    v["documents"] = json!(documents[k]);
                    v
                })
                .collect();
            let v = json!({
                "by": args.by.name(),
                "relations": filter_text(&filter),
                "estimated": is_estimate(&adj, args.by.measure()),
                "ranking": rows
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        ReportFormat::Table => {
            println!(
                "top {} by {} over {}{}{}",
                ranked.len(),
                args.by.name(),
                filter_text(&filter),
                args.class.map(|c| format!(", {c} only")).unwrap_or_default(),
                if is_estimate(&adj, args.by.measure()) {
                    format!(
                        " (estimated from {BETWEENNESS_SOURCES} of {} entities as sources)",
                        adj.node_count()
                    )
                } else {
                    String::new()
                }
            );
            // degree already is the neighbour count
            let by_degree = args.by == RankBy::Degree;
            let mut header = vec!["#", "entity", "class", args.by.name()];
            if !by_degree {
                header.push("neighbours");
            }
            header.push("documents");
            let mut t = Table::new(header);
            for (k, (n, score)) in ranked.iter().enumerate() {
                let node = g.node(*n);
                let mut row = vec![
                    (k + 1).to_string(),
                    node.name.clone(),
                    class_label(node),
                    args.by.format(*score),
                ];
                if !by_degree {
                    row.push(adj.neighbours(*n).len().to_string());
                }
                row.push(documents[k].to_string());
                t.row(row);
            }
            print!("{}", t.render());
        }
    }
    Ok(EXIT_OK)
}

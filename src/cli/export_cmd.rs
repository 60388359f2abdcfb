//! `guanxi export` and `guanxi dot`: the store as RDF (Turtle, N-Triples, N-Quads, TriG,
//! JSON-LD) or the knowledge graph as JSON, Graphviz DOT, SVG (drawn without Graphviz)
//! or GraphML. Pictures and GraphML can show the whole graph, an entity's neighbourhood
//! (`--focus NAME --depth D`) or the shortest paths between two entities (`--path A B`).

use super::resolve::{edge_filter, open_store, resolve, resolve_key};
use super::{Cli, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, ExportFormat, ReportFormat, write_output};
use crate::export::dot::{DotOptions, to_dot};
use crate::export::graphml::to_graphml;
use crate::export::json::to_json;
use crate::export::svg::to_svg;
use crate::graph::KnowledgeGraph;
use crate::graph::algorithms::Adjacency;
use crate::graph::algorithms::EdgeFilter;
use crate::graph::algorithms::ego::ego_network;
use crate::graph::algorithms::paths::k_shortest_paths;
use crate::rdf::{Evidence, GraphStore};
use anyhow::Result;
use clap::{Args, ValueEnum};
use oxigraph::io::RdfFormat;
use std::path::Path;

/// How to group entities in a picture.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterBy {
    /// The district/county-level place an entity is part of or located in.
    Place,
}

/// Which part of the graph a picture (dot, svg) or GraphML file shows.
#[derive(Args, Debug, Clone, Default)]
pub struct PictureArgs {
    /// Only this entity's neighbourhood (name, alias or key).
    #[arg(long, value_name = "NAME", conflicts_with = "path")]
    pub focus: Option<String>,
    /// Hops around --focus.
    #[arg(long, default_value_t = 1, value_name = "D")]
    pub depth: usize,
    /// Only the shortest paths between two entities.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub path: Option<Vec<String>>,
    /// How many shortest paths --path draws.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub k: usize,
    /// Longest path --path considers.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub max_hops: usize,
    /// Only these relation types (comma-separated, e.g. holds_post,part_of).
    #[arg(long, value_delimiter = ',', value_name = "TYPE,...")]
    pub types: Vec<String>,
    /// Include co-mention edges (same sentence, untyped).
    #[arg(long)]
    pub co_mentions: bool,
    /// Group entities in clusters (DOT; Graphviz draws them).
    #[arg(long, value_enum)]
    pub cluster_by: Option<ClusterBy>,
    /// Picture title (default: the focus or the path).
    #[arg(long)]
    pub title: Option<String>,
}

impl PictureArgs {
    fn selects(&self) -> bool {
        self.focus.is_some() || self.path.is_some() || !self.types.is_empty() || self.cluster_by.is_some()
    }
}

pub fn run(cli: &Cli, format: ExportFormat, out: Option<&Path>, picture: &PictureArgs) -> Result<i32> {
    let rdf = match format {
        ExportFormat::Ttl => Some(RdfFormat::Turtle),
        ExportFormat::Nt => Some(RdfFormat::NTriples),
        ExportFormat::Nq => Some(RdfFormat::NQuads),
        ExportFormat::Trig => Some(RdfFormat::TriG),
        ExportFormat::Jsonld => Some(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        _ => None,
    };
    let graph_file = matches!(format, ExportFormat::Dot | ExportFormat::Svg | ExportFormat::Graphml);
    if !graph_file && picture.selects() {
        eprintln!(
            "error: --focus, --path, --types and --cluster-by apply to --format dot, svg and graphml \
             (for JSON of a neighbourhood or a path use `guanxi neighbors`/`guanxi trace --format json`)"
        );
        return Ok(EXIT_USAGE);
    }
    let bytes = match rdf {
        Some(f) => {
            let store = GraphStore::open_existing(&cli.store)?;
            let mut buf = Vec::new();
            store.dump(f, &mut buf)?;
            buf
        }
        None => {
            let store = open_store(cli)?;
            let (graph, opts) = if format == ExportFormat::Json {
                // the whole graph, as the JSON export always gave it: every entity with its
                // mentions, every relation with its evidence, co-mentions included
                (
                    store.whole_graph(&EdgeFilter::new([], true), Evidence::All, true)?,
                    DotOptions::default(),
                )
            } else {
                match picture_graph(&store, picture)? {
                    Ok(x) => x,
                    Err(code) => return Ok(code),
                }
            };
            if format == ExportFormat::Json {
                let mut s = serde_json::to_string_pretty(&to_json(&graph))?;
                s.push('\n');
                s.into_bytes()
            } else {
                if format == ExportFormat::Svg && opts.cluster_by_place && !cli.quiet {
                    eprintln!(
                        "note: the built-in SVG renderer draws no clusters; for district clusters use \
                         `guanxi export --format dot --cluster-by place … | dot -Tsvg`"
                    );
                }
                match format {
                    ExportFormat::Svg => match to_svg(&graph, &opts) {
                        Ok(svg) => svg,
                        Err(e) => {
                            eprintln!(
                                "error: {e}. Draw less (--focus NAME --depth D, --path A B, --types …, \
                                 without --co-mentions), or render with Graphviz: \
                                 `guanxi export --format dot … | dot -Tsvg > graph.svg`"
                            );
                            return Ok(EXIT_USAGE);
                        }
                    },
                    ExportFormat::Graphml => to_graphml(&graph, &opts),
                    _ => to_dot(&graph, &opts),
                }
                .into_bytes()
            }
        }
    };
    write_output(out, &bytes)?;
    Ok(EXIT_OK)
}

/// The part of the store a picture draws — an entity's neighbourhood, the relation graph for
/// paths, or everything — and its selection; or the exit code after a message.
fn picture_graph(store: &GraphStore, p: &PictureArgs) -> Result<Result<(KnowledgeGraph, DotOptions), i32>> {
    let filter = match edge_filter(&p.types, p.co_mentions) {
        Ok(f) => f,
        Err(m) => {
            eprintln!("error: {m}");
            return Ok(Err(EXIT_USAGE));
        }
    };
    let graph = if let Some(name) = &p.focus {
        let Some(key) = resolve_key(store, name, ReportFormat::Table)? else {
            return Ok(Err(EXIT_USAGE));
        };
        store.neighbourhood(&[key], p.depth, &filter, Evidence::None)?
    } else if p.path.is_some() {
        store.relation_graph(&filter)?
    } else {
        store.whole_graph(&filter, Evidence::None, false)?
    };
    Ok(selection(&graph, p).map(|opts| (graph, opts)))
}

/// The picture's entities and relations for the flags, or the exit code after a message.
pub fn selection(g: &KnowledgeGraph, p: &PictureArgs) -> Result<DotOptions, i32> {
    let filter = edge_filter(&p.types, p.co_mentions).map_err(|m| {
        eprintln!("error: {m}");
        EXIT_USAGE
    })?;
    let mut opts = DotOptions {
        co_mentions: filter.allows(crate::extract::model::RelationKind::CoMention),
        cluster_by_place: p.cluster_by == Some(ClusterBy::Place),
        title: p.title.clone(),
        ..DotOptions::default()
    };
    let adj = Adjacency::new(g, &filter);
    if let Some(name) = &p.focus {
        let center = resolve(g, name, ReportFormat::Table).ok_or(EXIT_USAGE)?;
        let ego = ego_network(&adj, center, p.depth);
        opts.nodes = Some(ego.nodes());
        opts.edges = Some(ego.edges);
        opts.highlight.insert(center);
        opts.title
            .get_or_insert_with(|| format!("{} — {}-hop neighbourhood", g.node(center).name, p.depth));
    } else if let Some([a, b]) = p.path.as_deref() {
        let from = resolve(g, a, ReportFormat::Table).ok_or(EXIT_USAGE)?;
        let to = resolve(g, b, ReportFormat::Table).ok_or(EXIT_USAGE)?;
        let paths = k_shortest_paths(&adj, from, to, p.k.max(1), p.max_hops);
        if paths.is_empty() {
            eprintln!(
                "no path from {a} to {b} within {} hops (`guanxi trace \"{a}\" \"{b}\"` explains)",
                p.max_hops
            );
            return Err(EXIT_PARTIAL);
        }
        let nodes = paths.iter().flat_map(|x| x.nodes.iter().copied()).collect();
        let edges = paths
            .iter()
            .flat_map(|x| x.hops.iter().flat_map(|h| h.relations.iter().map(|s| s.edge)))
            .collect();
        opts.nodes = Some(nodes);
        opts.edges = Some(edges);
        opts.highlight.extend([from, to]);
        opts.title
            .get_or_insert_with(|| format!("{} → {}", g.node(from).name, g.node(to).name));
    } else if !p.types.is_empty() {
        opts.edges = Some(
            g.edge_refs()
                .into_iter()
                .filter(|(_, _, _, e)| filter.allows(e.kind))
                .map(|(e, ..)| e)
                .collect(),
        );
    }
    Ok(opts)
}

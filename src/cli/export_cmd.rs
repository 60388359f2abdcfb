//! `guanxi export`: the store as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD) or the rebuilt
//! knowledge graph as Graphviz DOT or JSON.

use super::{Cli, EXIT_OK, ExportFormat, write_output};
use crate::export::dot::{DotOptions, to_dot};
use crate::export::json::to_json;
use crate::rdf::GraphStore;
use anyhow::Result;
use oxigraph::io::RdfFormat;
use std::path::Path;

pub fn run(cli: &Cli, format: ExportFormat, out: Option<&Path>, co_mentions: bool) -> Result<i32> {
    let store = GraphStore::open_existing(&cli.store)?;
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
    let bytes = match rdf {
        Some(f) => {
            let mut buf = Vec::new();
            store.dump(f, &mut buf)?;
            buf
        }
        None => {
            let graph = store.load_graph()?;
            match format {
                ExportFormat::Dot => to_dot(
                    &graph,
                    &DotOptions {
                        co_mentions,
                        ..DotOptions::default()
                    },
                )
                .into_bytes(),
                _ => {
                    let mut s = serde_json::to_string_pretty(&to_json(&graph))?;
                    s.push('\n');
                    s.into_bytes()
                }
            }
        }
    };
    write_output(out, &bytes)?;
    Ok(EXIT_OK)
}

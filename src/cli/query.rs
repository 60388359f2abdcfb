//! `guanxi query`: SPARQL over the store. Results as an aligned table, or the standard SPARQL
//! results JSON, CSV or TSV; CONSTRUCT/DESCRIBE results as Turtle (table), JSON-LD (json) or
//! N-Triples (csv, tsv). A malformed query prints the parser's message and exits with 2.

use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_USAGE, QueryFormat};
use crate::rdf::{GraphStore, QueryError, vocab};
use anyhow::{Context, Result, anyhow};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;
use std::path::Path;

pub fn run(cli: &Cli, format: QueryFormat, file: Option<&Path>, query: Option<&str>) -> Result<i32> {
    let text = match (file, query) {
        (Some(f), _) => {
            std::fs::read_to_string(f).with_context(|| format!("cannot read query file {}", f.display()))?
        }
        (None, Some(q)) => q.to_owned(),
        (None, None) => {
            eprintln!("error: give a query, or -f FILE");
            return Ok(EXIT_USAGE);
        }
    };
    let store = GraphStore::open_existing(&cli.store)?;
    let results = match store.query(&text) {
        Ok(r) => r,
        Err(QueryError::Syntax(m)) => {
            eprintln!("error: SPARQL syntax error: {m}");
            return Ok(EXIT_USAGE);
        }
        Err(e) => return Err(anyhow!("{e}")),
    };
    let mut out = std::io::stdout().lock();
    write_results(results, format, &mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// Writes query results in the chosen format.
pub fn write_results(results: QueryResults<'_>, format: QueryFormat, out: &mut dyn Write) -> Result<()> {
    match results {
        QueryResults::Boolean(b) => match format {
            QueryFormat::Table => writeln!(out, "{b}")?,
            f => {
                let w = QueryResultsSerializer::from_format(results_format(f))
                    .serialize_boolean_to_writer(Vec::new(), b)?;
                out.write_all(&w)?;
            }
        },
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if format == QueryFormat::Table {
                let mut table = Table::new(vars.iter().map(|v| v.as_str().to_owned()));
                let mut n = 0;
                for s in solutions {
                    let s = s?;
                    table.row(vars.iter().map(|v| s.get(v).map(compact).unwrap_or_default()));
                    n += 1;
                }
                write!(out, "{}", table.render())?;
                writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })?;
            } else {
                let mut w = QueryResultsSerializer::from_format(results_format(format))
                    .serialize_solutions_to_writer(Vec::new(), vars)?;
                for s in solutions {
                    let s = s?;
                    w.serialize(s.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                }
                out.write_all(&w.finish()?)?;
            }
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                QueryFormat::Table => RdfFormat::Turtle,
                QueryFormat::Json => RdfFormat::JsonLd {
                    profile: Default::default(),
                },
                QueryFormat::Csv | QueryFormat::Tsv => RdfFormat::NTriples,
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                for (p, iri) in vocab::PREFIXES {
                    serializer = serializer.with_prefix(*p, *iri)?;
                }
            }
            let mut w = serializer.for_writer(Vec::new());
            for t in triples {
                w.serialize_triple(&t?)?;
            }
            out.write_all(&w.finish()?)?;
        }
    }
    Ok(())
}

fn results_format(f: QueryFormat) -> QueryResultsFormat {
    match f {
        QueryFormat::Json | QueryFormat::Table => QueryResultsFormat::Json,
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
    }
}

/// A term as a person reads it: prefixed IRIs, bare literal values.
pub fn compact(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            for (p, ns) in vocab::PREFIXES {
                if let Some(local) = iri.strip_prefix(ns) {
                    return format!("{p}:{local}");
                }
            }
            format!("<{iri}>")
        }
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

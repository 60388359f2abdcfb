//! The embedded, persistent Oxigraph store (RocksDB on disk): opening it, SPARQL, dumps, counts.
//!
//! The store holds the RDF model of `mapping.rs`: the default graph is the knowledge graph (each
//! fact once), each document's named graph its provenance. SPARQL queries see the default graph
//! as their default graph — the merged knowledge, with no repeats — and reach provenance through
//! `GRAPH ?doc { … }` or `FROM NAMED`. Writing lives in `write.rs`, partial graph loads for the
//! graph commands in `read.rs`.

use super::vocab::{self, GX, document_iri};
use crate::extract::model::{EntityClass, RelationKind};
use anyhow::{Context, Result, anyhow};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The IRI describing the store itself (its model version), in the default graph.
pub const STORE_IRI: &str = "https://guanxi.dev/store";
/// The version of the RDF model this build writes and reads. Stores of another version are
/// refused with a message, never misread.
pub const MODEL_VERSION: &str = "2";

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    Added,
    Replaced,
    Unchanged,
}

/// The persistent store.
pub struct GraphStore {
    pub(super) store: Store,
    path: PathBuf,
}

impl GraphStore {
    /// Opens (creating if needed) the store in `path`.
    pub fn open(path: &Path) -> Result<Self> {
        std::fs::create_dir_all(path).with_context(|| format!("cannot create store directory {}", path.display()))?;
        let store = Store::open(path).map_err(|e| {
            let msg = e.to_string();
            if msg.contains("lock") || msg.contains("LOCK") {
                anyhow!("store {} is in use by another guanxi process ({msg})", path.display())
            } else {
                anyhow!("cannot open store {}: {msg}", path.display())
            }
        })?;
        let s = Self {
            store,
            path: path.to_path_buf(),
        };
        s.check_model_version()?;
        Ok(s)
    }

    /// Opens an existing store: fails if the directory does not exist.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !path.is_dir() {
            return Err(anyhow!(
                "no store at {} (run `guanxi ingest` first, or pass --store DIR)",
                path.display()
            ));
        }
        Self::open(path)
    }

    /// A new, empty store stamps the model version; a store of another version is refused.
    fn check_model_version(&self) -> Result<()> {
        let subject = NamedNodeRef::new_unchecked(STORE_IRI);
        let predicate = vocab::gx("modelVersion");
        let predicate = NamedNodeRef::new_unchecked(&predicate);
        let found: Vec<String> = self
            .store
            .quads_for_pattern(
                Some(subject.into()),
                Some(predicate),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .filter_map(|q| match q.ok()?.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        match found.first() {
            Some(v) if v == MODEL_VERSION => Ok(()),
            Some(v) => Err(anyhow!(
                "store {} holds RDF model version {v}; this guanxi reads version {MODEL_VERSION}. \
                 Ingest your files into a new store directory (--store DIR)",
                self.path.display()
            )),
            None if self.store.is_empty()? => {
                self.store.insert(QuadRef::new(
                    subject,
                    predicate,
                    &Literal::new_simple_literal(MODEL_VERSION),
                    GraphNameRef::DefaultGraph,
                ))?;
                Ok(())
            }
            None => Err(anyhow!(
                "store {} was written by an earlier guanxi (before RDF model version {MODEL_VERSION}). \
                 Ingest your files into a new store directory (--store DIR)",
                self.path.display()
            )),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Writes buffered data to disk and compacts it, so the directory size reflects the data.
    pub fn compact(&self) -> Result<()> {
        self.store.flush()?;
        self.store.optimize()?;
        Ok(())
    }

    /// The generation markers of the store (see `write.rs`): a new one with every write commit,
    /// so the set changes whenever the store does.
    pub fn generation(&self) -> Result<Vec<String>> {
        let p = vocab::gx("generation");
        let mut out: Vec<String> = self
            .store
            .quads_for_pattern(
                Some(NamedNodeRef::new_unchecked(STORE_IRI).into()),
                Some(NamedNodeRef::new_unchecked(&p)),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .filter_map(|q| match q.ok()?.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// The content hash stored for a document, if it was ingested.
    pub fn document_hash(&self, doc: &str) -> Result<Option<String>> {
        let iri = document_iri(doc);
        let node = NamedNodeRef::new_unchecked(&iri);
        let pred = vocab::gx("contentHash");
        let quads = self.store.quads_for_pattern(
            Some(node.into()),
            Some(NamedNodeRef::new_unchecked(&pred)),
            None,
            Some(GraphNameRef::NamedNode(node)),
        );
        for q in quads {
            if let Term::Literal(l) = q?.object {
                return Ok(Some(l.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// Names of every stored document, sorted.
    pub fn document_names(&self) -> Result<Vec<String>> {
        let p = vocab::gx("fileName");
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(&p)), None, None)
        {
            if let Term::Literal(l) = q?.object {
                out.push(l.value().to_owned());
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Runs a SPARQL query. The default graph is the knowledge graph; `GRAPH`/`FROM NAMED` reach
    /// the documents' provenance. Common prefixes (gx, org, skos, …) are predeclared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, QueryError> {
        let prefixes = vocab::sparql_prefixes();
        let full = format!("{prefixes}{sparql}");
        let prepared = SparqlEvaluator::new()
            .parse_query(&full)
            .map_err(|e| QueryError::Syntax(unshift_position(&e.to_string(), prefixes.chars().count())))?;
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| QueryError::Evaluation(e.to_string()))
    }

    /// Writes the whole store in an RDF format, streaming. Oxigraph iterates in index order,
    /// a function of the content only, so the same store always dumps the same bytes. Triple
    /// formats get the default graph (the knowledge graph); dataset formats (N-Quads, TriG) get
    /// every graph.
    pub fn dump(&self, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer.with_prefix(*prefix, *iri)?;
        }
        let mut writer = serializer.for_writer(out);
        // the generation marker says when the store was written, not what it knows
        let generation = vocab::gx("generation");
        let is_marker = |q: &oxigraph::model::Quad| q.predicate.as_str() == generation;
        if format.supports_datasets() {
            for q in self.store.iter() {
                let q = q?;
                if !is_marker(&q) {
                    writer.serialize_quad(&q)?;
                }
            }
        } else {
            for q in self
                .store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            {
                let q = q?;
                if !is_marker(&q) {
                    writer.serialize_triple(oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object))?;
                }
            }
        }
        writer.finish()?;
        Ok(())
    }

    /// Runs an internal SELECT and collects rows.
    pub(super) fn select(&self, sparql: &str) -> Result<Vec<Row>> {
        match self.query(sparql).map_err(|e| anyhow!("{e}"))? {
            QueryResults::Solutions(solutions) => {
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s?;
                    let mut row = Row::default();
                    for (var, term) in s.iter() {
                        row.values.insert(var.as_str().to_owned(), term.clone());
                    }
                    rows.push(row);
                }
                Ok(rows)
            }
            _ => Err(anyhow!("internal query did not return solutions")),
        }
    }

    /// How many default-graph triples have this predicate (and object, if given).
    pub(super) fn count_default(&self, predicate: &str, object: Option<&str>) -> Result<usize> {
        let p = NamedNode::new_unchecked(predicate);
        let o = object.map(NamedNode::new_unchecked);
        let mut n = 0;
        for q in self.store.quads_for_pattern(
            None,
            Some(p.as_ref()),
            o.as_ref().map(|o| o.as_ref().into()),
            Some(GraphNameRef::DefaultGraph),
        ) {
            q?;
            n += 1;
        }
        Ok(n)
    }
}

/// Reports syntax-error positions in the user's own text: "error at 1:C" counts the one-line
/// prefix block, later lines are unaffected.
fn unshift_position(message: &str, prefix_chars: usize) -> String {
    static POS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b1:(\d+)").expect("valid regex"));
    POS.replace(message, |c: &regex::Captures| {
        let col: usize = c[1].parse().unwrap_or(0);
        format!("1:{}", col.saturating_sub(prefix_chars).max(1))
    })
    .into_owned()
}

/// A query error: syntax (exit code 2 in the CLI) or evaluation.
#[derive(Debug)]
pub enum QueryError {
    Syntax(String),
    Evaluation(String),
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::Syntax(m) => write!(f, "SPARQL syntax error: {m}"),
            QueryError::Evaluation(m) => write!(f, "SPARQL evaluation error: {m}"),
        }
    }
}

impl std::error::Error for QueryError {}

#[derive(Default)]
pub(super) struct Row {
    values: HashMap<String, Term>,
}

impl Row {
    pub(super) fn opt_text(&self, var: &str) -> Option<String> {
        match self.values.get(var)? {
            Term::Literal(l) => Some(l.value().to_owned()),
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        }
    }

    pub(super) fn num(&self, var: &str) -> usize {
        self.opt_text(var).and_then(|s| s.parse().ok()).unwrap_or(0)
    }
}

/// Counts of a store.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub documents: usize,
    pub quads: usize,
    /// Distinct entities per class.
    pub classes: Vec<(String, usize)>,
    /// Distinct relation triples per type.
    pub relations: Vec<(String, usize)>,
}

impl GraphStore {
    /// Documents, quads, entities per class and relations per type — index counts, no joins.
    pub fn summary(&self) -> Result<Summary> {
        let rdf_type = format!("{}type", vocab::RDF);
        let mut s = Summary {
            quads: self.len()?,
            documents: self.document_names()?.len(),
            ..Summary::default()
        };
        for class in EntityClass::ALL {
            let n = self.count_default(&rdf_type, Some(&format!("{GX}{}", class.as_str())))?;
            s.classes.push((class.as_str().to_owned(), n));
        }
        for kind in RelationKind::TYPED {
            let n = self.count_default(&vocab::relation_iri(kind), None)?;
            s.relations.push((kind.as_str().to_owned(), n));
        }
        Ok(s)
    }
}

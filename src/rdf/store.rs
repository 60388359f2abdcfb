//! The embedded, persistent Oxigraph store (RocksDB on disk).
//!
//! Each document's facts live in its own named graph (the document IRI). Ingesting a document
//! replaces that graph in one transaction, so a file goes in whole or not at all, re-ingesting an
//! unchanged file (same content hash) is skipped, and a changed file replaces only its own facts.
//! Queries see the union of all document graphs as their default graph.

use super::mapping::document_quads;
use super::vocab::{self, GX, document_iri};
use crate::extract::model::{DocumentExtraction, EntityClass, RelationKind, Subtype};
use crate::graph::{DocumentInfo, EntityNode, EvidenceRef, KnowledgeGraph, MentionRef, RelationEdge};
use anyhow::{Context, Result, anyhow};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    Added,
    Replaced,
    Unchanged,
}

/// The persistent store.
pub struct GraphStore {
    store: Store,
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
        Ok(Self {
            store,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store read-only-in-spirit: fails if the directory does not exist.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !path.is_dir() {
            return Err(anyhow!(
                "no store at {} (run `guanxi ingest` first, or pass --store DIR)",
                path.display()
            ));
        }
        Self::open(path)
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

    /// Stores one document's extraction, replacing what the document had, atomically.
    pub fn ingest(&self, ext: &DocumentExtraction) -> Result<IngestOutcome> {
        let previous = self.document_hash(&ext.doc)?;
        if previous.as_deref() == Some(ext.content_hash.as_str()) {
            return Ok(IngestOutcome::Unchanged);
        }
        let graph = KnowledgeGraph::from_extraction(ext);
        let info = DocumentInfo {
            name: ext.doc.clone(),
            path: ext.path.clone(),
            content_hash: ext.content_hash.clone(),
        };
        let quads = document_quads(&graph, &info);
        let iri = document_iri(&ext.doc);
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(NamedNodeRef::new_unchecked(&iri))?;
        for q in &quads {
            tx.insert(q);
        }
        tx.commit().with_context(|| format!("storing {}", ext.doc))?;
        Ok(if previous.is_some() {
            IngestOutcome::Replaced
        } else {
            IngestOutcome::Added
        })
    }

    /// Removes a document and its facts.
    pub fn remove_document(&self, doc: &str) -> Result<bool> {
        let iri = document_iri(doc);
        let node = NamedNodeRef::new_unchecked(&iri);
        let existed = self.document_hash(doc)?.is_some();
        let mut tx = self.store.start_transaction()?;
        tx.remove_named_graph(node)?;
        tx.commit()?;
        Ok(existed)
    }

    /// Runs a SPARQL query with the union of document graphs as default graph.
    /// Common prefixes (gx, org, skos, …) are predeclared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, QueryError> {
        let prefixes = vocab::sparql_prefixes();
        let full = format!("{prefixes}{sparql}");
        let mut prepared = SparqlEvaluator::new()
            .parse_query(&full)
            .map_err(|e| QueryError::Syntax(unshift_position(&e.to_string(), prefixes.chars().count())))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| QueryError::Evaluation(e.to_string()))
    }

    /// Writes the whole store in an RDF format. Triple formats get the union of graphs.
    pub fn dump(&self, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer.with_prefix(*prefix, *iri)?;
        }
        let mut writer = serializer.for_writer(out);
        if format.supports_datasets() {
            for q in self.store.iter() {
                writer.serialize_quad(&q?)?;
            }
        } else {
            let mut seen = std::collections::BTreeSet::new();
            for q in self.store.iter() {
                let q = q?;
                let t = oxigraph::model::Triple::new(q.subject, q.predicate, q.object);
                if seen.insert(t.to_string()) {
                    writer.serialize_triple(&t)?;
                }
            }
        }
        writer.finish()?;
        Ok(())
    }

    /// Rebuilds the knowledge graph from the store.
    pub fn load_graph(&self) -> Result<KnowledgeGraph> {
        let mut g = KnowledgeGraph::new();
        for row in self.select(
            "SELECT ?doc ?name ?path ?hash WHERE { GRAPH ?doc { ?doc a gx:Document ; gx:fileName ?name ; gx:contentHash ?hash . OPTIONAL { ?doc gx:sourcePath ?path } } }",
        )? {
            g.add_document_info(DocumentInfo {
                name: row.text("name"),
                path: row.text("path"),
                content_hash: row.text("hash"),
            });
        }
        // entities: one row per (entity, document, mention)
        let mut nodes: BTreeMap<String, EntityNode> = BTreeMap::new();
        for row in self.select(
            "SELECT ?key ?name ?class ?rule ?code WHERE { ?e gx:key ?key ; gx:name ?name ; gx:rule ?rule ; a ?class . OPTIONAL { ?e gx:divisionCode ?code } }",
        )? {
            let key = row.text("key");
            let class_iri = row.iri("class");
            let node = nodes.entry(key.clone()).or_insert_with(|| EntityNode {
                key: key.clone(),
                name: row.text("name"),
                class: EntityClass::Place,
                subtype: Subtype::Other,
                code: row.opt_text("code"),
                aliases: Default::default(),
                mentions: Vec::new(),
                rule: row.text("rule"),
            });
            if let Some(local) = class_iri.strip_prefix(GX) {
                if let Some(c) = EntityClass::parse(local) {
                    node.class = c;
                }
                if let Some(s) = vocab::subtype_of_iri(&class_iri)
                    && (s.class() == Some(node.class) || node.subtype == Subtype::Other) {
                        node.subtype = s;
                    }
            }
        }
        for row in self.select("SELECT ?key ?alias WHERE { ?e gx:key ?key ; gx:alias ?alias }")? {
            if let Some(n) = nodes.get_mut(&row.text("key")) {
                n.aliases.insert(row.text("alias"));
            }
        }
        for row in self.select(
            "SELECT ?key ?doc ?text ?start ?end ?sentence ?rule WHERE { ?m gx:mentionOf ?e ; gx:inDocument ?d ; gx:text ?text ; gx:start ?start ; gx:end ?end ; gx:sentence ?sentence ; gx:rule ?rule . ?e gx:key ?key . ?d gx:fileName ?doc }",
        )? {
            if let Some(n) = nodes.get_mut(&row.text("key")) {
                n.mentions.push(MentionRef {
                    doc: row.text("doc"),
                    text: row.text("text"),
                    start: row.num("start"),
                    end: row.num("end"),
                    sentence: row.num("sentence"),
                    rule: row.text("rule"),
                });
            }
        }
        for (_, mut n) in nodes {
            n.mentions.sort();
            // subtype fix-up: a subtype of another class never wins over the class
            if n.subtype.class().is_some_and(|c| c != n.class) {
                n.subtype = Subtype::Other;
            }
            g.upsert_node(n);
        }
        let mut keys: HashMap<String, String> = HashMap::new();
        for (_, n) in g.nodes() {
            keys.insert(vocab::entity_iri(&n.key), n.key.clone());
        }
        for row in self.select(
            "SELECT ?s ?p ?o ?doc ?evidence ?start ?end ?sentence ?rule ?count ?title WHERE { ?st a gx:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?d ; gx:evidence ?evidence ; gx:start ?start ; gx:end ?end ; gx:sentence ?sentence ; gx:rule ?rule ; gx:count ?count . ?d gx:fileName ?doc . OPTIONAL { ?st gx:title ?title } }",
        )? {
            let (Some(hk), Some(tk)) = (keys.get(&row.iri("s")), keys.get(&row.iri("o"))) else { continue };
            let Some(kind) = vocab::relation_of_iri(&row.iri("p")) else { continue };
            let (Some(h), Some(t)) = (g.node_index(hk), g.node_index(tk)) else { continue };
            let title = row.opt_text("title");
            g.upsert_edge(
                h,
                t,
                RelationEdge {
                    kind,
                    titles: title.iter().cloned().collect(),
                    evidence: vec![EvidenceRef {
                        doc: row.text("doc"),
                        text: row.text("evidence"),
                        start: row.num("start"),
                        end: row.num("end"),
                        sentence: row.num("sentence"),
                        rule: row.text("rule"),
                        title,
                    }],
                    count: row.num("count"),
                },
            );
        }
        let _ = RelationKind::CoMention;
        Ok(g)
    }

    /// Runs an internal SELECT and collects rows.
    fn select(&self, sparql: &str) -> Result<Vec<Row>> {
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
struct Row {
    values: HashMap<String, Term>,
}

impl Row {
    fn opt_text(&self, var: &str) -> Option<String> {
        match self.values.get(var)? {
            Term::Literal(l) => Some(l.value().to_owned()),
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        }
    }

    fn text(&self, var: &str) -> String {
        self.opt_text(var).unwrap_or_default()
    }

    fn iri(&self, var: &str) -> String {
        match self.values.get(var) {
            Some(Term::NamedNode(n)) => n.as_str().to_owned(),
            _ => String::new(),
        }
    }

    fn num(&self, var: &str) -> usize {
        self.opt_text(var).and_then(|s| s.parse().ok()).unwrap_or(0)
    }
}

/// Counts of a store.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub quads: usize,
    /// Distinct entities per class.
    pub classes: Vec<(String, usize)>,
    /// Distinct relation triples per type (co-mentions included).
    pub relations: Vec<(String, usize)>,
}

impl GraphStore {
    /// Documents, quads, entities per class and relations per type.
    pub fn summary(&self) -> Result<Summary> {
        let mut s = Summary {
            quads: self.len()?,
            ..Summary::default()
        };
        s.documents = self
            .select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a gx:Document }")?
            .first()
            .map_or(0, |r| r.num("n"));
        for class in EntityClass::ALL {
            let q = format!(
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a gx:{} }}",
                class.as_str()
            );
            let n = self.select(&q)?.first().map_or(0, |r| r.num("n"));
            s.classes.push((class.as_str().to_owned(), n));
        }
        for kind in RelationKind::TYPED.into_iter().chain([RelationKind::CoMention]) {
            let q = format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{}> ?o }} }}",
                vocab::relation_iri(kind)
            );
            let n = self.select(&q)?.first().map_or(0, |r| r.num("n"));
            s.relations.push((kind.as_str().to_owned(), n));
        }
        Ok(s)
    }
}

//! What `guanxi serve` reads beyond the graph commands: the Oxigraph store itself (the SPARQL
//! protocol evaluates on it, with its own limits), and a document's view — its text, its
//! mention table and the relations it states with their sentences — from its named graph.

use super::mapping::MentionTable;
use super::store::GraphStore;
use super::vocab::{document_iri, key_of_entity_iri, relation_of_iri};
use anyhow::Result;

/// A relation as one document states it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatedRelation {
    pub kind: String,
    pub head: String,
    pub tail: String,
    pub title: Option<String>,
    pub evidence: String,
    pub start: usize,
    pub end: usize,
    pub rule: String,
}

/// A document as its graph holds it.
#[derive(Debug, Clone)]
pub struct DocumentView {
    pub name: String,
    pub path: String,
    /// The decoded text (absent for a file too long to store whole).
    pub text: Option<String>,
    pub chars: usize,
    /// The mention tables (one per part of a long file).
    pub tables: Vec<MentionTable>,
    pub relations: Vec<StatedRelation>,
}

impl GraphStore {
    /// The Oxigraph store, for the SPARQL protocol endpoint.
    pub fn raw(&self) -> &oxigraph::store::Store {
        &self.store
    }

    /// A stored document's text, mentions and stated relations; `None` if it is not stored.
    pub fn document_view(&self, name: &str) -> Result<Option<DocumentView>> {
        let iri = document_iri(name);
        let rows = self.select(&format!(
            "SELECT ?path ?text ?chars WHERE {{ GRAPH <{iri}> {{ <{iri}> a gx:Document . \
             OPTIONAL {{ <{iri}> gx:sourcePath ?path }} OPTIONAL {{ <{iri}> gx:text ?text }} \
             OPTIONAL {{ <{iri}> gx:charCount ?chars }} }} }}"
        ))?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let mut view = DocumentView {
            name: name.to_owned(),
            path: row.opt_text("path").unwrap_or_default(),
            text: row.opt_text("text"),
            chars: row.num("chars"),
            tables: Vec::new(),
            relations: Vec::new(),
        };
        for row in self.select(&format!(
            "SELECT ?t WHERE {{ GRAPH <{iri}> {{ <{iri}> gx:mentionTable ?t }} }}"
        ))? {
            if let Some(t) = row.opt_text("t").and_then(|t| MentionTable::parse(&t)) {
                view.tables.push(t);
            }
        }
        for row in self.select(&format!(
            "SELECT ?h ?p ?o ?text ?start ?end ?rule ?title WHERE {{ GRAPH <{iri}> {{ ?ev gx:supports ?s ; \
             gx:evidence ?text ; gx:start ?start ; gx:end ?end . OPTIONAL {{ ?ev gx:rule ?rule }} \
             OPTIONAL {{ ?ev gx:title ?title }} }} ?s rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?o }} \
             ORDER BY ?start ?h ?p ?o"
        ))? {
            let (Some(h), Some(o), Some(kind)) = (
                row.opt_text("h").as_deref().and_then(key_of_entity_iri),
                row.opt_text("o").as_deref().and_then(key_of_entity_iri),
                row.opt_text("p").as_deref().and_then(relation_of_iri),
            ) else {
                continue;
            };
            view.relations.push(StatedRelation {
                kind: kind.as_str().to_owned(),
                head: h,
                tail: o,
                title: row.opt_text("title"),
                evidence: row.opt_text("text").unwrap_or_default(),
                start: row.num("start"),
                end: row.num("end"),
                rule: row.opt_text("rule").unwrap_or_default(),
            });
        }
        Ok(Some(view))
    }

    /// Every stored document's name and character count, in name order.
    pub fn document_list(&self) -> Result<Vec<(String, usize)>> {
        let mut out = Vec::new();
        for row in self.select(
            "SELECT ?name ?chars WHERE { GRAPH ?d { ?d a gx:Document ; gx:fileName ?name . OPTIONAL { ?d gx:charCount ?chars } } } ORDER BY ?name",
        )? {
            out.push((row.opt_text("name").unwrap_or_default(), row.num("chars")));
        }
        Ok(out)
    }
}

//! Mapping one document's extraction to RDF: what the corpus knows (the default graph, each fact
//! once) and what this document says (its own named graph).
//!
//! **Default graph — the knowledge graph.** Every entity's description (`rdf:type` class and
//! subtype, `gx:key`, `gx:name` with `rdfs:label`/`skos:prefLabel`, `gx:divisionCode`,
//! `gx:alias`/`skos:altLabel`), every plain relation triple (`?person gx:holdsPost ?body`) with its
//! W3C alignment (`org:subOrganizationOf`, `schema:containedInPlace`, `org:memberOf`, `org:Post`),
//! and one reified statement per triple (`gx:RelationStatement`: `rdf:subject`, `rdf:predicate`,
//! `rdf:object`, the `gx:title`s of a post). However many documents state a fact, it is one set
//! of triples here: every triple of the default graph is a function of the set of documents,
//! never of the order they came in, so shards merge by plain union.
//!
//! **Named graph of the document — its provenance.** The document node (file name, path, hash,
//! text, and the mention table: a compact JSON literal of every mention's offsets, sentence and
//! surface, and of the document's co-mentions); the document's *claims*: each entity it names,
//! restated with the type, name and aliases this document gives it and how often it names it
//! (`GRAPH D { e a gx:Official ; gx:name "…" ; gx:mentionCount 3 }`); the relation triples it
//! states, restated (`GRAPH D { h gx:holdsPost t }`); and one evidence node per stating sentence
//! (`gx:supports` the statement; sentence text, offsets, rule, title). No subject of a named
//! graph is shared with another named graph except entities, and a claim is exactly the
//! default-graph triple it supports, so the store can tell whether a fact still has a document
//! behind it with one index lookup (see `write.rs`).

use super::vocab::*;
use crate::extract::model::{DocumentExtraction, EntityClass, RelationKind, Subtype};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeMap;

/// Documents longer than this many characters keep no copy of their text in the store (their
/// evidence sentences and mention table are kept; the text stays in the source file).
pub const MAX_STORED_TEXT_CHARS: usize = 4_000_000;

/// The quads of one document (or of one part of a long document).
#[derive(Debug, Clone, Default)]
pub struct DocumentQuads {
    pub doc: String,
    pub content_hash: String,
    /// Quads of the document's named graph.
    pub own: Vec<Quad>,
    /// Quads of the default graph this document supports (idempotent to insert).
    pub shared: Vec<Quad>,
}

impl DocumentQuads {
    pub fn len(&self) -> usize {
        self.own.len() + self.shared.len()
    }

    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.shared.is_empty()
    }
}

/// Collects quads into one graph.
struct Sink {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Sink {
    fn new(graph: GraphName) -> Self {
        Self {
            graph,
            quads: Vec::new(),
        }
    }

    fn add(&mut self, s: &str, p: &str, o: Term) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(s)),
            NamedNode::new_unchecked(p),
            o,
            self.graph.clone(),
        ));
    }

    fn iri(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, Term::NamedNode(NamedNode::new_unchecked(o)));
    }

    fn text(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, Term::Literal(Literal::new_simple_literal(o)));
    }

    fn zh(&mut self, s: &str, p: &str, o: &str) {
        self.add(
            s,
            p,
            Term::Literal(Literal::new_language_tagged_literal_unchecked(o, "zh")),
        );
    }

    fn int(&mut self, s: &str, p: &str, o: usize) {
        self.add(s, p, Term::Literal(Literal::from(o as i64)));
    }
}

/// What the document node says about its file.
#[derive(Debug, Clone, Copy)]
pub struct DocumentSource<'a> {
    /// The decoded text of the file (stored unless longer than [`MAX_STORED_TEXT_CHARS`]).
    pub text: Option<&'a str>,
    /// Characters in the file.
    pub chars: usize,
    /// Whether this extraction is a later part of a long file: the document node was written
    /// with the first part.
    pub continuation: bool,
}

/// The quads of one document's extraction.
pub fn document_quads(ext: &DocumentExtraction, source: DocumentSource) -> DocumentQuads {
    let doc_iri = document_iri(&ext.doc);
    let mut own = Sink::new(GraphName::NamedNode(NamedNode::new_unchecked(&doc_iri)));
    let mut shared = Sink::new(GraphName::DefaultGraph);

    if !source.continuation {
        own.iri(&doc_iri, RDF_TYPE, &gx("Document"));
        own.iri(&doc_iri, RDF_TYPE, &format!("{PROV}Entity"));
        own.text(&doc_iri, &gx("fileName"), &ext.doc);
        if !ext.path.is_empty() {
            own.text(&doc_iri, &gx("sourcePath"), &ext.path);
        }
        own.text(&doc_iri, &gx("contentHash"), &ext.content_hash);
        own.int(&doc_iri, &gx("charCount"), source.chars);
        if let Some(text) = source.text
            && source.chars <= MAX_STORED_TEXT_CHARS
        {
            own.text(&doc_iri, &gx("text"), text);
        }
    }
    own.add(
        &doc_iri,
        &gx("mentionTable"),
        Term::Literal(Literal::new_typed_literal(
            mention_table(ext),
            NamedNode::new_unchecked(format!("{RDF}JSON")),
        )),
    );

    let class_of: BTreeMap<&str, EntityClass> = ext.entities.iter().map(|e| (e.id.as_str(), e.class)).collect();
    for e in &ext.entities {
        let iri = entity_iri(&e.id);
        // the description every document gives alike: class, key, code
        shared.iri(&iri, RDF_TYPE, &class_iri(e.class));
        shared.text(&iri, &gx("key"), &e.id);
        if let Some(code) = &e.code {
            shared.text(&iri, &gx("divisionCode"), code);
        }
        // what this document claims: type, name and aliases as it gives them
        let claimed_type = claimed_type_iri(e.class, e.subtype);
        own.iri(&iri, RDF_TYPE, &claimed_type);
        if claimed_type != class_iri(e.class) {
            shared.iri(&iri, RDF_TYPE, &claimed_type);
        }
        own.text(&iri, &gx("name"), &e.name);
        own.int(&iri, &gx("mentionCount"), e.mentions.len());
        name_triples(&mut shared, &iri, &e.name);
        for alias in e.aliases.iter().filter(|a| **a != e.name) {
            own.text(&iri, &gx("alias"), alias);
            alias_triples(&mut shared, &iri, alias);
        }
    }

    for r in ext.relations.iter().filter(|r| r.kind != RelationKind::CoMention) {
        let (Some(&hc), Some(&tc)) = (class_of.get(r.head_id.as_str()), class_of.get(r.tail_id.as_str())) else {
            continue;
        };
        let (hi, ti) = (entity_iri(&r.head_id), entity_iri(&r.tail_id));
        let property = relation_iri(r.kind);
        own.iri(&hi, &property, &ti);
        let fact = fact_iri(&r.head_id, r.kind, &r.tail_id);
        fact_triples(&mut shared, &fact, &hi, r.kind, &ti, (hc, tc));
        let ev = evidence_iri(&ext.doc, r.evidence.start, &r.head_id, r.kind, &r.tail_id);
        own.iri(&ev, &gx("supports"), &fact);
        own.text(&ev, &gx("evidence"), &r.evidence.text);
        own.int(&ev, &gx("start"), r.evidence.start);
        own.int(&ev, &gx("end"), r.evidence.end);
        own.int(&ev, &gx("sentence"), r.evidence.sentence);
        own.text(&ev, &gx("rule"), &r.rule);
        if r.count > 1 {
            own.int(&ev, &gx("count"), r.count);
        }
        if let Some(title) = &r.title {
            own.text(&ev, &gx("title"), title);
            title_triples(&mut shared, &fact, &hi, &r.tail_id, title);
        }
    }
    DocumentQuads {
        doc: ext.doc.clone(),
        content_hash: ext.content_hash.clone(),
        own: own.quads,
        shared: shared.quads,
    }
}

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The type a document claims for an entity: its subtype's class, or the class itself.
pub fn claimed_type_iri(class: EntityClass, subtype: Subtype) -> String {
    match subtype_iri(subtype) {
        Some(s) if subtype.class() == Some(class) => s,
        _ => class_iri(class),
    }
}

/// `gx:name` with the labels generic RDF tools show, as (predicate, object).
pub(crate) fn name_triples_for(name: &str) -> Vec<(String, Term)> {
    vec![
        (gx("name"), Term::Literal(Literal::new_simple_literal(name))),
        (
            format!("{RDFS}label"),
            Term::Literal(Literal::new_language_tagged_literal_unchecked(name, "zh")),
        ),
        (
            format!("{SKOS}prefLabel"),
            Term::Literal(Literal::new_language_tagged_literal_unchecked(name, "zh")),
        ),
    ]
}

fn name_triples(sink: &mut Sink, s: &str, name: &str) {
    for (p, o) in name_triples_for(name) {
        sink.add(s, &p, o);
    }
}

/// `gx:alias` with `skos:altLabel`.
pub(crate) fn alias_triples_for(alias: &str) -> Vec<(String, Term)> {
    vec![
        (gx("alias"), Term::Literal(Literal::new_simple_literal(alias))),
        (
            format!("{SKOS}altLabel"),
            Term::Literal(Literal::new_language_tagged_literal_unchecked(alias, "zh")),
        ),
    ]
}

fn alias_triples(sink: &mut Sink, s: &str, alias: &str) {
    for (p, o) in alias_triples_for(alias) {
        sink.add(s, &p, o);
    }
}

/// The plain triple, its W3C alignment and the reified statement, as (subject, predicate,
/// object) IRIs — all default-graph triples a relation supports apart from its titles.
pub(crate) fn fact_triple_iris(
    fact: &str,
    head: &str,
    kind: RelationKind,
    tail: &str,
    classes: (EntityClass, EntityClass),
) -> Vec<(String, String, String)> {
    let property = relation_iri(kind);
    let mut out = vec![
        (head.to_owned(), property.clone(), tail.to_owned()),
        (fact.to_owned(), RDF_TYPE.to_owned(), gx("RelationStatement")),
        (fact.to_owned(), format!("{RDF}subject"), head.to_owned()),
        (fact.to_owned(), format!("{RDF}predicate"), property),
        (fact.to_owned(), format!("{RDF}object"), tail.to_owned()),
    ];
    let aligned = match (kind, classes.0, classes.1) {
        (RelationKind::PartOf, EntityClass::Organization, EntityClass::Organization) => {
            Some(format!("{ORG}subOrganizationOf"))
        }
        (RelationKind::PartOf, EntityClass::Place, EntityClass::Place) => Some(format!("{SCHEMA}containedInPlace")),
        (RelationKind::MemberOf, _, _) => Some(format!("{ORG}memberOf")),
        _ => None,
    };
    if let Some(p) = aligned {
        out.push((head.to_owned(), p, tail.to_owned()));
    }
    out
}

fn fact_triples(
    sink: &mut Sink,
    fact: &str,
    head: &str,
    kind: RelationKind,
    tail: &str,
    classes: (EntityClass, EntityClass),
) {
    for (s, p, o) in fact_triple_iris(fact, head, kind, tail, classes) {
        sink.iri(&s, &p, &o);
    }
}

/// The default-graph triples of one title of a holds_post relation: the title on the statement
/// and the `org:Post` held (`org:holds`, `org:heldBy`, `org:postIn`, its label).
fn title_triples(sink: &mut Sink, fact: &str, head: &str, tail_key: &str, title: &str) {
    sink.text(fact, &gx("title"), title);
    let post = post_iri(tail_key, title);
    sink.iri(&post, RDF_TYPE, &format!("{ORG}Post"));
    sink.iri(&post, &format!("{ORG}postIn"), &entity_iri(tail_key));
    sink.zh(&post, &format!("{SKOS}prefLabel"), title);
    sink.iri(&post, &format!("{ORG}heldBy"), head);
    sink.iri(head, &format!("{ORG}holds"), &post);
}

/// The mention table of a document: every mention (entity, offsets, sentence, surface) and every
/// co-mention pair (entities, sentences, first sentence), as JSON. Entities are numbered in the
/// document's order; `guanxi` reads the table back with [`MentionTable`].
pub fn mention_table(ext: &DocumentExtraction) -> String {
    let index: BTreeMap<&str, usize> = ext
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut mentions = Vec::new();
    for (i, e) in ext.entities.iter().enumerate() {
        for m in &e.mentions {
            mentions.push(serde_json::json!([i, m.start, m.end, m.sentence, m.text]));
        }
    }
    let mut co = Vec::new();
    for r in ext.relations.iter().filter(|r| r.kind == RelationKind::CoMention) {
        if let (Some(&h), Some(&t)) = (index.get(r.head_id.as_str()), index.get(r.tail_id.as_str())) {
            co.push(serde_json::json!([h, t, r.count, r.evidence.sentence]));
        }
    }
    serde_json::json!({
        "entities": ext.entities.iter().map(|e| &e.id).collect::<Vec<_>>(),
        "mentions": mentions,
        "co_mentions": co,
    })
    .to_string()
}

/// A document's mention table, read back.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct MentionTable {
    /// Entity keys; mentions and co-mentions refer to them by index.
    pub entities: Vec<String>,
    /// (entity, start, end, sentence, surface)
    pub mentions: Vec<(usize, usize, usize, usize, String)>,
    /// (entity, entity, sentences, first sentence)
    pub co_mentions: Vec<(usize, usize, usize, usize)>,
}

impl MentionTable {
    pub fn parse(json: &str) -> Option<Self> {
        serde_json::from_str(json).ok()
    }
}

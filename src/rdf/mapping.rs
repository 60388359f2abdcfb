//! Mapping the knowledge graph of one document to RDF quads in that document's named graph.
//!
//! Every relation is a plain triple (`?person gx:holdsPost ?org`) that is easy to query, and a
//! statement node (RDF reification vocabulary: `rdf:subject`, `rdf:predicate`, `rdf:object`)
//! carrying its provenance: document, evidence sentence, offsets, title and the rule that found
//! it. W3C vocabularies are used alongside: posts as `org:Post` (`org:holds`, `org:postIn`),
//! nested bodies as `org:subOrganizationOf`, nested places as `schema:containedInPlace`,
//! documents as `prov:Entity` with statements `prov:wasDerivedFrom` them.

use super::vocab::*;
use crate::extract::model::{EntityClass, RelationKind};
use crate::graph::{DocumentInfo, KnowledgeGraph};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// Builds quads for one document's graph.
struct QuadSink {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl QuadSink {
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

fn rdf(local: &str) -> String {
    format!("{RDF}{local}")
}

/// The quads of one document: its node, entities, mentions, relations and their statements.
/// `g` must hold that document only (see `KnowledgeGraph::from_extraction`).
pub fn document_quads(g: &KnowledgeGraph, doc: &DocumentInfo) -> Vec<Quad> {
    let doc_iri = document_iri(&doc.name);
    let mut q = QuadSink {
        graph: GraphName::NamedNode(NamedNode::new_unchecked(&doc_iri)),
        quads: Vec::new(),
    };
    q.iri(&doc_iri, &rdf("type"), &gx("Document"));
    q.iri(&doc_iri, &rdf("type"), &format!("{PROV}Entity"));
    q.text(&doc_iri, &gx("fileName"), &doc.name);
    q.text(&doc_iri, &gx("sourcePath"), &doc.path);
    q.text(&doc_iri, &gx("contentHash"), &doc.content_hash);

    for (_, n) in g.nodes() {
        let e = entity_iri(&n.key);
        q.iri(&e, &rdf("type"), &class_iri(n.class));
        if let Some(sub) = subtype_iri(n.subtype)
            && sub != class_iri(n.class)
        {
            q.iri(&e, &rdf("type"), &sub);
        }
        q.text(&e, &gx("key"), &n.key);
        q.text(&e, &gx("name"), &n.name);
        q.zh(&e, &format!("{RDFS}label"), &n.name);
        q.zh(&e, &format!("{SKOS}prefLabel"), &n.name);
        for alias in &n.aliases {
            q.zh(&e, &format!("{SKOS}altLabel"), alias);
            q.text(&e, &gx("alias"), alias);
        }
        if let Some(code) = &n.code {
            q.text(&e, &gx("divisionCode"), code);
        }
        q.text(&e, &gx("rule"), &n.rule);
        q.iri(&e, &gx("mentionedIn"), &doc_iri);
        for m in n.mentions.iter().filter(|m| m.doc == doc.name) {
            let mi = mention_iri(&doc.name, m.start, m.end);
            q.iri(&mi, &rdf("type"), &gx("Mention"));
            q.iri(&mi, &gx("mentionOf"), &e);
            q.iri(&mi, &gx("inDocument"), &doc_iri);
            q.text(&mi, &gx("text"), &m.text);
            q.int(&mi, &gx("start"), m.start);
            q.int(&mi, &gx("end"), m.end);
            q.int(&mi, &gx("sentence"), m.sentence);
            q.text(&mi, &gx("rule"), &m.rule);
        }
    }

    for (h, t, edge) in g.edges() {
        let (head, tail) = (g.node(h), g.node(t));
        let (hi, ti) = (entity_iri(&head.key), entity_iri(&tail.key));
        let property = relation_iri(edge.kind);
        q.iri(&hi, &property, &ti);
        for ev in edge.evidence.iter().filter(|ev| ev.doc == doc.name).take(1) {
            let s = statement_iri(&doc.name, &head.key, edge.kind, &tail.key);
            q.iri(&s, &rdf("type"), &rdf("Statement"));
            q.iri(&s, &rdf("type"), &gx("RelationStatement"));
            q.iri(&s, &rdf("subject"), &hi);
            q.iri(&s, &rdf("predicate"), &property);
            q.iri(&s, &rdf("object"), &ti);
            q.text(&s, &gx("relationType"), edge.kind.as_str());
            q.iri(&s, &format!("{PROV}wasDerivedFrom"), &doc_iri);
            q.text(&s, &gx("evidence"), &ev.text);
            q.int(&s, &gx("start"), ev.start);
            q.int(&s, &gx("end"), ev.end);
            q.int(&s, &gx("sentence"), ev.sentence);
            q.text(&s, &gx("rule"), &ev.rule);
            q.int(&s, &gx("count"), edge.count);
            if let Some(title) = &ev.title {
                q.text(&s, &gx("title"), title);
            }
        }
        // W3C vocabularies alongside the plain gx triple
        match (edge.kind, head.class, tail.class) {
            (RelationKind::PartOf, EntityClass::Organization, EntityClass::Organization) => {
                q.iri(&hi, &format!("{ORG}subOrganizationOf"), &ti);
            }
            (RelationKind::PartOf, EntityClass::Place, EntityClass::Place) => {
                q.iri(&hi, &format!("{SCHEMA}containedInPlace"), &ti);
            }
            (RelationKind::MemberOf, _, _) => q.iri(&hi, &format!("{ORG}memberOf"), &ti),
            (RelationKind::HoldsPost, _, _) => {
                for title in &edge.titles {
                    let post = post_iri(&tail.key, title);
                    q.iri(&post, &rdf("type"), &format!("{ORG}Post"));
                    q.iri(&post, &format!("{ORG}postIn"), &ti);
                    q.zh(&post, &format!("{SKOS}prefLabel"), title);
                    q.iri(&post, &format!("{ORG}heldBy"), &hi);
                    q.iri(&hi, &format!("{ORG}holds"), &post);
                }
            }
            _ => {}
        }
    }
    q.quads
}

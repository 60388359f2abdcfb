//! Namespaces, class and property IRIs, and the deterministic IRIs of entities, documents,
//! mentions and statements. Mirrors `ontology/guanxi.ttl`.

use crate::extract::model::{EntityClass, RelationKind, Subtype};
use sha2::{Digest, Sha256};

pub const GX: &str = "https://guanxi.dev/ontology#";
pub const ID: &str = "https://guanxi.dev/id/";
pub const DOC: &str = "https://guanxi.dev/doc/";
pub const FACT: &str = "https://guanxi.dev/fact/";
pub const EVIDENCE: &str = "https://guanxi.dev/evidence/";
pub const POST: &str = "https://guanxi.dev/post/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "https://schema.org/";

/// Prefixes for queries, Turtle output and documentation.
pub const PREFIXES: &[(&str, &str)] = &[
    ("gx", GX),
    ("gxid", ID),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("skos", SKOS),
    ("org", ORG),
    ("prov", PROV),
    ("schema", SCHEMA),
];

/// `PREFIX …` declarations for all prefixes on one line, to prepend to user queries without
/// shifting the line numbers of their syntax errors.
pub fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(p, iri)| format!("PREFIX {p}: <{iri}> "))
        .collect()
}

pub fn gx(local: &str) -> String {
    format!("{GX}{local}")
}

/// The ontology class of a top-level class.
pub fn class_iri(class: EntityClass) -> String {
    gx(class.as_str())
}

/// The ontology class of a subtype (`None` for `Other`).
pub fn subtype_iri(subtype: Subtype) -> Option<String> {
    let local = match subtype {
        Subtype::Government => "GovernmentBody",
        Subtype::Party => "PartyOrganization",
        Subtype::Education => "EducationalInstitution",
        Subtype::Research => "ResearchInstitute",
        Subtype::Media => "MediaOrganization",
        Subtype::Document => "PolicyDocument",
        Subtype::Other => return None,
        s => s.as_str(),
    };
    Some(gx(local))
}

/// Subtype of an ontology class IRI (inverse of `subtype_iri`).
pub fn subtype_of_iri(iri: &str) -> Option<Subtype> {
    let local = iri.strip_prefix(GX)?;
    Subtype::parse(match local {
        "GovernmentBody" => "Government",
        "PartyOrganization" => "Party",
        "EducationalInstitution" => "Education",
        "ResearchInstitute" => "Research",
        "MediaOrganization" => "Media",
        "PolicyDocument" => "Document",
        other => other,
    })
    .filter(|s| s.class().is_some())
}

/// The plain property of a relation kind.
pub fn relation_iri(kind: RelationKind) -> String {
    gx(match kind {
        RelationKind::HoldsPost => "holdsPost",
        RelationKind::PartOf => "partOf",
        RelationKind::LocatedIn => "locatedIn",
        RelationKind::Funds => "funds",
        RelationKind::Manages => "manages",
        RelationKind::Implements => "implements",
        RelationKind::PartnersWith => "partnersWith",
        RelationKind::MemberOf => "memberOf",
        RelationKind::Issued => "issued",
        RelationKind::DispatchedTo => "dispatchedTo",
        RelationKind::CoMention => "coMentionedWith",
    })
}

pub fn relation_of_iri(iri: &str) -> Option<RelationKind> {
    RelationKind::TYPED
        .into_iter()
        .chain([RelationKind::CoMention])
        .find(|k| relation_iri(*k) == iri)
}

/// Percent-encodes what an IRI path segment cannot hold; Chinese text stays readable.
pub fn iri_segment(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let keep = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || matches!(c as u32, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0x10000..=0xEFFFD);
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Entity IRI from its content key (`org:重庆市经信委` → `…/id/org/重庆市经信委`).
pub fn entity_iri(key: &str) -> String {
    let (prefix, rest) = key.split_once(':').unwrap_or(("entity", key));
    format!("{ID}{}/{}", iri_segment(prefix), iri_segment(rest))
}

/// The content key back from an entity IRI.
pub fn key_of_entity_iri(iri: &str) -> Option<String> {
    let rest = iri.strip_prefix(ID)?;
    let (prefix, name) = rest.split_once('/')?;
    Some(format!("{}:{}", percent_decode(prefix), percent_decode(name)))
}

/// Document IRI (also the name of the document's named graph).
pub fn document_iri(doc: &str) -> String {
    format!("{DOC}{}", iri_segment(doc))
}

pub fn document_of_iri(iri: &str) -> Option<String> {
    iri.strip_prefix(DOC).map(percent_decode)
}

/// A short, stable digest of (head, kind, tail).
fn triple_digest(head: &str, kind: RelationKind, tail: &str) -> String {
    let digest = Sha256::digest(format!("{head}\u{1}{}\u{1}{tail}", kind.as_str()).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The reified statement of a relation triple, one for the whole corpus (default graph).
pub fn fact_iri(head: &str, kind: RelationKind, tail: &str) -> String {
    format!("{FACT}{}-{}", kind.as_str(), triple_digest(head, kind, tail))
}

/// The evidence of a relation in one sentence of one document (that document's graph): stable
/// for the document, the sentence's start and the triple.
pub fn evidence_iri(doc: &str, sentence_start: usize, head: &str, kind: RelationKind, tail: &str) -> String {
    format!(
        "{EVIDENCE}{}/{sentence_start}/{}-{}",
        iri_segment(doc),
        kind.as_str(),
        triple_digest(head, kind, tail)
    )
}

/// A post (org:Post) in a body, by title.
pub fn post_iri(org_key: &str, title: &str) -> String {
    let (prefix, rest) = org_key.split_once(':').unwrap_or(("entity", org_key));
    format!(
        "{POST}{}/{}/{}",
        iri_segment(prefix),
        iri_segment(rest),
        iri_segment(title)
    )
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_iris_are_readable_and_reversible() {
        let iri = entity_iri("org:重庆市经信委");
        assert_eq!(iri, "https://guanxi.dev/id/org/重庆市经信委");
        assert_eq!(key_of_entity_iri(&iri).as_deref(), Some("org:重庆市经信委"));
        let odd = entity_iri("program:科创+党员 先锋岗/试点");
        assert!(!odd.contains(' ') && !odd[ID.len()..].contains("岗/"));
        assert_eq!(
            key_of_entity_iri(&odd).as_deref(),
            Some("program:科创+党员 先锋岗/试点")
        );
        assert_eq!(
            document_of_iri(&document_iri("sub/a b.txt")).as_deref(),
            Some("sub/a b.txt")
        );
    }

    /// Every class and property the mapping writes is declared in ontology/guanxi.ttl.
    #[test]
    fn ontology_declares_what_the_mapping_uses() {
        use oxigraph::io::{RdfFormat, RdfParser};
        let ttl = include_str!("../../ontology/guanxi.ttl");
        let mut declared = std::collections::HashSet::new();
        for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let t = t.expect("ontology parses");
            if t.predicate.as_str() == format!("{RDF}type") {
                declared.insert(t.subject.to_string().trim_matches(['<', '>']).to_owned());
            }
        }
        let mut used: Vec<String> = EntityClass::ALL.iter().map(|c| class_iri(*c)).collect();
        for s in Subtype::ALL {
            used.extend(subtype_iri(s));
        }
        used.extend(
            RelationKind::TYPED
                .iter()
                .chain([&RelationKind::CoMention])
                .map(|k| relation_iri(*k)),
        );
        for local in [
            "RelationStatement",
            "Evidence",
            "Document",
            "key",
            "name",
            "alias",
            "mentionCount",
            "divisionCode",
            "rule",
            "supports",
            "mentionTable",
            "text",
            "charCount",
            "start",
            "end",
            "sentence",
            "evidence",
            "title",
            "count",
            "fileName",
            "sourcePath",
            "contentHash",
            "modelVersion",
            "generation",
        ] {
            used.push(gx(local));
        }
        for iri in used {
            assert!(declared.contains(&iri), "{iri} is not declared in ontology/guanxi.ttl");
        }
    }

    #[test]
    fn subtype_iris_round_trip() {
        for s in [Subtype::Government, Subtype::District, Subtype::Fund, Subtype::Document] {
            assert_eq!(subtype_of_iri(&subtype_iri(s).unwrap()), Some(s));
        }
    }
}

//! What extraction produces for one document: entities with mentions, relations with evidence.
//!
//! The serialized form is exactly the schema of `guanxi extract --format json(l)` (see
//! `../shared/eval/README.md`), extended with provenance fields (`rule`, `code`, `aliases`) that
//! the scorer ignores and researchers filter on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The four top-level entity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityClass {
    Place,
    Organization,
    Person,
    Program,
}

impl EntityClass {
    pub const ALL: [EntityClass; 4] = [
        EntityClass::Place,
        EntityClass::Organization,
        EntityClass::Person,
        EntityClass::Program,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityClass::Place => "Place",
            EntityClass::Organization => "Organization",
            EntityClass::Person => "Person",
            EntityClass::Program => "Program",
        }
    }

    /// Short key prefix used in entity keys and IRIs.
    pub fn key_prefix(self) -> &'static str {
        match self {
            EntityClass::Place => "place",
            EntityClass::Organization => "org",
            EntityClass::Person => "person",
            EntityClass::Program => "program",
        }
    }

    /// Parses `Place`, `organization`, `ORG`, `person`, … (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "place" | "loc" | "location" => Some(EntityClass::Place),
            "organization" | "organisation" | "org" => Some(EntityClass::Organization),
            "person" | "per" => Some(EntityClass::Person),
            "program" | "programme" => Some(EntityClass::Program),
            _ => None,
        }
    }
}

impl fmt::Display for EntityClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Subtypes, named as in the gold guidelines; `ontology_class` gives the ontology's class name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Subtype {
    // Place
    Country,
    Province,
    City,
    District,
    Township,
    Village,
    Zone,
    Region,
    // Organization
    Company,
    Government,
    Party,
    Education,
    Research,
    Association,
    Media,
    // Person
    Official,
    Executive,
    Expert,
    Journalist,
    // Program
    Program,
    Fund,
    Document,
    Strategy,
    Brand,
    Project,
    Event,
    /// Any class, when nothing more specific is known.
    Other,
}

impl Subtype {
    /// Every subtype, in the ontology's order.
    pub const ALL: [Subtype; 27] = [
        Subtype::Country,
        Subtype::Province,
        Subtype::City,
        Subtype::District,
        Subtype::Township,
        Subtype::Village,
        Subtype::Zone,
        Subtype::Region,
        Subtype::Company,
        Subtype::Government,
        Subtype::Party,
        Subtype::Education,
        Subtype::Research,
        Subtype::Association,
        Subtype::Media,
        Subtype::Official,
        Subtype::Executive,
        Subtype::Expert,
        Subtype::Journalist,
        Subtype::Program,
        Subtype::Fund,
        Subtype::Document,
        Subtype::Strategy,
        Subtype::Brand,
        Subtype::Project,
        Subtype::Event,
        Subtype::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Subtype::Country => "Country",
            Subtype::Province => "Province",
            Subtype::City => "City",
            Subtype::District => "District",
            Subtype::Township => "Township",
            Subtype::Village => "Village",
            Subtype::Zone => "Zone",
            Subtype::Region => "Region",
            Subtype::Company => "Company",
            Subtype::Government => "Government",
            Subtype::Party => "Party",
            Subtype::Education => "Education",
            Subtype::Research => "Research",
            Subtype::Association => "Association",
            Subtype::Media => "Media",
            Subtype::Official => "Official",
            Subtype::Executive => "Executive",
            Subtype::Expert => "Expert",
            Subtype::Journalist => "Journalist",
            Subtype::Program => "Program",
            Subtype::Fund => "Fund",
            Subtype::Document => "Document",
            Subtype::Strategy => "Strategy",
            Subtype::Brand => "Brand",
            Subtype::Project => "Project",
            Subtype::Event => "Event",
            Subtype::Other => "Other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let wanted = match s.trim() {
            "GovernmentBody" => "Government",
            "PartyOrganization" => "Party",
            "County" => "District",
            other => other,
        };
        Self::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(wanted))
    }

    /// The class a subtype belongs to (`Other` belongs to every class; `None` then).
    pub fn class(self) -> Option<EntityClass> {
        use Subtype::*;
        Some(match self {
            Country | Province | City | District | Township | Village | Zone | Region => EntityClass::Place,
            Company | Government | Party | Education | Research | Association | Media => EntityClass::Organization,
            Official | Executive | Expert | Journalist => EntityClass::Person,
            Program | Fund | Document | Strategy | Brand | Project | Event => EntityClass::Program,
            Other => return None,
        })
    }
}

impl fmt::Display for Subtype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Typed relations between entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    HoldsPost,
    PartOf,
    LocatedIn,
    Funds,
    Manages,
    Implements,
    PartnersWith,
    MemberOf,
    Issued,
    DispatchedTo,
    /// Two entities named in the same sentence (counted, not typed).
    CoMention,
}

impl RelationKind {
    pub const TYPED: [RelationKind; 10] = [
        RelationKind::HoldsPost,
        RelationKind::PartOf,
        RelationKind::LocatedIn,
        RelationKind::Funds,
        RelationKind::Manages,
        RelationKind::Implements,
        RelationKind::PartnersWith,
        RelationKind::MemberOf,
        RelationKind::Issued,
        RelationKind::DispatchedTo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::HoldsPost => "holds_post",
            RelationKind::PartOf => "part_of",
            RelationKind::LocatedIn => "located_in",
            RelationKind::Funds => "funds",
            RelationKind::Manages => "manages",
            RelationKind::Implements => "implements",
            RelationKind::PartnersWith => "partners_with",
            RelationKind::MemberOf => "member_of",
            RelationKind::Issued => "issued",
            RelationKind::DispatchedTo => "dispatched_to",
            RelationKind::CoMention => "co_mention",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        RelationKind::TYPED
            .into_iter()
            .chain([RelationKind::CoMention])
            .find(|k| k.as_str() == s)
    }

    /// Symmetric relations are stored once, with the smaller key as head.
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationKind::PartnersWith | RelationKind::CoMention)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The surface form as written (lines joined).
    pub text: String,
    /// Character offsets into the original decoded file text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Recognizer that produced the mention.
    pub rule: String,
}

/// An entity of one document, with every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable content-derived key (`place:500102`, `org:重庆市经信委`, …).
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub class: EntityClass,
    pub subtype: Subtype,
    /// Statistical division code, for places found in the gazetteer.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    /// Distinct surface forms other than the name.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    /// Recognizer that established the entity.
    pub rule: String,
}

/// The sentence a relation was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    /// Character offsets of the sentence in the original text.
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub sentence: usize,
}

/// A typed relation between two entities of the same document, by canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub head: String,
    #[serde(rename = "type")]
    pub kind: RelationKind,
    pub tail: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// Keys of head and tail entities.
    pub head_id: String,
    pub tail_id: String,
    pub evidence: Evidence,
    /// Pattern that produced the relation.
    pub rule: String,
    /// Number of sentences supporting it (co-mentions count every sentence).
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentExtraction {
    pub doc: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub content_hash: String,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

impl DocumentExtraction {
    pub fn entity_by_id(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

impl DocumentExtraction {
    /// Moves every offset `chars` characters and every sentence index `sentences` sentences on:
    /// a part of a long file reports positions in the whole file.
    pub fn shift(&mut self, chars: usize, sentences: usize) {
        for e in &mut self.entities {
            for m in &mut e.mentions {
                m.start += chars;
                m.end += chars;
                m.sentence += sentences;
            }
        }
        for r in &mut self.relations {
            r.evidence.start += chars;
            r.evidence.end += chars;
            r.evidence.sentence += sentences;
        }
    }

    /// Adds a later part of the same document: entities merge by key (mentions and aliases
    /// join), relations are appended.
    pub fn absorb(&mut self, part: DocumentExtraction) {
        let mut index: std::collections::HashMap<String, usize> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        for e in part.entities {
            match index.get(&e.id) {
                Some(&i) => {
                    let mine = &mut self.entities[i];
                    mine.mentions.extend(e.mentions);
                    for a in e.aliases {
                        if a != mine.name && !mine.aliases.contains(&a) {
                            mine.aliases.push(a);
                        }
                    }
                }
                None => {
                    index.insert(e.id.clone(), self.entities.len());
                    self.entities.push(e);
                }
            }
        }
        self.relations.extend(part.relations);
    }
}

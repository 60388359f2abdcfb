//! Extract stage: a document → entities with mentions and relations with evidence.
//!
//! Owner type: [`Extractor`], built once (lexicons, gazetteer, automaton, segmenter) and shared by
//! all documents. Per document: `Analysis` (words and lexicon hits) → recognizers propose
//! `Candidate`s → `resolve` keeps a consistent set → `link` makes entities → `relations` finds the
//! relations → a [`DocumentExtraction`].

pub mod analysis;
pub mod candidate;
pub mod gazetteer;
pub mod index;
pub mod lexicon;
pub mod link;
pub mod model;
pub mod parts;
pub mod recognize;
pub mod relations;

pub use lexicon::{LexiconError, Lexicons};
pub use model::{DocumentExtraction, Entity, EntityClass, Evidence, Mention, Relation, RelationKind, Subtype};

use crate::text::Document;
use analysis::Analysis;
use recognize::Resources;
use std::path::Path;

/// Extracts entities and relations from documents.
pub struct Extractor {
    res: Resources,
}

impl Extractor {
    /// An extractor with the built-in lexicons.
    pub fn new() -> Result<Self, LexiconError> {
        Self::with_lexicon_dir(None)
    }

    /// An extractor whose lexicons are extended by the files of `dir`.
    pub fn with_lexicon_dir(dir: Option<&Path>) -> Result<Self, LexiconError> {
        Ok(Self {
            res: Resources::new(Lexicons::load(dir)?),
        })
    }

    /// The gazetteer, for callers that resolve places (RDF codes, hierarchy).
    pub fn gazetteer(&self) -> &gazetteer::Gazetteer {
        &self.res.gaz
    }

    /// The learned tagger's own spans in a document, before any recognizer decides on them:
    /// (start, end) in the original text's units (as mentions are given) and the class (PER,
    /// LOC, ORG). For measuring the tagger against corpora of its training conventions.
    pub fn tagged_spans(&self, doc: &Document) -> Vec<(usize, usize, String)> {
        let a = Analysis::new(doc, &self.res);
        let reading = recognize::tagger::Reading::new(&a, &self.res);
        let classes = self.res.tagger.tags().classes();
        reading
            .spans
            .iter()
            .map(|s| {
                let (start, end) = doc.original_range(s.start..s.end);
                (start, end, classes[s.class].clone())
            })
            .collect()
    }

    pub fn extract(&self, doc: &Document) -> DocumentExtraction {
        let a = Analysis::new(doc, &self.res);
        let found = recognize::recognize(&a, &self.res);
        let debug = std::env::var_os("GUANXI_DEBUG").is_some();
        if debug {
            debug_dump(&a, &found.candidates, "candidate");
        }
        let chosen = candidate::resolve(found.candidates, a.text);
        if debug {
            debug_dump(&a, &chosen, "chosen");
        }
        let linked = link::link(&a, &self.res, &found.places, chosen);
        let relations = relations::extract(&a, &self.res, &linked, &found.titles);
        to_output(&a, &self.res, &linked, relations)
    }
}

/// `GUANXI_DEBUG=1`: words with their part of speech, and candidates, on stderr.
fn debug_dump(a: &Analysis, cands: &[candidate::Candidate], what: &str) {
    if what == "candidate" {
        let words: Vec<String> = a
            .tokens
            .iter()
            .map(|t| format!("{}/{:?}", &a.text[t.start..t.end], t.pos))
            .collect();
        eprintln!("[words] {}", words.join(" "));
    }
    for c in cands {
        eprintln!(
            "[{what}] {} {:?}/{:?} {:.2} {} canonical={:?} nested={}",
            &a.text[c.start..c.end],
            c.class,
            c.subtype,
            c.score,
            c.rule,
            c.canonical,
            c.nested
        );
    }
}

fn to_output(
    a: &Analysis,
    res: &Resources,
    linked: &link::Linked,
    found: Vec<relations::FoundRelation>,
) -> DocumentExtraction {
    let doc = a.doc;
    let entities: Vec<Entity> = linked
        .entities
        .iter()
        .map(|e| {
            let mut mentions: Vec<Mention> = e
                .mentions
                .iter()
                .map(|&mi| {
                    let m = &linked.mentions[mi];
                    let (start, end) = doc.original_range(m.start..m.end);
                    Mention {
                        text: doc.surface(m.start..m.end),
                        start,
                        end,
                        sentence: doc.sentence_at(m.start).unwrap_or(0),
                        rule: m.rule.to_owned(),
                    }
                })
                .collect();
            mentions.dedup_by(|b, a| a.start == b.start && a.end == b.end);
            let mut aliases: Vec<String> = mentions
                .iter()
                .map(|m| m.text.clone())
                .filter(|t| *t != e.name)
                .collect();
            aliases.sort();
            aliases.dedup();
            Entity {
                id: e.key.clone(),
                name: e.name.clone(),
                class: e.class,
                subtype: e.subtype,
                code: e.division.map(|d| res.gaz.get(d).code.clone()),
                aliases,
                mentions,
                rule: e.rule.to_owned(),
            }
        })
        .collect();
    let relations = found
        .into_iter()
        .map(|r| {
            let span = doc.sentences.get(r.sentence).map(|s| s.span.clone()).unwrap_or(0..0);
            let (start, end) = doc.original_range(span.clone());
            Relation {
                head: linked.entities[r.head].name.clone(),
                kind: r.kind,
                tail: linked.entities[r.tail].name.clone(),
                title: r.title,
                head_id: linked.entities[r.head].key.clone(),
                tail_id: linked.entities[r.tail].key.clone(),
                evidence: Evidence {
                    text: doc.surface(span),
                    start,
                    end,
                    sentence: r.sentence,
                },
                rule: r.rule.to_owned(),
                count: r.count,
            }
        })
        .collect();
    DocumentExtraction {
        doc: doc.name.clone(),
        path: doc.path.clone(),
        content_hash: doc.content_hash.clone(),
        entities,
        relations,
    }
}

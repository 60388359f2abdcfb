//! Recognizers: each proposes mention candidates of one class from the shared analysis.
//!
//! Order matters only where one recognizer reads another's output: titles come first (persons and
//! organizations are found around them), persons before organizations (an executive title with a
//! name after it anchors a company), organizations before programs (a fund named after a body).

pub mod boundary;
pub mod home;
pub mod lists;
pub mod orgs;
pub mod persons;
pub mod places;
pub mod programs;
pub mod tagged;
pub mod tagger;
pub mod villages;

use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::gazetteer::Gazetteer;
use crate::extract::index::LexiconIndex;
use crate::extract::lexicon::Lexicons;
use jieba_rs::Jieba;
use persons::TitleSpan;
use places::PlaceContext;
use std::collections::HashMap;
use tagger::{Reading, Tagger};

/// Everything recognizers read that is built once: tables, gazetteer, automaton, segmenter.
pub struct Resources {
    pub lex: Lexicons,
    pub gaz: Gazetteer,
    pub index: LexiconIndex,
    pub jieba: Jieba,
    /// The learned entity tagger (`data/tagger/entities.tsv`).
    pub tagger: Tagger,
    /// Parts of speech of `segmenter_words.tsv`, over jieba's own.
    pub retag: HashMap<String, Pos>,
}

/// The learned entity tagger shipped with guanxi.
pub const ENTITY_TAGGER: &str = include_str!("../../../data/tagger/entities.tsv");

impl Resources {
    pub fn new(lex: Lexicons) -> Self {
        // the automaton and the segmenter are the slow parts of start-up: build them side by side
        let (gaz, jieba) = rayon::join(|| Gazetteer::new(&lex), || Self::segmenter(&lex));
        let index = LexiconIndex::new(&lex, &gaz);
        // the model file is part of the build and checked by a test; should it ever fail to
        // parse, names are still found by the context rules
        let tagger = Tagger::from_tsv(ENTITY_TAGGER).unwrap_or_else(|e| {
            eprintln!("warning: data/tagger/entities.tsv: {e}; the entity tagger is off");
            Tagger::default()
        });
        let retag = lex
            .segmenter_words
            .iter()
            .map(|(word, tag)| (word.clone(), Pos::from_tag(tag)))
            .collect();
        Self {
            lex,
            gaz,
            index,
            jieba,
            tagger,
            retag,
        }
    }

    fn segmenter(lex: &Lexicons) -> Jieba {
        let mut jieba = Jieba::new();
        // Body names and titles as dictionary words keep jieba from splitting them. Division names
        // are left out on purpose: whether jieba's own words agree with a place name
        // (涪陵|区 yes, 兴|城市 no) is evidence the place recognizer uses.
        for b in &lex.gov_bodies {
            if b.name.chars().count() >= 2 {
                jieba.add_word(&b.name, Some(300), Some("nt"));
            }
        }
        for (word, tag) in &lex.segmenter_words {
            jieba.add_word(word, Some(300), Some(tag));
        }
        // zone suffixes end words (大东江|软件谷|为, not 软件|谷为)
        for z in &lex.zone_suffixes {
            if z.suffix.chars().count() >= 3 {
                jieba.add_word(&z.suffix, Some(300), Some("n"));
            }
        }
        for t in &lex.titles {
            if t.title.chars().count() >= 2 {
                jieba.add_word(&t.title, Some(300), Some("n"));
            }
        }
        jieba
    }
}

/// The candidates of a document, and what relation patterns need besides them.
pub struct Recognized {
    pub candidates: Vec<Candidate>,
    pub titles: Vec<TitleSpan>,
    pub places: PlaceContext,
}

/// Runs every recognizer over a document.
pub fn recognize(a: &Analysis, res: &Resources) -> Recognized {
    let titles = persons::find_titles(a, res);
    let reading = Reading::new(a, res);
    let mut candidates = Vec::new();
    persons::recognize(a, res, &reading, &titles, &mut candidates);
    let places = places::recognize(a, res, &reading, &mut candidates);
    orgs::recognize(a, res, &titles, &mut candidates);
    tagged::recognize(a, res, &reading, &titles, &mut candidates);
    let orgs: Vec<Candidate> = candidates
        .iter()
        .filter(|c| c.class == crate::extract::model::EntityClass::Organization)
        .cloned()
        .collect();
    programs::recognize(a, res, &orgs, &mut candidates);
    let known = candidates.clone();
    lists::recognize(a, res, &known, &mut candidates);
    persons::yield_to_named_bodies(a, &mut candidates);
    Recognized {
        candidates,
        titles,
        places,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_entity_tagger_parses_and_has_learned() {
        let tagger = Tagger::from_tsv(ENTITY_TAGGER).expect("data/tagger/entities.tsv parses");
        assert!(!tagger.is_empty());
        for class in ["PER", "LOC", "ORG"] {
            assert!(tagger.tags().class_index(class).is_some(), "{class}");
        }
    }
}

//! One Aho-Corasick automaton over every lexicon and gazetteer form, built once per `Extractor`.
//!
//! A document is scanned once; each hit carries what the matched string is (a division, a title,
//! an organization suffix, …). Recognizers then look hits up by position instead of scanning the
//! text again, which keeps extraction linear in the text.

use crate::extract::gazetteer::Gazetteer;
use crate::extract::lexicon::Lexicons;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// What a matched string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    Division { index: usize, short: bool },
    Region(usize),
    World(usize),
    Zone { index: usize, short: bool },
    ZoneSuffix(usize),
    OrgSuffix(usize),
    GovBody(usize),
    Title(usize),
    TitleModifier(usize),
    PersonCue(usize),
    ProgramCue(usize),
    Program(usize),
    Company { index: usize, short: bool },
    RelationCue(usize),
    NotEntity,
    Boundary,
    IndustryWord,
}

/// A pattern occurrence: byte span in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: Pattern,
}

/// The compiled automaton and the payloads of each pattern string.
pub struct LexiconIndex {
    automaton: AhoCorasick,
    payloads: Vec<Vec<Pattern>>,
}

impl LexiconIndex {
    pub fn new(lex: &Lexicons, gazetteer: &Gazetteer) -> Self {
        let mut strings: Vec<String> = Vec::new();
        let mut payloads: Vec<Vec<Pattern>> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut add = |s: &str, p: Pattern| {
            if s.is_empty() {
                return;
            }
            let id = *ids.entry(s.to_owned()).or_insert_with(|| {
                strings.push(s.to_owned());
                payloads.push(Vec::new());
                strings.len() - 1
            });
            if !payloads[id].contains(&p) {
                payloads[id].push(p);
            }
        };
        for (form, index, short) in gazetteer.forms() {
            add(&form, Pattern::Division { index, short });
        }
        for (i, (name, _)) in lex.world.iter().enumerate() {
            add(name, Pattern::World(i));
        }
        for (i, r) in lex.regions.iter().enumerate() {
            add(&r.name, Pattern::Region(i));
        }
        for (i, z) in lex.zones.iter().enumerate() {
            add(&z.name, Pattern::Zone { index: i, short: false });
            for s in &z.short_forms {
                add(s, Pattern::Zone { index: i, short: true });
            }
        }
        for (i, z) in lex.zone_suffixes.iter().enumerate() {
            add(&z.suffix, Pattern::ZoneSuffix(i));
        }
        for (i, s) in lex.org_suffixes.iter().enumerate() {
            add(&s.suffix, Pattern::OrgSuffix(i));
        }
        for (i, b) in lex.gov_bodies.iter().enumerate() {
            add(&b.name, Pattern::GovBody(i));
        }
        for (i, t) in lex.titles.iter().enumerate() {
            add(&t.title, Pattern::Title(i));
        }
        for (i, m) in lex.title_modifiers.iter().enumerate() {
            add(m, Pattern::TitleModifier(i));
        }
        for (i, c) in lex.person_cues.iter().enumerate() {
            // one-character forms of address (老, 某) would match inside every word
            if c.kind != crate::extract::lexicon::CueKind::Address {
                add(&c.cue, Pattern::PersonCue(i));
            }
        }
        for (i, c) in lex.program_cues.iter().enumerate() {
            add(&c.cue, Pattern::ProgramCue(i));
        }
        for (i, p) in lex.programs.iter().enumerate() {
            add(&p.name, Pattern::Program(i));
        }
        for (i, c) in lex.companies.iter().enumerate() {
            add(&c.name, Pattern::Company { index: i, short: false });
            for s in &c.short_forms {
                add(s, Pattern::Company { index: i, short: true });
            }
        }
        for (i, c) in lex.relation_cues.iter().enumerate() {
            add(&c.cue, Pattern::RelationCue(i));
        }
        for w in &lex.not_entities {
            add(w, Pattern::NotEntity);
        }
        for w in &lex.boundary_words {
            add(w, Pattern::Boundary);
        }
        for w in &lex.industry_words {
            add(w, Pattern::IndustryWord);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&strings)
            .expect("lexicon automaton builds");
        Self { automaton, payloads }
    }

    /// Every hit in `text`, sorted by start then end.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            for &pattern in &self.payloads[m.pattern().as_usize()] {
                hits.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    pattern,
                });
            }
        }
        hits.sort_by_key(|h| (h.start, h.end));
        hits
    }
}

//! Per-document analysis shared by all recognizers: jieba words with part-of-speech, and the
//! lexicon hits of the single automaton scan, both indexed by byte position.

use crate::extract::index::{Hit, LexiconIndex, Pattern};
use crate::extract::recognize::Resources;
use crate::text::{Document, is_han};
use jieba_rs::Jieba;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `（以下简称“Y”）` right after a name: the short name it declares.
static SHORT_NAME_DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\((?:以下简称|以下称|下称|简称)[:]?[“"]?([^”"()\n]{1,24}?)[”"]?\)"#).expect("valid regex")
});

/// A word jieba files as a numeral that goes on with a noun of two characters or more after its
/// numeral (零|部件, 一|体化): a noun. Counts, times and ordinals (一季度, 三年, 第二批) stay numerals.
fn noun_after_numeral(word: &str) -> bool {
    const NUMERALS: &str = "零〇一二三四五六七八九十百千万亿两几多余数第首0123456789.";
    const MEASURES: &str = "个年月日天周季期次批届号名位项家条件种类倍成半点分秒时度岁";
    let rest: Vec<char> = word.chars().skip_while(|&c| NUMERALS.contains(c)).collect();
    rest.len() >= 2 && !MEASURES.contains(rest[0]) && rest.iter().all(|&c| crate::text::is_han(c))
}

/// Coarse part of speech from jieba's tag set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Noun,
    PersonName,
    /// A transliterated foreign name jieba knows (nrt).
    TransliteratedName,
    PlaceName,
    OrgName,
    ProperNoun,
    Verb,
    VerbNoun,
    Adjective,
    Adverb,
    Preposition,
    Conjunction,
    Particle,
    Pronoun,
    Numeral,
    Measure,
    Time,
    Direction,
    /// Not in jieba's dictionary (new word found by the HMM, or a symbol).
    Unknown,
    Latin,
    Other,
}

impl Pos {
    pub fn from_tag(tag: &str) -> Pos {
        match tag {
            "nr" | "nrfg" => Pos::PersonName,
            "nrt" => Pos::TransliteratedName,
            "ns" => Pos::PlaceName,
            "nt" => Pos::OrgName,
            "nz" => Pos::ProperNoun,
            "n" | "ng" | "nl" | "s" => Pos::Noun,
            "vn" => Pos::VerbNoun,
            t if t.starts_with('v') => Pos::Verb,
            "a" | "ad" | "an" | "ag" | "b" | "z" => Pos::Adjective,
            "d" | "dg" => Pos::Adverb,
            "p" => Pos::Preposition,
            "c" => Pos::Conjunction,
            t if t.starts_with('u') || t == "y" || t == "e" || t == "o" => Pos::Particle,
            "r" | "rr" | "rz" | "rg" => Pos::Pronoun,
            "m" | "mq" => Pos::Numeral,
            "q" => Pos::Measure,
            "t" | "tg" => Pos::Time,
            "f" => Pos::Direction,
            "x" => Pos::Unknown,
            "eng" => Pos::Latin,
            _ => Pos::Other,
        }
    }

    /// The variant's name (what `{:?}` writes), without formatting.
    pub fn label(self) -> &'static str {
        match self {
            Pos::Noun => "Noun",
            Pos::PersonName => "PersonName",
            Pos::TransliteratedName => "TransliteratedName",
            Pos::PlaceName => "PlaceName",
            Pos::OrgName => "OrgName",
            Pos::ProperNoun => "ProperNoun",
            Pos::Verb => "Verb",
            Pos::VerbNoun => "VerbNoun",
            Pos::Adjective => "Adjective",
            Pos::Adverb => "Adverb",
            Pos::Preposition => "Preposition",
            Pos::Conjunction => "Conjunction",
            Pos::Particle => "Particle",
            Pos::Pronoun => "Pronoun",
            Pos::Numeral => "Numeral",
            Pos::Measure => "Measure",
            Pos::Time => "Time",
            Pos::Direction => "Direction",
            Pos::Unknown => "Unknown",
            Pos::Latin => "Latin",
            Pos::Other => "Other",
        }
    }

    /// Whether a word of this class can sit inside a name.
    pub fn name_like(self) -> bool {
        matches!(
            self,
            Pos::Noun
                | Pos::PersonName
                | Pos::TransliteratedName
                | Pos::PlaceName
                | Pos::OrgName
                | Pos::ProperNoun
                | Pos::VerbNoun
                | Pos::Adjective
                | Pos::Unknown
                | Pos::Latin
                | Pos::Direction
                | Pos::Verb
        )
    }
}

/// A jieba word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
}

/// Words and hits of one document.
pub struct Analysis<'d> {
    pub doc: &'d Document,
    pub text: &'d str,
    pub tokens: Vec<Token>,
    /// For each byte, the index of the token containing it.
    token_of_byte: Vec<u32>,
    pub hits: Vec<Hit>,
    /// Indices into `hits` by start byte and by end byte.
    starting: Vec<Vec<u32>>,
    ending: Vec<Vec<u32>>,
}

impl<'d> Analysis<'d> {
    /// Analyses a document with the shared resources' segmenter and automaton.
    pub fn new(doc: &'d Document, res: &Resources) -> Self {
        let mut a = Self::with(doc, &res.index, &res.jieba, &res.retag);
        // villages are no automaton forms (there are 620,573): the ones the text places join
        // the hits here, before any recognizer reads them
        let villages = crate::extract::recognize::villages::hits(&a, &res.gaz);
        if !villages.is_empty() {
            a.add_hits(villages);
        }
        a
    }

    /// Adds hits found after the scan and re-indexes them.
    fn add_hits(&mut self, extra: Vec<Hit>) {
        self.hits.extend(extra);
        self.hits.sort_by_key(|h| (h.start, h.end));
        for v in self.starting.iter_mut().chain(self.ending.iter_mut()) {
            v.clear();
        }
        for (i, h) in self.hits.iter().enumerate() {
            self.starting[h.start].push(i as u32);
            self.ending[h.end].push(i as u32);
        }
    }

    /// `retag`: words whose part of speech overrides jieba's (its dictionary files 科学城 and
    /// 建立健全 as person names, and adding a word does not change the tag of one it has).
    fn with(doc: &'d Document, index: &LexiconIndex, jieba: &Jieba, retag: &HashMap<String, Pos>) -> Self {
        let text = doc.text();
        let mut tokens = Vec::new();
        let mut token_of_byte = vec![0u32; text.len() + 1];
        for tag in jieba.tag(text, true) {
            let start = tag.word.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + tag.word.len();
            let mut pos = retag.get(tag.word).copied().unwrap_or_else(|| Pos::from_tag(tag.tag));
            if pos == Pos::Numeral && noun_after_numeral(tag.word) {
                pos = Pos::Noun;
            }
            for b in &mut token_of_byte[start..end] {
                *b = tokens.len() as u32;
            }
            tokens.push(Token { start, end, pos });
        }
        token_of_byte[text.len()] = tokens.len() as u32;
        let hits = index.scan(text);
        let mut starting = vec![Vec::new(); text.len() + 1];
        let mut ending = vec![Vec::new(); text.len() + 1];
        for (i, h) in hits.iter().enumerate() {
            starting[h.start].push(i as u32);
            ending[h.end].push(i as u32);
        }
        Self {
            doc,
            text,
            tokens,
            token_of_byte,
            hits,
            starting,
            ending,
        }
    }

    /// The token containing byte `b` (or the next one at the end).
    pub fn token_at(&self, b: usize) -> Option<&Token> {
        self.tokens.get(*self.token_of_byte.get(b)? as usize)
    }

    pub fn token_index(&self, b: usize) -> usize {
        self.token_of_byte.get(b).copied().unwrap_or(self.tokens.len() as u32) as usize
    }

    /// Whether a token starts (equivalently, the previous one ends) at byte `b`.
    pub fn is_boundary(&self, b: usize) -> bool {
        b == 0 || b >= self.text.len() || self.token_at(b).is_some_and(|t| t.start == b)
    }

    /// Hits starting at byte `b`.
    pub fn starting_at(&self, b: usize) -> impl Iterator<Item = &Hit> + '_ {
        self.starting
            .get(b)
            .into_iter()
            .flatten()
            .map(|&i| &self.hits[i as usize])
    }

    /// Hits ending at byte `b`.
    pub fn ending_at(&self, b: usize) -> impl Iterator<Item = &Hit> + '_ {
        self.ending
            .get(b)
            .into_iter()
            .flatten()
            .map(|&i| &self.hits[i as usize])
    }

    /// Whether a hit of the kind selected by `f` starts at `b`.
    pub fn has_starting(&self, b: usize, f: impl Fn(&Pattern) -> bool) -> bool {
        self.starting_at(b).any(|h| f(&h.pattern))
    }

    /// The character starting at byte `b`.
    pub fn char_at(&self, b: usize) -> Option<char> {
        self.text.get(b..)?.chars().next()
    }

    /// The character ending at byte `b`.
    pub fn char_before(&self, b: usize) -> Option<char> {
        self.text.get(..b)?.chars().next_back()
    }

    /// Byte offset `n` characters before `b` (stopping at 0).
    pub fn back_chars(&self, b: usize, n: usize) -> usize {
        let mut at = b;
        for c in self.text[..b].chars().rev().take(n) {
            at -= c.len_utf8();
        }
        at
    }

    /// Byte offset `n` characters after `b` (stopping at the end).
    pub fn forward_chars(&self, b: usize, n: usize) -> usize {
        let mut at = b;
        for c in self.text[b..].chars().take(n) {
            at += c.len_utf8();
        }
        at
    }

    /// Number of characters in a byte span.
    pub fn char_len(&self, start: usize, end: usize) -> usize {
        self.text[start..end].chars().count()
    }

    /// The sentence (byte span) containing `b`.
    pub fn sentence_span(&self, b: usize) -> std::ops::Range<usize> {
        match self.doc.sentence_at(b) {
            Some(i) => self.doc.sentences[i].span.clone(),
            None => b..b,
        }
    }

    /// The short name declared right at `b` (`（以下简称“Y”）` → Y), if any.
    pub fn declared_short_name(&self, b: usize) -> Option<&'d str> {
        let text: &'d str = self.text;
        let m = SHORT_NAME_DECLARATION.captures(&text[b..])?;
        m.get(1).map(|g| g.as_str().trim())
    }

    /// Whether every character of the span is a Han character.
    pub fn all_han(&self, start: usize, end: usize) -> bool {
        start < end && self.text[start..end].chars().all(is_han)
    }
}

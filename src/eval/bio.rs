//! Mention-level scoring against a BIO-tagged corpus (People's Daily NER: PER, ORG, LOC).
//!
//! Each sentence is extracted as its own document; a predicted mention counts when its span and
//! class equal a gold span exactly. LOC in that corpus also covers countries, rivers and
//! mountains, which guanxi does not treat as places, so PER and ORG are the comparable figures.

use super::Counts;
use crate::extract::Extractor;
use crate::extract::model::EntityClass;
use crate::text::Document;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A sentence with its gold spans (char offsets, end exclusive).
pub struct BioSentence {
    pub text: String,
    pub spans: Vec<(usize, usize, String)>,
}

/// Reads `char tag` lines, blank lines between sentences.
pub fn read_bio(path: &Path) -> Result<Vec<BioSentence>> {
    let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut flush = |chars: &mut Vec<char>, tags: &mut Vec<String>| {
        if chars.is_empty() {
            return;
        }
        let mut spans = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            if let Some(class) = tags[i].strip_prefix("B-") {
                let mut j = i + 1;
                while j < tags.len() && tags[j].strip_prefix("I-") == Some(class) {
                    j += 1;
                }
                spans.push((i, j, class.to_owned()));
                i = j;
            } else {
                i += 1;
            }
        }
        out.push(BioSentence {
            text: chars.iter().collect(),
            spans,
        });
        chars.clear();
        tags.clear();
    };
    for (n, line) in content.lines().enumerate() {
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some(c), Some(t)) => {
                let mut cs = c.chars();
                let ch = cs
                    .next()
                    .with_context(|| format!("{}:{}: empty character", path.display(), n + 1))?;
                chars.push(ch);
                tags.push(t.to_owned());
            }
            (None, _) => flush(&mut chars, &mut tags),
            (Some(_), None) => anyhow::bail!("{}:{}: expected `char tag`", path.display(), n + 1),
        }
    }
    flush(&mut chars, &mut tags);
    Ok(out)
}

fn class_of(tag: &str) -> Option<EntityClass> {
    match tag {
        "PER" => Some(EntityClass::Person),
        "ORG" => Some(EntityClass::Organization),
        "LOC" => Some(EntityClass::Place),
        _ => None,
    }
}

/// Exact-span scores per BIO class.
pub fn score_bio(extractor: &Extractor, sentences: &[BioSentence]) -> BTreeMap<String, Counts> {
    score_bio_with_errors(extractor, sentences).0
}

/// Exact-span scores per BIO class of the learned tagger's own spans (the tagger learns the
/// conventions of MSRA / People's Daily: 中 and 美 of 中美 are places, 中国政府 is the place
/// 中国, rivers and mountains are LOC), next to the extractor's mentions, which follow guanxi's
/// guidelines.
pub fn score_bio_tagger(extractor: &Extractor, sentences: &[BioSentence]) -> BTreeMap<String, Counts> {
    let mut by_class: BTreeMap<String, Counts> = BTreeMap::new();
    for (i, s) in sentences.iter().enumerate() {
        let doc = Document::from_text(&format!("s{i}"), &s.text);
        let spans = extractor.tagged_spans(&doc);
        for tag in ["PER", "ORG", "LOC"] {
            let gold: BTreeSet<(usize, usize)> = s.spans.iter().filter(|x| x.2 == tag).map(|x| (x.0, x.1)).collect();
            let pred: BTreeSet<(usize, usize)> = spans.iter().filter(|x| x.2 == tag).map(|x| (x.0, x.1)).collect();
            let c = by_class.entry(tag.to_owned()).or_default();
            c.tp += gold.intersection(&pred).count();
            c.pred += pred.len();
            c.gold += gold.len();
        }
    }
    by_class
}

/// A mention the extractor missed or added, by sentence (0-based).
pub struct BioError {
    pub sentence: usize,
    pub kind: &'static str,
    pub class: &'static str,
    pub text: String,
}

/// Exact-span scores per BIO class, with every miss and false positive.
pub fn score_bio_with_errors(
    extractor: &Extractor,
    sentences: &[BioSentence],
) -> (BTreeMap<String, Counts>, Vec<BioError>) {
    let mut by_class: BTreeMap<String, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let doc = Document::from_text(&format!("s{i}"), &s.text);
        let ext = extractor.extract(&doc);
        for tag in ["PER", "ORG", "LOC"] {
            let class = class_of(tag).expect("known tag");
            let gold: BTreeSet<(usize, usize)> = s.spans.iter().filter(|x| x.2 == tag).map(|x| (x.0, x.1)).collect();
            let pred: BTreeSet<(usize, usize)> = ext
                .entities
                .iter()
                .filter(|e| e.class == class)
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
                .collect();
            let c = by_class.entry(tag.to_owned()).or_default();
            c.tp += gold.intersection(&pred).count();
            c.pred += pred.len();
            c.gold += gold.len();
            let slice = |&(a, b): &(usize, usize)| s.text.chars().skip(a).take(b - a).collect::<String>();
            for span in gold.difference(&pred) {
                errors.push(BioError {
                    sentence: i,
                    kind: "missed",
                    class: tag,
                    text: slice(span),
                });
            }
            for span in pred.difference(&gold) {
                errors.push(BioError {
                    sentence: i,
                    kind: "false_positive",
                    class: tag,
                    text: slice(span),
                });
            }
        }
    }
    (by_class, errors)
}

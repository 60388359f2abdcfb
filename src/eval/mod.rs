//! Measuring extraction against hand annotations.
//!
//! `score` follows `../shared/eval/score.py` exactly: per document, a predicted entity matches a
//! gold entity of the same type when any of its surface forms equals the gold name or a gold
//! mention; each gold entity absorbs one prediction, further ones are duplicates (false
//! positives); a relation matches when both ends resolve to the gold triple's entities and the
//! type is equal (partners_with symmetric). `bio` scores mention spans against a BIO-tagged
//! corpus (People's Daily NER) at exact span and class.

pub mod bio;
mod relations;

pub use relations::{EndSplit, RelationError};

use crate::extract::model::{DocumentExtraction, EntityClass};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// A gold annotation file (format of `../shared/gold/GUIDELINES.md`).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub doc: String,
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub class: String,
    #[serde(default)]
    pub subtype: String,
    #[serde(default)]
    pub mentions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldRelation {
    pub head: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub tail: String,
    #[serde(default)]
    pub evidence: String,
}

/// Loads every `*.json` gold file of a directory, keyed by document base name.
pub fn load_gold(dir: &Path) -> Result<BTreeMap<String, GoldDoc>> {
    let mut out = BTreeMap::new();
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read gold directory {}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
        let gold: GoldDoc = serde_json::from_str(&text).with_context(|| format!("{}: not a gold file", p.display()))?;
        out.insert(base_name(&gold.doc), gold);
    }
    Ok(out)
}

pub(crate) fn base_name(s: &str) -> String {
    s.rsplit('/').next().unwrap_or(s).to_owned()
}

/// The scorer's type names: PLACE, ORG, PERSON, PROGRAM.
pub fn type_name(class: EntityClass) -> &'static str {
    match class {
        EntityClass::Place => "PLACE",
        EntityClass::Organization => "ORG",
        EntityClass::Person => "PERSON",
        EntityClass::Program => "PROGRAM",
    }
}

fn norm_type(t: &str) -> String {
    match t.trim().to_ascii_lowercase().as_str() {
        "place" => "PLACE".into(),
        "organization" | "org" => "ORG".into(),
        "person" => "PERSON".into(),
        "program" => "PROGRAM".into(),
        other => other.to_ascii_uppercase(),
    }
}

/// Counts for precision/recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub(crate) fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// One error, for `--errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreError {
    pub doc: String,
    pub kind: &'static str,
    pub class: String,
    pub what: String,
}

/// The score of a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub docs: usize,
    pub entities: Counts,
    pub duplicates: usize,
    pub by_type: BTreeMap<String, Counts>,
    pub relations: Counts,
    /// Relation counts per relation type (holds_post, part_of …).
    pub relation_types: BTreeMap<String, Counts>,
    pub errors: Vec<ScoreError>,
    /// Relation misses and false positives, with their evidence and what the ends were.
    pub relation_errors: Vec<RelationError>,
    /// Predictions and correct ones per recognizer rule (entities) and pattern rule (relations).
    pub entity_rules: BTreeMap<String, (usize, usize)>,
    pub relation_rules: BTreeMap<String, (usize, usize)>,
    /// The same per (pattern rule, relation type).
    pub relation_rule_types: BTreeMap<(String, String), (usize, usize)>,
}

pub(crate) const SCORED_RELATIONS: &[&str] = &[
    "holds_post",
    "part_of",
    "located_in",
    "alias",
    "funds",
    "manages",
    "implements",
    "partners_with",
    "member_of",
    "issued",
    "dispatched_to",
];

/// Scores predictions against gold; only documents in the gold set count.
pub fn score(
    gold: &BTreeMap<String, GoldDoc>,
    predictions: &[DocumentExtraction],
    only: Option<&BTreeSet<String>>,
) -> Score {
    let preds: HashMap<String, &DocumentExtraction> = predictions.iter().map(|p| (base_name(&p.doc), p)).collect();
    let mut total = Score {
        docs: gold.len(),
        ..Score::default()
    };
    for (doc, g) in gold {
        score_doc(doc, g, preds.get(doc).copied(), only, &mut total);
    }
    total
}

fn score_doc(
    doc: &str,
    gold: &GoldDoc,
    pred: Option<&DocumentExtraction>,
    only: Option<&BTreeSet<String>>,
    total: &mut Score,
) {
    let keep_gold = |t: &str| only.is_none_or(|o| o.contains(&norm_type(t)));
    let gents: Vec<&GoldEntity> = gold.entities.iter().filter(|e| keep_gold(&e.class)).collect();
    let gforms: Vec<HashSet<&str>> = gents
        .iter()
        .map(|g| {
            std::iter::once(g.name.as_str())
                .chain(g.mentions.iter().map(String::as_str))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect();
    let pents: Vec<&crate::extract::model::Entity> = pred
        .map(|p| {
            p.entities
                .iter()
                .filter(|e| only.is_none_or(|o| o.contains(type_name(e.class))))
                .collect()
        })
        .unwrap_or_default();
    let mut taken: HashMap<usize, usize> = HashMap::new();
    let mut pmap: HashMap<usize, usize> = HashMap::new();
    for (pi, p) in pents.iter().enumerate() {
        let pt = type_name(p.class).to_owned();
        let pf: HashSet<&str> = std::iter::once(p.name.as_str())
            .chain(p.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        let mut hit = None;
        for (gi, g) in gents.iter().enumerate() {
            if norm_type(&g.class) == pt && !pf.is_disjoint(&gforms[gi]) {
                hit = Some(gi);
                if !taken.contains_key(&gi) {
                    break;
                }
            }
        }
        total.by_type.entry(pt.clone()).or_default().pred += 1;
        total.entities.pred += 1;
        let rule = total.entity_rules.entry(p.rule.clone()).or_default();
        rule.0 += 1;
        if matches!(hit, Some(gi) if !taken.contains_key(&gi)) {
            rule.1 += 1;
        }
        match hit {
            Some(gi) if !taken.contains_key(&gi) => {
                taken.insert(gi, pi);
                total.entities.tp += 1;
                total.by_type.entry(pt.clone()).or_default().tp += 1;
            }
            Some(_) => {
                total.duplicates += 1;
                total.errors.push(err(doc, "duplicate", &pt, &p.name));
            }
            None => total.errors.push(err(doc, "false_positive", &pt, &p.name)),
        }
        if let Some(gi) = hit {
            pmap.insert(pi, gi);
        }
    }
    for (gi, g) in gents.iter().enumerate() {
        let t = norm_type(&g.class);
        total.by_type.entry(t.clone()).or_default().gold += 1;
        if !taken.contains_key(&gi) {
            total.errors.push(err(doc, "missed", &t, &g.name));
        }
    }
    total.entities.gold += gents.len();
    relations::score_relations(doc, gold, &gents, &pents, &pmap, pred, total);
}

pub(crate) fn err(doc: &str, kind: &'static str, class: &str, what: &str) -> ScoreError {
    ScoreError {
        doc: doc.to_owned(),
        kind,
        class: class.to_owned(),
        what: what.to_owned(),
    }
}

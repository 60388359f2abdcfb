//! Relation scoring, and what `guanxi eval --errors` needs to improve relations.
//!
//! The counts follow `score.py` (a relation matches when both ends resolve to the gold triple's
//! entities and the type is equal). On top of them: counts per relation type and per (rule, type),
//! and for every miss and false positive whether its ends were found as entities. A relation
//! whose end entity is missing or cut wrong is an entity error first; the split tells relation
//! work (both ends found) from span work.

use super::{Counts, GoldDoc, GoldEntity, SCORED_RELATIONS, Score};
use crate::extract::model::{DocumentExtraction, Entity};
use std::collections::{BTreeSet, HashMap};

/// What was known of a relation's ends when it was missed or wrongly predicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EndSplit {
    /// Both end entities were found (a miss here is the relation pattern's).
    BothFound,
    /// The head entity was not found (or found under another type or span).
    HeadMissing,
    /// The tail entity was not found.
    TailMissing,
    /// Neither end was found.
    BothMissing,
}

impl EndSplit {
    fn of(head: bool, tail: bool) -> EndSplit {
        match (head, tail) {
            (true, true) => EndSplit::BothFound,
            (false, true) => EndSplit::HeadMissing,
            (true, false) => EndSplit::TailMissing,
            (false, false) => EndSplit::BothMissing,
        }
    }

    /// For a false positive: both ends are gold entities, or one is not.
    pub fn label(self, missed: bool) -> &'static str {
        match (self, missed) {
            (EndSplit::BothFound, true) => "both ends found",
            (EndSplit::HeadMissing, true) => "head not found",
            (EndSplit::TailMissing, true) => "tail not found",
            (EndSplit::BothMissing, true) => "no end found",
            (EndSplit::BothFound, false) => "both ends gold entities",
            (EndSplit::HeadMissing, false) => "head no gold entity",
            (EndSplit::TailMissing, false) => "tail no gold entity",
            (EndSplit::BothMissing, false) => "no end a gold entity",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            EndSplit::BothFound => "both_found",
            EndSplit::HeadMissing => "head_missing",
            EndSplit::TailMissing => "tail_missing",
            EndSplit::BothMissing => "both_missing",
        }
    }
}

/// A missed gold relation or a false positive, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationError {
    pub doc: String,
    /// true: a gold relation missed; false: a predicted relation not in the gold.
    pub missed: bool,
    pub kind: String,
    pub head: String,
    pub tail: String,
    pub ends: EndSplit,
    /// The rule that predicted it (false positives only).
    pub rule: String,
    /// The gold's or the prediction's evidence sentence.
    pub evidence: String,
}

/// Scores one document's relations into `total`; `pmap` maps predicted entity → gold entity.
pub(super) fn score_relations(
    doc: &str,
    gold: &GoldDoc,
    gents: &[&GoldEntity],
    pents: &[&Entity],
    pmap: &HashMap<usize, usize>,
    pred: Option<&DocumentExtraction>,
    total: &mut Score,
) {
    let mut name2gold: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (&pi, &gi) in pmap {
        let p = pents[pi];
        for f in std::iter::once(p.name.as_str()).chain(p.mentions.iter().map(|m| m.text.as_str())) {
            name2gold.entry(f).or_default().insert(gi);
        }
    }
    let found_gold: BTreeSet<usize> = pmap.values().copied().collect();
    let gname: HashMap<&str, usize> = gents.iter().enumerate().map(|(i, g)| (g.name.as_str(), i)).collect();
    let mut grels: BTreeSet<(usize, String, usize)> = BTreeSet::new();
    // each gold triple once, with its evidence
    let mut unique: Vec<((usize, String, usize), &str)> = Vec::new();
    for r in &gold.relations {
        let (Some(&h), Some(&t)) = (gname.get(r.head.as_str()), gname.get(r.tail.as_str())) else {
            continue;
        };
        grels.insert((h, r.kind.clone(), t));
        let key = if r.kind == "partners_with" {
            grels.insert((t, r.kind.clone(), h));
            (h.min(t), r.kind.clone(), h.max(t))
        } else {
            (h, r.kind.clone(), t)
        };
        if !unique.iter().any(|(k, _)| *k == key) {
            unique.push((key, r.evidence.as_str()));
        }
    }
    let mut found: BTreeSet<(usize, String, usize)> = BTreeSet::new();
    let mut npred = 0;
    let empty = BTreeSet::new();
    for r in pred.map(|p| p.relations.as_slice()).unwrap_or_default() {
        let kind = r.kind.as_str();
        if !SCORED_RELATIONS.contains(&kind) && !gold.relations.iter().any(|g| g.kind == kind) {
            continue;
        }
        npred += 1;
        let hs = name2gold.get(r.head.as_str()).unwrap_or(&empty);
        let ts = name2gold.get(r.tail.as_str()).unwrap_or(&empty);
        let mut hit = None;
        for &h in hs {
            for &t in ts {
                if grels.contains(&(h, kind.to_owned(), t)) {
                    hit = Some(if kind == "partners_with" {
                        (h.min(t), kind.to_owned(), h.max(t))
                    } else {
                        (h, kind.to_owned(), t)
                    });
                }
            }
        }
        let correct = matches!(&hit, Some(k) if !found.contains(k));
        let typed = total.relation_types.entry(kind.to_owned()).or_default();
        typed.pred += 1;
        let rule = total.relation_rules.entry(r.rule.clone()).or_default();
        rule.0 += 1;
        let rule_type = total
            .relation_rule_types
            .entry((r.rule.clone(), kind.to_owned()))
            .or_default();
        rule_type.0 += 1;
        if let (true, Some(k)) = (correct, hit) {
            found.insert(k);
            typed.tp += 1;
            rule.1 += 1;
            rule_type.1 += 1;
        } else {
            total.errors.push(super::err(
                doc,
                "rel_false_positive",
                kind,
                &format!("{} -> {}", r.head, r.tail),
            ));
            total.relation_errors.push(RelationError {
                doc: doc.to_owned(),
                missed: false,
                kind: kind.to_owned(),
                head: r.head.clone(),
                tail: r.tail.clone(),
                ends: EndSplit::of(!hs.is_empty(), !ts.is_empty()),
                rule: r.rule.clone(),
                evidence: r.evidence.text.clone(),
            });
        }
    }
    let mut unique_keys: Vec<&((usize, String, usize), &str)> = unique.iter().collect();
    unique_keys.sort();
    for ((h, kind, t), evidence) in unique_keys {
        total.relation_types.entry(kind.clone()).or_default().gold += 1;
        if found.contains(&(*h, kind.clone(), *t)) {
            continue;
        }
        total.errors.push(super::err(
            doc,
            "rel_missed",
            kind,
            &format!("{} -> {}", gents[*h].name, gents[*t].name),
        ));
        total.relation_errors.push(RelationError {
            doc: doc.to_owned(),
            missed: true,
            kind: kind.clone(),
            head: gents[*h].name.clone(),
            tail: gents[*t].name.clone(),
            ends: EndSplit::of(found_gold.contains(h), found_gold.contains(t)),
            rule: String::new(),
            evidence: (*evidence).to_owned(),
        });
    }
    total.relations.add(Counts {
        tp: found.len(),
        pred: npred,
        gold: unique.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::score;
    use std::collections::BTreeMap;

    fn entity(id: &str, name: &str, class: &str, subtype: &str) -> serde_json::Value {
        serde_json::json!({"id": id, "name": name, "type": class, "subtype": subtype, "rule": "t",
            "mentions": [{"text": name, "start": 0, "end": 1, "sentence": 0, "rule": "t"}]})
    }

    fn relation(head: &str, kind: &str, tail: &str, rule: &str) -> serde_json::Value {
        serde_json::json!({"head": head, "type": kind, "tail": tail, "head_id": head, "tail_id": tail,
            "rule": rule, "evidence": {"text": "句子", "start": 0, "end": 1}})
    }

    #[test]
    fn misses_and_false_positives_are_split_by_their_ends() {
        let gold: GoldDoc = serde_json::from_value(serde_json::json!({
            "doc": "a.txt",
            "entities": [
                {"name": "王某", "type": "PERSON", "mentions": ["王某"]},
                {"name": "甲县", "type": "PLACE", "mentions": ["甲县"]},
                {"name": "甲县委", "type": "ORG", "mentions": ["甲县委"]},
                {"name": "乙公司", "type": "ORG", "mentions": ["乙公司"]},
            ],
            "relations": [
                {"head": "王某", "type": "holds_post", "tail": "甲县委", "evidence": "甲县委书记王某"},
                {"head": "王某", "type": "holds_post", "tail": "甲县", "evidence": "县长王某"},
                {"head": "甲县委", "type": "located_in", "tail": "甲县"},
                {"head": "乙公司", "type": "partners_with", "tail": "甲县"},
            ]
        }))
        .unwrap();
        let pred: DocumentExtraction = serde_json::from_value(serde_json::json!({
            "doc": "a.txt",
            "entities": [
                entity("p", "王某", "Person", "Official"),
                entity("c", "甲县", "Place", "District"),
                entity("o", "甲县委", "Organization", "Government"),
                entity("x", "丙公司", "Organization", "Company"),
            ],
            "relations": [
                relation("王某", "holds_post", "甲县委", "appositive-title"),
                relation("甲县委", "part_of", "甲县", "nested-name"),
                relation("丙公司", "partners_with", "甲县", "cue-with-partner"),
            ]
        }))
        .unwrap();
        let golds = BTreeMap::from([("a.txt".to_owned(), gold)]);
        let s = score(&golds, &[pred], None);
        assert_eq!(
            s.relations,
            Counts {
                tp: 1,
                pred: 3,
                gold: 4
            }
        );
        assert_eq!(
            s.relation_types["holds_post"],
            Counts {
                tp: 1,
                pred: 1,
                gold: 2
            }
        );
        assert_eq!(
            s.relation_types["part_of"],
            Counts {
                tp: 0,
                pred: 1,
                gold: 0
            }
        );
        assert_eq!(
            s.relation_rule_types[&("appositive-title".into(), "holds_post".into())],
            (1, 1)
        );
        let ends = |missed: bool, kind: &str| {
            s.relation_errors
                .iter()
                .filter(|e| e.missed == missed && e.kind == kind)
                .map(|e| e.ends)
                .collect::<Vec<_>>()
        };
        assert_eq!(ends(true, "holds_post"), [EndSplit::BothFound]);
        assert_eq!(ends(true, "located_in"), [EndSplit::BothFound]);
        assert_eq!(ends(true, "partners_with"), [EndSplit::TailMissing]);
        assert_eq!(ends(false, "part_of"), [EndSplit::BothFound]);
        assert_eq!(ends(false, "partners_with"), [EndSplit::HeadMissing]);
        let missed = s
            .relation_errors
            .iter()
            .find(|e| e.missed && e.kind == "holds_post")
            .unwrap();
        assert_eq!((missed.tail.as_str(), missed.evidence.as_str()), ("甲县", "县长王某"));
    }
}

//! Relations between the entities of a document, each tied to the sentence that states it.
//!
//! - `posts`: appositive titles give holds_post (市国资委党委书记、主任周建华);
//! - `structure`: the gazetteer and the shape of names give part_of and located_in;
//! - `cues`: clause patterns around cue verbs give funds, manages, implements, partners_with,
//!   member_of, issued, dispatched_to and located_in (`patterns` holds the patterns, `subjects`
//!   finds their ends and elided subjects, `clauses` the clause structure they read);
//! - `adjacent`: names standing next to each other (a body before its quoted program);
//! - co-mentions: entities named in the same sentence, counted.
//!
//! Every relation records the rule that produced it.

mod adjacent;
mod clauses;
mod cues;
mod delegations;
mod patterns;
mod posts;
mod structure;
mod subjects;

use crate::extract::analysis::Analysis;
use crate::extract::link::Linked;
use crate::extract::model::{EntityClass, RelationKind};
use crate::extract::recognize::Resources;
use crate::extract::recognize::persons::TitleSpan;
use std::collections::BTreeMap;

/// A relation between two entities of the document (indices into `Linked::entities`).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundRelation {
    pub head: usize,
    pub tail: usize,
    pub kind: RelationKind,
    pub title: Option<String>,
    /// Index of the evidence sentence.
    pub sentence: usize,
    pub rule: &'static str,
    pub count: usize,
}

/// Collects relations, keeping the first evidence of each (head, kind, tail) and counting repeats.
#[derive(Default)]
pub struct RelationSet {
    found: Vec<FoundRelation>,
    index: BTreeMap<(usize, RelationKind, usize), usize>,
}

impl RelationSet {
    pub fn add(&mut self, linked: &Linked, r: FoundRelation) {
        if r.head == r.tail {
            return;
        }
        let (head, tail) = if r.kind.is_symmetric() && linked.entities[r.head].key > linked.entities[r.tail].key {
            (r.tail, r.head)
        } else {
            (r.head, r.tail)
        };
        let key = (head, r.kind, tail);
        match self.index.get(&key) {
            Some(&i) => {
                let existing = &mut self.found[i];
                existing.count += r.count;
                // two posts at one body (市委常委、市委秘书长X) are one relation with both titles;
                // posts are read right to left, so the new title was written first
                // (each title once, however often the text repeats the chain)
                existing.title = match (existing.title.take(), r.title) {
                    (Some(old), Some(new)) => {
                        let added: Vec<&str> = new.split('、').filter(|t| !old.split('、').any(|o| o == *t)).collect();
                        Some(if added.is_empty() {
                            old
                        } else {
                            format!("{}、{old}", added.join("、"))
                        })
                    }
                    (old, new) => old.or(new),
                };
            }
            None => {
                self.index.insert(key, self.found.len());
                self.found.push(FoundRelation { head, tail, ..r });
            }
        }
    }

    pub fn has(&self, head: usize, kind: RelationKind, tail: usize) -> bool {
        self.index.contains_key(&(head, kind, tail))
    }

    pub fn iter(&self) -> impl Iterator<Item = &FoundRelation> {
        self.found.iter()
    }

    pub fn into_vec(self) -> Vec<FoundRelation> {
        self.found
    }
}

/// Finds every relation of a document.
pub fn extract(a: &Analysis, res: &Resources, linked: &Linked, titles: &[TitleSpan]) -> Vec<FoundRelation> {
    let mut set = RelationSet::default();
    posts::holds_post(a, linked, titles, &mut set);
    structure::part_of(a, res, linked, &mut set);
    structure::located_in(a, res, linked, &mut set);
    structure::government_departments(a, linked, &mut set);
    cues::patterns(a, res, linked, &mut set);
    structure::regions(a, res, linked, &mut set);
    structure::zones_in_zones(a, res, linked, &mut set);
    structure::stationed_teams(a, linked, &mut set);
    structure::events_of_bodies(a, linked, &mut set);
    co_mentions(a, linked, &mut set);
    set.into_vec()
}

/// Pairs of entities named in the same sentence.
fn co_mentions(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    for (si, s) in a.doc.sentences.iter().enumerate() {
        let mut present: Vec<usize> = linked
            .mentions_in(s.span.start, s.span.end)
            .filter(|m| !m.nested)
            .map(|m| m.entity)
            .collect();
        present.sort_unstable();
        present.dedup();
        for (i, &x) in present.iter().enumerate() {
            for &y in &present[i + 1..] {
                set.add(
                    linked,
                    FoundRelation {
                        head: x,
                        tail: y,
                        kind: RelationKind::CoMention,
                        title: None,
                        sentence: si,
                        rule: "same-sentence",
                        count: 1,
                    },
                );
            }
        }
    }
}

/// Index of the sentence holding byte `b` (0 when outside every sentence).
pub(crate) fn sentence_of(a: &Analysis, b: usize) -> usize {
    a.doc.sentence_at(b).unwrap_or(0)
}

/// Whether an entity of class `class` may be the head/tail of `kind`.
pub(crate) fn allowed(linked: &Linked, entity: usize, kind: RelationKind, as_head: bool) -> bool {
    use EntityClass::*;
    use RelationKind::*;
    let e = &linked.entities[entity];
    let c = e.class;
    let sub = e.subtype;
    use crate::extract::model::Subtype as S;
    match (kind, as_head) {
        (HoldsPost, true) => c == Person,
        (HoldsPost, false) => matches!(c, Organization | Place),
        (PartOf, _) => matches!(c, Organization | Place),
        (LocatedIn, true) => c == Organization || (c == Program && sub == S::Project),
        (LocatedIn, false) => c == Place,
        (Funds, true) => matches!(c, Organization | Place) || (c == Program && sub == S::Fund),
        (Funds, false) => matches!(c, Organization | Program),
        (Manages, true) => c == Organization,
        (Manages, false) => c == Program,
        (Implements, true) => matches!(c, Organization | Place),
        // a party congress is studied, not run (学习贯彻党的二十大精神)
        (Implements, false) => c == Program && sub != S::Document && e.rule != "party-congress",
        // a fund signs agreements as a body does (X基金与A、B签署战略合作协议)
        (PartnersWith, _) => matches!(c, Organization | Place) || (c == Program && sub == S::Fund),
        (MemberOf, _) => c == Organization,
        (Issued, true) => matches!(c, Organization | Place),
        (Issued, false) => c == Program && sub == S::Document,
        (DispatchedTo, true) => matches!(c, Organization | Place | Person),
        (DispatchedTo, false) => matches!(c, Organization | Place),
        (CoMention, _) => true,
    }
}

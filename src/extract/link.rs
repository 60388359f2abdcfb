//! Linking mentions into entities: one entity per real-world thing in a document.
//!
//! - Context completion (`completion.rs`): a body written with a bare level word takes its place
//!   from the sentence, the page's home place, or the place of that level the page is about
//!   (区委组织部 in a 涪陵 page → 涪陵区委组织部; 市委 under 来源：吉林市人民政府网 → 吉林市委).
//! - Other names (`aliases.rs`): declared aliases (以下简称), company short forms, names written
//!   again without their place, count or year.
//! - Anaphora (`anaphora.rs`): bare heads, demonstratives and forms of address that refer back.
//!
//! Entities are keyed by content (`place:500102`, `org:重庆市经信委`), so keys are stable across
//! runs and documents.

mod aliases;
mod anaphora;
mod completion;

use aliases::{
    company_short_forms, declared_aliases, near_identical_names, numbered_short_names, place_dropped_names,
    short_names, year_prefixed_names,
};
use anaphora::{addressed_persons, demonstrative_places, demonstrative_programs, head_anaphora, zone_headed_bodies};

use crate::extract::analysis::Analysis;
use crate::extract::candidate::Candidate;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::extract::recognize::places::PlaceContext;
use std::collections::{BTreeMap, HashMap};

/// A mention attached to an entity.
#[derive(Debug, Clone)]
pub struct LinkedMention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub rule: &'static str,
    /// Added as the parent or short name of a longer mention at the same place.
    pub nested: bool,
}

/// An entity of the document.
#[derive(Debug, Clone)]
pub struct LinkedEntity {
    pub key: String,
    pub name: String,
    pub class: EntityClass,
    pub subtype: Subtype,
    /// The gazetteer division a place denotes.
    pub division: Option<usize>,
    /// The division the entity's name is anchored in (located_in / part_of).
    pub place: Option<usize>,
    /// Keys of organizations this one is part of (nested names).
    pub parents: Vec<String>,
    pub rule: &'static str,
    pub mentions: Vec<usize>,
}

/// Entities and mentions of a document.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    pub entities: Vec<LinkedEntity>,
    /// Sorted by start.
    pub mentions: Vec<LinkedMention>,
}

impl Linked {
    pub fn entity_of_key(&self, key: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.key == key)
    }

    /// The place entity that denotes gazetteer division `d`, if the document names it.
    pub fn place_of_division(&self, d: usize) -> Option<usize> {
        self.entities
            .iter()
            .position(|e| e.class == EntityClass::Place && e.division == Some(d))
    }

    /// The body a team is named after, written before 驻 in its name (X驻村帮扶工作队 → X), when
    /// the document names that body.
    pub fn stationing_body(&self, team: usize) -> Option<usize> {
        let e = &self.entities[team];
        if e.class != EntityClass::Organization {
            return None;
        }
        let (sender, _) = e.name.split_once('驻')?;
        self.entities
            .iter()
            .position(|o| o.class == EntityClass::Organization && o.name == sender)
    }

    /// Mentions whose span lies within `[start, end)`, in order.
    pub fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &LinkedMention> {
        let from = self.mentions.partition_point(|m| m.start < start);
        self.mentions[from..]
            .iter()
            .take_while(move |m| m.start < end)
            .filter(move |m| m.end <= end)
    }
}

/// A mention on its way to an entity.
struct Pending {
    cand: Candidate,
    key: String,
    name: String,
}

impl Pending {
    /// Another mention of this one's entity at `start..end` (an anaphor, a bare head).
    fn referring(&self, start: usize, end: usize, class: EntityClass, rule: &'static str) -> Pending {
        let mut cand = Candidate::new(start, end, class, self.cand.subtype, 0.6, rule);
        // the entity stays the gazetteer division it is, whichever mention leads it
        cand.divisions = self.cand.divisions.clone();
        Pending {
            cand,
            key: self.key.clone(),
            name: self.name.clone(),
        }
    }
}

pub fn link(a: &Analysis, res: &Resources, ctx: &PlaceContext, mut cands: Vec<Candidate>) -> Linked {
    cands.sort_by_key(|c| (c.start, c.end));
    completion::complete_names(a, res, ctx, &mut cands);
    let mut pending: Vec<Pending> = cands
        .into_iter()
        .map(|c| {
            let (key, name) = identity(a, res, &c);
            Pending { cand: c, key, name }
        })
        .collect();
    short_names(a, &mut pending);
    declared_aliases(a, &mut pending);
    company_short_forms(a, res, &mut pending);
    head_anaphora(a, res, &mut pending);
    zone_headed_bodies(a, res, &mut pending);
    demonstrative_programs(a, res, &mut pending);
    demonstrative_places(a, &mut pending);
    place_dropped_names(a, &mut pending);
    numbered_short_names(a, res, &mut pending);
    year_prefixed_names(a, &mut pending);
    addressed_persons(a, &mut pending);
    near_identical_names(&mut pending);
    group(a, res, pending)
}

/// Content key and display name of a candidate.
fn identity(a: &Analysis, res: &Resources, c: &Candidate) -> (String, String) {
    let surface = a.doc.surface(c.start..c.end);
    if c.class == EntityClass::Place
        && let Some(&d) = c.divisions.first()
    {
        let div = res.gaz.get(d);
        return (format!("place:{}", div.code), div.name.clone());
    }
    let mut name = c.canonical.clone().unwrap_or(surface);
    // 乡村振兴战略 is the known program 乡村振兴
    if c.class == EntityClass::Program
        && let Some(stem) = name.strip_suffix("战略")
        && res.lex.programs.iter().any(|p| p.name == stem)
    {
        name = stem.to_owned();
    }
    let key = format!("{}:{}", c.class.key_prefix(), key_form(&name));
    (key, name)
}

/// The form of a name used in keys: width-folded, without spaces.
pub fn key_form(name: &str) -> String {
    crate::text::fold_str(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Groups mentions by key into entities in order of first mention.
fn group(a: &Analysis, res: &Resources, mut pending: Vec<Pending>) -> Linked {
    pending.sort_by_key(|p| (p.cand.start, p.cand.end));
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in pending.iter().enumerate() {
        if !by_key.contains_key(&p.key) {
            order.push(p.key.clone());
        }
        by_key.entry(p.key.clone()).or_default().push(i);
    }
    let span_key: HashMap<(usize, usize), String> = pending
        .iter()
        .map(|p| ((p.cand.start, p.cand.end), p.key.clone()))
        .collect();
    let mut linked = Linked::default();
    for key in order {
        let members = &by_key[&key];
        let best = members
            .iter()
            .copied()
            .max_by(|&x, &y| {
                let (px, py) = (&pending[x].cand, &pending[y].cand);
                (!px.nested, px.score, px.end - px.start)
                    .partial_cmp(&(!py.nested, py.score, py.end - py.start))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(y.cmp(&x))
            })
            .expect("non-empty group");
        let lead = &pending[best];
        let mut votes: BTreeMap<Subtype, f32> = BTreeMap::new();
        for &m in members {
            *votes.entry(pending[m].cand.subtype).or_default() += pending[m].cand.score;
        }
        let subtype = votes
            .iter()
            .filter(|(s, _)| **s != Subtype::Other)
            .max_by(|x, y| x.1.total_cmp(y.1))
            .map(|(s, _)| *s)
            .unwrap_or(lead.cand.subtype);
        let parents: Vec<String> = members
            .iter()
            .filter_map(|&m| pending[m].cand.parent.and_then(|span| span_key.get(&span).cloned()))
            .filter(|k| *k != key)
            .fold(Vec::new(), |mut acc, k| {
                if !acc.contains(&k) {
                    acc.push(k);
                }
                acc
            });
        let entity = linked.entities.len();
        let name = if lead.cand.canonical.is_none() && lead.cand.divisions.is_empty() {
            // the longest surface form names the entity
            members
                .iter()
                .map(|&m| a.doc.surface(pending[m].cand.start..pending[m].cand.end))
                .max_by_key(|s| (s.chars().count(), std::cmp::Reverse(s.clone())))
                .unwrap_or_else(|| lead.name.clone())
        } else {
            lead.name.clone()
        };
        let name = if lead.cand.class == EntityClass::Place || lead.cand.canonical.is_some() {
            lead.name.clone()
        } else {
            name
        };
        linked.entities.push(LinkedEntity {
            key: key.clone(),
            name,
            class: lead.cand.class,
            subtype,
            division: if lead.cand.class == EntityClass::Place {
                lead.cand.divisions.first().copied()
            } else {
                None
            },
            place: members.iter().find_map(|&m| pending[m].cand.place),
            parents,
            rule: lead.cand.rule,
            mentions: Vec::new(),
        });
        for &m in members {
            linked.mentions.push(LinkedMention {
                start: pending[m].cand.start,
                end: pending[m].cand.end,
                entity,
                rule: pending[m].cand.rule,
                nested: pending[m].cand.nested,
            });
        }
    }
    linked.mentions.sort_by_key(|m| (m.start, m.end, m.entity));
    for (i, m) in linked.mentions.iter().enumerate() {
        linked.entities[m.entity].mentions.push(i);
    }
    let _ = res;
    linked
}

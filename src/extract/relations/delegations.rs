//! Delegations: a 代表团 or 考察团 travels for the body that formed it and under the person who
//! leads it (船营区组成由区委书记Y带队的招商考察团赴温州 → 船营区 and Y go to 温州). The words are
//! data (`delegations.tsv`).

use super::subjects::Sentence;
use crate::extract::analysis::Analysis;
use crate::extract::link::Linked;
use crate::extract::model::EntityClass;
use std::sync::LazyLock;

struct Words {
    nouns: Vec<String>,
    leads: Vec<String>,
    forms: Vec<String>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut w = Words {
        nouns: Vec::new(),
        leads: Vec::new(),
        forms: Vec::new(),
    };
    for line in include_str!("../../../data/lexicon/delegations.tsv").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, role) = line.split_once('\t').unwrap_or((line, ""));
        let word = crate::text::fold_str(word.trim());
        match role.trim() {
            "noun" => w.nouns.push(word),
            "leads" => w.leads.push(word),
            "forms" => w.forms.push(word),
            _ => {}
        }
    }
    w
});

/// Whether the entity is a delegation (its name ends with a delegation noun).
pub(super) fn is_delegation(linked: &Linked, e: usize) -> bool {
    let name = &linked.entities[e].name;
    linked.entities[e].class == EntityClass::Organization && WORDS.nouns.iter().any(|n| name.ends_with(n.as_str()))
}

/// Whether the delegation's name says whose it is (松滋市党政代表团); 招商考察团 does not.
pub(super) fn is_named(linked: &Linked, e: usize) -> bool {
    let d = &linked.entities[e];
    d.place.is_some() || !d.parents.is_empty()
}

/// The leader and the sending body of the delegation mentioned in `s`, in the clause before it.
pub(super) fn travellers(a: &Analysis, linked: &Linked, s: &Sentence, delegation: usize) -> Vec<usize> {
    let Some(m) = s.mentions.iter().find(|m| m.entity == delegation) else {
        return Vec::new();
    };
    // the same clause: no comma or stop between the traveller's word and the delegation
    let same_clause = |from: usize| !a.text[from..m.start].contains([',', '，', '。', ';', '；']);
    let followed_by = |at: usize, words: &[String]| {
        words
            .iter()
            .find(|w| a.text[at..].starts_with(w.as_str()) && a.is_boundary(at + w.len()))
            .map(|w| at + w.len())
    };
    let mut out = Vec::new();
    for x in s.mentions.iter().filter(|x| x.end <= m.start && x.entity != delegation) {
        let e = &linked.entities[x.entity];
        let role = match e.class {
            EntityClass::Person => followed_by(x.end, &WORDS.leads),
            EntityClass::Organization | EntityClass::Place => followed_by(x.end, &WORDS.forms),
            EntityClass::Program => None,
        };
        if role.is_some_and(|end| end <= m.start && same_clause(end)) && !out.contains(&x.entity) {
            out.push(x.entity);
        }
    }
    out
}

//! Who the ends of a cue are: eligible mentions, lists of heads, and the subject a clause that
//! leaves it out takes from its sentence (近年来，涪陵区积极探索…，健全完善…).

use super::allowed;
use super::clauses::{clause_initial, clause_range};
use crate::extract::analysis::Analysis;
use crate::extract::link::{Linked, LinkedMention};
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use std::ops::Range;

pub(super) const LIST_GLUE: &[char] = &['、', '和', '与', '及', ',', ' '];

/// A sentence and its outermost mentions.
pub(super) struct Sentence<'l> {
    pub span: Range<usize>,
    pub mentions: Vec<&'l LinkedMention>,
}

/// Eligible mentions in a byte range, in order, one per entity.
pub(super) fn eligible<'l>(
    linked: &Linked,
    s: &Sentence<'l>,
    range: Range<usize>,
    kind: RelationKind,
    as_head: bool,
) -> Vec<&'l LinkedMention> {
    let mut out: Vec<&LinkedMention> = Vec::new();
    for m in s.mentions.iter().copied() {
        if m.start >= range.start
            && m.end <= range.end
            && allowed(linked, m.entity, kind, as_head)
            && !out.iter().any(|x| x.entity == m.entity)
        {
            out.push(m);
        }
    }
    out
}

/// The nearest eligible mention before the end of `range` and the list it belongs to (A、B和C).
pub(super) fn heads_before(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    range: Range<usize>,
    kind: RelationKind,
) -> Vec<usize> {
    // a name after a locative preposition (X在榆林市召开…) is where, not who
    let all: Vec<&LinkedMention> = eligible(linked, s, range.clone(), kind, true)
        .into_iter()
        .filter(|m| !matches!(a.char_before(m.start), Some('在' | '于')))
        // 由A带队的考察团: A stands in a modifier of the subject's noun, it is not the subject
        .filter(|m| {
            let modifier = a.text[range.start..m.start].rfind('由').is_some_and(|i| {
                !a.text[range.start + i..m.start].contains([',', '，', '、']) && a.text[m.end..range.end].contains('的')
            });
            !modifier
        })
        .collect();
    let Some(last) = all.last() else { return Vec::new() };
    let mut heads = vec![last.entity];
    let mut right = last.start;
    for m in all.iter().rev().skip(1) {
        if m.end > right {
            break;
        }
        let gap = &a.text[m.end..right];
        if !gap.is_empty() && gap.chars().all(|c| LIST_GLUE.contains(&c)) {
            heads.push(m.entity);
            right = m.start;
        } else {
            break;
        }
    }
    heads
}

/// Whether byte `b` falls inside a name (同 of 大同市 is no connective).
pub(super) fn inside_mention(s: &Sentence, b: usize) -> bool {
    s.mentions.iter().any(|m| m.start <= b && b < m.end)
}

pub(super) fn pairs(heads: &[usize], tails: &[usize]) -> Vec<(usize, usize)> {
    heads
        .iter()
        .take(4)
        .flat_map(|&h| tails.iter().take(10).map(move |&t| (h, t)))
        .collect()
}

/// A preposition 对/向/给 before the cue in the clause, splitting heads from fronted objects.
pub(super) fn preposition_before(a: &Analysis, s: &Sentence, from: usize, to: usize) -> Option<usize> {
    a.text[from..to]
        .char_indices()
        .filter(|(_, c)| matches!(c, '对' | '向' | '给'))
        .map(|(i, _)| from + i)
        .find(|&i| !inside_mention(s, i))
}

/// The subject of the sentence before `before`: the first eligible body or place that begins a
/// clause (近年来，涪陵区积极探索…，健全完善…).
pub(super) fn sentence_subject(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    before: usize,
    kind: RelationKind,
) -> Option<usize> {
    let eligible = |m: &&&LinkedMention| {
        allowed(linked, m.entity, kind, true) && linked.entities[m.entity].subtype != Subtype::Region
    };
    // a clause that is only a noun phrase ending in the entity (提供…方案的X，将总部放在…) names
    // the topic of the clauses after it
    let topic_phrase = |m: &&&LinkedMention| {
        a.char_before(m.start) == Some('的')
            && a.char_at(m.end).is_some_and(|c| matches!(c, ',' | '，'))
            && clause_range(a, &s.span, m.start).start < m.start
            && !a.tokens[a.token_index(clause_range(a, &s.span, m.start).start)..a.token_index(m.start)]
                .iter()
                .any(|t| a.text[t.start..t.end] == *"是")
    };
    let first = s
        .mentions
        .iter()
        .filter(|m| m.start < before)
        .filter(eligible)
        .find(|m| clause_initial(a, &s.span, m.start) || topic_phrase(m))?;
    // X旗下Y, X下属的Y: the subject is Y
    let rest = &a.text[first.end..];
    let link = ["旗下的", "旗下", "下属的", "下属", "所属的", "所属"]
        .iter()
        .find(|w| rest.starts_with(**w));
    if let Some(w) = link {
        let at = first.end + w.len();
        if let Some(y) = s
            .mentions
            .iter()
            .filter(eligible)
            .find(|m| m.start == at && m.start < before)
        {
            return Some(y.entity);
        }
    }
    Some(first.entity)
}

/// Who does what a clause opening at `clause_start` leaves unsaid: the sentence's subject, else
/// the topic carried from earlier sentences — unless this sentence has a subject of its own.
pub(super) fn elided_subject(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    clause_start: usize,
    kind: RelationKind,
    topic: Option<usize>,
) -> Option<usize> {
    sentence_subject(a, linked, s, clause_start, kind).or_else(|| {
        (!has_own_subject(a, linked, s, clause_start))
            .then_some(topic)
            .flatten()
            .filter(|&t| allowed(linked, t, kind, true))
    })
}

/// Whether the sentence opens a clause before `before` with a body or place of its own — then an
/// elided subject is that one, even when it cannot take the relation (新区…，其中位于X的部分…),
/// and no earlier sentence's subject stands in.
pub(super) fn has_own_subject(a: &Analysis, linked: &Linked, s: &Sentence, before: usize) -> bool {
    // a person pronoun is the subject (…，他被任命为…，派驻X村)
    let pronoun = a.tokens[a.token_index(s.span.start)..a.token_index(before).max(a.token_index(s.span.start))]
        .iter()
        .any(|t| matches!(&a.text[t.start..t.end], "他" | "她" | "他们" | "她们"));
    pronoun
        || s.mentions.iter().any(|m| {
            m.start < before
                && matches!(
                    linked.entities[m.entity].class,
                    EntityClass::Organization | EntityClass::Place
                )
                && linked.entities[m.entity].subtype != Subtype::Region
                && clause_initial(a, &s.span, m.start)
        })
}

//! The clause patterns of `relation_cues.tsv`: where head and tail stand around a cue word
//! (subj_obj, by_subj, with_obj, as_role, at_place, host, in_place, entrusted). Each returns
//! (head, tail) pairs of entities; the driver (`cues.rs`) checks their classes and records them.

use super::allowed;
use super::clauses::{clause_initial, clause_range, subject_elided};
use super::subjects::{
    LIST_GLUE, Sentence, elided_subject, eligible, heads_before, inside_mention, pairs, preposition_before,
};
use crate::extract::analysis::Analysis;
use crate::extract::link::{Linked, LinkedMention};
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::text::is_han;
use std::ops::Range;

pub(super) fn subj_obj(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
    topic: Option<usize>,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let after: Vec<&LinkedMention> = eligible(linked, s, cue.end..clause.end, kind, false);
    let mut tails: Vec<usize> = after.iter().map(|m| m.entity).collect();
    let mut head_limit = cue.start;
    if let Some(p) = preposition_before(a, s, clause.start, cue.start) {
        let fronted: Vec<usize> = eligible(linked, s, p..cue.start, kind, false)
            .iter()
            .map(|m| m.entity)
            .collect();
        if !fronted.is_empty() {
            tails = fronted;
        }
        // what follows 向/对/给 is never the subject (向城口、巫溪等区县选派…)
        head_limit = p;
    }
    if tails.is_empty() {
        return Vec::new();
    }
    let mut heads = heads_before(a, linked, s, clause.start..head_limit, kind);
    if heads.is_empty() {
        // 位于Y(Z)的X: the head follows its places
        for (i, t) in after.iter().enumerate() {
            if a.char_at(t.end) == Some('的')
                && let Some(h) = eligible(linked, s, t.end..clause.end, kind, true).first()
                && h.start == t.end + '的'.len_utf8()
            {
                return after[..=i].iter().map(|x| (h.entity, x.entity)).collect();
            }
        }
    }
    if heads.is_empty() && subject_elided(a, clause.start, head_limit) {
        heads.extend(elided_subject(a, linked, s, clause.start, kind, topic));
    }
    pairs(&heads, &tails)
}

pub(super) fn by_subj(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let Some(you) = a.text[s.span.start..cue.start].rfind('由').map(|i| s.span.start + i) else {
        return Vec::new();
    };
    // 由 and the cue stand in one clause (not 由A出资，委托B管理)
    if a.text[you..cue.start].contains([',', '，', ';', '；', '。']) {
        return Vec::new();
    }
    let agent_mentions = eligible(linked, s, you..cue.start, kind, true);
    let Some(last) = agent_mentions.last() else {
        return Vec::new();
    };
    // the agents are the list ending next to the cue (A、B和C, 区委区政府 written together)
    let mut agents = vec![last.entity];
    let mut right = last.start;
    let mut right_is_place = linked.entities[last.entity].class == EntityClass::Place;
    for m in agent_mentions.iter().rev().skip(1) {
        if m.end <= right && a.text[m.end..right].chars().all(|c| LIST_GLUE.contains(&c)) {
            let place = linked.entities[m.entity].class == EntityClass::Place;
            // a place written before another (重庆|两江新区) says where that one is
            if !(place && right_is_place && m.end == right) {
                agents.push(m.entity);
            }
            right = m.start;
            right_is_place = place;
        } else {
            break;
        }
    }
    agents.reverse();
    // the agents act through the cue (由A、B负责管理), not through a clause of their own
    // (由A、B等部门组成的…管理办公室)
    // an alias declared after the agent (X（以下简称Y）担当…) is no clause of its own
    let gap = a.text[last.end..cue.start]
        .strip_prefix('(')
        .and_then(|g| g.split_once(')'))
        .map_or(&a.text[last.end..cue.start], |(_, rest)| rest);
    if gap.chars().count() > 12 || gap.contains('的') || gap.chars().any(|c| !is_han(c) && !c.is_ascii_digit()) {
        return Vec::new();
    }
    let patient = eligible(linked, s, s.span.start..you, kind, false)
        .last()
        .map(|m| m.entity)
        .or_else(|| {
            eligible(linked, s, cue.end..s.span.end, kind, false)
                .first()
                .map(|m| m.entity)
        })
        .or_else(|| program_named_before(a, linked, s, you, kind));
    match patient {
        Some(p) => pairs(&agents, &[p]),
        None => Vec::new(),
    }
}

/// 委托 B (运营)管理: B runs the program the sentence is about — the nearest program before the
/// cue (…设立X基金，由A出资，委托B管理) — when a management verb follows B in its clause.
pub(super) fn entrusted(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let Some(agent) = eligible(linked, s, cue.end..clause.end, kind, true).into_iter().next() else {
        return Vec::new();
    };
    let rest = &a.text[agent.end..clause.end];
    if !["管理", "运营", "托管", "管理人"].iter().any(|v| rest.contains(v)) {
        return Vec::new();
    }
    let program = s
        .mentions
        .iter()
        .filter(|m| m.end <= cue.start && linked.entities[m.entity].class == EntityClass::Program)
        .rfind(|m| allowed(linked, m.entity, kind, false))
        .map(|m| m.entity);
    match program {
        Some(p) => vec![(agent.entity, p)],
        None => Vec::new(),
    }
}

/// "此次活动由…实施": the latest program before the sentence whose name ends with the noun
/// written before 由 (活动, 项目, 基金).
pub(super) fn program_named_before(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    you: usize,
    kind: RelationKind,
) -> Option<usize> {
    let lead = &a.text[s.span.start..you];
    let mut noun: Vec<char> = lead.chars().rev().take_while(|c| is_han(*c)).take(2).collect();
    noun.reverse();
    let noun: String = noun.into_iter().collect();
    if noun.chars().count() < 2 {
        return None;
    }
    let before = linked.mentions.partition_point(|m| m.start < s.span.start);
    linked.mentions[..before]
        .iter()
        .rev()
        .take(80)
        .find(|m| {
            let e = &linked.entities[m.entity];
            e.class == EntityClass::Program && e.name.ends_with(noun.as_str()) && allowed(linked, m.entity, kind, false)
        })
        .map(|m| m.entity)
}

pub(super) fn with_obj(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
    topic: Option<usize>,
    signs_for: &dyn Fn(usize) -> Option<usize>,
) -> Vec<(usize, usize)> {
    let clause = partners_listed_with_commas(a, s, clause_range(a, &s.span, cue.start));
    let text = &a.text[clause.start..cue.start];
    let connectives: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '与' | '和' | '同' | '跟'))
        .map(|(i, _)| clause.start + i)
        .filter(|&i| !inside_mention(s, i))
        .collect();
    // 与A、B和C签约: a 和 joining two names of the list after an earlier 与 is list glue
    let joins_names = |i: usize| {
        a.text[i..].starts_with('和')
            && s.mentions.iter().any(|m| m.end == i)
            && s.mentions.iter().any(|m| m.start == i + '和'.len_utf8())
    };
    // the partner follows the connective (与A、B等机构和企业签署: not 和企业)
    let partner_after = |i: usize| !eligible(linked, s, i..cue.start, kind, false).is_empty();
    let Some(&conn) = connectives
        .iter()
        .enumerate()
        .rev()
        .find(|&(k, &i)| (k == 0 || !joins_names(i)) && partner_after(i))
        .map(|(_, i)| i)
    else {
        return Vec::new();
    };
    let mut left = heads_before(a, linked, s, clause.start..conn, kind);
    // 副市长A、B与X签约: officials sign for the place whose government they head
    if left.is_empty() {
        let mut acting: Vec<usize> = heads_before(a, linked, s, clause.start..conn, RelationKind::HoldsPost)
            .into_iter()
            .filter_map(signs_for)
            .collect();
        acting.dedup();
        left = acting;
    }
    // …，并与A签署…: the clause leaves out who signs; the sentence's subject does
    if left.is_empty() && subject_elided(a, clause.start, conn) {
        left.extend(elided_subject(a, linked, s, clause.start, kind, topic));
    }
    // where they sign is no party (A与B在璧山签署…)
    let right: Vec<usize> = eligible(linked, s, conn..cue.start, kind, false)
        .iter()
        .filter(|m| !a.text[..m.start].ends_with(['在', '于']))
        .map(|m| m.entity)
        .collect();
    pairs(&left, &right)
}

/// 分别与A公司,B公司,C集团签订…: partners listed with commas make one clause with the 与 that
/// opens the list. The clause is extended left over segments that are each one name, up to the
/// segment whose name follows a connective.
fn partners_listed_with_commas(a: &Analysis, s: &Sentence, clause: Range<usize>) -> Range<usize> {
    let mut start = clause.start;
    while a.char_before(start) == Some(',') {
        let comma = start - ','.len_utf8();
        let seg = clause_range(a, &s.span, comma);
        let Some(item) = s.mentions.iter().find(|m| m.end == comma && m.start >= seg.start) else {
            break;
        };
        let before = &a.text[seg.start..item.start];
        if before.is_empty() {
            start = seg.start;
            continue;
        }
        if before.ends_with(['与', '和', '同']) {
            return seg.start..clause.end;
        }
        break;
    }
    clause
}

pub(super) fn as_role(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let Some(zuowei) = a.text[s.span.start..cue.start].rfind("作为").map(|i| s.span.start + i) else {
        return Vec::new();
    };
    let tail = eligible(linked, s, zuowei..cue.start, kind, false);
    let head = eligible(linked, s, cue.end..s.span.end, kind, true);
    match (head.first(), tail.last()) {
        (Some(h), Some(t)) => vec![(h.entity, t.entity)],
        _ => Vec::new(),
    }
}

pub(super) fn at_place(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
    topic: Option<usize>,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let text = &a.text[clause.start..cue.start];
    let Some(prep) = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '到' | '在' | '赴'))
        .map(|(i, _)| clause.start + i)
        .rfind(|&i| !inside_mention(s, i))
    else {
        return Vec::new();
    };
    let places: Vec<usize> = eligible(linked, s, prep..cue.start, kind, false)
        .iter()
        .map(|m| m.entity)
        .collect();
    if places.is_empty() {
        return Vec::new();
    }
    let mut heads = heads_before(a, linked, s, clause.start..prep, kind);
    // who is sent (2名科级干部) is not who sends: the sentence's subject sends
    if heads.is_empty() && (subject_elided(a, clause.start, prep) || kind == RelationKind::DispatchedTo) {
        heads.extend(elided_subject(a, linked, s, clause.start, kind, topic));
    }
    pairs(&heads, &places)
}

/// place … 聚集了 X、Y: the place hosts them (X, Y located_in the place).
pub(super) fn host(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let tails: Vec<usize> = eligible(linked, s, cue.end..clause.end, kind, true)
        .iter()
        .map(|m| m.entity)
        .collect();
    let place = eligible(linked, s, s.span.start..cue.start, kind, false)
        .into_iter()
        .find(|m| clause_initial(a, &s.span, m.start))
        .map(|m| m.entity);
    match place {
        Some(p) => tails.into_iter().take(10).map(|t| (t, p)).collect(),
        None => Vec::new(),
    }
}

/// 在 place … 成立/揭牌 X: X is located in the place.
pub(super) fn in_place(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let Some(zai) = a.text[clause.start..cue.start]
        .char_indices()
        .filter(|(_, c)| *c == '在')
        .map(|(i, _)| clause.start + i)
        .rfind(|&i| !inside_mention(s, i))
    else {
        return Vec::new();
    };
    let places: Vec<&LinkedMention> = eligible(linked, s, zai..cue.start, kind, false);
    let Some(place) = places.first() else { return Vec::new() };
    if place.start != zai + '在'.len_utf8() {
        return Vec::new();
    }
    let objects: Vec<usize> = eligible(linked, s, cue.end..clause.end, kind, true)
        .iter()
        .map(|m| m.entity)
        .collect();
    if !objects.is_empty() {
        return objects.into_iter().take(10).map(|o| (o, place.entity)).collect();
    }
    // X 将在 Y 设立…: what X sets up there is unnamed; X itself is there
    heads_before(a, linked, s, clause.start..zai, kind)
        .into_iter()
        .map(|h| (h, place.entity))
        .collect()
}

/// 在 place(期间)，… 调研/考察/参观 A、B: the bodies visited there are located in the place. The
/// place opens the sentence or the clause of the cue (after a date at most); government and party
/// bodies visited are where their own names say.
pub(super) fn visited(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let Some(zai) = a.text[s.span.start..cue.start]
        .char_indices()
        .filter(|(_, c)| *c == '在')
        .map(|(i, _)| s.span.start + i)
        .find(|&i| !inside_mention(s, i))
    else {
        return Vec::new();
    };
    let opening = clause_range(a, &s.span, zai);
    // 在 stands first in its clause (dates aside) and that clause is the sentence's first or the cue's
    if !(opening.start == s.span.start || opening.start == clause.start) || !subject_elided(a, opening.start, zai) {
        return Vec::new();
    }
    let after = zai + '在'.len_utf8();
    let places: Vec<&LinkedMention> = eligible(linked, s, after..opening.end.min(cue.start), kind, false);
    let Some(first) = places.first().filter(|p| p.start == after) else {
        return Vec::new();
    };
    // a run of places written together (X县Y镇): the last is where
    let mut place = first;
    for p in &places[1..] {
        if p.start != place.end {
            break;
        }
        place = p;
    }
    let rest = &a.text[place.end..opening.end];
    if !(rest.is_empty() || matches!(rest, "期间" | "时" | "调研期间" | "考察期间")) {
        return Vec::new();
    }
    eligible(linked, s, cue.end..clause.end, kind, true)
        .into_iter()
        .filter(|m| {
            let e = &linked.entities[m.entity];
            e.class == EntityClass::Organization && !matches!(e.subtype, Subtype::Government | Subtype::Party)
        })
        .take(10)
        .map(|m| (m.entity, place.entity))
        .collect()
}

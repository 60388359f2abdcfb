//! Mentions that refer back to an entity named before: a bare head (科学城, 专家团) to the full
//! name it heads, a demonstrative (该基金, 该区) to the nearest program or place of that kind, a
//! body written with a bare zone head (高新区政务服务中心, 管委会) to that zone's body, a surname
//! with a form of address (张局长) to the page's one full name with that surname.

use super::aliases::rekey;
use super::{Pending, identity};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::index::Pattern;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::text::is_han;
use aho_corasick::AhoCorasick;

/// A surname before a form of address (张局长, 李老师) is the one person of the document with
/// a full name of that surname; with none or several it stays a person of its own.
pub(super) fn addressed_persons(a: &Analysis, pending: &mut [Pending]) {
    let mut joins = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        if p.cand.rule != "surname-address" {
            continue;
        }
        let surname = &a.text[p.cand.start..p.cand.end];
        let mut full: Vec<(&String, &String)> = pending
            .iter()
            .filter(|q| q.cand.class == EntityClass::Person && q.cand.rule != "surname-address")
            .filter(|q| q.name.starts_with(surname) && (2..=4).contains(&q.name.chars().count()))
            .map(|q| (&q.key, &q.name))
            .collect();
        full.sort();
        full.dedup();
        if let [(key, name)] = full[..] {
            joins.push((i, key.clone(), name.clone()));
        }
    }
    rekey(pending, joins);
}

/// Bare heads of zones and bodies (科学城, 高新区, 专家团) refer to the nearest full name before them.
pub(super) fn head_anaphora(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
    let mut heads: Vec<String> = Vec::new();
    heads.extend(res.lex.zone_suffixes.iter().map(|z| z.suffix.clone()));
    heads.extend(
        res.lex
            .org_suffixes
            .iter()
            .filter(|s| s.suffix.chars().count() >= 3 || s.subtype == Subtype::Other)
            .map(|s| s.suffix.clone()),
    );
    heads.retain(|h| h.chars().count() >= 2 && !res.lex.not_entities.contains(h));
    heads.sort();
    heads.dedup();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&heads)
    else {
        return;
    };
    let mut added = Vec::new();
    for m in ac.find_iter(a.text) {
        let (s, e) = (m.start(), m.end());
        if !(a.is_boundary(s) || a.char_before(s).is_none_or(|c| !is_han(c))) {
            continue;
        }
        if !(a.is_boundary(e) || a.char_at(e).is_none_or(|c| !is_han(c))) {
            continue;
        }
        // a bare head: not part of a longer name, not preceded by a name-like word
        if pending.iter().any(|p| p.cand.start < e && s < p.cand.end) {
            continue;
        }
        if a.char_before(s).is_some_and(is_han) && !a.ending_at(s).any(|h| matches!(h.pattern, Pattern::Boundary)) {
            let prev = a.token_at(s - 1).map(|t| t.pos);
            if !matches!(
                prev,
                Some(Pos::Verb | Pos::Preposition | Pos::Conjunction | Pos::Particle | Pos::Adverb)
            ) {
                continue;
            }
        }
        let head = &a.text[s..e];
        let full_names = || {
            pending
                .iter()
                .filter(|p| !p.cand.nested && matches!(p.cand.class, EntityClass::Place | EntityClass::Organization))
                .filter(|p| p.name.ends_with(head) && p.name.chars().count() > head.chars().count())
        };
        let antecedent = full_names().filter(|p| p.cand.end <= s).max_by_key(|p| p.cand.start);
        // no full name before: the one full name written later (a heading or a later paragraph)
        let later = || {
            let mut keys: Vec<&Pending> = full_names().filter(|p| p.cand.start >= e).collect();
            keys.sort_by(|x, y| x.key.cmp(&y.key));
            keys.dedup_by(|x, y| x.key == y.key);
            (keys.len() == 1).then(|| keys[0])
        };
        // a full name written before comes first; then the zone just named in the clause
        // (X建立健全管委会); only then the one full name written later
        if let Some(p) = antecedent {
            added.push(p.referring(s, e, p.cand.class, "head-anaphora"));
        } else if let Some(zone_body) = zone_body(a, res, pending, s, head) {
            added.push(zone_body);
        } else if let Some(p) = later() {
            added.push(p.referring(s, e, p.cand.class, "head-anaphora"));
        }
    }
    pending.extend(added);
}

/// 该基金, 此项目, 这一活动: a program cue after a demonstrative refers to the nearest program
/// before it with that cue, so what the fund does next is recorded on the fund.
pub(super) fn demonstrative_programs(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
    let mut added: Vec<Pending> = Vec::new();
    // the cue words are already in the lexicon automaton's hits
    for h in &a.hits {
        let Pattern::ProgramCue(ci) = h.pattern else { continue };
        let (i, end, cue) = (h.start, h.end, res.lex.program_cues[ci].cue.as_str());
        let Some(det) = ["该", "此", "这一", "这个", "本"]
            .iter()
            .find(|d| a.text[..i].ends_with(**d))
        else {
            continue;
        };
        let det_start = i - det.len();
        if a.char_before(det_start).is_some_and(is_han) && !a.is_boundary(det_start) {
            continue;
        }
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c)))
            || pending
                .iter()
                .chain(&added)
                .any(|p| p.cand.start < end && i < p.cand.end)
        {
            continue;
        }
        let antecedent = pending
            .iter()
            .filter(|p| p.cand.end <= det_start && p.cand.class == EntityClass::Program && !p.cand.nested)
            .filter(|p| p.name.ends_with(cue) && p.name.len() > cue.len())
            .max_by_key(|p| p.cand.start);
        if let Some(p) = antecedent
            && a.char_len(p.cand.end, det_start) < 400
        {
            added.push(p.referring(i, end, EntityClass::Program, "demonstrative-anaphora"));
        }
    }
    pending.extend(added);
}

/// A body written with a bare zone head (高新区政务服务中心) is a body of the zone of that kind the
/// text names — the nearest one before it, or else the only one: 重庆高新区政务服务中心.
pub(super) fn zone_headed_bodies(a: &Analysis, res: &Resources, pending: &mut [Pending]) {
    let mut renames = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        if p.cand.class != EntityClass::Organization || p.cand.nested {
            continue;
        }
        let surface = &a.text[p.cand.start..p.cand.end];
        let Some(head) = res
            .lex
            .zone_suffixes
            .iter()
            .map(|z| z.suffix.as_str())
            .filter(|s| surface.starts_with(s) && surface.len() > s.len())
            .max_by_key(|s| s.len())
        else {
            continue;
        };
        if !p.name.starts_with(head) {
            continue;
        }
        let zones: Vec<&Pending> = pending
            .iter()
            .filter(|z| z.cand.class == EntityClass::Place && z.cand.subtype == Subtype::Zone)
            .filter(|z| z.name.ends_with(head) && z.name.len() > head.len())
            .collect();
        let before = zones
            .iter()
            .filter(|z| z.cand.end <= p.cand.start)
            .max_by_key(|z| z.cand.start);
        let mut names: Vec<&str> = zones.iter().map(|z| z.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let zone = before.map(|z| z.name.as_str()).or((names.len() == 1).then(|| names[0]));
        if let Some(zone) = zone {
            renames.push((i, format!("{zone}{}", &p.name[head.len()..])));
        }
    }
    for (i, name) in renames {
        let cand = pending[i].cand.clone().with_canonical(name);
        let (key, name) = identity(a, res, &cand);
        pending[i] = Pending { cand, key, name };
    }
}

/// 该区, 该县, 该市, 该镇: the nearest place before it whose name ends in that level word is
/// meant, so what the district does next is recorded on the district (该区还创新举办…).
pub(super) fn demonstrative_places(a: &Analysis, pending: &mut Vec<Pending>) {
    let mut added: Vec<Pending> = Vec::new();
    for (i, _) in a.text.match_indices('该') {
        let det_end = i + '该'.len_utf8();
        let Some(level) = a
            .char_at(det_end)
            .filter(|c| matches!(c, '区' | '县' | '市' | '镇' | '乡' | '村'))
        else {
            continue;
        };
        let end = det_end + level.len_utf8();
        // 该区域 is "the area", not "the district"
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c)))
            || pending.iter().any(|p| p.cand.start < end && i < p.cand.end)
        {
            continue;
        }
        let antecedent = pending
            .iter()
            // a place a body's name opens with counts (米脂县委… 该县 → 米脂县)
            .filter(|p| p.cand.end <= i && p.cand.class == EntityClass::Place)
            .filter(|p| p.name.ends_with(level) && a.char_len(p.cand.end, i) < 600)
            .max_by_key(|p| (p.cand.start, !p.cand.nested));
        if let Some(p) = antecedent {
            added.push(p.referring(i, end, EntityClass::Place, "demonstrative-anaphora"));
        }
    }
    pending.extend(added);
}

/// A bare body head that only a zone has (管委会) in a clause that just named a body of a zone
/// (X党工委副书记、管委会常务副主任) is that zone's body: X管委会.
fn zone_body(a: &Analysis, res: &Resources, pending: &[Pending], at: usize, head: &str) -> Option<Pending> {
    let suffix = res
        .lex
        .org_suffixes
        .iter()
        .find(|o| o.suffix == head && o.anchor == crate::extract::lexicon::Anchor::Zone)?;
    let from = a.back_chars(at, 60);
    let zone = pending
        .iter()
        .filter(|p| p.cand.class == EntityClass::Place && p.cand.subtype == Subtype::Zone)
        .filter(|p| p.cand.start >= from && p.cand.end <= at)
        .filter(|p| !a.text[p.cand.end..at].contains(['。', '；', ';', '!', '?', '！', '？']))
        .max_by_key(|p| p.cand.start)?;
    let name = format!("{}{}", zone.name, head);
    let mut cand = Candidate::new(
        at,
        at + head.len(),
        EntityClass::Organization,
        suffix.subtype,
        0.6,
        "zone-body",
    )
    .with_canonical(name.clone());
    cand.place = zone.cand.place;
    let (key, name) = identity(a, res, &cand);
    Some(Pending { cand, key, name })
}

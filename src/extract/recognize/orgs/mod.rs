//! Organizations: a grammar of government bodies, a suffix grammar for named bodies, names
//! anchored by executive titles, and well-known companies.
//!
//! Government bodies are composed: `[place | level word] [委] department` — 涪陵区委组织部 is
//! 涪陵区 + 委 + 组织部, 市国资委 is 市 + 国资委. A bare level word (市, 区) leaves the place to
//! the document context (区委组织部 in a 涪陵 article → 涪陵区委组织部); the body's standard
//! name is expanded (政府 → 人民政府). Other names are found from their suffix
//! (`org_suffixes.tsv`) with the shared left-boundary walk; a name that starts with another
//! recognized body is its sub-unit (市经信委软件处 part_of 市经信委).

//!
//! The suffix grammar lives in `suffix.rs`, companies known by name, brand or title in
//! `companies.rs`, news outlets named by datelines and source lines in `media.rs`, teams named
//! after the body that stations them in `teams.rs`.

mod companies;
mod media;
mod suffix;
mod teams;

use super::Resources;
use super::persons::TitleSpan;
use crate::extract::analysis::Analysis;
use crate::extract::candidate::{Candidate, Completion};
use crate::extract::gazetteer::Level;
use crate::extract::index::{Hit, Pattern};
use crate::extract::lexicon::BodyKind;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;
use companies::{companies, industry_names, photo_credits, subsidiaries, title_anchored};
use media::media_outlets;
use suffix::suffix_names;
pub(super) use suffix::{opening_place, plausible_core};

/// A place or level word a body name starts with.
struct Prefix {
    start: usize,
    /// Canonical place name, when the prefix names a place.
    place_name: Option<String>,
    place: Option<usize>,
    /// Levels the context must supply when the prefix is a bare level word.
    levels: Vec<Level>,
    /// The level word itself (市, 区), kept in canonical names completed from context.
    level_word: String,
}

pub fn recognize(a: &Analysis, res: &Resources, titles: &[TitleSpan], out: &mut Vec<Candidate>) {
    // places and zones found so far: bodies are named after them (宁波高新区工业和信息化局)
    let places: Vec<Candidate> = out.iter().filter(|c| c.class == EntityClass::Place).cloned().collect();
    let mut orgs: Vec<Candidate> = Vec::new();
    gov_bodies(a, res, titles, &places, &mut orgs);
    suffix_names(a, res, titles, &places, &mut orgs);
    companies(a, res, &mut orgs);
    industry_names(a, res, &mut orgs);
    party_committees(a, res, titles, &mut orgs);
    photo_credits(a, &mut orgs);
    media_outlets(a, res, &mut orgs);
    subsidiaries(a, &mut orgs);
    teams::stationed_teams(a, res, &mut orgs);
    title_anchored(a, res, titles, out, &mut orgs);
    out.extend(orgs);
}

pub(super) fn level_of(word: char) -> Option<Vec<Level>> {
    Some(match word {
        '省' => vec![Level::Province],
        '市' => vec![Level::City, Level::Province],
        '州' => vec![Level::City],
        '区' | '县' => vec![Level::County],
        '镇' | '乡' => vec![Level::Township],
        _ => return None,
    })
}

/// The place or level word ending exactly at `end`, longest first.
fn prefix_before(a: &Analysis, res: &Resources, places: &[Candidate], end: usize) -> Option<Prefix> {
    // a zone recognized by its grammar (宁波高新区)
    if let Some(z) = places
        .iter()
        .filter(|c| c.end == end && c.subtype == Subtype::Zone)
        .min_by_key(|c| c.start)
    {
        return Some(Prefix {
            start: z.start,
            place_name: Some(z.canonical.clone().unwrap_or_else(|| a.text[z.start..z.end].to_owned())),
            place: z.place,
            levels: Vec::new(),
            level_word: String::new(),
        });
    }
    let place = a
        .ending_at(end)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, short } => {
                let d = res.gaz.get(index);
                // a township or village name is a prefix only in full
                (!short || d.level <= Level::County).then(|| (h.start, d.name.clone(), Some(index)))
            }
            Pattern::Zone { index, .. } => Some((h.start, res.lex.zones[index].name.clone(), None)),
            Pattern::Region(_) => Some((h.start, a.text[h.start..h.end].to_owned(), None)),
            _ => None,
        })
        .min_by_key(|(s, _, _)| *s);
    if let Some((mut start, name, index)) = place {
        // the places written before it belong to the name too (山西省大同市|浑源县人民政府);
        // the canonical name keeps the nearest one
        while let Some(outer) = a
            .ending_at(start)
            .filter(|h| matches!(h.pattern, Pattern::Division { short: false, .. }))
            .map(|h| h.start)
            .min()
        {
            start = outer;
        }
        return Some(Prefix {
            start,
            place_name: Some(name),
            place: index,
            levels: Vec::new(),
            level_word: String::new(),
        });
    }
    // 自治区党委, 自治州政府: the autonomous region or prefecture of the page
    for (word, level) in [("自治区", Level::Province), ("自治州", Level::City)] {
        if a.text[..end].ends_with(word) && a.is_boundary(end - word.len()) {
            return Some(Prefix {
                start: end - word.len(),
                place_name: None,
                place: None,
                levels: vec![level],
                level_word: word.to_owned(),
            });
        }
    }
    let c = a.char_before(end)?;
    let levels = level_of(c)?;
    let start = end - c.len_utf8();
    // 温县|县|委: a place of one-character stem says its level word again before the body
    if let Some((pstart, name, index)) = a
        .ending_at(start)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, short: false } => Some((h.start, res.gaz.get(index).name.clone(), index)),
            _ => None,
        })
        .find(|(_, name, _)| name.ends_with(c))
    {
        // (丰台区区委 is 丰台区委 written out; only a one-character stem keeps both: 温县县委)
        let doubled = name.chars().count() == 2;
        return Some(Prefix {
            start: pstart,
            place_name: Some(if doubled { format!("{name}{c}") } else { name }),
            place: Some(index),
            levels: Vec::new(),
            level_word: String::new(),
        });
    }
    // a level word stands alone: not the end of another word (城区, 社区, 园区)
    let before = a.char_before(start);
    if before.is_some_and(is_han) && !a.ending_at(start).any(|h| matches!(h.pattern, Pattern::Boundary)) {
        let tok = a.token_at(start);
        if tok.is_some_and(|t| t.start < start) {
            return None;
        }
    }
    Some(Prefix {
        start,
        place_name: None,
        place: None,
        levels,
        level_word: c.to_string(),
    })
}

/// Joins a place's full name with the rest of a body name, not repeating the level word
/// (涪陵区 + 区委 → 涪陵区委 when the text wrote 涪陵区委).
fn with_place(place: &str, rest: &str) -> String {
    format!("{place}{rest}")
}

fn gov_bodies(a: &Analysis, res: &Resources, titles: &[TitleSpan], places: &[Candidate], orgs: &mut Vec<Candidate>) {
    // Longest body at each position, in text order.
    let mut hits: Vec<&Hit> = a
        .hits
        .iter()
        .filter(|h| matches!(h.pattern, Pattern::GovBody(_)))
        .collect();
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    for hit in hits {
        let Pattern::GovBody(bi) = hit.pattern else { continue };
        let body = &res.lex.gov_bodies[bi];
        if a.hits.iter().any(|h| {
            matches!(h.pattern, Pattern::GovBody(_))
                && h.start <= hit.start
                && h.end >= hit.end
                && (h.end - h.start) > (hit.end - hit.start)
        }) {
            continue; // inside a longer body name
        }
        // 党委 in 党委书记 is part of a title, not a body — unless a place or zone is written right
        // before it (中益乡党委书记: the township's committee, and its secretary), or 自治区
        if titles.iter().any(|t| t.start <= hit.start && t.end > hit.end)
            && !(body.kind == BodyKind::Level
                && prefix_before(a, res, places, hit.start)
                    .is_some_and(|p| p.place_name.is_some() || p.level_word.chars().count() > 1))
        {
            continue;
        }
        // a committee directly followed by its department (市委|党校) ends where the department starts
        let body_follows = a.starting_at(hit.end).any(|h| matches!(h.pattern, Pattern::GovBody(_)));
        // a department's head written with its name (组织部长: the 部长 of the 组织部)
        let head_title = body.kind == BodyKind::Party
            && titles
                .iter()
                .any(|t| t.start > hit.start && t.start < hit.end && t.end > hit.end);
        if !ends_word(a, hit.end) && !body_follows && !head_title {
            continue;
        }
        let score = 0.85;
        match body.kind {
            BodyKind::National => {
                // another country's ministry (美国|财政部) is that country's, under its own name;
                // 中国外交部 is the national 外交部
                if let Some(country) = a
                    .ending_at(hit.start)
                    .filter(|h| matches!(h.pattern, Pattern::World(_)))
                    .filter(|h| !matches!(&a.text[h.start..h.end], "中国" | "中华人民共和国" | "我国"))
                    .min_by_key(|h| h.start)
                {
                    orgs.push(Candidate::new(
                        country.start,
                        hit.end,
                        EntityClass::Organization,
                        body.subtype,
                        0.9,
                        "gov-foreign",
                    ));
                    continue;
                }
                let c = Candidate::new(
                    hit.start,
                    hit.end,
                    EntityClass::Organization,
                    body.subtype,
                    0.9,
                    "gov-national",
                )
                .with_canonical(body.canonical.clone());
                orgs.push(c);
            }
            BodyKind::Level | BodyKind::Gov | BodyKind::Mass => {
                // 团市委: the Youth League committee of a place
                if body.kind == BodyKind::Level
                    && body.name == "委"
                    && let Some(c) = youth_league(a, res, hit)
                {
                    orgs.push(c);
                    continue;
                }
                let Some(prefix) = prefix_before(a, res, places, hit.start) else {
                    continue;
                };
                if body.kind == BodyKind::Level
                    && body.name == "委"
                    && prefix.place_name.is_none()
                    && prefix.level_word.is_empty()
                {
                    continue;
                }
                // a place's own committee (区委, 重庆市委) is told apart from its departments
                let rule = if body.kind == BodyKind::Level {
                    "gov-committee"
                } else {
                    "gov-body"
                };
                let mut c = compose(hit, body.canonical.as_str(), body.subtype, prefix, score, rule);
                // 中共 before a committee is part of how it is written (中共|X县委), not of its name
                if body.kind == BodyKind::Level && a.text[..c.start].ends_with("中共") {
                    c.start -= "中共".len();
                }
                orgs.push(c);
            }
            BodyKind::Party => {
                // after a party committee: 涪陵区委组织部, 市委宣传部, 团市委宣传部
                let committee = orgs
                    .iter()
                    .rev()
                    .find(|o| o.end == hit.start && is_committee(a, o))
                    .cloned();
                // or the committee of the post listed just before (X区委常委、组织部部长): the
                // department written bare is that committee's
                // (X市委常委、秘书长、统战部部长: back over the titles listed between)
                let listed = || {
                    let mut at = hit.start;
                    for _ in 0..4 {
                        let title = titles
                            .iter()
                            .find(|t| t.end + '、'.len_utf8() == at && a.text[t.end..at].starts_with('、'))?;
                        if let Some(o) = orgs.iter().rev().find(|o| o.end == title.start && is_committee(a, o)) {
                            return Some(o.clone());
                        }
                        at = title.start;
                    }
                    None
                };
                let (parent, start) = match committee {
                    Some(p) => {
                        let start = p.start;
                        (p, start)
                    }
                    None => match listed() {
                        Some(p) => (p, hit.start),
                        // 重庆组织部 is not written; skip bare departments
                        None => continue,
                    },
                };
                let mut c = Candidate::new(
                    start,
                    hit.end,
                    EntityClass::Organization,
                    body.subtype,
                    score,
                    "gov-party-dept",
                );
                c.canonical = parent.canonical.as_ref().map(|p| format!("{p}{}", body.canonical));
                c.completion = parent.completion.clone().map(|mut k| {
                    k.after.push_str(&body.canonical);
                    k
                });
                c.place = parent.place;
                // a department is part of its committee (涪陵区委组织部 → 涪陵区委, 团市委宣传部 → 团市委)
                c.parent = Some((parent.start, parent.end));
                orgs.push(c);
            }
        }
    }
}

/// An organization's own party committee or branch: 均胜集团有限公司党委, X公司…党支部.
fn party_committees(a: &Analysis, res: &Resources, titles: &[TitleSpan], orgs: &mut Vec<Candidate>) {
    let party_words: Vec<(usize, usize, String)> = a
        .hits
        .iter()
        .filter_map(|h| match h.pattern {
            Pattern::GovBody(i)
                if res.lex.gov_bodies[i].kind == BodyKind::Level && res.lex.gov_bodies[i].subtype == Subtype::Party =>
            {
                Some((h.start, h.end, res.lex.gov_bodies[i].canonical.clone()))
            }
            _ => None,
        })
        .collect();
    let mut added = Vec::new();
    for (start, end, canonical) in party_words {
        if titles.iter().any(|t| t.start <= start && t.end > end) || !ends_word(a, end) {
            continue; // 党委 in 党委书记
        }
        let Some(parent) = orgs
            .iter()
            .filter(|o| o.end == start && !is_committee(a, o) && o.subtype != Subtype::Party)
            .min_by_key(|o| o.start)
        else {
            continue;
        };
        let mut c = Candidate::new(
            parent.start,
            end,
            EntityClass::Organization,
            Subtype::Party,
            0.85,
            "party-committee",
        );
        c.canonical = parent.canonical.as_ref().map(|p| format!("{p}{canonical}"));
        c.completion = parent.completion.clone().map(|mut k| {
            k.after.push_str(&canonical);
            k
        });
        c.place = parent.place;
        c.parent = Some((parent.start, parent.end));
        added.push(c);
    }
    orgs.extend(added);
}

fn is_committee(a: &Analysis, o: &Candidate) -> bool {
    let s = &a.text[o.start..o.end];
    s.ends_with('委') || s.ends_with("党委") || s.ends_with("党工委")
}

fn compose(
    hit: &Hit,
    canonical_body: &str,
    subtype: Subtype,
    prefix: Prefix,
    score: f32,
    rule: &'static str,
) -> Candidate {
    let mut c = Candidate::new(prefix.start, hit.end, EntityClass::Organization, subtype, score, rule);
    c.place = prefix.place;
    match prefix.place_name {
        Some(place) => c.canonical = Some(with_place(&place, canonical_body)),
        None => {
            // a level word of more than one character names the kind of place in full (自治区)
            let ending = (prefix.level_word.chars().count() > 1).then(|| prefix.level_word.clone());
            c.completion = Some(Completion {
                levels: prefix.levels,
                before: String::new(),
                after: canonical_body.to_owned(),
                ending,
            });
            c.canonical = Some(format!("{}{}", prefix.level_word, canonical_body));
        }
    }
    c
}

/// 团市委 / 团区委 → 共青团{place}委.
fn youth_league(a: &Analysis, res: &Resources, hit: &Hit) -> Option<Candidate> {
    let level_char = a.char_before(hit.start)?;
    let levels = level_of(level_char)?;
    let level_start = hit.start - level_char.len_utf8();
    if a.char_before(level_start)? != '团' {
        return None;
    }
    let start = level_start - '团'.len_utf8();
    let _ = res;
    let mut c = Candidate::new(
        start,
        hit.end,
        EntityClass::Organization,
        Subtype::Association,
        0.9,
        "gov-youth-league",
    );
    c.completion = Some(Completion {
        levels,
        before: "共青团".into(),
        after: "委".into(),
        ending: None,
    });
    c.canonical = Some(a.text[start..hit.end].to_owned());
    Some(c)
}

/// Whether a word ends at `b` (or what follows cannot continue the word).
fn ends_word(a: &Analysis, b: usize) -> bool {
    // X部|门 is "X departments", a kind (人社部门, 财政部门), however jieba cut it
    if a.text[..b].ends_with('部') && a.char_at(b) == Some('门') {
        return false;
    }
    a.is_boundary(b)
        || a.char_at(b).is_none_or(|c| !is_han(c))
        || a.starting_at(b).any(|h| {
            matches!(
                h.pattern,
                Pattern::Title(_) | Pattern::TitleModifier(_) | Pattern::PersonCue(_) | Pattern::Boundary
            )
        })
}

/// 区委, 市委, 重庆市委: a place's party committee.
fn is_bare_committee(a: &Analysis, o: &Candidate) -> bool {
    let s = &a.text[o.start..o.end];
    s.ends_with('委') && o.rule == "gov-committee"
}

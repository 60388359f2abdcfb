//! Organizations: a grammar of government bodies, a suffix grammar for named bodies, names
//! anchored by executive titles, and well-known companies.
//!
//! Government bodies are composed: `[place | level word] [委] department` — 涪陵区委组织部 is
//! 涪陵区 + 委 + 组织部, 市国资委 is 市 + 国资委. A bare level word (市, 区) leaves the place to
//! the document context (区委组织部 in a 涪陵 article → 涪陵区委组织部); the body's standard
//! name is expanded (政府 → 人民政府). Other names are found from their suffix
//! (`org_suffixes.tsv`) with the shared left-boundary walk; a name that starts with another
//! recognized body is its sub-unit (市经信委软件处 part_of 市经信委).

use super::Resources;
use super::boundary::{counted, left_edge};
use super::persons::TitleSpan;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::{Candidate, Completion, longest_ending_at};
use crate::extract::gazetteer::Level;
use crate::extract::index::{Hit, Pattern};
use crate::extract::lexicon::{Anchor, BodyKind};
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;

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
    subsidiaries(a, &mut orgs);
    title_anchored(a, res, titles, out, &mut orgs);
    out.extend(orgs);
}

fn level_of(word: char) -> Option<Vec<Level>> {
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
    let c = a.char_before(end)?;
    let levels = level_of(c)?;
    let start = end - c.len_utf8();
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
        // before it (中益乡党委书记: the township's committee, and its secretary)
        if titles.iter().any(|t| t.start <= hit.start && t.end > hit.end)
            && !(body.kind == BodyKind::Level
                && prefix_before(a, res, places, hit.start).is_some_and(|p| p.place_name.is_some()))
        {
            continue;
        }
        // a committee directly followed by its department (市委|党校) ends where the department starts
        let body_follows = a.starting_at(hit.end).any(|h| matches!(h.pattern, Pattern::GovBody(_)));
        if !ends_word(a, hit.end) && !body_follows {
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
                let listed = || {
                    let title = titles
                        .iter()
                        .find(|t| t.end + '、'.len_utf8() == hit.start && a.text[t.end..hit.start].starts_with('、'))?;
                    orgs.iter()
                        .rev()
                        .find(|o| o.end == title.start && is_committee(a, o))
                        .cloned()
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

/// A body named after 旗下 belongs to the one before it (中国科学院旗下国科量子通信网络): the name
/// runs to the next punctuation or predicate and must hold a word jieba does not know, or a proper
/// name, so that generic kinds (旗下企业, 旗下子公司) are left alone.
/// Kind nouns that may describe a subsidiary before its name.
const KIND_NOUNS: &[&str] = &[
    "基地",
    "企业",
    "公司",
    "子公司",
    "品牌",
    "平台",
    "工厂",
    "酒厂",
    "机构",
    "单位",
];

fn subsidiaries(a: &Analysis, orgs: &mut Vec<Candidate>) {
    let mut added = Vec::new();
    for (i, _) in a.text.match_indices("旗下") {
        let mut start = i + "旗下".len();
        if a.text[start..].starts_with('的') {
            start += '的'.len_utf8();
        }
        let mut end = start;
        let mut named = false;
        while let Some(t) = a
            .token_at(end)
            .filter(|t| t.start == end && a.all_han(t.start, t.end))
            .copied()
        {
            let predicate = matches!(
                t.pos,
                Pos::Verb | Pos::Adverb | Pos::Preposition | Pos::Conjunction | Pos::Particle
            ) || a.has_starting(t.start, |p| {
                matches!(p, Pattern::Boundary | Pattern::RelationCue(_) | Pattern::PersonCue(_))
            });
            if predicate || a.char_len(start, t.end) > 12 {
                break;
            }
            named |= matches!(t.pos, Pos::Unknown | Pos::ProperNoun | Pos::OrgName);
            end = t.end;
        }
        // a kind noun describing the name comes first (旗下酿造基地江记酒庄): the name follows it
        let mut p = start;
        while let Some(t) = a.token_at(p).filter(|t| t.start == p && t.end < end).copied() {
            if KIND_NOUNS.contains(&&a.text[t.start..t.end]) {
                start = t.end;
            }
            p = t.end;
        }
        let n = a.char_len(start, end);
        let at_break = a.char_at(end).is_none_or(|c| !is_han(c)) || a.is_boundary(end);
        if !(3..=12).contains(&n) || !named || !at_break {
            continue;
        }
        let owner = orgs.iter().filter(|o| o.end == i).min_by_key(|o| o.start).cloned();
        let mut c = Candidate::new(
            start,
            end,
            EntityClass::Organization,
            Subtype::Company,
            0.7,
            "subsidiary",
        );
        if let Some(o) = owner {
            c.parent = Some((o.start, o.end));
            c.subtype = if o.subtype == Subtype::Company {
                Subtype::Company
            } else {
                Subtype::Other
            };
        }
        added.push(c);
    }
    orgs.extend(added);
}

/// Photo credits name their agency: 记者 罗斌 摄/视觉重庆.
fn photo_credits(a: &Analysis, orgs: &mut Vec<Candidate>) {
    for (i, _) in a.text.match_indices("摄/") {
        let start = i + "摄/".len();
        let len: usize = a.text[start..]
            .chars()
            .take_while(|c| is_han(*c))
            .take(8)
            .map(char::len_utf8)
            .sum();
        if (2..=8 * 3).contains(&len) && a.char_len(start, start + len) >= 2 {
            orgs.push(Candidate::new(
                start,
                start + len,
                EntityClass::Organization,
                Subtype::Media,
                0.8,
                "photo-credit",
            ));
        }
    }
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
            c.completion = Some(Completion {
                levels: prefix.levels,
                before: String::new(),
                after: canonical_body.to_owned(),
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
    });
    c.canonical = Some(a.text[start..hit.end].to_owned());
    Some(c)
}

/// Whether a word ends at `b` (or what follows cannot continue the word).
/// Kind words that describe a company before its name (区属国有企业|重庆綦发实业集团有限公司).
const DESCRIPTOR_KINDS: &[&str] = &["企业", "国企", "公司", "集团", "单位", "平台", "龙头"];

/// Where a name starts when a description of its kind comes first: at the place that starts the
/// legal name after a kind word (綦江区属国有企业|重庆…有限公司, 链主企业|四川…公司).
fn after_descriptor(a: &Analysis, start: usize, suffix_start: usize) -> usize {
    let mut pos = start;
    while pos < suffix_start {
        let Some(t) = a.token_at(pos).filter(|t| t.start == pos).copied() else {
            break;
        };
        let word = &a.text[t.start..t.end];
        if t.end < suffix_start
            && DESCRIPTOR_KINDS.iter().any(|k| word.ends_with(k))
            && a.has_starting(t.end, |p| matches!(p, Pattern::Division { .. } | Pattern::Zone { .. }))
        {
            return t.end;
        }
        pos = t.end;
    }
    start
}

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

fn suffix_names(a: &Analysis, res: &Resources, titles: &[TitleSpan], places: &[Candidate], orgs: &mut Vec<Candidate>) {
    // longest suffix ending at each position
    let mut by_end: std::collections::BTreeMap<usize, &Hit> = std::collections::BTreeMap::new();
    for h in &a.hits {
        if let Pattern::OrgSuffix(_) = h.pattern {
            let e = by_end.entry(h.end).or_insert(h);
            if h.start < e.start {
                *e = h;
            }
        }
    }
    for (_, hit) in by_end {
        let Pattern::OrgSuffix(si) = hit.pattern else { continue };
        let suffix = &res.lex.org_suffixes[si];
        if !ends_word(a, hit.end) {
            continue;
        }
        // a one-character suffix that merely ends a word (部 in 干部, 局 in 布局) is no suffix
        if a.char_len(hit.start, hit.end) == 1
            && a.token_at(hit.start).is_some_and(|t| {
                t.start < hit.start && !matches!(t.pos, Pos::OrgName | Pos::Unknown | Pos::ProperNoun | Pos::PlaceName)
            })
        {
            continue;
        }
        // a suffix that starts a title is part of the title (院 in 院长, 党委 in 党委书记)
        if titles.iter().any(|t| t.start <= hit.start && t.end > hit.end) {
            continue;
        }
        // the end of a government body already recognized
        if orgs.iter().any(|o| o.end == hit.end && o.start <= hit.start) {
            continue;
        }
        let known = |b: usize| -> Option<usize> {
            orgs.iter()
                .filter(|o| o.end == b)
                .map(|o| o.start)
                .min()
                .or_else(|| {
                    places
                        .iter()
                        .filter(|p| p.end == b && p.subtype == Subtype::Zone)
                        .map(|p| p.start)
                        .min()
                })
                .or_else(|| {
                    a.ending_at(b)
                        .filter(|h| match h.pattern {
                            Pattern::Division { short: false, .. } | Pattern::Zone { .. } | Pattern::Company { .. } => {
                                true
                            }
                            // a short place whose full name the text writes too (大同 with 大同市),
                            // whatever jieba made of it (继|大同 as an adverb)
                            Pattern::Division { short: true, index } => a.hits.iter().any(
                                |f| matches!(f.pattern, Pattern::Division { short: false, index: i } if i == index),
                            ),
                            _ => false,
                        })
                        .map(|h| h.start)
                        .min()
                })
        };
        let mut start = after_descriptor(a, left_edge(a, hit.start, 24, &known), hit.start);
        // a quoted name is whole between its quotes, whatever words it holds (“银发讲师团”)
        let closes_quote = a.char_at(hit.end) == Some('”') && a.char_len(hit.start, hit.end) >= 2;
        if closes_quote {
            let from = a.back_chars(hit.start, 10);
            if let Some(q) = a.text[from..hit.start].rfind('“') {
                let open = from + q + '“'.len_utf8();
                if open < start && a.all_han(open, hit.start) {
                    start = open;
                }
            }
        }
        let core_chars = a.char_len(start, hit.start);
        if core_chars < suffix.min_core {
            continue;
        }
        let name = &a.text[start..hit.end];
        if res.lex.not_entities.contains(name) || res.lex.not_entities.contains(&a.text[start..hit.start]) {
            continue;
        }
        let parent = orgs
            .iter()
            .filter(|o| o.start == start && o.end <= hit.start && o.end > o.start)
            .max_by_key(|o| o.end)
            .cloned();
        let place = a
            .starting_at(start)
            .filter_map(|h| match h.pattern {
                Pattern::Division { index, .. } if h.end <= hit.start => Some(index),
                _ => None,
            })
            .min_by_key(|&i| res.gaz.get(i).level)
            .map(|p| deepest_place(a, res, start, p, hit.start));
        let level_word_start = level_of(a.char_at(start).unwrap_or(' ')).is_some()
            && a.token_at(start)
                .is_some_and(|t| t.end == start + a.char_at(start).map_or(1, char::len_utf8))
            && a.char_len(start, hit.start) <= 4;
        let starts_with_place = place.is_some()
            || places
                .iter()
                .any(|p| p.start == start && p.subtype == Subtype::Zone && p.end <= hit.start)
            // a country or world city (中国队, 美国国会)
            || a.has_starting(start, |p| matches!(p, Pattern::Zone { .. } | Pattern::Region(_) | Pattern::World(_)))
            || level_word_start;
        // a body to be built or made (建设|区域冷链物流中心, 打造|国家重要现代服务业中心) is a goal,
        // not a body, unless it is a place's
        let goal = res.lex.ends_with_program_verb(&a.text[..start])
            || (a
                .token_at(start)
                .is_some_and(|t| matches!(t.pos, Pos::Verb | Pos::VerbNoun))
                && res.lex.program_verbs.iter().any(|v| name.starts_with(v.as_str())));
        if suffix.subtype != Subtype::Company && parent.is_none() && place.is_none() && goal {
            continue;
        }
        // a long descriptive name is specific enough without a place (…党组织第一书记管理办公室),
        // and so is a quoted one (“银发讲师团”)
        let quoted = closes_quote && a.char_before(start) == Some('“');
        let long_core = a.char_len(start, hit.start) >= 8 || quoted;
        if matches!(suffix.anchor, Anchor::Prefix | Anchor::Zone)
            && parent.is_none()
            && !starts_with_place
            && !long_core
        {
            continue;
        }
        if !plausible_core(a, res, start, hit.start) {
            continue;
        }
        // a country and a kind (美国公司, 中国大学) are companies or universities of that country
        if matches!(suffix.subtype, Subtype::Company | Subtype::Education)
            && a.starting_at(start)
                .any(|h| h.end == hit.start && matches!(h.pattern, Pattern::World(_)))
        {
            continue;
        }
        // a long suffix names a specific kind of body by itself: its core only says which one
        // (丝绸|产业链党委, the committee of the silk industry chain)
        let long_suffix = a.char_len(hit.start, hit.end) >= 5 && suffix.subtype != Subtype::Company;
        if parent.is_none() && !starts_with_place && !long_suffix && !quoted && !specific_core(a, start, hit.start) {
            continue;
        }
        // a counted body without a place is a kind (等12个|产业技术研究院, 3家|科技公司)
        if parent.is_none() && !starts_with_place && counted(a, start) {
            continue;
        }
        let mut score: f32 = 0.7;
        if starts_with_place || parent.is_some() {
            score += 0.1;
        }
        if a.char_len(hit.start, hit.end) >= 3 {
            score += 0.05;
        }
        let mut c = Candidate::new(
            start,
            hit.end,
            EntityClass::Organization,
            suffix.subtype,
            score,
            "org-suffix",
        );
        c.place = place;
        if let Some(p) = parent {
            let rest = &a.text[p.end..hit.end];
            c.canonical = p.canonical.as_ref().map(|pc| format!("{pc}{rest}"));
            c.completion = p.completion.clone().map(|mut k| {
                k.after.push_str(rest);
                k
            });
            c.place = p.place.or(place);
            // a body's own sub-unit; a level committee is not a separate parent entity
            if !is_bare_committee(a, &p) {
                c.parent = Some((p.start, p.end));
            }
            if c.subtype == Subtype::Other {
                c.subtype = p.subtype;
            }
        }
        orgs.push(c);
    }
}

/// 区委, 市委, 重庆市委: a place's party committee.
fn is_bare_committee(a: &Analysis, o: &Candidate) -> bool {
    let s = &a.text[o.start..o.end];
    s.ends_with('委') && o.rule == "gov-committee"
}

/// The part before a suffix must hold something name-like, not only generic words.
fn plausible_core(a: &Analysis, res: &Resources, start: usize, end: usize) -> bool {
    if start >= end {
        return false;
    }
    let core = &a.text[start..end];
    if core
        .chars()
        .any(|c| matches!(c, ',' | '。' | '、' | ';' | ':' | '“' | '”'))
    {
        return false;
    }
    // generic heads: 该, 各, 相关, 有关 …
    if res.lex.not_entities.contains(core) {
        return false;
    }
    let first = a.token_at(start).map(|t| t.pos);
    !matches!(first, Some(Pos::Numeral | Pos::Measure | Pos::Pronoun))
}

/// A name without a place or body at its start needs something specific in it: a word jieba
/// does not know, a proper noun, a place, or enough words to be a name (科技创新机构联合党委)
/// rather than a kind (公立医院, 行业协会, 创业公司).
fn specific_core(a: &Analysis, start: usize, end: usize) -> bool {
    let first = a.token_index(start);
    let last = a.token_index(end.saturating_sub(1));
    let tokens = &a.tokens[first.min(a.tokens.len())..(last + 1).min(a.tokens.len())];
    let informative = tokens.iter().any(|t| {
        matches!(
            t.pos,
            Pos::Unknown | Pos::ProperNoun | Pos::PersonName | Pos::PlaceName | Pos::OrgName | Pos::Latin
        ) && t.end <= end
            && a.char_len(t.start.max(start), t.end) >= 2
    });
    // a long organization name jieba knows as one word (西南政法大学) is specific; short ones are kinds
    let known_name = tokens.len() == 1
        && tokens[0].pos == Pos::OrgName
        && tokens[0].start <= start
        && a.char_len(tokens[0].start, tokens[0].end) >= 5;
    // a word jieba did not know, cut into single characters (均|胜)
    let cut_word = tokens.len() >= 2 && tokens.iter().all(|t| a.char_len(t.start, t.end) == 1 && t.end <= end);
    informative || known_name || cut_word || (a.char_len(start, end) >= 4 && tokens.len() >= 2)
}

fn companies(a: &Analysis, res: &Resources, orgs: &mut Vec<Candidate>) {
    for h in &a.hits {
        let Pattern::Company { index, short } = h.pattern else {
            continue;
        };
        if !(a.is_boundary(h.start) && ends_word(a, h.end)) {
            continue;
        }
        // a short form after a Latin letter is part of a product's name (e国网)
        if short && a.char_before(h.start).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let company = &res.lex.companies[index];
        let score = if short { 0.75 } else { 0.85 };
        let rule = if short {
            "company-lexicon-short"
        } else {
            "company-lexicon"
        };
        // a place written right before the company's name is part of the name it is written with
        // (重庆|三峡银行), not a party of its own
        let start = a
            .ending_at(h.start)
            .filter(|p| matches!(p.pattern, Pattern::Division { .. }) && a.is_boundary(p.start))
            .map(|p| p.start)
            .min()
            .unwrap_or(h.start);
        let mut c = Candidate::new(start, h.end, EntityClass::Organization, Subtype::Company, score, rule);
        if short || start < h.start {
            c.canonical = Some(company.name.clone());
        }
        orgs.push(c);
    }
}

/// A company written as its brand and trade (长安科技, 长线智能, 天原化工): a proper name, a place
/// name or an unknown word followed by an industry word (`industry_words.tsv`), standing alone
/// between separators. The place in such a brand (长安) is not where the company is.
fn industry_names(a: &Analysis, res: &Resources, orgs: &mut Vec<Candidate>) {
    let mut added = Vec::new();
    for h in a.hits.iter().filter(|h| matches!(h.pattern, Pattern::IndustryWord)) {
        let Some(brand) = a
            .token_at(h.start.wrapping_sub(1))
            .filter(|t| h.start > 0 && t.end == h.start)
        else {
            continue;
        };
        // a place word is a brand only as a county's or township's name (长安), not as a province
        // (四川新材料) or a common place word (城市建设)
        let local_place = a.starting_at(brand.start).any(|x| match x.pattern {
            Pattern::Division { index, .. } => x.end == brand.end && res.gaz.get(index).level == Level::County,
            _ => false,
        });
        let brand_like = (matches!(brand.pos, Pos::Unknown | Pos::ProperNoun | Pos::PersonName) || local_place)
            && (2..=3).contains(&a.char_len(brand.start, brand.end))
            && a.all_han(brand.start, brand.end);
        let starts = a.char_before(brand.start).is_none_or(|c| !is_han(c))
            || a.ending_at(brand.start)
                .any(|x| matches!(x.pattern, Pattern::Boundary | Pattern::RelationCue(_)));
        let ends = a.char_at(h.end).is_none_or(|c| !is_han(c))
            || ["及", "和", "与", "等"].iter().any(|w| a.text[h.end..].starts_with(w))
            || a.starting_at(h.end).any(|x| matches!(x.pattern, Pattern::Boundary));
        if !(brand_like && starts && ends && a.is_boundary(h.end))
            || orgs.iter().any(|o| o.start <= brand.start && o.end >= h.end)
        {
            continue;
        }
        added.push(Candidate::new(
            brand.start,
            h.end,
            EntityClass::Organization,
            Subtype::Company,
            0.6,
            "industry-name",
        ));
    }
    orgs.extend(added);
}

/// An executive title names the company before it: 云栖拓联合创始人李博 → 云栖拓.
fn title_anchored(
    a: &Analysis,
    res: &Resources,
    titles: &[TitleSpan],
    persons: &[Candidate],
    orgs: &mut Vec<Candidate>,
) {
    for t in titles {
        if t.subtype != Subtype::Executive {
            continue;
        }
        let followed_by_person = persons
            .iter()
            .any(|p| p.class == EntityClass::Person && p.start == t.end);
        if !followed_by_person || orgs.iter().any(|o| o.end == t.start) {
            continue;
        }
        let known = |b: usize| longest_ending_at(orgs, b);
        let start = left_edge(a, t.start, 10, &known);
        let n = a.char_len(start, t.start);
        if !(2..=10).contains(&n) || !plausible_core(a, res, start, t.start) {
            continue;
        }
        // a place before the title is a regional post, not a company (奇安信集团重庆总经理)
        if a.ending_at(t.start)
            .any(|h| h.start == start && matches!(h.pattern, Pattern::Division { .. }))
        {
            continue;
        }
        let has_name_word = a.tokens[a.token_index(start)..a.token_index(t.start).max(a.token_index(start))]
            .iter()
            .any(|tok| matches!(tok.pos, Pos::Unknown | Pos::ProperNoun | Pos::OrgName | Pos::Latin));
        if !has_name_word {
            continue;
        }
        orgs.push(Candidate::new(
            start,
            t.start,
            EntityClass::Organization,
            Subtype::Company,
            0.6,
            "title-anchored-org",
        ));
    }
}

/// The innermost of the places a name opens with, each inside the one before
/// (杭州市|钱塘区|…产业链党委 is in 钱塘区).
fn deepest_place(a: &Analysis, res: &Resources, start: usize, first: usize, limit: usize) -> usize {
    let mut place = first;
    let mut end = a
        .starting_at(start)
        .filter(|h| matches!(h.pattern, Pattern::Division { index, .. } if index == first))
        .map(|h| h.end)
        .max()
        .unwrap_or(start);
    loop {
        let next = a
            .starting_at(end)
            .filter_map(|h| match h.pattern {
                Pattern::Division { index, short: false } if h.end <= limit && res.gaz.contains(place, index) => {
                    Some((index, h.end))
                }
                _ => None,
            })
            .max_by_key(|&(_, e)| e);
        match next {
            Some((index, e)) if index != place => {
                place = index;
                end = e;
            }
            _ => return place,
        }
    }
}

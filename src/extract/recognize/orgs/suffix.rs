//! The suffix grammar: a name is `[place | body] core suffix` (`org_suffixes.tsv`), its start
//! found by the shared left-boundary walk; a name that starts with a recognized body is that
//! body's sub-unit, and one without a place must have a specific core.

use super::{ends_word, is_bare_committee, level_of};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::index::{Hit, Pattern};
use crate::extract::lexicon::{Anchor, BodyKind};
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::extract::recognize::boundary::{counted, left_edge, legal_name_edge};
use crate::extract::recognize::persons::TitleSpan;

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
        // a brand before the kind word makes it a name of its own (陕煤|集团|榆林化学有限责任公司)
        let branded = t.pos == Pos::OrgName
            || (t.start > start && (word == "集团" || word == "公司"))
            || (t.start > start
                && a.token_at(t.start - 1)
                    .is_some_and(|p| matches!(p.pos, Pos::Unknown | Pos::ProperNoun | Pos::OrgName)));
        if t.end < suffix_start
            && !branded
            && DESCRIPTOR_KINDS.iter().any(|k| word.ends_with(k))
            && a.has_starting(t.end, |p| matches!(p, Pattern::Division { .. } | Pattern::Zone { .. }))
        {
            return t.end;
        }
        pos = t.end;
    }
    start
}

pub(super) fn suffix_names(
    a: &Analysis,
    res: &Resources,
    titles: &[TitleSpan],
    places: &[Candidate],
    orgs: &mut Vec<Candidate>,
) {
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
        // a registered name (…有限公司) has its own grammar: brand words jieba reads as verbs or
        // numerals stay in it
        let edge = if suffix.subtype == Subtype::Company && suffix.suffix.contains("有限") {
            legal_name_edge(a, hit.start, 24, &known)
        } else {
            left_edge(a, hit.start, 24, &known)
        };
        let mut start = after_descriptor(a, edge, hit.start);
        // a body jieba knows whole (浙江大学) is not extended left by a word that is no place, level
        // word or body (关心|浙江大学, whatever part of speech jieba gave 关心; but 镇|发展改革和|统计局)
        if let Some(t) = a
            .token_at(hit.end - 1)
            .filter(|t| t.end == hit.end && t.start > start && t.start <= hit.start && t.pos == Pos::OrgName)
            && !a.has_starting(start, |p| {
                matches!(
                    p,
                    Pattern::Division { .. } | Pattern::Zone { .. } | Pattern::Region(_) | Pattern::World(_)
                )
            })
            && level_of(a.char_at(start).unwrap_or(' ')).is_none()
            && known(t.start).is_none()
        {
            start = t.start;
        }
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
        // a place's committee followed by its government (镇党委|政府) names two bodies: the
        // government is no sub-unit of the committee
        let two_bodies = parent
            .as_ref()
            .is_some_and(|p| is_bare_committee(a, p) && p.end == hit.start)
            && a.hits.iter().any(|h| {
                h.start == hit.start
                    && h.end == hit.end
                    && matches!(h.pattern, Pattern::GovBody(i) if res.lex.gov_bodies[i].kind == BodyKind::Level)
            });
        if two_bodies {
            continue;
        }
        let place = opening_place(a, res, start, hit.start);
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
        // (a body after a signing verb is a party to it: 签约|X中心)
        let signed = res
            .lex
            .signing_verbs
            .iter()
            .any(|v| a.text[..start].ends_with(v.as_str()));
        let goal = (res.lex.ends_with_program_verb(&a.text[..start]) && !signed)
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

/// The part before a suffix must hold something name-like, not only generic words.
pub(in crate::extract::recognize) fn plausible_core(a: &Analysis, res: &Resources, start: usize, end: usize) -> bool {
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

/// The place a name starting at `start` is named after: the innermost of the divisions it opens
/// with that end by `limit` (杭州市钱塘区X产业链党委 → 钱塘区).
pub(crate) fn opening_place(a: &Analysis, res: &Resources, start: usize, limit: usize) -> Option<usize> {
    a.starting_at(start)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, .. } if h.end <= limit => Some(index),
            _ => None,
        })
        .min_by_key(|&i| res.gaz.get(i).level)
        .map(|p| deepest_place(a, res, start, p, limit))
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

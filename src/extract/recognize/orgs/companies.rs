//! Companies named without a legal-form suffix: well-known companies (`companies.tsv`), brands
//! followed by an industry word, subsidiaries after 旗下, names anchored by an executive title,
//! and the agencies of photo credits.

use super::ends_word;
use super::suffix::plausible_core;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::{Candidate, longest_ending_at};
use crate::extract::gazetteer::Level;
use crate::extract::index::Pattern;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::extract::recognize::boundary::left_edge;
use crate::extract::recognize::persons::TitleSpan;
use crate::text::is_han;

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

/// A body named after 旗下 belongs to the one before it (中国科学院旗下国科量子通信网络): the name
/// runs to the next punctuation or predicate and must hold a word jieba does not know, or a proper
/// name, so that generic kinds (旗下企业, 旗下子公司) are left alone.
pub(super) fn subsidiaries(a: &Analysis, orgs: &mut Vec<Candidate>) {
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
pub(super) fn photo_credits(a: &Analysis, orgs: &mut Vec<Candidate>) {
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
pub(super) fn companies(a: &Analysis, res: &Resources, orgs: &mut Vec<Candidate>) {
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
pub(super) fn industry_names(a: &Analysis, res: &Resources, orgs: &mut Vec<Candidate>) {
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
        // a field of activity after a name is that place's or party's field (五常发展, 合作发展)
        let field = res.lex.industry_fields.contains(&a.text[h.start..h.end]);
        if !(brand_like && starts && ends && a.is_boundary(h.end))
            || field
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
pub(super) fn title_anchored(
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

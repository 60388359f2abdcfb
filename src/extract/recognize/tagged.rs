//! Places and organizations the learned tagger reads where the rules found nothing of the kind.
//!
//! The tagger (`tagger/`) proposes spans; what it cannot know, the tables decide: an organization
//! takes its subtype from the suffix it ends with (`org_suffixes.tsv`: 公司 Company, 大学
//! Education) or from the government bodies it ends in; a place from the zone suffixes or its
//! administrative ending (`place_endings.tsv`: 镇 Township), and a span that ends like a river,
//! mountain, road or building (`place_endings.tsv` `none`, `facility_words.tsv`) is no place by the
//! guidelines. A span the gazetteer or a lexicon already names exactly is left to the recognizer
//! that knows it (it may have declined it for a reason: an ambiguous short form, a dictionary word).
//! Tagged candidates weigh less than rule candidates of the same length, so a rule's reading wins
//! where both read something.

use super::Resources;
use super::orgs::{level_of, opening_place, plausible_core};
use super::persons::TitleSpan;
use super::tagger::{ReadSpan, Reading};
use crate::extract::analysis::Analysis;
use crate::extract::candidate::{Candidate, Completion};
use crate::extract::index::Pattern;
use crate::extract::lexicon::Lexicons;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;

/// Confidence of a tagged span: from `TAGGED_SCORE` at the smallest margin, rising with the
/// confidence to `SURE_SCORE`, which a span read with great confidence reaches (and then outweighs
/// the rule candidates inside it: 石城地区人民医院 over 石城地区 + 人民医院).
const TAGGED_SCORE: f32 = 0.4;
const SURE_SCORE: f32 = 1.0;
/// The confidence at which a span reaches `SURE_SCORE`.
const SURE_CONFIDENCE: f32 = 600.0;

fn score(confidence: f32) -> f32 {
    (TAGGED_SCORE + (SURE_SCORE - TAGGED_SCORE) * confidence / SURE_CONFIDENCE).clamp(TAGGED_SCORE, SURE_SCORE)
}
/// The smallest confidence (path score over reading the span as outside) to propose a span.
const MIN_CONFIDENCE: f32 = 100.0;

pub fn recognize(a: &Analysis, res: &Resources, reading: &Reading, titles: &[TitleSpan], out: &mut Vec<Candidate>) {
    let tags = res.tagger.tags();
    let (Some(loc), Some(org)) = (tags.class_index("LOC"), tags.class_index("ORG")) else {
        return;
    };
    let mut found = Vec::new();
    for span in &reading.spans {
        if span.confidence < MIN_CONFIDENCE || a.char_len(span.start, span.end) < 2 {
            continue;
        }
        let text = &a.text[span.start..span.end];
        if !text.chars().all(is_han) || res.lex.not_entities.contains(text) {
            continue;
        }
        let candidate = if span.class == org {
            if let Some([country, company]) = foreign_company(a, res, span, out) {
                found.push(country);
                Some(company)
            } else {
                organization(a, res, &with_sender(a, out, &with_whole_suffix(a, span)), titles, out)
            }
        } else if span.class == loc {
            place(a, res, span, out)
        } else {
            None
        };
        found.extend(candidate);
    }
    out.extend(found);
}

/// A span the tagger ends inside a body's suffix (…陶瓷工业协|会, …监督管理|局) runs to the
/// suffix's end.
fn with_whole_suffix(a: &Analysis, span: &ReadSpan) -> ReadSpan {
    let from = a.back_chars(span.end, 4).max(a.forward_chars(span.start, 1));
    let end = a.text[from..span.end]
        .char_indices()
        .flat_map(|(i, _)| a.starting_at(from + i))
        .filter(|h| h.end > span.end && matches!(h.pattern, Pattern::OrgSuffix(_) | Pattern::GovBody(_)))
        .map(|h| h.end)
        .max()
        .unwrap_or(span.end);
    ReadSpan { end, ..span.clone() }
}

/// A body the tagger reads from after 驻 (X驻|Y村帮扶工作队) is named with the body that stations
/// it, when a rule found that body right before 驻.
fn with_sender(a: &Analysis, out: &[Candidate], span: &ReadSpan) -> ReadSpan {
    let Some(zhu) = a.text[..span.start].strip_suffix('驻').map(str::len) else {
        return span.clone();
    };
    let sender = out
        .iter()
        .filter(|c| c.class == EntityClass::Organization && c.end == zhu)
        .map(|c| c.start)
        .min();
    match sender {
        Some(start) => ReadSpan { start, ..span.clone() },
        None => span.clone(),
    }
}

/// A country written before a company's bare name (德国西门子, 韩国大宇) says where the company is
/// from; it is no part of the name. The span splits into the country and a company of two to four
/// characters when no suffix, title or lexicon name ends the span (美国国会, 日本首相 stay whole).
fn foreign_company(a: &Analysis, res: &Resources, span: &ReadSpan, out: &[Candidate]) -> Option<[Candidate; 2]> {
    let country = a.starting_at(span.start).find(|h| {
        matches!(h.pattern, Pattern::World(i) if res.lex.world[i].1 == Subtype::Country) && h.end < span.end
    })?;
    let rest = a.char_len(country.end, span.end);
    // a name ending like a body of some kind (中国足协, 韩国女队, 印度外交部: the last character of
    // a suffix in `org_suffixes.tsv`) is that country's body, and 中国X is a national name
    let last = a.text[..span.end].chars().next_back();
    let body_like = res
        .lex
        .org_suffixes
        .iter()
        .any(|o| o.suffix.chars().next_back() == last);
    if body_like || &a.text[span.start..country.end] == "中国" {
        return None;
    }
    let suffixed = a.ending_at(span.end).any(|h| {
        h.start >= span.start
            && matches!(
                h.pattern,
                Pattern::OrgSuffix(_)
                    | Pattern::GovBody(_)
                    | Pattern::Title(_)
                    | Pattern::ProgramCue(_)
                    | Pattern::Program(_)
            )
    });
    if !(2..=4).contains(&rest) || suffixed || known(out, span, EntityClass::Organization) {
        return None;
    }
    let score = score(span.confidence);
    Some([
        Candidate::new(
            span.start,
            country.end,
            EntityClass::Place,
            Subtype::Country,
            score,
            "tagged-place",
        ),
        Candidate::new(
            country.end,
            span.end,
            EntityClass::Organization,
            Subtype::Company,
            score,
            "tagged-org",
        ),
    ])
}

/// Whether a candidate of `class` already covers exactly this span.
fn known(out: &[Candidate], span: &ReadSpan, class: EntityClass) -> bool {
    out.iter()
        .any(|c| c.start == span.start && c.end == span.end && c.class == class)
}

fn organization(
    a: &Analysis,
    res: &Resources,
    span: &ReadSpan,
    titles: &[TitleSpan],
    out: &[Candidate],
) -> Option<Candidate> {
    if known(out, span, EntityClass::Organization) {
        return None;
    }
    let text = &a.text[span.start..span.end];
    // two names coordinated are not one (白云县与青山大学)
    if text.contains(['与', '、', '及']) {
        return None;
    }
    // the suffix a name ends with gives its kind; the longest one ending there decides
    let mut subtype = None;
    let mut longest = span.end;
    for h in a.ending_at(span.end) {
        if h.start < span.start || h.start >= longest {
            continue;
        }
        let kind = match h.pattern {
            Pattern::OrgSuffix(i) => Some(res.lex.org_suffixes[i].subtype),
            Pattern::GovBody(_) => Some(Subtype::Government),
            Pattern::Company { .. } => Some(Subtype::Company),
            // a name ending in a title is a post (某市委常委), one ending in a program word
            // is a program (…产业发展基金: the program recognizer's)
            Pattern::Title(_) | Pattern::ProgramCue(_) | Pattern::Program(_) => None,
            _ => continue,
        };
        longest = h.start;
        subtype = kind;
    }
    if subtype.is_none() && longest < span.end {
        return None;
    }
    // an address down to a villagers' group (X县Y乡Z村W组) is no body
    if subtype.is_none() && text.ends_with('组') {
        let mut at = span.start;
        while let Some(e) = a
            .starting_at(at)
            .filter(|h| matches!(h.pattern, Pattern::Division { .. }) && h.end < span.end)
            .map(|h| h.end)
            .max()
        {
            at = e;
        }
        if at > span.start && a.text[..at].ends_with(['村', '社']) {
            return None;
        }
    }
    // a title the span cuts through is read as the post it is (青山师范大学|党委书记)
    if titles
        .iter()
        .any(|t| t.start >= span.start && t.start < span.end && t.end > span.end)
    {
        return None;
    }
    // a name the lexicons know in full as a title or place is no body (书记, 重庆市)
    if a.starting_at(span.start).any(|h| {
        h.end == span.end
            && matches!(
                h.pattern,
                Pattern::Title(_) | Pattern::Division { .. } | Pattern::World(_) | Pattern::Region(_)
            )
    }) {
        return None;
    }
    // where a rule read the same name with a later left edge, the tagger's longer reading stands
    // only if what it adds is the place the body is named after (石城地区 + 人民医院)
    let place_at = |b: usize| {
        a.starting_at(b)
            .filter(|h| matches!(h.pattern, Pattern::Division { .. } | Pattern::Zone { .. }))
            .map(|h| h.end)
            .max()
    };
    for rule in out
        .iter()
        .filter(|c| c.class == EntityClass::Organization && c.end == span.end && c.start > span.start)
    {
        let mut at = span.start;
        while at < rule.start {
            match place_at(at) {
                Some(e) if e <= rule.start => at = e,
                _ => return None,
            }
        }
    }
    // a word no name holds (`boundary_words.tsv`: verbs, copulas) before the suffix is the
    // clause's predicate (重庆荣昌高新区|建立健全|管委会)
    let first = a.token_index(span.start);
    let last = a.token_index(longest).min(a.tokens.len());
    if a.tokens[first.min(last)..last].iter().any(|t| {
        t.start >= span.start
            && t.end <= longest
            && a.starting_at(t.start)
                .any(|h| h.end == t.end && matches!(h.pattern, Pattern::Boundary))
    }) {
        return None;
    }
    // without a place to open it, the name before its suffix must be specific (公立医院,
    // 行业协会 are kinds of body)
    let level = text.chars().next().and_then(level_of);
    if place_at(span.start).is_none() && level.is_none() && !plausible_core(a, res, span.start, longest) {
        return None;
    }
    let mut c = Candidate::new(
        span.start,
        span.end,
        EntityClass::Organization,
        subtype.unwrap_or(Subtype::Other),
        score(span.confidence),
        "tagged-org",
    );
    // a body named after a place written in full is there (石城地区|人民医院); a short form may be
    // only the first word of a longer name (青山大学, 石城高新区…)
    let in_zone = a.has_starting(span.start, |p| matches!(p, Pattern::Zone { .. }));
    let full_place = a.starting_at(span.start).any(|h| {
        matches!(h.pattern, Pattern::Division { short: false, .. }) && h.end <= longest && a.is_boundary(h.end)
    });
    c.place = opening_place(a, res, span.start, longest).filter(|_| full_place && !in_zone);
    // a body named by a bare level word (省工业和信息化厅, 市委政策研究室) is the home place's
    if place_at(span.start).is_none()
        && let Some(levels) = level
    {
        let level_word = text.chars().next().map_or(0, char::len_utf8);
        c.completion = Some(Completion {
            levels,
            before: String::new(),
            after: text[level_word..].to_owned(),
            ending: None,
        });
        c.canonical = Some(text.to_owned());
    }
    Some(c)
}

fn place(a: &Analysis, res: &Resources, span: &ReadSpan, out: &[Candidate]) -> Option<Candidate> {
    if known(out, span, EntityClass::Place) {
        return None;
    }
    // the gazetteer's own names are the place recognizer's to take or decline
    if a.starting_at(span.start).any(|h| {
        h.end == span.end
            && matches!(
                h.pattern,
                Pattern::Division { .. } | Pattern::World(_) | Pattern::Region(_) | Pattern::Zone { .. }
            )
    }) {
        return None;
    }
    // divisions written before a place inside them (X镇|Y村, X州|Y县, X区|Y镇|Z村) name places of
    // their own: the gazetteer takes them, the tagged place starts after them
    let mut start = span.start;
    while let Some(outer) = a
        .starting_at(start)
        .filter(|h| h.end < span.end && matches!(h.pattern, Pattern::Division { .. }) && a.is_boundary(h.end))
        .map(|h| h.end)
        .max()
    {
        let rest = &a.text[outer..span.end];
        // a county, township or village; not a zone or a 区, which after its place is one name
        // with it (X|科技园区, X|商务区)
        let administrative = match place_kind(&res.lex, rest) {
            Some(Subtype::Township | Subtype::Village) => true,
            Some(Subtype::District) => !rest.ends_with('区'),
            _ => false,
        };
        if !administrative || a.char_len(outer, span.end) < 2 {
            break;
        }
        // the rest is the gazetteer's own name too: the place recognizer decides
        if a.starting_at(outer)
            .any(|h| h.end == span.end && matches!(h.pattern, Pattern::Division { .. }))
        {
            return None;
        }
        start = outer;
    }
    let subtype = place_kind(&res.lex, &a.text[start..span.end])?;
    Some(Candidate::new(
        start,
        span.end,
        EntityClass::Place,
        subtype,
        score(span.confidence),
        "tagged-place",
    ))
}

/// The subtype of a name read as a place, from how it ends; `None` when it ends like something
/// the guidelines do not count as a place (a road, a building, a river, a mountain).
fn place_kind(lex: &Lexicons, text: &str) -> Option<Subtype> {
    if lex.facility_words.iter().any(|f| text.ends_with(f.as_str())) {
        return None;
    }
    let longer = |ending: &str| text.ends_with(ending) && text.len() > ending.len();
    if lex.zone_suffixes.iter().any(|z| longer(&z.suffix)) {
        return Some(Subtype::Zone);
    }
    match lex.place_endings.iter().find(|(ending, _)| longer(ending)) {
        Some((_, kind)) => *kind,
        None => Some(Subtype::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tagged_place_is_typed_by_its_ending_and_natural_features_are_no_places() {
        let lex = Lexicons::builtin().expect("built-in lexicons");
        assert_eq!(place_kind(&lex, "白云镇"), Some(Subtype::Township));
        assert_eq!(place_kind(&lex, "石桥村"), Some(Subtype::Village));
        assert_eq!(place_kind(&lex, "某某高新区"), Some(Subtype::Zone));
        assert_eq!(place_kind(&lex, "不来梅"), Some(Subtype::Other));
        assert_eq!(place_kind(&lex, "嘉陵江"), None);
        assert_eq!(place_kind(&lex, "缙云山"), None);
        assert_eq!(place_kind(&lex, "解放碑步行街"), None);
        assert_eq!(place_kind(&lex, "科研基地"), None);
    }
}

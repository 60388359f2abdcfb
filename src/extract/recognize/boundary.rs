//! Left-boundary finding for names recognized by their suffix.
//!
//! Chinese names of organizations, zones and programs end in a telling word (有限公司, 高新区,
//! 基金) but start wherever the preceding clause ends. Walking left over jieba words, a name keeps
//! nouns, proper nouns, places, unknown words and verbs inside it, and stops at punctuation,
//! prepositions, conjunctions, particles, pronouns, adverbs, plain numbers and the boundary words
//! of `boundary_words.tsv`. A name never starts with a verb, so leading verbs are trimmed
//! (启动重庆X公司 → 重庆X公司). Names already recognized to the left are absorbed whole, which
//! is how nested names (西南大学动物科学技术学院) are built.

use crate::extract::analysis::{Analysis, Pos};
use crate::extract::index::Pattern;
use crate::text::is_han;

/// Finds the start of a name whose right part starts at `from`.
/// `known_start(b)` gives the start of an already-recognized name ending at byte `b`.
pub fn left_edge(a: &Analysis, from: usize, max_chars: usize, known_start: &dyn Fn(usize) -> Option<usize>) -> usize {
    let floor = a.back_chars(from, max_chars);
    let mut edge = from;
    let mut pos = from;
    // a known place or body is one unit: the walk may finish one that crosses its reach
    let known_floor = a.back_chars(floor, 10);
    while pos > floor {
        if let Some(s) = known_start(pos).filter(|&s| s >= known_floor && s < pos) {
            edge = s;
            pos = s;
            continue;
        }
        let Some(c) = a.char_before(pos) else { break };
        if c == ')' {
            match paren_group_start(a, pos) {
                Some(open) if open >= floor => {
                    pos = open;
                    edge = open;
                    continue;
                }
                _ => break,
            }
        }
        if c == '·' {
            pos -= c.len_utf8();
            continue;
        }
        if !is_han(c) && !c.is_ascii_alphanumeric() {
            break;
        }
        let Some(tok) = a.token_at(pos - 1).copied() else { break };
        // a word cut by the reach is not part of the name (…|两江|新区龙兴…产业园 cut at 江)
        if tok.start < floor {
            break;
        }
        let start = tok.start;
        let word = &a.text[start..pos];
        // 与/和 inside a name joins two fields (蚕学与系统生物学研究所, 人工智能与工业软件产业链党委);
        // after a place, a body or a person it joins two parties (两江新区与赛力斯集团)
        if matches!(word, "与" | "和" | "及") && edge < from {
            if joins_fields(a, start) {
                edge = start;
                pos = start;
                continue;
            }
            break;
        }
        // a post title before a name is a person's mention, which no name holds
        // (…党委书记|刘宁到|广西大学…研究院)
        let titled_person = matches!(tok.pos, Pos::Unknown | Pos::PersonName)
            && a.ending_at(start).any(|h| matches!(h.pattern, Pattern::Title(_)));
        if titled_person {
            break;
        }
        if is_boundary_word(a, start, pos)
            || is_predicate(a, res_cues(a, start, pos), tok.pos)
            || person_cue(a, start, pos)
        {
            // 都 of 都创医药 is a boundary word only when it is not part of a cut unknown name
            if let Some(s) = single_char_run(a, pos, floor) {
                return s;
            }
            break;
        }
        let keep = match tok.pos {
            Pos::Preposition | Pos::Conjunction | Pos::Particle | Pos::Pronoun | Pos::Adverb => false,
            Pos::Measure | Pos::Time => false,
            Pos::Numeral => word.starts_with('第') || word == "首届",
            // a verb is a predicate (落实, 共建, 发挥), unless a place starts the name just before it
            // (北京新领先医药科技发展有限公司)
            // — but not after a body's name: the body is the subject of the verb
            // (宜都市党政代表团|来|宜昌经开区), unless the verb is 驻, which names a body's office
            // somewhere (X市人民政府驻上海办事处)
            Pos::Verb => {
                (place_close_before(a, start, floor) || known_start(start).is_some())
                    && (word == "驻" || !a.ending_at(start).any(|h| matches!(h.pattern, Pattern::OrgSuffix(_))))
            }
            _ => true,
        };
        if !keep {
            // jieba cut an unknown name into single characters (均|胜 in 均胜集团): a run of one-character
            // words back to punctuation is part of the name
            if let Some(s) = single_char_run(a, pos, floor) {
                return s;
            }
            break;
        }
        edge = start;
        pos = start;
    }
    trim_leading(a, edge, from)
}

/// Start of a run of one to three one-character Han words ending at `end` that begins right
/// after punctuation or the start of the line.
fn single_char_run(a: &Analysis, end: usize, floor: usize) -> Option<usize> {
    let one_char = |t: &crate::extract::analysis::Token| a.char_len(t.start, t.end) == 1 && a.all_han(t.start, t.end);
    // the one-character words already in the name, right of `end`
    let mut count = 0;
    let mut right = end;
    while let Some(t) = a.token_at(right).copied() {
        if t.start != right || !one_char(&t) || count >= 2 {
            break;
        }
        right = t.end;
        count += 1;
    }
    let mut pos = end;
    while pos > floor && count < 4 {
        let tok = a.token_at(pos - 1).copied()?;
        // function words and the copula (这|也|是|山西农业大学) are no cut name; adverbs may be
        // (都|创 in 都创医药, 均|胜 in 均胜集团)
        let function_word = matches!(
            tok.pos,
            Pos::Particle | Pos::Preposition | Pos::Conjunction | Pos::Pronoun
        ) || &a.text[tok.start..tok.end] == "是";
        if tok.end != pos || !one_char(&tok) || function_word {
            break;
        }
        pos = tok.start;
        count += 1;
    }
    // the run follows punctuation, a particle (的) or a boundary word
    let after_break = a
        .char_before(pos)
        .is_none_or(|c| !is_han(c) && !c.is_ascii_alphanumeric())
        || a.ending_at(pos).any(|h| matches!(h.pattern, Pattern::Boundary))
        || a.token_at(pos.saturating_sub(1))
            .is_some_and(|t| t.end == pos && t.pos == Pos::Particle);
    (count >= 2 && pos < end && after_break).then_some(pos)
}

/// Whether 与/和/及 at `at` joins two fields of one name: the word before it is a plain noun, not
/// the end of a place, a body or a person.
fn joins_fields(a: &Analysis, at: usize) -> bool {
    let Some(prev) = a.token_at(at.saturating_sub(1)).copied() else {
        return false;
    };
    if at == 0 || prev.end != at {
        return false;
    }
    let ends_party = a.ending_at(at).any(|h| {
        matches!(
            h.pattern,
            Pattern::Division { .. }
                | Pattern::Zone { .. }
                | Pattern::ZoneSuffix(_)
                | Pattern::OrgSuffix(_)
                | Pattern::GovBody(_)
                | Pattern::Company { .. }
                | Pattern::Region(_)
                | Pattern::ProgramCue(_)
        )
    });
    // what follows the conjunction starts a new name (…基金和重庆高新区…)
    let after = at + a.char_at(at).map_or(0, char::len_utf8);
    let starts_party = a.starting_at(after).any(|h| {
        matches!(
            h.pattern,
            Pattern::Division { .. } | Pattern::Zone { .. } | Pattern::Company { .. } | Pattern::Region(_)
        )
    });
    // 及 more often joins two companies (长安科技及长线智能): not after a word a company name ends with
    let ends_company = a.text[at..].starts_with('及')
        && a.ending_at(at)
            .any(|h| h.start == prev.start && matches!(h.pattern, Pattern::IndustryWord));
    !ends_party
        && !starts_party
        && !ends_company
        && matches!(prev.pos, Pos::Noun | Pos::VerbNoun | Pos::ProperNoun | Pos::Unknown)
}

/// Whether a place name starts within a few name-like words before `at`.
fn place_close_before(a: &Analysis, at: usize, floor: usize) -> bool {
    let limit = a.back_chars(at, 6).max(floor);
    let mut pos = at;
    while pos > limit {
        let Some(tok) = a.token_at(pos - 1).copied() else {
            return false;
        };
        // a single character is a piece of a name jieba cut up (重庆|川|维新材料)
        let piece =
            a.char_len(tok.start, tok.end) == 1 && !a.has_starting(tok.start, |p| matches!(p, Pattern::Boundary));
        if !piece
            && !matches!(
                tok.pos,
                Pos::Noun | Pos::Adjective | Pos::Unknown | Pos::ProperNoun | Pos::PlaceName | Pos::VerbNoun
            )
        {
            return false;
        }
        if tok.pos == Pos::PlaceName
            || a.has_starting(tok.start, |p| {
                matches!(p, Pattern::Division { .. } | Pattern::Zone { .. })
            })
        {
            return true;
        }
        pos = tok.start;
    }
    false
}

/// Start of the `(…)` group ending at `close_end` if it is a short Han parenthetical (重庆).
fn paren_group_start(a: &Analysis, close_end: usize) -> Option<usize> {
    let inner_end = close_end - 1;
    let mut pos = inner_end;
    for _ in 0..8 {
        let c = a.char_before(pos)?;
        if c == '(' {
            let inner = &a.text[pos..inner_end];
            return (!inner.is_empty() && inner.chars().all(is_han)).then_some(pos - 1);
        }
        if !is_han(c) {
            return None;
        }
        pos -= c.len_utf8();
    }
    None
}

/// Whether the word ends with a relation cue (打造, 落实, 贯彻落实 …).
/// A relation cue ends the word at `start..end` — and is the word itself unless jieba reads the
/// word as a verb (党的|建设 in a fixed phrase is no predicate).
fn res_cues(a: &Analysis, start: usize, end: usize) -> bool {
    let verb = a.token_at(start).is_some_and(|t| t.pos == Pos::Verb);
    a.ending_at(end)
        .any(|h| (h.start == start || verb && h.start > start) && matches!(h.pattern, Pattern::RelationCue(_)))
}

/// A cue verb of a relation is the predicate of the clause, not part of a name — unless jieba
/// reads it as a noun (建设 in 南滨路建设发展中心).
fn is_predicate(_a: &Analysis, is_cue: bool, pos: Pos) -> bool {
    is_cue && !matches!(pos, Pos::VerbNoun | Pos::Noun)
}

fn is_boundary_word(a: &Analysis, start: usize, end: usize) -> bool {
    a.starting_at(start)
        .any(|h| h.end == end && matches!(h.pattern, Pattern::Boundary))
}

/// Drops leading words a name does not start with: verbs, and boundary words glued to the name.
fn trim_leading(a: &Analysis, mut edge: usize, from: usize) -> usize {
    while edge < from {
        let Some(tok) = a.token_at(edge).copied() else { break };
        if tok.start != edge || tok.end > from {
            break;
        }
        let starts_place = a.has_starting(edge, |p| {
            matches!(p, Pattern::Division { .. } | Pattern::Region(_) | Pattern::Zone { .. })
        });
        let glued_boundary = a
            .starting_at(edge)
            .any(|h| matches!(h.pattern, Pattern::Boundary) && h.end <= tok.end && h.end < from);
        if starts_place && !glued_boundary {
            break;
        }
        // a relation cue right before a place is the predicate (投资|重庆X公司, 建设|大足X项目)
        let cue_before_place = tok.end < from
            && a.starting_at(edge)
                .any(|h| matches!(h.pattern, Pattern::RelationCue(_)) && h.end == tok.end)
            && a.has_starting(tok.end, |p| {
                matches!(p, Pattern::Division { .. } | Pattern::Region(_) | Pattern::Zone { .. })
            });
        if matches!(tok.pos, Pos::Verb) || glued_boundary || cue_before_place {
            edge = if glued_boundary {
                a.starting_at(edge)
                    .filter(|h| matches!(h.pattern, Pattern::Boundary) && h.end < from)
                    .map(|h| h.end)
                    .max()
                    .unwrap_or(tok.end)
            } else {
                tok.end
            };
        } else {
            break;
        }
    }
    edge
}

/// A person's speech or action verb (出席, 表示) ends the clause a name could come from.
fn person_cue(a: &Analysis, start: usize, end: usize) -> bool {
    // a cue inside a longer noun (第一|书记 in …第一书记管理办公室) is part of the name
    let verb = a.token_at(start).is_some_and(|t| t.pos == Pos::Verb);
    a.ending_at(end)
        .any(|h| (h.start == start || verb && h.start > start) && matches!(h.pattern, Pattern::PersonCue(_)))
}

/// Whether a number and a measure word come right before `at` (15个, 多家, 一批).
pub fn counted(a: &Analysis, at: usize) -> bool {
    let mut chars = a.text[..at].chars().rev();
    let measure = chars.next().is_some_and(|c| "个家所支座批类项".contains(c));
    measure
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两几多余数".contains(c))
}

/// The start of a registered company name whose legal form (有限公司, 有限责任公司) starts at
/// `from`. A registered name is `[place] brand [(place)] trade legal-form` (成都市|美康三|杉木业|
/// 有限公司, 乐金显示|(广州)|有限公司): the brand is a word jieba does not know, a proper name or
/// one cut into pieces, and it may hold what jieba reads as a verb or a numeral (乐金|显示,
/// 美康|三) — so inside such a name a verb or a Chinese numeral right after a brand-like word is
/// kept, where the general walk stops. The walk still stops at punctuation, function words,
/// boundary words and relation or speech verbs; a verb opening the span is the clause's
/// predicate and is dropped (发动|乐金显示…).
pub fn legal_name_edge(
    a: &Analysis,
    from: usize,
    max_chars: usize,
    known_start: &dyn Fn(usize) -> Option<usize>,
) -> usize {
    let floor = a.back_chars(from, max_chars);
    let known_floor = a.back_chars(floor, 10);
    let brand_like = |at: usize| {
        a.token_at(at.saturating_sub(1)).is_some_and(|t| {
            at > 0
                && t.end == at
                && (matches!(
                    t.pos,
                    Pos::Unknown | Pos::ProperNoun | Pos::PlaceName | Pos::OrgName | Pos::Latin
                ) || a.has_starting(t.start, |p| {
                    matches!(p, Pattern::Division { .. } | Pattern::Company { .. })
                }))
        }) || known_start(at).is_some()
    };
    let mut pos = from;
    while pos > floor {
        if let Some(s) = known_start(pos).filter(|&s| s >= known_floor && s < pos) {
            pos = s;
            continue;
        }
        let Some(c) = a.char_before(pos) else { break };
        if c == ')' {
            match paren_group_start(a, pos) {
                Some(open) if open >= floor => {
                    pos = open;
                    continue;
                }
                _ => break,
            }
        }
        if !is_han(c) && !c.is_ascii_alphanumeric() {
            break;
        }
        let Some(tok) = a.token_at(pos - 1).copied() else { break };
        if tok.start < floor {
            break;
        }
        let word = &a.text[tok.start..pos];
        let stop = match tok.pos {
            Pos::Preposition | Pos::Conjunction | Pos::Particle | Pos::Pronoun | Pos::Adverb => true,
            Pos::Measure | Pos::Time => true,
            Pos::Numeral => !(word.chars().all(is_han) && brand_like(tok.start)),
            Pos::Verb => {
                !(brand_like(tok.start)
                    || place_close_before(a, tok.start, floor)
                    || known_start(tok.start).is_some()
                    || a.has_starting(tok.start, |p| matches!(p, Pattern::Division { .. })))
            }
            _ => false,
        } || is_boundary_word(a, tok.start, pos)
            || (tok.pos == Pos::Verb && res_cues(a, tok.start, pos))
            || person_cue(a, tok.start, pos);
        if stop {
            // jieba cut an unknown brand into single characters (均|胜 in 均胜集团有限公司)
            if let Some(s) = single_char_run(a, pos, floor) {
                return s;
            }
            break;
        }
        pos = tok.start;
    }
    let mut edge = trim_leading(a, pos, from);
    // a brand after a function word is the new word jieba found (在|经佳…有限公司): its first
    // character is no second function word, and a brand is never one character
    let brand_after_function_word = a.token_at(pos).is_some_and(|t| {
        t.start == pos
            && t.pos == Pos::Unknown
            && a.char_len(t.start, t.end) == 2
            && edge > pos
            && edge < t.end
            && a.token_at(pos.saturating_sub(1)).is_some_and(|p| {
                pos > 0 && p.end == pos && matches!(p.pos, Pos::Preposition | Pos::Particle | Pos::Conjunction)
            })
    });
    if brand_after_function_word {
        edge = pos;
    }
    // a leading action noun is the predicate too when a brand follows it (发动|乐金显示…)
    while let Some(tok) = a.token_at(edge).copied() {
        let at_place = a.has_starting(edge, |p| matches!(p, Pattern::Division { .. } | Pattern::Zone { .. }));
        if tok.start != edge || tok.end >= from || tok.pos != Pos::VerbNoun || at_place {
            break;
        }
        let next = a.token_at(tok.end).copied();
        if !next.is_some_and(|n| {
            n.start == tok.end && matches!(n.pos, Pos::Unknown | Pos::ProperNoun | Pos::OrgName | Pos::Latin)
        }) {
            break;
        }
        edge = tok.end;
    }
    edge
}

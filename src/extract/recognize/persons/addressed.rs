//! Persons named by a surname and a form of address (汤局长, 王先生).

use super::super::Resources;
use super::function_word_at;
use super::titles::TitleSpan;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueKind;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;

/// Names seen with a surname at least this often let it stand alone before a form of address (汤局长).
const ADDRESSED_SURNAME: u32 = 50;

/// A surname alone before a form of address (汤局长, 陈老师, 王先生) is a person named by the
/// surname; linking joins it to the document's one full name with that surname. Runs over the
/// names found, so a name read across the address (汤局长) or after it (王先生|都来) gives way.
pub(super) fn addressed_surnames(a: &Analysis, res: &Resources, titles: &[TitleSpan], out: &mut Vec<Candidate>) {
    // (start, end) of each form of address: titles, honorific cues, and one-character forms
    // that end their word (胡老|说, 王某|正常), unlike 老|师
    let mut addresses: Vec<(usize, usize)> = titles.iter().filter(|t| !t.member).map(|t| (t.start, t.end)).collect();
    addresses.extend(a.hits.iter().filter_map(|h| match h.pattern {
        Pattern::PersonCue(i) if res.lex.person_cues[i].kind == CueKind::TitleAfter => Some((h.start, h.end)),
        _ => None,
    }));
    for cue in res.lex.person_cues.iter().filter(|c| c.kind == CueKind::Address) {
        addresses.extend(
            a.text
                .match_indices(cue.cue.as_str())
                .map(|(at, w)| (at, at + w.len()))
                .filter(|&(_, end)| a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c))),
        );
    }
    // the longest address at each start
    addresses.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    addresses.dedup_by_key(|&mut (start, _)| start);
    for (at, end_of_address) in addresses {
        let Some(c) = a.char_before(at).filter(|&c| is_han(c)) else {
            continue;
        };
        let s = at - c.len_utf8();
        let surname = &a.text[s..at];
        let common = res.lex.surnames.get(surname).copied().unwrap_or(0) >= ADDRESSED_SURNAME;
        // the surname opens a word of its own, after punctuation or a word, and is no
        // function word (向|老师请教)
        let alone = a.char_before(s).is_none_or(|b| !is_han(b)) || a.is_boundary(s);
        // a one-character word jieba reads as a verb, adverb or the like is none (培养|成|党员);
        // a measure word is a surname unless a number counts it (张|书记, not 两|张)
        let counted = a
            .char_before(s)
            .is_some_and(|b| b.is_ascii_digit() || "一二三四五六七八九十两几每这那".contains(b));
        let other_word = a.token_at(s).is_some_and(|t| {
            t.start == s
                && t.end == at
                && !matches!(
                    t.pos,
                    Pos::PersonName | Pos::Unknown | Pos::Noun | Pos::ProperNoun | Pos::Other
                )
                && (t.pos != Pos::Measure || counted)
        });
        if !common || !alone || other_word || function_word_at(a, s) {
            continue;
        }
        // a name read over the address is the surname and the address (汤|局长 is no 汤局长);
        // a name read after it is none (王先生|都来)
        let reads_over = |o: &Candidate| o.start == s && o.end > at && o.end <= end_of_address;
        let reads_after = |o: &Candidate| o.start == end_of_address && matches!(o.rule, "title-name" | "name-repeat");
        if out
            .iter()
            .any(|o| o.class == EntityClass::Person && o.start <= s && s < o.end && !reads_over(o))
        {
            continue;
        }
        out.retain(|o| o.class != EntityClass::Person || !(reads_over(o) || reads_after(o)));
        let mut cand = Candidate::new(s, at, EntityClass::Person, Subtype::Other, 0.45, "surname-address");
        cand.canonical = Some(a.text[s..end_of_address].to_owned());
        out.push(cand);
    }
}

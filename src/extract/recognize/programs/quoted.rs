//! Quoted names: “…” typed by a cue noun after them or inside them, by a program verb before
//! them, by their shape (三会一课, 科创+党员先锋岗), by apposition (这一目标), or as one of a
//! pair or a list sharing a cue.

use super::{dictionary_term, program_verb_before, with_year};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::{Candidate, longest_ending_at};
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueMode;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::extract::recognize::boundary::left_edge;
use crate::text::{is_chinese_numeral, is_han};

/// Quoted names with evidence from a cue noun, a program verb, their own ending, their shape, or
/// their repetition.
pub(super) fn quoted(a: &Analysis, res: &Resources, orgs: &[Candidate], out: &mut Vec<Candidate>) {
    let quotes = quote_spans(a.text);
    let mut paired_until = 0;
    for (k, &(qs, qe)) in quotes.iter().enumerate() {
        let open = qs - '“'.len_utf8();
        let content = &a.text[qs..qe];
        let n = content.chars().count();
        if qs < paired_until {
            continue;
        }
        // “一区”“四地”: numbered halves quoted one after the other are one slogan
        if let Some(&(ns, ne)) = quotes.get(k + 1)
            && ns == qe + '”'.len_utf8() + '“'.len_utf8()
            && [content, &a.text[ns..ne]].iter().all(|q| numbered_half(q))
        {
            let close = ne + '”'.len_utf8();
            out.push(Candidate::new(
                open,
                close,
                EntityClass::Program,
                Subtype::Program,
                0.7,
                "quoted-pair",
            ));
            paired_until = close;
            continue;
        }
        // “赛、会、展” lists kinds, one character each
        if content.contains('、') && content.split('、').all(|p| p.chars().count() <= 1) {
            continue;
        }
        if !(2..=20).contains(&n)
            || content
                .chars()
                .any(|c| matches!(c, ',' | '。' | '!' | '?' | ';' | ':' | '\n'))
        {
            continue;
        }
        // a name the lexicon knows keeps its own reading (“主题党日”活动 → 主题党日)
        if a.hits
            .iter()
            .any(|h| h.start == qs && h.end == qe && matches!(h.pattern, Pattern::Program(_)))
        {
            continue;
        }
        let after = qe + '”'.len_utf8();
        let common_word = a.token_at(qs).is_some_and(|tok| {
            tok.start == qs
                && tok.end == qe
                && !matches!(tok.pos, Pos::Unknown | Pos::ProperNoun | Pos::PlaceName | Pos::OrgName)
        });
        if let Some(c) = ends_with_name_cue(a, res, qs, qe, out) {
            out.push(c);
            continue;
        }
        match cue_after(a, res, after).or_else(|| shared_cue(a, res, &quotes, qe)) {
            Some((cue_end, subtype, CueMode::Event)) => {
                // the whole phrase is the name: [left part]“…”[modifiers]cue
                let known = |b: usize| longest_ending_at(orgs, b);
                let start = with_year(a, left_edge(a, open, 16, &known));
                out.push(Candidate::new(
                    start,
                    cue_end,
                    EntityClass::Program,
                    subtype,
                    0.8,
                    "quoted-event",
                ));
                let mut short = Candidate::new(qs, qe, EntityClass::Program, subtype, 0.5, "quoted-event-short");
                short.nested = true;
                short.alias_of = Some((start, cue_end));
                out.push(short);
                continue;
            }
            Some((_, subtype, _)) if !(common_word && n <= 2) => {
                out.push(Candidate::new(qs, qe, EntityClass::Program, subtype, 0.8, "quoted-cue"));
                continue;
            }
            _ => {}
        }
        // “江城夜市·美食季”: a name in parts joined by a middle dot is a brand whatever follows it
        let parts: Vec<&str> = content.split('·').collect();
        if parts.len() == 2 && parts.iter().all(|p| p.chars().count() >= 2 && p.chars().all(is_han)) {
            out.push(Candidate::new(
                qs,
                qe,
                EntityClass::Program,
                Subtype::Brand,
                0.7,
                "quoted-dotted-name",
            ));
            continue;
        }
        // “党校+基地”复合式培养, “子基金+直投”方式: parts joined by + before a word for a way of
        // working name a model
        if plus_compound(content) && names_a_way(a, after) {
            out.push(Candidate::new(
                qs,
                qe,
                EntityClass::Program,
                Subtype::Program,
                0.7,
                "quoted-plus-model",
            ));
            continue;
        }
        if common_word || content.contains('、') || n > 12 {
            continue;
        }
        // a quote followed by an ordinary noun qualifies that noun (打造“拎包入住”环境)
        let stands_alone = a.char_at(after).is_none_or(|c| !is_han(c))
            || a.starting_at(after)
                .any(|h| matches!(h.pattern, Pattern::Boundary | Pattern::RelationCue(_)));
        // “西部数字经济高地”这一目标: the quote is named by apposition
        let appositive = ["这一", "这个", "这项", "这些", "这种"]
            .iter()
            .any(|w| a.text[after..].starts_with(w));
        // a program verb before a short quoted name standing on its own (创新实施“先投后股”,)
        let named_by_verb = (program_verb_before(a, res, open) || slogan_shaped(content)) && stands_alone && n <= 8;
        let rule = if appositive && n >= 4 {
            "quoted-appositive"
        } else if named_by_verb {
            "quoted-verb"
        } else {
            continue;
        };
        if a.all_han(qs, qe) && !dictionary_term(a, qs, qe) {
            out.push(Candidate::new(
                qs,
                qe,
                EntityClass::Program,
                Subtype::Program,
                0.7,
                rule,
            ));
        }
    }
}

/// Half of a numbered slogan: a numeral and one noun (一区, 两群).
fn numbered_half(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.len() == 2 && is_chinese_numeral(chars[0]) && is_han(chars[1])
}

/// Spans of quoted contents “…” (without the marks).
fn quote_spans(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = t[from..].find('“').map(|i| i + from) {
        let qs = open + '“'.len_utf8();
        let Some(qe) = t[qs..].find(['”', '“']).map(|i| i + qs) else {
            break;
        };
        from = qs;
        if t[qe..].starts_with('”') {
            out.push((qs, qe));
            from = qe;
        }
    }
    out
}

/// A quoted name that itself ends in a cue noun (“青马工程”).
fn ends_with_name_cue(a: &Analysis, res: &Resources, qs: usize, qe: usize, _out: &[Candidate]) -> Option<Candidate> {
    // a quoted cue noun itself (“专项行动”) is a kind, not a name
    if a.ending_at(qe)
        .any(|h| h.start == qs && matches!(h.pattern, Pattern::ProgramCue(_)))
    {
        return None;
    }
    for h in a.ending_at(qe) {
        if h.start <= qs {
            continue;
        }
        match h.pattern {
            Pattern::ProgramCue(i) if res.lex.program_cues[i].mode == CueMode::Name => {
                return Some(Candidate::new(
                    qs,
                    qe,
                    EntityClass::Program,
                    res.lex.program_cues[i].subtype,
                    0.8,
                    "quoted-name",
                ));
            }
            _ => {}
        }
    }
    None
}

/// A cue noun right after a quote, possibly after a few modifier words: (end, subtype, mode).
fn cue_after(a: &Analysis, res: &Resources, after: usize) -> Option<(usize, Subtype, CueMode)> {
    // “A”“B”等活动: examples of a kind, each quote a name of its own
    if let Some(rest) = ["等", "等等"].iter().rev().find(|w| a.text[after..].starts_with(**w)) {
        let from = after + rest.len();
        return cue_after(a, res, from)
            .filter(|&(end, _, _)| a.char_len(from, end) <= 6)
            .map(|(end, subtype, _)| (end, subtype, CueMode::Quote));
    }
    let limit = a.forward_chars(after, 10);
    let mut best: Option<(usize, Subtype, CueMode)> = None;
    for h in a.hits.iter().filter(|h| h.start >= after && h.end <= limit) {
        let Pattern::ProgramCue(i) = h.pattern else { continue };
        let cue = &res.lex.program_cues[i];
        if cue.mode == CueMode::Name {
            continue;
        }
        // directly after the quote for a kind noun; modifiers allowed before event nouns
        let gap = &a.text[after..h.start];
        let ok = match cue.mode {
            // “X”的原则, “X”的创新发展模式: 的 may join the quote to its kind
            CueMode::Quote => {
                let gap = gap.strip_prefix('的').unwrap_or(gap);
                let from = h.start - gap.len();
                gap.is_empty()
                    || (gap.chars().count() <= 4 && gap.chars().all(is_han) && !has_boundary(a, from, h.start))
            }
            CueMode::Event => gap.chars().all(|c| is_han(c) || c == '+') && !has_boundary(a, after, h.start),
            CueMode::Name => false,
        };
        if !ok || !(a.is_boundary(h.end) || a.char_at(h.end).is_none_or(|c| !is_han(c))) {
            continue;
        }
        // the last noun heads the phrase (“爱上涪陵”系列宣传品牌 is a brand); at the same end, the
        // event reading (whole phrase) wins
        let better = match best {
            None => true,
            Some((e, _, m)) => h.end > e || (h.end == e && cue.mode == CueMode::Event && m != CueMode::Event),
        };
        if better {
            best = Some((h.end, cue.subtype, cue.mode));
        }
    }
    best
}

/// Whether a boundary word stands as a word of its own between `start` and `end` (共 of 公共 is
/// no boundary).
fn has_boundary(a: &Analysis, start: usize, end: usize) -> bool {
    a.hits.iter().any(|h| {
        h.start >= start
            && h.end <= end
            && matches!(h.pattern, Pattern::Boundary)
            && h.end - h.start >= 3
            && a.is_boundary(h.start)
            && a.is_boundary(h.end)
    })
}

/// Numbered slogans (三会一课, 一区两群, 三高地三示范区) and plus-compounds (科创+党员先锋岗).
fn slogan_shaped(s: &str) -> bool {
    let numerals = "一二三四五六七八九十两百千万";
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 3 || !chars.iter().all(|&c| is_han(c) || c == '+') {
        return false;
    }
    if s.contains('+') {
        return s.split('+').all(|p| p.chars().count() >= 2);
    }
    let numeral_count = chars.iter().filter(|c| numerals.contains(**c)).count();
    numerals.contains(chars[0]) && numeral_count >= 2 && chars.len() <= 8
}

/// A quote coordinated with a following quote shares its cue noun: “小安”和斩谣侠“陵陵”卡通IP形象.
fn shared_cue(
    a: &Analysis,
    res: &Resources,
    quotes: &[(usize, usize)],
    qe: usize,
) -> Option<(usize, Subtype, CueMode)> {
    let after = qe + '”'.len_utf8();
    let next = quotes.iter().find(|&&(s, _)| s > after)?;
    let gap = &a.text[after..next.0 - '“'.len_utf8()];
    let joined = gap.is_empty()
        || (gap.starts_with(['和', '与', '及', '、']) && gap.chars().count() <= 7 && gap.chars().all(is_han_or_sep));
    if !joined {
        return None;
    }
    match cue_after(a, res, next.1 + '”'.len_utf8())? {
        // a shared kind noun names each quote; an event phrase belongs to the last quote only
        (_, subtype, CueMode::Quote) => Some((after, subtype, CueMode::Quote)),
        _ => None,
    }
}

fn is_han_or_sep(c: char) -> bool {
    is_han(c) || c == '、'
}

/// Parts of two or more characters joined by + (党校+基地, 1+3+N, 学科+人才+产业).
fn plus_compound(s: &str) -> bool {
    let parts: Vec<&str> = s.split('+').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric()))
        && parts.iter().any(|p| p.chars().count() >= 2)
}

/// Words for a way of working that a quoted model names (方式, 模式, 体制, 机制, 体系, …式).
const WAY_WORDS: &[&str] = &["方式", "模式", "体制", "机制", "体系", "式"];

/// Whether a word for a way of working ends within the few Chinese characters right after a
/// quote, the quote naming it (“A+B”方式, “A+B”管理体制, “A+B”复合式培养). After 的 the quote
/// only describes a way (“A+B”的合作模式).
fn names_a_way(a: &Analysis, after: usize) -> bool {
    let rest = &a.text[after..];
    if rest.starts_with('的') {
        return false;
    }
    let window: String = rest.chars().take_while(|&c| is_han(c)).take(8).collect();
    let mut prefix = String::new();
    for c in window.chars() {
        prefix.push(c);
        if WAY_WORDS.iter().any(|w| prefix.ends_with(w)) {
            return true;
        }
    }
    false
}

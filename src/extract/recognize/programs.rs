//! Programs: funds, policies, documents, strategies, brands, projects and events.
//!
//! They are named in four ways, each with its own evidence:
//! - a public lexicon of national programs (`programs.tsv`: 乡村振兴, 第一书记, 三会一课);
//! - 《…》 titles of documents (a 《》 title that is not a document — a book, a film — is skipped);
//! - quoted names “…” whose kind a cue noun gives (“邻里守望”党建品牌, “爱心助考”网络公益活动), or that a
//!   program verb introduces (实施“先投后股”), or that have the shape of a slogan (三会一课, 一区两群);
//! - names ending in a cue noun (重庆市创业种子投资引导基金, X项目) whose left part is specific: it
//!   holds a place, an organization, a word unknown to the dictionary or a year.

use super::Resources;
use super::boundary::{counted, left_edge};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::{Candidate, longest_ending_at};
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueMode;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::{is_chinese_numeral, is_han};
use regex::Regex;
use std::sync::LazyLock;

static PARTY_CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:党的)?(?:二十|十[一二三四五六七八九]?|[一二三四五六七八九])(?:大|届[一二三四五六七八九]中全会)(?:报告)?",
    )
    .expect("valid regex")
});

/// Words a document title ends with.
const DOCUMENT_ENDINGS: &[&str] = &[
    "办法",
    "意见",
    "通知",
    "条例",
    "规定",
    "方案",
    "规划",
    "计划",
    "措施",
    "纲要",
    "决定",
    "报告",
    "制度",
    "职责",
    "细则",
    "标准",
    "指南",
    "白皮书",
    "法",
    "章程",
    "公告",
    "通告",
    "决议",
    "守则",
    "目录",
    "清单",
    "政策",
    "(试行)",
    "年)",
];

pub fn recognize(a: &Analysis, res: &Resources, orgs: &[Candidate], out: &mut Vec<Candidate>) {
    lexicon(a, res, out);
    party_congress(a, out);
    titles_in_brackets(a, out);
    quoted(a, res, orgs, out);
    cue_names(a, res, orgs, out);
    joint_events(a, res, orgs, out);
    post_systems(a, res, out);
    counted_measures(a, res, out);
}

/// Policies named by their purpose and count (出台|支持民营企业发展的十条措施): from the verb that
/// issues them to the counted measures, the purpose holding no punctuation but 、.
fn counted_measures(a: &Analysis, res: &Resources, out: &mut Vec<Candidate>) {
    static MEASURES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"的(?:[一二三四五六七八九十]{1,3}|\d{1,2}|若干)(?:条|项)?(?:措施|举措|意见|政策|规定|办法|条)")
            .expect("valid regex")
    });
    for m in MEASURES.find_iter(a.text) {
        let mut p = m.start();
        let mut start = None;
        for _ in 0..40 {
            let Some(c) = a.char_before(p) else { break };
            if !(is_han(c) || c == '、') {
                break;
            }
            p -= c.len_utf8();
            if res.lex.ends_with_program_verb(&a.text[..p]) {
                start = Some(if a.text[p..].starts_with('了') {
                    p + '了'.len_utf8()
                } else {
                    p
                });
                break;
            }
        }
        if let Some(start) = start.filter(|&s| a.char_len(s, m.start()) >= 4) {
            out.push(Candidate::new(
                start,
                m.end(),
                EntityClass::Program,
                Subtype::Document,
                0.7,
                "counted-measures",
            ));
        }
    }
}

/// Systems named after the post they make responsible (校长负责制, 厂长负责制), with the body that
/// leads them (党委领导下的校长负责制): a title then a cue ending in 负责制 or 责任制.
fn post_systems(a: &Analysis, res: &Resources, out: &mut Vec<Candidate>) {
    for h in &a.hits {
        let Pattern::ProgramCue(i) = h.pattern else { continue };
        let cue = &res.lex.program_cues[i];
        if !["负责制", "责任制"].iter().any(|c| cue.cue.ends_with(c)) {
            continue;
        }
        let Some(title) = a
            .ending_at(h.start)
            .filter(|t| matches!(t.pattern, Pattern::Title(_)))
            .min_by_key(|t| t.start)
        else {
            continue;
        };
        let mut start = title.start;
        if let Some(rest) = a.text[..start].strip_suffix("领导下的")
            && let Some(leader) = a.token_at(rest.len().saturating_sub(1))
            && leader.end == rest.len()
            && a.all_han(leader.start, leader.end)
            && matches!(leader.pos, Pos::Noun | Pos::Other | Pos::OrgName)
        {
            start = leader.start;
        }
        out.push(Candidate::new(
            start,
            h.end,
            EntityClass::Program,
            cue.subtype,
            0.7,
            "post-system",
        ));
    }
}

/// Two events held as one are named together, joined by 暨 (召开全区干部大会暨项目推进会): the name
/// runs from the first event's opening to the second event's cue.
fn joint_events(a: &Analysis, res: &Resources, orgs: &[Candidate], out: &mut Vec<Candidate>) {
    let event_cue = |h: &&crate::extract::index::Hit| match h.pattern {
        Pattern::ProgramCue(i) => res.lex.program_cues[i].subtype == Subtype::Event,
        _ => false,
    };
    let mut joined_at = Vec::new();
    for first in a.hits.iter().filter(event_cue) {
        // one name per 暨, whichever cue nouns end before it (工作会议, 会议)
        if !a.text[first.end..].starts_with('暨') || joined_at.contains(&first.end) {
            continue;
        }
        joined_at.push(first.end);
        let from = first.end + '暨'.len_utf8();
        let limit = a.forward_chars(from, 20);
        let Some(second) = a
            .hits
            .iter()
            .filter(event_cue)
            .filter(|h| h.start > from && h.end <= limit && a.all_han(from, h.end))
            .filter(|h| a.char_at(h.end).is_none_or(|c| !is_han(c)) || a.is_boundary(h.end))
            .min_by_key(|h| h.end)
        else {
            continue;
        };
        let known = |b: usize| longest_ending_at(orgs, b);
        let start = introduced_start(a, res, first.start)
            .unwrap_or_else(|| with_year(a, left_edge(a, first.start, 16, &known)));
        if a.char_len(start, first.start) >= 2 {
            out.push(Candidate::new(
                start,
                second.end,
                EntityClass::Program,
                Subtype::Event,
                0.75,
                "joint-event",
            ));
        }
    }
}

fn lexicon(a: &Analysis, res: &Resources, out: &mut Vec<Candidate>) {
    for h in &a.hits {
        if let Pattern::Program(i) = h.pattern
            && a.is_boundary(h.start)
            && (a.is_boundary(h.end) || a.char_at(h.end).is_none_or(|c| !is_han(c)))
        {
            let entry = &res.lex.programs[i];
            let mut c = Candidate::new(
                h.start,
                h.end,
                EntityClass::Program,
                entry.subtype,
                0.85,
                "program-lexicon",
            );
            if let Some(same) = &entry.same_as {
                c = c.with_canonical(same.clone());
            }
            out.push(c);
        }
    }
}

fn party_congress(a: &Analysis, out: &mut Vec<Candidate>) {
    for m in PARTY_CONGRESS.find_iter(a.text) {
        let s = m.as_str();
        if !s.starts_with("党的") && !s.contains('届') {
            continue; // 十大, 二十大 alone are too ambiguous
        }
        let subtype = if s.ends_with("报告") {
            Subtype::Document
        } else {
            Subtype::Event
        };
        out.push(Candidate::new(
            m.start(),
            m.end(),
            EntityClass::Program,
            subtype,
            0.85,
            "party-congress",
        ));
    }
}

/// 《…》 document titles; the candidate is the title without the brackets.
fn titles_in_brackets(a: &Analysis, out: &mut Vec<Candidate>) {
    let t = a.text;
    let mut from = 0;
    while let Some(open) = t[from..].find('《').map(|i| i + from) {
        let inner_start = open + '《'.len_utf8();
        let Some(close) = t[inner_start..].find('》').map(|i| i + inner_start) else {
            break;
        };
        from = close;
        let inner = &t[inner_start..close];
        let n = inner.chars().count();
        if !(2..=60).contains(&n) || inner.contains('\n') {
            continue;
        }
        let normalized: String = inner.chars().filter(|c| *c != ' ').collect();
        let is_document = DOCUMENT_ENDINGS.iter().any(|e| normalized.ends_with(e)) || inner.starts_with("关于");
        // a 《》 title followed by 动画/作品/一书 … is a work, not a document
        let after = &t[close + '》'.len_utf8()..];
        let is_work = ["动画", "作品", "一书", "杂志", "节目", "电影", "栏目", "歌曲"]
            .iter()
            .any(|w| after.starts_with(w));
        if is_document && !is_work {
            out.push(Candidate::new(
                inner_start,
                close,
                EntityClass::Program,
                Subtype::Document,
                0.85,
                "document-title",
            ));
        }
    }
}

/// Quoted names with evidence from a cue noun, a program verb, their own ending, their shape, or
/// their repetition.
fn quoted(a: &Analysis, res: &Resources, orgs: &[Candidate], out: &mut Vec<Candidate>) {
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

/// Whether the span is one word of jieba's dictionary (专项行动, 天使基金): a kind, not a name.
fn dictionary_term(a: &Analysis, start: usize, end: usize) -> bool {
    a.token_at(start)
        .is_some_and(|t| t.start == start && t.end == end && t.pos != Pos::Unknown)
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
            CueMode::Quote => {
                gap.is_empty()
                    || (gap.chars().count() <= 4 && gap.chars().all(is_han) && !has_boundary(a, after, h.start))
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

fn has_boundary(a: &Analysis, start: usize, end: usize) -> bool {
    a.hits
        .iter()
        .any(|h| h.start >= start && h.end <= end && matches!(h.pattern, Pattern::Boundary) && h.end - h.start >= 3)
}

/// A program verb (实施, 打造, 运用 …) right before a quote.
fn program_verb_before(a: &Analysis, res: &Resources, open: usize) -> bool {
    let mut at = open;
    if a.char_before(at) == Some('了') {
        at -= '了'.len_utf8();
    }
    if res.lex.ends_with_program_verb(&a.text[..at]) {
        return true;
    }
    a.ending_at(at).any(|h| match h.pattern {
        Pattern::RelationCue(i) => res.lex.relation_cues[i].relation == "implements",
        _ => false,
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

/// Extends a start leftwards over a year written before it (2022年…).
fn with_year(a: &Analysis, start: usize) -> usize {
    let before = &a.text[..start];
    let Some(rest) = before.strip_suffix('年') else {
        return start;
    };
    let digits = rest.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 {
        start - '年'.len_utf8() - 4
    } else {
        start
    }
}

/// Names ending in a cue noun: 重庆市创业种子投资引导基金, 都创医药项目, 青马工程.
fn cue_names(a: &Analysis, res: &Resources, orgs: &[Candidate], out: &mut Vec<Candidate>) {
    let mut by_end: std::collections::BTreeMap<usize, (usize, usize)> = std::collections::BTreeMap::new();
    for h in &a.hits {
        if let Pattern::ProgramCue(i) = h.pattern
            && res.lex.program_cues[i].mode == CueMode::Name
        {
            let e = by_end.entry(h.end).or_insert((h.start, i));
            if h.start < e.0 {
                *e = (h.start, i);
            }
        }
    }
    let mut found: Vec<(usize, usize, usize, usize, bool)> = Vec::new();
    for (end, (cue_start, i)) in by_end {
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c))) {
            continue;
        }
        // the cue must head the phrase: in 项目|优选会 it only modifies the next noun, unless that
        // noun is an attribute of it (大会|精神, 宣传月|宣传|活动)
        let attribute_next = res.lex.program_attributes.iter().any(|w| {
            a.text[end..].starts_with(w.as_str())
                && (a.is_boundary(end + w.len()) || a.char_at(end + w.len()).is_none_or(|c| !is_han(c)))
        });
        let modifies_next = !attribute_next
            && a.token_at(end).is_some_and(|t| {
                t.start == end
                    && matches!(t.pos, Pos::Noun | Pos::VerbNoun | Pos::Unknown)
                    && a.all_han(t.start, t.end)
                    && !a.starting_at(end).any(|h| {
                        matches!(
                            h.pattern,
                            Pattern::Title(_) | Pattern::Boundary | Pattern::RelationCue(_) | Pattern::PersonCue(_)
                        )
                    })
            });
        // 项目|签约|会, 项目|优选|会: the cue names what a meeting handles
        let meeting_next = a.token_at(end).is_some_and(|t| {
            t.start == end
                && matches!(t.pos, Pos::Verb | Pos::VerbNoun)
                && a.text[t.end..].starts_with('会')
                && a.char_at(t.end + '会'.len_utf8()).is_none_or(|c| !is_han(c))
        });
        if modifies_next || meeting_next {
            continue;
        }
        let known = |b: usize| -> Option<usize> {
            longest_ending_at(orgs, b).or_else(|| {
                a.ending_at(b)
                    .filter(|h| {
                        matches!(
                            h.pattern,
                            Pattern::Division { .. }
                                | Pattern::Zone { .. }
                                | Pattern::Company { .. }
                                | Pattern::Region(_)
                        )
                    })
                    .map(|h| h.start)
                    .min()
            })
        };
        let mut start = with_year(a, left_edge(a, cue_start, 20, &known));
        let mut introduced = false;
        // the name starts right after the verb that introduces it, whether the walk stopped
        // short of it (实施|…龙头引领|计划) or went past it (各单位认真贯彻落实|…工作条例)
        if let Some(s) = introduced_start(a, res, cue_start)
            && s != start
        {
            start = s;
            introduced = true;
        }
        // a building verb opening the name is its predicate (投资3亿元|建设|X项目)
        while let Some(v) = res
            .lex
            .program_verbs
            .iter()
            .find(|v| a.text[start..cue_start].starts_with(v.as_str()))
        {
            if a.char_len(start + v.len(), cue_start) < 4 {
                break;
            }
            start += v.len();
            introduced = true;
        }
        // a name that declares its short name is a name (…天使基金（以下简称天使基金）); the walk
        // may have stopped at a verb inside it (乡村振兴产业|帮扶|基金), so it runs from the
        // phrase's opening: after 的, a program verb or punctuation
        let declared = a.declared_short_name(end).is_some();
        if declared && a.char_len(start, cue_start) < 2 {
            start = phrase_start(a, res, cue_start);
        }
        // a clause opening with a name jieba does not know runs to the cue over the verbs of a
        // compound (，华联|高端|重载|…|制造|项目): the name is its subject
        let named_clause = clause_opening_name(a, res, cue_start).filter(|&p| !introduced && p < start);
        if let Some(p) = named_clause {
            start = p;
            introduced = true;
        }
        if a.char_len(start, cue_start) < 2 {
            // a list item whose words the walk would not take (、招商引智攻坚提升行动)
            match list_item_start(a, cue_start) {
                Some(s) if a.char_len(s, cue_start) >= 2 => start = s,
                _ => continue,
            }
        }
        let name = &a.text[start..end];
        // a counted name is a kind (签约12个|智能制造|项目), unless it declares a short name
        if res.lex.not_entities.contains(name) || (counted(a, start) && !declared) {
            continue;
        }
        // 建设的X项目: after 的 the object may be a kind (新建的数据中心项目), so it needs a proper
        // name in it (卓越精工…项目)
        let after_de = a.char_before(start) == Some('的')
            && program_verb_before(a, res, start - '的'.len_utf8())
            && a.tokens[a.token_index(start)..a.token_index(cue_start).max(a.token_index(start))]
                .iter()
                .any(|t| matches!(t.pos, Pos::PersonName | Pos::ProperNoun | Pos::Unknown));
        let introduced =
            introduced || (program_verb_before(a, res, start) || after_de) && a.char_len(start, cue_start) >= 4;
        found.push((
            start,
            end,
            cue_start,
            i,
            introduced || declared || specific(a, res, orgs, start, cue_start),
        ));
    }
    // names in a list sharing their cue are names together (产业转型升级攻坚提升行动、招商引智攻坚提升行动);
    // an item after 、 starts at the separator, whatever the word walk found
    let item_start =
        |start: usize, cue_start: usize| list_item_start(a, cue_start).filter(|&s| s < start).unwrap_or(start);
    // item y comes right after item x in a list with the same cue
    let follows = |x: usize, y: usize| {
        let (_, e1, c1, _, _) = found[x];
        let (s2, e2, c2, _, _) = found[y];
        let s2 = item_start(s2, c2);
        s2 >= e1 && matches!(&a.text[e1..s2], "、" | "和" | "及" | "与") && a.text[c1..e1] == a.text[c2..e2]
    };
    for k in 0..found.len() {
        let (start, end, cue_start, i, ok) = found[k];
        let start_in_list = item_start(start, cue_start);
        let listed = (k > 0 && follows(k - 1, k)) || (k + 1 < found.len() && follows(k, k + 1));
        let start = if listed { start_in_list } else { start };
        // the list is a list of names only if one of its items is one (实施A行动、B行动 yes;
        // 引进天使基金、创投基金 are kinds of funds)
        let (mut first, mut last) = (k, k);
        while first > 0 && follows(first - 1, first) {
            first -= 1;
        }
        while last + 1 < found.len() && follows(last, last + 1) {
            last += 1;
        }
        let named_list = found[first..=last].iter().any(|f| f.4);
        if ok || (listed && named_list && a.char_len(start, cue_start) >= 2 && !dictionary_term(a, start, end)) {
            let rule = if ok { "program-cue-name" } else { "program-cue-list" };
            let mut c = Candidate::new(
                start,
                end,
                EntityClass::Program,
                res.lex.program_cues[i].subtype,
                0.7,
                rule,
            );
            c.canonical = without_declaration(a, start, end);
            out.push(c);
        }
    }
}

/// The name without a short-name declaration inside it (X业(以下简称Y)发展大会 → X业发展大会).
fn without_declaration(a: &Analysis, start: usize, end: usize) -> Option<String> {
    let open = start + a.text[start..end].find('(')?;
    a.declared_short_name(open)?;
    let close = open + a.text[open..end].find(')')? + 1;
    Some(format!("{}{}", &a.text[start..open], &a.text[close..end]))
}

/// Whether the left part of a cue name is specific enough to make it a name.
fn specific(a: &Analysis, res: &Resources, orgs: &[Candidate], start: usize, end: usize) -> bool {
    let _ = res;
    if a.text[start..end].chars().next().is_some_and(|c| c.is_ascii_digit()) && a.text[start..end].contains('年') {
        return true;
    }
    if ["首届", "第", "关于"].iter().any(|p| a.text[start..end].starts_with(p)) {
        return true;
    }
    let has_place_or_org = a.hits.iter().any(|h| {
        h.start >= start
            && h.end <= end
            && match h.pattern {
                Pattern::Division { short: false, .. }
                | Pattern::Zone { .. }
                | Pattern::Company { .. }
                | Pattern::Region(_) => true,
                // a fund or project named after a known program (乡村振兴|种子基金)
                Pattern::Program(_) => h.start == start,
                // a short place name jieba reads as a place word (重庆|齿轮产业…基金, 綦江|…), or
                // whose full name the text writes too (大足 with 大足区)
                Pattern::Division { short: true, index } => {
                    a.token_at(h.start)
                        .is_some_and(|t| t.start == h.start && t.end == h.end && t.pos == Pos::PlaceName)
                        || a.hits
                            .iter()
                            .any(|f| matches!(f.pattern, Pattern::Division { short: false, index: i } if i == index))
                }
                _ => false,
            }
    }) || orgs.iter().any(|o| o.start >= start && o.end <= end);
    let has_unknown_word = a.tokens[a.token_index(start)..a.token_index(end).max(a.token_index(start))]
        .iter()
        .any(|t| t.pos == Pos::Unknown && a.all_han(t.start, t.end));
    let has_paren = a.text[start..end].contains('(');
    // a name jieba did not know, cut into single characters (都|创 in 都创医药项目)
    let first = a.token_index(start);
    let run: Vec<_> = a.tokens[first..a.token_index(end).max(first)]
        .iter()
        .take_while(|t| a.char_len(t.start, t.end) == 1)
        .collect();
    // …but not a modal and a verb (要|有|计划)
    let cut_word = run.len() >= 2 && !run.iter().all(|t| t.pos == Pos::Verb);
    has_place_or_org || has_unknown_word || has_paren || cut_word
}

/// The start of a list item ending before `cue_start`: just after the last 、 within a few
/// characters, if no other punctuation comes first.
fn list_item_start(a: &Analysis, cue_start: usize) -> Option<usize> {
    let from = a.back_chars(cue_start, 16);
    let piece = &a.text[from..cue_start];
    let sep = piece.rfind('、')?;
    let item = &piece[sep + '、'.len_utf8()..];
    let start = from + sep + '、'.len_utf8();
    // an item is a name, not a clause (、党工委委员赵菊出席会议)
    let clause = a.hits.iter().any(|h| {
        h.start > start && h.end <= cue_start && matches!(h.pattern, Pattern::Boundary | Pattern::PersonCue(_))
    });
    (!item.is_empty() && item.chars().all(is_han) && !clause).then_some(start)
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

/// The start of a clause that opens with a word jieba does not know (a company's short name) and
/// runs to `cue_start` over nouns, verbs and adjectives only, within 20 characters.
fn clause_opening_name(a: &Analysis, res: &Resources, cue_start: usize) -> Option<usize> {
    let p = phrase_start(a, res, cue_start);
    let opens_clause = a
        .char_before(p)
        .is_none_or(|c| matches!(c, ',' | '。' | ';' | ':' | '\n' | '!' | '?'));
    if !opens_clause || a.char_len(p, cue_start) > 20 || a.char_len(p, cue_start) < 4 {
        return None;
    }
    let tokens = &a.tokens[a.token_index(p)..a.token_index(cue_start).max(a.token_index(p))];
    let first = tokens.first()?;
    let opens_with_name = first.start == p && first.pos == Pos::Unknown && a.char_len(first.start, first.end) >= 2;
    let compound = tokens.iter().all(|t| {
        matches!(
            t.pos,
            Pos::Noun | Pos::Verb | Pos::VerbNoun | Pos::Unknown | Pos::Adjective | Pos::ProperNoun
        )
    });
    (opens_with_name && compound).then_some(p)
}

/// The opening of the noun phrase ending at `end`: right after the nearest 的, program verb or
/// non-Chinese character within 24 characters.
fn phrase_start(a: &Analysis, res: &Resources, end: usize) -> usize {
    let mut p = end;
    for _ in 0..24 {
        let Some(c) = a.char_before(p) else { break };
        if !is_han(c) || c == '的' || res.lex.ends_with_program_verb(&a.text[..p]) {
            break;
        }
        p -= c.len_utf8();
    }
    p
}

/// Where a name introduced by a program verb starts (实施|智能网联新能源汽车万亿产业集群龙头引领|计划):
/// right after the nearest such verb in the clause, when what lies between is a noun phrase of at
/// least four characters — no punctuation, no boundary word but 和/与/及, not opening with a
/// pronoun, numeral or measure (实施|这一|计划).
fn introduced_start(a: &Analysis, res: &Resources, cue_start: usize) -> Option<usize> {
    let mut p = cue_start;
    let mut declaration: Option<(usize, usize)> = None;
    for _ in 0..24 {
        let c = a.char_before(p)?;
        // a short name declared for the words before it stays inside the name
        // (召开|机器人和智能装备业(以下简称智装业)发展|大会)
        if c == ')'
            && let Some(open) = a.text[..p].rfind('(')
            && !a.text[open..p - 1].contains(')')
            && a.declared_short_name(open).is_some()
            && a.char_len(open, p) <= 16
        {
            declaration = Some((open, p));
            p = open;
            continue;
        }
        // an item of a list of names the verb introduces (举办A论坛、B交流会): the item starts
        // after 、 when the item before it is such a name
        if c == '、' && a.char_len(p, cue_start) >= 4 {
            let sep = p - c.len_utf8();
            let listed = a
                .ending_at(sep)
                .filter(|h| matches!(h.pattern, Pattern::ProgramCue(_)))
                .any(|h| introduced_start(a, res, h.start).is_some());
            return listed.then_some(p);
        }
        if !(is_han(c) || c.is_ascii_alphanumeric() || c == '·' || c == '+') {
            return None;
        }
        // a quantity phrase is no part of a name (设立|规模5亿元的|…基金)
        if c == '的'
            && a.char_before(p - c.len_utf8())
                .is_some_and(|d| d.is_ascii_digit() || "元亿万个家".contains(d))
        {
            return None;
        }
        p -= c.len_utf8();
        let before = &a.text[..p];
        let after_verb = res.lex.program_verbs.iter().any(|v| {
            before.ends_with(v.as_str())
                || ["好", "了"]
                    .iter()
                    .any(|x| before.strip_suffix(x).is_some_and(|b| b.ends_with(v.as_str())))
        });
        if !after_verb || a.char_len(p, cue_start) < 4 || ["好", "了"].iter().any(|x| a.text[p..].starts_with(x)) {
            continue;
        }
        let opens_badly = a.token_at(p).is_some_and(|t| {
            t.start != p
                || matches!(
                    t.pos,
                    Pos::Pronoun | Pos::Numeral | Pos::Measure | Pos::Adverb | Pos::Particle | Pos::Preposition
                )
        });
        let clause = a.hits.iter().any(|h| {
            h.start >= p
                && h.end <= cue_start
                && declaration.is_none_or(|(open, close)| h.end <= open || h.start >= close)
                && (matches!(h.pattern, Pattern::PersonCue(_))
                    || matches!(h.pattern, Pattern::Boundary) && !matches!(&a.text[h.start..h.end], "和" | "与" | "及"))
        });
        return (!opens_badly && !clause).then_some(p);
    }
    None
}

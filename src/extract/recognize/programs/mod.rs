//! Programs: funds, policies, documents, strategies, brands, projects and events.
//!
//! They are named in four ways, each with its own evidence:
//! - a public lexicon of national programs (`programs.tsv`: 乡村振兴, 第一书记, 三会一课, and
//!   `programs_national.tsv`: the central government's named programs, strategies and events);
//! - 《…》 titles of documents (a 《》 title that is not a document — a book, a film — is skipped);
//! - quoted names “…” whose kind a cue noun gives (“邻里守望”党建品牌, “爱心助考”网络公益活动), or that a
//!   program verb introduces (实施“先投后股”), or that have the shape of a slogan (三会一课, 一区两群);
//! - names ending in a cue noun (重庆市创业种子投资引导基金, X项目) whose left part is specific: it
//!   holds a place, an organization, a word unknown to the dictionary or a year.
//!
//! Quoted names are read in `quoted.rs`, names ending in a cue noun in `cue_names.rs`.

mod cue_names;
mod quoted;

use super::Resources;
use super::boundary::left_edge;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::{Candidate, longest_ending_at};
use crate::extract::index::Pattern;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;
use regex::Regex;
use std::sync::LazyLock;

use cue_names::{cue_names, introduced_start};
use quoted::quoted;

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

/// Whether the span is one word of jieba's dictionary (专项行动, 天使基金): a kind, not a name.
fn dictionary_term(a: &Analysis, start: usize, end: usize) -> bool {
    a.token_at(start)
        .is_some_and(|t| t.start == start && t.end == end && t.pos != Pos::Unknown)
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

/// Extends a start leftwards over a year written before it (2022年…, or 2021… as event names
/// write it).
fn with_year(a: &Analysis, start: usize) -> usize {
    let before = &a.text[..start];
    let Some(rest) = before.strip_suffix('年') else {
        // a bare year of this century or the last, standing alone before the name
        let digits: String = before.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        let year = digits.len() == 4 && (digits.ends_with("02") || digits.ends_with("91"));
        let alone = before[..before.len() - digits.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.');
        return if year && alone { start - 4 } else { start };
    };
    let digits = rest.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 {
        start - '年'.len_utf8() - 4
    } else {
        start
    }
}

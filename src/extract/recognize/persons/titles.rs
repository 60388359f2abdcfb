//! Post titles in the text: a base title from `titles.tsv` with the modifiers written before it
//! (常务副, 党组), longest first. Persons, posts and completions read them.

use super::super::Resources;
use crate::extract::analysis::Analysis;
use crate::extract::index::Pattern;
use crate::extract::model::Subtype;

/// A post title in the text (区委书记, 执行副总裁, 记者).
#[derive(Debug, Clone, PartialEq)]
pub struct TitleSpan {
    pub start: usize,
    pub end: usize,
    pub subtype: Subtype,
    /// Heads the government of a place (see `Title::heads_place`).
    pub heads_place: bool,
    /// A role, not a post (see `Title::role_only`).
    pub role_only: bool,
    /// Membership, no form of address (see `Title::member`).
    pub member: bool,
}

/// Finds title spans: a base title with the modifiers written before it, longest first.
pub fn find_titles(a: &Analysis, res: &Resources) -> Vec<TitleSpan> {
    let mut spans: Vec<TitleSpan> = Vec::new();
    for hit in &a.hits {
        let Pattern::Title(i) = hit.pattern else { continue };
        // the title must end a word, or be followed by a name, space or punctuation
        let mut start = hit.start;
        loop {
            let modifier = a
                .ending_at(start)
                .filter(|h| matches!(h.pattern, Pattern::TitleModifier(_)))
                .map(|h| h.start)
                .min();
            match modifier {
                Some(s) if s < start => start = s,
                _ => break,
            }
        }
        spans.push(TitleSpan {
            start,
            end: hit.end,
            subtype: res.lex.titles[i].subtype,
            heads_place: res.lex.titles[i].heads_place,
            role_only: res.lex.titles[i].role_only,
            member: res.lex.titles[i].member,
        });
    }
    // keep maximal spans
    spans.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    let mut out: Vec<TitleSpan> = Vec::new();
    for t in spans {
        if let Some(last) = out.last_mut()
            && t.start < last.end
        {
            if t.end > last.end {
                // overlapping titles: the one ending later wins (主任 in 副主任医师 …)
                if t.end - t.start > last.end - last.start {
                    *last = t;
                }
            }
            continue;
        }
        out.push(t);
    }
    out
}

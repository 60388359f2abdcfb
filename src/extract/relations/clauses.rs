//! Clauses and subjects: the sentence structure the relation patterns read.
//!
//! A clause runs between , ; : and sentence ends. A mention is clause-initial (the clause's
//! subject) when only time words, adverbs, verbs and punctuation stand before it in its clause
//! (近年来，涪陵区积极探索…); a clause with no noun before its verb has left its subject out.

use crate::extract::analysis::{Analysis, Pos};
use crate::text::is_han;
use std::ops::Range;

/// The clause of the sentence `span` holding byte `b`.
pub fn clause_range(a: &Analysis, span: &Range<usize>, b: usize) -> Range<usize> {
    let text = &a.text[span.clone()];
    let rel = b - span.start;
    let is_sep = |c: char| matches!(c, ',' | ';' | ':' | '。' | '!' | '?');
    let start = text[..rel]
        .rfind(is_sep)
        .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let end = text[rel..].find(is_sep).map(|i| i + rel).unwrap_or(text.len());
    span.start + start..span.start + end
}

/// Whether no noun stands in `[start, end)` (全力打造…, 创新实施…): a clause without a subject.
pub fn subject_elided(a: &Analysis, start: usize, end: usize) -> bool {
    let (first, last) = (a.token_index(start), a.token_index(end).max(a.token_index(start)));
    let tokens = &a.tokens[first.min(a.tokens.len())..last.min(a.tokens.len())];
    // what follows 将/把 is the object put before the verb (将区域总部放在…)
    let before_object = tokens
        .iter()
        .position(|t| matches!(&a.text[t.start..t.end], "将" | "把"))
        .map_or(tokens, |i| &tokens[..i]);
    before_object.iter().all(|t| {
        !matches!(
            t.pos,
            Pos::Noun | Pos::PersonName | Pos::PlaceName | Pos::OrgName | Pos::ProperNoun | Pos::Unknown
        ) || !a.text[t.start..t.end].chars().any(is_han)
    })
}

/// Whether a mention starting at `b` is the subject of its clause.
pub fn clause_initial(a: &Analysis, span: &Range<usize>, b: usize) -> bool {
    let clause = clause_range(a, span, b);
    // 作为X的…区域，Y…: a clause opening with 作为 gives the subject a role; X is no subject;
    // 在X期间，… / 在X召开…: a place after a locative preposition is where, not who
    subject_elided(a, clause.start, b)
        && !a.text[clause.start..b].trim_start().starts_with("作为")
        && !matches!(a.char_before(b), Some('在' | '于' | '赴' | '到'))
}

//! The name model: how likely a span is a Chinese (or transliterated) name, from surnames
//! and given-name character statistics (`data/names/`) and how the span sits in jieba's words.

use super::super::Resources;
use super::{FUNCTION_SURNAME, ends_with_particle};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::index::Pattern;
use crate::text::is_han;

/// The name model: surnames and given-name character statistics.
pub struct NameModel<'r> {
    res: &'r Resources,
}

impl<'r> NameModel<'r> {
    pub fn new(res: &'r Resources) -> Self {
        Self { res }
    }

    /// How name-like a given-name character is, as a log-odds-like score.
    pub fn given_score(&self, c: char) -> f32 {
        if !is_han(c) {
            return -10.0;
        }
        let (given, running) = self.res.lex.given_chars.get(&c).copied().unwrap_or((0, 0));
        let given = given as f32;
        let running = running as f32 / 40.0;
        ((given + 1.0) / (given + running + 3.0)).ln()
    }

    /// How typical a character is of transliterated foreign names (克, 斯, 尔 …).
    pub fn foreign_score(&self, c: char) -> f32 {
        // a character absent from the table is no transliteration character: take its running-text
        // frequency from the given-name table, which lists every common character
        let running_of = |c: char| self.res.lex.given_chars.get(&c).map_or(0, |&(_, r)| r);
        let (foreign, running) = self
            .res
            .lex
            .foreign_chars
            .get(&c)
            .copied()
            .unwrap_or((0, running_of(c)));
        let (f, r) = (foreign as f32, running as f32 / 40.0);
        ((f + 1.0) / (f + r + 3.0)).ln()
    }

    /// How plausible a surname is, against how common its character is in running text: 张 is a
    /// name's start, 和 and 向 are words first.
    pub fn surname_score(&self, surname: &str) -> f32 {
        let seen = self.res.lex.surnames.get(surname).copied().unwrap_or(0) as f32;
        let running = surname
            .chars()
            .next()
            .and_then(|c| self.res.lex.given_chars.get(&c))
            .map_or(0, |&(_, r)| r) as f32;
        ((seen + 1.0) / (seen + running / 400.0 + 3.0)).ln()
    }

    /// Whether a surname starting at `pos` is more often a name than the function word it
    /// spells (何, 于 are; 和, 从, 由 are not).
    pub fn surname_before_word(&self, text: &str, pos: usize) -> bool {
        self.surname_at(text, pos)
            .is_some_and(|sl| self.surname_score(&text[pos..pos + sl]) >= FUNCTION_SURNAME)
    }

    /// The plausibility of the surname starting at `pos`, if one does.
    pub fn surname_strength(&self, text: &str, pos: usize) -> Option<f32> {
        self.surname_at(text, pos)
            .map(|sl| self.surname_score(&text[pos..pos + sl]))
    }

    /// The surname starting at `pos` (compound first), as its byte length.
    pub fn surname_at(&self, text: &str, pos: usize) -> Option<usize> {
        // slices of the text itself: this runs for every character the name tagger reads
        let mut chars = text[pos..].chars();
        let one = chars.next()?.len_utf8();
        if let Some(c2) = chars.next()
            && self
                .res
                .lex
                .surnames
                .contains_key(&text[pos..pos + one + c2.len_utf8()])
        {
            return Some(one + c2.len_utf8());
        }
        self.res.lex.surnames.contains_key(&text[pos..pos + one]).then_some(one)
    }

    /// Whether something that ends a name starts at `b`: punctuation, a cue, a title, a boundary word.
    fn right_bonus(&self, a: &Analysis, b: usize) -> f32 {
        match a.char_at(b) {
            None => 2.0,
            Some(c) if !is_han(c) => 2.0,
            Some(_) => {
                let cue = a.starting_at(b).any(|h| {
                    matches!(
                        h.pattern,
                        Pattern::PersonCue(_) | Pattern::Title(_) | Pattern::TitleModifier(_) | Pattern::Boundary
                    )
                });
                if cue { 2.0 } else { 0.0 }
            }
        }
    }

    /// The best name starting at `pos`, as (end, score).
    pub fn name_at(&self, a: &Analysis, pos: usize) -> Option<(usize, f32)> {
        let sl = self.surname_at(a.text, pos)?;
        let given_start = pos + sl;
        let mut best: Option<(usize, f32)> = None;
        let mut end = given_start;
        let mut sum = 0.0;
        for (n, c) in a.text[given_start..].chars().take(2).enumerate() {
            if !is_han(c) {
                break;
            }
            // a name does not swallow the first character of a title or cue
            if n > 0
                && a.starting_at(end)
                    .any(|h| matches!(h.pattern, Pattern::Title(_) | Pattern::PersonCue(_)))
            {
                break;
            }
            sum += self.given_score(c);
            end += c.len_utf8();
            // a given name that is one verb (强调 of 李强调研) ends the name before it, unless the
            // name slot ends right there after a true surname (市政协主席王守卫, | 赵婧含、): a
            // lone character left before the punctuation would be no word; 全 of 党员全覆盖。 is
            // the adverb first
            let slot_ends = a.char_at(end).is_none_or(|c| !is_han(c))
                && self.surname_score(&a.text[pos..given_start]) >= FUNCTION_SURNAME;
            if n == 1 && verb_given(a, given_start, end) && !slot_ends {
                break;
            }
            let len_prior = if n == 1 && sl <= 3 { 0.4 } else { 0.0 };
            let score = sum / (n + 1) as f32 + self.right_bonus(a, end) + len_prior + alignment(a, pos, end);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((end, score));
            }
        }
        best
    }

    /// The best name ending at `end`, as (start, score), with a name boundary before it.
    pub fn name_before(&self, a: &Analysis, end: usize) -> Option<(usize, f32)> {
        let mut best: Option<(usize, f32)> = None;
        for n in 2..=4 {
            let start = a.back_chars(end, n);
            if a.char_len(start, end) != n || !a.all_han(start, end) {
                break;
            }
            let left_ok = match a.char_before(start) {
                None => true,
                Some(c) if !is_han(c) => true,
                Some(_) => {
                    a.ending_at(start)
                        .any(|h| matches!(h.pattern, Pattern::Title(_) | Pattern::Boundary | Pattern::PersonCue(_)))
                        // after a body or place jieba knows (中国农科院|梅方权教授)
                        || a.token_at(start - 1).is_some_and(|t| {
                            t.end == start && matches!(t.pos, Pos::OrgName | Pos::PlaceName) && a.is_boundary(start)
                        })
                }
            };
            if !left_ok {
                continue;
            }
            let Some(sl) = self.surname_at(a.text, start) else {
                continue;
            };
            let given = &a.text[start + sl..end];
            let gl = given.chars().count();
            if !(1..=2).contains(&gl) || ends_with_particle(a, start, end) {
                continue;
            }
            let score = given.chars().map(|c| self.given_score(c)).sum::<f32>() / gl as f32
                + if gl == 2 && sl <= 3 { 0.4 } else { 0.0 }
                + 2.0
                + alignment(a, start, end);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((start, score));
            }
        }
        best
    }
}

/// How well a span agrees with jieba's words: a word jieba knows as a name, or unknown words
/// ending where the span ends, support it; a span ending inside a dictionary word does not.
fn alignment(a: &Analysis, start: usize, end: usize) -> f32 {
    let first = a.token_index(start);
    let last = a.token_index(end.saturating_sub(1));
    let tokens = &a.tokens[first.min(a.tokens.len())..(last + 1).min(a.tokens.len())];
    if tokens.len() == 1 && tokens[0].start == start && tokens[0].end == end && tokens[0].pos == Pos::PersonName {
        return 1.5;
    }
    if !a.is_boundary(end) {
        return -0.8;
    }
    // the name would swallow a separate verb or function word (柳进|听完)
    if tokens.len() > 1
        && tokens.last().is_some_and(|t| {
            t.start > start
                && matches!(
                    t.pos,
                    Pos::Verb | Pos::Adverb | Pos::Particle | Pos::Preposition | Pos::Conjunction | Pos::Pronoun
                )
        })
    {
        return -1.0;
    }
    if tokens.iter().all(|t| matches!(t.pos, Pos::Unknown | Pos::PersonName)) {
        1.0
    } else {
        0.6
    }
}

/// Whether a given name would be one dictionary verb or adverb (全|覆盖): not a name.
pub(super) fn verb_given(a: &Analysis, start: usize, end: usize) -> bool {
    a.token_at(start).is_some_and(|t| {
        // adjectives make good given names (卓然, 明远); verbs and adverbs do not
        t.start == start && t.end == end && matches!(t.pos, Pos::Verb | Pos::Adverb)
    })
}

/// Whether the span is one ordinary dictionary word (党建, 管理, 强调): not a name.
pub(super) fn dictionary_word(a: &Analysis, start: usize, end: usize) -> bool {
    a.token_at(start)
        .is_some_and(|t| t.start == start && t.end == end && !matches!(t.pos, Pos::PersonName | Pos::Unknown))
}

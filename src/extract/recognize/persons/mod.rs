//! Persons: names found from their contexts, sized by a name model.
//!
//! A Chinese name is a surname (one or two characters, `surnames.tsv`) and a one- or
//! two-character given name. Contexts find where a name must be: after a post title (区委书记李明远,
//! 记者 黄乔), before a speech or action verb (吴云坤说, 赵菊出席), before an honorific (李卫东教授),
//! alone on a byline line (刘玉珮 董韬 陈玉桦) or after an article's last sentence. The name model
//! decides its length: given-name characters are scored by how often they occur in names versus
//! running text (`given_chars.tsv`, learned from public data), and a name ends where a cue, a
//! boundary word or punctuation begins. Every confirmed name is then found everywhere in the
//! document.

mod addressed;
mod name_model;
mod tagged;
mod titles;

pub use name_model::NameModel;
pub use titles::{TitleSpan, find_titles};

use super::Resources;
use super::tagger::{Reading, is_middle_dot};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueKind;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;
use addressed::addressed_surnames;
use aho_corasick::AhoCorasick;
use name_model::{dictionary_word, verb_given};
use std::collections::BTreeMap;
use tagged::tagged_names;

/// Threshold after a post title, where a name must follow.
const AFTER_TITLE: f32 = -3.2;
/// Threshold for the second and later names of a list after a title (记者陶世安、徐运平).
const LISTED: f32 = -1.5;
/// Threshold for a name standing alone in running text.
const FREE: f32 = -1.8;
/// Threshold on the given-name score of a three-character name jieba knows as a name (邓小平).
const KNOWN_NAME: f32 = -2.2;
/// Threshold on the given-name score of a three-character time word read as a name (周恩来).
const TIME_WORD_NAME: f32 = -3.0;
/// Threshold on surname plausibility for a name standing alone (rejects 和|夫人, 向|市民).
const SURNAME: f32 = -2.5;
/// Threshold on surname plausibility where its character is read as a function word.
const FUNCTION_SURNAME: f32 = -1.0;
/// Names seen with a surname at least this often make it a common surname (张, 王, 李 …).
const COMMON_SURNAME: u32 = 300;
/// Threshold on the mean transliteration score of a foreign name.
const FOREIGN: f32 = -1.2;
/// Threshold on each character's transliteration score inside a dotted foreign name.
const FOREIGN_CHAR: f32 = -4.2;
/// Threshold on the mean transliteration score of a dotted foreign name (卡洛斯·阿马特).
const FOREIGN_DOTTED: f32 = -2.6;
/// Threshold on the name score for a name before a speech or action cue.
const STRONG: f32 = -2.6;
/// Threshold for weaker contexts (credit lines, article ends).
const WEAK: f32 = -1.8;

pub fn recognize(a: &Analysis, res: &Resources, reading: &Reading, titles: &[TitleSpan], out: &mut Vec<Candidate>) {
    let mut found = Vec::new();
    recognize_names(a, res, reading, titles, &mut found);
    addressed_surnames(a, res, titles, &mut found);
    // a name read without context that ends in a settlement word is a village or town (李家村)
    found.retain(|c| {
        !(matches!(c.rule, "free-name" | "tagged-name" | "foreign-name")
            && a.text[..c.end].ends_with(['村', '镇', '乡', '庄', '寨', '屯']))
    });
    out.extend(found);
}

/// One sense per document: a name read from its shape alone (the tagger's, a free name) that the
/// page elsewhere writes as a body its lexicons or suffixes know (江小白 the liquor company) is
/// that body, not a person.
pub fn yield_to_named_bodies(a: &Analysis, candidates: &mut Vec<Candidate>) {
    let bodies: std::collections::BTreeSet<String> = candidates
        .iter()
        .filter(|c| c.class == EntityClass::Organization && c.score >= 0.75 && c.rule != "tagged-org")
        .flat_map(|c| [Some(a.text[c.start..c.end].to_owned()), c.canonical.clone()])
        .flatten()
        .collect();
    candidates.retain(|c| {
        !(c.class == EntityClass::Person
            && matches!(c.rule, "free-name" | "tagged-name")
            && bodies.contains(&a.text[c.start..c.end]))
    });
}

/// Names from titles, cues, credit lines, the tagger and repetition.
fn recognize_names(a: &Analysis, res: &Resources, reading: &Reading, titles: &[TitleSpan], out: &mut Vec<Candidate>) {
    let model = NameModel::new(res);
    let tagged = tagged_names(a, res, &model, reading);
    let per = res.tagger.tags().class_index("PER");
    let mut found: BTreeMap<String, (Subtype, &'static str)> = BTreeMap::new();
    let mut push =
        |out: &mut Vec<Candidate>, start: usize, end: usize, subtype: Subtype, score: f32, rule: &'static str| {
            let name = &a.text[start..end];
            // a dictionary word is no name, unless the tagger is sure it is one here (董事长|柳江)
            let sure = tagged
                .iter()
                .any(|g| g.start == start && g.end == end && g.margin >= SURE_MARGIN);
            // a journalist's name before 报道/摄 is a name whatever jieba reads (记者|江建国|报道)
            let byline = subtype == Subtype::Journalist && ["报道", "摄"].iter().any(|w| a.text[end..].starts_with(w));
            if res.lex.not_entities.contains(name) || dictionary_word(a, start, end) && !sure && !byline {
                return;
            }
            out.push(Candidate::new(start, end, EntityClass::Person, subtype, score, rule));
            found.entry(name.to_owned()).or_insert((subtype, rule));
        };

    // After titles: 区委书记李明远, 记者 黄乔, 本报记者 夏元 张亦筑 黄光红.
    for t in titles {
        let mut pos = t.end;
        let mut spaced = false;
        while a.char_at(pos) == Some(' ') {
            pos += 1;
            spaced = true;
        }
        let mut count = 0;
        // the name starts a word of its own (党员|干部 is no name after 党员), and not with a
        // function word (党员|和|入党, 专家|和|部分)
        if !spaced && !a.is_boundary(pos) || function_word_at(a, pos) && !model.surname_before_word(a.text, pos) {
            continue;
        }
        while let Some((end, score)) = model.name_at(a, pos) {
            // names further down a list need more of a name's shape
            let threshold = if count > 0 && !spaced { LISTED } else { AFTER_TITLE };
            if score < threshold {
                break;
            }
            // the tagger reads a longer name here (a transliterated one: 斯捷|帕申)
            let end = tagged
                .iter()
                .find(|g| g.start == pos && g.end > end && g.shaped && unknown_words(a, end, g.end))
                .map_or(end, |g| g.end);
            // …or a shorter one, the last character starting the next word (市长王刚|率…代表团);
            // not in a byline, where spaces end every name
            let end = tagged
                .iter()
                .filter(|_| !spaced)
                .find(|g| g.start == pos && g.end < end && g.shaped && g.margin > 0.0 && a.char_len(pos, g.end) >= 2)
                .map_or(end, |g| g.end);
            push(out, pos, end, t.subtype, 0.85, "title-name");
            count += 1;
            // bylines list several names separated by spaces; a title heads names listed with 、
            // (记者陶世安、徐运平报道)
            let mut next = end;
            while a.char_at(next) == Some(' ') {
                next += 1;
            }
            let listed = a.char_at(end) == Some('、');
            if listed {
                next = end + '、'.len_utf8();
            }
            let spaced_list = spaced && next > end && t.subtype == Subtype::Journalist;
            if !(spaced_list || listed) || count >= 6 {
                break;
            }
            pos = next;
        }
    }

    // Before speech and action cues and honorifics: 吴云坤说, 赵菊出席, 习近平总书记.
    for hit in &a.hits {
        let Pattern::PersonCue(i) = hit.pattern else { continue };
        let kind = res.lex.person_cues[i].kind;
        if let Some((start, score)) = model.name_before(a, hit.start) {
            let (threshold, subtype) = match kind {
                CueKind::Speech => (STRONG, Subtype::Other),
                CueKind::Action => (WEAK, Subtype::Other),
                CueKind::TitleAfter => (WEAK, Subtype::Official),
                // not in the index: the address rule reads these
                CueKind::Address => continue,
            };
            // 向|市民说, 于|近期: a function word, not a surname
            let function_word = function_word_at(a, start)
                && (!model.surname_before_word(a.text, start)
                    || a.char_len(start, hit.start) == 3 && dictionary_word(a, a.forward_chars(start, 1), hit.start));
            if score >= threshold && !inside_word(a, start, hit.start) && !function_word {
                push(out, start, hit.start, subtype, 0.75, "cue-name");
                continue;
            }
        }
        // a word jieba knows as a name, Chinese or foreign, right before the cue (克林顿说)
        if let Some(t) = a.token_at(hit.start.wrapping_sub(1)).filter(|_| hit.start > 0)
            && t.end == hit.start
            && matches!(t.pos, Pos::PersonName | Pos::TransliteratedName)
            && (2..=5).contains(&a.char_len(t.start, t.end))
            && a.all_han(t.start, t.end)
        {
            let subtype = if kind == CueKind::TitleAfter {
                Subtype::Official
            } else {
                Subtype::Other
            };
            push(out, t.start, t.end, subtype, 0.7, "cue-name");
        }
    }

    // Credit lines: a line of two to four names and nothing else.
    let mut line_start = 0;
    for line in a.text.split('\n') {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        if (1..=5).contains(&words.len()) && line.chars().count() <= 24 {
            let mut spans = Vec::new();
            let mut pos = line_start;
            for w in &words {
                let at = line_start + line[pos - line_start..].find(w).unwrap_or(0) + (pos - line_start);
                let wl = w.chars().count();
                let ok = (2..=4).contains(&wl)
                    && w.chars().all(is_han)
                    && model
                        .name_at(a, at)
                        .is_some_and(|(end, s)| end == at + w.len() && s >= WEAK + 1.0);
                if !ok {
                    spans.clear();
                    break;
                }
                spans.push((at, at + w.len()));
                pos = at + w.len();
            }
            if spans.len() >= 2 || (spans.len() == 1 && line.trim().chars().count() <= 3 && ends_article(a, line_start))
            {
                for (s, e) in spans {
                    push(out, s, e, Subtype::Journalist, 0.7, "credit-line");
                }
            }
        }
        line_start += line.len() + 1;
    }

    // A name right after an article's last sentence: …奠定了坚实基础。詹咏杰
    for s in &a.doc.sentences {
        let piece = &a.text[s.span.clone()];
        let n = piece.chars().count();
        let paragraph_end = a.char_at(s.span.end).is_none_or(|c| c == '\n');
        let after_terminal = a
            .char_before(s.span.start)
            .is_some_and(|c| matches!(c, '。' | '!' | '?' | '”'));
        if (2..=3).contains(&n)
            && paragraph_end
            && after_terminal
            && piece.chars().all(is_han)
            && let Some((end, score)) = model.name_at(a, s.span.start)
            && end == s.span.end
            && score >= WEAK + 1.5
        {
            push(out, s.span.start, end, Subtype::Journalist, 0.6, "byline-end");
        }
    }

    // Transliterated names joined by a middle dot: 卡洛斯·阿马特, 维姆·杜伊森贝赫. Each side is a run of
    // jieba's words that are names, unknown, or single transliteration characters.
    let foreign_word = |t: &crate::extract::analysis::Token| {
        let chars_fit = a.text[t.start..t.end]
            .chars()
            .all(|c| model.foreign_score(c) >= FOREIGN_CHAR);
        a.all_han(t.start, t.end)
            && match t.pos {
                // jieba's own transliterations (安东尼奥) need no character check
                Pos::TransliteratedName | Pos::PersonName => true,
                Pos::Unknown => chars_fit,
                _ => chars_fit && a.char_len(t.start, t.end) == 1,
            }
            && !a.has_starting(t.start, |p| {
                matches!(p, Pattern::Title(_) | Pattern::Boundary | Pattern::PersonCue(_))
            })
    };
    for (dot, ch) in a.text.char_indices().filter(|&(_, c)| is_middle_dot(c)) {
        let mut start = dot;
        while let Some(t) = a.token_at(start.wrapping_sub(1)).filter(|_| start > 0) {
            if t.end != start || !foreign_word(t) || a.char_len(t.start, dot) > 6 {
                break;
            }
            start = t.start;
        }
        let mut end = dot + ch.len_utf8();
        let mut parts = 1;
        while let Some(t) = a.token_at(end) {
            let mut token = a.text[t.start..t.end].chars();
            let is_dot = token.next().is_some_and(is_middle_dot) && token.next().is_none();
            if is_dot && a.char_at(t.end).is_some_and(is_han) && end > dot + ch.len_utf8() {
                parts += 1;
            } else if t.start != end || !foreign_word(t) || a.char_len(dot, t.end) > 12 {
                break;
            }
            end = t.end;
        }
        // jieba may glue a name's outer characters to the words around it (部长卡|…, …|马斯说):
        // characters of transliterations extend it up to a title, cue or boundary word
        let stops_at = |b: usize| {
            a.hits.iter().any(|h| {
                (h.end == b || h.start == b)
                    && matches!(h.pattern, Pattern::Title(_) | Pattern::PersonCue(_) | Pattern::Boundary)
            })
        };
        if start == dot
            || a.token_at(start - 1)
                .is_some_and(|t| t.end == start && t.pos == Pos::Unknown)
        {
            while let Some(c) = a.char_before(start) {
                if !is_han(c) || model.foreign_score(c) < FOREIGN_CHAR || stops_at(start) || a.char_len(start, dot) >= 6
                {
                    break;
                }
                start -= c.len_utf8();
            }
        }
        while let Some(c) = a.char_at(end) {
            if !is_han(c) || model.foreign_score(c) < FOREIGN_CHAR || stops_at(end) || a.char_len(dot, end) >= 12 {
                break;
            }
            end += c.len_utf8();
        }
        // a demonym before the name is not part of it (荷兰人|维姆·…)
        if let Some(t) = a.token_at(start).filter(|t| t.start == start && t.end < dot)
            && a.text[t.start..t.end].ends_with('人')
        {
            start = t.end;
        }
        let letters: Vec<char> = a.text[start..end].chars().filter(|c| is_han(*c)).collect();
        let mean = letters.iter().map(|&c| model.foreign_score(c)).sum::<f32>() / letters.len().max(1) as f32;
        if a.char_len(start, dot) >= 2 && a.char_len(dot, end) >= 3 && parts <= 3 && mean >= FOREIGN_DOTTED {
            push(out, start, end, Subtype::Other, 0.8, "foreign-dotted");
        }
    }

    // Names standing alone in running text: words jieba does not know that fit the name model
    // and stand where a name can (张铁发的话, ，吴佩民为了), or that look transliterated (克林顿).
    // They are weaker evidence: they do not make other occurrences names.
    let mut free = Vec::new();
    for t in &a.tokens {
        if !a.all_han(t.start, t.end) {
            continue;
        }
        let n = a.char_len(t.start, t.end);
        let chinese = model
            .surname_at(a.text, t.start)
            .filter(|&sl| (1..=2).contains(&a.char_len(t.start + sl, t.end)));
        let given_score = |sl: usize| {
            let given = &a.text[t.start + sl..t.end];
            given.chars().map(|c| model.given_score(c)).sum::<f32>() / given.chars().count() as f32
        };
        let surname_ok = |sl: usize| model.surname_score(&a.text[t.start..t.start + sl]) >= SURNAME;
        let accepted = match (t.pos, chinese) {
            // a word jieba does not know, shaped and placed like a name
            (Pos::Unknown, Some(sl)) => {
                (2..=4).contains(&n)
                    && name_slot(a, t.start, t.end)
                    && surname_ok(sl)
                    && given_score(sl) >= FREE
                    && !verb_given(a, t.start + sl, t.end)
            }
            // jieba's dictionary files a few famous names as time words (周恩来 as t); time words
            // proper (明年初, 明后天) have given parts far from a name's
            (Pos::Time, Some(sl)) if n == 3 => {
                let surname = &a.text[t.start..t.start + sl];
                res.lex.surnames.get(surname).copied().unwrap_or(0) >= COMMON_SURNAME
                    && given_score(sl) >= TIME_WORD_NAME
            }
            // jieba's name words of three characters are names; two-character ones are often words
            (Pos::PersonName, Some(sl)) => {
                let surname = &a.text[t.start..t.start + sl];
                let common = res.lex.surnames.get(surname).copied().unwrap_or(0) >= COMMON_SURNAME;
                (n >= 3 && surname_ok(sl) && given_score(sl) >= KNOWN_NAME && !verb_given(a, t.start + sl, t.end))
                    || (n == 2 && common && name_slot(a, t.start, t.end) && given_score(sl) >= FREE + 0.8)
            }
            (Pos::TransliteratedName, _) => n >= 2 && name_slot(a, t.start, t.end),
            (Pos::Unknown | Pos::PersonName, None) => {
                (3..=8).contains(&n)
                    && a.text[t.start..t.end]
                        .chars()
                        .map(|c| model.foreign_score(c))
                        .sum::<f32>()
                        / n as f32
                        >= FOREIGN
            }
            _ => false,
        };
        // with a learned tagger, a free name must also be what the tagger reads there
        let agreed = || {
            per.and_then(|per| reading.odds(per, t.start, t.end))
                .is_none_or(|odds| odds >= FREE_NAME_ODDS)
        };
        if accepted && agreed() {
            let rule = if chinese.is_some() { "free-name" } else { "foreign-name" };
            free.push(Candidate::new(
                t.start,
                t.end,
                EntityClass::Person,
                Subtype::Other,
                0.5,
                rule,
            ));
        }
    }
    out.extend(
        free.into_iter()
            .filter(|c| !res.lex.not_entities.contains(&a.text[c.start..c.end])),
    );
    out.extend(
        tagged
            .iter()
            .filter(|t| t.shaped)
            .map(|t| Candidate::new(t.start, t.end, EntityClass::Person, Subtype::Other, 0.55, "tagged-name")),
    );

    // Names coordinated with a found name: 王若飞和李培之同志, 陶世安、徐运平.
    let mut frontier: Vec<usize> = out
        .iter()
        .filter(|c| c.class == EntityClass::Person)
        .map(|c| c.end)
        .collect();
    let mut rounds = 0;
    while !frontier.is_empty() && rounds < 5 {
        rounds += 1;
        let mut next = Vec::new();
        for end in std::mem::take(&mut frontier) {
            let Some(joiner) = a.char_at(end).filter(|c| matches!(c, '和' | '与' | '及' | '、')) else {
                continue;
            };
            let pos = end + joiner.len_utf8();
            if out.iter().any(|c| c.class == EntityClass::Person && c.start == pos) {
                continue;
            }
            if let Some((e, score)) = model.name_at(a, pos)
                && score >= LISTED
                && a.is_boundary(pos)
                && !dictionary_word(a, pos, e)
            {
                push(out, pos, e, Subtype::Other, 0.7, "coordinated-name");
                next.push(e);
            }
        }
        frontier = next;
    }

    // Everywhere a confirmed name occurs.
    if found.is_empty() {
        return;
    }
    let names: Vec<&String> = found.keys().collect();
    let Ok(ac) = AhoCorasick::new(&names) else { return };
    for m in ac.find_iter(a.text) {
        let (s, e) = (m.start(), m.end());
        let before_ok = a.char_before(s).is_none_or(|c| !is_han(c)) || a.is_boundary(s);
        if before_ok && !inside_word(a, s, e) {
            let (subtype, _) = found[names[m.pattern().as_usize()]];
            out.push(Candidate::new(s, e, EntityClass::Person, subtype, 0.7, "name-repeat"));
        }
    }
}

/// Threshold on the tagger's odds for a name standing alone (free and foreign names).
const FREE_NAME_ODDS: f32 = -20.0;
/// Margin above which a tagged three-character name may be a dictionary word.
const SURE_MARGIN: f32 = 15.0;
/// Whether `start..end` ends a word and holds only words jieba does not know or knows as names.
fn unknown_words(a: &Analysis, start: usize, end: usize) -> bool {
    a.is_boundary(end)
        && a.tokens[a.token_index(start)..a.token_index(end).min(a.tokens.len())]
            .iter()
            .all(|t| {
                matches!(t.pos, Pos::Unknown | Pos::PersonName | Pos::TransliteratedName)
                    && (a.all_han(t.start, t.end) || a.text[t.start..t.end].chars().all(is_middle_dot))
            })
}

/// Whether a name can stand between what precedes and what follows the span: punctuation, a
/// preposition, conjunction or particle before it; punctuation, a verb, a particle or a cue after it.
fn name_slot(a: &Analysis, start: usize, end: usize) -> bool {
    let before_ok = match a.char_before(start) {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(_) => {
            a.ending_at(start)
                .any(|h| matches!(h.pattern, Pattern::Title(_) | Pattern::Boundary))
                || a.token_at(start - 1).is_some_and(|t| {
                    t.end == start && matches!(t.pos, Pos::Preposition | Pos::Conjunction | Pos::Particle | Pos::Verb)
                })
        }
    };
    let after_ok = match a.char_at(end) {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(_) => {
            a.starting_at(end)
                .any(|h| matches!(h.pattern, Pattern::PersonCue(_) | Pattern::Title(_) | Pattern::Boundary))
                || a.token_at(end).is_some_and(|t| {
                    t.start == end && matches!(t.pos, Pos::Verb | Pos::Particle | Pos::Adverb | Pos::Preposition)
                })
        }
    };
    before_ok && after_ok
}

/// Whether the span cuts a dictionary word of jieba in the middle at its end
/// (a name is not the start of a longer word, unless a cue follows).
fn inside_word(a: &Analysis, start: usize, end: usize) -> bool {
    let Some(t) = a.token_at(end.saturating_sub(1)) else {
        return false;
    };
    let crosses = t.end > end && t.start >= start && !matches!(t.pos, Pos::Unknown | Pos::PersonName);
    crosses
        && !a
            .starting_at(end)
            .any(|h| matches!(h.pattern, Pattern::PersonCue(_) | Pattern::Title(_) | Pattern::Boundary))
}

/// Whether the line at `line_start` is followed by the end of the text or an article boundary.
fn ends_article(a: &Analysis, line_start: usize) -> bool {
    let rest = &a.text[line_start..];
    match rest.find('\n') {
        None => true,
        Some(i) => {
            let next = rest[i + 1..].split('\n').next().unwrap_or("");
            next.chars().count() < 30
        }
    }
}

/// Whether a one-character function word (和, 与, 在, 的) starts at `b`: no name starts there.
fn function_word_at(a: &Analysis, b: usize) -> bool {
    a.token_at(b).is_some_and(|t| {
        t.start == b
            && a.char_len(t.start, t.end) == 1
            && matches!(
                t.pos,
                Pos::Conjunction | Pos::Preposition | Pos::Particle | Pos::Pronoun
            )
    })
}

/// Whether the span ends with a separate particle (鲜明|地): an adverb, not a name.
fn ends_with_particle(a: &Analysis, start: usize, end: usize) -> bool {
    a.token_at(end.saturating_sub(1))
        .is_some_and(|t| t.start > start && t.end == end && t.pos == Pos::Particle)
}

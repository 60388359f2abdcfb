//! Names the statistical tagger finds, checked against the name model's idea of a name's shape.

use super::super::Resources;
use super::super::tagger::{Reading, is_middle_dot};
use super::name_model::{NameModel, dictionary_word};
use super::{FOREIGN_DOTTED, SURE_MARGIN, SURNAME, unknown_words};
use crate::extract::analysis::Analysis;
use crate::text::is_han;

/// A name the statistical tagger finds; `shaped` when the name model agrees that the span is
/// shaped like a name (a surname and a one- or two-character given name, or a run of
/// transliteration characters) and is no dictionary word.
pub(super) struct TaggedSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) shaped: bool,
    /// The tagger's smallest margin for the name's characters.
    pub(super) margin: f32,
}

/// The names the statistical tagger finds in a document.
pub(super) fn tagged_names(a: &Analysis, res: &Resources, model: &NameModel, reading: &Reading) -> Vec<TaggedSpan> {
    let mut names = Vec::new();
    let Some(per) = res.tagger.tags().class_index("PER") else {
        return names;
    };
    let debug = std::env::var_os("GUANXI_DEBUG").is_some();
    for name in reading.spans.iter().filter(|s| s.class == per) {
        let (start, end) = (name.start, name.end);
        let n = a.char_len(start, end);
        let text = &a.text[start..end];
        let letters: Vec<char> = text.chars().filter(|&c| is_han(c)).collect();
        // han characters, and middle dots between them only (约翰·普雷斯科特)
        let dotted = text.chars().any(is_middle_dot);
        let well_formed = letters.len() + text.chars().filter(|&c| is_middle_dot(c)).count() == n
            && text.chars().next().is_some_and(is_han)
            && text.chars().last().is_some_and(is_han)
            && !text.contains("··");
        let chinese = model
            .surname_at(a.text, start)
            .filter(|&sl| !dotted && (1..=2).contains(&a.char_len(start + sl, end)));
        let shaped = match chinese {
            Some(sl) => {
                let given = &a.text[start + sl..end];
                let mean = given.chars().map(|c| model.given_score(c)).sum::<f32>() / given.chars().count() as f32;
                model.surname_score(&a.text[start..start + sl]) >= SURNAME && mean >= TAGGED_GIVEN
            }
            // jieba's own transliterations on both sides of a dot need no character check
            None if dotted && unknown_words(a, start, end) => true,
            None => {
                letters.iter().map(|&c| model.foreign_score(c)).sum::<f32>() / letters.len().max(1) as f32
                    >= FOREIGN_DOTTED
            }
        };
        let shaped = shaped
                && (2..=12).contains(&n)
                && well_formed
                && name.margin >= TAGGED_MARGIN
                && !res.lex.not_entities.contains(text)
                // a dictionary word only when the tagger is sure (江建国 is a place word to jieba)
                && (!dictionary_word(a, start, end) || chinese.is_some() && n == 3 && name.margin >= SURE_MARGIN);
        if debug {
            eprintln!("[tagged] {text} margin={:.1} shaped={shaped}", name.margin);
        }
        names.push(TaggedSpan {
            start,
            end,
            shaped,
            margin: name.margin,
        });
    }
    names
}

/// Threshold on the mean given-name score of a tagged Chinese name.
const TAGGED_GIVEN: f32 = -4.5;

/// Threshold on the tagger's margin for the name tags over `O`.
const TAGGED_MARGIN: f32 = 0.0;

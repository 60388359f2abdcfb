//! A learned entity tagger: an averaged structured perceptron over characters that labels
//! persons, places and organizations (B/M/E/S of each class, or O), decoded with Viterbi.
//!
//! Hand rules find entities where the text or the lexicons say so (a title before a name, a
//! suffix after a body, a gazetteer entry); in plain prose from a province the rules were not
//! tuned on, many entities have no such anchor. The tagger reads a window of characters, jieba's
//! words and parts of speech, the lexicon and gazetteer hits around and over each character, and
//! the name model's classes, and learns from public NER data (`examples/train_tagger.rs`,
//! `scripts/train_tagger.sh`) which spans are entities. It is shipped as `data/tagger/entities.tsv`,
//! one readable feature per line with a weight per tag. Recognizers that know more decide on top
//! of it: persons ask the name model whether a tagged span is shaped like a name, and tagged
//! places and bodies get their type, subtype and canonical name from the gazetteer and the
//! suffix grammar (`recognize::tagged`).

mod input;
mod model;
mod table;
mod train;

pub use input::{FeatureBuf, TaggerInput, is_middle_dot};
pub use model::{TagSet, TaggedSpan, Tagger, Tagging, spans};
pub use train::{Trainer, gold_tags};

use crate::extract::analysis::Analysis;
use crate::extract::recognize::Resources;
use crate::extract::recognize::persons::NameModel;

/// A span the tagger read in a document, in bytes of the analysed text.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadSpan {
    pub start: usize,
    pub end: usize,
    pub class: usize,
    pub margin: f32,
    pub confidence: f32,
}

/// What the tagger reads in a document: its spans, and per sentence its scores.
#[derive(Default)]
pub struct Reading {
    pub spans: Vec<ReadSpan>,
    sentences: Vec<(TaggerInput, Tagging)>,
}

impl Reading {
    /// Tags every sentence of an analysed document (nothing without a learned model).
    pub fn new(a: &Analysis, res: &Resources) -> Self {
        let mut reading = Reading::default();
        if res.tagger.is_empty() {
            return reading;
        }
        let model = NameModel::new(res);
        let debug = std::env::var_os("GUANXI_DEBUG").is_some();
        for s in &a.doc.sentences {
            let input = TaggerInput::new(a, &model, s.span.clone());
            let tagging = res.tagger.tag(&input);
            for t in &tagging.spans {
                let start = input.offsets[t.chars.start];
                let last = input.offsets[t.chars.end - 1];
                let end = last + a.char_at(last).map_or(1, char::len_utf8);
                if debug {
                    let class = &res.tagger.tags().classes()[t.class];
                    eprintln!(
                        "[tagger] {} {class} margin={:.1} confidence={:.1}",
                        &a.text[start..end],
                        t.margin,
                        t.confidence
                    );
                }
                reading.spans.push(ReadSpan {
                    start,
                    end,
                    class: t.class,
                    margin: t.margin,
                    confidence: t.confidence,
                });
            }
            reading.sentences.push((input, tagging));
        }
        reading
    }

    /// The tagger's odds that bytes `start..end` are one span of `class` (`None` without a
    /// tagger or when the span crosses sentences).
    pub fn odds(&self, class: usize, start: usize, end: usize) -> Option<f32> {
        // sentences are in text order: the last one starting at or before `start`
        let at = self
            .sentences
            .partition_point(|(input, _)| input.offsets.first().is_some_and(|&b| b <= start));
        let (input, tagging) = self
            .sentences
            .get(at.checked_sub(1)?)
            .filter(|(input, _)| input.covers(end))?;
        let first = input.offsets.binary_search(&start).ok()?;
        let last = input.offsets.partition_point(|&b| b < end);
        Some(tagging.odds(class, first..last))
    }
}

//! Learning the tagger: the averaged structured perceptron (Collins 2002), with the usual
//! trick of stamping each update with its step so that the average is one subtraction at the end.

use super::input::{FeatureBuf, TaggerInput};
use super::model::{B, E, M, Rows, S, TagSet, Tagger, write_tsv};
use std::ops::Range;

/// Learns a tagger with the averaged perceptron.
pub struct Trainer {
    model: Tagger,
    /// Sum of updates times the step they were made at (for averaging), laid out as the weights.
    stamped: Vec<f32>,
    stamped_transitions: Vec<f32>,
    names: Vec<String>,
    step: f32,
}

impl Trainer {
    pub fn new(tags: TagSet) -> Self {
        let n = tags.len();
        Self {
            model: Tagger::empty(tags),
            stamped: Vec::new(),
            stamped_transitions: vec![0.0; n * n],
            names: Vec::new(),
            step: 1.0,
        }
    }

    pub fn tags(&self) -> &TagSet {
        &self.model.tags
    }

    /// One perceptron step on a sentence with gold tags; returns whether it was tagged right.
    pub fn learn(&mut self, input: &TaggerInput, gold: &[usize], buf: &mut FeatureBuf) -> bool {
        let n = self.model.tags.len();
        let emissions = self.model.emissions(input, buf);
        let predicted = self.model.viterbi(&emissions);
        let right = predicted == gold;
        if !right {
            let step = self.step;
            let Self {
                model, stamped, names, ..
            } = self;
            for i in 0..input.len() {
                if predicted[i] == gold[i] || !input.taggable(i) {
                    continue;
                }
                let (g, p) = (gold[i], predicted[i]);
                input.features(i, buf, |key, name| {
                    let row = row_of(&mut model.rows, &mut model.weights, stamped, names, n, key, name);
                    model.weights[row * n + g] += 1.0;
                    model.weights[row * n + p] -= 1.0;
                    stamped[row * n + g] += step;
                    stamped[row * n + p] -= step;
                });
            }
            for i in 1..input.len() {
                let (gp, gt, pp, pt) = (gold[i - 1], gold[i], predicted[i - 1], predicted[i]);
                if (gp, gt) != (pp, pt) {
                    self.model.transitions[gp * n + gt] += 1.0;
                    self.model.transitions[pp * n + pt] -= 1.0;
                    self.stamped_transitions[gp * n + gt] += step;
                    self.stamped_transitions[pp * n + pt] -= step;
                }
            }
        }
        self.step += 1.0;
        right
    }

    /// The averaged model as TSV, features sorted, features whose weights are all below
    /// `prune` dropped.
    pub fn to_tsv(&self, prune: f32, header: &str) -> String {
        let n = self.model.tags.len();
        let avg = |w: f32, u: f32| w - u / self.step;
        let mut rows = Vec::new();
        for (row, name) in self.names.iter().enumerate() {
            let a: Vec<f32> = (0..n)
                .map(|k| avg(self.model.weights[row * n + k], self.stamped[row * n + k]))
                .collect();
            if a.iter().any(|x| x.abs() >= prune) {
                rows.push((name.clone(), a));
            }
        }
        let transitions: Vec<f32> = (0..n * n)
            .map(|k| avg(self.model.transitions[k], self.stamped_transitions[k]))
            .collect();
        write_tsv(header, &self.model.tags, rows, &transitions)
    }

    /// The model learned so far, not averaged (for progress reports).
    pub fn snapshot(&self) -> &Tagger {
        &self.model
    }
}

fn row_of(
    rows: &mut Rows,
    weights: &mut Vec<f32>,
    stamped: &mut Vec<f32>,
    names: &mut Vec<String>,
    n: usize,
    key: u64,
    name: &str,
) -> usize {
    *rows.entry(key).or_insert_with(|| {
        names.push(name.to_owned());
        weights.extend(std::iter::repeat_n(0.0, n));
        stamped.extend(std::iter::repeat_n(0.0, n));
        (names.len() - 1) as u32
    }) as usize
}

/// BMES tags of a sentence of `len` characters with spans (char ranges) of classes.
pub fn gold_tags(tags: &TagSet, len: usize, spans: &[(Range<usize>, usize)]) -> Vec<usize> {
    let o = tags.outside();
    let mut seq = vec![o; len];
    for (r, class) in spans {
        if r.end > len || r.is_empty() || r.clone().any(|i| seq[i] != o) {
            continue;
        }
        if r.len() == 1 {
            seq[r.start] = tags.tag(*class, S);
        } else {
            seq[r.start] = tags.tag(*class, B);
            for t in &mut seq[r.start + 1..r.end - 1] {
                *t = tags.tag(*class, M);
            }
            seq[r.end - 1] = tags.tag(*class, E);
        }
    }
    seq
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_perceptron_learns_what_it_is_shown() {
        use crate::extract::Lexicons;
        use crate::extract::analysis::Analysis;
        use crate::extract::recognize::Resources;
        use crate::extract::recognize::persons::NameModel;
        use crate::text::Document;
        let res = Resources::new(Lexicons::builtin().expect("built-in lexicons"));
        let tags = TagSet::new(&["PER", "ORG"]);
        // (text, spans): a person and an organization in invented sentences
        let examples = [
            ("王小明在青石公司工作。", vec![(0..3, 0), (4..8, 1)]),
            ("李大海来到红木公司参观。", vec![(0..3, 0), (5..9, 1)]),
            ("张文在绿叶公司任职。", vec![(0..2, 0), (3..7, 1)]),
        ];
        let prepared: Vec<(TaggerInput, Vec<usize>)> = examples
            .iter()
            .map(|(text, spans)| {
                let doc = Document::from_text("t", text);
                let a = Analysis::new(&doc, &res);
                let input = TaggerInput::new(&a, &NameModel::new(&res), 0..doc.text().len());
                let gold = gold_tags(&tags, input.len(), spans);
                (input, gold)
            })
            .collect();
        let mut trainer = Trainer::new(tags.clone());
        let mut buf = FeatureBuf::default();
        for _ in 0..10 {
            for (input, gold) in &prepared {
                trainer.learn(input, gold, &mut buf);
            }
        }
        let model = Tagger::from_tsv(&trainer.to_tsv(0.0, "# test\n")).expect("the written model parses");
        for (input, gold) in &prepared {
            let read: Vec<(Range<usize>, usize)> = model
                .tag(input)
                .spans
                .iter()
                .map(|s| (s.chars.clone(), s.class))
                .collect();
            assert_eq!(read, super::super::model::spans(&tags, gold));
        }
    }

    #[test]
    fn gold_tags_mark_each_class() {
        let tags = TagSet::new(&["PER", "LOC"]);
        assert_eq!(gold_tags(&tags, 5, &[(1..3, 0), (4..5, 1)]), vec![8, 0, 2, 8, 7]);
    }
}

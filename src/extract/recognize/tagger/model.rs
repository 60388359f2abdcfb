//! The learned weights and decoding: per-character emission scores, tag transitions, Viterbi
//! under the BMES constraints of each class.
//!
//! Tags are `B`, `M`, `E`, `S` of each class (class `c` has tags `4c..4c+4`) and a last `O`:
//! with one class that is the person tagger's `B M E S O`.

use super::input::{FeatureBuf, TaggerInput};
use super::table::WeightTable;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

pub(super) const B: usize = 0;
pub(super) const M: usize = 1;
pub(super) const E: usize = 2;
pub(super) const S: usize = 3;
const POSITIONS: [&str; 4] = ["B", "M", "E", "S"];

/// Feature keys are already hashes: the map uses them as they are.
#[derive(Default, Clone)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Feature key → its row in a flat weight table.
pub(super) type Rows = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// A tag set: the classes, and the layout of their tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagSet {
    classes: Vec<String>,
}

impl TagSet {
    pub fn new(classes: &[&str]) -> Self {
        Self {
            classes: classes.iter().map(|c| (*c).to_owned()).collect(),
        }
    }
    /// Number of tags: four per class and `O`.
    pub fn len(&self) -> usize {
        4 * self.classes.len() + 1
    }
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
    pub fn outside(&self) -> usize {
        4 * self.classes.len()
    }
    pub fn classes(&self) -> &[String] {
        &self.classes
    }
    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == name)
    }
    /// The tag of `position` (B, M, E, S) in class `class`.
    pub fn tag(&self, class: usize, position: usize) -> usize {
        4 * class + position
    }
    /// A tag's readable name (`B-PER`, `O`).
    pub fn name(&self, tag: usize) -> String {
        if tag == self.outside() {
            "O".to_owned()
        } else {
            format!("{}-{}", POSITIONS[tag % 4], self.classes[tag / 4])
        }
    }
    /// Whether tag `to` may follow tag `from` (`None`: the sentence start).
    pub fn allowed(&self, from: Option<usize>, to: usize) -> bool {
        let o = self.outside();
        match from {
            Some(f) if f != o && matches!(f % 4, B | M) => to != o && to / 4 == f / 4 && matches!(to % 4, M | E),
            _ => to == o || matches!(to % 4, B | S),
        }
    }
    /// Whether a sequence may end on `tag`.
    fn may_end(&self, tag: usize) -> bool {
        tag == self.outside() || matches!(tag % 4, E | S)
    }
}

/// The learned weights: one row of tag scores per feature, and tag-to-tag transitions.
///
/// While training, weights grow in `rows` and `weights`; a model read from its file is frozen
/// into `table`, the cache-friendly form extraction reads.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(super) tags: TagSet,
    pub(super) rows: Rows,
    /// `rows.len() × tags.len()` scores.
    pub(super) weights: Vec<f32>,
    /// The frozen weights (empty while training).
    table: WeightTable,
    /// `tags.len() × tags.len()`: from row to column.
    pub(super) transitions: Vec<f32>,
}

impl Default for Tagger {
    fn default() -> Self {
        Self::empty(TagSet::new(&[]))
    }
}

/// A tagged span: a char range of the input, its class, and the smallest margin by which its
/// characters' tags beat `O`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSpan {
    pub chars: Range<usize>,
    pub class: usize,
    pub margin: f32,
    /// How much the decoded path's score drops when the span is read as outside instead
    /// (emissions and transitions): the tagger's confidence in the span as a whole.
    pub confidence: f32,
}

impl Tagger {
    pub fn empty(tags: TagSet) -> Self {
        let n = tags.len();
        Self {
            tags,
            rows: Rows::default(),
            weights: Vec::new(),
            table: WeightTable::default(),
            transitions: vec![0.0; n * n],
        }
    }

    pub fn tags(&self) -> &TagSet {
        &self.tags
    }

    /// Reads the TSV written by training: `# classes: A B …` names the classes, then one
    /// feature per line with a weight per tag; malformed lines name their line number.
    pub fn from_tsv(text: &str) -> Result<Self, String> {
        let mut t: Option<Tagger> = None;
        for (n, line) in text.lines().enumerate() {
            if let Some(classes) = line.strip_prefix("# classes:") {
                let classes: Vec<&str> = classes.split_whitespace().collect();
                t = Some(Tagger::empty(TagSet::new(&classes)));
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let t = t
                .as_mut()
                .ok_or_else(|| format!("line {}: a feature before the `# classes:` line", n + 1))?;
            let size = t.tags.len();
            let mut fields = line.split('\t');
            let name = fields.next().unwrap_or_default();
            let mut w = Vec::with_capacity(size);
            for f in fields {
                w.push(
                    f.parse::<f32>()
                        .map_err(|_| format!("line {}: bad weight {f:?}", n + 1))?,
                );
            }
            if w.len() != size {
                return Err(format!("line {}: expected a feature and {size} weights", n + 1));
            }
            if let Some(from) = name.strip_prefix("transition:") {
                let i = (0..size)
                    .find(|&k| t.tags.name(k) == from)
                    .ok_or_else(|| format!("line {}: unknown tag {from:?}", n + 1))?;
                t.transitions[i * size..(i + 1) * size].copy_from_slice(&w);
            } else {
                let row = t.weights.len() / size;
                t.rows.insert(super::input::feature_key(name), row as u32);
                t.weights.extend(w);
            }
        }
        let mut t = t.ok_or_else(|| "no `# classes:` line".to_owned())?;
        t.freeze();
        Ok(t)
    }

    /// Moves the growing weights into the read-only table.
    fn freeze(&mut self) {
        let n = self.tags.len();
        let mut rows: Vec<(u64, u32)> = self.rows.drain().collect();
        rows.sort_unstable();
        let weights = std::mem::take(&mut self.weights);
        self.table = WeightTable::new(
            n,
            rows.into_iter()
                .map(|(key, row)| (key, &weights[row as usize * n..(row as usize + 1) * n])),
        );
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.rows.len() + self.table.len()
    }

    /// Whether the tagger has learned anything (an empty model tags nothing).
    pub fn is_empty(&self) -> bool {
        self.features() == 0
    }

    /// Per-character tag scores, `len × tags` flat.
    pub(super) fn emissions(&self, input: &TaggerInput, buf: &mut FeatureBuf) -> Vec<f32> {
        let n = self.tags.len();
        let o = self.tags.outside();
        let mut out = vec![0f32; input.len() * n];
        for i in 0..input.len() {
            let score = &mut out[i * n..(i + 1) * n];
            // digits, letters and punctuation are never part of a name: no need to look
            if !input.taggable(i) {
                score.fill(-1e4);
                score[o] = 0.0;
                continue;
            }
            if self.table.len() > 0 {
                input.features(i, buf, |key, _| self.table.add_to(key, score));
                continue;
            }
            input.features(i, buf, |key, _| {
                if let Some(&row) = self.rows.get(&key) {
                    let w = &self.weights[row as usize * n..(row as usize + 1) * n];
                    for (s, x) in score.iter_mut().zip(w) {
                        *s += x;
                    }
                }
            });
        }
        out
    }

    /// The best tag sequence for flat emissions.
    pub(super) fn viterbi(&self, emissions: &[f32]) -> Vec<usize> {
        let n = self.tags.len();
        let len = emissions.len() / n;
        if len == 0 {
            return Vec::new();
        }
        let mut best = vec![f32::NEG_INFINITY; len * n];
        let mut back = vec![0u16; len * n];
        for t in 0..n {
            if self.tags.allowed(None, t) {
                best[t] = emissions[t];
            }
        }
        let allowed: Vec<bool> = (0..n * n).map(|k| self.tags.allowed(Some(k / n), k % n)).collect();
        for i in 1..len {
            let (done, rest) = best.split_at_mut(i * n);
            let prev = &done[(i - 1) * n..];
            for t in 0..n {
                let mut top = f32::NEG_INFINITY;
                let mut arg = 0;
                for p in 0..n {
                    if !allowed[p * n + t] || prev[p] == f32::NEG_INFINITY {
                        continue;
                    }
                    let s = prev[p] + self.transitions[p * n + t];
                    if s > top {
                        top = s;
                        arg = p;
                    }
                }
                rest[t] = top + emissions[i * n + t];
                back[i * n + t] = arg as u16;
            }
        }
        let last = (len - 1) * n;
        let mut tag = (0..n)
            .filter(|&t| self.tags.may_end(t))
            .max_by(|&x, &y| best[last + x].total_cmp(&best[last + y]))
            .unwrap_or(self.tags.outside());
        let mut tags = vec![self.tags.outside(); len];
        for i in (0..len).rev() {
            tags[i] = tag;
            tag = back[i * n + tag] as usize;
        }
        tags
    }

    /// The score of the path `tags` minus that of the same path with `span` read as `O`.
    fn span_confidence(&self, emissions: &[f32], tags: &[usize], span: Range<usize>) -> f32 {
        let n = self.tags.len();
        let o = self.tags.outside();
        let trans = |a: usize, b: usize| self.transitions[a * n + b];
        let mut delta = 0.0;
        for i in span.clone() {
            delta += emissions[i * n + tags[i]] - emissions[i * n + o];
            if i + 1 < span.end {
                delta += trans(tags[i], tags[i + 1]) - trans(o, o);
            }
        }
        if let Some(p) = span.start.checked_sub(1) {
            delta += trans(tags[p], tags[span.start]) - trans(tags[p], o);
        }
        if let Some(&q) = tags.get(span.end) {
            delta += trans(tags[span.end - 1], q) - trans(o, q);
        }
        delta
    }

    /// The spans of one input, in order, and the emission scores to weigh other spans with.
    pub fn tag(&self, input: &TaggerInput) -> Tagging {
        let mut buf = FeatureBuf::default();
        let emissions = self.emissions(input, &mut buf);
        let tags = self.viterbi(&emissions);
        let n = self.tags.len();
        let o = self.tags.outside();
        let spans = spans(&self.tags, &tags)
            .into_iter()
            .map(|(chars, class)| {
                let margin = chars
                    .clone()
                    .map(|i| emissions[i * n + tags[i]] - emissions[i * n + o])
                    .fold(f32::INFINITY, f32::min);
                let confidence = self.span_confidence(&emissions, &tags, chars.clone());
                TaggedSpan {
                    chars,
                    class,
                    margin,
                    confidence,
                }
            })
            .collect();
        Tagging {
            spans,
            emissions,
            tags: self.tags.clone(),
        }
    }
}

/// The tagger's reading of one input.
pub struct Tagging {
    pub spans: Vec<TaggedSpan>,
    emissions: Vec<f32>,
    tags: TagSet,
}

impl Tagging {
    /// How much more the tagger's per-character scores favour `chars` being one span of
    /// `class` than being outside any span (negative: the tagger reads no such span there).
    pub fn odds(&self, class: usize, chars: Range<usize>) -> f32 {
        let n = self.tags.len();
        if chars.is_empty() || chars.end * n > self.emissions.len() || class >= self.tags.classes().len() {
            return f32::NEG_INFINITY;
        }
        let (first, last) = (chars.start, chars.end - 1);
        let o = self.tags.outside();
        chars
            .map(|i| {
                let position = match (i == first, i == last) {
                    (true, true) => S,
                    (true, false) => B,
                    (false, true) => E,
                    (false, false) => M,
                };
                self.emissions[i * n + self.tags.tag(class, position)] - self.emissions[i * n + o]
            })
            .sum()
    }
}

/// Spans and their classes of a BMES tag sequence.
pub fn spans(tags: &TagSet, seq: &[usize]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in seq.iter().enumerate() {
        if t == tags.outside() {
            start = None;
            continue;
        }
        match t % 4 {
            B => start = Some(i),
            E => {
                if let Some(s) = start.take() {
                    out.push((s..i + 1, t / 4));
                }
            }
            S => {
                start = None;
                out.push((i..i + 1, t / 4));
            }
            _ => {}
        }
    }
    out
}

/// Writes `rows` (feature name, weights) and the transitions as the TSV `from_tsv` reads.
pub(super) fn write_tsv(header: &str, tags: &TagSet, mut rows: Vec<(String, Vec<f32>)>, transitions: &[f32]) -> String {
    let n = tags.len();
    for k in 0..n {
        rows.push((
            format!("transition:{}", tags.name(k)),
            transitions[k * n..(k + 1) * n].to_vec(),
        ));
    }
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    let mut out = String::from(header);
    let _ = writeln!(out, "# classes: {}", tags.classes().join(" "));
    let names: Vec<String> = (0..n).map(|k| tags.name(k)).collect();
    let _ = writeln!(out, "# feature\t{}", names.join("\t"));
    for (name, a) in rows {
        out.push_str(&name);
        for x in a {
            let r = (x * 10.0).round() / 10.0;
            if r == 0.0 {
                out.push_str("\t0");
            } else {
                let _ = write!(out, "\t{r}");
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_bmes_per_class() {
        let tags = TagSet::new(&["PER", "LOC"]);
        let o = tags.outside();
        let seq = [o, 0, 1, 2, o, 3, 4, 6, 7];
        assert_eq!(spans(&tags, &seq), vec![(1..4, 0), (5..6, 0), (6..8, 1), (8..9, 1)]);
        assert!(tags.allowed(Some(0), 2));
        assert!(!tags.allowed(Some(0), 6), "a PER span cannot end as LOC");
        assert!(!tags.allowed(Some(4), o));
        assert_eq!(tags.name(5), "M-LOC");
    }

    #[test]
    fn viterbi_never_leaves_a_span_open() {
        let mut t = Tagger::empty(TagSet::new(&["PER"]));
        t.transitions[4 * 5] = 5.0; // O → B
        let em: Vec<f32> = [0.0, 0.0, -9.0, 0.0, 0.0].repeat(3);
        let seq = t.viterbi(&em);
        for w in seq.windows(2) {
            assert!(t.tags.allowed(Some(w[0]), w[1]), "{seq:?}");
        }
        assert!(t.tags.may_end(*seq.last().unwrap()));
    }

    #[test]
    fn reads_what_it_writes() {
        let tags = TagSet::new(&["PER"]);
        let tsv = write_tsv(
            "# test\n",
            &tags,
            vec![("c0:张".into(), vec![1.0, 0.0, 0.0, 0.0, -1.0])],
            &[0.5; 25],
        );
        let t = Tagger::from_tsv(&tsv).expect("parses");
        assert_eq!(t.features(), 1);
        assert_eq!(t.transitions[4 * 5], 0.5);
        assert!(Tagger::from_tsv("# classes: PER\nc0:张\t1\t2\n").is_err());
        assert!(Tagger::from_tsv("c0:张\t1\t0\t0\t0\t0\n").is_err());
    }
}

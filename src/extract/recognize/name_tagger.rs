//! A statistical person-name tagger: an averaged structured perceptron over characters.
//!
//! The context rules of `persons` find names where the text says so (a title before, a speech
//! verb after); in plain prose many names have no such context (袁步兵本人先后…, 张洁清算我这方). The
//! tagger reads a window of characters, jieba's words and the lexicon hits around each character
//! and labels it B/M/E/S/O of a name, decoded with Viterbi under the BMES constraints. It is learned
//! from public NER data by `examples/train_name_tagger.rs` (`scripts/train_name_tagger.sh`) and
//! shipped as `data/names/name_tagger.tsv`: one feature per line with its five weights, so what it
//! learned can be read. The person recognizer still asks the name model whether a tagged span is
//! shaped like a name before it keeps it.

use super::persons::NameModel;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::index::Pattern;
use crate::text::is_han;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// The dots that join the parts of a transliterated name (约翰·普雷斯科特).
pub fn is_middle_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•')
}

/// Tags: begin, middle, end of a name of several characters; a single-character name; outside.
pub const TAGS: [&str; 5] = ["B", "M", "E", "S", "O"];
const B: usize = 0;
const M: usize = 1;
const E: usize = 2;
const S: usize = 3;
const O: usize = 4;
const N: usize = TAGS.len();
/// The emissions of a character that cannot be in a name.
const OUTSIDE: [f32; N] = [-1e4, -1e4, -1e4, -1e4, 0.0];

/// Whether tag `to` may follow tag `from` (`None`: the sentence start).
fn allowed(from: Option<usize>, to: usize) -> bool {
    match from {
        Some(B | M) => matches!(to, M | E),
        _ => matches!(to, B | S | O),
    }
}

/// Feature keys are already hashes: the map uses them as they are.
#[derive(Default)]
struct KeyHasher(u64);

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

type Weights = HashMap<u64, [f32; N], BuildHasherDefault<KeyHasher>>;

/// The learned weights: one row per feature, and the tag-to-tag transitions.
#[derive(Debug, Clone, Default)]
pub struct NameTagger {
    weights: Weights,
    transitions: [[f32; N]; N],
}

/// A tagged name: a char range of the input and the smallest margin by which its characters'
/// name tags beat `O`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedName {
    pub chars: Range<usize>,
    pub margin: f32,
}

impl NameTagger {
    /// Reads the TSV written by [`NameTagger::to_tsv`]; malformed lines name their line number.
    pub fn from_tsv(text: &str) -> Result<Self, String> {
        let mut t = NameTagger::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != N + 1 {
                return Err(format!("line {}: expected a feature and {N} weights", n + 1));
            }
            let mut w = [0f32; N];
            for (k, f) in fields[1..].iter().enumerate() {
                w[k] = f.parse().map_err(|_| format!("line {}: bad weight {f:?}", n + 1))?;
            }
            if let Some(from) = fields[0].strip_prefix("transition:") {
                let i = TAGS
                    .iter()
                    .position(|t| *t == from)
                    .ok_or_else(|| format!("line {}: unknown tag {from:?}", n + 1))?;
                t.transitions[i] = w;
            } else {
                t.weights.insert(feature_key(fields[0]), w);
            }
        }
        Ok(t)
    }

    /// Whether the tagger has learned anything (an empty model tags nothing).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn emissions(&self, input: &TaggerInput, buf: &mut FeatureBuf) -> Vec<[f32; N]> {
        (0..input.len())
            .map(|i| {
                // digits, letters and punctuation are never part of a name: no need to look
                if !input.taggable(i) {
                    return OUTSIDE;
                }
                let mut score = [0f32; N];
                input.features(i, buf, |key, _| {
                    if let Some(w) = self.weights.get(&key) {
                        for k in 0..N {
                            score[k] += w[k];
                        }
                    }
                });
                score
            })
            .collect()
    }

    /// The best tag sequence.
    fn viterbi(&self, emissions: &[[f32; N]]) -> Vec<usize> {
        if emissions.is_empty() {
            return Vec::new();
        }
        let mut best = vec![[f32::NEG_INFINITY; N]; emissions.len()];
        let mut back = vec![[0usize; N]; emissions.len()];
        for t in 0..N {
            if allowed(None, t) {
                best[0][t] = emissions[0][t];
            }
        }
        for i in 1..emissions.len() {
            for t in 0..N {
                for p in 0..N {
                    if !allowed(Some(p), t) || best[i - 1][p] == f32::NEG_INFINITY {
                        continue;
                    }
                    let s = best[i - 1][p] + self.transitions[p][t] + emissions[i][t];
                    if s > best[i][t] {
                        best[i][t] = s;
                        back[i][t] = p;
                    }
                }
            }
        }
        let last = emissions.len() - 1;
        let mut tag = [E, S, O]
            .into_iter()
            .max_by(|&x, &y| best[last][x].total_cmp(&best[last][y]))
            .unwrap_or(O);
        let mut tags = vec![O; emissions.len()];
        for i in (0..emissions.len()).rev() {
            tags[i] = tag;
            tag = back[i][tag];
        }
        tags
    }

    /// Names in one input, in order, and the emission scores to weigh other spans with.
    pub fn tag(&self, input: &TaggerInput) -> Tagging {
        let mut buf = FeatureBuf::default();
        let emissions = self.emissions(input, &mut buf);
        let tags = self.viterbi(&emissions);
        let names = spans(&tags)
            .into_iter()
            .map(|chars| {
                let margin = chars
                    .clone()
                    .map(|i| emissions[i][tags[i]] - emissions[i][O])
                    .fold(f32::INFINITY, f32::min);
                TaggedName { chars, margin }
            })
            .collect();
        Tagging { names, emissions }
    }
}

/// The tagger's reading of one input.
pub struct Tagging {
    pub names: Vec<TaggedName>,
    emissions: Vec<[f32; N]>,
}

impl Tagging {
    /// How much more the tagger's per-character scores favour `chars` being one name than
    /// being outside any name (negative: the tagger reads no name there).
    pub fn name_odds(&self, chars: Range<usize>) -> f32 {
        if chars.is_empty() || chars.end > self.emissions.len() {
            return f32::NEG_INFINITY;
        }
        let (first, last) = (chars.start, chars.end - 1);
        chars
            .map(|i| {
                let tag = match (i == first, i == last) {
                    (true, true) => S,
                    (true, false) => B,
                    (false, true) => E,
                    (false, false) => M,
                };
                self.emissions[i][tag] - self.emissions[i][O]
            })
            .sum()
    }
}

/// Name spans of a BMES tag sequence.
pub fn spans(tags: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        match t {
            B => start = Some(i),
            E => {
                if let Some(s) = start.take() {
                    out.push(s..i + 1);
                }
            }
            S => out.push(i..i + 1),
            M => {}
            _ => start = None,
        }
    }
    out
}

/// A stable 64-bit key for a feature string (the same on every machine and run), hashed eight
/// bytes at a time: this runs some forty times for every character read.
fn feature_key(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // final mix so that the low bits the map uses depend on every byte
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// A reusable string buffer for building feature names without allocating.
#[derive(Default)]
pub struct FeatureBuf(String);

/// What the tagger sees of each character of a sentence.
pub struct TaggerInput {
    chars: Vec<char>,
    /// Byte offset of each character in the analysed text.
    pub offsets: Vec<usize>,
    /// jieba word position (B, M, E, S) and part of speech of the word holding the character.
    word: Vec<(char, Pos)>,
    /// Kinds of lexicon hits ending right before / starting right after the character.
    hits_before: Vec<u8>,
    hits_after: Vec<u8>,
    /// Name-model classes of the character: surname, given-name and transliteration buckets.
    shape: Vec<(u8, i8, i8)>,
    /// A coarse given-name class of the character (a: typical of given names … e: rare in them).
    given_class: Vec<char>,
}

/// Lexicon hit kinds as bits.
const HIT_KINDS: [&str; 7] = ["title", "cue", "place", "body", "relation", "boundary", "other"];

fn hit_kind(p: &Pattern) -> u8 {
    let k = match p {
        Pattern::Title(_) | Pattern::TitleModifier(_) => 0,
        Pattern::PersonCue(_) => 1,
        Pattern::Division { .. } | Pattern::Region(_) | Pattern::World(_) | Pattern::Zone { .. } => 2,
        Pattern::OrgSuffix(_) | Pattern::GovBody(_) | Pattern::Company { .. } => 3,
        Pattern::RelationCue(_) => 4,
        Pattern::Boundary => 5,
        _ => 6,
    };
    1 << k
}

impl TaggerInput {
    /// The characters of `range` of an analysed document.
    pub fn new(a: &Analysis, model: &NameModel, range: Range<usize>) -> Self {
        let mut input = TaggerInput {
            chars: Vec::new(),
            offsets: Vec::new(),
            word: Vec::new(),
            hits_before: Vec::new(),
            hits_after: Vec::new(),
            shape: Vec::new(),
            given_class: Vec::new(),
        };
        for (off, c) in a.text[range.clone()].char_indices() {
            let b = range.start + off;
            let end = b + c.len_utf8();
            input.chars.push(c);
            input.offsets.push(b);
            let word = a.token_at(b).map_or(('S', Pos::Other), |t| {
                let code = match (t.start == b, t.end == end) {
                    (true, true) => 'S',
                    (true, false) => 'B',
                    (false, true) => 'E',
                    (false, false) => 'M',
                };
                (code, t.pos)
            });
            input.word.push(word);
            input
                .hits_before
                .push(a.ending_at(b).fold(0, |m, h| m | hit_kind(&h.pattern)));
            input
                .hits_after
                .push(a.starting_at(end).fold(0, |m, h| m | hit_kind(&h.pattern)));
            let surname = match model.surname_strength(a.text, b) {
                None => 0,
                Some(s) if s >= -1.0 => 3,
                Some(s) if s >= -2.5 => 2,
                Some(_) => 1,
            };
            let bucket = |s: f32| (s.max(-8.0) * 2.0).round() as i8;
            let given = model.given_score(c);
            input.given_class.push(match given {
                g if g >= -1.0 => 'a',
                g if g >= -2.0 => 'b',
                g if g >= -3.0 => 'c',
                g if g >= -4.5 => 'd',
                _ => 'e',
            });
            input
                .shape
                .push((surname, bucket(given), bucket(model.foreign_score(c))));
        }
        input
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether character `i` can be part of a name: a han character or a middle dot.
    pub fn taggable(&self, i: usize) -> bool {
        self.chars.get(i).is_some_and(|&c| is_han(c) || is_middle_dot(c))
    }

    /// Whether byte `end` is inside or at the end of this input.
    pub fn covers(&self, end: usize) -> bool {
        match (self.offsets.last(), self.chars.last()) {
            (Some(&b), Some(c)) => end <= b + c.len_utf8(),
            _ => false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    fn char_class(&self, i: isize) -> char {
        match self.at(i) {
            None => '#',
            Some(c) if is_han(c) => self.chars[i as usize],
            Some(c) if c.is_ascii_digit() => '0',
            Some(c) if c.is_alphanumeric() => 'a',
            Some(c) => c,
        }
    }

    fn at(&self, i: isize) -> Option<char> {
        (i >= 0).then(|| self.chars.get(i as usize).copied()).flatten()
    }

    /// Calls `emit(key, name)` for every feature of character `i`; `name` is the readable
    /// feature, used when training writes the model. Names are built by pushing pieces (no
    /// formatting machinery): this runs for every character guanxi reads.
    pub fn features(&self, i: usize, buf: &mut FeatureBuf, mut emit: impl FnMut(u64, &str)) {
        let s = &mut buf.0;
        let ii = i as isize;
        let mut put = |s: &mut String| emit(feature_key(s), s);
        let c = |d: isize| self.char_class(ii + d);
        let start = |s: &mut String, prefix: &str| {
            s.clear();
            s.push_str(prefix);
        };
        start(s, "bias");
        put(s);
        for (d, prefix) in (-2..=2).zip(["c-2:", "c-1:", "c0:", "c1:", "c2:"]) {
            start(s, prefix);
            s.push(c(d));
            put(s);
        }
        for ((x, y), prefix) in [(-2, -1), (-1, 0), (0, 1), (1, 2), (-1, 1)]
            .into_iter()
            .zip(["c-2-1:", "c-10:", "c01:", "c12:", "c-11:"])
        {
            start(s, prefix);
            s.push(c(x));
            s.push(c(y));
            put(s);
        }
        for (d, prefix) in (-1..=1).zip(["w-1:", "w0:", "w1:"]) {
            let Some(&(code, pos)) = (ii + d >= 0).then(|| self.word.get((ii + d) as usize)).flatten() else {
                continue;
            };
            start(s, prefix);
            s.push(code);
            s.push_str(pos.label());
            put(s);
        }
        let (code, pos) = self.word[i];
        start(s, "wc:");
        s.push(code);
        s.push_str(pos.label());
        s.push(c(0));
        put(s);
        let before = ["before-2:", "before-1:", "before0:"];
        let after = ["after0:", "after1:", "after2:"];
        for d in -2..=2isize {
            let j = ii + d;
            if j < 0 || j as usize >= self.len() {
                continue;
            }
            let j = j as usize;
            for (k, kind) in HIT_KINDS.iter().enumerate() {
                if d <= 0 && self.hits_before[j] & (1 << k) != 0 {
                    start(s, before[(d + 2) as usize]);
                    s.push_str(kind);
                    put(s);
                }
                if d >= 0 && self.hits_after[j] & (1 << k) != 0 {
                    start(s, after[d as usize]);
                    s.push_str(kind);
                    put(s);
                }
            }
        }
        // the shape of the name this character would be part of: surname class of its first
        // character, given-name classes of the rest (generalizes over names never seen)
        let surname_of = |j: isize| (j >= 0).then(|| self.shape.get(j as usize).map(|x| x.0)).flatten();
        let given_of = |j: isize| (j >= 0).then(|| self.given_class.get(j as usize).copied()).flatten();
        for (first, prefixes) in (-2..=0isize).zip([
            ["", "shape-2/3:"],
            ["shape-1/2:", "shape-1/3:"],
            ["shape0/2:", "shape0/3:"],
        ]) {
            for (len, prefix) in (2..=3isize).zip(prefixes) {
                if first + len <= 0 {
                    continue;
                }
                let Some(sn) = surname_of(ii + first) else { continue };
                if (1..len).any(|k| given_of(ii + first + k).is_none()) {
                    continue;
                }
                start(s, prefix);
                push_digit(s, i32::from(sn));
                for k in 1..len {
                    s.extend(given_of(ii + first + k));
                }
                put(s);
            }
        }
        for (d, prefix) in (-2..=1).zip(["surname-2:", "surname-1:", "surname0:", "surname1:"]) {
            let j = ii + d;
            if j < 0 || j as usize >= self.len() {
                continue;
            }
            let (surname, given, foreign) = self.shape[j as usize];
            start(s, prefix);
            push_digit(s, i32::from(surname));
            put(s);
            if d == 0 {
                start(s, "given:");
                push_digit(s, i32::from(given));
                put(s);
                start(s, "foreign:");
                push_digit(s, i32::from(foreign));
                put(s);
            }
        }
    }
}

/// Writes a small integer in decimal (what `{}` would write).
fn push_digit(s: &mut String, n: i32) {
    if n < 0 {
        s.push('-');
    }
    let n = n.unsigned_abs();
    if n >= 10 {
        s.push(char::from(b'0' + (n / 10 % 10) as u8));
    }
    s.push(char::from(b'0' + (n % 10) as u8));
}

/// Learns a tagger with the averaged perceptron.
pub struct Trainer {
    weights: Weights,
    /// Sum of updates times the step they were made at (for averaging).
    stamped: Weights,
    transitions: [[f32; N]; N],
    stamped_transitions: [[f32; N]; N],
    names: HashMap<u64, String>,
    step: f32,
}

impl Default for Trainer {
    fn default() -> Self {
        Self::new()
    }
}

impl Trainer {
    pub fn new() -> Self {
        Self {
            weights: Weights::default(),
            stamped: Weights::default(),
            transitions: [[0.0; N]; N],
            stamped_transitions: [[0.0; N]; N],
            names: HashMap::new(),
            step: 1.0,
        }
    }

    /// One perceptron step on a sentence with gold tags; returns whether it was tagged right.
    pub fn learn(&mut self, input: &TaggerInput, gold: &[usize], buf: &mut FeatureBuf) -> bool {
        let model = NameTagger {
            weights: std::mem::take(&mut self.weights),
            transitions: self.transitions,
        };
        let emissions = model.emissions(input, buf);
        let predicted = model.viterbi(&emissions);
        self.weights = model.weights;
        let right = predicted == gold;
        if !right {
            let step = self.step;
            for i in 0..input.len() {
                if predicted[i] == gold[i] || !input.taggable(i) {
                    continue;
                }
                let (g, p) = (gold[i], predicted[i]);
                input.features(i, buf, |key, name| {
                    let w = self.weights.entry(key).or_insert([0.0; N]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let u = self.stamped.entry(key).or_insert([0.0; N]);
                    u[g] += step;
                    u[p] -= step;
                    self.names.entry(key).or_insert_with(|| name.to_owned());
                });
            }
            for i in 1..input.len() {
                let (gp, gt, pp, pt) = (gold[i - 1], gold[i], predicted[i - 1], predicted[i]);
                if (gp, gt) != (pp, pt) {
                    self.transitions[gp][gt] += 1.0;
                    self.transitions[pp][pt] -= 1.0;
                    self.stamped_transitions[gp][gt] += step;
                    self.stamped_transitions[pp][pt] -= step;
                }
            }
        }
        self.step += 1.0;
        right
    }

    /// The averaged model as TSV, features sorted, weights below `prune` in every tag dropped.
    pub fn to_tsv(&self, prune: f32, header: &str) -> String {
        let avg = |w: f32, u: f32| w - u / self.step;
        let mut rows: Vec<(String, [f32; N])> = Vec::new();
        for (key, w) in &self.weights {
            let u = self.stamped[key];
            let a: [f32; N] = std::array::from_fn(|k| avg(w[k], u[k]));
            if a.iter().any(|x| x.abs() >= prune) {
                rows.push((self.names[key].clone(), a));
            }
        }
        for (k, tag) in TAGS.iter().enumerate() {
            let a: [f32; N] = std::array::from_fn(|t| avg(self.transitions[k][t], self.stamped_transitions[k][t]));
            rows.push((format!("transition:{tag}"), a));
        }
        rows.sort_by(|x, y| x.0.cmp(&y.0));
        let mut out = String::from(header);
        for (name, a) in rows {
            out.push_str(&name);
            for x in a {
                let _ = write!(out, "\t{}", (x * 100.0).round() / 100.0);
            }
            out.push('\n');
        }
        out
    }

    /// The model learned so far, not averaged (for progress reports).
    pub fn snapshot(&self) -> NameTagger {
        NameTagger {
            weights: self.weights.clone(),
            transitions: self.transitions,
        }
    }
}

/// BMES tags of a sentence of `len` characters with name spans (char ranges).
pub fn gold_tags(len: usize, names: &[Range<usize>]) -> Vec<usize> {
    let mut tags = vec![O; len];
    for r in names {
        if r.end > len || r.is_empty() || r.clone().any(|i| tags[i] != O) {
            continue;
        }
        if r.len() == 1 {
            tags[r.start] = S;
        } else {
            tags[r.start] = B;
            for t in &mut tags[r.start + 1..r.end - 1] {
                *t = M;
            }
            tags[r.end - 1] = E;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_bmes() {
        assert_eq!(spans(&[O, B, M, E, O, S, B, E]), vec![1..4, 5..6, 6..8]);
        assert_eq!(gold_tags(5, &[1..3, 4..5]), vec![O, B, E, O, S]);
    }

    #[test]
    fn viterbi_never_leaves_a_name_open() {
        let mut t = NameTagger::default();
        t.transitions[O][B] = 5.0;
        let em = vec![[0.0, 0.0, -9.0, 0.0, 0.0]; 3];
        let tags = t.viterbi(&em);
        for w in tags.windows(2) {
            assert!(allowed(Some(w[0]), w[1]), "{tags:?}");
        }
        assert!(matches!(tags.last(), Some(&(E | S | O))));
    }

    #[test]
    fn reads_what_it_writes() {
        let text = "# header\nc0:张\t1\t0\t0\t0\t-1\ntransition:O\t0.5\t0\t0\t0\t0\n";
        let t = NameTagger::from_tsv(text).expect("parses");
        assert_eq!(t.weights.len(), 1);
        assert_eq!(t.transitions[O][B], 0.5);
        assert!(NameTagger::from_tsv("c0:张\t1\t2\n").is_err());
    }
}

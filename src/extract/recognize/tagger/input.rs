//! What the tagger sees of each character: the character and its neighbours, jieba's word and
//! part of speech, the lexicon and gazetteer hits around and over it, and the name model's
//! surname and given-name classes. Features are strings (readable in the model file) hashed to
//! stable 64-bit keys.

use crate::extract::analysis::{Analysis, Pos};
use crate::extract::index::Pattern;
use crate::extract::recognize::persons::NameModel;
use crate::text::is_han;
use std::ops::Range;

/// The dots that join the parts of a transliterated name (约翰·普雷斯科特).
pub fn is_middle_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•')
}

/// A stable 64-bit key for a feature string (the same on every machine and run), hashed eight
/// bytes at a time: this runs some forty times for every character read.
pub(super) fn feature_key(s: &str) -> u64 {
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
    /// Lexicon hits over the character: bit `4 × kind + position` (B, M, E, S of the hit).
    covers: Vec<u64>,
    /// Name-model classes of the character: surname, given-name and transliteration buckets.
    shape: Vec<(u8, i8, i8)>,
    /// A coarse given-name class of the character (a: typical of given names … e: rare in them).
    given_class: Vec<char>,
}

/// Kinds of lexicon hits a character can sit in, for the cover features.
const COVER_KINDS: [&str; 12] = [
    "div",
    "divshort",
    "region",
    "world",
    "zone",
    "zonesuffix",
    "orgsuffix",
    "gov",
    "company",
    "title",
    "program",
    "cue",
];

fn cover_kind(p: &Pattern) -> Option<u64> {
    Some(match p {
        Pattern::Division { short: false, .. } => 0,
        Pattern::Division { short: true, .. } => 1,
        Pattern::Region(_) => 2,
        Pattern::World(_) => 3,
        Pattern::Zone { .. } => 4,
        Pattern::ZoneSuffix(_) => 5,
        Pattern::OrgSuffix(_) => 6,
        Pattern::GovBody(_) => 7,
        Pattern::Company { .. } => 8,
        Pattern::Title(_) | Pattern::TitleModifier(_) => 9,
        Pattern::Program(_) | Pattern::ProgramCue(_) => 10,
        Pattern::PersonCue(_) => 11,
        _ => return None,
    })
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
            covers: Vec::new(),
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
        input.covers = vec![0; input.chars.len()];
        for (i, &b) in input.offsets.iter().enumerate() {
            for h in a.starting_at(b) {
                let Some(kind) = cover_kind(&h.pattern) else { continue };
                let last = input.offsets.partition_point(|&o| o < h.end);
                if last <= i || h.end > range.end {
                    continue;
                }
                for j in i..last {
                    let position = match (j == i, j + 1 == last) {
                        (true, true) => 3,
                        (true, false) => 0,
                        (false, true) => 2,
                        (false, false) => 1,
                    };
                    input.covers[j] |= 1 << (4 * kind + position);
                }
            }
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
        // the lexicon hits the character sits in, and those over its neighbours
        for (d, prefix) in (-1..=1).zip(["in-1:", "in0:", "in1:"]) {
            let j = ii + d;
            if j < 0 || j as usize >= self.len() {
                continue;
            }
            let mut bits = self.covers[j as usize];
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                start(s, prefix);
                s.push_str(COVER_KINDS[bit / 4]);
                s.push(['B', 'M', 'E', 'S'][bit % 4]);
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

//! The shipped weights as a lookup table laid out for the cache: every character reads some
//! forty features, and with a map from feature to row and a separate weight array each lookup
//! costs two or three cache misses (bucket, then row). Here a slot holds the key and its weights
//! together in one 64-byte line, and a byte array of fingerprints (small enough to stay in the
//! cache) answers most lookups of features the model does not have without touching a slot.

/// One cache line of 16 words.
#[repr(C, align(64))]
#[derive(Clone, Copy, Default)]
struct Line([u32; 16]);

const EMPTY: u8 = 0;

/// Feature key → weights per tag, read-only once built.
#[derive(Debug, Clone, Default)]
pub(super) struct WeightTable {
    /// Per slot: 0 when empty, else a 7-bit fingerprint of the key with the high bit set.
    fingerprints: Vec<u8>,
    /// Per slot, `lines_per_slot` lines: the key in words 0–1, then the weights as f32 bits.
    lines: Vec<Line>,
    lines_per_slot: usize,
    tags: usize,
    len: usize,
}

impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Line")
    }
}

fn fingerprint(key: u64) -> u8 {
    0x80 | (key >> 57) as u8
}

impl WeightTable {
    /// A table of `rows` (feature key, `tags` weights each); the last row of a repeated key wins.
    pub(super) fn new<'w>(tags: usize, rows: impl ExactSizeIterator<Item = (u64, &'w [f32])>) -> Self {
        let capacity = (rows.len() * 8 / 5 + 1).next_power_of_two().max(16);
        let words = 2 + tags;
        let lines_per_slot = words.div_ceil(16);
        let mut table = WeightTable {
            fingerprints: vec![EMPTY; capacity],
            lines: vec![Line::default(); capacity * lines_per_slot],
            lines_per_slot,
            tags,
            len: 0,
        };
        for (key, weights) in rows {
            debug_assert_eq!(weights.len(), tags);
            let slot = table.slot_for(key);
            if table.fingerprints[slot] == EMPTY {
                table.len += 1;
            }
            table.fingerprints[slot] = fingerprint(key);
            let words = table.words_mut(slot);
            words[0] = key as u32;
            words[1] = (key >> 32) as u32;
            for (w, x) in words[2..2 + tags].iter_mut().zip(weights) {
                *w = x.to_bits();
            }
        }
        table
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    fn mask(&self) -> usize {
        self.fingerprints.len() - 1
    }

    fn words(&self, slot: usize) -> &[u32] {
        let lines = &self.lines[slot * self.lines_per_slot..(slot + 1) * self.lines_per_slot];
        // SAFETY: `Line` is `repr(C)` over `[u32; 16]` with no padding, so consecutive lines
        // are consecutive words.
        unsafe { std::slice::from_raw_parts(lines.as_ptr().cast::<u32>(), lines.len() * 16) }
    }

    fn words_mut(&mut self, slot: usize) -> &mut [u32] {
        let lines = &mut self.lines[slot * self.lines_per_slot..(slot + 1) * self.lines_per_slot];
        // SAFETY: as in `words`.
        unsafe { std::slice::from_raw_parts_mut(lines.as_mut_ptr().cast::<u32>(), lines.len() * 16) }
    }

    fn key_of(&self, slot: usize) -> u64 {
        let w = self.words(slot);
        u64::from(w[0]) | (u64::from(w[1]) << 32)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn slot_for(&self, key: u64) -> usize {
        let mask = self.mask();
        let fp = fingerprint(key);
        let mut slot = key as usize & mask;
        loop {
            match self.fingerprints[slot] {
                EMPTY => return slot,
                f if f == fp && self.key_of(slot) == key => return slot,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Adds the weights of `key` (if the model has it) to `scores`.
    #[inline]
    pub(super) fn add_to(&self, key: u64, scores: &mut [f32]) {
        if self.len == 0 {
            return;
        }
        let slot = self.slot_for(key);
        if self.fingerprints[slot] == EMPTY {
            return;
        }
        let w = &self.words(slot)[2..2 + self.tags];
        for (s, x) in scores.iter_mut().zip(w) {
            *s += f32::from_bits(*x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_holds_and_nothing_else() {
        let rows: Vec<(u64, Vec<f32>)> = (0..1000u64)
            .map(|k| (k.wrapping_mul(0x9e37_79b9_7f4a_7c15), vec![k as f32, -(k as f32), 0.5]))
            .collect();
        let t = WeightTable::new(3, rows.iter().map(|(k, w)| (*k, w.as_slice())));
        assert_eq!(t.len(), 1000);
        for (key, w) in &rows {
            let mut s = [1.0f32; 3];
            t.add_to(*key, &mut s);
            assert_eq!(s, [1.0 + w[0], 1.0 + w[1], 1.5]);
        }
        let mut s = [0.0f32; 3];
        t.add_to(12345, &mut s);
        assert_eq!(s, [0.0; 3]);
    }

    #[test]
    fn wide_tag_sets_span_several_lines() {
        let w: Vec<f32> = (0..21).map(|k| k as f32).collect();
        let t = WeightTable::new(21, [(7u64, w.as_slice())].into_iter());
        let mut s = vec![0.0f32; 21];
        t.add_to(7, &mut s);
        assert_eq!(s[20], 20.0);
        assert!(WeightTable::default().len() == 0);
        WeightTable::default().add_to(7, &mut s);
    }
}

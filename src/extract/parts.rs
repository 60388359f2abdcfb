//! Extracting a file whole or, when it is long, part by part (`text::parts`), with every
//! offset and sentence index shifted back to the whole file — so a file of any size is
//! extracted in bounded memory, and a short one exactly as before.

use super::{DocumentExtraction, Extractor};
use crate::text::{Document, PART_CHARS, Source, split_parts};
use rayon::prelude::*;

/// Whether a file is extracted in parts.
pub fn is_long(src: &Source) -> bool {
    src.chars > PART_CHARS
}

impl Extractor {
    /// The extraction of a whole file (parts merged when it is long).
    pub fn extract_source(&self, src: &Source) -> DocumentExtraction {
        if !is_long(src) {
            return self.extract(&src.document());
        }
        let mut whole: Option<DocumentExtraction> = None;
        self.for_each_part(src, |part| match &mut whole {
            Some(w) => w.absorb(part),
            None => whole = Some(part),
        });
        whole.unwrap_or_else(|| self.extract(&src.document()))
    }

    /// Extracts a file part by part, in order: a few parts at a time in parallel, each shifted to
    /// the whole file's offsets and sentence numbers and handed to `f` before the next group is
    /// read, so memory holds a few parts, never the whole file's analysis.
    pub fn for_each_part(&self, src: &Source, mut f: impl FnMut(DocumentExtraction)) {
        let parts = split_parts(&src.text, PART_CHARS);
        let group = rayon::current_num_threads().max(1) * 2;
        let mut sentences = 0;
        for chunk in parts.chunks(group) {
            let docs: Vec<(usize, usize, Document)> = chunk
                .iter()
                .map(|p| {
                    let doc = Document::from_decoded(&src.name, &src.path, src.encoding, &src.content_hash, p.text);
                    let base = sentences;
                    sentences += doc.sentences.len();
                    (p.char_offset, base, doc)
                })
                .collect();
            let extracted: Vec<DocumentExtraction> = docs
                .par_iter()
                .map(|(chars, base, doc)| {
                    let mut ext = self.extract(doc);
                    ext.shift(*chars, *base);
                    ext
                })
                .collect();
            drop(docs);
            for ext in extracted {
                f(ext);
            }
        }
    }
}

//! Text stage: files → decoded, normalized documents with sentences.
//!
//! Owner type: [`Document`]. Everything downstream works on `Document::text()` (joined,
//! width-folded) and reports positions through `Document::original_range`, so offsets in the
//! output always point into the file as the user has it.

pub mod corpus;
pub mod decode;
pub mod normalize;
pub mod parts;
pub mod sentences;

pub use corpus::{CorpusFile, InputError, Source, collect_inputs, read_document, read_source};
pub use decode::{DecodeError, SourceEncoding, decode};
pub use normalize::{NormalizedText, fold, fold_str, is_chinese_numeral, is_cjk_like, is_han};
pub use parts::{PART_CHARS, TextPart, split_parts};
pub use sentences::{Sentence, split_sentences};

use sha2::{Digest, Sha256};
use std::ops::Range;

/// One input document, decoded and normalized.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable document name: the file name, or the path relative to the directory given.
    pub name: String,
    /// Where it was read from (empty for in-memory documents).
    pub path: String,
    pub encoding: SourceEncoding,
    /// SHA-256 of the file's bytes, hex.
    pub content_hash: String,
    /// The decoded original text (no BOM), which all reported offsets index by character.
    pub original: String,
    pub normalized: NormalizedText,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Builds a document from bytes, decoding them.
    pub fn from_bytes(name: &str, path: &str, bytes: &[u8]) -> Result<Self, DecodeError> {
        let (original, encoding) = decode(bytes)?;
        Ok(Self::build(name, path, encoding, hash_hex(bytes), original))
    }

    /// Builds a document from text already in memory.
    pub fn from_text(name: &str, text: &str) -> Self {
        Self::build(
            name,
            "",
            SourceEncoding::Utf8,
            hash_hex(text.as_bytes()),
            text.to_owned(),
        )
    }

    /// Builds a document from text already decoded (one part of a long file, say), keeping the
    /// hash of the file it came from.
    pub fn from_decoded(name: &str, path: &str, encoding: SourceEncoding, hash: &str, text: &str) -> Self {
        Self::build(name, path, encoding, hash.to_owned(), text.to_owned())
    }

    fn build(name: &str, path: &str, encoding: SourceEncoding, hash: String, original: String) -> Self {
        let normalized = NormalizedText::new(&original);
        let sentences = split_sentences(normalized.text());
        Self {
            name: name.to_owned(),
            path: path.to_owned(),
            encoding,
            content_hash: hash,
            original,
            normalized,
            sentences,
        }
    }

    /// The joined, width-folded text recognizers work on.
    pub fn text(&self) -> &str {
        self.normalized.text()
    }

    /// Character offsets in the original text of a byte span of `text()`.
    pub fn original_range(&self, span: Range<usize>) -> (usize, usize) {
        self.normalized.original_range(span)
    }

    /// The span as written (joined, not width-folded).
    pub fn surface(&self, span: Range<usize>) -> String {
        self.normalized.surface(span)
    }

    /// Index of the sentence containing a byte offset of `text()`.
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= byte);
        (i < self.sentences.len() && self.sentences[i].span.start <= byte).then_some(i)
    }
}

/// Lower-case hex SHA-256.
pub fn hash_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

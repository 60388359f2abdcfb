//! Sentence and paragraph segmentation over normalized text.
//!
//! Evidence for every relation is a sentence, so sentences are the unit recognizers and relation
//! patterns work in. A sentence ends at 。！？； (after width folding: `。!?;`) together with any
//! closing quotes that follow, or at a paragraph break.

use std::ops::Range;

/// A sentence as a byte span of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    /// Index of the paragraph (line of the normalized text) holding the sentence.
    pub paragraph: usize,
}

/// Splits normalized text into sentences, skipping whitespace-only pieces.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph_start = 0;
    for (paragraph, line) in text.split('\n').enumerate() {
        let mut start = 0;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if matches!(c, '。' | '!' | '?' | ';') {
                let mut end = i + c.len_utf8();
                while let Some(&(j, q)) = chars.peek() {
                    if matches!(q, '”' | '’' | '」' | '』' | ')' | '!' | '?' | '。') {
                        end = j + q.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                push(&mut sentences, line, paragraph_start, start..end, paragraph);
                start = end;
            }
        }
        push(&mut sentences, line, paragraph_start, start..line.len(), paragraph);
        paragraph_start += line.len() + 1;
    }
    sentences
}

fn push(out: &mut Vec<Sentence>, line: &str, base: usize, span: Range<usize>, paragraph: usize) {
    let piece = &line[span.clone()];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed_end = piece.trim_end().len();
    if trimmed_end > trimmed_start {
        out.push(Sentence {
            span: base + span.start + trimmed_start..base + span.start + trimmed_end,
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_terminals_and_paragraphs() {
        let text = "他说:“好。”然后走了!第二句\n新段落;尾";
        let s: Vec<&str> = split_sentences(text).iter().map(|s| &text[s.span.clone()]).collect();
        assert_eq!(s, vec!["他说:“好。”", "然后走了!", "第二句", "新段落;", "尾"]);
        assert_eq!(split_sentences(text)[3].paragraph, 1);
    }
}

//! Long files in parts: a file of any size is processed in bounded memory by cutting its
//! decoded text into parts of at most [`PART_CHARS`] characters, each extracted on its own, with
//! every offset shifted back to the whole file. A cut falls at a paragraph break when one is near
//! the limit, else after a sentence end, else anywhere (a 27 MB file on one line has neither),
//! so a relation is lost only when its sentence is longer than the part.

/// The longest part, in characters.
pub const PART_CHARS: usize = 100_000;

/// A part of a text: its character offset in the whole text and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPart<'a> {
    pub char_offset: usize,
    pub text: &'a str,
}

/// Cuts `text` into parts of at most `max_chars` characters (one part when it is short).
pub fn split_parts(text: &str, max_chars: usize) -> Vec<TextPart<'_>> {
    let max_chars = max_chars.max(16);
    let mut parts = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while !rest.is_empty() {
        let Some((limit, _)) = rest.char_indices().nth(max_chars) else {
            parts.push(TextPart {
                char_offset: offset,
                text: rest,
            });
            break;
        };
        let window = &rest[..limit];
        // the last paragraph break in the second half of the window, else a sentence end
        let mut half = window.len() / 2;
        while !window.is_char_boundary(half) {
            half += 1;
        }
        let cut = window[half..]
            .rfind("\n\n")
            .map(|i| half + i + 2)
            .or_else(|| window[half..].rfind('\n').map(|i| half + i + 1))
            .or_else(|| {
                window[half..]
                    .char_indices()
                    .rfind(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | '!' | '?'))
                    .map(|(i, c)| half + i + c.len_utf8())
            })
            .unwrap_or(limit);
        let (head, tail) = rest.split_at(cut);
        parts.push(TextPart {
            char_offset: offset,
            text: head,
        });
        offset += head.chars().count();
        rest = tail;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_part() {
        let p = split_parts("一句话。", 100);
        assert_eq!(
            p,
            vec![TextPart {
                char_offset: 0,
                text: "一句话。"
            }]
        );
        assert!(split_parts("", 100).is_empty());
    }

    #[test]
    fn parts_cover_the_text_and_cut_at_breaks() {
        let para = "第一段落有一些字。".repeat(5);
        let text = format!("{para}\n\n{para}\n\n{para}");
        let parts = split_parts(&text, 60);
        assert!(parts.len() >= 3);
        let joined: String = parts.iter().map(|p| p.text).collect();
        assert_eq!(joined, text);
        for p in &parts {
            assert!(p.text.chars().count() <= 60);
            // offsets index the whole text by character
            let whole: String = text.chars().skip(p.char_offset).take(p.text.chars().count()).collect();
            assert_eq!(whole, p.text);
        }
        assert!(parts[0].text.ends_with("\n\n") || parts[0].text.ends_with('。'));
    }

    #[test]
    fn a_line_without_breaks_is_cut_anyway() {
        let text = "字".repeat(1000);
        let parts = split_parts(&text, 300);
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[3].char_offset, 900);
    }
}

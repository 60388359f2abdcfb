//! Newspaper-layout normalization with an offset map back to the original file.
//!
//! Pages are hard-wrapped at the column width, columns interleave (a blank line can fall in the
//! middle of a word), headlines and bylines stand on short lines of their own, and the same page
//! mixes full- and half-width punctuation. Recognizers want one line per paragraph and one form
//! per punctuation mark; researchers want offsets into the file they opened. `NormalizedText`
//! gives both: `text()` is joined and width-folded, and every character maps back to its
//! character offset in the original decoded text.

use std::ops::Range;

/// Joined, width-folded text plus the map back to the original.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// Joined and folded: what recognizers match against.
    text: String,
    /// Joined but not folded: what mentions quote. Same characters count as `text`.
    surface: Vec<char>,
    /// For each character of `text`, its character offset in the original text.
    original: Vec<u32>,
    /// Byte offset in `text` of each character, plus one entry for the end.
    byte_of_char: Vec<u32>,
}

/// One physical line of the original text.
struct Line {
    /// Character offset of the first kept character in the original text.
    chars: Vec<(char, u32)>,
    indented: bool,
    markdown_break: bool,
    heading: bool,
}

impl Line {
    fn len(&self) -> usize {
        self.chars.len()
    }
    fn first(&self) -> char {
        self.chars[0].0
    }
    fn last(&self) -> char {
        self.chars[self.chars.len() - 1].0
    }
}

impl NormalizedText {
    /// Normalizes `original` (already decoded, without BOM).
    pub fn new(original: &str) -> Self {
        let lines = split_lines(original);
        let mut out = Builder::default();
        let mut previous: Option<usize> = None;
        let mut blank_run = 0usize;
        for (index, line) in lines.iter().enumerate() {
            let Some(line) = line else {
                blank_run += 1;
                continue;
            };
            if let Some(prev) = previous {
                let a = lines[prev].as_ref().expect("previous line is non-empty");
                let width = local_width(&lines, prev);
                let next_is_blank_or_end = lines.get(index + 1).is_none_or(|l| l.is_none());
                match join_decision(a, line, blank_run, width, next_is_blank_or_end) {
                    Join::Tight => {}
                    Join::Space => out.push(' ', a.chars[a.len() - 1].1 + 1),
                    Join::Break => out.push('\n', a.chars[a.len() - 1].1 + 1),
                }
            }
            for &(c, offset) in &line.chars {
                out.push(c, offset);
            }
            previous = Some(index);
            blank_run = 0;
        }
        out.finish()
    }

    /// The joined, folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of characters in the normalized text.
    pub fn char_len(&self) -> usize {
        self.surface.len()
    }

    /// Character index in the normalized text of a byte offset in `text()`.
    pub fn char_index(&self, byte: usize) -> usize {
        match self.byte_of_char.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset in `text()` of a character index.
    pub fn byte_offset(&self, char_index: usize) -> usize {
        self.byte_of_char[char_index.min(self.byte_of_char.len() - 1)] as usize
    }

    /// The span as written in the file (joined, not folded).
    pub fn surface(&self, span: Range<usize>) -> String {
        let (a, b) = (self.char_index(span.start), self.char_index(span.end));
        self.surface[a..b].iter().collect()
    }

    /// Character offsets `[start, end)` in the original text of a byte span of `text()`.
    pub fn original_range(&self, span: Range<usize>) -> (usize, usize) {
        let (a, b) = (self.char_index(span.start), self.char_index(span.end));
        if a >= b || a >= self.original.len() {
            let at = self
                .original
                .get(a)
                .copied()
                .unwrap_or_else(|| self.original.last().map_or(0, |&o| o + 1)) as usize;
            return (at, at);
        }
        (self.original[a] as usize, self.original[b - 1] as usize + 1)
    }
}

#[derive(Default)]
struct Builder {
    text: String,
    surface: Vec<char>,
    original: Vec<u32>,
    byte_of_char: Vec<u32>,
}

impl Builder {
    fn push(&mut self, c: char, original: u32) {
        self.byte_of_char.push(self.text.len() as u32);
        self.text.push(fold(c));
        self.surface.push(c);
        self.original.push(original);
    }

    fn finish(mut self) -> NormalizedText {
        self.byte_of_char.push(self.text.len() as u32);
        NormalizedText {
            text: self.text,
            surface: self.surface,
            original: self.original,
            byte_of_char: self.byte_of_char,
        }
    }
}

/// Folds presentation variants to one form: full-width ASCII to ASCII, wide spaces to spaces.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\t' => ' ',
        _ => c,
    }
}

/// Folds a whole string (for lexicon entries and keys).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

fn split_lines(original: &str) -> Vec<Option<Line>> {
    let mut lines = Vec::new();
    let mut current: Vec<(char, u32)> = Vec::new();
    for (offset, c) in original.chars().enumerate() {
        if c == '\n' {
            lines.push(make_line(std::mem::take(&mut current)));
        } else if c != '\r' {
            current.push((c, offset as u32));
        }
    }
    lines.push(make_line(current));
    lines
}

fn make_line(raw: Vec<(char, u32)>) -> Option<Line> {
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}';
    let start = raw.iter().position(|&(c, _)| !is_space(c))?;
    let end = raw.iter().rposition(|&(c, _)| !is_space(c))? + 1;
    let leading = &raw[..start];
    let indented = leading.iter().any(|&(c, _)| c == '\u{3000}') || leading.len() >= 2;
    let markdown_break = raw.len() - end >= 2 && raw[end..].iter().all(|&(c, _)| c == ' ');
    let chars = raw[start..end].to_vec();
    let heading = matches!(chars[0].0, '#');
    Some(Line {
        chars,
        indented,
        markdown_break,
        heading,
    })
}

/// The column width around a line: the longest of it and the three non-empty lines on each side.
fn local_width(lines: &[Option<Line>], at: usize) -> usize {
    let before = lines[..=at].iter().rev().flatten().take(4);
    let after = lines[at + 1..].iter().flatten().take(3);
    before.chain(after).map(Line::len).max().unwrap_or(0)
}

enum Join {
    Tight,
    Space,
    Break,
}

fn join_decision(a: &Line, b: &Line, blank_lines: usize, width: usize, b_isolated: bool) -> Join {
    if a.heading || b.heading || a.markdown_break || b.indented || is_marker(a.first()) || opens_report(b) {
        return Join::Break;
    }
    let full = a.len() * 5 >= width * 4 && a.len() >= 8;
    let terminal = ends_sentence(a);
    let joinable = if blank_lines == 0 {
        full || (!terminal && is_cjk_like(a.last()) && is_cjk_like(b.first()))
    } else {
        // A blank line inside a full-width, unfinished line is a column break, unless what
        // follows is an isolated short line (a headline or byline).
        let b_full = b.len() * 5 >= width * 4;
        // a long body line (it holds a comma) that stops mid-sentence goes on after the blank
        // line, whatever the width around it: pages with one line per paragraph break too
        let body_cut = a.len() >= 40
            && !terminal
            && is_han(a.last())
            && is_han(b.first())
            && a.chars.iter().any(|&(c, _)| matches!(fold(c), ',' | '、'));
        (full || body_cut) && !terminal && !is_marker(b.first()) && (b_full || !b_isolated || ends_sentence(b))
    };
    if !joinable {
        return Join::Break;
    }
    if a.last().is_ascii_alphanumeric() && b.first().is_ascii_alphanumeric() {
        Join::Space
    } else {
        Join::Tight
    }
}

/// A line opening a news report (本报讯, 本报记者…) starts a paragraph: what stands before it is a
/// headline or a credit, never the first half of its sentence.
fn opens_report(line: &Line) -> bool {
    let start: String = line.chars.iter().take(3).map(|&(c, _)| fold(c)).collect();
    start.starts_with("本报")
}

fn ends_sentence(line: &Line) -> bool {
    let mut chars = line.chars.iter().rev().map(|&(c, _)| fold(c));
    match chars.next() {
        Some('。' | '!' | '?' | ';' | ':' | '…') => true,
        Some('”' | '’' | ')' | '」' | '』') => {
            matches!(chars.next(), Some('。' | '!' | '?' | '…'))
        }
        _ => false,
    }
}

fn is_marker(c: char) -> bool {
    matches!(
        c,
        '#' | '▶' | '□' | '◎' | '■' | '●' | '★' | '▲' | '【' | '-' | '*' | '>'
    )
}

/// CJK characters and CJK punctuation (the classes `join.py` of the gold tooling uses).
pub fn is_cjk_like(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x9FFF | 0xFF00..=0xFFEF | 0x2018..=0x201D | 0x2014 | 0x2026 | 0x00B7)
}

/// The numerals that count in Chinese words (一 … 十, 两): 三会一课, 七大行动, “一区”.
pub fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十两".contains(c)
}

/// CJK ideographs only.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(s: &str) -> String {
        NormalizedText::new(s).text().to_owned()
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let page = "今年一季度，涪陵区民营企业交出了一\n张令人满意的答卷：区级税收入库5.8377亿\n元、同比增长10.3%。";
        assert_eq!(
            joined(page),
            "今年一季度,涪陵区民营企业交出了一张令人满意的答卷:区级税收入库5.8377亿元、同比增长10.3%。"
        );
    }

    #[test]
    fn column_break_inside_a_word_is_joined_but_headlines_are_not() {
        let page = "一份沉甸甸的成绩，必定来自实干争先的\n\n部署。近年来，涪陵区积极探索民企党建工作，\n\n当好政策宣传员\n\n加强党对非公企业的领导，是确保非公经\n济持续快速稳定发展的根本保障。";
        let t = joined(page);
        assert!(t.contains("实干争先的部署。"), "{t}");
        assert!(t.contains("\n当好政策宣传员\n加强党"), "{t}");
    }

    #[test]
    fn a_body_line_cut_mid_sentence_joins_its_rest_across_a_blank_line() {
        // one line per paragraph: the width around is set by long paragraphs, not by a column
        let long =
            "近年来，新区围绕产业链部署创新链，推动科技成果转化、人才引育、金融服务等工作协同推进，取得明显成效。"
                .repeat(3);
        let cut = "今年以来，新区联合高校和科研院所搭建平台，举办青年创新创业大赛、智能制造论坛、新材料产业";
        let page = format!("{long}\n\n{cut}\n\n人才对接交流会等20场活动。\n\n{long}");
        let t = joined(&page);
        assert!(t.contains("新材料产业人才对接交流会"), "{t}");
        // a short headline without a comma stays apart
        let page = format!("{long}\n\n新区举办人才对接交流会\n\n今年以来，新区举办活动20场。\n\n{long}");
        let t = joined(&page);
        assert!(t.contains("交流会\n今年以来"), "{t}");
    }

    #[test]
    fn isolated_byline_after_a_long_headline_stays_apart() {
        let page = "就是竞争力”的理念在涪陵非公企业深入人心。\n\n涪陵 选育非公企业第一书记助推经济高质量发展\n\n刘玉珮 董韬 陈玉桦\n\n本报讯";
        assert!(joined(page).contains("发展\n刘玉珮 董韬 陈玉桦\n本报讯"));
    }

    #[test]
    fn a_byline_on_the_first_line_stays_apart() {
        let page = " □本报记者 何春阳\n\n连日来，市委宣讲团成\n员分赴各区县、市级有关部\n门、企事业单位开展学习贯\n彻党的二十大精神宣讲。";
        assert!(
            joined(page).starts_with("□本报记者 何春阳\n连日来,市委宣讲团成员分赴"),
            "{}",
            joined(page)
        );
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let page = "川渝联动辟谣，共护清朗空间。\n近日，由四川省委网信办、重庆市\n\n委网信办主办的首届川渝互联网辟谣\n优秀公益作品征集活动结果出炉，由涪\n陵区委网信办创作的动画作品脱颖而出。";
        let n = NormalizedText::new(page);
        let at = n.text().find("重庆市委网信办").expect("column break joined");
        let span = at..at + "重庆市委网信办".len();
        let (s, e) = n.original_range(span.clone());
        let original: Vec<char> = page.chars().collect();
        assert_eq!(original[s..e].iter().collect::<String>(), "重庆市\n\n委网信办");
        assert_eq!(n.surface(span), "重庆市委网信办");
    }

    #[test]
    fn folds_full_width_punctuation_but_keeps_surface() {
        let n = NormalizedText::new("西部（重庆）科学城，");
        assert_eq!(n.text(), "西部(重庆)科学城,");
        assert_eq!(n.surface(0..n.text().len()), "西部（重庆）科学城，");
    }

    #[test]
    fn markdown_lists_and_headings_break() {
        let page = "嘉宾：  \n永川区委书记 李明远  \n市科技局局长 明炬\n\n## 标题\n正文";
        let t = joined(page);
        assert_eq!(t, "嘉宾:\n永川区委书记 李明远\n市科技局局长 明炬\n## 标题\n正文");
    }
}

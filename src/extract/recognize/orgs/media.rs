//! News outlets named where a report says where it comes from: the dateline that opens a line
//! (新快报讯, 华声在线5月7日讯, X网消息(记者 …), 【X网河南讯】) and the source line (来源: X网,
//! 来源: A网-B日报). The name ends with the last outlet word of `media_words.tsv` in it, so a
//! dateline's place (大公网|河南讯) stays out of it.

use crate::extract::analysis::Analysis;
use crate::extract::candidate::Candidate;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::text::is_han;

/// The longest run of name characters (Chinese, -, ·) starting at `from`, at most 16 characters.
fn name_run(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .take_while(|&(i, c)| (is_han(c) || c == '-' || c == '·') && i < 16 * 3)
        .last()
        .map_or(from, |(i, c)| from + i + c.len_utf8())
}

/// The end of the outlet's name in `start..end`: after the last outlet word, with at least two
/// characters before it.
fn outlet_end(a: &Analysis, res: &Resources, start: usize, end: usize) -> Option<usize> {
    let run = &a.text[start..end];
    res.lex
        .media_words
        .iter()
        .filter_map(|w| run.rfind(w.as_str()).map(|i| (i, i + w.len())))
        .filter(|&(i, _)| run[..i].chars().count() >= 2)
        .map(|(_, e)| start + e)
        .max()
}

fn outlet(start: usize, end: usize, rule: &'static str, out: &mut Vec<Candidate>) {
    if !out.iter().any(|c| c.start == start && c.end == end) {
        out.push(Candidate::new(
            start,
            end,
            EntityClass::Organization,
            Subtype::Media,
            0.85,
            rule,
        ));
    }
}

pub(super) fn media_outlets(a: &Analysis, res: &Resources, orgs: &mut Vec<Candidate>) {
    let text = a.text;
    let mut added = Vec::new();
    // datelines: a line opening with an outlet's name and 讯, 消息 or a reporter's credit
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let from = line_start;
        line_start += line.len();
        let lead = line.len() - line.trim_start().len();
        let mut s = from + lead;
        if text[s..].starts_with('【') {
            s += '【'.len_utf8();
        }
        let e = name_run(text, s);
        if e == s {
            continue;
        }
        let rest = &text[e..];
        let run = &text[s..e];
        let dated = rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.chars().take(12).collect::<String>().contains("日讯");
        let credited = rest.starts_with("(记者") || rest.starts_with("(通讯员");
        let name_end = if let Some(r) = run.strip_suffix('讯').or_else(|| run.strip_suffix("消息")) {
            Some(s + r.len())
        } else if dated || credited {
            Some(e)
        } else {
            None
        };
        if let Some(ne) = name_end
            && let Some(oe) = outlet_end(a, res, s, ne)
            && a.char_len(s, oe) <= 14
        {
            outlet(s, oe, "media-dateline", &mut added);
        }
    }
    // source lines: 来源: X, each part of A-B its own outlet
    for (i, _) in text.match_indices("来源") {
        let mut p = i + "来源".len();
        p += text[p..].len() - text[p..].trim_start_matches([' ', '\u{3000}']).len();
        if !text[p..].starts_with(':') {
            continue;
        }
        p += 1;
        p += text[p..].len() - text[p..].trim_start_matches([' ', '\u{3000}']).len();
        let mut e = name_run(text, p);
        // the line goes on with the credit: 原创, 作者, 编辑, 记者 end the source
        if let Some(k) = ["原创", "作者", "编辑", "记者"]
            .iter()
            .filter_map(|w| text[p..e].find(w))
            .min()
        {
            e = p + k;
        }
        let mut part = p;
        for piece in text[p..e].split('-') {
            let pe = part + piece.len();
            if let Some(oe) = outlet_end(a, res, part, pe) {
                outlet(part, oe, "media-source", &mut added);
            }
            part = pe + '-'.len_utf8();
        }
    }
    orgs.extend(added);
}

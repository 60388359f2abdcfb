//! Coordination: the items of an enumeration take the class of the noun that closes it.
//!
//! News lists names and then says what they are: 签约华锐、远澜、启明等项目 (projects),
//! 引入华为、忽米等工业互联网平台 (companies), 包括合川、重庆经开区、綦江等区县 (districts),
//! 打造金桥物业“邻里守望”、川达精工“科创+党员先锋岗”等6个非公党建品牌 (brands). The closing nouns
//! are data (`list_heads.tsv`); an item carrying an industry word (天原化工) is a company whatever
//! the list says. A list closes at 等 or at a count right after its last item (下辖方通、方佬、
//! 坡告3个自然村).

use super::Resources;
use super::boundary::left_edge;
use crate::extract::analysis::Analysis;
use crate::extract::candidate::{Candidate, longest_ending_at};
use crate::extract::index::Pattern;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::{is_chinese_numeral, is_han};

const CLAUSE_END: &[char] = &[',', '。', ';', ':', '!', '?', '\n', '(', ')'];

pub fn recognize(a: &Analysis, res: &Resources, known: &[Candidate], out: &mut Vec<Candidate>) {
    let t = a.text;
    for (p, head_from) in closures(t) {
        let Some((class, subtype)) = closing_head(a, res, head_from) else {
            continue;
        };
        // a count closes lists of places (下辖A、B 2个自然村); counted programs and bodies are
        // descriptions as often as names (实施科技赋能产业、创新主体培育…五大工程)
        if p == head_from && (class != EntityClass::Place || !counted_head(a, res, head_from)) {
            continue;
        }
        let projects = (class, subtype) == (EntityClass::Program, Subtype::Project);
        let mut items = items_before(a, known, p, projects);
        if items.len() < 2 {
            continue;
        }
        if p == head_from {
            trim_first_place(a, known, &mut items);
        }
        let industrial = |s: usize, e: usize| {
            let item = &t[s..e];
            res.lex
                .industry_words
                .iter()
                .any(|w| item.ends_with(w.as_str()) && item.len() > w.len())
        };
        // most items carry an industry word: the list names companies (X、Y化工、Z能源等项目 are
        // the companies' projects), and so does its other item
        let companies = items.iter().filter(|&&(s, e)| industrial(s, e)).count() * 2 > items.len();
        for &(s, e) in &items {
            let item = &t[s..e];
            // a quoted item is a name by its marks
            let quoted = a.char_before(s) == Some('“') && a.char_at(e) == Some('”');
            // an item ending like a body found among its siblings is such a body too
            // (四川大学、电子科技大学等单位)
            let tail = |s: usize, e: usize| a.text[s..e].chars().rev().take(2).collect::<String>();
            let sibling_body = known.iter().find(|k| {
                k.class == EntityClass::Organization
                    && (k.start, k.end) != (s, e)
                    && items.contains(&(k.start, k.end))
                    && a.char_len(s, e) >= 4
                    && tail(k.start, k.end) == tail(s, e)
            });
            if let Some(k) = sibling_body
                && !known.iter().any(|o| o.start == s && o.end == e)
                && a.all_han(s, e)
            {
                out.push(Candidate::new(
                    s,
                    e,
                    EntityClass::Organization,
                    k.subtype,
                    0.6,
                    "enumeration-sibling",
                ));
                continue;
            }
            // in a list of projects an item that ends like a project or park names one by its
            // head noun (光伏发电项目、健康农业产业园等项目), however plain its words
            let headed = projects && project_headed(res, item);
            if res.lex.not_entities.contains(item) || !(quoted || headed || name_like(a, s, e)) {
                continue;
            }
            let (class, subtype) = if !headed && (companies || industrial(s, e)) {
                (EntityClass::Organization, Subtype::Company)
            } else {
                (class, subtype)
            };
            // listed among projects, a park is one of the projects (its zone reading yields); a
            // count of places outweighs names coordinated alone (方红、方通、方佬3个村小组)
            let confidence = if headed {
                0.85
            } else if p == head_from {
                0.75
            } else {
                0.6
            };
            out.push(Candidate::new(s, e, class, subtype, confidence, "enumeration"));
        }
    }
}

/// Where enumerations may close, as (end of the last item, start of what names the items): after
/// 等 (A、B等项目), or at a count written right after the last item (方通、坡告2个自然村,
/// 莱州、邹平两家农商行). A count after 等 belongs to that 等.
fn closures(t: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = t.match_indices('等').map(|(p, _)| (p, p + '等'.len_utf8())).collect();
    let is_count = |c: char| c.is_ascii_digit() || is_chinese_numeral(c);
    let mut prev: Option<char> = None;
    for (i, c) in t.char_indices() {
        if is_count(c) && prev.is_some_and(|b| is_han(b) && !is_count(b) && b != '等' && b != '第') {
            let rest = &t[i..];
            let digits = rest.find(|ch: char| !is_count(ch)).unwrap_or(rest.len());
            let measured = rest[digits..].starts_with(COUNT_MEASURES);
            if measured && rest[..digits].chars().count() <= 3 {
                out.push((i, i));
            }
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out
}

/// The first place of a counted list is no longer than its siblings unless a recognizer read it
/// so: 白沙最偏远的|道银、坡告2个自然村 → 道银, cut where a word starts.
fn trim_first_place(a: &Analysis, known: &[Candidate], items: &mut [(usize, usize)]) {
    let longest = items[1..].iter().map(|&(s, e)| a.char_len(s, e)).max().unwrap_or(0);
    let (s, e) = items[0];
    if a.char_len(s, e) <= longest + 1 || known.iter().any(|k| k.start == s && k.end == e) {
        return;
    }
    let cut = a.back_chars(e, longest);
    if a.is_boundary(cut) {
        items[0].0 = cut;
    }
}

/// Whether the count at `from` is followed by its measure word and then, within a few modifier
/// characters and no second count, by a list head (2个自然村, 两个国家级开发区; not 四大领域9个项目).
fn counted_head(a: &Analysis, res: &Resources, from: usize) -> bool {
    let rest = &a.text[from..];
    let Some(measure) = rest.find(COUNT_MEASURES) else {
        return false;
    };
    let after = &rest[measure + '个'.len_utf8()..];
    let reach: String = after.chars().take(8).collect();
    res.lex.list_heads.iter().any(|h| {
        reach.find(h.head.as_str()).is_some_and(|at| {
            let between = &reach[..at];
            !between
                .chars()
                .any(|c| c.is_ascii_digit() || is_chinese_numeral(c) || CLAUSE_END.contains(&c))
        })
    })
}

/// Measure words of a count that closes a list of names (5个自然村, 两家银行, 三大园区).
const COUNT_MEASURES: &[char] = &['个', '家', '所', '座', '条', '项', '大'];

/// The class noun closing an enumeration after 等: 等项目, 等6个非公党建品牌, 等一批企业.
fn closing_head(a: &Analysis, res: &Resources, from: usize) -> Option<(EntityClass, Subtype)> {
    let rest = &a.text[from..];
    let end = rest
        .find(CLAUSE_END)
        .unwrap_or(rest.len())
        .min(a.forward_chars(from, 20) - from);
    let segment = &rest[..end];
    // the head ends the noun phrase: the longest head at the end of some prefix ending at a word end
    let mut best: Option<(usize, EntityClass, Subtype)> = None;
    for h in &res.lex.list_heads {
        let mut search = 0;
        while let Some(i) = segment[search..].find(h.head.as_str()) {
            let at = search + i;
            let head_end = from + at + h.head.len();
            let word_end = a.is_boundary(head_end) || a.char_at(head_end).is_none_or(|c| !is_han(c));
            // what stands between 等 and the head: numbers, measure words and modifiers only
            // (modifiers listed before a 的 are still modifiers: 等一批规模大、链条长的重大项目)
            let between = &segment[..at];
            let listed = between.rfind('的').map_or(between, |d| &between[d..]);
            let reach = if between.contains('的') { 18 } else { 14 };
            let plain = !between.contains(['“', '”']) && !listed.contains('、') && a.char_len(from, from + at) <= reach;
            if word_end && plain && best.is_none_or(|(e, _, _)| at + h.head.len() < e) {
                best = Some((at + h.head.len(), h.class, h.subtype));
            }
            search = at + h.head.len();
        }
    }
    best.map(|(_, c, s)| (c, s))
}

/// Spans of the items before 等 at `p`, separated by 、 (and 和/及 before the last).
fn items_before(a: &Analysis, known: &[Candidate], p: usize, projects: bool) -> Vec<(usize, usize)> {
    // project names run longer (X研发中心及生产基地项目)
    let longest = if projects { 20 } else { 12 };
    let t = a.text;
    let mut items = Vec::new();
    let mut end = p;
    loop {
        // the item ends at `end`; find its start: the previous separator within the clause
        let window_start = a.back_chars(end, 2 * longest);
        let piece = &t[window_start..end];
        let sep = piece.rfind(['、']).map(|i| window_start + i);
        let clause = piece.rfind(CLAUSE_END).map(|i| window_start + i);
        match (sep, clause) {
            (Some(s), c) if c.is_none_or(|c| c < s) => {
                let start = s + '、'.len_utf8();
                items.push(item_span(a, start, end));
                end = s;
            }
            _ => {
                // the first item: from a name-like left edge
                let known_start = |b: usize| longest_ending_at(known, b);
                // a quoted first item (金桥物业“邻里守望”、…) runs from before its quote
                let before_quote = t[..end]
                    .strip_suffix('”')
                    .and_then(|s| s.rfind('“'))
                    .filter(|&open| open >= window_start);
                let start = left_edge(a, before_quote.unwrap_or(end), longest, &known_start);
                if start < end {
                    items.push(item_span(a, start, end));
                }
                break;
            }
        }
        if items.len() > 12 {
            break;
        }
    }
    items.reverse();
    items.retain(|&(s, e)| {
        let n = a.char_len(s, e);
        (2..=longest).contains(&n)
            && t[s..e]
                .chars()
                .all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == '+' || c == '·')
    });
    items
}

/// Whether `item` ends with a noun that closes lists of projects (…项目, …基地) or with a park's
/// suffix (…产业园) after a modifier of two characters or more, or is a phase of one (…二期).
fn project_headed(res: &Resources, item: &str) -> bool {
    // a phase of a project is a project (X产业园二期)
    let item = item
        .strip_suffix('期')
        .and_then(|s| s.strip_suffix(|c: char| "一二三四五六七八九十".contains(c)))
        .unwrap_or(item);
    let ends = |head: &str| item.ends_with(head) && item.chars().count() >= head.chars().count() + 2;
    res.lex
        .list_heads
        .iter()
        .any(|h| h.subtype == Subtype::Project && ends(&h.head))
        || res.lex.zone_suffixes.iter().any(|z| z.scale == 1 && ends(&z.suffix))
}

/// An item's name: a quoted name inside it (金桥物业“邻里守望” → 邻里守望), else the item,
/// without a leading 和/及 or a recognized verb.
fn item_span(a: &Analysis, start: usize, end: usize) -> (usize, usize) {
    let t = a.text;
    if let (Some(o), Some(c)) = (t[start..end].find('“'), t[start..end].rfind('”')) {
        let (qs, qe) = (start + o + '“'.len_utf8(), start + c);
        if qs < qe {
            return (qs, qe);
        }
    }
    let mut s = start;
    for lead in ["和", "及", "以及"] {
        if t[s..end].starts_with(lead) {
            s += lead.len();
        }
    }
    if a.starting_at(s)
        .any(|h| matches!(h.pattern, Pattern::Boundary) && h.end < end)
    {
        s = a
            .starting_at(s)
            .filter(|h| matches!(h.pattern, Pattern::Boundary) && h.end < end)
            .map(|h| h.end)
            .max()
            .unwrap_or(s);
    }
    (s, end)
}

/// An item that is a name, not a kind (资金, 人才) or an activity (资源共享): it holds a word jieba
/// does not know or knows as a proper name, or jieba cut it into single characters.
fn name_like(a: &Analysis, start: usize, end: usize) -> bool {
    use crate::extract::analysis::Pos;
    let tokens: Vec<_> = a.tokens[a.token_index(start)..a.token_index(end).max(a.token_index(start))]
        .iter()
        .filter(|t| t.end <= end && t.start >= start)
        .collect();
    if tokens.is_empty() || a.char_len(start, end) > 8 {
        return false;
    }
    let proper = tokens
        .iter()
        .any(|t| matches!(t.pos, Pos::Unknown | Pos::ProperNoun | Pos::OrgName) && a.char_len(t.start, t.end) >= 2);
    let cut = tokens.iter().filter(|t| a.char_len(t.start, t.end) == 1).count() >= 2;
    let last_verb = tokens
        .last()
        .is_some_and(|t| matches!(t.pos, Pos::Verb | Pos::VerbNoun));
    (proper || cut) && !last_verb
}

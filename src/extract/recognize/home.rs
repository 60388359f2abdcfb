//! The page's home place: the division a page says it belongs to.
//!
//! Local news writes its own place as a bare level word — 市委, 市政府, 我市, 全县 — because the
//! reader knows whose paper it is. The page says so once, outside the story: in its source line
//! (来源：吉林市人民政府网), its masthead or byline (菏泽日报, 浙江在线-兰溪新闻网(记者…), or its
//! dateline (四川新闻网广元4月20日讯, 新华社成都1月5日电). The most specific division stated
//! those ways is the home; bodies with a bare level word are completed from it (`link`), and a
//! page that states none gets none from here — the most specific place it names is the
//! fallback, decided where the mentions are known.

use super::Resources;
use super::places::PlaceContext;
use crate::extract::analysis::Analysis;
use crate::extract::gazetteer::Level;
use crate::extract::index::{Hit, Pattern};
use crate::text::is_han;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

const HOME_CUES: &str = include_str!("../../../data/gazetteer/home_cues.tsv");

/// How many non-empty lines at the top of a page hold its masthead, byline and dateline.
const HEAD_LINES: usize = 5;

#[derive(Default)]
struct Cues {
    source: Vec<String>,
    media: Vec<String>,
    dateline: Vec<String>,
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut c = Cues::default();
        for line in HOME_CUES.lines().filter(|l| !l.starts_with('#')) {
            let Some((kind, words)) = line.split_once('\t') else {
                continue;
            };
            let list = match kind.trim() {
                "source" => &mut c.source,
                "media" => &mut c.media,
                "dateline" => &mut c.dateline,
                _ => continue,
            };
            list.extend(words.split_whitespace().map(str::to_owned));
            // longest first, so 广播电视台 is read before 电视台
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        c
    })
}

/// A day written before 讯 or 电: `4月20日`, `12 月 15 日`, `十一月五日`.
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*")
        .expect("day pattern")
});

/// The division the page states as its home, if it states one.
pub fn stated(a: &Analysis, res: &Resources, ctx: &PlaceContext) -> Option<usize> {
    let head_end = head_end(a.text);
    let mut best: Option<usize> = None;
    let mut seen = (usize::MAX, usize::MAX);
    for hit in &a.hits {
        let Pattern::Division { .. } = hit.pattern else {
            continue;
        };
        if (hit.start, hit.end) == seen {
            continue;
        }
        seen = (hit.start, hit.end);
        // a masthead or dateline further down opens an article the page quotes (新华社北京…电)
        let head = hit.start < head_end;
        if !(from_source(a, hit) || (head && (from_media(a, hit) || from_dateline(a, hit)))) {
            continue;
        }
        // a name inside a longer one (龙江 in 黑龙江日报) is not written there
        let from = a.back_chars(hit.start, 8);
        let inside = a.hits[..]
            .iter()
            .skip_while(|h| h.start < from)
            .take_while(|h| h.start <= hit.start)
            .any(|h| {
                matches!(h.pattern, Pattern::Division { .. })
                    && h.end >= hit.end
                    && (h.end - h.start) > (hit.end - hit.start)
            });
        if inside {
            continue;
        }
        let Some(d) = resolve(a, res, ctx, hit) else { continue };
        // a county's short form states a home only if the page names the county again (兰溪 of
        // 兰溪新闻网 in a page about 兰溪市; not 天山 of 天山网)
        let county_short =
            matches!(hit.pattern, Pattern::Division { short: true, .. }) && res.gaz.get(d).level == Level::County;
        if county_short
            && !a.hits.iter().any(|h| {
                matches!(h.pattern, Pattern::Division { index, .. } if index == d)
                    && !cues().media.iter().any(|m| a.text[h.end..].starts_with(m.as_str()))
            })
        {
            continue;
        }
        // the most specific stated place; the first of a level
        if best.is_none_or(|b| res.gaz.get(d).level > res.gaz.get(b).level) {
            best = Some(d);
        }
    }
    best
}

/// The byte where the page's head (its first non-empty lines) ends.
fn head_end(text: &str) -> usize {
    let mut lines = 0;
    for (i, l) in text.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, l))
    }) {
        if !l.trim().is_empty() {
            lines += 1;
            if lines == HEAD_LINES {
                return i + l.len();
            }
        }
    }
    text.len()
}

/// The division of a province, city or county hit, the one the page's context prefers among
/// homonyms.
fn resolve(a: &Analysis, res: &Resources, ctx: &PlaceContext, hit: &Hit) -> Option<usize> {
    a.starting_at(hit.start)
        .filter(|h| h.end == hit.end)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, .. } if res.gaz.get(index).level <= Level::County => Some(index),
            _ => None,
        })
        .max_by(|&x, &y| {
            let key = |i: usize| {
                (
                    ctx.province_weight(res.gaz.province_of(i)),
                    std::cmp::Reverse(res.gaz.get(i).level),
                )
            };
            key(x)
                .partial_cmp(&key(y))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| res.gaz.get(y).code.cmp(&res.gaz.get(x).code))
        })
}

/// `来源：吉林市人民政府网`, `来源 : 中国网七彩云南`: the place is in the field after the cue.
fn from_source(a: &Analysis, hit: &Hit) -> bool {
    // the cue and the field before the place lie within a few characters
    let from = a.back_chars(hit.start, 24);
    let line_start = a.text[from..hit.start].rfind('\n').map_or(from, |i| from + i + 1);
    let before = &a.text[line_start..hit.start];
    cues().source.iter().any(|cue| {
        before.rfind(cue.as_str()).is_some_and(|i| {
            let field = before[i + cue.len()..].trim_start_matches([':', '：', ' ', '\u{3000}', '\t']);
            !field.contains(char::is_whitespace) && field.chars().count() <= 12
        })
    })
}

/// `菏泽日报`, `天山网-新疆日报记者`, `浙江在线-兰溪新闻网(记者`: a place opening a media name.
fn from_media(a: &Analysis, hit: &Hit) -> bool {
    let after = &a.text[hit.end..];
    let Some(media) = cues().media.iter().find(|m| after.starts_with(m.as_str())) else {
        return false;
    };
    // the place opens the name: after punctuation, a line start, or 中国 (中国菏泽网)
    let opens = a.char_before(hit.start).is_none_or(|c| !is_han(c))
        || a.ending_at(hit.start).any(|h| matches!(h.pattern, Pattern::World(_)));
    if !opens {
        return false;
    }
    let _ = media;
    true
}

/// `广元4月20日讯`, `黑龙江日报7月14日讯`, `新华社成都1月5日电`.
fn from_dateline(a: &Analysis, hit: &Hit) -> bool {
    let mut after = &a.text[hit.end..];
    if let Some(m) = cues().media.iter().find(|m| after.starts_with(m.as_str())) {
        after = &after[m.len()..];
    }
    DAY.find(after)
        .is_some_and(|m| cues().dateline.iter().any(|d| after[m.end()..].starts_with(d.as_str())))
}

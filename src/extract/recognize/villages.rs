//! Villages and residents' committees.
//!
//! China has 620,573 of them, and their names are ordinary words and each other's (新村, 中心村,
//! 友谊村 exist by the hundred), so a village name alone says nothing. The national table
//! (`gazetteer/villages.rs`) is therefore read only where the text places a village:
//!
//! - right after its township or county (武隆区凤来镇高寿村, 瑞安市下沙塘村, 绥德县的郝家桥村);
//! - before a village cue of `village_cues.txt` (…村党支部, …村委会, …村村民) in a document
//!   that names its county or township;
//! - as a word of three characters or more in a document that names its township;
//! - again, once found one of these ways, wherever the same name stands as a word.
//!
//! What is found is added to the document's lexicon hits as division hits (one per homonymous
//! village, as the automaton does for every other division), before any recognizer runs: the
//! suffix and program grammars then see a village opening a name (岚溪村股份经济合作社,
//! 茶树村古树茶精深加工项目) as they see a county. A village the table lacks (renamed, merged)
//! written after its township is still found by the village grammar: up to four characters and
//! 村 or 社区.

use super::Resources;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::gazetteer::{Gazetteer, Level};
use crate::extract::index::{Hit, Pattern};
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;
use std::collections::HashMap;
use std::sync::OnceLock;

const VILLAGE_CUES: &str = include_str!("../../../data/gazetteer/village_cues.txt");

/// Endings that close a village's name, so what follows may be anything.
const NAME_ENDINGS: &[&str] = &["村", "社区", "居委", "嘎查", "农场", "牧场", "林场", "管理区", "生活区"];

fn cues() -> &'static [String] {
    static CUES: OnceLock<Vec<String>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut v: Vec<String> = VILLAGE_CUES
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(str::to_owned)
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// The villages the text places, as division hits, sorted.
pub fn hits(a: &Analysis, gaz: &Gazetteer) -> Vec<Hit> {
    let mut found: Vec<Hit> = Vec::new();
    after_parent(a, gaz, &mut found);
    let parents = named_parents(a, gaz);
    before_cue(a, gaz, &parents, &mut found);
    in_named_township(a, gaz, &parents, &mut found);
    repeats(a, &mut found);
    found.sort_by_key(|h| (h.start, h.end, division_of(h)));
    found.dedup();
    found
}

fn division_of(h: &Hit) -> usize {
    match h.pattern {
        Pattern::Division { index, .. } => index,
        _ => usize::MAX,
    }
}

/// Full-name county and township hits at `start..end`.
fn parents_at(a: &Analysis, gaz: &Gazetteer, start: usize, end: usize) -> Vec<usize> {
    a.starting_at(start)
        .filter(|h| h.end == end)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, short: false }
                if matches!(gaz.get(index).level, Level::Township | Level::County) =>
            {
                Some(index)
            }
            _ => None,
        })
        .collect()
}

fn push_all(found: &mut Vec<Hit>, start: usize, end: usize, villages: &[usize]) {
    for &v in villages {
        found.push(Hit {
            start,
            end,
            pattern: Pattern::Division { index: v, short: false },
        });
    }
}

/// Villages written right after their township or county (the 的 between allowed).
fn after_parent(a: &Analysis, gaz: &Gazetteer, found: &mut Vec<Hit>) {
    let mut done: Vec<(usize, usize)> = Vec::new();
    for hit in &a.hits {
        if done.contains(&(hit.start, hit.end)) {
            continue;
        }
        let parents = parents_at(a, gaz, hit.start, hit.end);
        if parents.is_empty() {
            continue;
        }
        done.push((hit.start, hit.end));
        let base = if a.text[hit.end..].starts_with('的') {
            hit.end + '的'.len_utf8()
        } else {
            hit.end
        };
        if !a.char_at(base).is_some_and(is_han) {
            continue;
        }
        let rest = &a.text[base..];
        let mut best: Option<(usize, Vec<usize>)> = None;
        for &p in &parents {
            for v in gaz.villages_in(p) {
                let name = &gaz.get(v).name;
                let end = base + name.len();
                if !rest.starts_with(name.as_str()) || !ends_name(a, name, end) {
                    continue;
                }
                // a township written there is no village of the same stem (东村|镇)
                if a.starting_at(base)
                    .any(|h| h.end > end && matches!(h.pattern, Pattern::Division { short: false, .. }))
                {
                    continue;
                }
                match &mut best {
                    Some((len, vs)) if *len == name.len() => vs.push(v),
                    Some((len, _)) if *len > name.len() => {}
                    _ => best = Some((name.len(), vec![v])),
                }
            }
        }
        if let Some((len, vs)) = best {
            push_all(found, base, base + len, &vs);
        }
    }
}

/// Whether a village name found in the text ends there (高寿村|的 yes; 杜朗|群众 only at a word end).
fn ends_name(a: &Analysis, name: &str, end: usize) -> bool {
    NAME_ENDINGS.iter().any(|e| name.ends_with(e)) || a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c))
}

/// Counties the document names by a full name no other county or township has, and townships
/// named so or right after a division containing them (安化县小淹镇).
fn named_parents(a: &Analysis, gaz: &Gazetteer) -> Vec<usize> {
    let mut parents = Vec::new();
    for hit in &a.hits {
        let Pattern::Division { index, short: false } = hit.pattern else {
            continue;
        };
        let level = gaz.get(index).level;
        if !matches!(level, Level::County | Level::Township) {
            continue;
        }
        let homonyms = parents_at(a, gaz, hit.start, hit.end);
        let placed = a.ending_at(hit.start).any(|h| match h.pattern {
            Pattern::Division { index: anc, .. } => anc != index && gaz.contains(anc, index),
            _ => false,
        });
        if homonyms.len() == 1 || (level == Level::Township && placed) {
            parents.push(index);
        }
    }
    parents.sort_unstable();
    parents.dedup();
    parents
}

/// A village of a township the document names, written as a word of its own with a name of three
/// characters or more (辣椒种植大户干塘子村卢权说 in a page about its township): a township has a
/// few dozen villages, so such a name is rarely an accident.
fn in_named_township(a: &Analysis, gaz: &Gazetteer, parents: &[usize], found: &mut Vec<Hit>) {
    let mut names: Vec<(&str, usize)> = Vec::new();
    for &t in parents.iter().filter(|&&p| gaz.get(p).level == Level::Township) {
        for v in gaz.villages_in(t) {
            let name = gaz.get(v).name.as_str();
            if name.chars().count() >= 3 && NAME_ENDINGS.iter().any(|e| name.ends_with(e)) {
                names.push((name, v));
            }
        }
    }
    for (at, end, i) in occurrences(a.text, names.iter().map(|n| n.0)) {
        if !found.iter().any(|h| h.start < end && at < h.end) && starts_name(a, at) {
            push_all(found, at, end, &[names[i].1]);
        }
    }
}

/// Every occurrence of any of `names` in `text`: (start, end, index of the name).
fn occurrences<'n>(text: &str, names: impl Iterator<Item = &'n str>) -> Vec<(usize, usize, usize)> {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        return Vec::new();
    }
    let Ok(ac) = aho_corasick::AhoCorasick::new(&names) else {
        return Vec::new();
    };
    ac.find_overlapping_iter(text)
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect()
}

/// A village name the table has for a county or township the document names, written before a
/// village cue (南会村党支部, 小水井村村委会).
fn before_cue(a: &Analysis, gaz: &Gazetteer, parents: &[usize], found: &mut Vec<Hit>) {
    if parents.is_empty() {
        return;
    }
    let mut at_cue: Vec<usize> = Vec::new();
    for cue in cues() {
        at_cue.extend(a.text.match_indices(cue.as_str()).map(|(i, _)| i));
    }
    if at_cue.is_empty() {
        return;
    }
    at_cue.sort_unstable();
    at_cue.dedup();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for &p in parents {
        for v in gaz.villages_in(p) {
            by_name.entry(gaz.get(v).name.as_str()).or_default().push(v);
        }
    }
    for cue_at in at_cue {
        // the longest name ending at the cue, of at least three characters (新村 is a phrase)
        let mut start = cue_at;
        let mut best = None;
        for _ in 0..8 {
            let Some(c) = a.char_before(start).filter(|&c| is_han(c)) else {
                break;
            };
            start -= c.len_utf8();
            if a.char_len(start, cue_at) >= 3
                && let Some(vs) = by_name.get(&a.text[start..cue_at])
                && starts_name(a, start)
            {
                best = Some((start, vs.clone()));
            }
        }
        if let Some((start, vs)) = best
            && !found.iter().any(|h| h.start < cue_at && start < h.end)
        {
            push_all(found, start, cue_at, &vs);
        }
    }
}

/// Whether a name may start at `b`: a word starts there, or a place or a non-Han character ends there.
fn starts_name(a: &Analysis, b: usize) -> bool {
    a.is_boundary(b)
        || a.char_before(b).is_none_or(|c| !is_han(c))
        || a.ending_at(b).any(|h| matches!(h.pattern, Pattern::Division { .. }))
}

/// Other occurrences of a village found (地处…的南会村 after 杉城镇南会村), where a word starts.
fn repeats(a: &Analysis, found: &mut Vec<Hit>) {
    let sources: Vec<Hit> = found
        .iter()
        .filter(|h| a.char_len(h.start, h.end) >= 3)
        .copied()
        .collect();
    let mut extra: Vec<Hit> = Vec::new();
    for (at, end, i) in occurrences(a.text, sources.iter().map(|h| &a.text[h.start..h.end])) {
        let h = sources[i];
        let taken = found
            .iter()
            .any(|o| o.start < end && at < o.end && (o.start, o.end) != (at, end))
            || extra
                .iter()
                .any(|o| o.start < end && at < o.end && o.pattern == h.pattern);
        if !taken && (at, end) != (h.start, h.end) && starts_name(a, at) {
            extra.push(Hit {
                start: at,
                end,
                pattern: h.pattern,
            });
        }
    }
    found.extend(extra);
}

/// Villages the grammar finds after a township or county where the table placed none.
pub fn recognize(a: &Analysis, res: &Resources, out: &mut Vec<Candidate>) {
    for hit in &a.hits {
        let Pattern::Division { index, short: false } = hit.pattern else {
            continue;
        };
        if !matches!(res.gaz.get(index).level, Level::Township | Level::County) {
            continue;
        }
        let base = if a.text[hit.end..].starts_with('的') {
            hit.end + '的'.len_utf8()
        } else {
            hit.end
        };
        let placed = a.starting_at(base).any(
            |h| matches!(h.pattern, Pattern::Division { index, .. } if res.gaz.get(index).level == Level::Village),
        );
        if !placed && let Some(c) = grammar(a, res, index, base) {
            out.push(c);
        }
    }
}

/// The village grammar: up to 4 Han characters then 村 or 社区 right after a township or county,
/// for villages the table lacks.
fn grammar(a: &Analysis, res: &Resources, parent: usize, base: usize) -> Option<Candidate> {
    let rest = &a.text[base..];
    for (len, (i, c)) in rest.char_indices().take(6).enumerate() {
        if !is_han(c) {
            return None;
        }
        let after = &rest[i..];
        let suffix = if after.starts_with("社区") {
            "社区"
        } else if c == '村' {
            "村"
        } else {
            continue;
        };
        // the 村 or 社区 must start its own word: 乡村 in 全面实现乡村 is no village
        let suffix_at = base + i;
        let end = base + i + suffix.len();
        let cue_after = cues().iter().any(|q| a.text[end..].starts_with(q.as_str()));
        let own_word = cue_after
            || a.token_at(suffix_at)
                .is_some_and(|t| t.start == suffix_at || t.start == base);
        // a village name holds no post and no verb (米脂县|委书记到|村 is a visit)
        let clause = a.hits.iter().any(|h| {
            h.start >= base && h.start < suffix_at && matches!(h.pattern, Pattern::Title(_) | Pattern::Boundary)
        }) || a.tokens[a.token_index(base)..a.token_index(suffix_at)]
            .iter()
            .any(|t| matches!(t.pos, Pos::Verb | Pos::Preposition | Pos::Particle));
        if !(2..=4).contains(&len) || !own_word || clause {
            return None;
        }
        let name = &a.text[base..end];
        if !res.gaz.lookup(name).is_empty() || name.starts_with('村') {
            return None;
        }
        let mut c = Candidate::new(base, end, EntityClass::Place, Subtype::Village, 0.75, "village-grammar");
        c.place = Some(parent);
        return Some(c);
    }
    None
}

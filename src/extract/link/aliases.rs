//! Other names of one entity: the forms a page uses for a thing it has already named in full.
//!
//! - Declared aliases: `X（以下简称“Y”）` makes every Y a mention of X, and P+Y (重庆高新区种子基金)
//!   too when P is part of X's name.
//! - Short forms of companies: the name without place, legal form and industry words
//!   (川达精工机械股份有限公司 → 川达精工), found wherever they occur.
//! - A name written again without its place (…产业链党委), by its count and cue (七大行动), with a
//!   year before it, or with a character or two different, joins the full name.

use super::{Pending, key_form};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueMode;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::text::{is_chinese_numeral, is_han};

use std::collections::{BTreeMap, HashMap};

const LEGAL_FORMS: &[&str] = &[
    "集团股份有限公司",
    "集团有限责任公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "公司",
    "集团",
];

/// A short name recognized with its full name joins it (“走进武隆” of the event named with it),
/// and so does the same short name written elsewhere.
pub(super) fn short_names(a: &Analysis, pending: &mut [Pending]) {
    let spans: HashMap<(usize, usize), (String, String)> = pending
        .iter()
        .map(|p| ((p.cand.start, p.cand.end), (p.key.clone(), p.name.clone())))
        .collect();
    let mut by_surface: HashMap<String, (String, String)> = HashMap::new();
    for p in pending.iter_mut() {
        if let Some((key, name)) = p.cand.alias_of.and_then(|span| spans.get(&span)) {
            p.key = key.clone();
            p.name = name.clone();
            by_surface
                .entry(a.text[p.cand.start..p.cand.end].to_owned())
                .or_insert((key.clone(), name.clone()));
        }
    }
    for p in pending.iter_mut() {
        if p.cand.alias_of.is_none()
            && p.cand.class == EntityClass::Program
            && let Some((key, name)) = by_surface.get(&a.text[p.cand.start..p.cand.end])
        {
            p.key = key.clone();
            p.name = name.clone();
        }
    }
}

/// A body or program named again without the place or zone its full name starts with
/// (宜宾三江新区智能终端产业链党委 … 智能终端产业链党委) is the same body.
pub(super) fn place_dropped_names(a: &Analysis, pending: &mut [Pending]) {
    // places named in the text, and full division names written inside other names (绍兴市柯桥区…)
    let place_forms: std::collections::HashSet<String> = pending
        .iter()
        .filter(|p| p.cand.class == EntityClass::Place)
        .flat_map(|p| [p.name.clone(), a.text[p.cand.start..p.cand.end].to_owned()])
        .chain(
            a.hits
                .iter()
                .filter(|h| matches!(h.pattern, Pattern::Division { short: false, .. }))
                .map(|h| a.text[h.start..h.end].to_owned()),
        )
        .collect();
    let bodies: Vec<usize> = (0..pending.len())
        .filter(|&i| {
            matches!(pending[i].cand.class, EntityClass::Organization | EntityClass::Program) && !pending[i].cand.nested
        })
        .collect();
    let mut joins = Vec::new();
    for &i in &bodies {
        let short = &pending[i].name;
        if short.chars().count() < 4 {
            continue;
        }
        let full = bodies
            .iter()
            .filter(|&&j| j != i && pending[j].cand.class == pending[i].cand.class)
            .filter(|&&j| {
                let name = &pending[j].name;
                name.len() > short.len() && name.ends_with(short.as_str()) && {
                    // the dropped part is a place, or a place in a place (杭州市|钱塘区)
                    let prefix = &name[..name.len() - short.len()];
                    place_forms.contains(prefix)
                        || place_forms.iter().any(|f| {
                            prefix
                                .strip_prefix(f.as_str())
                                .is_some_and(|rest| place_forms.contains(rest))
                        })
                }
            })
            .min_by_key(|&&j| {
                (
                    pending[j].cand.start > pending[i].cand.start,
                    pending[i].cand.start.abs_diff(pending[j].cand.start),
                )
            });
        if let Some(&j) = full {
            joins.push((i, pending[j].key.clone(), pending[j].name.clone()));
        }
    }
    rekey(pending, joins);
}

/// A counted program named again by its count and cue alone (七大攻坚行动 … 七大行动, 三项惠民工程 …
/// 三项工程) is the same program, when one full name fits.
pub(super) fn numbered_short_names(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        let name: Vec<char> = p.name.chars().collect();
        if p.cand.class != EntityClass::Program
            || p.cand.nested
            || name.len() < 5
            || !is_chinese_numeral(name[0])
            || !"大项个条".contains(name[1])
        {
            continue;
        }
        let count_end = p.cand.start + name[..2].iter().map(|c| c.len_utf8()).sum::<usize>();
        let cue = a
            .ending_at(p.cand.end)
            .filter(|h| h.start > count_end && matches!(h.pattern, Pattern::ProgramCue(_)))
            .filter(|h| matches!(h.pattern, Pattern::ProgramCue(c) if res.lex.program_cues[c].mode == CueMode::Name))
            .max_by_key(|h| h.start);
        if let Some(cue) = cue {
            forms.push((
                format!("{}{}", &a.text[p.cand.start..count_end], &a.text[cue.start..cue.end]),
                i,
            ));
        }
    }
    for (form, i) in &forms {
        // two counted programs with one count and cue: the short form is ambiguous
        if forms
            .iter()
            .any(|(f, j)| f == form && pending[*j].key != pending[*i].key)
        {
            continue;
        }
        let (key, name, subtype) = (
            pending[*i].key.clone(),
            pending[*i].name.clone(),
            pending[*i].cand.subtype,
        );
        for p in pending.iter_mut() {
            if p.cand.class == EntityClass::Program && a.text[p.cand.start..p.cand.end] == *form {
                p.key = key.clone();
                p.name = name.clone();
            }
        }
        add_occurrences(
            a,
            pending,
            form,
            &key,
            &name,
            EntityClass::Program,
            subtype,
            "numbered-short-name",
            false,
        );
    }
}

/// A program written with a year before a name the document gives it (2023年X基金 after X基金)
/// is that program in that year: the mention is the name, the year its qualifier.
pub(super) fn year_prefixed_names(a: &Analysis, pending: &mut [Pending]) {
    let mut joins = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        if p.cand.class != EntityClass::Program {
            continue;
        }
        let text = &a.text[p.cand.start..p.cand.end];
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        let Some(rest) = text.get(digits..).and_then(|t| t.strip_prefix('年')) else {
            continue;
        };
        if digits != 4 || rest.chars().count() < 2 {
            continue;
        }
        let named = pending
            .iter()
            .filter(|q| q.cand.class == EntityClass::Program && q.key != p.key)
            .find(|q| &a.text[q.cand.start..q.cand.end] == rest || q.name == rest);
        if let Some(q) = named {
            joins.push((i, p.cand.end - rest.len(), q.key.clone(), q.name.clone()));
        }
    }
    for (i, start, key, name) in joins {
        pending[i].cand.start = start;
        pending[i].key = key;
        pending[i].name = name;
    }
}

/// Long names of one class (programs, bodies, zones) that differ by a few characters left out or added in one
/// document are one entity written two ways (新领先(重庆)生物医药… and 新领先(重庆)医药…): the first written wins.
pub(super) fn near_identical_names(pending: &mut [Pending]) {
    let mut seen: Vec<(EntityClass, String, String, Vec<char>)> = Vec::new();
    let mut renamed: HashMap<String, (String, String)> = HashMap::new();
    for p in pending.iter() {
        let chars: Vec<char> = p.name.chars().collect();
        if chars.len() < 10
            || !(matches!(p.cand.class, EntityClass::Program | EntityClass::Organization)
                || p.cand.class == EntityClass::Place && p.cand.subtype == Subtype::Zone)
            || seen.iter().any(|(_, k, _, _)| *k == p.key)
        {
            continue;
        }
        // words left out or added, not swapped: 校长负责制 and 院长负责制 are two systems
        let twin = seen.iter().find(|(c, _, _, other)| {
            *c == p.cand.class
                && other.len() != chars.len()
                && other.iter().zip(&chars).take(3).all(|(x, y)| x == y)
                && other.iter().rev().zip(chars.iter().rev()).take(2).all(|(x, y)| x == y)
                && edit_distance(other, &chars) <= 3
        });
        match twin {
            Some((_, key, name, _)) => {
                renamed.insert(p.key.clone(), (key.clone(), name.clone()));
            }
            None => seen.push((p.cand.class, p.key.clone(), p.name.clone(), chars)),
        }
    }
    for p in pending.iter_mut() {
        if let Some((key, name)) = renamed.get(&p.key) {
            p.key = key.clone();
            p.name = name.clone();
        }
    }
}

/// Makes each listed mention one of another entity: (mention index, entity key, entity name).
pub(super) fn rekey(pending: &mut [Pending], joins: Vec<(usize, String, String)>) {
    for (i, key, name) in joins {
        pending[i].key = key;
        pending[i].name = name;
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// `X（以下简称“Y”）`: Y and P+Y become mentions of X.
pub(super) fn declared_aliases(a: &Analysis, pending: &mut Vec<Pending>) {
    let mut aliases: Vec<(String, usize)> = Vec::new(); // alias text → index of antecedent
    for (i, p) in pending.iter().enumerate() {
        if p.cand.nested {
            continue;
        }
        if let Some(alias) = a.declared_short_name(p.cand.end)
            && alias.chars().count() >= 2
            && alias != a.text[p.cand.start..p.cand.end].trim()
        {
            aliases.push((alias.to_owned(), i));
        }
    }
    for (alias, ante) in aliases {
        let (key, name, class, subtype) = {
            let p = &pending[ante];
            (p.key.clone(), p.name.clone(), p.cand.class, p.cand.subtype)
        };
        let ante_name = key_form(&name);
        // candidates that are the alias, or a part of the full name followed by the alias
        for p in pending.iter_mut() {
            let s = &a.text[p.cand.start..p.cand.end];
            let prefix_of_name = s
                .strip_suffix(alias.as_str())
                .is_some_and(|pre| !pre.is_empty() && ante_name.contains(pre));
            if s == alias || prefix_of_name {
                p.key = key.clone();
                p.name = name.clone();
                p.cand.class = class;
                p.cand.subtype = subtype;
            }
        }
        add_occurrences(a, pending, &alias, &key, &name, class, subtype, "declared-alias", true);
    }
}

/// Adds mentions of `form` where no mention is yet.
#[allow(clippy::too_many_arguments)]
pub(super) fn add_occurrences(
    a: &Analysis,
    pending: &mut Vec<Pending>,
    form: &str,
    key: &str,
    name: &str,
    class: EntityClass,
    subtype: Subtype,
    rule: &'static str,
    word_aligned_only_start: bool,
) {
    let mut from = 0;
    let mut added = Vec::new();
    while let Some(i) = a.text[from..].find(form) {
        let s = from + i;
        let e = s + form.len();
        from = e;
        let start_ok = a.is_boundary(s) || a.char_before(s).is_none_or(|c| !is_han(c));
        let end_ok = word_aligned_only_start || a.is_boundary(e) || a.char_at(e).is_none_or(|c| !is_han(c));
        if !start_ok || !end_ok {
            continue;
        }
        if pending
            .iter()
            .any(|p| !p.cand.nested && p.cand.start < e && s < p.cand.end)
        {
            continue;
        }
        let cand = Candidate::new(s, e, class, subtype, 0.7, rule);
        added.push(Pending {
            cand,
            key: key.to_owned(),
            name: name.to_owned(),
        });
    }
    pending.extend(added);
}

/// Company short forms found where they occur.
pub(super) fn company_short_forms(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
    let mut forms: BTreeMap<String, (String, String)> = BTreeMap::new();
    // the longest (legal) names claim their forms first: a headline's 四川九洲集团 is a form of
    // 四川九洲电器集团有限责任公司, not the other way round
    let mut companies: Vec<&Pending> = pending
        .iter()
        .filter(|p| p.cand.class == EntityClass::Organization && p.cand.subtype == Subtype::Company)
        .collect();
    companies.sort_by_key(|p| (std::cmp::Reverse(p.cand.end - p.cand.start), p.cand.start));
    for p in companies {
        for f in short_forms(a, res, &a.text[p.cand.start..p.cand.end]) {
            forms.entry(f).or_insert((p.key.clone(), p.name.clone()));
        }
    }
    for (form, (key, name)) in forms {
        // candidates with that surface join the company
        for p in pending.iter_mut() {
            if a.text[p.cand.start..p.cand.end] == *form && p.cand.class == EntityClass::Organization {
                p.key = key.clone();
                p.name = name.clone();
            }
        }
        add_occurrences(
            a,
            pending,
            &form,
            &key,
            &name,
            EntityClass::Organization,
            Subtype::Company,
            "company-short-form",
            false,
        );
    }
}

/// Short forms of a company name: without place prefix, legal form and industry words.
fn short_forms(a: &Analysis, res: &Resources, full: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut s = full.to_owned();
    // place prefix: the longest division name the name starts with
    let best_prefix = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(8)
        .filter(|&end| !res.gaz.lookup(&s[..end]).is_empty())
        .max()
        .unwrap_or(0);
    let place = if best_prefix > 0 && best_prefix < s.len() {
        s[..best_prefix].to_owned()
    } else {
        String::new()
    };
    if best_prefix > 0 && best_prefix < s.len() {
        s = s[best_prefix..].to_owned();
    }
    let mut stripped = false;
    for lf in LEGAL_FORMS {
        if let Some(x) = s.strip_suffix(lf) {
            s = x.to_owned();
            stripped = true;
            break;
        }
    }
    if !stripped {
        return out;
    }
    let mut push = |x: &str| {
        let n = x.chars().count();
        if n >= 2
            && x != full
            && !res.lex.not_entities.contains(x)
            && res.gaz.lookup(x).is_empty()
            && !common_word(a, res, x)
        {
            out.push(x.to_owned());
        }
    };
    push(&s);
    // industry words, repeatedly from the end
    let mut cur = s.clone();
    while let Some(w) = res
        .lex
        .industry_words
        .iter()
        .filter(|w| cur.ends_with(w.as_str()) && cur.len() > w.len())
        .max_by_key(|w| w.len())
    {
        cur = cur[..cur.len() - w.len()].to_owned();
        push(&cur);
    }
    // the brand with its place or a generic kind, as headlines write it (四川长虹集团, 长虹公司)
    let brands: Vec<String> = out.clone();
    for b in brands {
        for form in [
            format!("{b}集团"),
            format!("{b}公司"),
            format!("{place}{b}"),
            format!("{place}{b}集团"),
        ] {
            if form != b && form != full && !out.contains(&form) && form.chars().count() > b.chars().count() {
                out.push(form);
            }
        }
    }
    out
}

/// Whether jieba knows the string as one ordinary word (育成, 建工): too common to be a name.
fn common_word(a: &Analysis, res: &Resources, s: &str) -> bool {
    let tags = res.jieba.tag(s, false);
    let _ = a;
    tags.len() == 1
        && !matches!(
            Pos::from_tag(tags[0].tag),
            Pos::Unknown | Pos::ProperNoun | Pos::OrgName | Pos::PersonName | Pos::TransliteratedName | Pos::PlaceName
        )
}

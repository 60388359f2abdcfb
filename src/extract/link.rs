//! Linking mentions into entities: one entity per real-world thing in a document.
//!
//! - Context completion (`completion.rs`): a body written with a bare level word takes its place
//!   from the sentence, the page's home place, or the place of that level the page is about
//!   (区委组织部 in a 涪陵 page → 涪陵区委组织部; 市委 under 来源：吉林市人民政府网 → 吉林市委).
//! - Declared aliases: `X（以下简称“Y”）` makes every Y a mention of X, and P+Y (重庆高新区种子基金)
//!   too when P is part of X's name.
//! - Short forms of companies: the name without place, legal form and industry words
//!   (川达精工机械股份有限公司 → 川达精工), found wherever they occur.
//! - Head-noun anaphora: a bare zone or body head (科学城, 专家团) after a full name refers to it.
//!
//! Entities are keyed by content (`place:500102`, `org:重庆市经信委`), so keys are stable across
//! runs and documents.

mod completion;

use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueMode;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::extract::recognize::places::PlaceContext;
use crate::text::{is_chinese_numeral, is_han};
use aho_corasick::AhoCorasick;
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

/// A mention attached to an entity.
#[derive(Debug, Clone)]
pub struct LinkedMention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub rule: &'static str,
    /// Added as the parent or short name of a longer mention at the same place.
    pub nested: bool,
}

/// An entity of the document.
#[derive(Debug, Clone)]
pub struct LinkedEntity {
    pub key: String,
    pub name: String,
    pub class: EntityClass,
    pub subtype: Subtype,
    /// The gazetteer division a place denotes.
    pub division: Option<usize>,
    /// The division the entity's name is anchored in (located_in / part_of).
    pub place: Option<usize>,
    /// Keys of organizations this one is part of (nested names).
    pub parents: Vec<String>,
    pub rule: &'static str,
    pub mentions: Vec<usize>,
}

/// Entities and mentions of a document.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    pub entities: Vec<LinkedEntity>,
    /// Sorted by start.
    pub mentions: Vec<LinkedMention>,
}

impl Linked {
    pub fn entity_of_key(&self, key: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.key == key)
    }

    /// The place entity that denotes gazetteer division `d`, if the document names it.
    pub fn place_of_division(&self, d: usize) -> Option<usize> {
        self.entities
            .iter()
            .position(|e| e.class == EntityClass::Place && e.division == Some(d))
    }

    /// The body a team is named after, written before 驻 in its name (X驻村帮扶工作队 → X), when
    /// the document names that body.
    pub fn stationing_body(&self, team: usize) -> Option<usize> {
        let e = &self.entities[team];
        if e.class != EntityClass::Organization {
            return None;
        }
        let (sender, _) = e.name.split_once('驻')?;
        self.entities
            .iter()
            .position(|o| o.class == EntityClass::Organization && o.name == sender)
    }

    /// Mentions whose span lies within `[start, end)`, in order.
    pub fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &LinkedMention> {
        let from = self.mentions.partition_point(|m| m.start < start);
        self.mentions[from..]
            .iter()
            .take_while(move |m| m.start < end)
            .filter(move |m| m.end <= end)
    }
}

/// A mention on its way to an entity.
struct Pending {
    cand: Candidate,
    key: String,
    name: String,
}

impl Pending {
    /// Another mention of this one's entity at `start..end` (an anaphor, a bare head).
    fn referring(&self, start: usize, end: usize, class: EntityClass, rule: &'static str) -> Pending {
        let mut cand = Candidate::new(start, end, class, self.cand.subtype, 0.6, rule);
        // the entity stays the gazetteer division it is, whichever mention leads it
        cand.divisions = self.cand.divisions.clone();
        Pending {
            cand,
            key: self.key.clone(),
            name: self.name.clone(),
        }
    }
}

pub fn link(a: &Analysis, res: &Resources, ctx: &PlaceContext, mut cands: Vec<Candidate>) -> Linked {
    cands.sort_by_key(|c| (c.start, c.end));
    completion::complete_names(a, res, ctx, &mut cands);
    let mut pending: Vec<Pending> = cands
        .into_iter()
        .map(|c| {
            let (key, name) = identity(a, res, &c);
            Pending { cand: c, key, name }
        })
        .collect();
    short_names(a, &mut pending);
    declared_aliases(a, &mut pending);
    company_short_forms(a, res, &mut pending);
    head_anaphora(a, res, &mut pending);
    zone_headed_bodies(a, res, &mut pending);
    demonstrative_programs(a, res, &mut pending);
    demonstrative_places(a, &mut pending);
    place_dropped_names(a, &mut pending);
    numbered_short_names(a, res, &mut pending);
    year_prefixed_names(a, &mut pending);
    addressed_persons(a, &mut pending);
    near_identical_names(&mut pending);
    group(a, res, pending)
}

/// Content key and display name of a candidate.
fn identity(a: &Analysis, res: &Resources, c: &Candidate) -> (String, String) {
    let surface = a.doc.surface(c.start..c.end);
    if c.class == EntityClass::Place
        && let Some(&d) = c.divisions.first()
    {
        let div = res.gaz.get(d);
        return (format!("place:{}", div.code), div.name.clone());
    }
    let mut name = c.canonical.clone().unwrap_or(surface);
    // 乡村振兴战略 is the known program 乡村振兴
    if c.class == EntityClass::Program
        && let Some(stem) = name.strip_suffix("战略")
        && res.lex.programs.iter().any(|p| p.name == stem)
    {
        name = stem.to_owned();
    }
    let key = format!("{}:{}", c.class.key_prefix(), key_form(&name));
    (key, name)
}

/// The form of a name used in keys: width-folded, without spaces.
pub fn key_form(name: &str) -> String {
    crate::text::fold_str(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A short name recognized with its full name joins it (“走进武隆” of the event named with it),
/// and so does the same short name written elsewhere.
fn short_names(a: &Analysis, pending: &mut [Pending]) {
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
fn place_dropped_names(a: &Analysis, pending: &mut [Pending]) {
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
fn numbered_short_names(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
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

/// A surname before a form of address (张局长, 李老师) is the one person of the document with
/// a full name of that surname; with none or several it stays a person of its own.
fn addressed_persons(a: &Analysis, pending: &mut [Pending]) {
    let mut joins = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        if p.cand.rule != "surname-address" {
            continue;
        }
        let surname = &a.text[p.cand.start..p.cand.end];
        let mut full: Vec<(&String, &String)> = pending
            .iter()
            .filter(|q| q.cand.class == EntityClass::Person && q.cand.rule != "surname-address")
            .filter(|q| q.name.starts_with(surname) && (2..=4).contains(&q.name.chars().count()))
            .map(|q| (&q.key, &q.name))
            .collect();
        full.sort();
        full.dedup();
        if let [(key, name)] = full[..] {
            joins.push((i, key.clone(), name.clone()));
        }
    }
    rekey(pending, joins);
}

/// A program written with a year before a name the document gives it (2023年X基金 after X基金)
/// is that program in that year: the mention is the name, the year its qualifier.
fn year_prefixed_names(a: &Analysis, pending: &mut [Pending]) {
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
fn near_identical_names(pending: &mut [Pending]) {
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
fn rekey(pending: &mut [Pending], joins: Vec<(usize, String, String)>) {
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
fn declared_aliases(a: &Analysis, pending: &mut Vec<Pending>) {
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
fn add_occurrences(
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
fn company_short_forms(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
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

/// Bare heads of zones and bodies (科学城, 高新区, 专家团) refer to the nearest full name before them.
fn head_anaphora(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
    let mut heads: Vec<String> = Vec::new();
    heads.extend(res.lex.zone_suffixes.iter().map(|z| z.suffix.clone()));
    heads.extend(
        res.lex
            .org_suffixes
            .iter()
            .filter(|s| s.suffix.chars().count() >= 3 || s.subtype == Subtype::Other)
            .map(|s| s.suffix.clone()),
    );
    heads.retain(|h| h.chars().count() >= 2 && !res.lex.not_entities.contains(h));
    heads.sort();
    heads.dedup();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&heads)
    else {
        return;
    };
    let mut added = Vec::new();
    for m in ac.find_iter(a.text) {
        let (s, e) = (m.start(), m.end());
        if !(a.is_boundary(s) || a.char_before(s).is_none_or(|c| !is_han(c))) {
            continue;
        }
        if !(a.is_boundary(e) || a.char_at(e).is_none_or(|c| !is_han(c))) {
            continue;
        }
        // a bare head: not part of a longer name, not preceded by a name-like word
        if pending.iter().any(|p| p.cand.start < e && s < p.cand.end) {
            continue;
        }
        if a.char_before(s).is_some_and(is_han) && !a.ending_at(s).any(|h| matches!(h.pattern, Pattern::Boundary)) {
            let prev = a.token_at(s - 1).map(|t| t.pos);
            if !matches!(
                prev,
                Some(Pos::Verb | Pos::Preposition | Pos::Conjunction | Pos::Particle | Pos::Adverb)
            ) {
                continue;
            }
        }
        let head = &a.text[s..e];
        let full_names = || {
            pending
                .iter()
                .filter(|p| !p.cand.nested && matches!(p.cand.class, EntityClass::Place | EntityClass::Organization))
                .filter(|p| p.name.ends_with(head) && p.name.chars().count() > head.chars().count())
        };
        let antecedent = full_names().filter(|p| p.cand.end <= s).max_by_key(|p| p.cand.start);
        // no full name before: the one full name written later (a heading or a later paragraph)
        let later = || {
            let mut keys: Vec<&Pending> = full_names().filter(|p| p.cand.start >= e).collect();
            keys.sort_by(|x, y| x.key.cmp(&y.key));
            keys.dedup_by(|x, y| x.key == y.key);
            (keys.len() == 1).then(|| keys[0])
        };
        // a full name written before comes first; then the zone just named in the clause
        // (X建立健全管委会); only then the one full name written later
        if let Some(p) = antecedent {
            added.push(p.referring(s, e, p.cand.class, "head-anaphora"));
        } else if let Some(zone_body) = zone_body(a, res, pending, s, head) {
            added.push(zone_body);
        } else if let Some(p) = later() {
            added.push(p.referring(s, e, p.cand.class, "head-anaphora"));
        }
    }
    pending.extend(added);
}

/// 该基金, 此项目, 这一活动: a program cue after a demonstrative refers to the nearest program
/// before it with that cue, so what the fund does next is recorded on the fund.
fn demonstrative_programs(a: &Analysis, res: &Resources, pending: &mut Vec<Pending>) {
    let mut added: Vec<Pending> = Vec::new();
    // the cue words are already in the lexicon automaton's hits
    for h in &a.hits {
        let Pattern::ProgramCue(ci) = h.pattern else { continue };
        let (i, end, cue) = (h.start, h.end, res.lex.program_cues[ci].cue.as_str());
        let Some(det) = ["该", "此", "这一", "这个", "本"]
            .iter()
            .find(|d| a.text[..i].ends_with(**d))
        else {
            continue;
        };
        let det_start = i - det.len();
        if a.char_before(det_start).is_some_and(is_han) && !a.is_boundary(det_start) {
            continue;
        }
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c)))
            || pending
                .iter()
                .chain(&added)
                .any(|p| p.cand.start < end && i < p.cand.end)
        {
            continue;
        }
        let antecedent = pending
            .iter()
            .filter(|p| p.cand.end <= det_start && p.cand.class == EntityClass::Program && !p.cand.nested)
            .filter(|p| p.name.ends_with(cue) && p.name.len() > cue.len())
            .max_by_key(|p| p.cand.start);
        if let Some(p) = antecedent
            && a.char_len(p.cand.end, det_start) < 400
        {
            added.push(p.referring(i, end, EntityClass::Program, "demonstrative-anaphora"));
        }
    }
    pending.extend(added);
}

/// A body written with a bare zone head (高新区政务服务中心) is a body of the zone of that kind the
/// text names — the nearest one before it, or else the only one: 重庆高新区政务服务中心.
fn zone_headed_bodies(a: &Analysis, res: &Resources, pending: &mut [Pending]) {
    let mut renames = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        if p.cand.class != EntityClass::Organization || p.cand.nested {
            continue;
        }
        let surface = &a.text[p.cand.start..p.cand.end];
        let Some(head) = res
            .lex
            .zone_suffixes
            .iter()
            .map(|z| z.suffix.as_str())
            .filter(|s| surface.starts_with(s) && surface.len() > s.len())
            .max_by_key(|s| s.len())
        else {
            continue;
        };
        if !p.name.starts_with(head) {
            continue;
        }
        let zones: Vec<&Pending> = pending
            .iter()
            .filter(|z| z.cand.class == EntityClass::Place && z.cand.subtype == Subtype::Zone)
            .filter(|z| z.name.ends_with(head) && z.name.len() > head.len())
            .collect();
        let before = zones
            .iter()
            .filter(|z| z.cand.end <= p.cand.start)
            .max_by_key(|z| z.cand.start);
        let mut names: Vec<&str> = zones.iter().map(|z| z.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let zone = before.map(|z| z.name.as_str()).or((names.len() == 1).then(|| names[0]));
        if let Some(zone) = zone {
            renames.push((i, format!("{zone}{}", &p.name[head.len()..])));
        }
    }
    for (i, name) in renames {
        let cand = pending[i].cand.clone().with_canonical(name);
        let (key, name) = identity(a, res, &cand);
        pending[i] = Pending { cand, key, name };
    }
}

/// 该区, 该县, 该市, 该镇: the nearest place before it whose name ends in that level word is
/// meant, so what the district does next is recorded on the district (该区还创新举办…).
fn demonstrative_places(a: &Analysis, pending: &mut Vec<Pending>) {
    let mut added: Vec<Pending> = Vec::new();
    for (i, _) in a.text.match_indices('该') {
        let det_end = i + '该'.len_utf8();
        let Some(level) = a
            .char_at(det_end)
            .filter(|c| matches!(c, '区' | '县' | '市' | '镇' | '乡' | '村'))
        else {
            continue;
        };
        let end = det_end + level.len_utf8();
        // 该区域 is "the area", not "the district"
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c)))
            || pending.iter().any(|p| p.cand.start < end && i < p.cand.end)
        {
            continue;
        }
        let antecedent = pending
            .iter()
            // a place a body's name opens with counts (米脂县委… 该县 → 米脂县)
            .filter(|p| p.cand.end <= i && p.cand.class == EntityClass::Place)
            .filter(|p| p.name.ends_with(level) && a.char_len(p.cand.end, i) < 600)
            .max_by_key(|p| (p.cand.start, !p.cand.nested));
        if let Some(p) = antecedent {
            added.push(p.referring(i, end, EntityClass::Place, "demonstrative-anaphora"));
        }
    }
    pending.extend(added);
}

/// A bare body head that only a zone has (管委会) in a clause that just named a body of a zone
/// (X党工委副书记、管委会常务副主任) is that zone's body: X管委会.
fn zone_body(a: &Analysis, res: &Resources, pending: &[Pending], at: usize, head: &str) -> Option<Pending> {
    let suffix = res
        .lex
        .org_suffixes
        .iter()
        .find(|o| o.suffix == head && o.anchor == crate::extract::lexicon::Anchor::Zone)?;
    let from = a.back_chars(at, 60);
    let zone = pending
        .iter()
        .filter(|p| p.cand.class == EntityClass::Place && p.cand.subtype == Subtype::Zone)
        .filter(|p| p.cand.start >= from && p.cand.end <= at)
        .filter(|p| !a.text[p.cand.end..at].contains(['。', '；', ';', '!', '?', '！', '？']))
        .max_by_key(|p| p.cand.start)?;
    let name = format!("{}{}", zone.name, head);
    let mut cand = Candidate::new(
        at,
        at + head.len(),
        EntityClass::Organization,
        suffix.subtype,
        0.6,
        "zone-body",
    )
    .with_canonical(name.clone());
    cand.place = zone.cand.place;
    let (key, name) = identity(a, res, &cand);
    Some(Pending { cand, key, name })
}

/// Groups mentions by key into entities in order of first mention.
fn group(a: &Analysis, res: &Resources, mut pending: Vec<Pending>) -> Linked {
    pending.sort_by_key(|p| (p.cand.start, p.cand.end));
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in pending.iter().enumerate() {
        if !by_key.contains_key(&p.key) {
            order.push(p.key.clone());
        }
        by_key.entry(p.key.clone()).or_default().push(i);
    }
    let span_key: HashMap<(usize, usize), String> = pending
        .iter()
        .map(|p| ((p.cand.start, p.cand.end), p.key.clone()))
        .collect();
    let mut linked = Linked::default();
    for key in order {
        let members = &by_key[&key];
        let best = members
            .iter()
            .copied()
            .max_by(|&x, &y| {
                let (px, py) = (&pending[x].cand, &pending[y].cand);
                (!px.nested, px.score, px.end - px.start)
                    .partial_cmp(&(!py.nested, py.score, py.end - py.start))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(y.cmp(&x))
            })
            .expect("non-empty group");
        let lead = &pending[best];
        let mut votes: BTreeMap<Subtype, f32> = BTreeMap::new();
        for &m in members {
            *votes.entry(pending[m].cand.subtype).or_default() += pending[m].cand.score;
        }
        let subtype = votes
            .iter()
            .filter(|(s, _)| **s != Subtype::Other)
            .max_by(|x, y| x.1.total_cmp(y.1))
            .map(|(s, _)| *s)
            .unwrap_or(lead.cand.subtype);
        let parents: Vec<String> = members
            .iter()
            .filter_map(|&m| pending[m].cand.parent.and_then(|span| span_key.get(&span).cloned()))
            .filter(|k| *k != key)
            .fold(Vec::new(), |mut acc, k| {
                if !acc.contains(&k) {
                    acc.push(k);
                }
                acc
            });
        let entity = linked.entities.len();
        let name = if lead.cand.canonical.is_none() && lead.cand.divisions.is_empty() {
            // the longest surface form names the entity
            members
                .iter()
                .map(|&m| a.doc.surface(pending[m].cand.start..pending[m].cand.end))
                .max_by_key(|s| (s.chars().count(), std::cmp::Reverse(s.clone())))
                .unwrap_or_else(|| lead.name.clone())
        } else {
            lead.name.clone()
        };
        let name = if lead.cand.class == EntityClass::Place || lead.cand.canonical.is_some() {
            lead.name.clone()
        } else {
            name
        };
        linked.entities.push(LinkedEntity {
            key: key.clone(),
            name,
            class: lead.cand.class,
            subtype,
            division: if lead.cand.class == EntityClass::Place {
                lead.cand.divisions.first().copied()
            } else {
                None
            },
            place: members.iter().find_map(|&m| pending[m].cand.place),
            parents,
            rule: lead.cand.rule,
            mentions: Vec::new(),
        });
        for &m in members {
            linked.mentions.push(LinkedMention {
                start: pending[m].cand.start,
                end: pending[m].cand.end,
                entity,
                rule: pending[m].cand.rule,
                nested: pending[m].cand.nested,
            });
        }
    }
    linked.mentions.sort_by_key(|m| (m.start, m.end, m.entity));
    for (i, m) in linked.mentions.iter().enumerate() {
        linked.entities[m.entity].mentions.push(i);
    }
    let _ = res;
    linked
}

//! Places: gazetteer divisions (full and short names), regions, named zones and the zone grammar.
//!
//! Ambiguous names are resolved by document context: unambiguous mentions vote for their
//! province, and a township or village prefers the division whose county is written right
//! before it (武隆区凤来镇高寿村) or named elsewhere in the document. A short form that is also a
//! common word (南岸, 和平) needs that context to count.

use super::Resources;
use super::boundary::{counted, left_edge};
use super::tagger::Reading;
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::Candidate;
use crate::extract::gazetteer::Level;
use crate::extract::index::{Hit, Pattern};
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;
use std::collections::{HashMap, HashSet};

/// Document-level place context: which provinces and divisions the document is about.
#[derive(Debug, Clone, Default)]
pub struct PlaceContext {
    /// Province division index → weight of evidence.
    pub provinces: HashMap<usize, f32>,
    /// Evidence per (province, source division): lets a name be judged by the others.
    by_source: HashMap<(usize, usize), f32>,
    /// Divisions named unambiguously by full name.
    pub named: HashSet<usize>,
    /// The page's home place as the page states it (`home.rs`).
    pub home: Option<usize>,
    /// Cities and counties written by a short form of their own (温州, 安化), which is too often
    /// an ordinary word to vote for a province but places a township written in the same page.
    pub mentioned: HashSet<usize>,
}

/// Source of evidence that is not a division (regions, abbreviations, zones).
const OTHER_SOURCE: usize = usize::MAX;

impl PlaceContext {
    fn vote(&mut self, province: usize, source: usize, w: f32) {
        *self.provinces.entry(province).or_default() += w;
        *self.by_source.entry((province, source)).or_default() += w;
    }

    pub fn province_weight(&self, province: usize) -> f32 {
        self.provinces.get(&province).copied().unwrap_or(0.0)
    }

    /// The weight of a province from every source except one division (its own repeats).
    pub fn support_excluding(&self, province: usize, division: usize) -> f32 {
        self.province_weight(province) - self.by_source.get(&(province, division)).copied().unwrap_or(0.0)
    }

    /// The province the document is mostly about, if any.
    pub fn main_province(&self) -> Option<usize> {
        self.provinces
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&p, _)| p)
    }
}

pub fn recognize(a: &Analysis, res: &Resources, reading: &Reading, out: &mut Vec<Candidate>) -> PlaceContext {
    let mut ctx = context(a, res);
    ctx.home = super::home::stated(a, res, &ctx);
    if let Some(h) = ctx.home {
        // a page's own place is evidence for its province
        ctx.vote(res.gaz.province_of(h), OTHER_SOURCE, 1.0);
    }
    if std::env::var_os("GUANXI_DEBUG").is_some() {
        let mut w: Vec<(String, f32)> = ctx
            .provinces
            .iter()
            .map(|(&p, &v)| (res.gaz.get(p).name.clone(), v))
            .collect();
        w.sort_by(|a, b| b.1.total_cmp(&a.1));
        eprintln!("[places] province weights {w:?}");
        eprintln!("[places] home {:?}", ctx.home.map(|h| res.gaz.get(h).name.clone()));
    }
    for hit in &a.hits {
        match hit.pattern {
            Pattern::Division { short, .. } => division(a, res, &ctx, reading, hit, short, out),
            Pattern::Region(i) => {
                let n = a.char_len(hit.start, hit.end);
                // a road or line named after the region (渝黔|高速) is a facility
                if (n >= 3 || (aligned(a, hit.start, hit.end) && !continues_into_noun(a, hit.end)))
                    && !starts_facility_name(a, res, hit.end)
                {
                    let _ = i;
                    out.push(Candidate::new(
                        hit.start,
                        hit.end,
                        EntityClass::Place,
                        Subtype::Region,
                        0.85,
                        "region-lexicon",
                    ));
                }
            }
            Pattern::Zone { index, short } => {
                let zone = &res.lex.zones[index];
                let mut c = Candidate::new(
                    hit.start,
                    hit.end,
                    EntityClass::Place,
                    Subtype::Zone,
                    0.9,
                    "zone-lexicon",
                )
                .with_canonical(zone.name.clone());
                if short && !aligned(a, hit.start, hit.end) {
                    continue;
                }
                c.place = res.gaz.by_code(&zone.parent);
                out.push(c);
            }
            Pattern::ZoneSuffix(i) => zone_grammar(a, res, &ctx, hit, i, out),
            Pattern::World(i) => {
                let (_, subtype) = res.lex.world[i];
                let starts = a.is_boundary(hit.start) || a.char_before(hit.start).is_none_or(|c| !is_han(c));
                let ends = a.is_boundary(hit.end) || a.char_at(hit.end).is_none_or(|c| !is_han(c));
                // 中国化, 中国式, 中国特色: an attribute, not the place
                let attribute = ["化", "式", "特色"].iter().any(|s| a.text[hit.end..].starts_with(s));
                if starts && ends && !attribute {
                    out.push(Candidate::new(
                        hit.start,
                        hit.end,
                        EntityClass::Place,
                        subtype,
                        0.85,
                        "world-gazetteer",
                    ));
                }
            }
            _ => {}
        }
    }
    super::villages::recognize(a, res, out);
    ctx
}

/// Word-aligned at both ends (jieba agrees the span is made of whole words).
/// Word-aligned at both ends; where jieba glued places together (辽宁沈阳), a neighbouring place
/// name counts as the boundary.
fn aligned(a: &Analysis, start: usize, end: usize) -> bool {
    let place_ends_here = |b: usize| a.ending_at(b).any(|h| matches!(h.pattern, Pattern::Division { .. }));
    let place_starts_here = |b: usize| a.starting_at(b).any(|h| matches!(h.pattern, Pattern::Division { .. }));
    (a.is_boundary(start) || place_ends_here(start)) && (a.is_boundary(end) || place_starts_here(end))
}

fn context(a: &Analysis, res: &Resources) -> PlaceContext {
    let mut ctx = PlaceContext::default();
    for hit in &a.hits {
        match hit.pattern {
            Pattern::Division { index, short } => {
                let form = &a.text[hit.start..hit.end];
                let matches = res.gaz.lookup(form);
                let d = res.gaz.get(index);
                if matches.len() != 1 || d.level > Level::County {
                    continue;
                }
                if short && !aligned(a, hit.start, hit.end) {
                    continue;
                }
                // short forms of cities and counties are too often ordinary words to vote
                if short && d.level != Level::Province {
                    ctx.mentioned.insert(index);
                    continue;
                }
                ctx.vote(res.gaz.province_of(index), index, 1.0);
                if !short {
                    ctx.named.insert(index);
                }
            }
            Pattern::Region(i) => {
                for code in &res.lex.regions[i].codes {
                    if let Some(p) = res.gaz.by_code(code) {
                        ctx.vote(res.gaz.province_of(p), OTHER_SOURCE, 0.5);
                    }
                }
            }
            Pattern::Zone { index, .. } => {
                if let Some(p) = res.gaz.by_code(&res.lex.zones[index].parent) {
                    ctx.vote(res.gaz.province_of(p), OTHER_SOURCE, 0.5);
                }
            }
            _ => {}
        }
    }
    // One-character province abbreviations in compounds (入渝, 川企) are weak evidence.
    for (i, c) in a.text.char_indices() {
        if let Some((_, code)) = res.lex.province_abbreviations.iter().find(|(ch, _)| *ch == c) {
            let next = a.text[i + c.len_utf8()..].chars().next();
            let prev = a.text[..i].chars().next_back();
            let compound = matches!(prev, Some('入' | '来' | '在' | '赴' | '援' | '驻' | '出' | '返'))
                || matches!(next, Some('企' | '籍' | '商'));
            if compound && let Some(p) = res.gaz.by_code(code) {
                ctx.vote(p, OTHER_SOURCE, 0.3);
            }
        }
    }
    ctx
}

fn division(
    a: &Analysis,
    res: &Resources,
    ctx: &PlaceContext,
    reading: &Reading,
    hit: &Hit,
    short: bool,
    out: &mut Vec<Candidate>,
) {
    let form = &a.text[hit.start..hit.end];
    let mut options: Vec<usize> = res
        .gaz
        .lookup(form)
        .iter()
        .copied()
        .filter(|&i| {
            let d = res.gaz.get(i);
            if short {
                d.short.as_deref() == Some(form)
            } else {
                d.name == form || d.forms.iter().any(|f| f == form)
            }
        })
        .collect();
    // villages of the national table are hits the village matcher placed (`villages.rs`): the
    // homonyms written at the same span are the options, and the placing was the test
    let table_village = options.is_empty()
        && matches!(hit.pattern, Pattern::Division { index, .. } if res.gaz.get(index).level == Level::Village);
    if table_village {
        options = a
            .starting_at(hit.start)
            .filter(|h| h.end == hit.end)
            .filter_map(|h| match h.pattern {
                Pattern::Division { index, .. } if res.gaz.get(index).level == Level::Village => Some(index),
                _ => None,
            })
            .collect();
    }
    if options.is_empty() {
        return;
    }
    let best_level = options
        .iter()
        .map(|&i| res.gaz.get(i).level)
        .min()
        .unwrap_or(Level::Village);
    let adjacent_parent = a
        .ending_at(hit.start)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, .. } => Some(index),
            _ => None,
        })
        .collect::<Vec<_>>();
    if short {
        if !aligned(a, hit.start, hit.end) || starts_facility_name(a, res, hit.end) {
            return;
        }
        // A short form followed by its own level word is part of a longer name handled elsewhere.
        let common = a
            .token_at(hit.start)
            .is_some_and(|t| t.start == hit.start && t.end == hit.end && !matches!(t.pos, Pos::PlaceName));
        let supported = options
            .iter()
            .any(|&i| ctx.named.contains(&i) || ctx.support_excluding(res.gaz.province_of(i), i) >= 1.0);
        // provinces are known by their short names; a city's short name needs to be a word of its own,
        // and to be in a province the document is about when it is an ordinary word too
        // (ambiguous_short_forms.txt); a county's short name always needs the document to be about
        // its province (双城, 资源, 比如 are counties far away)
        let accepted = match best_level {
            Level::Province => true,
            Level::City => supported || !(common && res.lex.ambiguous_short_forms.contains(form)),
            // a county's short name that is an ordinary word where it stands (资源 in 资源与环境,
            // 延长 in 延长产业链) is that word, when the tagger too reads it strongly as no place
            _ => {
                supported
                    && !continues_into_noun(a, hit.end)
                    && !(common && common_word(res, form) && !tagger_allows_place(a, res, reading, hit))
            }
        };
        if !accepted {
            return;
        }
    } else if matches!(best_level, Level::City | Level::County)
        && form.chars().count() <= 2
        && a.char_before(hit.start).is_some_and(is_han)
    {
        // a two-character full name inside running text (高新区东区) is no place
        return;
    } else if matches!(best_level, Level::City | Level::County) {
        // A full city or county name of a province the document says nothing else about must
        // be made of whole words and not start with an ordinary word (兴|城市, 合作市, 和平区).
        let supported = options.iter().any(|&i| {
            ctx.support_excluding(res.gaz.province_of(i), i) >= 1.0
                || res.gaz.ancestry(i).skip(1).any(|anc| ctx.named.contains(&anc))
        });
        if !supported {
            let d = res.gaz.get(options[0]);
            let stem = d.short.clone().unwrap_or_else(|| {
                let mut s = d.name.clone();
                s.pop();
                s
            });
            let stem_end = hit.start + stem.len();
            // a word of jieba's crossing from the stem into the level word (兴|城市); one place
            // word covering the whole name is support, not crossing
            let crossing = a
                .token_at(stem_end)
                .is_some_and(|t| t.start < stem_end && !(t.start == hit.start && t.end == hit.end));
            // a three-character city name is too easily an accident of the text (兴城市, 合作市),
            // and a stem that is an ordinary word (大同) an ordinary word, unless the tagger is
            // sure of the place where it stands
            let short_city = d.name.chars().count() <= 3 && d.name.ends_with('市');
            let doubtful = common_word(res, &stem) || short_city;
            if crossing || (doubtful && !tagger_sure_of_place(res, reading, hit)) {
                return;
            }
        }
    } else if best_level >= Level::Township && !table_village {
        // Township and village names are only trusted at word starts or right after their county.
        let after_parent = options.iter().any(|&i| {
            adjacent_parent
                .iter()
                .any(|&p| res.gaz.get(i).parent.is_some_and(|q| res.gaz.contains(p, q) || q == p))
        });
        let starts_word = a.is_boundary(hit.start) || a.char_before(hit.start).is_none_or(|c| !is_han(c));
        if !after_parent && !starts_word {
            return;
        }
        // Many townships share generic names (城关镇, 新城镇): away from their parent they count
        // only when the document names their county or city (温州 for 柳市镇), or when the name
        // is the country's only one and the page is about its province; never when that short.
        if !after_parent {
            let parent_named = options.iter().any(|&i| {
                res.gaz.ancestry(i).skip(1).any(|anc| {
                    let level = res.gaz.get(anc).level;
                    (level == Level::County && ctx.named.contains(&anc))
                        || (matches!(level, Level::County | Level::City) && ctx.mentioned.contains(&anc))
                        || (level == Level::City && ctx.named.contains(&anc))
                })
            });
            let only_one_in_province =
                options.len() == 1 && ctx.support_excluding(res.gaz.province_of(options[0]), options[0]) >= 1.0;
            // a generic unit name (高新区, 开发区 are streets in some cities) is no township's own
            let generic = a
                .starting_at(hit.start)
                .any(|h| h.end == hit.end && matches!(h.pattern, Pattern::ZoneSuffix(_)))
                || common_word(res, form);
            if !(parent_named || only_one_in_province) || form.chars().count() <= 2 || generic {
                return;
            }
        }
    }
    // Rank: adjacent parent, document context, level, code. A division the form also names is no
    // context for its own child (和田 of 和田地区 is not 和田市 because 和田地区 is named).
    let same_form = options.clone();
    options.sort_by(|&x, &y| {
        let score = |i: usize| {
            let d = res.gaz.get(i);
            let mut s = ctx.province_weight(res.gaz.province_of(i));
            if adjacent_parent.iter().any(|&p| res.gaz.contains(p, i)) {
                s += 100.0;
            }
            if res
                .gaz
                .ancestry(i)
                .skip(1)
                .any(|anc| ctx.named.contains(&anc) && !same_form.contains(&anc))
            {
                s += 10.0;
            }
            if ctx.named.contains(&i) {
                s += 5.0;
            }
            (s, std::cmp::Reverse(d.level))
        };
        score(y)
            .partial_cmp(&score(x))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| res.gaz.get(x).code.cmp(&res.gaz.get(y).code))
    });
    let d = res.gaz.get(options[0]);
    let score = match (short, d.level) {
        (true, _) => 0.75,
        (false, Level::Province | Level::City | Level::County) => 0.9,
        (false, Level::Township) => 0.85,
        (false, Level::Village) => 0.8,
    };
    let rule = match (short, table_village) {
        (true, _) => "gazetteer-short",
        (false, true) => "gazetteer-village",
        (false, false) => "gazetteer",
    };
    let mut c = Candidate::new(hit.start, hit.end, EntityClass::Place, d.level.subtype(), score, rule)
        .with_canonical(d.name.clone());
    c.divisions = options;
    out.push(c);
}

fn zone_grammar(a: &Analysis, res: &Resources, ctx: &PlaceContext, hit: &Hit, suffix: usize, out: &mut Vec<Candidate>) {
    let rule = &res.lex.zone_suffixes[suffix];
    // The suffix must end a word: 新区 in 新区域 is not a zone.
    if !(a.is_boundary(hit.end) || a.char_at(hit.end).is_none_or(|c| !is_han(c))) {
        return;
    }
    if a.ending_at(hit.end)
        .any(|h| matches!(h.pattern, Pattern::ZoneSuffix(_)) && h.start < hit.start)
    {
        return; // a longer suffix ends here (高新区 over 新区)
    }
    let known = |b: usize| -> Option<usize> {
        a.ending_at(b)
            .filter(|h| match h.pattern {
                Pattern::Division { short: false, .. } | Pattern::Zone { .. } => true,
                // a short place right before the suffix (大足|高新区), whatever jieba made of it; a
                // county's short name only in a document about its province (会同|高新区 is the
                // verb "together with" outside Hunan)
                Pattern::Division { index, short: true } => {
                    b == hit.start
                        && (res.gaz.get(index).level < Level::County
                            || ctx.named.contains(&index)
                            || ctx.support_excluding(res.gaz.province_of(index), index) >= 1.0)
                }
                _ => false,
            })
            .map(|h| h.start)
            .min()
    };
    let mut start = left_edge(a, hit.start, 14, &known);
    // a company's legal form inside the reach ends the company, not the zone: the park is the
    // company's (X集团有限公司|Y产业园)
    if let Some(owner_end) = (start..hit.start)
        .filter(|&b| a.text.is_char_boundary(b))
        .flat_map(|b| a.starting_at(b))
        .filter(|h| {
            h.end <= hit.start
                && matches!(h.pattern, Pattern::OrgSuffix(i) if res.lex.org_suffixes[i].subtype == Subtype::Company)
        })
        .map(|h| h.end)
        .max()
    {
        start = owner_end;
    }
    if start >= hit.start {
        return;
    }
    // a zone written after the zone it lies in is a zone of its own (两江新区|鱼复新城)
    let mut within: Option<(usize, usize)> = None;
    if let Some(outer) = a
        .starting_at(start)
        .filter(|h| matches!(h.pattern, Pattern::Zone { .. }) && h.end < hit.start)
        .max_by_key(|h| h.end)
        && a.char_len(outer.end, hit.start) >= 2
    {
        within = Some((outer.start, outer.end));
        start = outer.end;
    }
    // a known zone with its place written first (重庆两江新区) keeps its known name
    let known_zone = a
        .ending_at(hit.end)
        .filter_map(|h| match h.pattern {
            Pattern::Zone { index, short: false } if h.start > start => Some(index),
            _ => None,
        })
        .next();
    let place_at_start = a
        .starting_at(start)
        .filter_map(|h| match h.pattern {
            Pattern::Division { index, .. } if h.end <= hit.start => Some(index),
            Pattern::Zone { index, .. } if h.end <= hit.start => res.gaz.by_code(&res.lex.zones[index].parent),
            _ => None,
        })
        .min_by_key(|&i| res.gaz.get(i).level);
    let jieba_place = a.token_at(start).is_some_and(|t| {
        t.start == start && matches!(t.pos, Pos::PlaceName | Pos::ProperNoun) && a.char_len(t.start, t.end) >= 2
    });
    // a multi-province region anchors a zone too (川渝|高竹新区, a zone two provinces run together)
    let region_at_start = a
        .starting_at(start)
        .any(|h| matches!(h.pattern, Pattern::Region(_)) && h.end < hit.start);
    if rule.needs_place && place_at_start.is_none() && !jieba_place && !region_at_start && within.is_none() {
        return;
    }
    let name = &a.text[start..hit.end];
    if res.lex.not_entities.contains(name) {
        return;
    }
    // a place or region in brackets right after the suffix belongs to the name and makes it
    // specific: 国家网络安全产业园区(成渝)
    let qualifier = trailing_place_qualifier(a, hit.end);
    let end = qualifier.unwrap_or(hit.end);
    // a park named only by its industry is a kind of park (新能源汽车产业园), not a name — unless
    // the text quotes it as a name or qualifies it by a place
    let quoted = a.char_before(start) == Some('“') && a.char_at(end) == Some('”');
    if !rule.needs_place
        && place_at_start.is_none()
        && !region_at_start
        && !has_name_word(a, start, hit.start)
        && !quoted
        && qualifier.is_none()
    {
        return;
    }
    // a counted zone without a place is a kind (打造一批|特色软件产业园)
    if place_at_start.is_none() && !region_at_start && within.is_none() && counted(a, start) {
        return;
    }
    let place_in_parens = parenthesized_place(a, res, start, hit.start);
    let mut c = Candidate::new(start, end, EntityClass::Place, Subtype::Zone, 0.8, "zone-grammar");
    c.place = place_at_start.or(place_in_parens);
    c.parent = within;
    if let Some(z) = known_zone {
        c.canonical = Some(res.lex.zones[z].name.clone());
        c.place = res.gaz.by_code(&res.lex.zones[z].parent).or(c.place);
    }
    out.push(c);
}

/// The end of `(place)` or `(region)` written right after `at` (…产业园区(成渝)).
fn trailing_place_qualifier(a: &Analysis, at: usize) -> Option<usize> {
    if a.char_at(at) != Some('(') {
        return None;
    }
    let inner = at + 1;
    let close = inner + a.text[inner..].find(')')?;
    a.starting_at(inner)
        .any(|h| {
            h.end == close
                && matches!(
                    h.pattern,
                    Pattern::Division { .. } | Pattern::Region(_) | Pattern::World(_)
                )
        })
        .then_some(close + 1)
}

/// A division named inside `(…)` within the span (西部(重庆)科学城 → 重庆).
fn parenthesized_place(a: &Analysis, res: &Resources, start: usize, end: usize) -> Option<usize> {
    let s = &a.text[start..end];
    let open = s.find('(')?;
    let close = s[open..].find(')')? + open;
    let inner = &s[open + 1..close];
    res.gaz
        .lookup(inner)
        .iter()
        .copied()
        .min_by_key(|&i| res.gaz.get(i).level)
}

/// Whether the learned tagger does not read strongly against a place over the hit: the judge of
/// a place name that is an ordinary word too.
fn tagger_allows_place(a: &Analysis, res: &Resources, reading: &Reading, hit: &Hit) -> bool {
    let odds = res
        .tagger
        .tags()
        .class_index("LOC")
        .and_then(|loc| reading.odds(loc, hit.start, hit.end));
    if std::env::var_os("GUANXI_DEBUG").is_some() {
        eprintln!(
            "[places] {}: an ordinary word too, the tagger's LOC odds {odds:?}",
            &a.text[hit.start..hit.end]
        );
    }
    odds.is_some_and(|o| o > -100.0)
}

/// Whether the learned tagger itself reads the hit, exactly, as a place with confidence, and
/// prefers that reading to its next best.
fn tagger_sure_of_place(res: &Resources, reading: &Reading, hit: &Hit) -> bool {
    let loc = res.tagger.tags().class_index("LOC");
    reading.spans.iter().any(|s| {
        Some(s.class) == loc && s.start == hit.start && s.end == hit.end && s.confidence >= SURE_PLACE && s.margin > 0.0
    })
}

/// The tagger's confidence (path score over reading the span as outside) that vouches for a
/// place name the rules doubt.
const SURE_PLACE: f32 = 100.0;

/// Whether jieba knows the string as one ordinary word (not a place name).
fn common_word(res: &Resources, s: &str) -> bool {
    let tags = res.jieba.tag(s, false);
    tags.len() == 1 && !matches!(tags[0].tag, "ns" | "nr" | "nrt" | "nz" | "nt" | "x")
}

/// Whether the span holds a word jieba does not know, a proper noun or a place name.
fn has_name_word(a: &Analysis, start: usize, end: usize) -> bool {
    a.tokens[a.token_index(start)..a.token_index(end).max(a.token_index(start))]
        .iter()
        .any(|t| {
            matches!(t.pos, Pos::Unknown | Pos::ProperNoun | Pos::PlaceName | Pos::PersonName)
                && t.end <= end
                && a.all_han(t.start.max(start), t.end)
                // an industry is no name (网络安全|产业园区 is a kind of park)
                && !a
                    .starting_at(t.start)
                    .any(|h| h.end == t.end && matches!(h.pattern, Pattern::IndustryWord))
        })
        || a.text[start..end].contains('(')
}

/// What follows a short place name: a name continues into a noun (西城华府, 长安汽车, 新兴产业),
/// a place does not.
fn continues_into_noun(a: &Analysis, end: usize) -> bool {
    a.char_at(end).is_some_and(is_han)
        && !a.text[end..].starts_with(['两', '各', '等', '之'])
        && a.token_at(end).is_some_and(|t| {
            t.start == end
                && matches!(
                    t.pos,
                    Pos::Noun | Pos::Unknown | Pos::ProperNoun | Pos::VerbNoun | Pos::Adjective
                )
                && !a.starting_at(end).any(|h| {
                    matches!(
                        h.pattern,
                        Pattern::Boundary
                            | Pattern::OrgSuffix(_)
                            | Pattern::GovBody(_)
                            | Pattern::ZoneSuffix(_)
                            | Pattern::Title(_)
                    )
                })
        })
}

/// Whether the name of a road, building or compound continues from `end` (西城|华府小区, 南京|路):
/// a facility word within six characters, with only name-like words before it.
fn starts_facility_name(a: &Analysis, res: &Resources, end: usize) -> bool {
    let mut pos = end;
    for _ in 0..3 {
        let Some(t) = a.token_at(pos).filter(|t| t.start == pos && a.all_han(t.start, t.end)) else {
            return false;
        };
        let word = &a.text[t.start..t.end];
        if res.lex.facility_words.iter().any(|f| word.ends_with(f.as_str())) {
            return a.char_len(end, t.end) <= 6;
        }
        if !matches!(
            t.pos,
            Pos::Unknown | Pos::PersonName | Pos::ProperNoun | Pos::PlaceName | Pos::Noun
        ) {
            return false;
        }
        pos = t.end;
    }
    false
}

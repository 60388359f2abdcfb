//! Bodies and places written with a bare level word — 市委, 区委组织部, 县政府, 我市, 全县 — take the
//! place they belong to.
//!
//! In order: a place of that level named earlier in the same sentence (涪陵区…区委组织部); the
//! page's home place as it states it (来源：吉林市人民政府网 makes 市委 吉林市委 even after a
//! caption naming 温州市), or the home's place of that level; the place of that level the page is
//! most about (its own mentions and those of the places inside it); the nearest place of that
//! level before or after; for 市 in a municipality, the municipality. A page that names no place
//! of the level and states no home leaves the body as written: no city is invented.

use crate::extract::analysis::Analysis;
use crate::extract::candidate::{Candidate, Completion};
use crate::extract::gazetteer::Level;
use crate::extract::model::EntityClass;
use crate::extract::recognize::Resources;
use crate::extract::recognize::places::PlaceContext;
use std::collections::HashMap;

/// Fills in bodies written with a bare level word from the places around them.
pub fn complete_names(a: &Analysis, res: &Resources, ctx: &PlaceContext, cands: &mut [Candidate]) {
    let about = About::new(res, cands);
    for i in 0..cands.len() {
        let Some(comp) = cands[i].completion.clone() else {
            continue;
        };
        if let Some(d) = place_for(a, res, ctx, &about, cands, i, &comp) {
            let place = &res.gaz.get(d).name;
            cands[i].canonical = Some(format!("{}{}{}", comp.before, place, comp.after));
            cands[i].place = Some(d);
        }
    }
}

/// The division a body at `cands[i]` written with a bare level word belongs to.
fn place_for(
    a: &Analysis,
    res: &Resources,
    ctx: &PlaceContext,
    about: &About,
    cands: &[Candidate],
    i: usize,
    comp: &Completion,
) -> Option<usize> {
    // 市 is a city, or a province only when that province is a municipality (重庆市, not 四川省)
    let level_ok = |d: usize| {
        let level = res.gaz.get(d).level;
        comp.levels.contains(&level)
            && comp
                .ending
                .as_ref()
                .is_none_or(|e| res.gaz.get(d).name.ends_with(e.as_str()))
            && (level != Level::Province || comp.levels[0] == Level::Province || res.gaz.is_municipality(d))
    };
    // …or a county-level city (兰溪市) where the sentence or the page's home names one
    let city_word = comp.levels.first() == Some(&Level::City) && comp.levels.contains(&Level::Province);
    let named_ok = |d: usize| {
        let div = res.gaz.get(d);
        level_ok(d) || (city_word && div.level == Level::County && div.name.ends_with('市'))
    };
    let place_of = |c: &Candidate| {
        if c.class == EntityClass::Place {
            c.divisions.first().copied()
        } else {
            c.place
        }
    };
    let sentence = a.sentence_span(cands[i].start);
    // a place of the level named before it in the same sentence, from place mentions or anchored names
    let in_sentence = cands[..i]
        .iter()
        .rev()
        .take_while(|c| c.start >= sentence.start)
        .filter_map(place_of)
        .find(|&d| named_ok(d));
    in_sentence
        .or_else(|| {
            // the page's home, or its place of the level, or the place of the level the page is
            // most about within the home
            let home = ctx.home?;
            res.gaz
                .ancestry(home)
                .find(|&d| named_ok(d))
                .or_else(|| about.most(|d| level_ok(d) && res.gaz.contains(home, d)))
        })
        .or_else(|| {
            // a page mostly about a county-level city (五常, in 哈尔滨市) writes 市委 for its own
            let best = about.most(level_ok)?;
            if city_word && res.gaz.get(best).level == Level::City {
                let county_city = about.most(|d| {
                    let div = res.gaz.get(d);
                    div.level == Level::County && div.name.ends_with('市') && res.gaz.contains(best, d)
                });
                if let Some(c) = county_city.filter(|&c| 2 * about.count(c) >= about.count(best)) {
                    return Some(c);
                }
            }
            Some(best)
        })
        .or_else(|| cands[..i].iter().rev().filter_map(place_of).find(|&d| level_ok(d)))
        .or_else(|| {
            comp.levels.contains(&Level::Province).then_some(())?;
            ctx.main_province()
                .filter(|&p| res.gaz.is_municipality(p) || comp.levels[0] == Level::Province)
        })
}

/// What the page is about: for every division, the place mentions of it and of the places
/// inside it, and where it is first named.
struct About {
    weight: HashMap<usize, (usize, usize)>,
}

impl About {
    fn new(res: &Resources, cands: &[Candidate]) -> Self {
        let mut weight: HashMap<usize, (usize, usize)> = HashMap::new();
        for c in cands.iter().filter(|c| c.class == EntityClass::Place) {
            let Some(&d) = c.divisions.first() else { continue };
            for anc in res.gaz.ancestry(d) {
                let e = weight.entry(anc).or_insert((0, c.start));
                e.0 += 1;
                e.1 = e.1.min(c.start);
            }
        }
        About { weight }
    }

    fn count(&self, d: usize) -> usize {
        self.weight.get(&d).map_or(0, |w| w.0)
    }

    /// The most mentioned division passing `keep`; the first named of equals.
    fn most(&self, keep: impl Fn(usize) -> bool) -> Option<usize> {
        self.weight
            .iter()
            .filter(|&(&d, _)| keep(d))
            .max_by(|x, y| x.1.0.cmp(&y.1.0).then(y.1.1.cmp(&x.1.1)).then(y.0.cmp(x.0)))
            .map(|(&d, _)| d)
    }
}

//! part_of and located_in from structure rather than from verbs.
//!
//! - A place is part of the nearest of its gazetteer ancestors that the document names
//!   (高寿村 part_of 凤来镇, 凤来镇 part_of 武隆区, 武隆区 part_of 重庆市).
//! - A zone is part of the place its name starts with or its lexicon parent (潼南高新区 → 潼南区).
//! - A nested name is part of the body it was built on (市经信委软件处 → 市经信委).
//! - A government, party or people's body named after a place is located in it (涪陵区委网信办 →
//!   涪陵区), and a body named after a zone is located in the zone (重庆高新区创新服务中心).

use super::{FoundRelation, RelationSet, sentence_of};
use crate::extract::analysis::Analysis;
use crate::extract::link::Linked;
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::extract::recognize::Resources;
use std::collections::HashMap;

/// Entities of places with a gazetteer division, by division.
fn places_by_division(linked: &Linked) -> HashMap<usize, usize> {
    linked
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.division.map(|d| (d, i)))
        .collect()
}

/// The nearest division among `start`'s ancestry (itself included when `include_self`) that
/// the document names.
fn nearest_named(res: &Resources, by_div: &HashMap<usize, usize>, start: usize, include_self: bool) -> Option<usize> {
    res.gaz
        .ancestry(start)
        .skip(usize::from(!include_self))
        .find_map(|d| by_div.get(&d).copied())
}

/// The sentence where both entities appear, else where the first appears.
fn evidence(a: &Analysis, linked: &Linked, x: usize, y: usize) -> usize {
    let sentences_of = |e: usize| -> Vec<usize> {
        linked.entities[e]
            .mentions
            .iter()
            .map(|&m| sentence_of(a, linked.mentions[m].start))
            .collect()
    };
    let sx = sentences_of(x);
    let sy = sentences_of(y);
    sx.iter()
        .find(|s| sy.contains(s))
        .copied()
        .or_else(|| sx.first().copied())
        .unwrap_or(0)
}

pub fn part_of(a: &Analysis, res: &Resources, linked: &Linked, set: &mut RelationSet) {
    let by_div = places_by_division(linked);
    for (i, e) in linked.entities.iter().enumerate() {
        let target = match (e.class, e.division, e.place) {
            (EntityClass::Place, Some(d), _) => {
                nearest_named(res, &by_div, d, false).map(|t| (t, "gazetteer-hierarchy"))
            }
            (EntityClass::Place, None, Some(p)) => {
                nearest_named(res, &by_div, p, true).map(|t| (t, "name-prefix-place"))
            }

            _ => None,
        };
        if let Some((t, rule)) = target {
            set.add(
                linked,
                FoundRelation {
                    head: i,
                    tail: t,
                    kind: RelationKind::PartOf,
                    title: None,
                    sentence: evidence(a, linked, i, t),
                    rule,
                    count: 1,
                },
            );
        }
        for parent in &e.parents {
            if let Some(p) = linked.entity_of_key(parent) {
                set.add(
                    linked,
                    FoundRelation {
                        head: i,
                        tail: p,
                        kind: RelationKind::PartOf,
                        title: None,
                        sentence: evidence(a, linked, i, p),
                        rule: "nested-name",
                        count: 1,
                    },
                );
            }
        }
    }
}

pub fn located_in(a: &Analysis, res: &Resources, linked: &Linked, set: &mut RelationSet) {
    let by_div = places_by_division(linked);
    for (i, e) in linked.entities.iter().enumerate() {
        if e.class != EntityClass::Organization {
            continue;
        }
        let public_body = matches!(e.subtype, Subtype::Government | Subtype::Party | Subtype::Association);
        // a body named after a zone, by the zone's name or a form the text writes it in
        // (X高新区政务服务中心 for the X高新技术产业开发区)
        let named_after = |z: &crate::extract::link::LinkedEntity| {
            let opens = |n: &str| e.name.starts_with(n) && e.name.len() > n.len();
            opens(&z.name)
                || z.mentions
                    .iter()
                    .any(|&m| opens(&a.text[linked.mentions[m].start..linked.mentions[m].end]))
        };
        let zone = linked
            .entities
            .iter()
            .enumerate()
            .find(|(_, z)| z.class == EntityClass::Place && z.subtype == Subtype::Zone && named_after(z));
        if let Some((z, _)) = zone {
            set.add(
                linked,
                FoundRelation {
                    head: i,
                    tail: z,
                    kind: RelationKind::LocatedIn,
                    title: None,
                    sentence: evidence(a, linked, i, z),
                    rule: "named-after-zone",
                    count: 1,
                },
            );
            continue;
        }
        // any body named after a county, township or village is there (华溪村中蜂养殖专业合作社);
        // a company named after a province or city may be anywhere in it (重庆X公司)
        let local_name = e
            .place
            .is_some_and(|p| res.gaz.get(p).level >= crate::extract::gazetteer::Level::County);
        if !public_body && !local_name {
            continue;
        }
        let Some(p) = e.place.and_then(|p| nearest_named(res, &by_div, p, true)) else {
            continue;
        };
        set.add(
            linked,
            FoundRelation {
                head: i,
                tail: p,
                kind: RelationKind::LocatedIn,
                title: None,
                sentence: evidence(a, linked, i, p),
                rule: "named-after-place",
                count: 1,
            },
        );
    }
}

/// A department of a government is part of the people's government of its place when the document
/// names it (邯郸市财政局, 市发展改革委 part_of 邯郸市人民政府; 县人民政府办公室 part_of 县人民政府).
/// Party, congress, consultative, judicial and people's bodies, and the vertically run tax bureaus,
/// are not government departments.
pub fn government_departments(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    const NOT_GOVERNMENT: [&str; 13] = [
        "人大",
        "政协",
        "纪委",
        "监委",
        "法院",
        "检察院",
        "工会",
        "团",
        "妇联",
        "工商联",
        "党",
        "委员会",
        "税务",
    ];
    for (g, gov) in linked.entities.iter().enumerate() {
        let Some(stem) = gov
            .name
            .strip_suffix("人民政府")
            .or_else(|| gov.name.strip_suffix("政府"))
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        if gov.class != EntityClass::Organization || gov.place.is_none() {
            continue;
        }
        for (i, e) in linked.entities.iter().enumerate() {
            let Some(rest) = e.name.strip_prefix(stem) else {
                continue;
            };
            let department = ["局", "厅", "委", "办", "办公室", "办公厅"]
                .iter()
                .any(|x| rest.ends_with(x));
            if i == g
                || e.class != EntityClass::Organization
                || e.subtype != Subtype::Government
                || e.place != gov.place
                || rest.starts_with('委')
                || rest == "人民政府"
                || rest == "政府"
                || !department
                || NOT_GOVERNMENT.iter().any(|w| rest.contains(w))
            {
                continue;
            }
            set.add(
                linked,
                FoundRelation {
                    head: i,
                    tail: g,
                    kind: RelationKind::PartOf,
                    title: None,
                    sentence: evidence(a, linked, i, g),
                    rule: "government-department",
                    count: 1,
                },
            );
        }
    }
}

/// A province or city named in the same sentence as a region covering it is part of it
/// (广州 part_of 珠三角, 成都 part_of 成渝地区双城经济圈).
pub fn regions(a: &Analysis, res: &Resources, linked: &Linked, set: &mut RelationSet) {
    for (si, s) in a.doc.sentences.iter().enumerate() {
        let present: Vec<usize> = linked.mentions_in(s.span.start, s.span.end).map(|m| m.entity).collect();
        for &r in &present {
            let e = &linked.entities[r];
            if e.subtype != Subtype::Region {
                continue;
            }
            let Some(region) = res
                .lex
                .regions
                .iter()
                .find(|x| crate::extract::link::key_form(&x.name) == crate::extract::link::key_form(&e.name))
            else {
                continue;
            };
            for &p in &present {
                let Some(d) = linked.entities[p].division else { continue };
                let div = res.gaz.get(d);
                if !matches!(
                    div.level,
                    crate::extract::gazetteer::Level::Province | crate::extract::gazetteer::Level::City
                ) {
                    continue;
                }
                // a province belongs if the region covers it whole; a city if it or its province is covered
                let code = &div.code;
                let province = &res.gaz.get(res.gaz.province_of(d)).code;
                if region.codes.contains(province) || region.codes.contains(code) {
                    set.add(
                        linked,
                        FoundRelation {
                            head: p,
                            tail: r,
                            kind: RelationKind::PartOf,
                            title: None,
                            sentence: si,
                            rule: "region-membership",
                            count: 1,
                        },
                    );
                }
            }
        }
    }
}

/// A zone whose name starts with the distinctive part of another zone's name lies in it
/// (两江协同创新区 in 两江新区).
pub fn zones_in_zones(a: &Analysis, res: &Resources, linked: &Linked, set: &mut RelationSet) {
    let zones: Vec<usize> = (0..linked.entities.len())
        .filter(|&i| linked.entities[i].subtype == Subtype::Zone)
        .collect();
    // the suffix a zone's name ends in (the longest: 高新区, not 新区), with its scale
    let suffix_of = |name: &str| {
        res.lex
            .zone_suffixes
            .iter()
            .filter(|z| name.ends_with(z.suffix.as_str()))
            .max_by_key(|z| z.suffix.len())
    };
    for &outer in &zones {
        let name = &linked.entities[outer].name;
        let Some(outer_suffix) = suffix_of(name) else {
            continue;
        };
        let stem = &name[..name.len() - outer_suffix.suffix.len()];
        // a stem that is only a place name is not distinctive (重庆|高新区, 重庆|经开区)
        let place_stem = res.gaz.lookup(stem).iter().any(|&d| {
            let div = res.gaz.get(d);
            div.name == stem
                || matches!(
                    div.level,
                    crate::extract::gazetteer::Level::Province | crate::extract::gazetteer::Level::City
                )
        }) || res.lex.regions.iter().any(|r| r.name == stem)
            || res.lex.world.iter().any(|(w, _)| w == stem);
        if stem.chars().count() < 2 || place_stem {
            continue;
        }
        for &inner in &zones {
            let inner_name = &linked.entities[inner].name;
            let smaller = suffix_of(inner_name).is_some_and(|z| z.scale < outer_suffix.scale);
            if inner != outer && smaller && inner_name.starts_with(stem) && !name.starts_with(inner_name.as_str()) {
                set.add(
                    linked,
                    FoundRelation {
                        head: inner,
                        tail: outer,
                        kind: RelationKind::PartOf,
                        title: None,
                        sentence: evidence(a, linked, inner, outer),
                        rule: "zone-name-stem",
                        count: 1,
                    },
                );
            }
        }
    }
}

/// A team a body keeps somewhere, written `X驻Y…工作队` (某报社驻某县某镇某村帮扶工作队): the body X
/// is dispatched to the most specific place Y names, whether or not the team is an entity itself.
pub fn stationed_teams(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    const TEAMS: [&str; 4] = ["工作队", "工作组", "服务队", "帮扶队"];
    let place_at = |b: usize| {
        linked
            .mentions
            .iter()
            .filter(|p| p.start == b && linked.entities[p.entity].class == EntityClass::Place)
            .max_by_key(|p| p.end)
    };
    for m in &linked.mentions {
        if linked.entities[m.entity].class != EntityClass::Organization || !a.text[m.end..].starts_with('驻') {
            continue;
        }
        // the places written one after another after 驻 (县|镇|村)
        let mut at = m.end + '驻'.len_utf8();
        let mut last = None;
        while let Some(p) = place_at(at) {
            last = Some(p.entity);
            at = p.end;
        }
        let Some(tail) = last else { continue };
        // …then the team within a few characters (帮扶工作队, 驻村工作队)
        let rest = &a.text[at..a.forward_chars(at, 8)];
        if !TEAMS.iter().any(|t| rest.contains(t)) || rest.contains(['，', ',', '。', '、']) {
            continue;
        }
        set.add(
            linked,
            FoundRelation {
                head: m.entity,
                tail,
                kind: RelationKind::DispatchedTo,
                title: None,
                sentence: sentence_of(a, m.start),
                rule: "stationed-team",
                count: 1,
            },
        );
    }
    // a team named whole (X驻Y县Z村帮扶工作队) is in the last place its name writes after 驻, and
    // the body it is named after sends it there
    for (i, team) in linked.entities.iter().enumerate() {
        let Some((_, stationed)) = team.name.split_once('驻') else {
            continue;
        };
        if team.class != EntityClass::Organization || !TEAMS.iter().any(|w| team.name.ends_with(w)) {
            continue;
        }
        let written_at = |p: &crate::extract::link::LinkedEntity| {
            let surfaces = std::iter::once(p.name.as_str()).chain(p.mentions.iter().map(|&k| {
                let k = &linked.mentions[k];
                &a.text[k.start..k.end]
            }));
            surfaces.filter_map(|f| stationed.rfind(f).map(|at| at + f.len())).max()
        };
        let Some(place) = linked
            .entities
            .iter()
            .enumerate()
            .filter(|(_, p)| p.class == EntityClass::Place)
            .filter_map(|(k, p)| written_at(p).map(|end| (end, k)))
            .max()
            .map(|(_, k)| k)
        else {
            continue;
        };
        let at = team.mentions.first().map_or(0, |&k| linked.mentions[k].start);
        let sender = linked.stationing_body(i);
        // its members go there with it (工作队队员X, 队长Y)
        let members: Vec<usize> = set
            .iter()
            .filter(|r| r.kind == RelationKind::HoldsPost && r.tail == i)
            .map(|r| r.head)
            .collect();
        let found = std::iter::once((i, RelationKind::LocatedIn))
            .chain(sender.map(|s| (s, RelationKind::DispatchedTo)))
            .chain(members.into_iter().map(|m| (m, RelationKind::DispatchedTo)));
        for (head, kind) in found {
            set.add(
                linked,
                FoundRelation {
                    head,
                    tail: place,
                    kind,
                    title: None,
                    sentence: sentence_of(a, at),
                    rule: "stationed-team",
                    count: 1,
                },
            );
        }
    }
}

/// An event named after the body that holds it (X工商联…座谈会, X市委经济工作会议): the body runs it.
pub fn events_of_bodies(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    for event in &linked.mentions {
        let e = &linked.entities[event.entity];
        if e.class != EntityClass::Program || e.subtype != Subtype::Event {
            continue;
        }
        let Some(body) = linked
            .mentions_in(event.start, event.end)
            .filter(|b| {
                b.start == event.start
                    && b.end < event.end
                    && linked.entities[b.entity].class == EntityClass::Organization
            })
            .max_by_key(|b| b.end)
        else {
            continue;
        };
        set.add(
            linked,
            FoundRelation {
                head: body.entity,
                tail: event.entity,
                kind: RelationKind::Implements,
                title: None,
                sentence: sentence_of(a, event.start),
                rule: "event-of-body",
                count: 1,
            },
        );
    }
}

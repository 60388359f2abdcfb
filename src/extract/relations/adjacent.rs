//! Relations read from how names stand next to each other, with no cue verb: a body before its
//! quoted program (金桥物业“邻里守望”), 在PLACE的ORG, a country before a company (德国西门子),
//! and a sentence opening with 在+place that
//! sets the scene for the projects it names.

use super::{FoundRelation, RelationSet, allowed, sentence_of};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::link::{Linked, LinkedMention};
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::text::is_han;

/// A body or place followed directly, or by 的, by a quoted program runs it: 金桥物业“邻里守望”,
/// 璧山区的“五新四城”.
pub(super) fn possessive(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    for w in linked.mentions.windows(2) {
        let (x, y) = (&w[0], &w[1]);
        if x.nested || y.nested || x.end > y.start || !matches!(&a.text[x.end..y.start], "“" | "的“") {
            continue;
        }
        if allowed(linked, x.entity, RelationKind::Implements, true)
            && allowed(linked, y.entity, RelationKind::Implements, false)
        {
            set.add(
                linked,
                FoundRelation {
                    head: x.entity,
                    tail: y.entity,
                    kind: RelationKind::Implements,
                    title: None,
                    sentence: sentence_of(a, x.start),
                    rule: "possessive-program",
                    count: 1,
                },
            );
        }
    }
}

/// 在PLACE(PLACE)的ORG: the body is there (在綦江区古南街道的重庆渝綦精锻齿轮有限公司).
pub(super) fn located_attribute(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    let ms: Vec<&LinkedMention> = linked.mentions.iter().filter(|m| !m.nested).collect();
    for (i, m) in ms.iter().enumerate() {
        if linked.entities[m.entity].class != EntityClass::Place || a.char_before(m.start) != Some('在') {
            continue;
        }
        // the last of a run of places (綦江区古南街道)
        let mut last = i;
        while ms
            .get(last + 1)
            .is_some_and(|n| n.start == ms[last].end && linked.entities[n.entity].class == EntityClass::Place)
        {
            last += 1;
        }
        let de = ms[last].end;
        if !a.text[de..].starts_with('的') {
            continue;
        }
        let Some(body) = ms.get(last + 1).filter(|n| n.start == de + '的'.len_utf8()) else {
            continue;
        };
        if allowed(linked, body.entity, RelationKind::LocatedIn, true) {
            set.add(
                linked,
                FoundRelation {
                    head: body.entity,
                    tail: ms[last].entity,
                    kind: RelationKind::LocatedIn,
                    title: None,
                    sentence: sentence_of(a, body.start),
                    rule: "located-attribute",
                    count: 1,
                },
            );
        }
    }
}

/// 德国西门子, 韩国大宇: a country written right before a company's name is where the company is
/// from.
pub(super) fn country_of_company(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    for w in linked.mentions.windows(2) {
        let (country, company) = (&w[0], &w[1]);
        let (c, o) = (&linked.entities[country.entity], &linked.entities[company.entity]);
        if country.nested
            || company.nested
            || country.end != company.start
            || c.class != EntityClass::Place
            || c.subtype != Subtype::Country
            || o.class != EntityClass::Organization
            || o.subtype != Subtype::Company
        {
            continue;
        }
        set.add(
            linked,
            FoundRelation {
                head: company.entity,
                tail: country.entity,
                kind: RelationKind::LocatedIn,
                title: None,
                sentence: sentence_of(a, company.start),
                rule: "country-of-company",
                count: 1,
            },
        );
    }
}

/// 在X地块，…，总投资2亿元的Y项目正在抓紧建设: a sentence that opens with 在 and a place sets the
/// scene for the projects it names, when it names no other place.
pub(super) fn locative_opening(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
    for (si, s) in a.doc.sentences.iter().enumerate() {
        let ms: Vec<&LinkedMention> = linked
            .mentions_in(s.span.start, s.span.end)
            .filter(|m| !m.nested)
            .collect();
        let places: Vec<&&LinkedMention> = ms
            .iter()
            .filter(|m| linked.entities[m.entity].class == EntityClass::Place)
            .collect();
        // one place, or a run of places written together (潼南区|高新区东区)
        let Some(first) = places.first() else { continue };
        let run_end = places
            .iter()
            .skip(1)
            .try_fold(first.end, |end, p| (p.start == end).then_some(p.end));
        let Some(run_end) = run_end else { continue };
        let place = places.last().map_or(first.entity, |p| p.entity);
        // 在 opens the sentence, after a date at most (12月19日，在…)
        if !a.text[..first.start].ends_with('在') {
            continue;
        }
        let zai = first.start - '在'.len_utf8();
        let dated = a.tokens[a.token_index(s.span.start)..a.token_index(zai)]
            .iter()
            .all(|t| matches!(t.pos, Pos::Numeral | Pos::Time) || !a.text[t.start..t.end].chars().any(is_han));
        if zai < s.span.start || !dated || !a.text[run_end..s.span.end].contains([',', '，']) {
            continue;
        }
        for m in &ms {
            let e = &linked.entities[m.entity];
            if m.start > run_end
                && e.class == EntityClass::Program
                && e.subtype == Subtype::Project
                && allowed(linked, m.entity, RelationKind::LocatedIn, true)
            {
                set.add(
                    linked,
                    FoundRelation {
                        head: m.entity,
                        tail: place,
                        kind: RelationKind::LocatedIn,
                        title: None,
                        sentence: si,
                        rule: "locative-opening",
                        count: 1,
                    },
                );
            }
        }
    }
}

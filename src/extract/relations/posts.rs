//! holds_post from appositive titles.
//!
//! News writes posts before the name: `ORG TITLE[、TITLE] NAME`, several groups joined by 、 or ，
//! (市委宣讲团成员，市政府副秘书长、办公厅副主任，市国资委党委书记、主任周建华). Walking left from the
//! name, each group gives one holds_post with its titles. A place between body and title is part of
//! the title (奇安信集团重庆总经理). `NAME（ORG TITLE）` is read the same way.

use super::{FoundRelation, RelationSet, sentence_of};
use crate::extract::analysis::Analysis;
use crate::extract::index::Pattern;
use crate::extract::link::{Linked, LinkedMention};
use crate::extract::model::{EntityClass, RelationKind};
use crate::extract::recognize::persons::TitleSpan;

pub fn holds_post(a: &Analysis, linked: &Linked, titles: &[TitleSpan], set: &mut RelationSet) {
    let title_ending = |b: usize| titles.iter().find(|t| t.end == b);
    let mention_ending = |b: usize, classes: &[EntityClass]| -> Option<&LinkedMention> {
        linked
            .mentions
            .iter()
            .filter(|m| m.end == b && classes.contains(&linked.entities[m.entity].class))
            .min_by_key(|m| (m.nested, m.start))
    };
    for m in &linked.mentions {
        if m.nested || linked.entities[m.entity].class != EntityClass::Person {
            continue;
        }
        let sentence = sentence_of(a, m.start);
        let mut pos = m.start;
        while a.char_before(pos) == Some(' ') {
            pos -= 1;
        }
        // groups, right to left
        for _ in 0..6 {
            let Some(t) = title_ending(pos) else { break };
            let mut chain = vec![t];
            let mut p = t.start;
            while a.char_before(p) == Some('、') {
                match title_ending(p - '、'.len_utf8()) {
                    Some(t2) => {
                        chain.push(t2);
                        p = t2.start;
                    }
                    None => break,
                }
            }
            let mut title: Vec<String> = chain.iter().rev().map(|t| a.doc.surface(t.start..t.end)).collect();
            // a place written between the body and the title: 奇安信集团重庆总经理
            let mut org = mention_ending(p, &[EntityClass::Organization]);
            if org.is_none()
                && let Some(place) = mention_ending(p, &[EntityClass::Place])
            {
                match mention_ending(place.start, &[EntityClass::Organization]) {
                    Some(o) => {
                        title[0] = format!("{}{}", a.doc.surface(place.start..place.end), title[0]);
                        org = Some(o);
                    }
                    None => org = Some(place),
                }
            }
            let Some(org) = org else {
                // a sub-unit written alone (办公厅副主任 after 市政府副秘书长、): skip it, keep walking
                let unit = a
                    .ending_at(p)
                    .filter(|h| matches!(h.pattern, Pattern::OrgSuffix(_) | Pattern::GovBody(_)))
                    .map(|h| h.start)
                    .min();
                match unit.and_then(|u| a.char_before(u).map(|c| (u, c))) {
                    Some((u, c @ ('、' | ','))) => {
                        pos = u - c.len_utf8();
                        continue;
                    }
                    _ => break,
                }
            };
            set.add(
                linked,
                FoundRelation {
                    head: m.entity,
                    tail: org.entity,
                    kind: RelationKind::HoldsPost,
                    title: Some(title.join("、")),
                    sentence,
                    rule: "appositive-title",
                    count: 1,
                },
            );
            pos = org.start;
            match a.char_before(pos) {
                Some(c @ ('、' | ',')) => pos -= c.len_utf8(),
                _ => break,
            }
        }
        // ORG 由 [TITLE] NAME [TITLE] 领衔: the person leads it (研究院由李卫东教授领衔的研发团队)
        if let Some(org) = led_by(a, linked, m) {
            set.add(
                linked,
                FoundRelation {
                    head: m.entity,
                    tail: org,
                    kind: RelationKind::HoldsPost,
                    title: Some("领衔".to_owned()),
                    sentence,
                    rule: "led-by",
                    count: 1,
                },
            );
        }
        // NAME（ORG TITLE）
        if a.char_at(m.end) == Some('(') {
            let inner = m.end + 1;
            if let Some(close) = a.text[inner..].find(')').map(|i| i + inner)
                && let Some(t) = titles.iter().find(|t| t.end == close && t.start > inner)
                && let Some(org) = mention_ending(t.start, &[EntityClass::Organization, EntityClass::Place])
                && org.start >= inner
            {
                set.add(
                    linked,
                    FoundRelation {
                        head: m.entity,
                        tail: org.entity,
                        kind: RelationKind::HoldsPost,
                        title: Some(a.doc.surface(t.start..t.end)),
                        sentence,
                        rule: "parenthetical-title",
                        count: 1,
                    },
                );
            }
        }
    }
}

/// The body before `由 … NAME … 领衔`, if the person leads it.
fn led_by(a: &Analysis, linked: &Linked, m: &LinkedMention) -> Option<usize> {
    let after = &a.text[m.end..a.forward_chars(m.end, 5)];
    if !after.contains("领衔") {
        return None;
    }
    let before_start = a.back_chars(m.start, 30);
    let you = a.text[before_start..m.start].rfind('由').map(|i| before_start + i)?;
    if a.text[you..m.start].contains([',', '。', ';']) {
        return None;
    }
    linked
        .mentions
        .iter()
        .filter(|o| o.end == you && !o.nested && linked.entities[o.entity].class == EntityClass::Organization)
        .map(|o| o.entity)
        .next()
}

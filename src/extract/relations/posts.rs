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
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::extract::recognize::persons::TitleSpan;
use crate::text::is_han;

pub fn holds_post(a: &Analysis, linked: &Linked, titles: &[TitleSpan], set: &mut RelationSet) {
    // the posts the appositive walk gave the person mention ending at a byte (for lists of names)
    let mut walked: Vec<(usize, Vec<FoundRelation>)> = Vec::new();
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
        let mut posts_of: Vec<FoundRelation> = Vec::new();
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
            // 村民刘某: a role names the person but is no post
            if chain.iter().all(|t| t.role_only) {
                break;
            }
            let mut title: Vec<String> = chain.iter().rev().map(|t| a.doc.surface(t.start..t.end)).collect();
            // a body whose name the title was read from (中益乡党委|书记 read as 党委书记)
            let read_into = linked
                .mentions
                .iter()
                .filter(|o| {
                    o.start < p
                        && o.end > p
                        && o.end < chain.last().map_or(p, |t| t.end).max(p + 1)
                        && linked.entities[o.entity].class == EntityClass::Organization
                })
                .max_by_key(|o| o.end - o.start);
            if let Some(o) = read_into {
                title[0] = a.doc.surface(o.end..chain.last().map_or(o.end, |t| t.end));
            }
            // a place written between the body and the title: 奇安信集团重庆总经理
            let mut org = read_into.or_else(|| mention_ending(p, &[EntityClass::Organization]));
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
            // 公司董事长X, 该公司总经理X: the company the text is talking about
            if org.is_none()
                && let Some(o) = generic_company_before(a, linked, p)
            {
                set.add(
                    linked,
                    post(m.entity, o, title.join("、"), sentence, "company-anaphora"),
                );
                break;
            }
            // 副市长X, 市委常委、副市长Y: the head of a government with no body before the title
            if org.is_none()
                && chain.iter().all(|t| t.heads_place)
                && let Some(place) = place_of_title(a, linked, t, m.start)
            {
                let found = post(m.entity, place, title.join("、"), sentence, "government-head-title");
                posts_of.push(found.clone());
                set.add(linked, found);
                match a.char_before(p) {
                    Some(c @ ('、' | ',')) => {
                        pos = p - c.len_utf8();
                        continue;
                    }
                    _ => break,
                }
            }
            // X集团总经理A、副总经理B: a title after a listed name is a post in the one body the
            // name before holds a post in
            if org.is_none()
                && let Some(prev_end) = p
                    .checked_sub('、'.len_utf8())
                    .filter(|_| a.char_before(p) == Some('、'))
                && let Some((_, earlier)) = walked.iter().find(|(end, _)| *end == prev_end)
                && let [body] = earlier
                    .iter()
                    .map(|r| r.tail)
                    .filter(|&t| linked.entities[t].class == EntityClass::Organization)
                    .collect::<Vec<_>>()[..]
            {
                let found = post(m.entity, body, title.join("、"), sentence, "listed-title-same-body");
                posts_of.push(found.clone());
                set.add(linked, found);
                break;
            }
            let Some(org) = org else {
                // a sub-unit written alone (办公厅副主任 after 市政府副秘书长、): skip it, keep walking
                let unit = a
                    .ending_at(p)
                    .filter(|h| matches!(h.pattern, Pattern::OrgSuffix(_) | Pattern::GovBody(_)))
                    .map(|h| h.start)
                    .min();
                if let Some((u, c @ ('、' | ','))) = unit.and_then(|u| a.char_before(u).map(|c| (u, c))) {
                    pos = u - c.len_utf8();
                    continue;
                }
                // a group naming no body we know (…、省现代化工产业链链长X): skip it when a 、
                // closes the group before it within a few characters of plain text
                let from = a.back_chars(p, 16);
                match a.text[from..p].rfind('、').map(|i| from + i) {
                    Some(d)
                        if a.text[d + '、'.len_utf8()..p].chars().all(is_han)
                            && !linked.mentions.iter().any(|o| o.start > d && o.start < p) =>
                    {
                        pos = d;
                        continue;
                    }
                    _ => break,
                }
            };
            // X区委副书记、区长Y: the head of the government holds the post at the place
            let (place_titles, party_titles): (Vec<(&&TitleSpan, &String)>, Vec<_>) =
                chain.iter().rev().zip(&title).partition(|(t, _)| t.heads_place);
            let governed = if place_titles.is_empty() {
                None
            } else {
                // the head of a government holds the post in that government where the text
                // names it (县政府 → X县人民政府), else at the place
                committee_place(linked, org).map(|p| government_of(linked, p).unwrap_or(p))
            };
            let join = |v: &[(&&TitleSpan, &String)]| v.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join("、");
            let posts = match governed {
                Some(place) => vec![
                    (place, join(&place_titles), "government-head-title"),
                    (org.entity, join(&party_titles), "appositive-title"),
                ],
                None => vec![(org.entity, title.join("、"), "appositive-title")],
            };
            for (tail, title, rule) in posts {
                if title.is_empty() {
                    continue;
                }
                let found = post(m.entity, tail, title, sentence, rule);
                posts_of.push(found.clone());
                set.add(linked, found);
            }
            pos = org.start;
            match a.char_before(pos) {
                Some(c @ ('、' | ',')) => pos -= c.len_utf8(),
                _ => break,
            }
        }
        // 副县长A、B、C: names listed after a title share its posts
        if posts_of.is_empty()
            && a.char_before(m.start) == Some('、')
            && let Some((_, earlier)) = walked.iter().find(|(end, _)| *end + '、'.len_utf8() == m.start)
        {
            posts_of = earlier
                .iter()
                .map(|r| FoundRelation {
                    head: m.entity,
                    sentence,
                    rule: "listed-after-title",
                    ..r.clone()
                })
                .collect();
            for r in &posts_of {
                set.add(linked, r.clone());
            }
        }
        if !posts_of.is_empty() {
            walked.push((m.end, posts_of));
        }
        // NAME 兼任 ORG TITLE; ORG TITLE 由 NAME 担任
        for (org, title, rule) in assigned_posts(a, linked, titles, m) {
            set.add(linked, post(m.entity, org, title, sentence, rule));
        }
        // ORG 由 [TITLE] NAME [TITLE] 领衔: the person leads it (研究院由李卫东教授领衔的研发团队)
        if let Some(org) = led_by(a, linked, m) {
            set.add(linked, post(m.entity, org, "领衔".to_owned(), sentence, "led-by"));
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
                    post(
                        m.entity,
                        org.entity,
                        a.doc.surface(t.start..t.end),
                        sentence,
                        "parenthetical-title",
                    ),
                );
            }
        }
    }
}

/// A holds_post found in `sentence` by `rule`.
fn post(head: usize, tail: usize, title: String, sentence: usize, rule: &'static str) -> FoundRelation {
    FoundRelation {
        head,
        tail,
        kind: RelationKind::HoldsPost,
        title: Some(title),
        sentence,
        rule,
        count: 1,
    }
}

/// The place whose party committee `org` is (渝北区 of 渝北区委): the place it is named after,
/// wherever the text names it.
fn committee_place(linked: &Linked, org: &LinkedMention) -> Option<usize> {
    let committee = &linked.entities[org.entity];
    let name = &committee.name;
    linked
        .entities
        .iter()
        .position(|place| {
            place.class == EntityClass::Place
                && ["委", "党委"]
                    .iter()
                    .any(|w| name.strip_suffix(w) == Some(place.name.as_str()))
        })
        // 市委 completed from context (晋中市委): the place its name is anchored in
        .or_else(|| {
            let d = committee.place?;
            (name.ends_with('委') && !name.ends_with("纪委")).then_some(())?;
            linked.place_of_division(d)
        })
}

/// The place a title heading a place's government is held at when no body is written before it
/// (副市长X, 副镇长Y): the place of the title's level (市, 县, 区, 镇 … before 长) the text last
/// named before `before` — a nested name included (信阳市委书记A、副市长B) — else the first after.
fn place_of_title(a: &Analysis, linked: &Linked, title: &TitleSpan, before: usize) -> Option<usize> {
    let level = a.text[title.start..title.end].strip_suffix('长')?.chars().last()?;
    let fits = |e: usize| {
        let place = &linked.entities[e];
        let named = place.name.ends_with(level)
            || place.mentions.iter().any(|&m| {
                let m = &linked.mentions[m];
                a.text[m.start..m.end].ends_with(level)
            });
        place.class == EntityClass::Place
            && match level {
                '省' => place.subtype == Subtype::Province,
                '市' => place.subtype == Subtype::City || (place.subtype == Subtype::District && named),
                '州' => place.subtype == Subtype::City && named,
                '区' | '县' | '旗' => place.subtype == Subtype::District && named,
                '镇' | '乡' => place.subtype == Subtype::Township && named,
                _ => false,
            }
    };
    let ms = &linked.mentions;
    let sentence = a.doc.sentence_at(before).map(|i| a.doc.sentences[i].span.clone());
    // named in the sentence before the title (信阳市委书记A、副市长B), else the document's most
    // named place of that level, the latest before breaking ties
    let in_sentence = sentence.clone().and_then(|span| {
        ms.iter()
            .filter(|m| m.start >= span.start && m.start < before)
            .rfind(|m| fits(m.entity))
    });
    // …or a body of such a place named there (市委常委、副市长B: the 市委 completed from context)
    let body_in_sentence = || {
        sentence.clone().and_then(|span| {
            ms.iter()
                .filter(|m| m.start >= span.start && m.start < before)
                .filter_map(|m| {
                    let e = &linked.entities[m.entity];
                    (e.class == EntityClass::Organization)
                        .then_some(e.place?)
                        .and_then(|d| linked.place_of_division(d))
                })
                .rfind(|&p| fits(p))
        })
    };
    let place = in_sentence.map(|m| m.entity).or_else(body_in_sentence).or_else(|| {
        let mut candidates: Vec<usize> = ms.iter().filter(|m| fits(m.entity)).map(|m| m.entity).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let last_before = |e: usize| ms.iter().rposition(|m| m.entity == e && m.start < before);
        candidates
            .into_iter()
            .max_by_key(|&e| (linked.entities[e].mentions.len(), last_before(e)))
    })?;
    Some(government_of(linked, place).unwrap_or(place))
}

/// The people's government of a place when the document names it (苏州市人民政府): the head of a
/// government holds the post there.
fn government_of(linked: &Linked, place: usize) -> Option<usize> {
    let name = &linked.entities[place].name;
    linked.entities.iter().position(|e| {
        e.class == EntityClass::Organization
            && e.name
                .strip_prefix(name.as_str())
                .is_some_and(|rest| matches!(rest, "人民政府" | "政府"))
    })
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

/// Verbs that give a person a post: 兼任, 担任, 出任, 任.
const ASSIGN_VERBS: [&str; 5] = ["兼任", "担任", "出任", "转任", "任"];

/// Posts given by a verb: `NAME 兼任 ORG TITLE` and `ORG TITLE 由 … NAME 兼任`.
fn assigned_posts(
    a: &Analysis,
    linked: &Linked,
    titles: &[TitleSpan],
    m: &LinkedMention,
) -> Vec<(usize, String, &'static str)> {
    let org_at = |b: usize, starting: bool| -> Option<&LinkedMention> {
        linked
            .mentions
            .iter()
            .filter(|o| {
                (if starting { o.start == b } else { o.end == b })
                    && matches!(
                        linked.entities[o.entity].class,
                        EntityClass::Organization | EntityClass::Place
                    )
            })
            .max_by_key(|o| o.end - o.start)
    };
    let mut out = Vec::new();
    let rest = &a.text[m.end..];
    // NAME 兼任 ORG TITLE
    if let Some(v) = ASSIGN_VERBS.iter().find(|v| rest.starts_with(**v)) {
        let after = m.end + v.len();
        // the title may have been read from inside the name (链党委|书记 read as 党委书记)
        if let Some(o) = org_at(after, true)
            && let Some(t) = titles
                .iter()
                .find(|t| t.start <= o.end && t.end > o.end && t.start >= o.start)
        {
            out.push((o.entity, a.doc.surface(o.end..t.end), "assigned-post"));
        }
    }
    // ORG TITLE 由 [ORG TITLE] NAME 兼任/担任
    if ASSIGN_VERBS[..3].iter().any(|v| rest.starts_with(*v)) {
        let from = a.back_chars(m.start, 30);
        if let Some(you) = a.text[from..m.start].rfind('由').map(|i| from + i)
            && !a.text[you..m.start].contains([',', '。', ';'])
            && let Some(t) = titles.iter().find(|t| t.end == you)
            && let Some(o) = linked
                .mentions
                .iter()
                .filter(|o| {
                    o.end >= t.start
                        && o.end < t.end
                        && o.start < t.start
                        && linked.entities[o.entity].class == EntityClass::Organization
                })
                .max_by_key(|o| o.end - o.start)
        {
            out.push((o.entity, a.doc.surface(o.end..t.end), "assigned-post"));
        }
    }
    out
}

/// The company a bare 公司/该公司/企业 before a title refers to: the latest company named in the
/// preceding text (a few sentences back at most).
fn generic_company_before(a: &Analysis, linked: &Linked, p: usize) -> Option<usize> {
    let word = ["该公司", "该企业", "该集团", "公司", "企业", "集团"]
        .iter()
        .find(|w| a.text[..p].ends_with(**w))?;
    let start = p - word.len();
    if linked.mentions.iter().any(|o| o.start < start && o.end >= p) {
        return None; // part of a name
    }
    // a word glued to the front (母公司, 子公司, 分公司) is another company
    if word.chars().count() == 2 && a.char_before(start).is_some_and(crate::text::is_han) && !a.is_boundary(start) {
        return None;
    }
    let reach = start.saturating_sub(600);
    linked
        .mentions
        .iter()
        .rev()
        .filter(|o| o.end <= start && o.start >= reach)
        .find(|o| {
            let e = &linked.entities[o.entity];
            e.class == EntityClass::Organization && e.subtype == crate::extract::model::Subtype::Company
        })
        .map(|o| o.entity)
}

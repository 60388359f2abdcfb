//! Relations from cue words and clause patterns (`relation_cues.tsv`).
//!
//! A cue word (出资, 签署战略合作协议, 印发, 走进 …) names the relation; its pattern says where
//! head and tail stand in the clause. Lists (A、B和C) give one relation per member. A clause that
//! leaves its subject out (全力打造“爱上涪陵”系列宣传品牌) takes the subject of its sentence, or of
//! the latest sentence that had one. A body followed directly by a quoted program runs it
//! (金桥物业“邻里守望”). Cue words inside names (管理 in …管理办公室) are not cues.

use super::clauses::{clause_initial, clause_range, subject_elided};
use super::{FoundRelation, RelationSet, allowed, sentence_of};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::index::Pattern;
use crate::extract::link::{Linked, LinkedMention};
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::extract::recognize::Resources;
use crate::text::is_han;
use std::ops::Range;

const LIST_GLUE: &[char] = &['、', '和', '与', '及', ',', ' '];

/// How far back (bytes) the subject of an earlier sentence may stand in for an elided one.
const TOPIC_REACH: usize = 800;

struct Sentence<'l> {
    span: Range<usize>,
    mentions: Vec<&'l LinkedMention>,
}

pub fn patterns(a: &Analysis, res: &Resources, linked: &Linked, set: &mut RelationSet) {
    possessive(a, linked, set);
    located_attribute(a, linked, set);
    locative_opening(a, linked, set);
    let mut topic: Option<(usize, usize)> = None; // (entity, byte where seen)
    for (si, s) in a.doc.sentences.iter().enumerate() {
        let sentence = Sentence {
            span: s.span.clone(),
            mentions: linked
                .mentions_in(s.span.start, s.span.end)
                .filter(|m| !m.nested)
                .collect(),
        };
        let fallback = topic
            .filter(|&(_, at)| s.span.start.saturating_sub(at) < TOPIC_REACH)
            .map(|(e, _)| e);
        for h in a.hits.iter().filter(|h| h.start >= s.span.start && h.end <= s.span.end) {
            let Pattern::RelationCue(ci) = h.pattern else { continue };
            if sentence.mentions.iter().any(|m| m.start <= h.start && h.end <= m.end) {
                continue;
            }
            let cue = &res.lex.relation_cues[ci];
            let Some(mut kind) = RelationKind::parse(&cue.relation) else {
                continue;
            };
            // 投资3亿元建设X项目: building what one invested in is funding it
            if kind == RelationKind::Implements && invested_before(a, s.span.start, h.start) {
                kind = RelationKind::Funds;
            }
            let range = h.start..h.end;
            let found = match cue.pattern.as_str() {
                "subj_obj" | "to_place" => subj_obj(a, linked, &sentence, range, kind, fallback),
                "by_subj" => by_subj(a, linked, &sentence, range, kind),
                "with_obj" => with_obj(a, linked, &sentence, range, kind),
                "as_role" => as_role(a, linked, &sentence, range, kind),
                "at_place" => at_place(a, linked, &sentence, range, kind, fallback),
                "host" => host(a, linked, &sentence, range, kind),
                "in_place" => in_place(a, linked, &sentence, range, kind),
                "entrusted" => entrusted(a, linked, &sentence, range, kind),
                "signed" => signed_projects(a, linked, &sentence, range, fallback),
                _ => Vec::new(),
            };
            // A、B联合印发…: the bodies acting together are partners
            let together = a.text[..h.start].ends_with("联合") || cue.cue == "联合";
            if together {
                let mut heads: Vec<usize> = found.iter().map(|&(hd, _)| hd).collect();
                heads.dedup();
                for (x, &hx) in heads.iter().enumerate() {
                    for &hy in &heads[x + 1..] {
                        if allowed(linked, hx, RelationKind::PartnersWith, true)
                            && allowed(linked, hy, RelationKind::PartnersWith, false)
                        {
                            set.add(
                                linked,
                                FoundRelation {
                                    head: hx,
                                    tail: hy,
                                    kind: RelationKind::PartnersWith,
                                    title: None,
                                    sentence: si,
                                    rule: "acting-together",
                                    count: 1,
                                },
                            );
                        }
                    }
                }
            }
            for (head, tail) in found {
                let head = if kind == RelationKind::DispatchedTo {
                    sending_body(linked, set, head)
                } else {
                    head
                };
                let acts = linked.entities[head].subtype != Subtype::Region;
                if acts && allowed(linked, head, kind, true) && allowed(linked, tail, kind, false) {
                    set.add(
                        linked,
                        FoundRelation {
                            head,
                            tail,
                            kind,
                            title: None,
                            sentence: si,
                            rule: rule_name(&cue.pattern),
                            count: 1,
                        },
                    );
                }
            }
        }
        // the subject of this sentence: its first body or place that begins a clause
        if let Some(m) = sentence.mentions.iter().find(|m| {
            matches!(
                linked.entities[m.entity].class,
                EntityClass::Organization | EntityClass::Place
            ) && linked.entities[m.entity].subtype != Subtype::Region
                && clause_initial(a, &sentence.span, m.start)
        }) {
            topic = Some((m.entity, m.start));
        }
    }
}

/// Whether an investment with its amount ends right before `at` (投资3亿元|建设, 投资8亿元，|建设).
fn invested_before(a: &Analysis, sentence_start: usize, at: usize) -> bool {
    static AMOUNT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"投资(?:总额)?(?:约|近|超过?)?[0-9.]+(?:亿|万)?(?:美)?元[,，]?(?:用于|用来|来)?$").unwrap()
    });
    let from = a.back_chars(at, 20).max(sentence_start);
    AMOUNT.is_match(&a.text[from..at])
}

fn rule_name(pattern: &str) -> &'static str {
    match pattern {
        "subj_obj" => "cue-subject-object",
        "to_place" => "cue-to-place",
        "by_subj" => "cue-by-agent",
        "with_obj" => "cue-with-partner",
        "as_role" => "cue-as-role",
        "at_place" => "cue-at-place",
        "host" => "cue-host",
        "in_place" => "cue-in-place",
        "entrusted" => "cue-entrusted",
        "signed" => "cue-signed-project",
        _ => "cue",
    }
}

/// place … 签约 X项目: the projects a place signs are located in it (X located_in the place); the
/// place is found as the head of a program it runs would be, elided subjects included.
fn signed_projects(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    fallback: Option<usize>,
) -> Vec<(usize, usize)> {
    subj_obj(a, linked, s, cue, RelationKind::Implements, fallback)
        .into_iter()
        .filter(|&(place, project)| {
            linked.entities[place].class == EntityClass::Place
                && linked.entities[project].class == EntityClass::Program
                && linked.entities[project].subtype == Subtype::Project
        })
        .map(|(place, project)| (project, place))
        .collect()
}

/// A person sent somewhere goes as a member of a team they hold a post in (宣讲团, 专家团).
fn sending_body(linked: &Linked, set: &RelationSet, head: usize) -> usize {
    if linked.entities[head].class != EntityClass::Person {
        return head;
    }
    set.iter()
        .find(|r| {
            r.head == head
                && r.kind == RelationKind::HoldsPost
                && ["团", "队"].iter().any(|s| linked.entities[r.tail].name.ends_with(s))
        })
        .map(|r| r.tail)
        .unwrap_or(head)
}

/// Eligible mentions in a byte range, in order, one per entity.
fn eligible<'l>(
    linked: &Linked,
    s: &Sentence<'l>,
    range: Range<usize>,
    kind: RelationKind,
    as_head: bool,
) -> Vec<&'l LinkedMention> {
    let mut out: Vec<&LinkedMention> = Vec::new();
    for m in s.mentions.iter().copied() {
        if m.start >= range.start
            && m.end <= range.end
            && allowed(linked, m.entity, kind, as_head)
            && !out.iter().any(|x| x.entity == m.entity)
        {
            out.push(m);
        }
    }
    out
}

/// The nearest eligible mention before the end of `range` and the list it belongs to (A、B和C).
fn heads_before(a: &Analysis, linked: &Linked, s: &Sentence, range: Range<usize>, kind: RelationKind) -> Vec<usize> {
    let all = eligible(linked, s, range, kind, true);
    let Some(last) = all.last() else { return Vec::new() };
    let mut heads = vec![last.entity];
    let mut right = last.start;
    for m in all.iter().rev().skip(1) {
        if m.end > right {
            break;
        }
        let gap = &a.text[m.end..right];
        if !gap.is_empty() && gap.chars().all(|c| LIST_GLUE.contains(&c)) {
            heads.push(m.entity);
            right = m.start;
        } else {
            break;
        }
    }
    heads
}

/// Whether byte `b` falls inside a name (同 of 大同市 is no connective).
fn inside_mention(s: &Sentence, b: usize) -> bool {
    s.mentions.iter().any(|m| m.start <= b && b < m.end)
}

fn pairs(heads: &[usize], tails: &[usize]) -> Vec<(usize, usize)> {
    heads
        .iter()
        .take(4)
        .flat_map(|&h| tails.iter().take(10).map(move |&t| (h, t)))
        .collect()
}

/// A preposition 对/向/给 before the cue in the clause, splitting heads from fronted objects.
fn preposition_before(a: &Analysis, s: &Sentence, from: usize, to: usize) -> Option<usize> {
    a.text[from..to]
        .char_indices()
        .filter(|(_, c)| matches!(c, '对' | '向' | '给'))
        .map(|(i, _)| from + i)
        .find(|&i| !inside_mention(s, i))
}

/// The subject of the sentence before `before`: the first eligible body or place that begins a
/// clause (近年来，涪陵区积极探索…，健全完善…).
fn sentence_subject(a: &Analysis, linked: &Linked, s: &Sentence, before: usize, kind: RelationKind) -> Option<usize> {
    let eligible = |m: &&&LinkedMention| {
        allowed(linked, m.entity, kind, true) && linked.entities[m.entity].subtype != Subtype::Region
    };
    // a clause that is only a noun phrase ending in the entity (提供…方案的X，将总部放在…) names
    // the topic of the clauses after it
    let topic_phrase = |m: &&&LinkedMention| {
        a.char_before(m.start) == Some('的')
            && a.char_at(m.end).is_some_and(|c| matches!(c, ',' | '，'))
            && clause_range(a, &s.span, m.start).start < m.start
            && !a.tokens[a.token_index(clause_range(a, &s.span, m.start).start)..a.token_index(m.start)]
                .iter()
                .any(|t| a.text[t.start..t.end] == *"是")
    };
    let first = s
        .mentions
        .iter()
        .filter(|m| m.start < before)
        .filter(eligible)
        .find(|m| clause_initial(a, &s.span, m.start) || topic_phrase(m))?;
    // X旗下Y, X下属的Y: the subject is Y
    let rest = &a.text[first.end..];
    let link = ["旗下的", "旗下", "下属的", "下属", "所属的", "所属"]
        .iter()
        .find(|w| rest.starts_with(**w));
    if let Some(w) = link {
        let at = first.end + w.len();
        if let Some(y) = s
            .mentions
            .iter()
            .filter(eligible)
            .find(|m| m.start == at && m.start < before)
        {
            return Some(y.entity);
        }
    }
    Some(first.entity)
}

/// Whether the sentence opens a clause before `before` with a body or place of its own — then an
/// elided subject is that one, even when it cannot take the relation (新区…，其中位于X的部分…),
/// and no earlier sentence's subject stands in.
fn has_own_subject(a: &Analysis, linked: &Linked, s: &Sentence, before: usize) -> bool {
    // a person pronoun is the subject (…，他被任命为…，派驻X村)
    let pronoun = a.tokens[a.token_index(s.span.start)..a.token_index(before).max(a.token_index(s.span.start))]
        .iter()
        .any(|t| matches!(&a.text[t.start..t.end], "他" | "她" | "他们" | "她们"));
    pronoun
        || s.mentions.iter().any(|m| {
            m.start < before
                && matches!(
                    linked.entities[m.entity].class,
                    EntityClass::Organization | EntityClass::Place
                )
                && linked.entities[m.entity].subtype != Subtype::Region
                && clause_initial(a, &s.span, m.start)
        })
}

fn subj_obj(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
    topic: Option<usize>,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let after: Vec<&LinkedMention> = eligible(linked, s, cue.end..clause.end, kind, false);
    let mut tails: Vec<usize> = after.iter().map(|m| m.entity).collect();
    let mut head_limit = cue.start;
    if let Some(p) = preposition_before(a, s, clause.start, cue.start) {
        let fronted: Vec<usize> = eligible(linked, s, p..cue.start, kind, false)
            .iter()
            .map(|m| m.entity)
            .collect();
        if !fronted.is_empty() {
            tails = fronted;
        }
        // what follows 向/对/给 is never the subject (向城口、巫溪等区县选派…)
        head_limit = p;
    }
    if tails.is_empty() {
        return Vec::new();
    }
    let mut heads = heads_before(a, linked, s, clause.start..head_limit, kind);
    if heads.is_empty() {
        // 位于Y(Z)的X: the head follows its places
        for (i, t) in after.iter().enumerate() {
            if a.char_at(t.end) == Some('的')
                && let Some(h) = eligible(linked, s, t.end..clause.end, kind, true).first()
                && h.start == t.end + '的'.len_utf8()
            {
                return after[..=i].iter().map(|x| (h.entity, x.entity)).collect();
            }
        }
    }
    if heads.is_empty() && subject_elided(a, clause.start, head_limit) {
        heads.extend(sentence_subject(a, linked, s, clause.start, kind));
        if heads.is_empty() && !has_own_subject(a, linked, s, clause.start) {
            heads.extend(topic.filter(|&t| allowed(linked, t, kind, true)));
        }
    }
    pairs(&heads, &tails)
}

fn by_subj(a: &Analysis, linked: &Linked, s: &Sentence, cue: Range<usize>, kind: RelationKind) -> Vec<(usize, usize)> {
    let Some(you) = a.text[s.span.start..cue.start].rfind('由').map(|i| s.span.start + i) else {
        return Vec::new();
    };
    // 由 and the cue stand in one clause (not 由A出资，委托B管理)
    if a.text[you..cue.start].contains([',', '，', ';', '；', '。']) {
        return Vec::new();
    }
    let agent_mentions = eligible(linked, s, you..cue.start, kind, true);
    let Some(last) = agent_mentions.last() else {
        return Vec::new();
    };
    // the agents are the list ending next to the cue (A、B和C, 区委区政府 written together)
    let mut agents = vec![last.entity];
    let mut right = last.start;
    for m in agent_mentions.iter().rev().skip(1) {
        if m.end <= right && a.text[m.end..right].chars().all(|c| LIST_GLUE.contains(&c)) {
            agents.push(m.entity);
            right = m.start;
        } else {
            break;
        }
    }
    agents.reverse();
    // the agents act through the cue (由A、B负责管理), not through a clause of their own
    // (由A、B等部门组成的…管理办公室)
    let gap = &a.text[last.end..cue.start];
    if gap.chars().count() > 12 || gap.contains('的') || gap.chars().any(|c| !is_han(c) && !c.is_ascii_digit()) {
        return Vec::new();
    }
    let patient = eligible(linked, s, s.span.start..you, kind, false)
        .last()
        .map(|m| m.entity)
        .or_else(|| {
            eligible(linked, s, cue.end..s.span.end, kind, false)
                .first()
                .map(|m| m.entity)
        })
        .or_else(|| program_named_before(a, linked, s, you, kind));
    match patient {
        Some(p) => pairs(&agents, &[p]),
        None => Vec::new(),
    }
}

/// 委托 B (运营)管理: B runs the program the sentence is about — the nearest program before the
/// cue (…设立X基金，由A出资，委托B管理) — when a management verb follows B in its clause.
fn entrusted(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let Some(agent) = eligible(linked, s, cue.end..clause.end, kind, true).into_iter().next() else {
        return Vec::new();
    };
    let rest = &a.text[agent.end..clause.end];
    if !["管理", "运营", "托管", "管理人"].iter().any(|v| rest.contains(v)) {
        return Vec::new();
    }
    let program = s
        .mentions
        .iter()
        .filter(|m| m.end <= cue.start && linked.entities[m.entity].class == EntityClass::Program)
        .rfind(|m| allowed(linked, m.entity, kind, false))
        .map(|m| m.entity);
    match program {
        Some(p) => vec![(agent.entity, p)],
        None => Vec::new(),
    }
}

/// "此次活动由…实施": the latest program before the sentence whose name ends with the noun
/// written before 由 (活动, 项目, 基金).
fn program_named_before(a: &Analysis, linked: &Linked, s: &Sentence, you: usize, kind: RelationKind) -> Option<usize> {
    let lead = &a.text[s.span.start..you];
    let mut noun: Vec<char> = lead.chars().rev().take_while(|c| is_han(*c)).take(2).collect();
    noun.reverse();
    let noun: String = noun.into_iter().collect();
    if noun.chars().count() < 2 {
        return None;
    }
    let before = linked.mentions.partition_point(|m| m.start < s.span.start);
    linked.mentions[..before]
        .iter()
        .rev()
        .take(80)
        .find(|m| {
            let e = &linked.entities[m.entity];
            e.class == EntityClass::Program && e.name.ends_with(noun.as_str()) && allowed(linked, m.entity, kind, false)
        })
        .map(|m| m.entity)
}

fn with_obj(a: &Analysis, linked: &Linked, s: &Sentence, cue: Range<usize>, kind: RelationKind) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let text = &a.text[clause.start..cue.start];
    let Some(conn) = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '与' | '和' | '同' | '跟'))
        .map(|(i, _)| clause.start + i)
        .rfind(|&i| !inside_mention(s, i))
    else {
        return Vec::new();
    };
    let left = heads_before(a, linked, s, clause.start..conn, kind);
    // where they sign is no party (A与B在璧山签署…)
    let right: Vec<usize> = eligible(linked, s, conn..cue.start, kind, false)
        .iter()
        .filter(|m| !a.text[..m.start].ends_with(['在', '于']))
        .map(|m| m.entity)
        .collect();
    pairs(&left, &right)
}

fn as_role(a: &Analysis, linked: &Linked, s: &Sentence, cue: Range<usize>, kind: RelationKind) -> Vec<(usize, usize)> {
    let Some(zuowei) = a.text[s.span.start..cue.start].rfind("作为").map(|i| s.span.start + i) else {
        return Vec::new();
    };
    let tail = eligible(linked, s, zuowei..cue.start, kind, false);
    let head = eligible(linked, s, cue.end..s.span.end, kind, true);
    match (head.first(), tail.last()) {
        (Some(h), Some(t)) => vec![(h.entity, t.entity)],
        _ => Vec::new(),
    }
}

fn at_place(
    a: &Analysis,
    linked: &Linked,
    s: &Sentence,
    cue: Range<usize>,
    kind: RelationKind,
    topic: Option<usize>,
) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let text = &a.text[clause.start..cue.start];
    let Some(prep) = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '到' | '在' | '赴'))
        .map(|(i, _)| clause.start + i)
        .rfind(|&i| !inside_mention(s, i))
    else {
        return Vec::new();
    };
    let places: Vec<usize> = eligible(linked, s, prep..cue.start, kind, false)
        .iter()
        .map(|m| m.entity)
        .collect();
    if places.is_empty() {
        return Vec::new();
    }
    let mut heads = heads_before(a, linked, s, clause.start..prep, kind);
    // who is sent (2名科级干部) is not who sends: the sentence's subject sends
    if heads.is_empty() && (subject_elided(a, clause.start, prep) || kind == RelationKind::DispatchedTo) {
        heads.extend(sentence_subject(a, linked, s, clause.start, kind));
        if heads.is_empty() && !has_own_subject(a, linked, s, clause.start) {
            heads.extend(topic.filter(|&t| allowed(linked, t, kind, true)));
        }
    }
    pairs(&heads, &places)
}

/// A body or place followed directly, or by 的, by a quoted program runs it: 金桥物业“邻里守望”,
/// 璧山区的“五新四城”.
fn possessive(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
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

/// place … 聚集了 X、Y: the place hosts them (X, Y located_in the place).
fn host(a: &Analysis, linked: &Linked, s: &Sentence, cue: Range<usize>, kind: RelationKind) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let tails: Vec<usize> = eligible(linked, s, cue.end..clause.end, kind, true)
        .iter()
        .map(|m| m.entity)
        .collect();
    let place = eligible(linked, s, s.span.start..cue.start, kind, false)
        .into_iter()
        .find(|m| clause_initial(a, &s.span, m.start))
        .map(|m| m.entity);
    match place {
        Some(p) => tails.into_iter().take(10).map(|t| (t, p)).collect(),
        None => Vec::new(),
    }
}

/// 在 place … 成立/揭牌 X: X is located in the place.
fn in_place(a: &Analysis, linked: &Linked, s: &Sentence, cue: Range<usize>, kind: RelationKind) -> Vec<(usize, usize)> {
    let clause = clause_range(a, &s.span, cue.start);
    let Some(zai) = a.text[clause.start..cue.start]
        .char_indices()
        .filter(|(_, c)| *c == '在')
        .map(|(i, _)| clause.start + i)
        .rfind(|&i| !inside_mention(s, i))
    else {
        return Vec::new();
    };
    let places: Vec<&LinkedMention> = eligible(linked, s, zai..cue.start, kind, false);
    let Some(place) = places.first() else { return Vec::new() };
    if place.start != zai + '在'.len_utf8() {
        return Vec::new();
    }
    let objects: Vec<usize> = eligible(linked, s, cue.end..clause.end, kind, true)
        .iter()
        .map(|m| m.entity)
        .collect();
    if !objects.is_empty() {
        return objects.into_iter().take(10).map(|o| (o, place.entity)).collect();
    }
    // X 将在 Y 设立…: what X sets up there is unnamed; X itself is there
    heads_before(a, linked, s, clause.start..zai, kind)
        .into_iter()
        .map(|h| (h, place.entity))
        .collect()
}

/// 在PLACE(PLACE)的ORG: the body is there (在綦江区古南街道的重庆渝綦精锻齿轮有限公司).
fn located_attribute(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
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

/// 在X地块，…，总投资2亿元的Y项目正在抓紧建设: a sentence that opens with 在 and a place sets the
/// scene for the projects it names, when it names no other place.
fn locative_opening(a: &Analysis, linked: &Linked, set: &mut RelationSet) {
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

//! Relations from cue words and clause patterns (`relation_cues.tsv`): the driver.
//!
//! A cue word (出资, 签署战略合作协议, 印发, 走进 …) names the relation; its pattern says where
//! head and tail stand in the clause (`patterns.rs`). Lists (A、B和C) give one relation per
//! member. A clause that leaves its subject out (全力打造“爱上涪陵”系列宣传品牌) takes the subject of
//! its sentence, or of the latest sentence that had one (`subjects.rs`). Relations read from how
//! names stand next to each other, with no cue verb, are in `adjacent.rs`. Cue words inside names
//! (管理 in …管理办公室) are not cues.

use super::adjacent::{country_of_company, located_attribute, locative_opening, possessive};
use super::clauses::clause_initial;
use super::delegations;
use super::patterns::{as_role, at_place, by_subj, entrusted, host, in_place, subj_obj, visited, with_obj};
use super::subjects::Sentence;
use super::{FoundRelation, RelationSet, allowed};
use crate::extract::analysis::Analysis;
use crate::extract::index::Pattern;
use crate::extract::link::Linked;
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::extract::recognize::Resources;
use std::ops::Range;

/// How far back (bytes) the subject of an earlier sentence may stand in for an elided one.
const TOPIC_REACH: usize = 800;

pub fn patterns(a: &Analysis, res: &Resources, linked: &Linked, set: &mut RelationSet) {
    possessive(a, linked, set);
    located_attribute(a, linked, set);
    country_of_company(a, linked, set);
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
            if inside_non_cue(a, h.start, &cue.cue) {
                continue;
            }
            let Some(mut kind) = RelationKind::parse(&cue.relation) else {
                continue;
            };
            // 投资3亿元建设X项目: building what one invested in is funding it
            if kind == RelationKind::Implements && invested_before(a, s.span.start, h.start) {
                kind = RelationKind::Funds;
            }
            let range = h.start..h.end;
            let found = match cue.pattern.as_str() {
                "subj_obj" => subj_obj(a, linked, &sentence, range, kind, fallback),
                "to_place" => {
                    let pairs = subj_obj(a, linked, &sentence, range.clone(), kind, fallback);
                    innermost_places(linked, &sentence, destinations(a, &sentence, range.end, pairs))
                }
                "by_subj" => by_subj(a, linked, &sentence, range, kind),
                "with_obj" => {
                    let signs_for = |person: usize| signing_for(linked, set, person);
                    with_obj(a, linked, &sentence, range, kind, fallback, &signs_for)
                }
                "as_role" => as_role(a, linked, &sentence, range, kind),
                "at_place" => {
                    innermost_places(linked, &sentence, at_place(a, linked, &sentence, range, kind, fallback))
                }
                "host" => host(a, linked, &sentence, range, kind),
                "in_place" => in_place(a, linked, &sentence, range, kind),
                "entrusted" => entrusted(a, linked, &sentence, range, kind),
                "signed" => signed_projects(a, linked, set, &sentence, range, fallback),
                "visited" => visited(a, linked, &sentence, range, kind),
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
                // a delegation goes with its leader and for the body that formed it
                if kind == RelationKind::DispatchedTo && delegations::is_delegation(linked, head) {
                    let travellers = delegations::travellers(a, linked, &sentence, head);
                    for &t in &travellers {
                        if allowed(linked, t, kind, true) && allowed(linked, tail, kind, false) {
                            set.add(
                                linked,
                                FoundRelation {
                                    head: t,
                                    tail,
                                    kind,
                                    title: None,
                                    sentence: si,
                                    rule: "delegation-traveller",
                                    count: 1,
                                },
                            );
                        }
                    }
                    if !travellers.is_empty() && !delegations::is_named(linked, head) {
                        continue;
                    }
                }
                let head = if kind == RelationKind::DispatchedTo {
                    sending_body(linked, set, head)
                } else {
                    head
                };
                // a team named after the body that stations it (X驻村工作队到Y村): the body sends
                // it there, and the team is there
                if kind == RelationKind::DispatchedTo
                    && let Some(sender) = linked.stationing_body(head)
                    && linked.entities[tail].class == EntityClass::Place
                {
                    for (h, t, k) in [(sender, tail, kind), (head, tail, RelationKind::LocatedIn)] {
                        set.add(
                            linked,
                            FoundRelation {
                                head: h,
                                tail: t,
                                kind: k,
                                title: None,
                                sentence: si,
                                rule: "stationed-team",
                                count: 1,
                            },
                        );
                    }
                    continue;
                }
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

/// Nouns that contain a cue (总投资, 投资规模): `relation_non_cues.tsv`.
static NON_CUES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    include_str!("../../../data/lexicon/relation_non_cues.tsv")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(crate::text::fold_str)
        .collect()
});

/// Whether the cue `cue` written at `at` is part of a noun of `relation_non_cues.tsv`.
fn inside_non_cue(a: &Analysis, at: usize, cue: &str) -> bool {
    NON_CUES.iter().any(|w| {
        w.match_indices(cue)
            .any(|(k, _)| at >= k && a.text.is_char_boundary(at - k) && a.text[at - k..].starts_with(w.as_str()))
    })
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
        "visited" => "cue-visited",
        _ => "cue",
    }
}

/// place … 签约 X项目: the projects a place signs are located in it (X located_in the place); the
/// place is found as the head of a program it runs would be, elided subjects included.
fn signed_projects(
    a: &Analysis,
    linked: &Linked,
    set: &RelationSet,
    s: &Sentence,
    cue: Range<usize>,
    fallback: Option<usize>,
) -> Vec<(usize, usize)> {
    // a government or zone body signs for its place (X县人民政府与A公司签订Y项目)
    let place_of = |signer: usize| -> Option<usize> {
        let e = &linked.entities[signer];
        match e.class {
            EntityClass::Place => Some(signer),
            EntityClass::Organization if e.subtype == Subtype::Government => set
                .iter()
                .find(|r| r.head == signer && r.kind == RelationKind::LocatedIn)
                .map(|r| r.tail),
            _ => None,
        }
    };
    let mut out: Vec<(usize, usize)> = subj_obj(a, linked, s, cue, RelationKind::Implements, fallback)
        .into_iter()
        .filter(|&(_, project)| {
            linked.entities[project].class == EntityClass::Program
                && linked.entities[project].subtype == Subtype::Project
        })
        .filter_map(|(signer, project)| place_of(signer).map(|p| (project, p)))
        .collect();
    out.dedup();
    out
}

/// 赴温州参加了吉林市在温州举行的…: where one goes is the list written right after the cue (places
/// written together and A、B和C lists), not every place later in the clause.
fn destinations(a: &Analysis, s: &Sentence, cue_end: usize, pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut listed: Vec<usize> = Vec::new();
    let mut at = cue_end;
    for m in s.mentions.iter().filter(|m| m.start >= cue_end) {
        let gap = &a.text[at..m.start];
        let glue = gap.is_empty() || gap.chars().all(|c| super::subjects::LIST_GLUE.contains(&c));
        if !(glue || (at == cue_end && matches!(gap, "了" | "到" | "至"))) {
            break;
        }
        listed.push(m.entity);
        at = m.end;
    }
    pairs.into_iter().filter(|(_, t)| listed.contains(t)).collect()
}

/// 前往X县Y镇Z村: of places written together the last is where one goes; the ones before it only
/// say where that is.
fn innermost_places(linked: &Linked, s: &Sentence, pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let outer: Vec<usize> = s
        .mentions
        .windows(2)
        .filter(|w| {
            w[0].end == w[1].start
                && linked.entities[w[0].entity].class == EntityClass::Place
                && linked.entities[w[1].entity].class == EntityClass::Place
        })
        .map(|w| w[0].entity)
        .collect();
    pairs.into_iter().filter(|(_, t)| !outer.contains(t)).collect()
}

/// A person sent somewhere goes as a member of a team they hold a post in (宣讲团, 专家团).
/// 副市长X与A公司签约: an official heading a place's government signs for the place — the place
/// is the partner, whether the post is read at the place or at its people's government.
fn signing_for(linked: &Linked, set: &RelationSet, person: usize) -> Option<usize> {
    let post = set
        .iter()
        .find(|r| r.head == person && r.kind == RelationKind::HoldsPost && r.rule == "government-head-title")?
        .tail;
    let e = &linked.entities[post];
    if e.class == EntityClass::Place {
        return Some(post);
    }
    // the post is in the place's people's government: the place signs
    linked.place_of_division(e.place?)
}

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

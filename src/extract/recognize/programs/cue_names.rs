//! Names ending in a cue noun (重庆市创业种子投资引导基金, X项目, Y行动): where the name starts
//! (the left-boundary walk, the verb that introduces it, a list item, a declared short name) and
//! whether its left part is specific enough to make it a name rather than a kind.

use super::{dictionary_term, program_verb_before, with_year};
use crate::extract::analysis::{Analysis, Pos};
use crate::extract::candidate::{Candidate, longest_ending_at};
use crate::extract::index::Pattern;
use crate::extract::lexicon::CueMode;
use crate::extract::model::{EntityClass, Subtype};
use crate::extract::recognize::Resources;
use crate::extract::recognize::boundary::{counted, left_edge};
use crate::text::{is_chinese_numeral, is_han};

/// Names ending in a cue noun: 重庆市创业种子投资引导基金, 都创医药项目, 青马工程.
pub(super) fn cue_names(a: &Analysis, res: &Resources, orgs: &[Candidate], out: &mut Vec<Candidate>) {
    let mut by_end: std::collections::BTreeMap<usize, (usize, usize)> = std::collections::BTreeMap::new();
    for h in &a.hits {
        if let Pattern::ProgramCue(i) = h.pattern
            && res.lex.program_cues[i].mode == CueMode::Name
        {
            let e = by_end.entry(h.end).or_insert((h.start, i));
            if h.start < e.0 {
                *e = (h.start, i);
            }
        }
    }
    let mut found: Vec<(usize, usize, usize, usize, bool)> = Vec::new();
    for (end, (cue_start, i)) in by_end {
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c))) {
            continue;
        }
        // the cue must head the phrase: in 项目|优选会 it only modifies the next noun, unless that
        // noun is an attribute of it (大会|精神, 宣传月|宣传|活动)
        let attribute_next = res.lex.program_attributes.iter().any(|w| {
            a.text[end..].starts_with(w.as_str())
                && (a.is_boundary(end + w.len()) || a.char_at(end + w.len()).is_none_or(|c| !is_han(c)))
        });
        let modifies_next = !attribute_next
            && a.token_at(end).is_some_and(|t| {
                t.start == end
                    && matches!(t.pos, Pos::Noun | Pos::VerbNoun | Pos::Unknown)
                    && a.all_han(t.start, t.end)
                    && !a.starting_at(end).any(|h| {
                        matches!(
                            h.pattern,
                            Pattern::Title(_) | Pattern::Boundary | Pattern::RelationCue(_) | Pattern::PersonCue(_)
                        )
                    })
            });
        // 项目|签约|会, 项目|优选|会: the cue names what a meeting handles
        let meeting_next = a.token_at(end).is_some_and(|t| {
            t.start == end
                && matches!(t.pos, Pos::Verb | Pos::VerbNoun)
                && a.text[t.end..].starts_with('会')
                && a.char_at(t.end + '会'.len_utf8()).is_none_or(|c| !is_han(c))
        });
        // 规划|建设|情况, 战略|合作|框架协议, 项目|签约|仪式: an action noun after the cue that
        // itself runs on into a noun makes the cue a modifier of that compound
        let compound_next = !attribute_next
            && a.token_at(end).is_some_and(|t| {
                t.start == end
                    && matches!(t.pos, Pos::Noun | Pos::VerbNoun)
                    && a.starting_at(end).any(|h| matches!(h.pattern, Pattern::RelationCue(_)))
                    && a.token_at(t.end).is_some_and(|n| {
                        n.start == t.end && matches!(n.pos, Pos::Noun | Pos::VerbNoun) && a.all_han(n.start, n.end)
                    })
            });
        // X项目23个: a cue followed by a count names a kind, not one program
        let counted_after = a.text[end..].chars().next().is_some_and(|c| c.is_ascii_digit())
            && a.text[end..]
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['个', '项', '家', '批']);
        if modifies_next || meeting_next || compound_next || counted_after {
            continue;
        }
        let known = |b: usize| -> Option<usize> {
            longest_ending_at(orgs, b).or_else(|| {
                a.ending_at(b)
                    .filter(|h| {
                        matches!(
                            h.pattern,
                            Pattern::Division { .. }
                                | Pattern::Zone { .. }
                                | Pattern::Company { .. }
                                | Pattern::Region(_)
                        )
                    })
                    .map(|h| h.start)
                    .min()
            })
        };
        let mut start = with_year(a, left_edge(a, cue_start, 20, &known));
        let mut introduced = false;
        // the name starts right after the verb that introduces it, whether the walk stopped
        // short of it (实施|…龙头引领|计划) or went past it (各单位认真贯彻落实|…工作条例)
        if let Some(s) = introduced_start(a, res, cue_start)
            && s != start
        {
            start = s;
            introduced = true;
        }
        // a building verb opening the name is its predicate (投资3亿元|建设|X项目)
        while let Some(v) = res
            .lex
            .program_verbs
            .iter()
            .find(|v| a.text[start..cue_start].starts_with(v.as_str()))
        {
            if a.char_len(start + v.len(), cue_start) < 4 {
                break;
            }
            start += v.len();
            introduced = true;
        }
        // a name that declares its short name is a name (…天使基金（以下简称天使基金）); the walk
        // may have stopped at a verb inside it (乡村振兴产业|帮扶|基金), so it runs from the
        // phrase's opening: after 的, a program verb or punctuation
        let declared = a.declared_short_name(end).is_some();
        if declared && a.char_len(start, cue_start) < 2 {
            start = phrase_start(a, res, cue_start);
        }
        // a clause opening with a name jieba does not know runs to the cue over the verbs of a
        // compound (，华联|高端|重载|…|制造|项目): the name is its subject
        let named_clause = clause_opening_name(a, res, cue_start).filter(|&p| !introduced && p < start);
        if let Some(p) = named_clause {
            start = p;
            introduced = true;
        }
        if a.char_len(start, cue_start) < 2 {
            // a list item whose words the walk would not take (、招商引智攻坚提升行动)
            match list_item_start(a, cue_start) {
                Some(s) if a.char_len(s, cue_start) >= 2 => start = s,
                _ => continue,
            }
        }
        let name = &a.text[start..end];
        // a counted name is a kind (签约12个|智能制造|项目), unless it declares a short name
        if res.lex.not_entities.contains(name) || (counted(a, start) && !declared) {
            continue;
        }
        // a name is no clause: it holds no speech or action verb of a person (…应邀参加|会议)
        // and opens with no list marker ((一)基金…)
        let clause = a.hits.iter().any(|h| {
            h.start >= start
                && h.end <= cue_start
                && matches!(h.pattern, Pattern::PersonCue(_))
                && a.token_at(h.start)
                    .is_some_and(|t| !matches!(t.pos, Pos::Noun | Pos::VerbNoun | Pos::Other))
                // a short-name declaration inside the name is no clause (…(以下简称X)发展大会)
                && a.text[start..h.start].matches('(').count() <= a.text[start..h.start].matches(')').count()
        });
        // a name opening with 暨 is the second half of two events named together (joint_events)
        if clause || list_marker(name) || name.starts_with('暨') {
            continue;
        }
        // 建设的X项目: after 的 the object may be a kind (新建的数据中心项目), so it needs a proper
        // name in it (卓越精工…项目)
        let after_de = a.char_before(start) == Some('的')
            && program_verb_before(a, res, start - '的'.len_utf8())
            && a.tokens[a.token_index(start)..a.token_index(cue_start).max(a.token_index(start))]
                .iter()
                .any(|t| matches!(t.pos, Pos::PersonName | Pos::ProperNoun | Pos::Unknown));
        let introduced =
            introduced || (program_verb_before(a, res, start) || after_de) && a.char_len(start, cue_start) >= 4;
        found.push((
            start,
            end,
            cue_start,
            i,
            introduced || declared || specific(a, res, orgs, start, cue_start),
        ));
    }
    // names in a list sharing their cue are names together (产业转型升级攻坚提升行动、招商引智攻坚提升行动);
    // an item after 、 starts at the separator, whatever the word walk found
    let item_start =
        |start: usize, cue_start: usize| list_item_start(a, cue_start).filter(|&s| s < start).unwrap_or(start);
    // item y comes right after item x in a list with the same cue
    let follows = |x: usize, y: usize| {
        let (_, e1, c1, _, _) = found[x];
        let (s2, e2, c2, _, _) = found[y];
        let s2 = item_start(s2, c2);
        s2 >= e1 && matches!(&a.text[e1..s2], "、" | "和" | "及" | "与") && a.text[c1..e1] == a.text[c2..e2]
    };
    for k in 0..found.len() {
        let (start, end, cue_start, i, ok) = found[k];
        let start_in_list = item_start(start, cue_start);
        let listed = (k > 0 && follows(k - 1, k)) || (k + 1 < found.len() && follows(k, k + 1));
        let start = if listed { start_in_list } else { start };
        // the list is a list of names only if one of its items is one (实施A行动、B行动 yes;
        // 引进天使基金、创投基金 are kinds of funds)
        let (mut first, mut last) = (k, k);
        while first > 0 && follows(first - 1, first) {
            first -= 1;
        }
        while last + 1 < found.len() && follows(last, last + 1) {
            last += 1;
        }
        let named_list = found[first..=last].iter().any(|f| f.4);
        if ok || (listed && named_list && a.char_len(start, cue_start) >= 2 && !dictionary_term(a, start, end)) {
            let rule = if ok { "program-cue-name" } else { "program-cue-list" };
            let mut c = Candidate::new(
                start,
                end,
                EntityClass::Program,
                res.lex.program_cues[i].subtype,
                0.7,
                rule,
            );
            c.canonical = without_declaration(a, start, end);
            out.push(c);
        }
    }
}

/// Words naming a whole jurisdiction or system a meeting gathers (全国, 全省…).
const SCOPE_WORDS: &[&str] = &["全国", "全省", "全市", "全区", "全县", "全州", "全盟", "全旗"];

/// A list marker opening a heading: (一), 一、, 1.
fn list_marker(name: &str) -> bool {
    let mut chars = name.chars();
    let first = chars.next();
    let second = chars.next();
    let third = chars.next();
    match (first, second, third) {
        (Some('('), Some(n), Some(')')) => is_chinese_numeral(n) || n.is_ascii_digit(),
        _ => false,
    }
}

/// The name without a short-name declaration inside it (X业(以下简称Y)发展大会 → X业发展大会).
fn without_declaration(a: &Analysis, start: usize, end: usize) -> Option<String> {
    let open = start + a.text[start..end].find('(')?;
    a.declared_short_name(open)?;
    let close = open + a.text[open..end].find(')')? + 1;
    Some(format!("{}{}", &a.text[start..open], &a.text[close..end]))
}

/// Whether the left part of a cue name is specific enough to make it a name.
fn specific(a: &Analysis, res: &Resources, orgs: &[Candidate], start: usize, end: usize) -> bool {
    if a.text[start..end].chars().next().is_some_and(|c| c.is_ascii_digit()) && a.text[start..end].contains('年') {
        return true;
    }
    if ["首届", "第", "关于"].iter().any(|p| a.text[start..end].starts_with(p)) {
        return true;
    }
    // a meeting of a whole jurisdiction or system is named by its scope (全省…经验交流会)
    if SCOPE_WORDS.iter().any(|p| a.text[start..end].starts_with(p))
        && a.char_len(start, end) >= 4
        && a.starting_at(end)
            .any(|h| matches!(h.pattern, Pattern::ProgramCue(i) if res.lex.program_cues[i].subtype == Subtype::Event))
    {
        return true;
    }
    let has_place_or_org = a.hits.iter().any(|h| {
        h.start >= start
            && h.end <= end
            && match h.pattern {
                Pattern::Division { short: false, .. }
                | Pattern::Zone { .. }
                | Pattern::Company { .. }
                | Pattern::Region(_) => true,
                // a fund or project named after a known program (乡村振兴|种子基金)
                Pattern::Program(_) => h.start == start,
                // a short place name jieba reads as a place word (重庆|齿轮产业…基金, 綦江|…), or
                // whose full name the text writes too (大足 with 大足区)
                Pattern::Division { short: true, index } => {
                    a.token_at(h.start)
                        .is_some_and(|t| t.start == h.start && t.end == h.end && t.pos == Pos::PlaceName)
                        || a.hits
                            .iter()
                            .any(|f| matches!(f.pattern, Pattern::Division { short: false, index: i } if i == index))
                }
                _ => false,
            }
    }) || orgs.iter().any(|o| o.start >= start && o.end <= end);
    let has_unknown_word = a.tokens[a.token_index(start)..a.token_index(end).max(a.token_index(start))]
        .iter()
        .any(|t| t.pos == Pos::Unknown && a.all_han(t.start, t.end));
    let has_paren = a.text[start..end].contains('(');
    // a name jieba did not know, cut into single characters (都|创 in 都创医药项目)
    let first = a.token_index(start);
    let run: Vec<_> = a.tokens[first..a.token_index(end).max(first)]
        .iter()
        .take_while(|t| a.char_len(t.start, t.end) == 1)
        .collect();
    // …but not a modal and a verb (要|有|计划)
    let cut_word = run.len() >= 2 && !run.iter().all(|t| t.pos == Pos::Verb);
    has_place_or_org || has_unknown_word || has_paren || cut_word
}

/// The start of a list item ending before `cue_start`: just after the last 、 within a few
/// characters, if no other punctuation comes first.
fn list_item_start(a: &Analysis, cue_start: usize) -> Option<usize> {
    let from = a.back_chars(cue_start, 16);
    let piece = &a.text[from..cue_start];
    let sep = piece.rfind('、')?;
    let item = &piece[sep + '、'.len_utf8()..];
    let start = from + sep + '、'.len_utf8();
    // an item is a name, not a clause (、党工委委员赵菊出席会议)
    let clause = a.hits.iter().any(|h| {
        h.start > start && h.end <= cue_start && matches!(h.pattern, Pattern::Boundary | Pattern::PersonCue(_))
    });
    (!item.is_empty() && item.chars().all(is_han) && !clause).then_some(start)
}

/// The start of a clause that opens with a word jieba does not know (a company's short name) and
/// runs to `cue_start` over nouns, verbs and adjectives only, within 20 characters.
fn clause_opening_name(a: &Analysis, res: &Resources, cue_start: usize) -> Option<usize> {
    let p = phrase_start(a, res, cue_start);
    let opens_clause = a
        .char_before(p)
        .is_none_or(|c| matches!(c, ',' | '。' | ';' | ':' | '\n' | '!' | '?'));
    if !opens_clause || a.char_len(p, cue_start) > 20 || a.char_len(p, cue_start) < 4 {
        return None;
    }
    let tokens = &a.tokens[a.token_index(p)..a.token_index(cue_start).max(a.token_index(p))];
    let first = tokens.first()?;
    let opens_with_name = first.start == p && first.pos == Pos::Unknown && a.char_len(first.start, first.end) >= 2;
    let compound = tokens.iter().all(|t| {
        matches!(
            t.pos,
            Pos::Noun | Pos::Verb | Pos::VerbNoun | Pos::Unknown | Pos::Adjective | Pos::ProperNoun
        )
    });
    (opens_with_name && compound).then_some(p)
}

/// The opening of the noun phrase ending at `end`: right after the nearest 的, program verb or
/// non-Chinese character within 24 characters.
fn phrase_start(a: &Analysis, res: &Resources, end: usize) -> usize {
    let mut p = end;
    for _ in 0..24 {
        let Some(c) = a.char_before(p) else { break };
        if !is_han(c) || c == '的' || res.lex.ends_with_program_verb(&a.text[..p]) {
            break;
        }
        p -= c.len_utf8();
    }
    p
}

/// Where a name introduced by a program verb starts (实施|智能网联新能源汽车万亿产业集群龙头引领|计划):
/// right after the nearest such verb in the clause, when what lies between is a noun phrase of at
/// least four characters — no punctuation, no boundary word but 和/与/及, not opening with a
/// pronoun, numeral or measure (实施|这一|计划).
pub(super) fn introduced_start(a: &Analysis, res: &Resources, cue_start: usize) -> Option<usize> {
    let mut p = cue_start;
    let mut declaration: Option<(usize, usize)> = None;
    let mut list_after: Option<usize> = None;
    for _ in 0..24 {
        let c = a.char_before(p)?;
        // a short name declared for the words before it stays inside the name
        // (召开|机器人和智能装备业(以下简称智装业)发展|大会)
        if c == ')'
            && let Some(open) = a.text[..p].rfind('(')
            && !a.text[open..p - 1].contains(')')
            && a.declared_short_name(open).is_some()
            && a.char_len(open, p) <= 16
        {
            declaration = Some((open, p));
            p = open;
            continue;
        }
        // an item of a list of names the verb introduces (举办A论坛、B交流会): the item starts
        // after 、 when the item before it is such a name
        if c == '、' && a.char_len(p, cue_start) >= 4 {
            let sep = p - c.len_utf8();
            let listed = a
                .ending_at(sep)
                .filter(|h| matches!(h.pattern, Pattern::ProgramCue(_)))
                .any(|h| introduced_start(a, res, h.start).is_some());
            if listed {
                return Some(p);
            }
            // otherwise the items share the cue and are one name (签订A产业园、B学院建设项目),
            // when the verb is found before them
            if list_after.is_none() {
                list_after = Some(p);
            }
            p = sep;
            continue;
        }
        // a name before its attribute and a conjunction ends there: the next name starts after
        // the conjunction (贯彻落实X会议精神和|Y座谈会)
        if matches!(c, '和' | '与' | '及')
            && a.char_len(p, cue_start) >= 4
            && res
                .lex
                .program_attributes
                .iter()
                .any(|w| a.text[..p - c.len_utf8()].ends_with(w.as_str()))
        {
            return Some(p);
        }
        // a short bracketed word is part of the name (年产10万件(套)…项目)
        let bracket = matches!(c, '(' | ')') && a.char_len(p, cue_start) <= 20;
        if !(is_han(c) || c.is_ascii_alphanumeric() || c == '·' || c == '+' || bracket) {
            return None;
        }
        // a quantity phrase is no part of a name (设立|规模5亿元的|…基金)
        if c == '的'
            && a.char_before(p - c.len_utf8())
                .is_some_and(|d| d.is_ascii_digit() || "元亿万个家".contains(d))
        {
            return None;
        }
        p -= c.len_utf8();
        let before = &a.text[..p];
        let after_verb = res.lex.program_verbs.iter().any(|v| {
            before.ends_with(v.as_str())
                || ["好", "了"]
                    .iter()
                    .any(|x| before.strip_suffix(x).is_some_and(|b| b.ends_with(v.as_str())))
        });
        if !after_verb || a.char_len(p, cue_start) < 4 || ["好", "了"].iter().any(|x| a.text[p..].starts_with(x)) {
            continue;
        }
        let opens_badly = a.token_at(p).is_some_and(|t| {
            t.start != p
                || matches!(
                    t.pos,
                    Pos::Pronoun | Pos::Numeral | Pos::Measure | Pos::Adverb | Pos::Particle | Pos::Preposition
                )
        });
        let clause = a.hits.iter().any(|h| {
            h.start >= p
                && h.end <= cue_start
                && declaration.is_none_or(|(open, close)| h.end <= open || h.start >= close)
                && (matches!(h.pattern, Pattern::PersonCue(_))
                    || matches!(h.pattern, Pattern::Boundary) && !matches!(&a.text[h.start..h.end], "和" | "与" | "及"))
        });
        // a short first item (召开全区、全盟…大会) is a scope, not a name sharing the cue: the
        // name starts after it
        if let Some(after) = list_after
            && a.char_len(p, after) < 5
        {
            return Some(after);
        }
        return (!opens_badly && !clause).then_some(p);
    }
    None
}

//! Mention candidates and their resolution into a consistent set.
//!
//! Recognizers propose overlapping candidates with a confidence. Resolution keeps the set of
//! non-overlapping candidates with the greatest total weight (confidence × length, so a
//! well-supported long name such as 涪陵区委组织部 beats the place 涪陵 inside it), then adds
//! back the parents that nested names were built on (西南大学 inside 西南大学动物科学技术学院).

use crate::extract::gazetteer::Level;
use crate::extract::model::{EntityClass, Subtype};

/// A canonical name to complete from context: `{before}{place}{after}` with a place of one of
/// `levels` (区委组织部 → 涪陵区 + 委组织部, 团市委 → 共青团 + 重庆市 + 委).
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// Levels of place that may complete it, preferred first.
    pub levels: Vec<Level>,
    pub before: String,
    pub after: String,
    /// How the place's full name must end (自治区党委 is an autonomous region's, not any province's).
    pub ending: Option<String>,
}

/// A proposed mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub class: EntityClass,
    pub subtype: Subtype,
    pub score: f32,
    pub rule: &'static str,
    /// Canonical name, when it differs from the folded surface.
    pub canonical: Option<String>,
    /// Gazetteer divisions the mention may denote, preferred first.
    pub divisions: Vec<usize>,
    /// The canonical name needs a place from context.
    pub completion: Option<Completion>,
    /// The division the name is anchored in: the place it starts with (潼南高新区 → 潼南区),
    /// a zone's parent, a village's township. Gives part_of and located_in.
    pub place: Option<usize>,
    /// Span of the organization this one was built on (part_of).
    pub parent: Option<(usize, usize)>,
    /// Added back as the parent of a nested name rather than chosen on its own.
    pub nested: bool,
    /// Another name of the candidate at that span (the quoted short name of an event).
    pub alias_of: Option<(usize, usize)>,
}

impl Candidate {
    pub fn new(start: usize, end: usize, class: EntityClass, subtype: Subtype, score: f32, rule: &'static str) -> Self {
        Self {
            start,
            end,
            class,
            subtype,
            score,
            rule,
            canonical: None,
            divisions: Vec::new(),
            completion: None,
            place: None,
            parent: None,
            nested: false,
            alias_of: None,
        }
    }

    pub fn with_canonical(mut self, canonical: impl Into<String>) -> Self {
        self.canonical = Some(canonical.into());
        self
    }

    pub fn overlaps(&self, other: &Candidate) -> bool {
        self.start < other.end && other.start < self.end
    }

    fn weight(&self, text: &str) -> f32 {
        let chars = text[self.start..self.end].chars().count() as f32;
        self.score * (chars + 1.0)
    }
}

/// Where the longest of `names` ending at byte `b` starts: the left walks of the suffix grammars
/// take a known name ending there as one unit.
pub fn longest_ending_at(names: &[Candidate], b: usize) -> Option<usize> {
    names.iter().filter(|n| n.end == b).map(|n| n.start).min()
}

/// Chooses the best non-overlapping candidates, then adds parents of nested names.
/// The result is sorted by position.
/// The longest place candidate of the gazetteer (or a zone, with `zones`) starting at `at` and
/// ending before `end`: the next place of a chain written inside a name.
fn place_at(candidates: &[Candidate], at: usize, end: usize, zones: bool) -> Option<&Candidate> {
    candidates
        .iter()
        .filter(|p| p.start == at && p.end < end && p.class == EntityClass::Place)
        .filter(|p| p.rule.starts_with("gazetteer") || (zones && p.subtype == Subtype::Zone))
        .max_by(|x, y| {
            (x.end, x.score)
                .partial_cmp(&(y.end, y.score))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
}

pub fn resolve(mut candidates: Vec<Candidate>, text: &str) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end && c.score > 0.0);
    // same span and class: the best-supported reading first, so dedup keeps it
    candidates.sort_by(|a, b| {
        (a.end, a.start, a.class)
            .cmp(&(b.end, b.start, b.class))
            .then(b.score.total_cmp(&a.score))
            .then(a.rule.cmp(b.rule))
    });
    candidates.dedup_by(|b, a| a.start == b.start && a.end == b.end && a.class == b.class);
    let n = candidates.len();
    // best[i]: best total weight using candidates[..i]; choice[i]: whether candidate i-1 is taken.
    let mut best = vec![0f32; n + 1];
    let mut take = vec![false; n + 1];
    let mut prev = vec![0usize; n + 1];
    for i in 1..=n {
        let c = &candidates[i - 1];
        // number of candidates ending at or before c.start
        let p = candidates[..i - 1].partition_point(|x| x.end <= c.start);
        let with = best[p] + c.weight(text);
        if with > best[i - 1] {
            best[i] = with;
            take[i] = true;
            prev[i] = p;
        } else {
            best[i] = best[i - 1];
        }
    }
    let mut chosen = Vec::new();
    let mut i = n;
    while i > 0 {
        if take[i] {
            chosen.push(i - 1);
            i = prev[i];
        } else {
            i -= 1;
        }
    }
    chosen.reverse();
    let mut out: Vec<Candidate> = chosen.iter().map(|&i| candidates[i].clone()).collect();
    let mut nested = Vec::new();
    for c in &out {
        if let Some((ps, pe)) = c.parent
            && let Some(p) = candidates
                .iter()
                .filter(|x| x.start == ps && x.end == pe && x.class == EntityClass::Organization)
                .max_by(|a, b| a.score.total_cmp(&b.score))
        {
            let mut p = p.clone();
            p.nested = true;
            nested.push(p);
        }
    }
    // the places or zone a name opens with are named too (宁波 in 宁波高新区, 重庆高新区 in
    // 重庆高新区创业种子投资基金, 南岸区 in 南岸区南滨路建设发展中心, 成都市 and 双流区 in
    // 成都市双流区家居流通协会); a province or city only opens the name of a body, association
    // or program that is that place's (赣州市工商联, 河北产业投资引导基金), or of its media (甘肃日报,
    // 中国X网: a page's masthead names its home), not of a company or a school that only carries
    // it (四川美术学院, 江苏瑞晶太阳能科技有限公司)
    for c in &out {
        let container_zone = c.class == EntityClass::Place && c.subtype == Subtype::Zone;
        // a brand that starts with a place name (长安科技) is not located there
        if !(container_zone || matches!(c.class, EntityClass::Organization | EntityClass::Program))
            || c.rule == "industry-name"
        {
            continue;
        }
        let the_places_own = c.class == EntityClass::Program
            || (c.class == EntityClass::Organization
                && matches!(
                    c.subtype,
                    Subtype::Government | Subtype::Association | Subtype::Party | Subtype::Media
                ));
        let mut at = c.start;
        while at < c.end {
            let Some(p) = place_at(&candidates, at, c.end, true) else {
                break;
            };
            let named = container_zone
                || the_places_own
                || matches!(
                    p.subtype,
                    Subtype::Zone | Subtype::District | Subtype::Township | Subtype::Village
                );
            at = p.end;
            let zone = p.subtype == Subtype::Zone;
            if named {
                let mut p = p.clone();
                p.nested = true;
                nested.push(p);
            }
            // a company's name is read no further than its first place (赣州章贡创投集团 is no
            // mention of 章贡区)
            if zone || container_zone || !the_places_own {
                break;
            }
        }
    }
    // an event named after the body that holds it (X工商联非公党建工作座谈会, X市委经济工作会议)
    // names that body too
    for c in out
        .iter()
        .filter(|c| c.class == EntityClass::Program && c.subtype == Subtype::Event)
    {
        if let Some(body) = candidates
            .iter()
            .filter(|o| {
                o.class == EntityClass::Organization
                    && o.start == c.start
                    && o.end < c.end
                    && matches!(o.subtype, Subtype::Government | Subtype::Association | Subtype::Party)
            })
            .max_by_key(|o| o.end)
        {
            let mut body = body.clone();
            body.nested = true;
            nested.push(body);
        }
    }
    // a team named after its sender and where it is stationed (A驻B县C村工作队) names both: the
    // body written before 驻 and the places written after it
    let team = |c: &&Candidate| c.class == EntityClass::Organization && text[c.start..c.end].ends_with(['队', '组']);
    for c in out.iter().filter(team) {
        let Some(zhu) = text[c.start..c.end].find('驻').map(|i| c.start + i) else {
            continue;
        };
        if let Some(sender) = candidates
            .iter()
            .filter(|o| o.class == EntityClass::Organization && o.start == c.start && o.end == zhu)
            .max_by(|x, y| x.score.total_cmp(&y.score))
        {
            let mut sender = sender.clone();
            sender.nested = true;
            nested.push(sender);
        }
        let mut at = zhu + '驻'.len_utf8();
        while let Some(p) = place_at(&candidates, at, c.end, false) {
            at = p.end;
            let mut p = p.clone();
            p.nested = true;
            nested.push(p);
        }
    }
    // a national program a document's title names is named too (驻村第一书记 in
    // 驻村第一书记管理办法): the title is about it
    for c in &out {
        if c.class != EntityClass::Program || c.subtype != Subtype::Document {
            continue;
        }
        for p in candidates.iter().filter(|p| {
            p.rule == "program-lexicon" && p.start >= c.start && p.end <= c.end && (p.start, p.end) != (c.start, c.end)
        }) {
            let mut p = p.clone();
            p.nested = true;
            nested.push(p);
        }
    }
    // short names of chosen names come back too
    for c in &candidates {
        if let Some((s, e)) = c.alias_of
            && out.iter().any(|o| o.start == s && o.end == e)
        {
            let mut c = c.clone();
            c.nested = true;
            nested.push(c);
        }
    }
    out.extend(nested);
    out.sort_by_key(|c| (c.start, c.end));
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_supported_names_beat_the_places_inside_them() {
        let text = "涪陵区委组织部负责人";
        let org_end = "涪陵区委组织部".len();
        let cands = vec![
            Candidate::new(0, 6, EntityClass::Place, Subtype::District, 0.8, "gazetteer"),
            Candidate::new(0, org_end, EntityClass::Organization, Subtype::Government, 0.8, "gov"),
        ];
        let out = resolve(cands, text);
        // the body wins; the district it is named after comes back as a nested mention
        let chosen: Vec<_> = out.iter().filter(|c| !c.nested).collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].class, EntityClass::Organization);
        assert!(
            out.iter()
                .any(|c| c.nested && c.class == EntityClass::Place && c.end == 6)
        );
    }

    #[test]
    fn parents_of_nested_names_come_back() {
        let text = "西南大学动物科学技术学院院长";
        let uni = "西南大学".len();
        let college = "西南大学动物科学技术学院".len();
        let mut child = Candidate::new(0, college, EntityClass::Organization, Subtype::Education, 0.8, "org");
        child.parent = Some((0, uni));
        let parent = Candidate::new(0, uni, EntityClass::Organization, Subtype::Education, 0.8, "org");
        let out = resolve(vec![parent, child], text);
        assert_eq!(out.len(), 2);
        assert!(out.iter().any(|c| c.nested && c.end == uni));
    }
}

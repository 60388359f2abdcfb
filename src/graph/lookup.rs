//! Finding an entity by what a person types: its name, its key (`place:500102`) or an alias
//! resolve it; anything else returns ranked candidates (prefix and substring matches of names and
//! aliases, then names within a small edit distance), so a command can say "did you mean …".
//!
//! Matching ignores spaces, ASCII case, and full-width versus half-width forms (`（` = `(`).

use super::KnowledgeGraph;
use petgraph::graph::NodeIndex;
use std::collections::BTreeMap;

/// How a candidate matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Name,
    Key,
    Alias,
    Prefix,
    Substring,
    /// Edit distance (characters) between the query and a name or alias.
    Similar(usize),
}

impl MatchKind {
    pub fn describe(self) -> String {
        match self {
            MatchKind::Name => "name".into(),
            MatchKind::Key => "key".into(),
            MatchKind::Alias => "alias".into(),
            MatchKind::Prefix => "prefix".into(),
            MatchKind::Substring => "substring".into(),
            MatchKind::Similar(d) => format!("edit distance {d}"),
        }
    }
}

/// A possible entity for a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub node: NodeIndex,
    pub kind: MatchKind,
    /// The name or alias that matched.
    pub matched: String,
}

/// The outcome of a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(NodeIndex),
    /// Several entities have this exact name or alias.
    Ambiguous(Vec<Candidate>),
    /// No exact match; the closest candidates, best first (possibly none).
    NotFound(Vec<Candidate>),
}

/// At most this many candidates are returned.
pub const MAX_CANDIDATES: usize = 10;

/// Finds an entity: exact name, key, alias; otherwise ranked candidates.
pub fn lookup(g: &KnowledgeGraph, query: &str) -> Lookup {
    let q = fold(query);
    if q.is_empty() {
        return Lookup::NotFound(Vec::new());
    }
    let exact = |kind: MatchKind| -> Vec<Candidate> {
        g.nodes()
            .filter_map(|(i, n)| {
                let hit = match kind {
                    MatchKind::Name => (fold(&n.name) == q).then(|| n.name.clone()),
                    MatchKind::Key => (fold(&n.key) == q).then(|| n.key.clone()),
                    _ => n.aliases.iter().find(|a| fold(a) == q).cloned(),
                };
                hit.map(|matched| Candidate { node: i, kind, matched })
            })
            .collect()
    };
    for kind in [MatchKind::Name, MatchKind::Key, MatchKind::Alias] {
        let hits = exact(kind);
        match hits.len() {
            0 => continue,
            1 => return Lookup::Found(hits[0].node),
            _ => return Lookup::Ambiguous(rank(g, hits)),
        }
    }
    Lookup::NotFound(candidates(g, &q))
}

/// Prefix, substring and edit-distance candidates for a folded query.
fn candidates(g: &KnowledgeGraph, q: &str) -> Vec<Candidate> {
    let qlen = q.chars().count();
    let max_distance = (qlen / 3).max(1);
    let mut best: BTreeMap<NodeIndex, Candidate> = BTreeMap::new();
    for (i, n) in g.nodes() {
        for surface in std::iter::once(&n.name).chain(n.aliases.iter()) {
            let s = fold(surface);
            let kind = if s.starts_with(q) {
                Some(MatchKind::Prefix)
            } else if s.contains(q) || (s.chars().count() >= 2 && q.contains(&s)) {
                Some(MatchKind::Substring)
            } else {
                let d = edit_distance(q, &s);
                (d <= max_distance).then_some(MatchKind::Similar(d))
            };
            if let Some(kind) = kind {
                let c = Candidate {
                    node: i,
                    kind,
                    matched: surface.clone(),
                };
                if best.get(&i).is_none_or(|b| kind < b.kind) {
                    best.insert(i, c);
                }
            }
        }
    }
    let mut out = rank(g, best.into_values().collect());
    out.truncate(MAX_CANDIDATES);
    out
}

/// Orders candidates: match kind, closeness in length, more mentions, then key.
fn rank(g: &KnowledgeGraph, mut c: Vec<Candidate>) -> Vec<Candidate> {
    c.sort_by_cached_key(|c| {
        let n = g.node(c.node);
        (
            c.kind,
            c.matched.chars().count(),
            std::cmp::Reverse(n.mentions.len()),
            n.key.clone(),
        )
    });
    c
}

/// Case-, width- and space-insensitive form of a name.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::algorithms::fixture::{node, sample};
    use super::*;
    use crate::extract::model::{EntityClass, Subtype};

    fn graph() -> KnowledgeGraph {
        let mut g = sample();
        let mut fund = node("q:fund", "青山创业投资基金", EntityClass::Program, Subtype::Fund);
        fund.aliases.insert("青山基金".into());
        g.upsert_node(fund);
        let mut a = node("o:x1", "白鹭协会甲", EntityClass::Organization, Subtype::Association);
        a.aliases.insert("白鹭协会".into());
        g.upsert_node(a);
        let mut b = node("o:x2", "白鹭协会乙", EntityClass::Organization, Subtype::Association);
        b.aliases.insert("白鹭协会".into());
        g.upsert_node(b);
        g.upsert_node(node("o:paren", "北部园区(一期)", EntityClass::Place, Subtype::Zone));
        g
    }

    #[test]
    fn exact_name_key_and_alias_resolve() {
        let g = graph();
        let fund = g.node_index("q:fund").unwrap();
        assert_eq!(lookup(&g, "青山创业投资基金"), Lookup::Found(fund));
        assert_eq!(lookup(&g, "青山基金"), Lookup::Found(fund));
        assert_eq!(lookup(&g, "q:fund"), Lookup::Found(fund));
        assert_eq!(
            lookup(&g, " 北部园区（一期） "),
            Lookup::Found(g.node_index("o:paren").unwrap())
        );
        assert_eq!(
            lookup(&g, "b"),
            Lookup::Found(g.node_index("o:b").unwrap()),
            "ASCII case"
        );
    }

    #[test]
    fn shared_alias_is_ambiguous_and_misses_get_candidates() {
        let g = graph();
        let Lookup::Ambiguous(c) = lookup(&g, "白鹭协会") else {
            panic!("ambiguous")
        };
        assert_eq!(c.len(), 2);
        assert_eq!(g.node(c[0].node).key, "o:x1");
        let Lookup::NotFound(c) = lookup(&g, "青山") else {
            panic!()
        };
        assert_eq!(c[0].kind, MatchKind::Prefix);
        assert_eq!(g.node(c[0].node).key, "q:fund");
        // containing a name or alias is a substring match
        let Lookup::NotFound(c) = lookup(&g, "白鹭协会丙") else {
            panic!()
        };
        assert_eq!(c.len(), 2);
        assert!(
            c.iter()
                .all(|c| c.kind == MatchKind::Substring && c.matched == "白鹭协会")
        );
        // one wrong character
        let Lookup::NotFound(c) = lookup(&g, "白露协会甲") else {
            panic!()
        };
        assert_eq!(c.len(), 1);
        assert_eq!(
            (g.node(c[0].node).key.as_str(), c[0].kind),
            ("o:x1", MatchKind::Similar(1))
        );
        assert_eq!(lookup(&g, "完全无关的名字"), Lookup::NotFound(Vec::new()));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("红枫镇", "红峰镇"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("白鹭区委", "白鹭区"), 1);
    }
}

//! Reading the store for the graph commands: each reads what it needs, through the indexes.
//!
//! - [`GraphStore::find_entity`]: a name, alias or key through the `gx:name`/`gx:alias`/`gx:key`
//!   index (one lookup); only a miss scans the names for "did you mean" candidates.
//! - [`GraphStore::neighbourhood`]: the entities within `depth` hops of some centres and the
//!   relations among them — work grows with the neighbourhood, not with the corpus (`show`,
//!   `neighbors`, `export --focus`).
//! - [`GraphStore::relation_graph_from_store`]: every entity with a typed relation and those
//!   relations, without evidence or mentions; co-mentions only when asked (read from the
//!   documents' mention tables). `index.rs` keeps it in a file for `trace`, `rank` and pictures.
//! - [`GraphStore::fill_evidence`], [`GraphStore::provenance`]:
//!   provenance for the few edges and entities a command prints.
//!
//! Everything comes back as a [`KnowledgeGraph`], the one in-memory model the algorithms and
//! exports read, so partial and whole graphs are used alike.

mod provenance;
mod whole;

use super::mapping::{MentionTable, RDF_TYPE};
use super::store::GraphStore;
use super::vocab::{self, document_of_iri, entity_iri, fact_iri, key_of_entity_iri, relation_iri};
use super::write::class_of_key;
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::graph::algorithms::EdgeFilter;
use crate::graph::lookup::{Lookup, lookup};
use crate::graph::{EntityNode, EvidenceRef, KnowledgeGraph, MentionRef, RelationEdge};
use anyhow::Result;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use petgraph::graph::EdgeIndex;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A relation touching an entity: (head key, tail key, sentences).
type Touching = (String, String, usize);

/// An entity card's graph: the entity, the relations read and their other ends; and how many
/// relations each (type, incoming) group has in the store.
pub struct Card {
    pub graph: KnowledgeGraph,
    pub totals: BTreeMap<(RelationKind, bool), usize>,
}

/// How much provenance a partial graph carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// No evidence sentences (counts only where cheap).
    None,
    /// At most this many sentences per relation, and the count of all of them.
    AtMost(usize),
    /// Every sentence.
    All,
}

fn literal_text(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn node_iri(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// The typed relation properties and co-mentions a filter allows, with their IRIs.
fn typed_kinds(filter: &EdgeFilter) -> Vec<(RelationKind, String)> {
    RelationKind::TYPED
        .into_iter()
        .filter(|k| filter.allows(*k))
        .map(|k| (k, relation_iri(k)))
        .collect()
}

/// A document naming an entity: (document, mentions, names it uses there).
pub type DocumentMentions = (String, usize, BTreeSet<String>);

impl GraphStore {
    /// An entity's description from the default graph (no mentions), by key.
    pub fn entity(&self, key: &str) -> Result<Option<EntityNode>> {
        let iri = entity_iri(key);
        let subject = NamedNodeRef::new_unchecked(&iri);
        let mut names = BTreeSet::new();
        let mut aliases = BTreeSet::new();
        let mut types = BTreeSet::new();
        let mut code = None;
        let (gx_name, gx_alias, gx_code) = (vocab::gx("name"), vocab::gx("alias"), vocab::gx("divisionCode"));
        for q in self
            .store
            .quads_for_pattern(Some(subject.into()), None, None, Some(GraphNameRef::DefaultGraph))
        {
            let q = q?;
            let p = q.predicate.as_str();
            if p == RDF_TYPE {
                if let Some(t) = node_iri(&q.object) {
                    types.insert(t.to_owned());
                }
            } else if p == gx_name {
                names.extend(literal_text(&q.object).map(str::to_owned));
            } else if p == gx_alias {
                aliases.extend(literal_text(&q.object).map(str::to_owned));
            } else if p == gx_code {
                code = literal_text(&q.object).map(str::to_owned);
            }
        }
        if types.is_empty() {
            return Ok(None);
        }
        Ok(Some(describe(key, names, aliases, &types, code)))
    }

    /// Resolves a name, alias or key. The lookup's node indices refer to the returned graph,
    /// which holds the entities that matched (or, after a miss, every entity's names).
    pub fn find_entity(&self, query: &str) -> Result<(KnowledgeGraph, Lookup)> {
        let mut g = KnowledgeGraph::new();
        let typed = query.trim();
        let lit = Literal::new_simple_literal(typed);
        for p in ["name", "key", "alias"] {
            let p = vocab::gx(p);
            for q in self.store.quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(&p)),
                Some(lit.as_ref().into()),
                Some(GraphNameRef::DefaultGraph),
            ) {
                if let NamedOrBlankNode::NamedNode(n) = q?.subject
                    && let Some(key) = key_of_entity_iri(n.as_str())
                    && let Some(e) = self.entity(&key)?
                {
                    g.upsert_node(e);
                }
            }
        }
        if g.node_count() > 0 {
            let found = lookup(&g, query);
            if !matches!(found, Lookup::NotFound(_)) {
                return Ok((g, found));
            }
        }
        // a miss, or a name typed in another width or case: every name and alias
        let g = self.names_graph()?;
        let found = lookup(&g, query);
        Ok((g, found))
    }

    /// Every entity with its names, aliases and class (no relations): the candidates of a lookup.
    fn names_graph(&self) -> Result<KnowledgeGraph> {
        // a filter that allows no relation: the entities alone
        let none = EdgeFilter {
            kinds: Some(BTreeSet::new()),
            co_mentions: false,
        };
        self.entities_graph(&none)
    }

    /// The key of every entity.
    pub fn entity_keys(&self) -> Result<Vec<String>> {
        let key_p = vocab::gx("key");
        let mut keys = Vec::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(&key_p)),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Some(k) = literal_text(&q?.object) {
                keys.push(k.to_owned());
            }
        }
        Ok(keys)
    }

    /// The typed relations (and co-mentions, when the filter asks) touching one entity, as
    /// (head key, kind, tail key, sentences — counted for co-mentions only).
    fn relations_touching(&self, key: &str, filter: &EdgeFilter) -> Result<Vec<(String, RelationKind, String, usize)>> {
        self.relations_touching_at_most(key, filter, usize::MAX)
    }

    /// As [`Self::relations_touching`], at most `limit` per relation type and direction, read
    /// lazily from the index (only those are decoded).
    fn relations_touching_at_most(
        &self,
        key: &str,
        filter: &EdgeFilter,
        limit: usize,
    ) -> Result<Vec<(String, RelationKind, String, usize)>> {
        let iri = NamedNode::new_unchecked(entity_iri(key));
        let mut out = Vec::new();
        for (kind, p) in typed_kinds(filter) {
            let p = NamedNodeRef::new_unchecked(&p);
            for q in self
                .store
                .quads_for_pattern(
                    Some(iri.as_ref().into()),
                    Some(p),
                    None,
                    Some(GraphNameRef::DefaultGraph),
                )
                .take(limit)
            {
                if let Some(t) = node_iri(&q?.object).and_then(key_of_entity_iri) {
                    out.push((key.to_owned(), kind, t, 0));
                }
            }
            for q in self
                .store
                .quads_for_pattern(
                    None,
                    Some(p),
                    Some(iri.as_ref().into()),
                    Some(GraphNameRef::DefaultGraph),
                )
                .take(limit)
            {
                if let NamedOrBlankNode::NamedNode(h) = q?.subject
                    && let Some(h) = key_of_entity_iri(h.as_str())
                {
                    out.push((h, kind, key.to_owned(), 0));
                }
            }
        }
        if filter.allows(RelationKind::CoMention) {
            for (other, count) in self.co_mentions_of(key)? {
                let (h, t) = if key < other.as_str() {
                    (key.to_owned(), other)
                } else {
                    (other, key.to_owned())
                };
                out.push((h, RelationKind::CoMention, t, count));
            }
        }
        Ok(out)
    }

    /// How many typed relations of each (type, incoming) group an entity has — two SPARQL
    /// aggregates, counted on encoded terms (nothing decoded).
    pub fn relation_counts(&self, key: &str, filter: &EdgeFilter) -> Result<BTreeMap<(RelationKind, bool), usize>> {
        let iri = entity_iri(key);
        let kinds = typed_kinds(filter);
        let mut out = BTreeMap::new();
        if kinds.is_empty() {
            return Ok(out);
        }
        let list: Vec<String> = kinds.iter().map(|(_, p)| format!("<{p}>")).collect();
        let list = list.join(", ");
        for incoming in [false, true] {
            let pattern = if incoming {
                format!("?x ?p <{iri}>")
            } else {
                format!("<{iri}> ?p ?x")
            };
            for row in self.select(&format!(
                "SELECT ?p (COUNT(*) AS ?n) WHERE {{ {pattern} FILTER(?p IN ({list})) }} GROUP BY ?p"
            ))? {
                let Some(kind) = row.opt_text("p").and_then(|p| vocab::relation_of_iri(&p)) else {
                    continue;
                };
                // a symmetric relation reads the same from both ends: one group
                let group = (kind, incoming && !kind.is_symmetric());
                *out.entry(group).or_default() += row.num("n");
            }
        }
        Ok(out)
    }

    /// The entities within `depth` hops of `centres` over the relations the filter allows, and
    /// every such relation among them; `evidence` says how many sentences each relation carries.
    /// No mentions: [`GraphStore::provenance`] reads those of the few entities a command prints.
    pub fn neighbourhood(
        &self,
        centres: &[String],
        depth: usize,
        filter: &EdgeFilter,
        evidence: Evidence,
    ) -> Result<KnowledgeGraph> {
        self.neighbourhood_with(centres, depth, filter, evidence, true)
    }

    /// An entity's own relations and the entities at their other ends (an entity card), grouped
    /// by (type, incoming); with `per_group`, only the first of each group in key order are read
    /// (names, evidence), and `totals` says how many each group has.
    pub fn entity_card(
        &self,
        centre: &str,
        filter: &EdgeFilter,
        evidence: Evidence,
        per_group: Option<usize>,
    ) -> Result<Card> {
        let mut groups: BTreeMap<(RelationKind, bool), Vec<Touching>> = BTreeMap::new();
        let touching = match per_group {
            Some(n) => self.relations_touching_at_most(centre, filter, n)?,
            None => self.relations_touching(centre, filter)?,
        };
        for (h, kind, t, count) in touching {
            let incoming = t == centre && h != centre && !kind.is_symmetric();
            groups.entry((kind, incoming)).or_default().push((h, t, count));
        }
        let mut card = Card {
            graph: KnowledgeGraph::new(),
            totals: BTreeMap::new(),
        };
        let g = &mut card.graph;
        if let Some(e) = self.entity(centre)? {
            g.upsert_node(e);
        }
        let mut added = Vec::new();
        if per_group.is_some() {
            card.totals = self.relation_counts(centre, filter)?;
        }
        for ((kind, incoming), mut list) in groups {
            card.totals.entry((kind, incoming)).or_insert(list.len());
            let other = |x: &(String, String, usize)| if x.0 == centre { x.1.clone() } else { x.0.clone() };
            list.sort_by_key(other);
            list.truncate(per_group.unwrap_or(usize::MAX));
            for (h, t, count) in list {
                for k in [&h, &t] {
                    if g.node_index(k).is_none()
                        && let Some(e) = self.entity(k)?
                    {
                        g.upsert_node(e);
                    }
                }
                let (Some(hi), Some(ti)) = (g.node_index(&h), g.node_index(&t)) else {
                    continue;
                };
                let mut edge = RelationEdge::new(kind);
                edge.count = count;
                let e = g.upsert_edge(hi, ti, edge);
                if kind != RelationKind::CoMention {
                    added.push(e);
                }
            }
        }
        self.fill_evidence(&mut card.graph, &added, evidence)?;
        Ok(card)
    }

    fn neighbourhood_with(
        &self,
        centres: &[String],
        depth: usize,
        filter: &EdgeFilter,
        evidence: Evidence,
        among_outermost: bool,
    ) -> Result<KnowledgeGraph> {
        let mut members: BTreeMap<String, usize> = BTreeMap::new();
        let mut queue: VecDeque<String> = VecDeque::new();
        for c in centres {
            members.insert(c.clone(), 0);
            queue.push_back(c.clone());
        }
        let mut edges: BTreeMap<(String, RelationKind, String), usize> = BTreeMap::new();
        while let Some(k) = queue.pop_front() {
            let d = members[&k];
            if d == depth && !among_outermost {
                continue;
            }
            for (h, kind, t, count) in self.relations_touching(&k, filter)? {
                let other = if h == k { t.clone() } else { h.clone() };
                if d < depth {
                    if !members.contains_key(&other) {
                        members.insert(other.clone(), d + 1);
                        queue.push_back(other.clone());
                    }
                } else if !members.contains_key(&other) {
                    continue;
                }
                edges.insert((h, kind, t), count);
            }
        }
        let mut g = KnowledgeGraph::new();
        for key in members.keys() {
            if let Some(e) = self.entity(key)? {
                g.upsert_node(e);
            }
        }
        let mut added = Vec::new();
        for ((h, kind, t), count) in &edges {
            let (Some(hi), Some(ti)) = (g.node_index(h), g.node_index(t)) else {
                continue;
            };
            let mut edge = RelationEdge::new(*kind);
            edge.count = *count;
            let e = g.upsert_edge(hi, ti, edge);
            if *kind != RelationKind::CoMention {
                added.push(e);
            }
        }
        self.fill_evidence(&mut g, &added, evidence)?;
        Ok(g)
    }
}

/// An entity node from its stored description: the smallest name when documents gave several,
/// the subtype among the claimed types (the first in the ontology's order).
fn describe(
    key: &str,
    names: BTreeSet<String>,
    mut aliases: BTreeSet<String>,
    types: &BTreeSet<String>,
    code: Option<String>,
) -> EntityNode {
    let class = class_of_key(key).unwrap_or(EntityClass::Organization);
    let subtype = Subtype::ALL
        .into_iter()
        .find(|s| {
            s.class() == Some(class)
                && vocab::subtype_iri(*s).is_some_and(|iri| iri != vocab::class_iri(class) && types.contains(&iri))
        })
        .or_else(|| {
            (class == EntityClass::Program && types.contains(&vocab::class_iri(class))).then_some(Subtype::Program)
        })
        .unwrap_or(Subtype::Other);
    let mut names = names.into_iter();
    let name = names
        .next()
        .unwrap_or_else(|| key.split_once(':').map_or(key, |(_, n)| n).to_owned());
    aliases.extend(names);
    aliases.remove(&name);
    EntityNode {
        key: key.to_owned(),
        name,
        class,
        subtype,
        code,
        aliases,
        mentions: Vec::new(),
        rule: String::new(),
    }
}

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

    /// The documents that name an entity most: (documents, mentions in all, and the `top` most
    /// mentioning documents with their counts and names used), from the claims — aggregates on
    /// encoded terms, then only the documents listed are decoded.
    pub fn documents_summary(&self, key: &str, top: usize) -> Result<(usize, usize, Vec<DocumentMentions>)> {
        let iri = entity_iri(key);
        let totals = self.select(&format!(
            "SELECT (COUNT(?g) AS ?docs) (SUM(?n) AS ?m) WHERE {{ GRAPH ?g {{ <{iri}> gx:mentionCount ?n }} }}"
        ))?;
        let (docs, mentions) = totals.first().map_or((0, 0), |r| (r.num("docs"), r.num("m")));
        let mut listed = Vec::new();
        // Sorted on the counts alone: integers compare encoded, while a tie-break on the graph IRI
        // would decode two IRIs per comparison (seconds for an entity most documents name). Ties
        // keep the index order, which the store's content fixes.
        for row in self.select(&format!(
            "SELECT ?g ?n WHERE {{ GRAPH ?g {{ <{iri}> gx:mentionCount ?n }} }} ORDER BY DESC(?n) LIMIT {top}"
        ))? {
            let Some(g) = row.opt_text("g") else { continue };
            let graph = NamedNode::new_unchecked(&g);
            let mut forms = BTreeSet::new();
            for p in ["name", "alias"] {
                let p = vocab::gx(p);
                for q in self.store.quads_for_pattern(
                    Some(NamedNodeRef::new_unchecked(&iri).into()),
                    Some(NamedNodeRef::new_unchecked(&p)),
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                ) {
                    forms.extend(literal_text(&q?.object).map(str::to_owned));
                }
            }
            listed.push((document_of_iri(&g).unwrap_or_default(), row.num("n"), forms));
        }
        listed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok((docs, mentions, listed))
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

    /// Every entity that has a relation the filter allows, and those relations (titles and
    /// co-mention counts, no evidence text, no mentions), decoded from the store; readers use
    /// [`GraphStore::relation_graph`], which reads the relation index when it is current.
    pub fn relation_graph_from_store(&self, filter: &EdgeFilter) -> Result<KnowledgeGraph> {
        let mut edges: Vec<(String, RelationKind, String)> = Vec::new();
        for (kind, p) in typed_kinds(filter) {
            for q in self.store.quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(&p)),
                None,
                Some(GraphNameRef::DefaultGraph),
            ) {
                let q = q?;
                if let (NamedOrBlankNode::NamedNode(h), Some(t)) = (&q.subject, node_iri(&q.object))
                    && let (Some(h), Some(t)) = (key_of_entity_iri(h.as_str()), key_of_entity_iri(t))
                {
                    edges.push((h, kind, t));
                }
            }
        }
        let mut co: BTreeMap<(String, String), usize> = BTreeMap::new();
        if filter.allows(RelationKind::CoMention) {
            for table in self.mention_tables(None)? {
                for (a, b, n, _) in &table.1.co_mentions {
                    let (Some(a), Some(b)) = (table.1.entities.get(*a), table.1.entities.get(*b)) else {
                        continue;
                    };
                    let pair = if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    };
                    *co.entry(pair).or_default() += n;
                }
            }
        }
        let keys: BTreeSet<&String> = edges
            .iter()
            .flat_map(|(h, _, t)| [h, t])
            .chain(co.keys().flat_map(|(a, b)| [a, b]))
            .collect();
        let mut g = KnowledgeGraph::new();
        for key in keys {
            if let Some(e) = self.entity(key)? {
                g.upsert_node(e);
            }
        }
        let titles = self.all_titles()?;
        for (h, kind, t) in edges {
            let (Some(hi), Some(ti)) = (g.node_index(&h), g.node_index(&t)) else {
                continue;
            };
            let titles = if kind == RelationKind::HoldsPost {
                titles.get(&fact_iri(&h, kind, &t)).cloned().unwrap_or_default()
            } else {
                BTreeSet::new()
            };
            let mut edge = RelationEdge::new(kind);
            edge.titles = titles;
            g.upsert_edge(hi, ti, edge);
        }
        for ((a, b), n) in co {
            let (Some(ai), Some(bi)) = (g.node_index(&a), g.node_index(&b)) else {
                continue;
            };
            let mut edge = RelationEdge::new(RelationKind::CoMention);
            edge.count = n;
            g.upsert_edge(ai, bi, edge);
        }
        Ok(g)
    }

    /// Titles of every holds_post statement, by statement IRI.
    fn all_titles(&self) -> Result<BTreeMap<String, BTreeSet<String>>> {
        let p = vocab::gx("title");
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(&p)),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(f), Some(t)) = (&q.subject, literal_text(&q.object)) {
                out.entry(f.as_str().to_owned()).or_default().insert(t.to_owned());
            }
        }
        Ok(out)
    }

    /// Adds to typed edges their titles, the number of evidence records (a sentence of a
    /// document) and evidence sentences (as many as asked). Counting and titles run as SPARQL aggregates over every
    /// edge at once (on encoded terms, no strings decoded); sentences are read per edge, at most
    /// as many as asked.
    pub fn fill_evidence(&self, g: &mut KnowledgeGraph, edges: &[EdgeIndex], evidence: Evidence) -> Result<()> {
        let mut facts: BTreeMap<String, EdgeIndex> = BTreeMap::new();
        for &e in edges {
            let (h, t) = g.endpoints(e);
            let kind = g.edge(e).kind;
            if kind != RelationKind::CoMention {
                facts.insert(fact_iri(&g.node(h).key, kind, &g.node(t).key), e);
            }
        }
        let iris: Vec<&String> = facts.keys().collect();
        for chunk in iris.chunks(500) {
            let values: String = chunk.iter().map(|f| format!("<{f}> ")).collect();
            for row in self.select(&format!(
                "SELECT ?f ?t WHERE {{ VALUES ?f {{ {values} }} ?f gx:title ?t }}"
            ))? {
                if let (Some(f), Some(t)) = (row.opt_text("f"), row.opt_text("t"))
                    && let Some(&e) = facts.get(&f)
                {
                    g.edge_mut(e).titles.insert(t);
                }
            }
            if evidence == Evidence::None {
                continue;
            }
            // index-only: counting the evidence nodes decodes nothing (joining each node's
            // gx:count would cost a lookup per sentence of a hub's facts)
            for row in self.select(&format!(
                "SELECT ?f (COUNT(?ev) AS ?n) WHERE {{ VALUES ?f {{ {values} }} GRAPH ?g {{ ?ev gx:supports ?f }} }} GROUP BY ?f"
            ))? {
                if let Some(&e) = row.opt_text("f").and_then(|f| facts.get(&f)) {
                    let edge = g.edge_mut(e);
                    edge.evidence_total = row.num("n");
                    edge.count = row.num("n");
                }
            }
        }
        let wanted = match evidence {
            Evidence::None => return Ok(()),
            Evidence::AtMost(n) => n,
            Evidence::All => usize::MAX,
        };
        let supports = vocab::gx("supports");
        for (f, e) in facts {
            let fact = NamedNode::new_unchecked(f);
            // the index is read lazily: only the evidence nodes taken are decoded
            let found: Vec<(NamedOrBlankNode, NamedNode)> = self
                .store
                .quads_for_pattern(
                    None,
                    Some(NamedNodeRef::new_unchecked(&supports)),
                    Some(fact.as_ref().into()),
                    None,
                )
                .filter_map(|q| match q {
                    Ok(q) => match q.graph_name {
                        oxigraph::model::GraphName::NamedNode(g) => Some(Ok((q.subject, g))),
                        _ => None,
                    },
                    Err(e) => Some(Err(e)),
                })
                .take(wanted)
                .collect::<Result<_, _>>()?;
            let mut refs = Vec::with_capacity(found.len());
            for (ev, graph) in found {
                let mut r = EvidenceRef {
                    doc: document_of_iri(graph.as_str()).unwrap_or_default(),
                    text: String::new(),
                    start: 0,
                    end: 0,
                    sentence: 0,
                    rule: String::new(),
                    title: None,
                };
                for q in self.store.quads_for_pattern(
                    Some(ev.as_ref()),
                    None,
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                ) {
                    let q = q?;
                    let Some(local) = q.predicate.as_str().strip_prefix(vocab::GX) else {
                        continue;
                    };
                    let text = || literal_text(&q.object).unwrap_or_default().to_owned();
                    let num = || literal_text(&q.object).and_then(|s| s.parse().ok()).unwrap_or(0);
                    match local {
                        "evidence" => r.text = text(),
                        "start" => r.start = num(),
                        "end" => r.end = num(),
                        "sentence" => r.sentence = num(),
                        "rule" => r.rule = text(),
                        "title" => r.title = Some(text()),
                        _ => {}
                    }
                }
                refs.push(r);
            }
            refs.sort();
            let edge = g.edge_mut(e);
            if edge.evidence_total <= refs.len() {
                edge.evidence_total = 0;
            }
            edge.evidence = refs;
        }
        Ok(())
    }

    /// Mention tables of every document (`None`) or of the documents naming an entity.
    fn mention_tables(&self, of: Option<&str>) -> Result<Vec<(String, MentionTable)>> {
        let table_p = vocab::gx("mentionTable");
        let docs: Vec<NamedNode> = match of {
            Some(key) => self.documents_naming(key)?,
            None => {
                let mut out = Vec::new();
                for q in self
                    .store
                    .quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(&table_p)), None, None)
                {
                    if let NamedOrBlankNode::NamedNode(d) = q?.subject {
                        out.push(d);
                    }
                }
                out.dedup();
                out
            }
        };
        let mut out = Vec::new();
        for d in docs {
            let name = document_of_iri(d.as_str()).unwrap_or_default();
            for q in self.store.quads_for_pattern(
                Some(d.as_ref().into()),
                Some(NamedNodeRef::new_unchecked(&table_p)),
                None,
                Some(GraphNameRef::NamedNode(d.as_ref())),
            ) {
                if let Some(t) = literal_text(&q?.object).and_then(MentionTable::parse) {
                    out.push((name.clone(), t));
                }
            }
        }
        Ok(out)
    }

    /// The documents whose graph names an entity, in name order.
    pub fn documents_naming(&self, key: &str) -> Result<Vec<NamedNode>> {
        let iri = NamedNode::new_unchecked(entity_iri(key));
        let p = vocab::gx("name");
        let mut out = BTreeSet::new();
        for q in self.store.quads_for_pattern(
            Some(iri.as_ref().into()),
            Some(NamedNodeRef::new_unchecked(&p)),
            None,
            None,
        ) {
            if let oxigraph::model::GraphName::NamedNode(d) = q?.graph_name {
                out.insert(d);
            }
        }
        let mut out: Vec<NamedNode> = out.into_iter().collect();
        out.sort_by_key(|d| document_of_iri(d.as_str()));
        Ok(out)
    }

    /// Every mention of an entity, in (document, offset) order, and the entities named in a
    /// sentence with it with the number of such sentences — one pass over its documents' tables.
    pub fn provenance(&self, key: &str) -> Result<(Vec<MentionRef>, BTreeMap<String, usize>)> {
        let mut mentions = Vec::new();
        let mut co: BTreeMap<String, usize> = BTreeMap::new();
        for (doc, table) in self.mention_tables(Some(key))? {
            let Some(i) = table.entities.iter().position(|k| k == key) else {
                continue;
            };
            for (e, start, end, sentence, text) in table.mentions {
                if e == i {
                    mentions.push(MentionRef {
                        doc: doc.clone(),
                        text,
                        start,
                        end,
                        sentence,
                        rule: String::new(),
                    });
                }
            }
            for (a, b, n, _) in &table.co_mentions {
                let other = if *a == i {
                    *b
                } else if *b == i {
                    *a
                } else {
                    continue;
                };
                if let Some(k) = table.entities.get(other) {
                    *co.entry(k.clone()).or_default() += n;
                }
            }
        }
        mentions.sort();
        Ok((mentions, co))
    }

    /// The documents that name an entity, in name order: how many times each names it and the
    /// names it uses (the document's name and aliases claims) — read from the claims, not from
    /// the mention tables, so it costs one index entry per document.
    pub fn documents_mentioning(&self, key: &str) -> Result<Vec<DocumentMentions>> {
        let iri = entity_iri(key);
        let mut docs: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
        for row in self.select(&format!(
            "SELECT ?g ?n ?name WHERE {{ GRAPH ?g {{ <{iri}> gx:name ?name OPTIONAL {{ <{iri}> gx:mentionCount ?n }} }} }}"
        ))? {
            let Some(doc) = row.opt_text("g").and_then(|g| document_of_iri(&g)) else { continue };
            let d = docs.entry(doc).or_default();
            d.0 = d.0.max(row.num("n"));
            d.1.extend(row.opt_text("name"));
        }
        for row in self.select(&format!("SELECT ?g ?a WHERE {{ GRAPH ?g {{ <{iri}> gx:alias ?a }} }}"))? {
            if let Some(doc) = row.opt_text("g").and_then(|g| document_of_iri(&g))
                && let Some(d) = docs.get_mut(&doc)
            {
                d.1.extend(row.opt_text("a"));
            }
        }
        Ok(docs.into_iter().map(|(d, (n, forms))| (d, n, forms)).collect())
    }

    /// Entities named in a sentence with this one, with the number of such sentences.
    pub fn co_mentions_of(&self, key: &str) -> Result<BTreeMap<String, usize>> {
        Ok(self.provenance(key)?.1)
    }

    /// The whole graph for an export: every entity (also those without relations), the relations
    /// the filter allows with as much evidence as asked, and, when asked, every mention and the
    /// documents.
    pub fn whole_graph(&self, filter: &EdgeFilter, evidence: Evidence, mentions: bool) -> Result<KnowledgeGraph> {
        let mut g = self.entities_graph(filter)?;
        let typed: Vec<EdgeIndex> = g
            .edge_refs()
            .into_iter()
            .filter(|(_, _, _, e)| e.kind != RelationKind::CoMention)
            .map(|(e, ..)| e)
            .collect();
        self.fill_evidence(&mut g, &typed, evidence)?;
        if mentions {
            for (doc, table) in self.mention_tables(None)? {
                let mut per: BTreeMap<usize, Vec<MentionRef>> = BTreeMap::new();
                for (e, start, end, sentence, text) in table.mentions {
                    per.entry(e).or_default().push(MentionRef {
                        doc: doc.clone(),
                        text,
                        start,
                        end,
                        sentence,
                        rule: String::new(),
                    });
                }
                for (e, list) in per {
                    if let Some(i) = table.entities.get(e).and_then(|key| g.node_index(key)) {
                        g.node_mut(i).mentions.extend(list);
                    }
                }
            }
            for i in g.node_indices() {
                g.node_mut(i).mentions.sort();
            }
            for info in self.document_infos()? {
                g.add_document_info(info);
            }
        }
        Ok(g)
    }

    /// Name, path and hash of every stored document.
    pub fn document_infos(&self) -> Result<Vec<crate::graph::DocumentInfo>> {
        let mut out = Vec::new();
        for row in self.select(
            "SELECT ?name ?path ?hash WHERE { GRAPH ?doc { ?doc a gx:Document ; gx:fileName ?name ; gx:contentHash ?hash . OPTIONAL { ?doc gx:sourcePath ?path } } } ORDER BY ?name",
        )? {
            out.push(crate::graph::DocumentInfo {
                name: row.opt_text("name").unwrap_or_default(),
                path: row.opt_text("path").unwrap_or_default(),
                content_hash: row.opt_text("hash").unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// How many documents name each entity.
    pub fn document_count(&self, key: &str) -> Result<usize> {
        Ok(self.documents_naming(key)?.len())
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

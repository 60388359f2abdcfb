//! `guanxi show NAME`: an entity card — canonical name, class and subtype, statistical code of a
//! place, aliases, every relation in and out grouped by type with its evidence sentences
//! (document and offsets), and the documents that mention it, with counts and surface forms.

use super::describe::{
    class_label, entity_json, evidence_lines, hop_text, one_line, relation_json, relation_text, role_phrases,
};
use super::resolve::{open_store, resolve_key};
use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_USAGE, ReportFormat};
use crate::extract::model::RelationKind;
use crate::graph::algorithms::EdgeFilter;
use crate::graph::{KnowledgeGraph, RelationEdge};
use crate::rdf::read::DocumentMentions;
use crate::rdf::{Evidence, GraphStore};
use anyhow::Result;
use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde_json::json;
use std::collections::BTreeMap;

/// Evidence sentences printed per relation in the terminal (JSON has all).
const EVIDENCE_SHOWN: usize = 2;
/// Documents listed in the terminal (JSON has all).
const DOCUMENTS_SHOWN: usize = 20;
/// Relations listed per group in the terminal (JSON has all).
const RELATIONS_SHOWN: usize = 20;

pub fn run(cli: &Cli, name: &str, co_mentions: bool, format: ReportFormat) -> Result<i32> {
    let store = open_store(cli)?;
    let Some(key) = resolve_key(&store, name, format)? else {
        return Ok(EXIT_USAGE);
    };
    // the card reads the entity's neighbourhood and its own mentions, nothing else
    let (evidence, per_group) = match format {
        ReportFormat::Json => (Evidence::All, None),
        ReportFormat::Table => (Evidence::AtMost(EVIDENCE_SHOWN), Some(RELATIONS_SHOWN)),
    };
    // the table lists the documents naming the entity most; JSON lists them all
    let documents = match format {
        ReportFormat::Json => None,
        ReportFormat::Table => Some(DOCUMENTS_SHOWN),
    };
    let Some(card) = load(&store, &key, co_mentions, evidence, per_group, documents)? else {
        return Ok(EXIT_USAGE);
    };
    match format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&card.json())?),
        ReportFormat::Table => print_card(&card),
    }
    Ok(EXIT_OK)
}

/// An entity card read from the store: what `show` prints and the explorer's entity page shows.
pub(crate) struct LoadedCard {
    g: KnowledgeGraph,
    i: NodeIndex,
    groups: Groups,
    totals: BTreeMap<(RelationKind, bool), usize>,
    docs: DocumentList,
    co_mentions: bool,
}

/// The documents naming the entity: how many, how many mentions in all, and those listed
/// (document, mentions, names used).
struct DocumentList {
    documents: usize,
    mentions: usize,
    listed: Vec<DocumentMentions>,
}

/// Reads an entity's card: its relations (the first `per_group` of each group, with at most
/// `evidence` sentences each), its documents (all, or the `documents` naming it most: counted by
/// aggregates, so an entity most of the corpus names costs no more) and, when asked, its
/// co-mentions.
pub(crate) fn load(
    store: &GraphStore,
    key: &str,
    co_mentions: bool,
    evidence: Evidence,
    per_group: Option<usize>,
    documents: Option<usize>,
) -> Result<Option<LoadedCard>> {
    let card = store.entity_card(key, &EdgeFilter::default(), evidence, per_group)?;
    let totals = card.totals;
    let mut g = card.graph;
    let Some(i) = g.node_index(key) else {
        return Ok(None);
    };
    let docs = match documents {
        None => {
            let listed = store.documents_mentioning(key)?;
            DocumentList {
                documents: listed.len(),
                mentions: listed.iter().map(|d| d.1).sum(),
                listed,
            }
        }
        Some(top) => {
            let (documents, mentions, listed) = store.documents_summary(key, top)?;
            DocumentList {
                documents,
                mentions,
                listed,
            }
        }
    };
    // co-mentions come from the mention tables of every document naming the entity: read on demand
    if co_mentions {
        for (other, sentences) in &store.co_mentions_of(key)? {
            let Some(e) = store.entity(other)? else { continue };
            let j = g.upsert_node(e);
            let (h, t) = if key < other.as_str() { (i, j) } else { (j, i) };
            let mut edge = RelationEdge::new(RelationKind::CoMention);
            edge.count = *sentences;
            g.upsert_edge(h, t, edge);
        }
    }
    let groups = relation_groups(&g, i);
    Ok(Some(LoadedCard {
        g,
        i,
        groups,
        totals,
        docs,
        co_mentions,
    }))
}

/// Relations of an entity by (type, outgoing first), the other entity's key order within.
type Groups = BTreeMap<(RelationKind, bool), Vec<(NodeIndex, EdgeIndex)>>;

fn relation_groups(g: &KnowledgeGraph, i: NodeIndex) -> Groups {
    let pg = g.petgraph();
    let mut groups: Groups = BTreeMap::new();
    for (dir, outgoing) in [(Direction::Outgoing, true), (Direction::Incoming, false)] {
        for e in pg.edges_directed(i, dir) {
            let other = if outgoing { e.target() } else { e.source() };
            // a symmetric relation reads the same from both ends
            let out = outgoing || e.weight().kind.is_symmetric();
            groups.entry((e.weight().kind, !out)).or_default().push((other, e.id()));
        }
    }
    for list in groups.values_mut() {
        list.sort_by(|a, b| g.node(a.0).key.cmp(&g.node(b.0).key));
    }
    groups
}

fn print_card(card: &LoadedCard) {
    let LoadedCard {
        g,
        i,
        groups,
        totals,
        docs,
        co_mentions,
    } = card;
    let (i, co_mentions) = (*i, *co_mentions);
    let n = g.node(i);
    let mut out = String::new();
    out.push_str(&format!("{}\n", n.name));
    let mut facts = Table::new(["", ""]);
    facts.row(["key".to_owned(), n.key.clone()]);
    facts.row(["class".to_owned(), class_label(n)]);
    if let Some(code) = &n.code {
        facts.row(["code".to_owned(), format!("{code} (statistical division code)")]);
    }
    let aliases: Vec<&str> = n.aliases.iter().map(String::as_str).collect();
    facts.row([
        "aliases".to_owned(),
        if aliases.is_empty() {
            "—".to_owned()
        } else {
            aliases.join("、")
        },
    ]);
    facts.row([
        "mentions".to_owned(),
        format!("{} in {} document(s)", docs.mentions, docs.documents),
    ]);
    // a two-column fact sheet: skip the table's empty header and rule
    for line in facts.render().lines().skip(2) {
        out.push_str(&format!("  {line}\n"));
    }

    let total = |group: &(RelationKind, bool), shown: usize| totals.get(group).copied().unwrap_or(shown);
    let typed: usize = groups
        .iter()
        .filter(|((k, _), _)| *k != RelationKind::CoMention)
        .map(|(group, v)| total(group, v.len()))
        .sum();
    out.push_str(&format!("\nRelations ({typed})\n"));
    if typed == 0 {
        out.push_str("  none (only co-mentions; see below)\n");
    }
    for ((kind, incoming), list) in groups {
        if *kind == RelationKind::CoMention {
            continue;
        }
        let (out_phrase, in_phrase) = role_phrases(*kind);
        let phrase = if *incoming { in_phrase } else { out_phrase };
        let n = total(&(*kind, *incoming), list.len());
        if phrase == kind.as_str() {
            out.push_str(&format!("  {kind} ({n})\n"));
        } else {
            out.push_str(&format!("  {phrase} · {kind} ({n})\n"));
        }
        for (_, e) in list {
            out.push_str(&format!("    {}\n", relation_text(g, *e)));
            out.push_str(&evidence_lines(g, *e, "        ", EVIDENCE_SHOWN));
        }
        if n > list.len() {
            out.push_str(&format!("    (+{} more; --format json lists all)\n", n - list.len()));
        }
    }
    let co: Vec<(NodeIndex, EdgeIndex)> = groups
        .iter()
        .filter(|((k, _), _)| *k == RelationKind::CoMention)
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    if co_mentions {
        if !co.is_empty() {
            out.push_str(&format!("\nCo-mentioned with ({})\n", co.len()));
            let mut t = Table::new(["entity", "class", "sentences"]);
            let mut rows: Vec<_> = co.iter().map(|(o, e)| (g.edge(*e).count, *o)).collect();
            rows.sort_by(|a, b| b.0.cmp(&a.0).then(g.node(a.1).key.cmp(&g.node(b.1).key)));
            for (count, o) in rows {
                t.row([g.node(o).name.clone(), class_label(g.node(o)), count.to_string()]);
            }
            for line in t.render().lines() {
                out.push_str(&format!("  {line}\n"));
            }
        } else {
            out.push_str("\nCo-mentioned with nobody (no sentence names another entity with it)\n");
        }
    } else {
        out.push_str("\nCo-mentions: --co-mentions lists the entities named in a sentence with it\n");
    }

    if docs.documents > docs.listed.len() {
        out.push_str("\nDocuments (those naming it most)\n");
    } else {
        out.push_str("\nDocuments\n");
    }
    let mut t = Table::new(["document", "mentions", "as"]);
    for (d, count, forms) in &docs.listed {
        let forms: Vec<String> = forms.iter().map(|f| one_line(f)).collect();
        t.row([d.clone(), count.to_string(), forms.join("、")]);
    }
    for line in t.render().lines() {
        out.push_str(&format!("  {line}\n"));
    }
    if docs.documents > docs.listed.len() {
        out.push_str(&format!(
            "  (+{} more document(s); --format json lists all)\n",
            docs.documents - docs.listed.len()
        ));
    }
    print!("{out}");
}

impl LoadedCard {
    /// The card as JSON (`show --format json`): entity, relations with their evidence and
    /// reading, documents, co-mentions when read, and how many relations each group has in all.
    pub(crate) fn json(&self) -> serde_json::Value {
        let (g, i) = (&self.g, self.i);
        let n = g.node(i);
        let mut entity = entity_json(n);
        entity["aliases"] = json!(n.aliases);
        entity["mentions"] = json!(self.docs.mentions);
        entity["documents"] = json!(self.docs.documents);
        let mut relations = Vec::new();
        let mut co = Vec::new();
        for ((kind, incoming), list) in &self.groups {
            for (other, e) in list {
                if *kind == RelationKind::CoMention {
                    let mut v = entity_json(g.node(*other));
                    v["sentences"] = json!(g.edge(*e).count);
                    co.push(v);
                    continue;
                }
                let mut v = relation_json(g, *e);
                v["direction"] = json!(if *incoming { "in" } else { "out" });
                v["reading"] = json!(hop_text(g, i, *other, !*incoming, g.edge(*e)));
                relations.push(v);
            }
        }
        let docs: Vec<_> = self
            .docs
            .listed
            .iter()
            .map(|(d, count, forms)| json!({ "doc": d, "mentions": count, "forms": forms }))
            .collect();
        let mut v = json!({ "entity": entity, "relations": relations, "documents": docs });
        if self.co_mentions {
            v["co_mentions"] = json!(co);
        }
        v
    }

    /// Relations per (type, direction) in the store, with the reading of each direction.
    pub(crate) fn group_totals(&self) -> serde_json::Value {
        let groups: Vec<_> = self
            .totals
            .iter()
            .map(|((kind, incoming), n)| {
                let (out_phrase, in_phrase) = role_phrases(*kind);
                json!({
                    "type": kind,
                    "direction": if *incoming { "in" } else { "out" },
                    "phrase": if *incoming { in_phrase } else { out_phrase },
                    "total": n,
                })
            })
            .collect();
        json!(groups)
    }
}

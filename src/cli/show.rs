//! `guanxi show NAME`: an entity card — canonical name, class and subtype, statistical code of a
//! place, aliases, every relation in and out grouped by type with its evidence sentences
//! (document and offsets), and the documents that mention it, with counts and surface forms.

use super::describe::{
    class_label, entity_json, evidence_lines, hop_text, one_line, relation_json, relation_text, role_phrases,
};
use super::resolve::{load_graph, resolve};
use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_USAGE, ReportFormat};
use crate::extract::model::RelationKind;
use crate::graph::KnowledgeGraph;
use anyhow::Result;
use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// Evidence sentences printed per relation in the terminal (JSON has all).
const EVIDENCE_SHOWN: usize = 2;

pub fn run(cli: &Cli, name: &str, co_mentions: bool, format: ReportFormat) -> Result<i32> {
    let g = load_graph(cli)?;
    let Some(i) = resolve(&g, name, format) else {
        return Ok(EXIT_USAGE);
    };
    let groups = relation_groups(&g, i);
    match format {
        ReportFormat::Json => print_json(&g, i, &groups, co_mentions)?,
        ReportFormat::Table => print_card(&g, i, &groups, co_mentions),
    }
    Ok(EXIT_OK)
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

/// Documents mentioning the entity: (document, mentions, surface forms).
fn documents(g: &KnowledgeGraph, i: NodeIndex) -> Vec<(String, usize, BTreeSet<String>)> {
    let mut docs: BTreeMap<&str, (usize, BTreeSet<String>)> = BTreeMap::new();
    for m in &g.node(i).mentions {
        let d = docs.entry(m.doc.as_str()).or_default();
        d.0 += 1;
        d.1.insert(one_line(&m.text));
    }
    docs.into_iter()
        .map(|(d, (n, forms))| (d.to_owned(), n, forms))
        .collect()
}

fn print_card(g: &KnowledgeGraph, i: NodeIndex, groups: &Groups, co_mentions: bool) {
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
    let docs = documents(g, i);
    facts.row([
        "mentions".to_owned(),
        format!("{} in {} document(s)", n.mentions.len(), docs.len()),
    ]);
    // a two-column fact sheet: skip the table's empty header and rule
    for line in facts.render().lines().skip(2) {
        out.push_str(&format!("  {line}\n"));
    }

    let typed: usize = groups
        .iter()
        .filter(|((k, _), _)| *k != RelationKind::CoMention)
        .map(|(_, v)| v.len())
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
        if phrase == kind.as_str() {
            out.push_str(&format!("  {kind} ({})\n", list.len()));
        } else {
            out.push_str(&format!("  {phrase} · {kind} ({})\n", list.len()));
        }
        for (_, e) in list {
            out.push_str(&format!("    {}\n", relation_text(g, *e)));
            out.push_str(&evidence_lines(g, *e, "        ", EVIDENCE_SHOWN));
        }
    }
    let co: Vec<(NodeIndex, EdgeIndex)> = groups
        .iter()
        .filter(|((k, _), _)| *k == RelationKind::CoMention)
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    if !co.is_empty() {
        if co_mentions {
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
            out.push_str(&format!(
                "\nCo-mentioned with {} entities (--co-mentions lists them)\n",
                co.len()
            ));
        }
    }

    out.push_str("\nDocuments\n");
    let mut t = Table::new(["document", "mentions", "as"]);
    for (d, count, forms) in &docs {
        t.row([
            d.clone(),
            count.to_string(),
            forms.iter().cloned().collect::<Vec<_>>().join("、"),
        ]);
    }
    for line in t.render().lines() {
        out.push_str(&format!("  {line}\n"));
    }
    print!("{out}");
}

fn print_json(g: &KnowledgeGraph, i: NodeIndex, groups: &Groups, co_mentions: bool) -> Result<()> {
    let n = g.node(i);
    let mut entity = entity_json(n);
    entity["aliases"] = json!(n.aliases);
    entity["mentions"] = json!(n.mentions.len());
    let mut relations = Vec::new();
    let mut co = Vec::new();
    for ((kind, incoming), list) in groups {
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
    let docs: Vec<_> = documents(g, i)
        .into_iter()
        .map(|(d, count, forms)| json!({ "doc": d, "mentions": count, "forms": forms }))
        .collect();
    let mut v = json!({ "entity": entity, "relations": relations, "documents": docs });
    if co_mentions {
        v["co_mentions"] = json!(co);
    } else {
        v["co_mention_count"] = json!(co.len());
    }
    println!("{}", serde_json::to_string_pretty(&v)?);
    Ok(())
}

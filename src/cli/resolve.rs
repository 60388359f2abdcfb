//! Turning command-line words into graph things: entity names (with "did you mean" candidates
//! when a name is unknown or ambiguous, exit code 2), relation-type lists and class filters.

use super::describe::{class_label, entity_json};
use super::table::Table;
use super::{Cli, ReportFormat};
use crate::extract::model::{EntityClass, RelationKind, Subtype};
use crate::graph::KnowledgeGraph;
use crate::graph::algorithms::EdgeFilter;
use crate::graph::lookup::{Lookup, lookup};
use crate::rdf::GraphStore;
use petgraph::graph::NodeIndex;
use serde_json::json;

/// The store of `--store`, which must exist.
pub fn open_store(cli: &Cli) -> anyhow::Result<GraphStore> {
    GraphStore::open_existing(&cli.store)
}

/// The key of the entity a name means, looked up in the store's name index, or `None` after
/// printing why not and the closest candidates (see [`resolve`]).
pub fn resolve_key(store: &GraphStore, name: &str, format: ReportFormat) -> anyhow::Result<Option<String>> {
    let (g, found) = store.find_entity(name)?;
    Ok(explain(&g, name, found, format).map(|i| g.node(i).key.clone()))
}

/// The entity a name means in a loaded graph, or `None` after printing why not and the closest
/// candidates (stderr; also a JSON error object on stdout with `--format json`).
pub fn resolve(g: &KnowledgeGraph, name: &str, format: ReportFormat) -> Option<NodeIndex> {
    explain(g, name, lookup(g, name), format)
}

fn explain(g: &KnowledgeGraph, name: &str, found: Lookup, format: ReportFormat) -> Option<NodeIndex> {
    let (message, candidates) = match found {
        Lookup::Found(i) => return Some(i),
        Lookup::Ambiguous(c) => (
            format!(
                "\"{name}\" names {} entities; pass the key of the one you mean",
                c.len()
            ),
            c,
        ),
        Lookup::NotFound(c) if c.is_empty() => (format!("no entity named \"{name}\", and nothing close"), c),
        Lookup::NotFound(c) => (format!("no entity named \"{name}\"; closest candidates:"), c),
    };
    eprintln!("error: {message}");
    if !candidates.is_empty() {
        let mut t = Table::new(["candidate", "class", "key", "match"]);
        for c in &candidates {
            let n = g.node(c.node);
            let how = if c.matched == n.name {
                c.kind.describe()
            } else {
                format!("{} “{}”", c.kind.describe(), c.matched)
            };
            t.row([n.name.clone(), class_label(n), n.key.clone(), how]);
        }
        eprint!("{}", t.render());
        eprintln!("(any name, alias or key above can be passed instead)");
    }
    if format == ReportFormat::Json {
        let list: Vec<_> = candidates
            .iter()
            .map(|c| {
                let mut v = entity_json(g.node(c.node));
                v["match"] = json!(c.kind.describe());
                v["matched"] = json!(c.matched);
                v
            })
            .collect();
        let v = json!({ "error": message, "query": name, "candidates": list });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    None
}

/// Relation types from `holds_post,part_of` lists; `Err` names the bad one and the valid ones.
pub fn parse_kinds(items: &[String]) -> Result<Vec<RelationKind>, String> {
    items
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            RelationKind::parse(s).ok_or_else(|| {
                let valid: Vec<&str> = RelationKind::TYPED
                    .iter()
                    .chain([&RelationKind::CoMention])
                    .map(|k| k.as_str())
                    .collect();
                format!("unknown relation type \"{s}\" (one of: {})", valid.join(", "))
            })
        })
        .collect()
}

/// The traversal filter of `--types`/`--via` and `--co-mentions`, or a usage message.
pub fn edge_filter(types: &[String], co_mentions: bool) -> Result<EdgeFilter, String> {
    Ok(EdgeFilter::new(parse_kinds(types)?, co_mentions))
}

/// `typed relations`, `part_of, located_in`, `… and co-mentions`: what a traversal walked.
pub fn filter_text(f: &EdgeFilter) -> String {
    let base = match &f.kinds {
        None => "typed relations".to_owned(),
        Some(k) => k
            .iter()
            .filter(|k| **k != RelationKind::CoMention)
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    };
    if f.allows(RelationKind::CoMention) {
        if base.is_empty() {
            "co-mentions".into()
        } else {
            format!("{base} and co-mentions")
        }
    } else {
        base
    }
}

/// A class or subtype filter (`Person`, `organization`, `District`, `Fund`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassFilter {
    Class(EntityClass),
    Subtype(Subtype),
}

impl ClassFilter {
    pub fn parse(s: &str) -> Result<Self, String> {
        if let Some(c) = EntityClass::parse(s) {
            return Ok(ClassFilter::Class(c));
        }
        match Subtype::parse(s) {
            Some(t) if t.class().is_some() => Ok(ClassFilter::Subtype(t)),
            _ => Err(format!(
                "unknown class \"{s}\" (Place, Organization, Person, Program, or a subtype such as District, Government, Official, Fund)"
            )),
        }
    }

    pub fn matches(self, n: &crate::graph::EntityNode) -> bool {
        match self {
            ClassFilter::Class(c) => n.class == c,
            ClassFilter::Subtype(t) => n.subtype == t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_classes_parse_or_explain() {
        assert_eq!(
            parse_kinds(&["holds_post".into(), "part-of".into()]),
            Ok(vec![RelationKind::HoldsPost, RelationKind::PartOf])
        );
        let err = parse_kinds(&["owns".into()]).unwrap_err();
        assert!(err.contains("owns") && err.contains("located_in"));
        assert_eq!(
            ClassFilter::parse("person"),
            Ok(ClassFilter::Class(EntityClass::Person))
        );
        assert_eq!(
            ClassFilter::parse("District"),
            Ok(ClassFilter::Subtype(Subtype::District))
        );
        assert!(ClassFilter::parse("Other").is_err());
        let f = edge_filter(&["part_of".into()], true).unwrap();
        assert_eq!(filter_text(&f), "part_of and co-mentions");
        assert_eq!(filter_text(&EdgeFilter::default()), "typed relations");
    }
}

//! Graphviz DOT: Chinese labels, one colour and shape per class, relation types and titles on
//! edges (the evidence sentence as tooltip), optional clusters per district, and a legend.
//! `dot -Tsvg` renders it; `export::svg` renders the same picture without Graphviz.
//!
//! [`DotOptions`] is the picture's selection (which entities and relations) and is shared by the
//! SVG and GraphML exports, so all three show the same subgraph for the same flags.

use crate::extract::model::{EntityClass, RelationKind};
use crate::graph::algorithms::containment::districts;
use crate::graph::{EntityNode, KnowledgeGraph, RelationEdge};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Fill colour and Graphviz shape of a class.
pub fn style(class: EntityClass) -> (&'static str, &'static str) {
    match class {
        EntityClass::Place => ("#8fd19e", "ellipse"),
        EntityClass::Organization => ("#8ab6f9", "box"),
        EntityClass::Person => ("#f9c74f", "octagon"),
        EntityClass::Program => ("#f4978e", "hexagon"),
    }
}

/// The legend's name of a class.
pub fn class_legend(class: EntityClass) -> &'static str {
    match class {
        EntityClass::Place => "地点 Place",
        EntityClass::Organization => "机构 Organization",
        EntityClass::Person => "人物 Person",
        EntityClass::Program => "项目/政策 Program",
    }
}

/// Which entities and relations a picture (DOT, SVG) or graph file (GraphML) shows.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Only these nodes (all when `None`).
    pub nodes: Option<BTreeSet<NodeIndex>>,
    /// Only these relations (all between shown nodes when `None`, co-mentions only if asked).
    pub edges: Option<BTreeSet<EdgeIndex>>,
    /// Draw co-mention edges too.
    pub co_mentions: bool,
    /// Group entities in clusters per district/county-level place.
    pub cluster_by_place: bool,
    pub title: Option<String>,
    /// Entities drawn with a heavy border (the focus, the ends of a path).
    pub highlight: BTreeSet<NodeIndex>,
}

impl DotOptions {
    /// Shown entities, in key order.
    pub fn shown_nodes(&self, g: &KnowledgeGraph) -> Vec<NodeIndex> {
        g.nodes()
            .map(|(i, _)| i)
            .filter(|i| self.nodes.as_ref().is_none_or(|s| s.contains(i)))
            .collect()
    }

    /// Shown relations, in (head key, kind, tail key) order.
    pub fn shown_edges<'g>(&self, g: &'g KnowledgeGraph) -> Vec<(EdgeIndex, NodeIndex, NodeIndex, &'g RelationEdge)> {
        let keep = |i: &NodeIndex| self.nodes.as_ref().is_none_or(|s| s.contains(i));
        g.edge_refs()
            .into_iter()
            .filter(|(e, h, t, r)| {
                keep(h)
                    && keep(t)
                    && match &self.edges {
                        Some(set) => set.contains(e),
                        None => r.kind != RelationKind::CoMention || self.co_mentions,
                    }
            })
            .collect()
    }
}

/// A node's label: the name, and the statistical code of a place on a second line.
pub fn node_label(n: &EntityNode) -> String {
    match &n.code {
        Some(code) => format!("{}\n{}", n.name, code),
        None => n.name.clone(),
    }
}

/// A node's tooltip: class, subtype, code and how often it is mentioned.
pub fn node_tooltip(n: &EntityNode) -> String {
    let docs = n.documents().len();
    format!(
        "{} / {}{} · {} mention(s) in {docs} document(s)",
        n.class,
        n.subtype,
        n.code.as_ref().map(|c| format!(" · {c}")).unwrap_or_default(),
        n.mentions.len()
    )
}

/// An edge's tooltip: its first evidence sentence and document.
pub fn edge_tooltip(e: &RelationEdge) -> String {
    match e.evidence.first() {
        Some(ev) => {
            let more = e.evidence.len() - 1;
            let extra = if more > 0 {
                format!(" (+{more} more)")
            } else {
                String::new()
            };
            format!("{} — {}{extra}", ev.text, ev.doc)
        }
        None => String::new(),
    }
}

/// A DOT quoted string: `\n` becomes a line break, other control characters spaces.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn node_line(out: &mut String, indent: &str, n: &EntityNode, highlighted: bool) {
    let (fill, shape) = style(n.class);
    let pen = if highlighted { ", penwidth=3" } else { "" };
    let _ = writeln!(
        out,
        "{indent}{} [label={}, shape={shape}, fillcolor=\"{fill}\"{pen}, tooltip={}];",
        quote(&n.key),
        quote(&node_label(n)),
        quote(&node_tooltip(n))
    );
}

pub fn to_dot(g: &KnowledgeGraph, opts: &DotOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph guanxi {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Noto Sans CJK SC\", charset=\"UTF-8\", overlap=false];"
    );
    let _ = writeln!(
        out,
        "  node [style=filled, fontname=\"Noto Sans CJK SC\", fontsize=11];"
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"Noto Sans CJK SC\", fontsize=9, color=\"#555555\"];"
    );
    if let Some(t) = &opts.title {
        let _ = writeln!(out, "  label={}; labelloc=t;", quote(t));
    }
    let nodes = opts.shown_nodes(g);
    let cluster_of: BTreeMap<NodeIndex, NodeIndex> = if opts.cluster_by_place {
        districts(g, nodes.iter().copied())
    } else {
        BTreeMap::new()
    };
    // clusters in district key order, members in key order
    let mut clusters: BTreeMap<&str, (NodeIndex, Vec<NodeIndex>)> = BTreeMap::new();
    for &i in &nodes {
        if let Some(&d) = cluster_of.get(&i) {
            clusters
                .entry(g.node(d).key.as_str())
                .or_insert((d, Vec::new()))
                .1
                .push(i);
        }
    }
    for (key, (district, members)) in &clusters {
        let _ = writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{key}")));
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded,dashed\"; color=\"#4a7f57\"; fontsize=12;",
            quote(&g.node(*district).name)
        );
        for &i in members {
            node_line(&mut out, "    ", g.node(i), opts.highlight.contains(&i));
        }
        let _ = writeln!(out, "  }}");
    }
    for &i in nodes.iter().filter(|i| !cluster_of.contains_key(i)) {
        node_line(&mut out, "  ", g.node(i), opts.highlight.contains(&i));
    }
    for (_, h, t, e) in opts.shown_edges(g) {
        let style = if e.kind == RelationKind::CoMention {
            ", style=dashed, dir=none"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, tooltip={}{style}];",
            quote(&g.node(h).key),
            quote(&g.node(t).key),
            quote(&e.label()),
            quote(&edge_tooltip(e))
        );
    }
    // legend
    let _ = writeln!(out, "  subgraph cluster_legend {{");
    let _ = writeln!(out, "    label=\"图例 Legend\"; fontsize=10; color=\"#999999\";");
    for class in EntityClass::ALL {
        let (fill, shape) = style(class);
        let _ = writeln!(
            out,
            "    \"legend:{class}\" [label={}, shape={shape}, fillcolor=\"{fill}\"];",
            quote(class_legend(class))
        );
    }
    let _ = writeln!(out, "  }}");
    let _ = writeln!(out, "}}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::algorithms::fixture::sample;

    #[test]
    fn focus_selection_clusters_and_legend() {
        let g = sample();
        let idx = |k: &str| g.node_index(k).unwrap();
        let opts = DotOptions {
            nodes: Some([idx("o:b"), idx("x:c"), idx("p:a")].into()),
            cluster_by_place: true,
            highlight: [idx("o:b")].into(),
            ..DotOptions::default()
        };
        let dot = to_dot(&g, &opts);
        assert!(dot.contains("subgraph \"cluster_x:c\""), "{dot}");
        let cluster = &dot[dot.find("cluster_x:c").unwrap()..];
        let cluster = &cluster[..cluster.find("  }").unwrap()];
        assert!(cluster.contains("\"o:b\"") && cluster.contains("\"x:c\"") && !cluster.contains("\"p:a\""));
        assert!(dot.contains("penwidth=3"));
        assert!(dot.contains("\"p:a\" -> \"o:b\" [label=\"holds_post\""));
        assert!(!dot.contains("x:d"), "unselected nodes stay out");
        assert!(dot.contains("图例 Legend"));
        assert_eq!(dot, to_dot(&g, &opts), "deterministic");
    }

    #[test]
    fn co_mentions_only_when_asked() {
        let g = sample();
        assert!(!to_dot(&g, &DotOptions::default()).contains("style=dashed, dir=none"));
        let all = DotOptions {
            co_mentions: true,
            ..DotOptions::default()
        };
        assert!(to_dot(&g, &all).contains("style=dashed, dir=none"));
    }

    /// Our DOT is valid DOT: layout-rs's parser (a strict subset of Graphviz's) accepts it.
    #[test]
    fn dot_parses() {
        let g = sample();
        let opts = DotOptions {
            cluster_by_place: true,
            co_mentions: true,
            title: Some("t \"q\"".into()),
            ..DotOptions::default()
        };
        let dot = to_dot(&g, &opts);
        assert!(layout::gv::DotParser::new(&dot).process().is_ok(), "{dot}");
        assert!(layout::gv::DotParser::new("digraph { a -> ; }").process().is_err());
    }

    #[test]
    fn quoting_escapes_and_breaks_lines() {
        assert_eq!(quote("a\"b\\c\nd\te"), "\"a\\\"b\\\\c\\nd e\"");
    }
}

//! Graphviz DOT: Chinese labels, one colour and shape per class, relation types and titles on
//! edges, and a legend. `dot -Tsvg` renders it.

use crate::extract::model::{EntityClass, RelationKind};
use crate::graph::KnowledgeGraph;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Fill colour and shape of a class.
pub fn style(class: EntityClass) -> (&'static str, &'static str) {
    match class {
        EntityClass::Place => ("#8fd19e", "ellipse"),
        EntityClass::Organization => ("#8ab6f9", "box"),
        EntityClass::Person => ("#f9c74f", "oval"),
        EntityClass::Program => ("#f4978e", "hexagon"),
    }
}

/// Options for a DOT picture.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Only these nodes (all when `None`).
    pub nodes: Option<BTreeSet<NodeIndex>>,
    /// Draw co-mention edges too.
    pub co_mentions: bool,
    /// Group places' neighbours in clusters per district.
    pub cluster_by_place: bool,
    pub title: Option<String>,
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn to_dot(g: &KnowledgeGraph, opts: &DotOptions) -> String {
    let mut out = String::new();
    let keep = |i: NodeIndex| opts.nodes.as_ref().is_none_or(|s| s.contains(&i));
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
    let nodes: Vec<NodeIndex> = g.nodes().map(|(i, _)| i).filter(|&i| keep(i)).collect();
    for &i in &nodes {
        let n = g.node(i);
        let (fill, shape) = style(n.class);
        let label = match &n.code {
            Some(code) => format!("{}\\n{}", n.name, code),
            None => n.name.clone(),
        };
        let _ = writeln!(
            out,
            "  {} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
            quote(&n.key),
            quote(&label).replace("\\\\n", "\\n"),
            quote(&format!("{} / {}", n.class, n.subtype))
        );
    }
    for (h, t, e) in g.edges() {
        if !keep(h) || !keep(t) || (e.kind == RelationKind::CoMention && !opts.co_mentions) {
            continue;
        }
        let mut label = e.kind.as_str().to_owned();
        if let Some(title) = e.titles.iter().next() {
            label = format!("{label}: {title}");
        }
        let style = if e.kind == RelationKind::CoMention {
            ", style=dashed, dir=none"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{style}];",
            quote(&g.node(h).key),
            quote(&g.node(t).key),
            quote(&label)
        );
    }
    // legend
    let _ = writeln!(out, "  subgraph cluster_legend {{");
    let _ = writeln!(out, "    label=\"图例 Legend\"; fontsize=10; color=\"#999999\";");
    for class in EntityClass::ALL {
        let (fill, shape) = style(class);
        let zh = match class {
            EntityClass::Place => "地点 Place",
            EntityClass::Organization => "机构 Organization",
            EntityClass::Person => "人物 Person",
            EntityClass::Program => "项目/政策 Program",
        };
        let _ = writeln!(
            out,
            "    \"legend:{class}\" [label={}, shape={shape}, fillcolor=\"{fill}\"];",
            quote(zh)
        );
    }
    let _ = writeln!(out, "  }}");
    let _ = writeln!(out, "}}");
    out
}

//! GraphML, the graph file Gephi, Cytoscape, yEd and NetworkX open: entities as nodes (label,
//! class, subtype, code, aliases, mentions, documents, district), relations as edges (type, label
//! with titles, weight = supporting sentences, first evidence sentence, documents). Symmetric
//! relations (partnerships, co-mentions) are marked undirected. The selection is the picture's
//! ([`DotOptions`]), so `--focus`/`--path` export just that subgraph.

use super::dot::DotOptions;
use super::svg::xml_escape;
use crate::graph::KnowledgeGraph;
use crate::graph::algorithms::containment::districts;
use std::collections::BTreeSet;
use std::fmt::Write;

const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("label", "label", "string"),
    ("class", "class", "string"),
    ("subtype", "subtype", "string"),
    ("code", "code", "string"),
    ("aliases", "aliases", "string"),
    ("mentions", "mentions", "int"),
    ("documents", "documents", "string"),
    ("district", "district", "string"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("type", "type", "string"),
    ("elabel", "label", "string"),
    ("titles", "titles", "string"),
    ("weight", "weight", "double"),
    ("evidence", "evidence", "string"),
    ("edocs", "documents", "string"),
];

fn data(out: &mut String, key: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(value));
    }
}

pub fn to_graphml(g: &KnowledgeGraph, opts: &DotOptions) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, name, ty) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for (id, name, ty) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(out, "  <graph id=\"guanxi\" edgedefault=\"directed\">");
    let nodes = opts.shown_nodes(g);
    let district = districts(g, nodes.iter().copied());
    for &i in &nodes {
        let n = g.node(i);
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&n.key));
        data(&mut out, "label", &n.name);
        data(&mut out, "class", n.class.as_str());
        data(&mut out, "subtype", n.subtype.as_str());
        data(&mut out, "code", n.code.as_deref().unwrap_or(""));
        data(
            &mut out,
            "aliases",
            &n.aliases.iter().cloned().collect::<Vec<_>>().join("|"),
        );
        data(&mut out, "mentions", &n.mentions.len().to_string());
        data(
            &mut out,
            "documents",
            &n.documents().into_keys().collect::<Vec<_>>().join("|"),
        );
        data(
            &mut out,
            "district",
            district.get(&i).map_or("", |d| g.node(*d).name.as_str()),
        );
        let _ = writeln!(out, "    </node>");
    }
    for (k, (_, h, t, e)) in opts.shown_edges(g).into_iter().enumerate() {
        let directed = if e.kind.is_symmetric() {
            " directed=\"false\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    <edge id=\"e{k}\" source=\"{}\" target=\"{}\"{directed}>",
            xml_escape(&g.node(h).key),
            xml_escape(&g.node(t).key)
        );
        data(&mut out, "type", e.kind.as_str());
        data(&mut out, "elabel", &e.label());
        data(
            &mut out,
            "titles",
            &e.titles.iter().cloned().collect::<Vec<_>>().join("|"),
        );
        data(&mut out, "weight", &e.count.max(1).to_string());
        data(
            &mut out,
            "evidence",
            e.evidence.first().map_or("", |ev| ev.text.as_str()),
        );
        let docs: BTreeSet<&str> = e.evidence.iter().map(|ev| ev.doc.as_str()).collect();
        data(&mut out, "edocs", &docs.into_iter().collect::<Vec<_>>().join("|"));
        let _ = writeln!(out, "    </edge>");
    }
    let _ = writeln!(out, "  </graph>");
    out.push_str("</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::algorithms::fixture::sample;

    #[test]
    fn nodes_and_edges_with_attributes() {
        let g = sample();
        let xml = to_graphml(&g, &DotOptions::default());
        assert_eq!(xml.matches("<node id=").count(), g.node_count());
        assert_eq!(xml.matches("<edge id=").count(), 5, "typed relations only by default");
        assert!(xml.contains("<data key=\"evidence\">A是B书记</data>"));
        assert!(
            xml.contains("<data key=\"district\">C</data>"),
            "o:b is located in district C"
        );
        let with_co = DotOptions {
            co_mentions: true,
            ..DotOptions::default()
        };
        assert!(to_graphml(&g, &with_co).contains("directed=\"false\""));
    }
}

//! SVG without Graphviz: the picture `dot.rs` describes, laid out and drawn by the pure-Rust
//! `layout-rs` crate, so `guanxi export --format svg` works on a machine without the `dot`
//! program. Graphviz (`dot -Tsvg` on the DOT export) gives a prettier result and draws district
//! clusters, which layout-rs cannot.
//!
//! The picture is built directly as a layout-rs graph (not by parsing our DOT, whose Graphviz
//! attributes it would ignore): one colour and shape per class, relations between the same two
//! entities merged into one edge labelled with every type and title, a title and a legend
//! panel added above the drawing, and a CJK font stack so Chinese labels render.
//! The output is byte-for-byte deterministic.

use super::dot::{DotOptions, class_legend, node_label, style};
use crate::extract::model::{EntityClass, RelationKind};
use crate::graph::{KnowledgeGraph, RelationEdge};
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::graph::NodeIndex;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Fonts that have Chinese glyphs on common systems, then a generic fallback.
const FONTS: &str =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
/// Pictures with more drawn edges skip layout-rs's edge-crossing optimisation, whose time
/// grows steeply with size (346 edges: 16 s with, 1 s without).
const OPTIMIZE_MAX_EDGES: usize = 300;
/// Pictures with more drawn edges are refused: layout takes minutes and the result is unreadable.
pub const MAX_EDGES: usize = 800;
const NODE_FONT: usize = 14;
const EDGE_FONT: usize = 11;

/// The layout-rs shape of a class: ellipse, box, double ellipse, rounded box.
fn shape(class: EntityClass, label: &str) -> (ShapeKind, usize) {
    match class {
        EntityClass::Place => (ShapeKind::new_circle(label), 0),
        EntityClass::Organization => (ShapeKind::new_box(label), 0),
        EntityClass::Person => (ShapeKind::new_double_circle(label), 0),
        EntityClass::Program => (ShapeKind::new_box(label), 12),
    }
}

fn color(hex: &str) -> Color {
    Color::fast(hex)
}

/// Relations between two entities, merged into one drawn edge.
struct Merged<'g> {
    from: NodeIndex,
    to: NodeIndex,
    relations: Vec<(bool, &'g RelationEdge)>,
}

/// A picture too large for the built-in renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub edges: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the picture has {} edges; the built-in SVG renderer draws at most {MAX_EDGES}",
            self.edges
        )
    }
}

impl std::error::Error for TooLarge {}

/// Renders the selected picture as SVG.
pub fn to_svg(g: &KnowledgeGraph, opts: &DotOptions) -> Result<String, TooLarge> {
    let merged = merged_edges(g, opts);
    if merged.len() > MAX_EDGES {
        return Err(TooLarge { edges: merged.len() });
    }
    let optimize = merged.len() <= OPTIMIZE_MAX_EDGES;
    let dir = Orientation::LeftToRight;
    let mut vg = VisualGraph::new(dir);
    let mut handles = BTreeMap::new();
    for i in opts.shown_nodes(g) {
        let n = g.node(i);
        let label = node_label(n);
        let (fill, _) = style(n.class);
        let (kind, rounded) = shape(n.class, &label);
        let width = if opts.highlight.contains(&i) { 4 } else { 1 };
        let look = StyleAttr::new(color("#333333"), width, Some(color(fill)), rounded, NODE_FONT);
        let make_square = matches!(kind, ShapeKind::DoubleCircle(_));
        let size = get_shape_size(dir.flip(), &kind, NODE_FONT, make_square);
        // data-key: the explorer opens or expands the entity a click lands on
        let props = format!(
            "class=\"entity {}\" data-key=\"{}\"",
            n.class.as_str().to_ascii_lowercase(),
            xml_escape(&n.key)
        );
        let elem = Element::create_with_properties(kind, look, dir.flip(), size, props);
        handles.insert(i, vg.add_node(elem));
    }
    for m in merged {
        let mixed = m.relations.iter().any(|(f, _)| !*f);
        let lines: Vec<String> = m
            .relations
            .iter()
            .map(|(forward, e)| match (mixed, forward) {
                (false, _) => e.label(),
                (true, true) => format!("{} →", e.label()),
                (true, false) => format!("← {}", e.label()),
            })
            .collect();
        let co_only = m.relations.iter().all(|(_, e)| e.kind == RelationKind::CoMention);
        let (line, start, end) = if co_only {
            (LineStyleKind::Dashed, LineEndKind::None, LineEndKind::None)
        } else if mixed {
            (LineStyleKind::Normal, LineEndKind::Arrow, LineEndKind::Arrow)
        } else {
            (LineStyleKind::Normal, LineEndKind::None, LineEndKind::Arrow)
        };
        let look = StyleAttr::new(color("#555555"), 1, None, 0, EDGE_FONT);
        let arrow = Arrow::new(start, end, line, &lines.join("\n"), &look, &None, &None);
        vg.add_edge(arrow, handles[&m.from], handles[&m.to]);
    }
    let mut writer = SVGWriter::new();
    let mut extent = (0.0f64, 0.0f64);
    if vg.num_nodes() > 0 {
        vg.do_it(false, !optimize, false, &mut writer);
        // layout-rs sizes its canvas by the byte length of text (three per Chinese character):
        // measure the laid-out shapes and edge labels instead
        for n in vg.iter_nodes() {
            let (_, bottom_right) = vg.pos(n).bbox(false);
            extent = (extent.0.max(bottom_right.x), extent.1.max(bottom_right.y));
        }
    }
    Ok(finish(&writer.finalize(), extent, opts.title.as_deref()))
}

/// Shown relations grouped by entity pair (smaller index first), skipping self-loops.
fn merged_edges<'g>(g: &'g KnowledgeGraph, opts: &DotOptions) -> Vec<Merged<'g>> {
    let mut pairs: BTreeMap<(NodeIndex, NodeIndex), Merged<'g>> = BTreeMap::new();
    for (_, h, t, e) in opts.shown_edges(g) {
        if h == t {
            continue;
        }
        let key = if h < t { (h, t) } else { (t, h) };
        let m = pairs.entry(key).or_insert(Merged {
            from: h,
            to: t,
            relations: Vec::new(),
        });
        m.relations.push((m.from == h, e));
    }
    pairs.into_values().collect()
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Height of the title and legend panel above the drawing.
const PANEL: f64 = 64.0;

/// Puts a title and legend panel above layout-rs's drawing (of the given extent), sets the CJK
/// fonts and makes the style block's order deterministic.
fn finish(raw: &str, extent: (f64, f64), title: Option<&str>) -> String {
    let (width, height, body) = split_svg(raw);
    let margin = 24.0;
    let (width, height) = (width.min(extent.0 + margin), height.min(extent.1 + margin));
    let legend_width = 24.0 + EntityClass::ALL.len() as f64 * 170.0;
    let w = width.max(legend_width).ceil();
    let h = (height + PANEL).ceil();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    let _ = writeln!(
        out,
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{FONTS}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(title.unwrap_or("guanxi")));
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );
    out.push_str(&legend(title));
    let _ = writeln!(out, "<g transform=\"translate(0 {PANEL})\">");
    out.push_str(&body);
    out.push_str("\n</g>\n</svg>\n");
    out
}

/// The legend panel: the title, then one sample shape per class.
fn legend(title: Option<&str>) -> String {
    let mut out = String::from("<g class=\"legend\">\n");
    if let Some(t) = title {
        let _ = writeln!(
            out,
            "<text x=\"12\" y=\"20\" font-size=\"16\" font-weight=\"bold\">{}</text>",
            xml_escape(t)
        );
    }
    let _ = writeln!(out, "<text x=\"12\" y=\"46\" font-size=\"12\">图例 Legend:</text>");
    for (k, class) in EntityClass::ALL.into_iter().enumerate() {
        let (fill, _) = style(class);
        let x = 100.0 + k as f64 * 170.0;
        let y = 34.0;
        let shape = match class {
            EntityClass::Place => format!(
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"16\" ry=\"10\" fill=\"{fill}\" stroke=\"#333333\"/>",
                x + 16.0,
                y + 10.0
            ),
            EntityClass::Organization => {
                format!("<rect x=\"{x}\" y=\"{y}\" width=\"32\" height=\"20\" fill=\"{fill}\" stroke=\"#333333\"/>")
            }
            EntityClass::Person => format!(
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"11\" fill=\"{fill}\" stroke=\"#333333\"/><circle cx=\"{cx}\" cy=\"{cy}\" r=\"8\" fill=\"none\" stroke=\"#333333\"/>",
                cx = x + 16.0,
                cy = y + 10.0
            ),
            EntityClass::Program => format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"32\" height=\"20\" rx=\"6\" fill=\"{fill}\" stroke=\"#333333\"/>"
            ),
        };
        let _ = writeln!(
            out,
            "{shape}<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            x + 38.0,
            y + 14.0,
            xml_escape(class_legend(class))
        );
    }
    out.push_str("</g>\n");
    out
}

/// Width, height and inner content (defs, sorted styles, drawing) of layout-rs's SVG.
fn split_svg(raw: &str) -> (f64, f64, String) {
    let attr = |name: &str| -> f64 {
        raw.find(&format!(" {name}=\""))
            .and_then(|i| {
                let rest = &raw[i + name.len() + 3..];
                rest[..rest.find('"')?].parse().ok()
            })
            .unwrap_or(0.0)
    };
    let (width, height) = (attr("width"), attr("height"));
    let start = raw
        .find("<svg")
        .and_then(|i| raw[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = raw.rfind("</svg>").unwrap_or(raw.len());
    let inner = &raw[start..end];
    // the font classes come from a HashMap: sort them, and use the CJK fonts
    let body = match (inner.find("<style>\n"), inner.find("</style>")) {
        (Some(a), Some(b)) if a < b => {
            let mut rules: Vec<&str> = inner[a + 8..b].lines().filter(|l| !l.is_empty()).collect();
            rules.sort_unstable();
            let rules: Vec<String> = rules
                .iter()
                .map(|r| r.replace("font-family: Times, serif;", &format!("font-family: {FONTS};")))
                .collect();
            format!(
                "{}<style>\n{}\n</style>{}",
                &inner[..a],
                rules.join("\n"),
                &inner[b + 8..]
            )
        }
        _ => inner.to_owned(),
    };
    (width, height, body.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::algorithms::fixture::sample;

    #[test]
    fn renders_labels_legend_and_is_deterministic() {
        let g = sample();
        let opts = DotOptions {
            title: Some("示例 <sample>".into()),
            ..DotOptions::default()
        };
        let svg = to_svg(&g, &opts).unwrap();
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains(">A<") && svg.contains("holds_post"), "{svg}");
        assert!(svg.contains("图例 Legend") && svg.contains("人物 Person"));
        assert!(svg.contains("示例 &lt;sample&gt;"));
        assert!(svg.contains("Noto Sans CJK SC") && !svg.contains("Times"));
        assert_eq!(svg, to_svg(&g, &opts).unwrap());
    }

    #[test]
    fn too_large_pictures_are_refused_before_layout() {
        use crate::extract::model::{EntityClass, RelationKind, Subtype};
        use crate::graph::algorithms::fixture::{edge, node};
        let mut g = KnowledgeGraph::new();
        let hub = g.upsert_node(node("x:hub", "H", EntityClass::Place, Subtype::City));
        for k in 0..=MAX_EDGES {
            let leaf = g.upsert_node(node(&format!("o:{k}"), "L", EntityClass::Organization, Subtype::Other));
            g.upsert_edge(leaf, hub, edge(RelationKind::LocatedIn, "s"));
        }
        let err = to_svg(&g, &DotOptions::default()).unwrap_err();
        assert_eq!(err.edges, MAX_EDGES + 1);
        assert!(err.to_string().contains("at most"));
    }

    #[test]
    fn empty_selection_still_has_a_legend() {
        let g = sample();
        let opts = DotOptions {
            nodes: Some(Default::default()),
            ..DotOptions::default()
        };
        let svg = to_svg(&g, &opts).unwrap();
        assert!(svg.contains("图例") && svg.ends_with("</svg>\n"));
    }
}

//! Export stage: the knowledge graph as Graphviz DOT, SVG (drawn without Graphviz), GraphML and
//! JSON (RDF formats come from the store). DOT, SVG and GraphML share one selection,
//! [`dot::DotOptions`]: the whole graph, an entity's neighbourhood or the paths between two.

pub mod dot;
pub mod graphml;
pub mod json;
pub mod svg;

//! Export stage: the knowledge graph as Graphviz DOT and JSON (RDF formats come from the store).

pub mod dot;
pub mod json;

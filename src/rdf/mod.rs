//! RDF stage: the ontology mapping and the embedded Oxigraph store.
//!
//! Owner type: [`GraphStore`]. `vocab` holds namespaces and deterministic IRIs, `mapping` turns a
//! document's knowledge graph into quads of its named graph, `store` persists them and answers
//! SPARQL.

pub mod mapping;
pub mod store;
pub mod vocab;

pub use store::{GraphStore, IngestOutcome, QueryError};

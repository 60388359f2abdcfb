//! RDF stage: the ontology mapping and the embedded Oxigraph store.
//!
//! Owner type: [`GraphStore`]. `vocab` holds namespaces and deterministic IRIs; `mapping` turns a
//! document's extraction into quads — the facts it supports in the default graph (each stored
//! once for the corpus) and its provenance in its own named graph; `store` opens the store and
//! answers SPARQL; `write` stores batches of documents atomically and sweeps facts no document
//! supports any more; `read` loads the parts of the graph a command needs; `index` keeps the
//! relation graph in a file for the commands that need all of it.

pub mod index;
pub mod mapping;
pub mod read;
pub mod serving;
pub mod store;
pub mod vocab;
pub mod write;

pub use mapping::{DocumentQuads, DocumentSource, MentionTable, document_quads};
pub use read::{Card, Evidence};
pub use store::{GraphStore, IngestOutcome, QueryError, Summary};
pub use write::{StoreWriter, WriteStats};

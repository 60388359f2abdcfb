//! guanxi (关系): a knowledge-graph builder for Chinese government and business news.
//!
//! One pipeline, one owner type per stage:
//! `text` ([`text::Document`]) → `extract` ([`extract::Extractor`]) → `graph`
//! ([`graph::KnowledgeGraph`]) → `rdf` ([`rdf::GraphStore`]) → `export` / `cli`.
//! [`pipeline`] runs files through to the store; the graph commands read back from the store
//! only the part of the graph they need, as a `KnowledgeGraph`.

pub mod bench;
pub mod cli;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod pipeline;
pub mod rdf;
pub mod serve;
pub mod text;

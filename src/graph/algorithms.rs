//! Graph algorithms over the knowledge graph: paths, neighbourhoods, centrality.

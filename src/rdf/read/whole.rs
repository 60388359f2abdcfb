//! Whole-graph reads: every typed relation of the store (for the relation-graph index and
//! `export` of everything), with titles and, when asked, co-mentions.

use super::*;

impl GraphStore {
    /// Every entity that has a relation the filter allows, and those relations (titles and
    /// co-mention counts, no evidence text, no mentions), decoded from the store; readers use
    /// [`GraphStore::relation_graph`], which reads the relation index when it is current.
    pub fn relation_graph_from_store(&self, filter: &EdgeFilter) -> Result<KnowledgeGraph> {
        let mut edges: Vec<(String, RelationKind, String)> = Vec::new();
        for (kind, p) in typed_kinds(filter) {
            for q in self.store.quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(&p)),
                None,
                Some(GraphNameRef::DefaultGraph),
            ) {
                let q = q?;
                if let (NamedOrBlankNode::NamedNode(h), Some(t)) = (&q.subject, node_iri(&q.object))
                    && let (Some(h), Some(t)) = (key_of_entity_iri(h.as_str()), key_of_entity_iri(t))
                {
                    edges.push((h, kind, t));
                }
            }
        }
        let mut co: BTreeMap<(String, String), usize> = BTreeMap::new();
        if filter.allows(RelationKind::CoMention) {
            for table in self.mention_tables(None)? {
                for (a, b, n, _) in &table.1.co_mentions {
                    let (Some(a), Some(b)) = (table.1.entities.get(*a), table.1.entities.get(*b)) else {
                        continue;
                    };
                    let pair = if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    };
                    *co.entry(pair).or_default() += n;
                }
            }
        }
        let keys: BTreeSet<&String> = edges
            .iter()
            .flat_map(|(h, _, t)| [h, t])
            .chain(co.keys().flat_map(|(a, b)| [a, b]))
            .collect();
        let mut g = KnowledgeGraph::new();
        for key in keys {
            if let Some(e) = self.entity(key)? {
                g.upsert_node(e);
            }
        }
        let titles = self.all_titles()?;
        for (h, kind, t) in edges {
            let (Some(hi), Some(ti)) = (g.node_index(&h), g.node_index(&t)) else {
                continue;
            };
            let titles = if kind == RelationKind::HoldsPost {
                titles.get(&fact_iri(&h, kind, &t)).cloned().unwrap_or_default()
            } else {
                BTreeSet::new()
            };
            let mut edge = RelationEdge::new(kind);
            edge.titles = titles;
            g.upsert_edge(hi, ti, edge);
        }
        for ((a, b), n) in co {
            let (Some(ai), Some(bi)) = (g.node_index(&a), g.node_index(&b)) else {
                continue;
            };
            let mut edge = RelationEdge::new(RelationKind::CoMention);
            edge.count = n;
            g.upsert_edge(ai, bi, edge);
        }
        Ok(g)
    }

    /// Titles of every holds_post statement, by statement IRI.
    pub(super) fn all_titles(&self) -> Result<BTreeMap<String, BTreeSet<String>>> {
        let p = vocab::gx("title");
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(&p)),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(f), Some(t)) = (&q.subject, literal_text(&q.object)) {
                out.entry(f.as_str().to_owned()).or_default().insert(t.to_owned());
            }
        }
        Ok(out)
    }

    /// The whole graph for an export: every entity (also those without relations), the relations
    /// the filter allows with as much evidence as asked, and, when asked, every mention and the
    /// documents.
    pub fn whole_graph(&self, filter: &EdgeFilter, evidence: Evidence, mentions: bool) -> Result<KnowledgeGraph> {
        let mut g = self.entities_graph(filter)?;
        let typed: Vec<EdgeIndex> = g
            .edge_refs()
            .into_iter()
            .filter(|(_, _, _, e)| e.kind != RelationKind::CoMention)
            .map(|(e, ..)| e)
            .collect();
        self.fill_evidence(&mut g, &typed, evidence)?;
        if mentions {
            for (doc, table) in self.mention_tables(None)? {
                let mut per: BTreeMap<usize, Vec<MentionRef>> = BTreeMap::new();
                for (e, start, end, sentence, text) in table.mentions {
                    per.entry(e).or_default().push(MentionRef {
                        doc: doc.clone(),
                        text,
                        start,
                        end,
                        sentence,
                        rule: String::new(),
                    });
                }
                for (e, list) in per {
                    if let Some(i) = table.entities.get(e).and_then(|key| g.node_index(key)) {
                        g.node_mut(i).mentions.extend(list);
                    }
                }
            }
            for i in g.node_indices() {
                g.node_mut(i).mentions.sort();
            }
            for info in self.document_infos()? {
                g.add_document_info(info);
            }
        }
        Ok(g)
    }
}

//! Provenance reads: the evidence sentences of a few edges, the documents and mention tables
//! naming an entity, co-mentions, and document summaries.

use super::*;

impl GraphStore {
    /// The documents that name an entity most: (documents, mentions in all, and the `top` most
    /// mentioning documents with their counts and names used), from the claims — aggregates on
    /// encoded terms, then only the documents listed are decoded.
    pub fn documents_summary(&self, key: &str, top: usize) -> Result<(usize, usize, Vec<DocumentMentions>)> {
        let iri = entity_iri(key);
        let totals = self.select(&format!(
            "SELECT (COUNT(?g) AS ?docs) (SUM(?n) AS ?m) WHERE {{ GRAPH ?g {{ <{iri}> gx:mentionCount ?n }} }}"
        ))?;
        let (docs, mentions) = totals.first().map_or((0, 0), |r| (r.num("docs"), r.num("m")));
        let mut listed = Vec::new();
        // Sorted on the counts alone: integers compare encoded, while a tie-break on the graph IRI
        // would decode two IRIs per comparison (seconds for an entity most documents name). Ties
        // keep the index order, which the store's content fixes.
        for row in self.select(&format!(
            "SELECT ?g ?n WHERE {{ GRAPH ?g {{ <{iri}> gx:mentionCount ?n }} }} ORDER BY DESC(?n) LIMIT {top}"
        ))? {
            let Some(g) = row.opt_text("g") else { continue };
            let graph = NamedNode::new_unchecked(&g);
            let mut forms = BTreeSet::new();
            for p in ["name", "alias"] {
                let p = vocab::gx(p);
                for q in self.store.quads_for_pattern(
                    Some(NamedNodeRef::new_unchecked(&iri).into()),
                    Some(NamedNodeRef::new_unchecked(&p)),
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                ) {
                    forms.extend(literal_text(&q?.object).map(str::to_owned));
                }
            }
            listed.push((document_of_iri(&g).unwrap_or_default(), row.num("n"), forms));
        }
        listed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok((docs, mentions, listed))
    }

    /// Adds to typed edges their titles, the number of evidence records (a sentence of a
    /// document) and evidence sentences (as many as asked). Counting and titles run as SPARQL aggregates over every
    /// edge at once (on encoded terms, no strings decoded); sentences are read per edge, at most
    /// as many as asked.
    pub fn fill_evidence(&self, g: &mut KnowledgeGraph, edges: &[EdgeIndex], evidence: Evidence) -> Result<()> {
        let mut facts: BTreeMap<String, EdgeIndex> = BTreeMap::new();
        for &e in edges {
            let (h, t) = g.endpoints(e);
            let kind = g.edge(e).kind;
            if kind != RelationKind::CoMention {
                facts.insert(fact_iri(&g.node(h).key, kind, &g.node(t).key), e);
            }
        }
        let iris: Vec<&String> = facts.keys().collect();
        for chunk in iris.chunks(500) {
            let values: String = chunk.iter().map(|f| format!("<{f}> ")).collect();
            for row in self.select(&format!(
                "SELECT ?f ?t WHERE {{ VALUES ?f {{ {values} }} ?f gx:title ?t }}"
            ))? {
                if let (Some(f), Some(t)) = (row.opt_text("f"), row.opt_text("t"))
                    && let Some(&e) = facts.get(&f)
                {
                    g.edge_mut(e).titles.insert(t);
                }
            }
            if evidence == Evidence::None {
                continue;
            }
            // index-only: counting the evidence nodes decodes nothing (joining each node's
            // gx:count would cost a lookup per sentence of a hub's facts)
            for row in self.select(&format!(
                "SELECT ?f (COUNT(?ev) AS ?n) WHERE {{ VALUES ?f {{ {values} }} GRAPH ?g {{ ?ev gx:supports ?f }} }} GROUP BY ?f"
            ))? {
                if let Some(&e) = row.opt_text("f").and_then(|f| facts.get(&f)) {
                    let edge = g.edge_mut(e);
                    edge.evidence_total = row.num("n");
                    edge.count = row.num("n");
                }
            }
        }
        let wanted = match evidence {
            Evidence::None => return Ok(()),
            Evidence::AtMost(n) => n,
            Evidence::All => usize::MAX,
        };
        let supports = vocab::gx("supports");
        for (f, e) in facts {
            let fact = NamedNode::new_unchecked(f);
            // the index is read lazily: only the evidence nodes taken are decoded
            let found: Vec<(NamedOrBlankNode, NamedNode)> = self
                .store
                .quads_for_pattern(
                    None,
                    Some(NamedNodeRef::new_unchecked(&supports)),
                    Some(fact.as_ref().into()),
                    None,
                )
                .filter_map(|q| match q {
                    Ok(q) => match q.graph_name {
                        oxigraph::model::GraphName::NamedNode(g) => Some(Ok((q.subject, g))),
                        _ => None,
                    },
                    Err(e) => Some(Err(e)),
                })
                .take(wanted)
                .collect::<Result<_, _>>()?;
            let mut refs = Vec::with_capacity(found.len());
            for (ev, graph) in found {
                let mut r = EvidenceRef {
                    doc: document_of_iri(graph.as_str()).unwrap_or_default(),
                    text: String::new(),
                    start: 0,
                    end: 0,
                    sentence: 0,
                    rule: String::new(),
                    title: None,
                };
                for q in self.store.quads_for_pattern(
                    Some(ev.as_ref()),
                    None,
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                ) {
                    let q = q?;
                    let Some(local) = q.predicate.as_str().strip_prefix(vocab::GX) else {
                        continue;
                    };
                    let text = || literal_text(&q.object).unwrap_or_default().to_owned();
                    let num = || literal_text(&q.object).and_then(|s| s.parse().ok()).unwrap_or(0);
                    match local {
                        "evidence" => r.text = text(),
                        "start" => r.start = num(),
                        "end" => r.end = num(),
                        "sentence" => r.sentence = num(),
                        "rule" => r.rule = text(),
                        "title" => r.title = Some(text()),
                        _ => {}
                    }
                }
                refs.push(r);
            }
            refs.sort();
            let edge = g.edge_mut(e);
            if edge.evidence_total <= refs.len() {
                edge.evidence_total = 0;
            }
            edge.evidence = refs;
        }
        Ok(())
    }

    /// Mention tables of every document (`None`) or of the documents naming an entity.
    pub(super) fn mention_tables(&self, of: Option<&str>) -> Result<Vec<(String, MentionTable)>> {
        let table_p = vocab::gx("mentionTable");
        let docs: Vec<NamedNode> = match of {
            Some(key) => self.documents_naming(key)?,
            None => {
                let mut out = Vec::new();
                for q in self
                    .store
                    .quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(&table_p)), None, None)
                {
                    if let NamedOrBlankNode::NamedNode(d) = q?.subject {
                        out.push(d);
                    }
                }
                out.dedup();
                out
            }
        };
        let mut out = Vec::new();
        for d in docs {
            let name = document_of_iri(d.as_str()).unwrap_or_default();
            for q in self.store.quads_for_pattern(
                Some(d.as_ref().into()),
                Some(NamedNodeRef::new_unchecked(&table_p)),
                None,
                Some(GraphNameRef::NamedNode(d.as_ref())),
            ) {
                if let Some(t) = literal_text(&q?.object).and_then(MentionTable::parse) {
                    out.push((name.clone(), t));
                }
            }
        }
        Ok(out)
    }

    /// The documents whose graph names an entity, in name order.
    pub fn documents_naming(&self, key: &str) -> Result<Vec<NamedNode>> {
        let iri = NamedNode::new_unchecked(entity_iri(key));
        let p = vocab::gx("name");
        let mut out = BTreeSet::new();
        for q in self.store.quads_for_pattern(
            Some(iri.as_ref().into()),
            Some(NamedNodeRef::new_unchecked(&p)),
            None,
            None,
        ) {
            if let oxigraph::model::GraphName::NamedNode(d) = q?.graph_name {
                out.insert(d);
            }
        }
        let mut out: Vec<NamedNode> = out.into_iter().collect();
        out.sort_by_key(|d| document_of_iri(d.as_str()));
        Ok(out)
    }

    /// Every mention of an entity, in (document, offset) order, and the entities named in a
    /// sentence with it with the number of such sentences — one pass over its documents' tables.
    pub fn provenance(&self, key: &str) -> Result<(Vec<MentionRef>, BTreeMap<String, usize>)> {
        let mut mentions = Vec::new();
        let mut co: BTreeMap<String, usize> = BTreeMap::new();
        for (doc, table) in self.mention_tables(Some(key))? {
            let Some(i) = table.entities.iter().position(|k| k == key) else {
                continue;
            };
            for (e, start, end, sentence, text) in table.mentions {
                if e == i {
                    mentions.push(MentionRef {
                        doc: doc.clone(),
                        text,
                        start,
                        end,
                        sentence,
                        rule: String::new(),
                    });
                }
            }
            for (a, b, n, _) in &table.co_mentions {
                let other = if *a == i {
                    *b
                } else if *b == i {
                    *a
                } else {
                    continue;
                };
                if let Some(k) = table.entities.get(other) {
                    *co.entry(k.clone()).or_default() += n;
                }
            }
        }
        mentions.sort();
        Ok((mentions, co))
    }

    /// The documents that name an entity, in name order: how many times each names it and the
    /// names it uses (the document's name and aliases claims) — read from the claims, not from
    /// the mention tables, so it costs one index entry per document.
    pub fn documents_mentioning(&self, key: &str) -> Result<Vec<DocumentMentions>> {
        let iri = entity_iri(key);
        let mut docs: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
        for row in self.select(&format!(
            "SELECT ?g ?n ?name WHERE {{ GRAPH ?g {{ <{iri}> gx:name ?name OPTIONAL {{ <{iri}> gx:mentionCount ?n }} }} }}"
        ))? {
            let Some(doc) = row.opt_text("g").and_then(|g| document_of_iri(&g)) else { continue };
            let d = docs.entry(doc).or_default();
            d.0 = d.0.max(row.num("n"));
            d.1.extend(row.opt_text("name"));
        }
        for row in self.select(&format!("SELECT ?g ?a WHERE {{ GRAPH ?g {{ <{iri}> gx:alias ?a }} }}"))? {
            if let Some(doc) = row.opt_text("g").and_then(|g| document_of_iri(&g))
                && let Some(d) = docs.get_mut(&doc)
            {
                d.1.extend(row.opt_text("a"));
            }
        }
        Ok(docs.into_iter().map(|(d, (n, forms))| (d, n, forms)).collect())
    }

    /// Entities named in a sentence with this one, with the number of such sentences.
    pub fn co_mentions_of(&self, key: &str) -> Result<BTreeMap<String, usize>> {
        Ok(self.provenance(key)?.1)
    }

    /// Name, path and hash of every stored document.
    pub fn document_infos(&self) -> Result<Vec<crate::graph::DocumentInfo>> {
        let mut out = Vec::new();
        for row in self.select(
            "SELECT ?name ?path ?hash WHERE { GRAPH ?doc { ?doc a gx:Document ; gx:fileName ?name ; gx:contentHash ?hash . OPTIONAL { ?doc gx:sourcePath ?path } } } ORDER BY ?name",
        )? {
            out.push(crate::graph::DocumentInfo {
                name: row.opt_text("name").unwrap_or_default(),
                path: row.opt_text("path").unwrap_or_default(),
                content_hash: row.opt_text("hash").unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// How many documents name each entity.
    pub fn document_count(&self, key: &str) -> Result<usize> {
        Ok(self.documents_naming(key)?.len())
    }
}

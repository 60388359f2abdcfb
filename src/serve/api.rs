//! The explorer's JSON (and SVG) API under `/api/`. Each answer is what a graph command prints,
//! read by the same functions: the entity card of `guanxi show` (`cli/show.rs`), the paths of
//! `guanxi trace` (`cli/trace.rs`), the neighbourhood picture of `guanxi export --format svg`
//! (`export/svg.rs`), and a document's view (`rdf/serving.rs`).

use super::State;
use super::http::{Reply, param};
use crate::cli::describe::entity_json;
use crate::cli::{show, trace};
use crate::export::dot::DotOptions;
use crate::export::svg::to_svg;
use crate::graph::KnowledgeGraph;
use crate::graph::algorithms::EdgeFilter;
use crate::graph::lookup::{Lookup, fold};
use crate::rdf::Evidence;
use anyhow::Result;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Relations listed per group on an entity page (the page says how many more there are).
const RELATIONS_PER_GROUP: usize = 50;
/// Evidence sentences per relation on an entity page.
const EVIDENCE_PER_RELATION: usize = 3;
/// Documents listed on an entity page (those naming it most; the page says how many in all).
const DOCUMENTS_LISTED: usize = 50;
/// Search results.
const SEARCH_LIMIT: usize = 60;
/// Deepest neighbourhood picture.
const MAX_DEPTH: usize = 3;

pub fn handle(state: &State, _req: &tiny_http::Request, path: &str, params: &[(String, String)]) -> Reply {
    let result = match path {
        "/api/info" => info(state),
        "/api/search" => search(state, param(params, "q").unwrap_or("")),
        "/api/resolve" => resolve(state, param(params, "name").unwrap_or("")),
        "/api/entity" => entity(state, params),
        "/api/comentions" => co_mentions(state, param(params, "key").unwrap_or("")),
        "/api/neighbourhood.svg" => return neighbourhood(state, params),
        "/api/trace" => paths(state, params),
        "/api/document" => document(state, param(params, "name").unwrap_or("")),
        _ => return Reply::text(404, format!("no API at {path}")),
    };
    match result {
        Ok(Ok(v)) => Reply::json(200, &v),
        Ok(Err(r)) => r,
        Err(e) => Reply::text(500, format!("{e:#}")),
    }
}

type Answer = Result<std::result::Result<Value, Reply>>;

fn info(state: &State) -> Answer {
    let s = state.store.summary()?;
    let docs: Vec<Value> = state
        .store
        .document_list()?
        .into_iter()
        .map(|(name, chars)| json!({ "name": name, "chars": chars }))
        .collect();
    Ok(Ok(json!({
        "summary": s,
        "documents": docs,
        "examples": super::assets::examples(),
        "read_only": !state.config.allow_update,
        "max_rows": state.config.max_rows,
        "timeout": state.config.timeout.as_secs(),
    })))
}

/// How a search matched an entity: (0 exact, 1 prefix, 2 substring; characters of the name or
/// alias that matched; that name; whether it is an alias; node index).
type Hit = (u8, usize, String, bool, usize);

/// Prefix, alias and substring search over every entity's names, best first.
fn search(state: &State, q: &str) -> Answer {
    let g = state.names()?;
    let q = fold(q);
    if q.is_empty() {
        return Ok(Ok(json!({ "results": [] })));
    }
    let mut best: BTreeMap<String, Hit> = BTreeMap::new();
    for (i, n) in g.nodes() {
        for (k, surface) in std::iter::once(&n.name).chain(n.aliases.iter()).enumerate() {
            let s = fold(surface);
            let how = if s == q {
                0
            } else if s.starts_with(&q) {
                1
            } else if s.contains(&q) {
                2
            } else {
                continue;
            };
            let cand = (how, surface.chars().count(), surface.clone(), k > 0, i.index());
            if best.get(&n.key).is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                best.insert(n.key.clone(), cand);
            }
        }
    }
    let mut hits: Vec<(String, Hit)> = best.into_iter().collect();
    hits.sort_by(|a, b| (a.1.0, a.1.1, &a.0).cmp(&(b.1.0, b.1.1, &b.0)));
    let total = hits.len();
    hits.truncate(SEARCH_LIMIT);
    let results: Vec<Value> = hits
        .into_iter()
        .filter_map(|(key, (how, _, matched, alias, _))| {
            let i = g.node_index(&key)?;
            let mut v = entity_json(g.node(i));
            v["label"] = json!(crate::cli::describe::class_label(g.node(i)));
            v["matched"] = json!(matched);
            v["alias"] = json!(alias);
            v["match"] = json!(["exact", "prefix", "substring"][how as usize]);
            Some(v)
        })
        .collect();
    Ok(Ok(json!({ "results": results, "total": total })))
}

/// A name, alias or key → the entity's key, or the closest candidates.
fn resolve_key(state: &State, name: &str) -> Result<std::result::Result<String, Value>> {
    let (g, found) = state.store.find_entity(name)?;
    let list = |c: Vec<crate::graph::lookup::Candidate>, g: &KnowledgeGraph| -> Vec<Value> {
        c.into_iter()
            .map(|c| {
                let mut v = entity_json(g.node(c.node));
                v["match"] = json!(c.kind.describe());
                v["matched"] = json!(c.matched);
                v
            })
            .collect()
    };
    Ok(match found {
        Lookup::Found(i) => Ok(g.node(i).key.clone()),
        Lookup::Ambiguous(c) => {
            Err(json!({ "error": format!("\"{name}\" names several entities"), "candidates": list(c, &g) }))
        }
        Lookup::NotFound(c) => {
            Err(json!({ "error": format!("no entity named \"{name}\""), "candidates": list(c, &g) }))
        }
    })
}

fn resolve(state: &State, name: &str) -> Answer {
    Ok(match resolve_key(state, name)? {
        Ok(key) => Ok(json!({ "key": key })),
        Err(v) => Err(Reply::json(404, &v)),
    })
}

/// `key=` or `name=` → the entity's key, or a 404 with candidates.
fn key_param(state: &State, params: &[(String, String)]) -> Result<std::result::Result<String, Reply>> {
    let name = param(params, "key").or_else(|| param(params, "name")).unwrap_or("");
    Ok(resolve_key(state, name)?.map_err(|v| Reply::json(404, &v)))
}

fn entity(state: &State, params: &[(String, String)]) -> Answer {
    let key = match key_param(state, params)? {
        Ok(k) => k,
        Err(r) => return Ok(Err(r)),
    };
    let card = show::load(
        &state.store,
        &key,
        false,
        Evidence::AtMost(EVIDENCE_PER_RELATION),
        Some(RELATIONS_PER_GROUP),
        Some(DOCUMENTS_LISTED),
    )?;
    let Some(card) = card else {
        return Ok(Err(Reply::text(404, format!("no entity {key}"))));
    };
    let mut v = card.json();
    v["groups"] = card.group_totals();
    if let Some(e) = state.store.entity(&key)? {
        v["entity"]["label"] = json!(crate::cli::describe::class_label(&e));
        v["entity"]["within"] = json!(hierarchy(state, &key)?);
    }
    Ok(Ok(v))
}

/// The places a place lies in, innermost first (its place in the division hierarchy).
fn hierarchy(state: &State, key: &str) -> Result<Vec<Value>> {
    let filter = EdgeFilter::new([crate::extract::model::RelationKind::PartOf], false);
    let mut out = Vec::new();
    let mut seen = BTreeSet::from([key.to_owned()]);
    let mut at = key.to_owned();
    for _ in 0..6 {
        let g = state.store.entity_card(&at, &filter, Evidence::None, None)?.graph;
        let Some(i) = g.node_index(&at) else { break };
        let up = g
            .edge_refs()
            .into_iter()
            .filter(|(_, h, t, _)| *h == i && *t != i)
            .map(|(_, _, t, _)| g.node(t))
            .filter(|n| n.class == crate::extract::model::EntityClass::Place && !seen.contains(&n.key))
            .min_by_key(|n| {
                n.code
                    .as_ref()
                    .map_or(usize::MAX, |c| usize::MAX - c.trim_end_matches('0').len())
            });
        let Some(up) = up else { break };
        out.push(entity_json(up));
        seen.insert(up.key.clone());
        at = up.key.clone();
    }
    Ok(out)
}

fn co_mentions(state: &State, key: &str) -> Answer {
    let mut list: Vec<(usize, String)> = state
        .store
        .co_mentions_of(key)?
        .into_iter()
        .map(|(k, n)| (n, k))
        .collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    for (n, k) in list.into_iter().take(200) {
        if let Some(e) = state.store.entity(&k)? {
            let mut v = entity_json(&e);
            v["label"] = json!(crate::cli::describe::class_label(&e));
            v["sentences"] = json!(n);
            out.push(v);
        }
    }
    Ok(Ok(json!({ "co_mentions": out })))
}

fn kinds(params: &[(String, String)], name: &str) -> std::result::Result<EdgeFilter, Reply> {
    let types: Vec<String> = param(params, name)
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    crate::cli::resolve::edge_filter(&types, false).map_err(|m| Reply::text(400, m))
}

/// The neighbourhood picture of one or more entities (`keys=a,b`: expanded in place).
fn neighbourhood(state: &State, params: &[(String, String)]) -> Reply {
    let keys: Vec<String> = param(params, "keys")
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if keys.is_empty() {
        return Reply::text(400, "keys= names the entities to draw");
    }
    let depth = param(params, "depth")
        .and_then(|d| d.parse().ok())
        .unwrap_or(1usize)
        .clamp(1, MAX_DEPTH);
    let filter = match kinds(params, "types") {
        Ok(f) => f,
        Err(r) => return r,
    };
    let g = match state.store.neighbourhood(&keys, depth, &filter, Evidence::None) {
        Ok(g) => g,
        Err(e) => return Reply::text(500, format!("{e:#}")),
    };
    let mut opts = DotOptions::default();
    for k in &keys {
        if let Some(i) = g.node_index(k) {
            opts.highlight.insert(i);
        }
    }
    let names: Vec<&str> = opts.highlight.iter().map(|&i| g.node(i).name.as_str()).collect();
    opts.title = Some(format!("{} — {depth}-hop neighbourhood", names.join("、")));
    match to_svg(&g, &opts) {
        Ok(svg) => Reply::new(200, "image/svg+xml; charset=utf-8", svg),
        Err(e) => Reply::text(422, format!("{e}: lower the depth or choose relation types")),
    }
}

fn paths(state: &State, params: &[(String, String)]) -> Answer {
    let (from, to) = (param(params, "from").unwrap_or(""), param(params, "to").unwrap_or(""));
    let ka = match resolve_key(state, from)? {
        Ok(k) => k,
        Err(v) => return Ok(Err(Reply::json(404, &v))),
    };
    let kb = match resolve_key(state, to)? {
        Ok(k) => k,
        Err(v) => return Ok(Err(Reply::json(404, &v))),
    };
    if ka == kb {
        return Ok(Err(Reply::text(400, "the two names are the same entity")));
    }
    let filter = match kinds(params, "via") {
        Ok(f) => f,
        Err(r) => return Ok(Err(r)),
    };
    let num = |k: &str, d: usize, max: usize| param(params, k).and_then(|v| v.parse().ok()).unwrap_or(d).clamp(1, max);
    let (k, max_hops) = (num("k", 3, 10), num("max_hops", 6, 10));
    let found = trace::find_paths(&state.store, &ka, &kb, &filter, k, max_hops, Evidence::AtMost(1))?;
    let ends = |g: Option<&KnowledgeGraph>, key: &str| -> Result<Value> {
        Ok(
            match g.and_then(|g| g.node_index(key).map(|i| entity_json(g.node(i)))) {
                Some(v) => v,
                None => state
                    .store
                    .entity(key)?
                    .map(|e| entity_json(&e))
                    .unwrap_or(json!({ "key": key })),
            },
        )
    };
    Ok(Ok(match found {
        Some((g, list)) => json!({
            "from": ends(Some(&g), &ka)?,
            "to": ends(Some(&g), &kb)?,
            "max_hops": max_hops,
            "paths": list.iter().map(|p| trace::path_json(&g, p)).collect::<Vec<_>>(),
        }),
        None => json!({
            "from": ends(None, &ka)?,
            "to": ends(None, &kb)?,
            "max_hops": max_hops,
            "paths": [],
            "hint": format!("no path within {max_hops} hops over these relations (`guanxi trace` explains why)"),
        }),
    }))
}

fn document(state: &State, name: &str) -> Answer {
    let Some(view) = state.store.document_view(name)? else {
        return Ok(Err(Reply::text(
            404,
            format!("no document named {name:?} in the store"),
        )));
    };
    // one entity list for every part's table
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut entities = Vec::new();
    let mut mentions = Vec::new();
    let mut slot = |key: &str, entities: &mut Vec<Value>| -> Result<usize> {
        if let Some(&i) = index.get(key) {
            return Ok(i);
        }
        let v = match state.store.entity(key)? {
            Some(e) => {
                let mut v = entity_json(&e);
                v["label"] = json!(crate::cli::describe::class_label(&e));
                v
            }
            None => json!({ "key": key, "name": key }),
        };
        entities.push(v);
        index.insert(key.to_owned(), entities.len() - 1);
        Ok(entities.len() - 1)
    };
    for t in &view.tables {
        for (e, start, end, sentence, surface) in &t.mentions {
            let Some(key) = t.entities.get(*e) else { continue };
            let i = slot(key, &mut entities)?;
            mentions.push(json!([i, start, end, sentence, surface]));
        }
    }
    let mut relations = Vec::new();
    for r in &view.relations {
        let (h, t) = (slot(&r.head, &mut entities)?, slot(&r.tail, &mut entities)?);
        let mut v = json!(r);
        v["head"] = json!(h);
        v["tail"] = json!(t);
        relations.push(v);
    }
    Ok(Ok(json!({
        "name": view.name,
        "path": view.path,
        "chars": view.chars,
        "text": view.text,
        "entities": entities,
        "mentions": mentions,
        "relations": relations,
    })))
}

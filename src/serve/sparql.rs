//! The SPARQL 1.1 Protocol at `/sparql`: queries by GET `query=`, POST form or POST
//! `application/sparql-query`; updates by POST form `update=` or `application/sparql-update`
//! (refused unless `--allow-update`, and then only with the server's token); content
//! negotiation for results (JSON, XML, CSV, TSV) and graphs (Turtle, N-Triples, JSON-LD,
//! RDF/XML); the service description when no operation is given.
//!
//! Every query runs under the limits of `limits.rs` and a row cap (`--max-rows`, raised per
//! request with `max-rows=N`); a capped answer says so in `X-Guanxi-Truncated: true`. The
//! default graph is the knowledge graph; `default-graph-uri`/`named-graph-uri` and `FROM`
//! choose other graphs, as the protocol says.

use super::State;
use super::http::{Reply, header, media_type, negotiate, param, parse_pairs, read_body};
use super::limits::{self, Meter, Running, Stop};
use crate::rdf::vocab;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use spargebra::SparqlParser;
use std::sync::Arc;

/// Largest query or update text accepted (413 above).
pub const MAX_QUERY_BYTES: usize = 1 << 20;

const RESULT_OFFERS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
];

fn graph_offers() -> [(&'static str, RdfFormat); 6] {
    [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
        ("application/rdf+xml", RdfFormat::RdfXml),
        ("text/plain", RdfFormat::NTriples),
        (
            "application/json",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ]
}

/// What a request asks.
enum Operation {
    Query(String),
    Update(String),
    Describe,
}

/// Handles a request to `/sparql`.
pub fn handle(state: &Arc<State>, req: &mut tiny_http::Request, url_params: Vec<(String, String)>) -> Reply {
    let accept = header(req, "Accept");
    let (op, params) = match req.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => {
            let op = if let Some(q) = param(&url_params, "query") {
                Operation::Query(q.to_owned())
            } else if param(&url_params, "update").is_some() {
                return Reply::text(405, "SPARQL Update must be sent with POST").header("Allow", "POST");
            } else {
                Operation::Describe
            };
            (op, url_params)
        }
        tiny_http::Method::Post => {
            let ct = header(req, "Content-Type").map(|c| media_type(&c)).unwrap_or_default();
            let body = match read_body(req, MAX_QUERY_BYTES) {
                Ok(b) => b,
                Err(true) => {
                    return Reply::text(413, format!("request body larger than {MAX_QUERY_BYTES} bytes"));
                }
                Err(false) => return Reply::text(400, "could not read the request body"),
            };
            let text = String::from_utf8_lossy(&body).into_owned();
            match ct.as_str() {
                "application/x-www-form-urlencoded" => {
                    let mut params = parse_pairs(&text);
                    params.extend(url_params);
                    let op = if let Some(q) = param(&params, "query") {
                        Operation::Query(q.to_owned())
                    } else if let Some(u) = param(&params, "update") {
                        Operation::Update(u.to_owned())
                    } else {
                        return Reply::text(400, "the form has neither a query= nor an update= field");
                    };
                    (op, params)
                }
                "application/sparql-query" => (Operation::Query(text), url_params),
                "application/sparql-update" => (Operation::Update(text), url_params),
                other => {
                    return Reply::text(
                        415,
                        format!(
                            "unsupported Content-Type {other:?}: use application/sparql-query, \
                             application/sparql-update or application/x-www-form-urlencoded"
                        ),
                    );
                }
            }
        }
        _ => return Reply::text(405, "use GET or POST").header("Allow", "GET, POST"),
    };
    match op {
        Operation::Query(q) => query(state, &q, &params, accept.as_deref()),
        Operation::Update(u) => update(state, req, &u),
        Operation::Describe => describe(state, req, accept.as_deref()),
    }
}

/// The evaluator every request uses: cancellable. No SERVICE call leaves the machine (this
/// build has no HTTP client in Oxigraph).
fn evaluator(running: &Running) -> SparqlEvaluator {
    SparqlEvaluator::new().with_cancellation_token(running.token.clone())
}

/// The parser every request uses: the project's prefixes are predeclared.
fn parser() -> SparqlParser {
    let mut p = SparqlParser::new();
    for (prefix, iri) in vocab::PREFIXES {
        if let Ok(with) = p.clone().with_prefix(*prefix, *iri) {
            p = with;
        }
    }
    p
}

fn graph_names(params: &[(String, String)], name: &str) -> Result<Vec<NamedNode>, Reply> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| NamedNode::new(v.clone()).map_err(|e| Reply::text(400, format!("bad {name} {v:?}: {e}"))))
        .collect()
}

fn query(state: &Arc<State>, text: &str, params: &[(String, String)], accept: Option<&str>) -> Reply {
    let parsed = match parser().parse_query(text) {
        Ok(p) => p,
        Err(e) => return Reply::text(400, format!("SPARQL syntax error: {e}")),
    };
    let is_graph = matches!(
        parsed,
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
    );
    // the format is chosen before anything is evaluated
    let forced = param(params, "format").map(str::to_ascii_lowercase);
    let offers = graph_offers();
    let format = if is_graph {
        let f = match forced.as_deref() {
            Some("turtle" | "ttl") => Some(RdfFormat::Turtle),
            Some("ntriples" | "nt") => Some(RdfFormat::NTriples),
            Some("jsonld" | "json") => Some(offers[2].1),
            Some("rdfxml" | "xml") => Some(RdfFormat::RdfXml),
            _ => negotiate(accept, &offers),
        };
        match f {
            Some(f) => Format::Graph(f),
            None => return not_acceptable(offers.iter().map(|o| o.0)),
        }
    } else {
        let f = match forced.as_deref() {
            Some("json") => Some(QueryResultsFormat::Json),
            Some("xml") => Some(QueryResultsFormat::Xml),
            Some("csv") => Some(QueryResultsFormat::Csv),
            Some("tsv") => Some(QueryResultsFormat::Tsv),
            _ => negotiate(accept, RESULT_OFFERS),
        };
        match f {
            Some(f) => Format::Results(f),
            None => return not_acceptable(RESULT_OFFERS.iter().map(|o| o.0)),
        }
    };
    let cap = param(params, "max-rows")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(state.config.max_rows);
    let defaults = match graph_names(params, "default-graph-uri") {
        Ok(d) => d,
        Err(r) => return r,
    };
    let named = match graph_names(params, "named-graph-uri") {
        Ok(d) => d,
        Err(r) => return r,
    };
    if let Some(r) = limits::refuse_while_abandoned(state.config.workers) {
        return r;
    }
    // The evaluation runs on a thread of its own: the worker answers 504/507 at the deadline
    // even if the evaluation is in a step that does not look at its cancellation token (a sort
    // already under way), and that thread then finishes alone, within its memory budget.
    let running = state.watchdog.watch(state.config.timeout);
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let spawned = {
        let (state, running) = (state.clone(), running.clone());
        std::thread::Builder::new().name("guanxi-query".into()).spawn(move || {
            let _meter = Meter::arm(&running, state.config.max_memory);
            let reply = evaluate(&state, parsed, defaults, named, format, cap, &running);
            if tx.send(reply).is_err() {
                limits::abandoned_finished();
            }
        })
    };
    if let Err(e) = spawned {
        return Reply::text(503, format!("cannot start a query thread: {e}"));
    }
    // the watchdog cancels at the deadline; a little grace lets the evaluation notice it
    match rx.recv_timeout(state.config.timeout + std::time::Duration::from_millis(500)) {
        Ok(reply) => reply,
        Err(_) => {
            limits::abandoned_started();
            stop_reply(running.stopped().unwrap_or(Stop::Timeout), Some(state))
        }
    }
}

/// Evaluates a parsed query and writes at most `cap` rows in `format`.
fn evaluate(
    state: &State,
    parsed: spargebra::Query,
    defaults: Vec<NamedNode>,
    named: Vec<NamedNode>,
    format: Format,
    cap: usize,
    running: &Arc<Running>,
) -> Reply {
    let mut prepared = evaluator(running).for_query(parsed);
    if !defaults.is_empty() {
        prepared
            .dataset_mut()
            .set_default_graph(defaults.into_iter().map(GraphName::NamedNode).collect());
    }
    if !named.is_empty() {
        prepared
            .dataset_mut()
            .set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::NamedNode).collect());
    }
    let results = match prepared.on_store(state.store.raw()).execute() {
        Ok(r) => r,
        Err(e) => return evaluation_error(running, &e),
    };
    let written = match format {
        Format::Results(f) => write_results(results, f, cap, running).map(|(b, n, t)| (b, n, t, f.media_type())),
        Format::Graph(f) => write_graph(results, f, cap, running).map(|(b, n, t)| (b, n, t, f.media_type())),
    };
    match written {
        Ok((body, rows, truncated, media)) => {
            let media = if media.contains("charset") {
                media.to_owned()
            } else {
                format!("{media}; charset=utf-8")
            };
            let mut r = Reply::new(200, &media, body).header("X-Guanxi-Rows", rows.to_string());
            if truncated {
                r = r
                    .header("X-Guanxi-Truncated", "true")
                    .header("X-Guanxi-Max-Rows", cap.to_string());
            }
            r
        }
        Err(Failure::Eval(e)) => evaluation_error(running, &e),
        Err(Failure::Stopped(s)) => stopped(state, s),
        Err(Failure::Io(e)) => Reply::text(500, format!("could not write the results: {e}")),
    }
}

#[derive(Clone, Copy)]
enum Format {
    Results(QueryResultsFormat),
    Graph(RdfFormat),
}

enum Failure {
    Eval(QueryEvaluationError),
    Stopped(Stop),
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

/// Serializes at most `cap` solutions; (body, rows, truncated).
fn write_results(
    results: QueryResults<'_>,
    fmt: QueryResultsFormat,
    cap: usize,
    running: &Running,
) -> Result<(Vec<u8>, usize, bool), Failure> {
    let serializer = QueryResultsSerializer::from_format(fmt);
    match results {
        QueryResults::Boolean(b) => Ok((serializer.serialize_boolean_to_writer(Vec::new(), b)?, 1, false)),
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let mut w = serializer.serialize_solutions_to_writer(Vec::new(), vars)?;
            let mut rows = 0;
            let mut truncated = false;
            for s in solutions {
                if let Some(stop) = running.stopped() {
                    return Err(Failure::Stopped(stop));
                }
                let s = s.map_err(Failure::Eval)?;
                if rows == cap {
                    truncated = true;
                    break;
                }
                w.serialize(s.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                rows += 1;
            }
            Ok((w.finish()?, rows, truncated))
        }
        QueryResults::Graph(_) => unreachable_graph(),
    }
}

fn unreachable_graph() -> Result<(Vec<u8>, usize, bool), Failure> {
    Err(Failure::Io(std::io::Error::other(
        "graph results given to the solutions writer",
    )))
}

/// Serializes at most `cap` triples; (body, triples, truncated).
fn write_graph(
    results: QueryResults<'_>,
    fmt: RdfFormat,
    cap: usize,
    running: &Running,
) -> Result<(Vec<u8>, usize, bool), Failure> {
    let QueryResults::Graph(triples) = results else {
        return unreachable_graph();
    };
    let mut serializer = RdfSerializer::from_format(fmt);
    if matches!(fmt, RdfFormat::Turtle | RdfFormat::RdfXml) {
        for (p, iri) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*p, *iri)
                .map_err(|e| Failure::Io(std::io::Error::other(e.to_string())))?;
        }
    }
    let mut w = serializer.for_writer(Vec::new());
    let mut rows = 0;
    let mut truncated = false;
    for t in triples {
        if let Some(stop) = running.stopped() {
            return Err(Failure::Stopped(stop));
        }
        let t = t.map_err(Failure::Eval)?;
        if rows == cap {
            truncated = true;
            break;
        }
        w.serialize_triple(&t)?;
        rows += 1;
    }
    Ok((w.finish()?, rows, truncated))
}

fn not_acceptable<'a>(offers: impl Iterator<Item = &'a str>) -> Reply {
    let list: Vec<&str> = offers.collect();
    Reply::text(
        406,
        format!("no acceptable format; this query can answer in: {}", list.join(", ")),
    )
}

fn evaluation_error(running: &Running, e: &QueryEvaluationError) -> Reply {
    if matches!(e, QueryEvaluationError::Cancelled)
        && let Some(stop) = running.stopped()
    {
        return stop_reply(stop, None);
    }
    Reply::text(500, format!("SPARQL evaluation error: {e}"))
}

fn stopped(state: &State, stop: Stop) -> Reply {
    stop_reply(stop, Some(state))
}

fn stop_reply(stop: Stop, state: Option<&State>) -> Reply {
    match stop {
        Stop::Timeout => Reply::text(
            504,
            format!(
                "the query ran longer than the server's time limit{} and was stopped; add LIMIT, \
                 narrow the pattern, or ask the operator for a longer --timeout",
                state
                    .map(|s| format!(" ({} s)", s.config.timeout.as_secs()))
                    .unwrap_or_default()
            ),
        ),
        Stop::Memory => Reply::text(
            507,
            format!(
                "the query needed more memory than one query may use{} and was stopped (an ORDER BY \
                 or GROUP BY over a very large solution set?); narrow the pattern or add LIMIT",
                state
                    .map(|s| format!(" ({} MB)", s.config.max_memory >> 20))
                    .unwrap_or_default()
            ),
        ),
    }
}

fn update(state: &State, req: &tiny_http::Request, text: &str) -> Reply {
    if !state.config.allow_update {
        return Reply::text(
            403,
            "this endpoint is read-only: SPARQL Update is refused. Start `guanxi serve --allow-update` and \
             send the token from serve.json in the store directory as `Authorization: Bearer TOKEN`",
        );
    }
    if let Err(r) = super::check_token(state, req) {
        return r;
    }
    let running = state.watchdog.watch(state.config.timeout);
    let mut ev = evaluator(&running);
    for (p, iri) in vocab::PREFIXES {
        if let Ok(with) = ev.clone().with_prefix(*p, *iri) {
            ev = with;
        }
    }
    let update = match ev.parse_update(text) {
        Ok(u) => u,
        Err(e) => return Reply::text(400, format!("SPARQL syntax error: {e}")),
    };
    let _writing = state.writing.lock();
    let _meter = Meter::arm(&running, state.config.max_memory);
    match update.on_store(state.store.raw()).execute() {
        Ok(()) => {
            // the facts changed behind the relation index's back
            state.store.invalidate_index();
            let _ = state.store.refresh_index();
            state.forget_names();
            Reply::text(204, "")
        }
        Err(e) => Reply::text(400, format!("SPARQL update error: {e}")),
    }
}

/// The SPARQL service description (Turtle, or another graph format by `Accept`); a browser is
/// sent to the explorer's query page.
fn describe(state: &State, req: &tiny_http::Request, accept: Option<&str>) -> Reply {
    if accept.is_some_and(|a| a.contains("text/html")) {
        return Reply::text(303, "see /#/sparql").header("Location", "/#/sparql");
    }
    let host = header(req, "Host").unwrap_or_else(|| state.addr.clone());
    let update = if state.config.allow_update {
        ", sd:SPARQL11Update"
    } else {
        ""
    };
    let triples = state.store.raw().len().unwrap_or(0);
    let ttl = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix formats: <http://www.w3.org/ns/formats/> .\n\
         @prefix dcterms: <http://purl.org/dc/terms/> .\n\
         @prefix void: <http://rdfs.org/ns/void#> .\n\
         <http://{host}/sparql#service> a sd:Service ;\n\
         \x20 sd:endpoint <http://{host}/sparql> ;\n\
         \x20 sd:supportedLanguage sd:SPARQL11Query{update} ;\n\
         \x20 sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV, \
         formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:JSON-LD, formats:RDF_XML ;\n\
         \x20 sd:feature sd:EmptyGraphs ;\n\
         \x20 sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;\n\
         \x20 dcterms:description \"guanxi knowledge graph: the default graph holds each fact once; each document's \
         named graph (https://guanxi.dev/doc/FILE) its provenance\" ;\n\
         \x20 sd:defaultDataset [ a sd:Dataset ;\n\
         \x20   sd:defaultGraph [ a sd:Graph ; dcterms:title \"the knowledge graph\" ] ;\n\
         \x20   void:triples {triples} ] .\n"
    );
    let offers = graph_offers();
    let Some(fmt) = negotiate(accept, &offers) else {
        return not_acceptable(offers.iter().map(|o| o.0));
    };
    if fmt == RdfFormat::Turtle {
        return Reply::new(200, "text/turtle; charset=utf-8", ttl);
    }
    let mut w = RdfSerializer::from_format(fmt).for_writer(Vec::new());
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
        match t {
            Ok(q) => {
                if w.serialize_quad(&q).is_err() {
                    return Reply::text(500, "could not write the service description");
                }
            }
            Err(e) => return Reply::text(500, format!("service description: {e}")),
        }
    }
    match w.finish() {
        Ok(body) => Reply::new(200, &format!("{}; charset=utf-8", fmt.media_type()), body),
        Err(e) => Reply::text(500, format!("service description: {e}")),
    }
}

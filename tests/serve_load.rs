//! `guanxi serve` under load, on loopback only, with bounded request counts and times:
//! parallel queries while `guanxi ingest` sends documents to the server (no error, no lost
//! document, every answer a consistent snapshot), deliberately huge queries (stopped on time
//! and within memory; the server keeps answering), and 503 when every worker is busy.

mod serve_common;

use serve_common::{Server, bin, post_query, root, seeded_store};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const DOCS: &str = "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH ?d { ?d a gx:Document } }";

fn count(body: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn parallel_queries_while_an_ingest_commits() {
    let store = seeded_store("load-ingest");
    let s = Server::start(&store, &["--workers", "4"]);
    let (_, body) = post_query(&s.addr, DOCS, "application/json");
    assert_eq!(count(&body), 5);
    let pages = std::fs::read_dir(root().join("tests/corpus/real/dev"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt"))
        .count();
    assert!(pages >= 10);
    let done = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let clients: Vec<_> = (0..6)
        .map(|k| {
            let (addr, done) = (s.addr.clone(), done.clone());
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                // bounded: at most 400 queries or 60 s per client
                for n in 0..400 {
                    if (done.load(Ordering::SeqCst) && n >= 10) || started.elapsed() > Duration::from_secs(60) {
                        break;
                    }
                    let q = if (n + k) % 2 == 0 {
                        DOCS
                    } else {
                        "SELECT ?who WHERE { ?p gx:name \"第一书记\" . ?w gx:implements ?p ; gx:name ?who }"
                    };
                    let (code, body) = post_query(&addr, q, "application/sparql-results+json");
                    assert_eq!(code, 200, "client {k} query {n}: {body}");
                    if q == DOCS {
                        seen.push(count(&body));
                    }
                }
                seen
            })
        })
        .collect();
    // the CLI finds the server through serve.json and sends the documents to it
    let o = Command::new(bin())
        .arg("--store")
        .arg(&store)
        .args(["ingest", "tests/corpus/real/dev"])
        .current_dir(root())
        .output()
        .unwrap();
    done.store(true, Ordering::SeqCst);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("is served by guanxi serve") && err.contains(&format!("{pages} added")),
        "{err}"
    );
    let mut total = 0;
    for c in clients {
        let seen = c.join().expect("no client failed");
        total += seen.len();
        // each answer is one snapshot: before or after a commit, never less than before
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert!(seen.iter().all(|&n| (5..=5 + pages).contains(&n)), "{seen:?}");
    }
    assert!(total >= 6 * 5);
    let (_, body) = post_query(&s.addr, DOCS, "application/json");
    assert_eq!(count(&body), 5 + pages, "no document lost");
    // explorer reads see the new documents too (the names cache was dropped)
    let stopped = s.stop();
    assert!(stopped.contains("stopped"));
    // and the store is whole when opened again without the server
    let o = Command::new(bin())
        .arg("--store")
        .arg(&store)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"].as_u64(), Some((5 + pages) as u64));
}

#[test]
fn huge_queries_are_stopped_and_the_server_keeps_answering() {
    let store = seeded_store("load-huge");
    let s = Server::start(
        &store,
        &["--timeout", "2", "--max-query-memory", "256", "--workers", "2"],
    );
    for (k, q) in [
        // a cross product of every triple with every triple, sorted: 68 million rows
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
        // three ways, unbounded
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY DESC(?i)",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    ]
    .into_iter()
    .enumerate()
    {
        let t = Instant::now();
        let (code, body) = post_query(&s.addr, q, "application/json");
        let took = t.elapsed();
        // 503 only once stopped queries are still finishing (the server keeps its cores)
        assert!(
            code == 504 || code == 507 || (k > 0 && code == 503),
            "{q}: {code} {body}"
        );
        assert!(took < Duration::from_secs(5), "{q}: answered after {took:?}");
        // the server answers the next query at once
        let t = Instant::now();
        let (code, body) = post_query(&s.addr, DOCS, "application/json");
        assert_eq!(code, 200, "{body}");
        assert!(t.elapsed() < Duration::from_secs(3));
    }
    // everything else is answered while the stopped queries finish
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let (code, body) = post_query(&s.addr, DOCS, "application/json");
        if code == 200 {
            assert_eq!(count(&body), 5);
            break;
        }
        assert!(Instant::now() < until, "still refusing: {code} {body}");
        std::thread::sleep(Duration::from_millis(500));
    }
    // a streaming cross product is cut at the row cap, not refused
    let (code, body) = post_query(&s.addr, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "text/csv");
    assert_eq!(code, 200);
    assert_eq!(body.lines().count(), 10_001);
    let rss = s.rss_mb();
    assert!(rss < 3000, "server holds {rss} MB");
}

#[test]
fn a_busy_server_answers_503_at_once() {
    let store = seeded_store("load-busy");
    let s = Server::start(&store, &["--timeout", "2", "--workers", "1"]);
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let addr = s.addr.clone();
            std::thread::spawn(move || post_query(&addr, slow, "application/json").0)
        })
        .collect();
    let codes: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(codes.contains(&503), "{codes:?}");
    assert!(codes.iter().all(|c| [503, 504, 507].contains(c)), "{codes:?}");
}

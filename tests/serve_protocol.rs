//! `guanxi serve` speaks the SPARQL 1.1 Protocol to real clients: curl, and Python's
//! SPARQLWrapper and rdflib (installed by scripts/serve-test-setup.sh into .serve-test/venv).

mod serve_common;

use serve_common::{Server, curl, seeded_store};
use std::process::Command;

const IMPLEMENTERS: &str =
    "SELECT ?who WHERE { ?p gx:name \"第一书记\" . ?w gx:implements ?p ; gx:name ?who } ORDER BY ?who";

#[test]
fn curl_gets_every_form_status_and_format() {
    let curl_bin = need!("curl");
    let store = seeded_store("protocol-curl");
    let s = Server::start(&store, &["--max-rows", "50"]);
    let sparql = s.url("/sparql");

    // GET query=, results JSON by default
    let (code, head, body) = curl(
        &curl_bin,
        &["-G", &sparql, "--data-urlencode", &format!("query={IMPLEMENTERS}")],
    );
    assert_eq!(code, 200, "{head}{body}");
    assert!(head.contains("application/sparql-results+json"), "{head}");
    assert!(body.contains("涪陵区") && body.contains("中共中央办公厅"), "{body}");
    // POST form, CSV
    let (code, head, body) = curl(
        &curl_bin,
        &[
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query={IMPLEMENTERS}"),
            &sparql,
        ],
    );
    assert_eq!(code, 200);
    assert!(head.contains("text/csv") && body.starts_with("who\r\n"), "{head}{body}");
    // POST application/sparql-query, TSV and XML
    for (accept, expect) in [
        ("text/tab-separated-values", "?who"),
        ("application/sparql-results+xml", "<sparql"),
    ] {
        let (code, head, body) = curl(
            &curl_bin,
            &[
                "-H",
                "Content-Type: application/sparql-query",
                "-H",
                &format!("Accept: {accept}"),
                "--data-binary",
                IMPLEMENTERS,
                &sparql,
            ],
        );
        assert_eq!(code, 200, "{accept}: {body}");
        assert!(head.contains(accept) && body.contains(expect), "{accept}: {head}{body}");
    }
    // graphs: Turtle, N-Triples, JSON-LD
    let construct = "CONSTRUCT { ?d gx:name ?n } WHERE { ?d gx:name ?n ; gx:divisionCode \"500102\" }";
    for (accept, expect) in [
        ("text/turtle", "gx:name"),
        ("application/n-triples", "<https://guanxi.dev/id/"),
        ("application/ld+json", "\"@id\""),
    ] {
        let (code, head, body) = curl(
            &curl_bin,
            &[
                "-H",
                &format!("Accept: {accept}"),
                "--data-urlencode",
                &format!("query={construct}"),
                &sparql,
            ],
        );
        assert_eq!(code, 200, "{accept}: {body}");
        assert!(
            head.contains(accept) && body.contains(expect) && body.contains("涪陵区"),
            "{accept}: {head}{body}"
        );
    }
    // 406, 400 with the parser's message, 413, 415, 403 for updates
    let (code, _, _) = curl(
        &curl_bin,
        &[
            "-H",
            "Accept: image/png",
            "--data-urlencode",
            &format!("query={IMPLEMENTERS}"),
            &sparql,
        ],
    );
    assert_eq!(code, 406);
    let (code, _, body) = curl(
        &curl_bin,
        &["--data-urlencode", "query=SELECT ?x WHERE { ?x a }", &sparql],
    );
    assert_eq!(code, 400);
    assert!(body.contains("SPARQL syntax error") && body.contains("1:25"), "{body}");
    let big = format!("query=SELECT * WHERE {{ ?s ?p \"{}\" }}", "x".repeat(2 << 20));
    let file = store.with_file_name("big.txt");
    std::fs::write(&file, big).unwrap();
    let (code, _, _) = curl(&curl_bin, &["--data-binary", &format!("@{}", file.display()), &sparql]);
    assert_eq!(code, 413);
    let (code, _, _) = curl(
        &curl_bin,
        &["-H", "Content-Type: text/plain", "--data-binary", IMPLEMENTERS, &sparql],
    );
    assert_eq!(code, 415);
    let (code, _, body) = curl(
        &curl_bin,
        &[
            "--data-urlencode",
            "update=INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            &sparql,
        ],
    );
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("--allow-update"), "{body}");
    // the row cap, raised per request
    let all = "SELECT ?s WHERE { ?s gx:name ?n }";
    let (code, head, body) = curl(
        &curl_bin,
        &[
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query={all}"),
            &sparql,
        ],
    );
    assert_eq!(code, 200);
    assert!(
        head.contains("X-Guanxi-Truncated: true") && head.contains("X-Guanxi-Rows: 50"),
        "{head}"
    );
    assert_eq!(body.lines().count(), 51);
    let (_, head, body) = curl(
        &curl_bin,
        &[
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query={all}"),
            &format!("{sparql}?max-rows=100000"),
        ],
    );
    assert!(
        !head.contains("X-Guanxi-Truncated") && body.lines().count() > 51,
        "{head}"
    );
    // the service description; no CORS unless asked
    let (code, head, body) = curl(&curl_bin, &[&sparql]);
    assert_eq!(code, 200);
    assert!(
        head.contains("text/turtle") && body.contains("sd:Service") && body.contains("sd:SPARQL11Query"),
        "{body}"
    );
    assert!(!body.contains("SPARQL11Update"));
    assert!(
        !head.to_ascii_lowercase().contains("access-control-allow-origin"),
        "{head}"
    );
    // a dataset chosen by the protocol: one document's graph as the default graph
    let doc = "https://guanxi.dev/doc/004_99f262f33f24076f.txt";
    let (code, _, body) = curl(
        &curl_bin,
        &[
            "-G",
            &sparql,
            "--data-urlencode",
            "query=SELECT ?who WHERE { ?p gx:holdsPost ?b ; gx:name ?who }",
            "--data-urlencode",
            &format!("default-graph-uri={doc}"),
        ],
    );
    assert_eq!(code, 200);
    assert!(body.contains("张智奎") && !body.contains("万相兰"), "{body}");
    // the explorer page and its assets are served, with no external reference
    let (code, _, page) = curl(&curl_bin, &[&s.url("/")]);
    assert_eq!(code, 200);
    assert!(page.contains("/app.js") && !page.contains("http://") && !page.contains("https://"));
    // DNS rebinding: a request for another host name is refused on loopback
    let (code, _, _) = curl(&curl_bin, &["-H", "Host: attacker.example:80", &sparql]);
    assert_eq!(code, 403);
    let err = s.stop();
    assert!(err.contains("stopped"), "{err}");
    assert!(!store.join("serve.json").exists(), "serve.json is removed on shutdown");
}

#[test]
fn sparqlwrapper_and_rdflib_query_the_endpoint() {
    let python = need!("python");
    let store = seeded_store("protocol-python");
    let s = Server::start(&store, &[]);
    let script = r#"
import json, sys
from SPARQLWrapper import SPARQLWrapper, JSON, TURTLE
endpoint = sys.argv[1]
w = SPARQLWrapper(endpoint)
w.setQuery(sys.argv[2])
w.setReturnFormat(JSON)
rows = [b["who"]["value"] for b in w.query().convert()["results"]["bindings"]]
w = SPARQLWrapper(endpoint)
w.setQuery('CONSTRUCT { ?d <https://guanxi.dev/ontology#name> ?n } WHERE { ?d <https://guanxi.dev/ontology#name> ?n ; <https://guanxi.dev/ontology#divisionCode> "500102" }')
w.setReturnFormat(TURTLE)
ttl = w.query().convert().decode("utf-8")
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
g = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat="json"))
names = sorted(str(r[0]) for r in g.query('SELECT ?n WHERE { ?x <https://guanxi.dev/ontology#divisionCode> "500102" ; <https://guanxi.dev/ontology#name> ?n }'))
print(json.dumps({"rows": rows, "turtle": ttl, "rdflib": names}, ensure_ascii=False))
"#;
    let o = Command::new(&python)
        .args(["-c", script, &s.url("/sparql"), IMPLEMENTERS])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"], serde_json::json!(["中共中央办公厅", "涪陵区"]), "{v}");
    assert!(v["turtle"].as_str().unwrap().contains("涪陵区"), "{v}");
    assert_eq!(v["rdflib"], serde_json::json!(["涪陵区"]), "{v}");
}

#[test]
fn updates_need_the_flag_and_the_token_and_cors_is_opt_in() {
    let curl_bin = need!("curl");
    let store = seeded_store("protocol-update");
    let s = Server::start(&store, &["--allow-update", "--cors", "*"]);
    let sparql = s.url("/sparql");
    let update = "update=INSERT DATA { <urn:x:a> gx:name \"测试实体\" }";
    let (code, head, _) = curl(&curl_bin, &["--data-urlencode", update, &sparql]);
    assert_eq!(code, 401, "{head}");
    let (code, _, _) = curl(
        &curl_bin,
        &["-H", "Authorization: Bearer wrong", "--data-urlencode", update, &sparql],
    );
    assert_eq!(code, 403);
    let auth = format!("Authorization: Bearer {}", s.token);
    let (code, _, body) = curl(&curl_bin, &["-H", &auth, "--data-urlencode", update, &sparql]);
    assert_eq!(code, 204, "{body}");
    let (code, head, body) = curl(
        &curl_bin,
        &[
            "-G",
            &sparql,
            "--data-urlencode",
            "query=ASK { ?x gx:name \"测试实体\" }",
        ],
    );
    assert_eq!(code, 200);
    assert!(body.contains("true"), "{body}");
    assert!(head.contains("Access-Control-Allow-Origin: *"), "{head}");
    let (code, head, _) = curl(
        &curl_bin,
        &["-X", "OPTIONS", "-H", "Origin: http://example.org", &sparql],
    );
    assert_eq!(code, 204);
    assert!(head.contains("Access-Control-Allow-Methods"), "{head}");
    // serve.json is for the owner only
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(store.join("serve.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let (_, _, body) = curl(&curl_bin, &[&sparql]);
    assert!(body.contains("SPARQL11Update"), "{body}");
}

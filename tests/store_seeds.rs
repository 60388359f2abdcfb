//! End to end on the bundled seeds: ingest into the embedded store, then ask SPARQL what a
//! researcher would ask (issue: foundation).

mod common;
use common::*;

#[test]
fn seeds_answer_the_researchers_questions() {
    let store = seeded_store("questions");
    // 第一书记 and 种子基金 are programs
    assert!(ask(&store, r#"ASK { ?p a gx:Program ; gx:name "第一书记" }"#));
    assert!(ask(&store, r#"ASK { ?p a gx:Program ; gx:alias|gx:name "种子基金" }"#));
    // 涪陵区 is a district, code 500102, part of 重庆市
    let rows = select(
        &store,
        r#"SELECT ?code ?parent WHERE { ?d a gx:District ; gx:name "涪陵区" ; gx:divisionCode ?code ; gx:partOf ?p . ?p gx:name ?parent }"#,
    );
    assert!(
        rows.iter().any(|r| r["code"] == "500102" && r["parent"] == "重庆市"),
        "{rows:?}"
    );
    // 张智奎 holds a post in 永川区委, with the title and the sentence that says so
    let rows = select(
        &store,
        r#"SELECT ?title ?evidence WHERE {
             ?p gx:name "张智奎" ; gx:holdsPost ?o . ?o gx:name "永川区委" .
             ?s rdf:subject ?p ; rdf:predicate gx:holdsPost ; rdf:object ?o ; gx:title ?title .
             GRAPH ?doc { ?ev gx:supports ?s ; gx:evidence ?evidence } }"#,
    );
    assert!(
        rows.iter()
            .any(|r| r["title"].contains("书记") && r["evidence"].contains("张智奎")),
        "{rows:?}"
    );
    // the alias 种子基金 and the full fund name are one entity
    let rows = select(
        &store,
        r#"SELECT DISTINCT ?f WHERE { ?f gx:name "重庆高新区创业种子投资基金" ; gx:alias "种子基金" ; skos:altLabel "种子基金"@zh }"#,
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    let rows = select(
        &store,
        r#"SELECT DISTINCT ?f WHERE { ?f a gx:Fund ; gx:alias|gx:name "种子基金" }"#,
    );
    assert_eq!(rows.len(), 1, "种子基金 must be one entity: {rows:?}");
}

#[test]
fn reingesting_changes_nothing_and_a_changed_file_replaces_only_its_facts() {
    let dir = temp_dir("reingest");
    let store = dir.join("store");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for f in std::fs::read_dir(root().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, docs.join(f.file_name().unwrap())).unwrap();
    }
    let docs_arg = docs.to_str().unwrap();
    assert_eq!(run(&store, &["ingest", docs_arg]).status.code(), Some(0));
    let before = quad_count(&store);
    assert!(before > 1000);
    assert_eq!(run(&store, &["ingest", docs_arg]).status.code(), Some(0));
    assert_eq!(
        quad_count(&store),
        before,
        "re-ingest of unchanged files must not change the store"
    );

    // replace one page with a short text: its old facts go, the other pages stay
    let page = docs.join("004_99f262f33f24076f.txt");
    std::fs::write(&page, "本报讯 江津区委书记李明表示，江津区将加快建设。\n").unwrap();
    assert_eq!(run(&store, &["ingest", docs_arg]).status.code(), Some(0));
    let doc = "https://guanxi.dev/doc/004_99f262f33f24076f.txt";
    let facts = select(
        &store,
        &format!("SELECT ?s WHERE {{ GRAPH <{doc}> {{ ?s gx:holdsPost ?o }} }}"),
    );
    assert_eq!(facts.len(), 1, "the changed page has only its new post: {facts:?}");
    assert!(
        !ask(&store, r#"ASK { ?p gx:name "张智奎" }"#),
        "facts of the old version are gone"
    );
    assert!(
        ask(&store, r#"ASK { ?p gx:name "罗清泉" }"#),
        "other pages keep their facts"
    );
}

#[test]
fn iris_are_deterministic_across_stores() {
    let a = seeded_store("iris-a");
    let b = seeded_store("iris-b");
    let q = "SELECT ?e WHERE { ?e gx:key ?k } ORDER BY ?e";
    assert_eq!(select(&a, q), select(&b, q));
    assert_eq!(quad_count(&a), quad_count(&b));
}

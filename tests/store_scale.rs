//! The store at corpus scale (issue: corpus scale): each fact is held once however many
//! documents state it, replacing a document is exact, shards merge exactly, a killed ingest
//! leaves no half document, and a long file is ingested in bounded memory. Behaviour only —
//! speed is measured by `guanxi bench`.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The store as N-Quads (deterministic: graphs and quads in index order).
fn dump(store: &Path) -> String {
    let o = run(store, &["export", "--format", "nq"]);
    assert_eq!(o.status.code(), Some(0), "export failed: {}", stderr(&o));
    stdout(&o)
}

/// Asserts two dumps are equal, printing only the lines that differ.
fn assert_same(a: &str, b: &str, what: &str) {
    if a == b {
        return;
    }
    let (la, lb): (BTreeSet<&str>, BTreeSet<&str>) = (a.lines().collect(), b.lines().collect());
    let only_a: Vec<&&str> = la.difference(&lb).take(12).collect();
    let only_b: Vec<&&str> = lb.difference(&la).take(12).collect();
    panic!(
        "{what}: {} lines only in the first, {} only in the second\nfirst only: {only_a:#?}\nsecond only: {only_b:#?}",
        la.difference(&lb).count(),
        lb.difference(&la).count()
    );
}

/// A copy of the seed pages in a fresh directory.
fn seed_copy(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for f in std::fs::read_dir(root().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, docs.join(f.file_name().unwrap())).unwrap();
    }
    docs
}

fn ingest(store: &Path, paths: &[&Path]) {
    let mut args = vec!["ingest"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let o = run(store, &args);
    assert_eq!(o.status.code(), Some(0), "ingest failed: {}", stderr(&o));
}

/// Default-graph triples describing one entity (its own subject).
fn description_size(store: &Path, name: &str) -> usize {
    let rows = select(
        store,
        &format!(r#"SELECT ?p ?o WHERE {{ ?e gx:name "{name}" ; ?p ?o }}"#),
    );
    rows.len()
}

const PAGE: &str = "本报讯 近日，巫溪县委书记陈立军到巫溪县上磺镇调研，巫溪县委组织部负责人陪同。\n\
陈立军指出，巫溪县要实施乡村振兴战略，加快建设巫溪县工业园区。\n\
上磺镇位于巫溪县。巫溪县隶属重庆市。\n";

#[test]
fn a_fact_stated_by_sixty_documents_is_stored_once() {
    let dir = temp_dir("sixty");
    let (one, many) = (dir.join("one"), dir.join("many"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&many).unwrap();
    std::fs::write(one.join("p00.txt"), PAGE).unwrap();
    for i in 0..60 {
        // the same places and bodies in every page; each page its own document
        std::fs::write(many.join(format!("p{i:02}.txt")), format!("{PAGE}（第{i}期）\n")).unwrap();
    }
    let (s1, s60) = (dir.join("s1"), dir.join("s60"));
    ingest(&s1, &[&one]);
    ingest(&s60, &[&many]);
    for name in ["重庆市", "陈立军", "巫溪县委组织部", "巫溪县"] {
        let (a, b) = (description_size(&s1, name), description_size(&s60, name));
        assert!(a > 0, "{name} is described");
        assert_eq!(
            a, b,
            "{name}: its description must not grow with the documents naming it"
        );
    }
    // the knowledge graph answers alike: relations of an entity, paths, counts
    let show = |s: &Path, name: &str| -> BTreeSet<String> {
        let o = run(s, &["show", name, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    r["type"], r["head"]["key"], r["tail"]["key"], r["titles"]
                )
            })
            .collect()
    };
    for name in ["巫溪县", "陈立军", "重庆市"] {
        let (a, b) = (show(&s1, name), show(&s60, name));
        assert!(!a.is_empty(), "{name} has relations");
        assert_eq!(a, b, "show {name}");
    }
    let trace = |s: &Path| -> Vec<String> {
        let o = run(s, &["trace", "陈立军", "重庆市", "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n["key"].to_string())
                    .collect::<Vec<_>>()
                    .join(">")
            })
            .collect()
    };
    assert_eq!(trace(&s1), trace(&s60));
    // every README query over the knowledge graph (not the per-document provenance ones)
    for cmd in guanxi::bench::readme_commands() {
        if cmd.first().map(String::as_str) != Some("query") || cmd[1].contains("GRAPH") || cmd[1].contains("FROM") {
            continue;
        }
        let a = run(&s1, &["query", "--format", "csv", &cmd[1]]);
        let b = run(&s60, &["query", "--format", "csv", &cmd[1]]);
        assert_eq!(a.status.code(), b.status.code(), "{}", cmd[1]);
        assert_eq!(stdout(&a), stdout(&b), "README query on 1 vs 60 documents: {}", cmd[1]);
    }
    // and the summary counts each entity once
    let count = |s: &Path| run(s, &["stats", "--format", "json"]).stdout;
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&count(&s1)).unwrap(),
        serde_json::from_slice(&count(&s60)).unwrap(),
    );
    assert_eq!(a["classes"], b["classes"]);
    assert_eq!(a["relations"], b["relations"]);
}

#[test]
fn replacing_a_document_gives_the_store_a_fresh_ingest_gives() {
    let dir = temp_dir("replace");
    let docs = seed_copy(&dir);
    let store = dir.join("store");
    ingest(&store, &[&docs]);
    // one page changes: keep its first third only (facts it alone stated must go)
    let page = docs.join("004_99f262f33f24076f.txt");
    let text = std::fs::read_to_string(&page).unwrap();
    let cut: String = text.chars().take(text.chars().count() / 3).collect();
    std::fs::write(&page, &cut).unwrap();
    // and one page goes away: its facts go with it... by replacing it with an empty-ish page
    std::fs::write(docs.join("002_62c49f3c455d8fc2.txt"), "本报讯 短讯。\n").unwrap();
    ingest(&store, &[&docs]);
    let fresh = dir.join("fresh");
    ingest(&fresh, &[&docs]);
    assert_same(
        &dump(&store),
        &dump(&fresh),
        "after replacing pages the store must hold exactly what a fresh ingest of the same pages holds",
    );
    // putting the pages back restores the first store exactly
    let first = dump(&fresh);
    for f in std::fs::read_dir(root().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, docs.join(f.file_name().unwrap())).unwrap();
    }
    ingest(&store, &[&docs]);
    let original = dir.join("original");
    ingest(&original, &[&docs]);
    assert_same(&dump(&store), &dump(&original), "pages put back");
    assert_ne!(dump(&store), first);
}

#[test]
fn shards_extracted_apart_load_into_the_store_one_ingest_gives() {
    let dir = temp_dir("shards");
    let seeds = root().join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds).unwrap().map(|f| f.unwrap().path()).collect();
    files.sort();
    let mut shards = Vec::new();
    for (k, part) in [&files[..2], &files[2..3], &files[3..]].iter().enumerate() {
        let mut args = vec!["extract", "--format", "nq"];
        args.extend(part.iter().map(|p| p.to_str().unwrap()));
        let o = run(&dir.join("unused"), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let shard = dir.join(format!("shard{k}.nq"));
        std::fs::write(&shard, &o.stdout).unwrap();
        shards.push(shard);
    }
    let whole = dir.join("whole");
    ingest(&whole, &[&seeds]);
    // load in another order than the files, and one shard twice (unchanged the second time)
    let loaded = dir.join("loaded");
    let mut args = vec!["load"];
    for s in [&shards[2], &shards[0], &shards[1], &shards[0]] {
        args.push(s.to_str().unwrap());
    }
    let o = run(&loaded, &args);
    assert_eq!(o.status.code(), Some(0), "load failed: {}", stderr(&o));
    assert_same(
        &dump(&loaded),
        &dump(&whole),
        "shards must merge into exactly the ingested store",
    );
    // a shard cut in the middle of a line is refused with its name, and nothing half-loaded
    let bad = dir.join("bad.nq");
    let text = std::fs::read_to_string(&shards[1]).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&bad, format!("{}\n<broken", lines[..lines.len() / 2].join("\n"))).unwrap();
    let o = run(&dir.join("badstore"), &["load", bad.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("bad.nq"), "{}", stderr(&o));
}

/// Quads of a dump by graph (the default graph as "").
fn by_graph(nq: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in nq.lines().filter(|l| !l.trim().is_empty()) {
        let body = line.trim_end().trim_end_matches('.').trim_end();
        // the graph name is the last IRI when there are four terms
        let graph = if body.ends_with('>') && body.matches(" <").count() >= 3 {
            body.rsplit_once(" <")
                .map(|(_, g)| g.trim_end_matches('>').to_owned())
                .unwrap_or_default()
        } else {
            String::new()
        };
        let graph = if graph.starts_with("https://guanxi.dev/doc/") {
            graph
        } else {
            String::new()
        };
        out.entry(graph).or_default().insert(line.to_owned());
    }
    out
}

#[test]
fn a_killed_ingest_leaves_whole_documents_and_a_rerun_the_same_store() {
    let dir = temp_dir("kill");
    // a corpus of 40 pages: the seeds, eight times under different names
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for f in std::fs::read_dir(root().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        for k in 0..8 {
            std::fs::copy(
                &f,
                docs.join(format!("{k}-{}", f.file_name().unwrap().to_str().unwrap())),
            )
            .unwrap();
        }
    }
    let clean = dir.join("clean");
    let started = std::time::Instant::now();
    ingest(&clean, &[&docs]);
    let took = started.elapsed().as_millis() as u64;
    let expected = dump(&clean);
    let expected_graphs = by_graph(&expected);
    let documents = expected_graphs.len() - 1;
    let mut interrupted = 0;
    // kill at a tenth, a third and two thirds of a clean ingest's time
    for (attempt, delay_ms) in [took / 10, took / 3, took * 2 / 3].into_iter().enumerate() {
        let store = dir.join(format!("killed{attempt}"));
        let mut child = std::process::Command::new(bin())
            .args([
                "--quiet",
                "--store",
                store.to_str().unwrap(),
                "ingest",
                docs.to_str().unwrap(),
            ])
            .env("GUANXI_BATCH_QUADS", "2000")
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if store.exists() {
            // whatever is stored is whole: each stored document's graph is its complete graph
            let partial = by_graph(&dump(&store));
            if partial.len().saturating_sub(1) < documents {
                interrupted += 1;
            }
            for (graph, quads) in &partial {
                if graph.is_empty() {
                    assert!(
                        quads.is_subset(&expected_graphs[""]),
                        "no default-graph triple of its own"
                    );
                } else {
                    assert_eq!(
                        Some(quads),
                        expected_graphs.get(graph),
                        "document {graph} is half stored"
                    );
                }
            }
        }
        ingest(&store, &[&docs]);
        assert_same(
            &dump(&store),
            &expected,
            &format!("rerun after a kill at {delay_ms} ms"),
        );
    }
    assert!(
        interrupted > 0,
        "no kill landed in the middle of an ingest ({took} ms): the test proved nothing"
    );
}

#[test]
fn a_long_file_on_one_line_is_ingested_in_parts_in_bounded_memory() {
    let dir = temp_dir("long");
    // about 1.2 M characters without a line break: twelve parts
    let mut text = String::new();
    let seed = std::fs::read_to_string(root().join("seeds/000_917582da4912c562.txt")).unwrap();
    let flat: String = seed.chars().filter(|c| *c != '\n').collect();
    while text.chars().count() < 1_200_000 {
        text.push_str(&flat);
    }
    let file = dir.join("long.txt");
    std::fs::write(&file, &text).unwrap();
    let store = dir.join("store");
    let r = guanxi::bench::measure::run(
        Path::new(bin()),
        &[
            "--quiet",
            "--store",
            store.to_str().unwrap(),
            "ingest",
            file.to_str().unwrap(),
        ],
    )
    .unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.peak_rss_mb < 1024.0,
        "peak memory {:.0} MB for a 1.2 M-character file: parts must bound it",
        r.peak_rss_mb
    );
    // mentions of the last part point into the whole file
    let total = text.chars().count();
    let rows = select(&store, "SELECT ?t WHERE { GRAPH ?g { ?d gx:mentionTable ?t } }");
    assert!(rows.len() >= 10, "one mention table per part: {}", rows.len());
    let max_end = rows
        .iter()
        .filter_map(|r| guanxi::rdf::MentionTable::parse(&r["t"]))
        .flat_map(|t| t.mentions.into_iter().map(|m| m.2))
        .max()
        .unwrap();
    assert!(
        max_end > total * 9 / 10 && max_end <= total,
        "offsets run to the file's end: {max_end} of {total}"
    );
    // and the district named throughout is one entity with one description
    assert!(ask(&store, r#"ASK { ?d gx:name "涪陵区" ; gx:divisionCode "500102" }"#));
}

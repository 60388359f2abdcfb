//! Tracing relationships on the bundled seeds (issue: paths, neighbourhoods, entity cards and
//! Graphviz pictures with evidence): `show`, `trace`, `neighbors`, `rank`, `dot` and the SVG and
//! GraphML exports, in the terminal and as JSON, with their exit codes.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn ok(store: &Path, args: &[&str]) -> String {
    let o = run(store, args);
    assert_eq!(o.status.code(), Some(0), "{args:?} failed: {}", stderr(&o));
    stdout(&o)
}

/// Checks XML well-formedness (matched tags, valid attributes and entities, one root) and
/// returns the text content.
fn well_formed_xml(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut depth, mut roots, mut text) = (0usize, 0usize, String::new());
    let check_attrs = |e: &quick_xml::events::BytesStart| {
        for a in e.attributes() {
            let a = a.expect("well-formed attribute");
            a.unescape_value().expect("attribute value with valid entities");
        }
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                check_attrs(&e);
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                check_attrs(&e);
                roots += usize::from(depth == 0);
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => text.push_str(&t.unescape().expect("text with valid entities")),
            Ok(Event::Eof) => break,
            Err(e) => panic!("malformed XML at {}: {e}", reader.buffer_position()),
            Ok(_) => {}
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    assert_eq!(roots, 1, "one root element");
    text
}

#[test]
fn trace_connects_zhang_zhikui_to_chongqing_through_yongchuan_with_evidence() {
    let store = seeded_store("trace");
    let out = ok(&store, &["trace", "张智奎", "重庆市"]);
    assert!(
        out.contains("path 1 · 3 hop(s) · 张智奎 → 永川区委 → 永川区 → 重庆市"),
        "{out}"
    );
    assert!(out.contains("张智奎 —[holds_post: "), "{out}");
    assert!(out.contains("]→ 永川区委"), "{out}");
    assert!(out.contains("永川区委 —[located_in]→ 永川区"), "{out}");
    assert!(out.contains("永川区 —[part_of]→ 重庆市"), "{out}");
    // the sentence behind the post, with its document and offsets
    assert!(out.contains("“永川区委书记"), "{out}");
    assert!(out.contains("004_99f262f33f24076f.txt, chars "), "{out}");

    // walked the other way, each hop keeps its stored direction
    let back = ok(&store, &["trace", "重庆市", "张智奎", "--k", "1"]);
    assert!(back.contains("重庆市 ←[part_of]— 永川区"), "{back}");
    assert!(back.contains("永川区委 ←[holds_post"), "{back}");

    // JSON for scripts: every hop has evidence with document and offsets
    let v = json(&run(&store, &["trace", "张智奎", "重庆市", "--format", "json"]));
    let first = &v["paths"][0];
    assert_eq!(first["hops"], 3);
    let names: Vec<&str> = first["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["张智奎", "永川区委", "永川区", "重庆市"]);
    for step in first["steps"].as_array().unwrap() {
        for r in step["relations"].as_array().unwrap() {
            let ev = &r["evidence"][0];
            assert!(ev["doc"].as_str().unwrap().ends_with(".txt"), "{r}");
            assert!(ev["end"].as_u64() > ev["start"].as_u64(), "{r}");
            assert!(!ev["text"].as_str().unwrap().is_empty());
        }
    }
    let lens: Vec<u64> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["hops"].as_u64().unwrap())
        .collect();
    assert!(lens.windows(2).all(|w| w[0] <= w[1]), "shortest first: {lens:?}");
    // same store, same bytes
    assert_eq!(ok(&store, &["trace", "张智奎", "重庆市"]), out);
}

#[test]
fn trace_without_a_path_says_so_and_suggests_where_to_look() {
    let store = seeded_store("nopath");
    let o = run(&store, &["trace", "张智奎", "重庆市", "--max-hops", "2"]);
    assert_eq!(o.status.code(), Some(1), "no path exits 1: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("no path from 张智奎 to 重庆市 within 2 hops"), "{out}");
    assert!(out.contains("raise --max-hops to 3"), "{out}");
    assert!(
        out.contains("nearest entities connected to 张智奎: 永川区委 (1 hop)"),
        "{out}"
    );

    // a --via restriction that cuts the path
    let o = run(&store, &["trace", "张智奎", "重庆市", "--via", "part_of"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("over part_of") && out.contains("drop or widen --via"),
        "{out}"
    );
    assert!(out.contains("none (张智奎 has no part_of)"), "{out}");

    // the same in JSON
    let o = run(
        &store,
        &["trace", "张智奎", "重庆市", "--max-hops", "2", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["paths"].as_array().unwrap().len(), 0);
    assert_eq!(v["shortest_hops"], 3);
    assert_eq!(v["nearest"]["from"][0]["name"], "永川区委");

    // --via with the path's own types finds it
    let out = ok(
        &store,
        &[
            "trace",
            "张智奎",
            "重庆市",
            "--via",
            "holds_post,located_in,part_of",
            "--k",
            "1",
        ],
    );
    assert!(out.contains("1 path(s) over holds_post, part_of, located_in"), "{out}");
}

#[test]
fn show_card_of_the_seed_fund_has_alias_manager_funders_and_evidence() {
    let store = seeded_store("show");
    let out = ok(&store, &["show", "种子基金"]);
    assert!(out.starts_with("重庆高新区创业种子投资基金\n"), "{out}");
    assert!(out.contains("aliases   种子基金"), "{out}");
    assert!(out.contains("Program"), "{out}");
    assert!(out.contains("managed by · manages"), "{out}");
    assert!(
        out.contains("重庆育成发展有限公司 —[manages]→ 重庆高新区创业种子投资基金"),
        "{out}"
    );
    assert!(out.contains("funded by · funds"), "{out}");
    assert!(
        out.contains("重庆市创业种子投资引导基金 —[funds]→ 重庆高新区创业种子投资基金"),
        "{out}"
    );
    assert!(
        out.contains("重庆高新区创新服务中心 —[funds]→ 重庆高新区创业种子投资基金"),
        "{out}"
    );
    assert!(out.contains("“近日，作为种子基金的管理机构"), "{out}");
    assert!(out.contains("000_917582da4912c562.txt, chars "), "{out}");
    let counted = out.lines().skip_while(|l| !l.starts_with("Documents")).any(|l| {
        l.contains("000_917582da4912c562.txt")
            && l.split_whitespace()
                .nth(1)
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n >= 5)
    });
    assert!(counted, "the card lists the document with its mention count: {out}");

    let v = json(&run(&store, &["show", "种子基金", "--format", "json"]));
    assert_eq!(v["entity"]["name"], "重庆高新区创业种子投资基金");
    assert!(v["entity"]["aliases"].as_array().unwrap().contains(&"种子基金".into()));
    let rels = v["relations"].as_array().unwrap();
    let heads = |kind: &str| -> Vec<&str> {
        rels.iter()
            .filter(|r| r["type"] == kind && r["direction"] == "in")
            .map(|r| r["head"]["name"].as_str().unwrap())
            .collect()
    };
    assert_eq!(heads("manages"), ["重庆育成发展有限公司"]);
    let funders = heads("funds");
    assert!(funders.contains(&"重庆市创业种子投资引导基金") && funders.contains(&"重庆高新区创新服务中心"));
    assert!(rels.iter().all(|r| r["evidence"][0]["start"].is_u64()));
    assert_eq!(v["documents"][0]["doc"], "000_917582da4912c562.txt");

    // a place's card shows its statistical code; the key resolves as well as the name
    let card = ok(&store, &["show", "place:500102"]);
    assert!(
        card.starts_with("涪陵区\n") && card.contains("500102 (statistical division code)"),
        "{card}"
    );
    assert!(card.contains("涪陵区 —[part_of]→ 重庆市"), "{card}");
}

#[test]
fn unknown_names_exit_2_with_the_closest_candidates() {
    let store = seeded_store("unknown");
    // edit distance
    let o = run(&store, &["show", "涪林区"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("no entity named \"涪林区\"") && err.contains("涪陵区"),
        "{err}"
    );
    assert!(err.contains("edit distance 1") && err.contains("place:500102"), "{err}");
    // prefix of an alias
    let err = stderr(&run(&store, &["neighbors", "种子"]));
    assert!(
        err.contains("重庆高新区创业种子投资基金") && err.contains("prefix “种子基金”"),
        "{err}"
    );
    // either end of a trace; JSON for scripts
    let o = run(&store, &["trace", "张智奎", "永川区委书记", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["query"], "永川区委书记");
    let names: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"永川区委"), "{names:?}");
    // nothing close at all
    let o = run(&store, &["rank", "--class", "Animal"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown class"));
    let o = run(&store, &["trace", "张智奎", "重庆市", "--via", "owns"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown relation type \"owns\""));
}

#[test]
fn neighbors_of_fuling_as_table_and_json() {
    let store = seeded_store("neighbors");
    let out = ok(&store, &["neighbors", "涪陵区"]);
    assert!(out.starts_with("涪陵区 (Place / District): "), "{out}");
    assert!(out.contains("涪陵区 —[part_of]→ 重庆市"), "{out}");
    assert!(out.contains("涪陵区 ←[located_in]— 涪陵区委"), "{out}");
    // aligned columns by display width: "class" starts at the same column on every row
    let lines: Vec<&str> = out.lines().skip(1).collect();
    let col = |l: &str| {
        l.find("Place")
            .or_else(|| l.find("Organization"))
            .or_else(|| l.find("Program"))
    };
    let cols: Vec<usize> = lines
        .iter()
        .skip(2)
        .filter_map(|l| col(l).map(|i| UnicodeWidthStr::width(&l[..i])))
        .collect();
    assert!(cols.len() > 3 && cols.windows(2).all(|w| w[0] == w[1]), "{out}");

    let v = json(&run(&store, &["neighbors", "涪陵区", "--format", "json"]));
    assert_eq!(v["center"]["name"], "涪陵区");
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["hops"], 0);
    assert!(
        nodes
            .iter()
            .skip(1)
            .all(|n| n["hops"] == 1 && !n["via"].as_array().unwrap().is_empty())
    );
    assert!(nodes.iter().any(|n| n["name"] == "重庆市"));
    assert!(
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["evidence"][0]["doc"].is_string())
    );

    let two = json(&run(
        &store,
        &["neighbors", "涪陵区", "--depth", "2", "--format", "json"],
    ));
    assert!(two["nodes"].as_array().unwrap().len() > nodes.len());
    let only = json(&run(
        &store,
        &["neighbors", "涪陵区", "--types", "part_of", "--format", "json"],
    ));
    let names: Vec<&str> = only["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"重庆市") && !names.contains(&"涪陵区委"), "{names:?}");
}

#[test]
fn rank_by_degree_pagerank_and_betweenness() {
    let store = seeded_store("rank");
    let out = ok(&store, &["rank", "--top", "5"]);
    assert!(out.starts_with("top 5 by degree over typed relations"), "{out}");
    assert_eq!(
        out.lines().nth(3).map(|l| l.split_whitespace().nth(1)),
        Some(Some("重庆市")),
        "{out}"
    );
    for by in ["degree", "pagerank", "betweenness"] {
        let o = run(&store, &["rank", "--by", by, "--top", "10", "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v = json(&o);
        let rows = v["ranking"].as_array().unwrap();
        assert_eq!(rows.len(), 10);
        let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{by}: {scores:?}");
        assert_eq!(rows[0]["name"], "重庆市", "{by}");
        // deterministic
        assert_eq!(
            run(&store, &["rank", "--by", by, "--top", "10", "--format", "json"]).stdout,
            o.stdout
        );
    }
    let v = json(&run(&store, &["rank", "--class", "Person", "--format", "json"]));
    let rows = v["ranking"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["class"] == "Person"));
    let v = json(&run(
        &store,
        &["rank", "--class", "District", "--top", "3", "--format", "json"],
    ));
    assert!(
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["subtype"] == "District")
    );
}

#[test]
fn svg_of_the_fuling_neighbourhood_is_xml_with_labels_and_legend() {
    let store = seeded_store("svg");
    let args = ["export", "--format", "svg", "--focus", "涪陵区", "--depth", "1"];
    let svg = ok(&store, &args);
    assert!(svg.contains("<svg") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    let text = well_formed_xml(&svg);
    assert!(text.contains("涪陵区"), "focus label");
    assert!(text.contains("涪陵区委") && text.contains("重庆市"), "neighbours");
    assert!(text.contains("located_in") && text.contains("part_of"), "edge labels");
    assert!(
        text.contains("图例 Legend") && text.contains("机构 Organization"),
        "legend"
    );
    assert!(!text.contains("永川区"), "only the neighbourhood");
    assert_eq!(ok(&store, &args), svg, "same store, same bytes");
    // into a file
    let file = store.parent().unwrap().join("f.svg");
    let mut with_out = args.to_vec();
    with_out.extend(["--out", file.to_str().unwrap()]);
    assert!(ok(&store, &with_out).is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), svg);
    // a path picture
    let path = ok(&store, &["export", "--format", "svg", "--path", "张智奎", "重庆市"]);
    let text = well_formed_xml(&path);
    assert!(text.contains("张智奎") && text.contains("永川区委") && text.contains("holds_post"));
}

#[test]
fn dot_pictures_focus_paths_and_district_clusters() {
    let store = seeded_store("dot");
    let dot = ok(&store, &["dot", "--focus", "涪陵区", "--cluster-by", "place"]);
    assert!(dot.starts_with("digraph guanxi {"), "{dot}");
    assert!(
        dot.contains("subgraph \"cluster_place:500102\" {\n    label=\"涪陵区\""),
        "{dot}"
    );
    assert!(
        dot.contains("\"place:500102\" [label=\"涪陵区\\n500102\", shape=ellipse"),
        "{dot}"
    );
    assert!(dot.contains("penwidth=3"), "the focus stands out: {dot}");
    assert!(
        dot.contains("\"place:500102\" -> \"place:50\" [label=\"part_of\""),
        "{dot}"
    );
    assert!(dot.contains("图例 Legend"));
    assert_eq!(
        ok(
            &store,
            &[
                "export",
                "--format",
                "dot",
                "--focus",
                "涪陵区",
                "--cluster-by",
                "place"
            ]
        ),
        dot
    );

    let path = ok(&store, &["dot", "--path", "张智奎", "重庆市"]);
    assert!(path.contains("label=\"张智奎 → 重庆市\""), "{path}");
    assert!(
        path.contains("\"person:张智奎\" -> \"org:永川区委\" [label=\"holds_post: "),
        "{path}"
    );
    assert!(
        path.contains("\"org:永川区委\" -> \"place:500118\" [label=\"located_in\""),
        "{path}"
    );
    assert!(!path.contains("涪陵区"), "only the path: {path}");
    assert_eq!(path.matches(" -> ").count(), 3, "{path}");

    // selections do not apply to RDF dumps
    let o = run(&store, &["export", "--format", "ttl", "--focus", "涪陵区"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format dot, svg and graphml"));
    // an unknown focus
    assert_eq!(run(&store, &["dot", "--focus", "涪林区"]).status.code(), Some(2));
}

#[test]
fn graphml_is_well_formed_and_holds_the_whole_typed_graph() {
    let store = seeded_store("graphml");
    let xml = ok(&store, &["export", "--format", "graphml"]);
    let text = well_formed_xml(&xml);
    assert!(xml.contains("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""));
    let graph = json(&run(&store, &["export", "--format", "json"]));
    let nodes = graph["nodes"].as_array().unwrap().len();
    let typed = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] != "co_mention")
        .count();
    assert_eq!(xml.matches("<node id=").count(), nodes);
    assert_eq!(xml.matches("<edge id=").count(), typed);
    assert!(text.contains("重庆高新区创业种子投资基金") && text.contains("种子基金"));
    assert!(xml.contains("<data key=\"district\">涪陵区</data>"));
    let with_co = ok(&store, &["export", "--format", "graphml", "--co-mentions"]);
    well_formed_xml(&with_co);
    assert!(with_co.matches("<edge id=").count() > typed);
    assert!(with_co.contains("directed=\"false\""));
    let focus = ok(&store, &["export", "--format", "graphml", "--focus", "涪陵区"]);
    well_formed_xml(&focus);
    let focused = focus.matches("<node id=").count();
    assert!(
        focused > 1 && focused * 3 < nodes,
        "a focus picture is a small part of the graph: {focused} of {nodes}"
    );
}

#[test]
fn the_xml_check_rejects_broken_markup() {
    assert_eq!(well_formed_xml("<a x=\"1\"><b>t &amp; u</b></a>"), "t & u");
    for bad in [
        "<a><b></a></b>",
        "<a>",
        "<a>&nope;</a>",
        "<a/><b/>",
        "<a x=\"1\" x=\"2\"/>",
    ] {
        let caught = std::panic::catch_unwind(|| well_formed_xml(bad));
        assert!(caught.is_err(), "accepted {bad}");
    }
}

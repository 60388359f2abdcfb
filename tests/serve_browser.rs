//! The explorer in a real browser: headless Debian Chromium driven over the DevTools protocol
//! (tests/serve_browser/explore.py, websocket-client from the set-up's venv). It searches 涪陵,
//! opens the entity, sees the 第一书记 relation with its sentence, follows it to the document
//! view, runs a README query in the SPARQL box and finds a path, taking a screenshot of each step
//! (in target/serve-screenshots; `GUANXI_SCREENSHOTS_DIR=docs/screenshots` refreshes the README's).

mod serve_common;

use serve_common::{Server, root, seeded_store};
use std::process::Command;

#[test]
fn a_researcher_explores_in_chromium() {
    let python = need!("python");
    let chromium = need!("chromium");
    let store = seeded_store("browser");
    let s = Server::start(&store, &[]);
    // GUANXI_SCREENSHOTS_DIR=docs/screenshots refreshes the README's pictures
    let shots = std::env::var_os("GUANXI_SCREENSHOTS_DIR")
        .map(|d| root().join(d))
        .unwrap_or_else(|| root().join("target/serve-screenshots"));
    let o = Command::new(&python)
        .arg(root().join("tests/serve_browser/explore.py"))
        .arg(&chromium)
        .arg(s.url("/"))
        .arg(&shots)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}\n{}", String::from_utf8_lossy(&o.stdout));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the script's JSON");
    let results: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert!(results.contains(&"涪陵区") && results.contains(&"涪陵区委"), "{v}");
    let rel = &v["relation"];
    assert!(rel["reading"].as_str().unwrap().contains("implements"), "{v}");
    let sentence = rel["sentence"].as_str().unwrap();
    assert!(sentence.contains("健全完善非公企业第一书记工作机制"), "{v}");
    assert!(rel["marked"].as_array().unwrap().iter().any(|m| m == "第一书记"), "{v}");
    assert!(v["picture_nodes"].as_u64().unwrap() > 5, "{v}");
    assert_eq!(v["document"], "000_917582da4912c562.txt");
    assert!(v["highlighted"].as_str().unwrap().contains("第一书记工作机制"), "{v}");
    let classes = v["mention_classes"].to_string();
    assert!(classes.contains("c-Place") && classes.contains("c-Program"), "{v}");
    assert!(v["sparql_rows"].as_u64().unwrap() >= 2, "{v}");
    assert!(v["sparql_text"].as_str().unwrap().contains("涪陵区"), "{v}");
    assert!(v["paths"].as_u64().unwrap() >= 1, "{v}");
    for f in ["search", "entity", "document", "sparql", "trace"] {
        let p = shots.join(format!("{f}.png"));
        assert!(
            std::fs::metadata(&p).map(|m| m.len() > 10_000).unwrap_or(false),
            "{}",
            p.display()
        );
    }
}

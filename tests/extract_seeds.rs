//! Extraction output on the bundled seeds: schema, determinism, encodings.

mod common;
use common::*;
use guanxi::extract::Extractor;
use guanxi::text::Document;

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(root().join("seeds").join(name)).unwrap()
}

#[test]
fn gbk_copy_gives_the_same_entities_as_utf8() {
    let ex = Extractor::new().unwrap();
    let utf8 = seed("000_917582da4912c562.txt");
    let text = String::from_utf8(utf8.clone()).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let a = ex.extract(&Document::from_bytes("000.txt", "", &utf8).unwrap());
    let b = ex.extract(&Document::from_bytes("000.txt", "", &gbk).unwrap());
    let names = |d: &guanxi::extract::DocumentExtraction| {
        d.entities
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.mentions.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(!a.entities.is_empty());
    assert_eq!(names(&a), names(&b));
    assert_eq!(a.relations.len(), b.relations.len());
}

#[test]
fn output_is_deterministic_and_offsets_point_into_the_original() {
    let o1 = std::process::Command::new(bin())
        .args(["extract", "seeds/"])
        .current_dir(root())
        .output()
        .unwrap();
    let o2 = std::process::Command::new(bin())
        .args(["extract", "seeds/"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o1.status.code(), Some(0));
    assert_eq!(o1.stdout, o2.stdout, "same input, same output");
    for line in stdout(&o1).lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = d["doc"].as_str().unwrap();
        let original: Vec<char> = std::fs::read_to_string(root().join("seeds").join(doc))
            .unwrap()
            .chars()
            .collect();
        for e in d["entities"].as_array().unwrap() {
            assert!(["Place", "Organization", "Person", "Program"].contains(&e["type"].as_str().unwrap()));
            for m in e["mentions"].as_array().unwrap() {
                let (s, t) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                let written: String = original[s..t].iter().filter(|c| !c.is_whitespace()).collect();
                let text: String = m["text"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                assert_eq!(written, text, "{doc} {s}..{t}");
            }
        }
        for r in d["relations"].as_array().unwrap() {
            assert!(r["evidence"]["text"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(r["rule"].as_str().is_some_and(|t| !t.is_empty()));
        }
    }
}

#[test]
fn the_cards_examples_work() {
    let ex = Extractor::new().unwrap();
    let doc = Document::from_bytes("000.txt", "", &seed("000_917582da4912c562.txt")).unwrap();
    let d = ex.extract(&doc);
    let find = |name: &str| {
        d.entities
            .iter()
            .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
    };
    let first_secretary = find("第一书记").expect("第一书记");
    assert_eq!(first_secretary.class, guanxi::extract::EntityClass::Program);
    let fuling = find("涪陵区").expect("涪陵区");
    assert_eq!(fuling.code.as_deref(), Some("500102"));
    assert!(
        fuling.mentions.iter().any(|m| m.text == "涪陵"),
        "涪陵 is a mention of 涪陵区"
    );
    // 区委组织部 in a 涪陵 article is 涪陵区委组织部
    let dept = find("涪陵区委组织部").expect("涪陵区委组织部");
    assert!(dept.mentions.iter().any(|m| m.text == "区委组织部"));
}

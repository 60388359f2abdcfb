//! Bad input: clear messages naming the file or the cause, non-zero exit, nothing half-written.

mod common;
use common::*;

#[test]
fn malformed_query_prints_the_parser_message_and_exits_2() {
    let store = seeded_store("badquery");
    let o = run(&store, &["query", "SELECT ?x WHERE { ?x a }"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SPARQL syntax error"), "{}", stderr(&o));
}

#[test]
fn non_text_files_are_skipped_with_a_warning_naming_them() {
    let dir = temp_dir("binary");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("good.txt"), "涪陵区委组织部相关负责人介绍。").unwrap();
    std::fs::write(
        docs.join("scan.txt"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0],
    )
    .unwrap();
    std::fs::write(docs.join("latin1.txt"), [0xe9u8, 0x74, 0xe9, 0x20, 0xff, 0xfe, 0xfd]).unwrap();
    let store = dir.join("store");
    let o = run(&store, &["ingest", docs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "partial success exits 1");
    let err = stderr(&o);
    assert!(err.contains("scan.txt") && err.contains("not a text file"), "{err}");
    assert!(err.contains("latin1.txt"), "{err}");
    assert!(
        ask(&store, r#"ASK { ?o gx:name "涪陵区委组织部" }"#),
        "the good file is stored"
    );
}

#[test]
fn missing_inputs_and_stores_are_named() {
    let dir = temp_dir("missing");
    let o = run(&dir.join("store"), &["ingest", "no/such/dir"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no/such/dir"), "{}", stderr(&o));
    let o = run(&dir.join("nostore"), &["query", "ASK {}"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no store"), "{}", stderr(&o));
}

#[test]
fn malformed_lexicon_rows_name_file_and_line() {
    let dir = temp_dir("lexicon");
    std::fs::write(
        dir.join("titles.tsv"),
        "# user titles\n书记\tOfficial\n处长\tNotAType\n",
    )
    .unwrap();
    let o = std::process::Command::new(bin())
        .args([
            "--lexicon-dir",
            dir.to_str().unwrap(),
            "extract",
            "seeds/000_917582da4912c562.txt",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("titles.tsv:3") && err.contains("NotAType"), "{err}");
}

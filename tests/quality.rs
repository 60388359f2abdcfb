//! Extraction quality must not regress. Each figure is measured with the same scorer as
//! `guanxi eval` (a port of `../shared/eval/score.py`) and must stay above its floor:
//! - the bundled seeds against the project's own gold (`tests/gold/seeds`, written for these tests);
//! - the team's synthetic same-genre dev and held-out corpora (`tests/corpus`, `tests/gold`);
//! - the real-page dev and held-out sets (`tests/corpus/real/{dev,holdout}`, `tests/gold/real/…`:
//!   32 and 30 pages from public news and government sites);
//! - when `../shared` is present (the development machines): the shared seed gold, the china dev
//!   set (24 real pages from 24 provinces) and the People's Daily NER dev split.
//!
//! Floors sit a little under the figures recorded in README.md; raise them when extraction improves.

use guanxi::eval::{Score, bio, load_gold, score};
use guanxi::extract::Extractor;
use guanxi::text::{collect_inputs, read_document};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new().expect("built-in lexicons load"))
}

fn measure(gold: &Path, texts: &Path) -> Score {
    let golds = load_gold(gold).expect("gold loads");
    let files = collect_inputs(&[texts.to_path_buf()]).expect("texts exist");
    let predictions: Vec<_> = files
        .iter()
        .map(|f| extractor().extract(&read_document(f).unwrap()))
        .collect();
    score(&golds, &predictions, None)
}

struct Floors {
    entity: f64,
    relation: f64,
    person: f64,
    min_class: f64,
}

fn check(name: &str, s: &Score, floors: Floors) {
    let report = format!(
        "{name}: entities {:.3}, relations {:.3}, by type {:?}, duplicates {}",
        s.entities.f1(),
        s.relations.f1(),
        s.by_type
            .iter()
            .map(|(t, c)| (t.as_str(), (c.f1() * 1000.0).round() / 1000.0))
            .collect::<Vec<_>>(),
        s.duplicates
    );
    println!("{report}");
    assert!(s.entities.f1() >= floors.entity, "entity F1 fell: {report}");
    assert!(s.relations.f1() >= floors.relation, "relation F1 fell: {report}");
    assert!(s.by_type["PERSON"].f1() >= floors.person, "PERSON F1 fell: {report}");
    for (t, c) in &s.by_type {
        assert!(c.f1() >= floors.min_class, "{t} F1 fell: {report}");
    }
    let share = s.duplicates as f64 / s.entities.pred.max(1) as f64;
    assert!(share <= 0.025, "duplicates above 2.5% of predictions: {report}");
}

#[test]
fn seeds_against_the_projects_own_gold() {
    let s = measure(&root().join("tests/gold/seeds"), &root().join("seeds"));
    check(
        "seeds / project gold",
        &s,
        Floors {
            entity: 0.87,
            relation: 0.72,
            // 0.983 -> 0.959 when the name statistics stopped counting People's Daily dev (a
            // measuring set) and the person tagger became the entity tagger learned from MSRA
            person: 0.95,
            min_class: 0.79,
        },
    );
}

#[test]
fn synthetic_dev_corpus() {
    let s = measure(&root().join("tests/gold/dev"), &root().join("tests/corpus/dev"));
    check(
        "dev corpus",
        &s,
        Floors {
            // the learned tagger's places and bodies cost the team-written pages 0.944 -> 0.918
            // while real pages gain (real dev 0.801 -> 0.815, People's Daily ORG 0.56 -> 0.74)
            entity: 0.91,
            relation: 0.75,
            person: 0.97,
            min_class: 0.83,
        },
    );
}

#[test]
fn synthetic_held_out_corpus() {
    let s = measure(&root().join("tests/gold/holdout"), &root().join("tests/corpus/holdout"));
    check(
        "held-out corpus",
        &s,
        Floors {
            entity: 0.90,
            // the merged span and relation work of this round moves it 0.739 -> 0.723 while the
            // real pages gain (china dev 0.448 -> 0.588): the synthetic pages are not tuned on
            relation: 0.72,
            person: 0.95,
            min_class: 0.76,
        },
    );
}

#[test]
fn real_dev_pages() {
    let s = measure(
        &root().join("tests/gold/real/dev"),
        &root().join("tests/corpus/real/dev"),
    );
    check(
        "real dev pages",
        &s,
        // 20 → 32 pages (twelve more provinces) took the figures from 0.829 / 0.591 to 0.797 / 0.589
        Floors {
            entity: 0.79,
            relation: 0.58,
            person: 0.91,
            min_class: 0.55,
        },
    );
}

/// Real pages scored but never looked at while tuning: the floor only guards against a change
/// that makes extraction worse on pages like the ones users bring.
#[test]
fn real_held_out_pages() {
    let s = measure(
        &root().join("tests/gold/real/holdout"),
        &root().join("tests/corpus/real/holdout"),
    );
    check(
        "real held-out pages",
        &s,
        // 20 → 30 pages took the figures from 0.823 / 0.607 to 0.789 / 0.561
        Floors {
            entity: 0.78,
            relation: 0.55,
            person: 0.91,
            min_class: 0.56,
        },
    );
}

/// The china dev set (24 real pages, one province each) lives outside the repository, in
/// `../shared`; on machines without it this test says so and passes.
#[test]
fn china_dev_set_when_present() {
    let (gold, corpus) = (
        root().join("../shared/gold/china"),
        root().join("../shared/corpus/china"),
    );
    if !gold.is_dir() || !corpus.is_dir() {
        println!(
            "skipped: {} or {} is not present on this machine",
            gold.display(),
            corpus.display()
        );
        return;
    }
    let s = measure(&gold, &corpus);
    check(
        "china dev set",
        &s,
        Floors {
            entity: 0.84,
            relation: 0.67,
            person: 0.93,
            min_class: 0.76,
        },
    );
}

/// The shared seed gold lives outside the repository; on machines without it this test says so.
#[test]
fn seeds_against_the_shared_gold_when_present() {
    let gold = root().join("../shared/gold/seeds");
    if !gold.is_dir() {
        println!("skipped: {} is not present on this machine", gold.display());
        return;
    }
    let s = measure(&gold, &root().join("seeds"));
    check(
        "seeds / shared gold",
        &s,
        Floors {
            entity: 0.90,
            relation: 0.74,
            person: 0.97,
            min_class: 0.85,
        },
    );
}

#[test]
fn peoples_daily_when_present() {
    let path = root().join("../shared/data/peoples-daily-ner/dev.bio");
    if !path.is_file() {
        println!("skipped: {} is not present on this machine", path.display());
        return;
    }
    let sentences = bio::read_bio(&path).unwrap();
    let by_class = bio::score_bio(extractor(), &sentences);
    println!(
        "People's Daily dev: PER {:.3}, ORG {:.3}, LOC {:.3}",
        by_class["PER"].f1(),
        by_class["ORG"].f1(),
        by_class["LOC"].f1()
    );
    assert!(by_class["PER"].f1() >= 0.82);
    assert!(by_class["ORG"].f1() >= 0.72);
    assert!(by_class["LOC"].f1() >= 0.73);
    // the tagger's own spans, in the conventions it learned from MSRA (the targets:
    // PER 0.92, LOC 0.88, ORG 0.85)
    let tagger = bio::score_bio_tagger(extractor(), &sentences);
    println!(
        "People's Daily dev, tagger spans: PER {:.3}, ORG {:.3}, LOC {:.3}",
        tagger["PER"].f1(),
        tagger["ORG"].f1(),
        tagger["LOC"].f1()
    );
    assert!(tagger["PER"].f1() >= 0.92);
    assert!(tagger["ORG"].f1() >= 0.85);
    assert!(tagger["LOC"].f1() >= 0.92);
}

//! `guanxi eval`: how far to trust the graph — scores against gold annotations and BIO corpora.

use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_USAGE, ReportFormat, extractor};
use crate::eval::{Counts, Score, bio, load_gold, score};
use crate::text::{collect_inputs, read_document};
use anyhow::Result;
use rayon::prelude::*;
use serde_json::json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub fn run(
    cli: &Cli,
    gold: Option<&Path>,
    bio_path: Option<&Path>,
    errors: bool,
    types: &[String],
    format: ReportFormat,
    paths: &[PathBuf],
) -> Result<i32> {
    if gold.is_none() && bio_path.is_none() {
        eprintln!("error: give --gold DIR with the texts it annotates, and/or --bio FILE");
        return Ok(EXIT_USAGE);
    }
    let extractor = extractor(cli)?;
    let mut report = serde_json::Map::new();
    if let Some(gold_dir) = gold {
        if paths.is_empty() {
            eprintln!("error: --gold needs the texts it annotates (PATH...)");
            return Ok(EXIT_USAGE);
        }
        let golds = load_gold(gold_dir)?;
        let files = collect_inputs(paths).map_err(|e| anyhow::anyhow!("{e}"))?;
        let preds: Vec<_> = files
            .par_iter()
            .filter_map(|f| match read_document(f) {
                Ok(doc) => Some(extractor.extract(&doc)),
                Err(e) => {
                    eprintln!("warning: skipped {e}");
                    None
                }
            })
            .collect();
        let only: Option<BTreeSet<String>> =
            (!types.is_empty()).then(|| types.iter().map(|t| t.trim().to_ascii_uppercase()).collect());
        let s = score(&golds, &preds, only.as_ref());
        if format == ReportFormat::Table {
            print_score(&s, errors);
        }
        report.insert("gold".into(), score_json(&s, errors));
    }
    if let Some(bio_file) = bio_path {
        let sentences = bio::read_bio(bio_file)?;
        let (by_class, bio_errors) = bio::score_bio_with_errors(&extractor, &sentences);
        if format == ReportFormat::Table {
            if errors {
                for e in &bio_errors {
                    println!("s{}\t{}\t{}\t{}", e.sentence, e.kind, e.class, e.text);
                }
            }
            println!(
                "{} ({} sentences), mention level, exact span and class:",
                bio_file.display(),
                sentences.len()
            );
            let mut t = Table::new(["class", "P", "R", "F1", "tp", "pred", "gold"]);
            for (c, k) in &by_class {
                t.row(counts_row(c, k));
            }
            print!("{}", t.render());
        }
        report.insert(
            "bio".into(),
            json!(
                by_class
                    .iter()
                    .map(|(c, k)| (c.clone(), counts_json(k)))
                    .collect::<serde_json::Map<_, _>>()
            ),
        );
    }
    if format == ReportFormat::Json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(EXIT_OK)
}

fn counts_row(label: &str, c: &Counts) -> Vec<String> {
    vec![
        label.to_owned(),
        format!("{:.3}", c.precision()),
        format!("{:.3}", c.recall()),
        format!("{:.3}", c.f1()),
        c.tp.to_string(),
        c.pred.to_string(),
        c.gold.to_string(),
    ]
}

fn counts_json(c: &Counts) -> serde_json::Value {
    json!({"p": c.precision(), "r": c.recall(), "f1": c.f1(), "tp": c.tp, "pred": c.pred, "gold": c.gold})
}

fn print_score(s: &Score, errors: bool) {
    if errors {
        for e in &s.errors {
            println!("{}\t{}\t{}\t{}", e.doc, e.kind, e.class, e.what);
        }
    }
    let mut t = Table::new(["", "P", "R", "F1", "tp", "pred", "gold"]);
    for (c, k) in &s.by_type {
        t.row(counts_row(c, k));
    }
    t.row(counts_row("entities", &s.entities));
    t.row(counts_row("relations", &s.relations));
    print!("{}", t.render());
    if errors {
        let mut t = Table::new(["rule", "kind", "predicted", "correct", "precision"]);
        for (kind, rules) in [("entity", &s.entity_rules), ("relation", &s.relation_rules)] {
            for (rule, (n, ok)) in rules {
                t.row([
                    rule.clone(),
                    kind.to_owned(),
                    n.to_string(),
                    ok.to_string(),
                    format!("{:.2}", *ok as f64 / (*n).max(1) as f64),
                ]);
            }
        }
        print!("{}", t.render());
    }
    let share = if s.entities.pred == 0 {
        0.0
    } else {
        s.duplicates as f64 / s.entities.pred as f64
    };
    println!(
        "{} document(s); duplicates {} ({:.1}% of predicted entities)",
        s.docs,
        s.duplicates,
        100.0 * share
    );
}

fn score_json(s: &Score, errors: bool) -> serde_json::Value {
    let mut v = json!({
        "docs": s.docs,
        "entity": counts_json(&s.entities),
        "duplicates": s.duplicates,
        "relation": counts_json(&s.relations),
        "by_type": s.by_type.iter().map(|(c, k)| (c.clone(), counts_json(k))).collect::<serde_json::Map<_, _>>(),
    });
    if errors {
        v["errors"] = json!(
            s.errors
                .iter()
                .map(|e| json!({"doc": e.doc, "kind": e.kind, "type": e.class, "what": e.what}))
                .collect::<Vec<_>>()
        );
    }
    v
}

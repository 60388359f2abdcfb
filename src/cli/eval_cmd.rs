//! `guanxi eval`: how far to trust the graph — scores against gold annotations and BIO corpora.

use super::table::Table;
use super::{Cli, EXIT_OK, EXIT_USAGE, ReportFormat, extractor};
use crate::eval::{Counts, EndSplit, RelationError, Score, bio, load_gold, score};
use crate::text::{collect_inputs, read_document};
use anyhow::Result;
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
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
        let tagger = bio::score_bio_tagger(&extractor, &sentences);
        if format == ReportFormat::Table {
            println!("the entity tagger's own spans (its training data's conventions), same scoring:");
            let mut t = Table::new(["class", "P", "R", "F1", "tp", "pred", "gold"]);
            for (c, k) in &tagger {
                t.row(counts_row(c, k));
            }
            print!("{}", t.render());
        }
        report.insert(
            "bio_tagger".into(),
            json!(
                tagger
                    .iter()
                    .map(|(c, k)| (c.clone(), counts_json(k)))
                    .collect::<serde_json::Map<_, _>>()
            ),
        );
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
        for e in s.errors.iter().filter(|e| !e.kind.starts_with("rel_")) {
            println!("{}\t{}\t{}\t{}", e.doc, e.kind, e.class, e.what);
        }
        print_relation_errors(s);
    }
    let mut t = Table::new(["", "P", "R", "F1", "tp", "pred", "gold"]);
    for (c, k) in &s.by_type {
        t.row(counts_row(c, k));
    }
    t.row(counts_row("entities", &s.entities));
    t.row(counts_row("relations", &s.relations));
    print!("{}", t.render());
    if errors {
        let mut t = Table::new([
            "relation",
            "P",
            "R",
            "F1",
            "tp",
            "pred",
            "gold",
            "missed",
            "both ends found",
        ]);
        for (kind, c) in &s.relation_types {
            let split = miss_split(s, kind);
            let mut row = counts_row(kind, c);
            row.push(split.values().sum::<usize>().to_string());
            row.push(split.get(&EndSplit::BothFound).copied().unwrap_or(0).to_string());
            t.row(row);
        }
        print!("{}", t.render());
        let split = miss_split_all(s);
        let missed: usize = split.values().sum();
        println!(
            "relation misses: {missed}; both ends found {}, head not found {}, tail not found {}, no end found {}",
            split.get(&EndSplit::BothFound).copied().unwrap_or(0),
            split.get(&EndSplit::HeadMissing).copied().unwrap_or(0),
            split.get(&EndSplit::TailMissing).copied().unwrap_or(0),
            split.get(&EndSplit::BothMissing).copied().unwrap_or(0),
        );
        let mut t = Table::new(["rule", "kind", "predicted", "correct", "precision"]);
        for (rule, (n, ok)) in &s.entity_rules {
            t.row([
                rule.clone(),
                "entity".to_owned(),
                n.to_string(),
                ok.to_string(),
                ratio(*ok, *n),
            ]);
        }
        for ((rule, kind), (n, ok)) in &s.relation_rule_types {
            t.row([
                rule.clone(),
                kind.clone(),
                n.to_string(),
                ok.to_string(),
                ratio(*ok, *n),
            ]);
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

fn ratio(ok: usize, n: usize) -> String {
    format!("{:.2}", ok as f64 / n.max(1) as f64)
}

/// Misses of one relation type by what was found of their ends.
fn miss_split(s: &Score, kind: &str) -> BTreeMap<EndSplit, usize> {
    let mut out = BTreeMap::new();
    for e in s.relation_errors.iter().filter(|e| e.missed && e.kind == kind) {
        *out.entry(e.ends).or_default() += 1;
    }
    out
}

fn miss_split_all(s: &Score) -> BTreeMap<EndSplit, usize> {
    let mut out = BTreeMap::new();
    for e in s.relation_errors.iter().filter(|e| e.missed) {
        *out.entry(e.ends).or_default() += 1;
    }
    out
}

/// Relation misses and false positives, grouped by relation type, misses with both ends found
/// first (those are the relation patterns' to fix).
fn print_relation_errors(s: &Score) {
    for (kind, c) in &s.relation_types {
        let mut errs: Vec<&RelationError> = s.relation_errors.iter().filter(|e| e.kind == *kind).collect();
        if errs.is_empty() {
            continue;
        }
        errs.sort_by(|x, y| (!x.missed, x.ends, &x.doc).cmp(&(!y.missed, y.ends, &y.doc)));
        let missed = errs.iter().filter(|e| e.missed).count();
        let both = errs
            .iter()
            .filter(|e| e.missed && e.ends == EndSplit::BothFound)
            .count();
        println!(
            "── {kind}: P {:.3} R {:.3}; missed {missed} ({both} with both ends found), false positives {}",
            c.precision(),
            c.recall(),
            errs.len() - missed
        );
        for e in errs {
            let what = if e.missed { "rel_missed" } else { "rel_false_positive" };
            let rule = if e.missed {
                String::new()
            } else {
                format!("{}; ", e.rule)
            };
            println!(
                "{}\t{what}\t{kind}\t{} -> {}\t[{rule}{}]\t{}",
                e.doc,
                e.head,
                e.tail,
                e.ends.label(e.missed),
                e.evidence
            );
        }
    }
}

fn score_json(s: &Score, errors: bool) -> serde_json::Value {
    let by_relation: serde_json::Map<_, _> = s
        .relation_types
        .iter()
        .map(|(kind, c)| {
            let mut v = counts_json(c);
            let split = miss_split(s, kind);
            v["missed"] = json!(split.values().sum::<usize>());
            v["missed_by_ends"] = json!(
                split
                    .iter()
                    .map(|(k, n)| (k.key().to_owned(), json!(n)))
                    .collect::<serde_json::Map<_, _>>()
            );
            (kind.clone(), v)
        })
        .collect();
    let mut v = json!({
        "docs": s.docs,
        "entity": counts_json(&s.entities),
        "duplicates": s.duplicates,
        "relation": counts_json(&s.relations),
        "by_type": s.by_type.iter().map(|(c, k)| (c.clone(), counts_json(k))).collect::<serde_json::Map<_, _>>(),
        "relation_by_type": by_relation,
    });
    if errors {
        v["errors"] = json!(
            s.errors
                .iter()
                .filter(|e| !e.kind.starts_with("rel_"))
                .map(|e| json!({"doc": e.doc, "kind": e.kind, "type": e.class, "what": e.what}))
                .collect::<Vec<_>>()
        );
        v["relation_errors"] = json!(
            s.relation_errors
                .iter()
                .map(|e| json!({
                    "doc": e.doc,
                    "kind": if e.missed { "rel_missed" } else { "rel_false_positive" },
                    "type": e.kind,
                    "head": e.head,
                    "tail": e.tail,
                    "ends": e.ends.key(),
                    "rule": e.rule,
                    "evidence": e.evidence,
                }))
                .collect::<Vec<_>>()
        );
        v["relation_misses_by_ends"] = json!(
            miss_split_all(s)
                .iter()
                .map(|(k, n)| (k.key().to_owned(), json!(n)))
                .collect::<serde_json::Map<_, _>>()
        );
        let rule = |kind: &str, rule: &str, n: usize, ok: usize| json!({"rule": rule, "kind": kind, "predicted": n, "correct": ok, "precision": ok as f64 / n.max(1) as f64});
        v["entity_rules"] = json!(
            s.entity_rules
                .iter()
                .map(|(r, (n, ok))| rule("entity", r, *n, *ok))
                .collect::<Vec<_>>()
        );
        v["relation_rules"] = json!(
            s.relation_rule_types
                .iter()
                .map(|((r, k), (n, ok))| rule(k, r, *n, *ok))
                .collect::<Vec<_>>()
        );
    }
    v
}

//! `guanxi extract`: entities and relations per document, without a store.

use super::table::{Table, truncate};
use super::{Cli, EXIT_OK, EXIT_PARTIAL, ExtractFormat, extractor, progress};
use crate::extract::DocumentExtraction;
use crate::text::{collect_inputs, read_document};
use anyhow::Result;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

pub fn run(cli: &Cli, format: ExtractFormat, paths: &[PathBuf]) -> Result<i32> {
    let files = collect_inputs(paths).map_err(|e| anyhow::anyhow!("{e}"))?;
    let extractor = extractor(cli)?;
    let bar = progress(cli, files.len() as u64, "extracting");
    let results: Vec<_> = files
        .par_iter()
        .map(|f| {
            let r = read_document(f).map(|doc| extractor.extract(&doc));
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut skipped = 0;
    let mut docs: Vec<DocumentExtraction> = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                eprintln!("warning: skipped {e}");
                skipped += 1;
            }
        }
    }
    let mut out = std::io::stdout().lock();
    match format {
        ExtractFormat::Jsonl => {
            for d in &docs {
                writeln!(out, "{}", serde_json::to_string(d)?)?;
            }
        }
        ExtractFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&docs)?)?,
        ExtractFormat::Table => {
            for d in &docs {
                writeln!(
                    out,
                    "# {} — {} entities, {} relations",
                    d.doc,
                    d.entities.len(),
                    d.relations.len()
                )?;
                let mut t = Table::new(["entity", "type", "subtype", "mentions", "rule"]);
                for e in &d.entities {
                    t.row([
                        e.name.clone(),
                        e.class.to_string(),
                        e.subtype.to_string(),
                        e.mentions.len().to_string(),
                        e.rule.clone(),
                    ]);
                }
                write!(out, "{}", t.render())?;
                let mut t = Table::new(["head", "relation", "tail", "title", "evidence"]);
                for r in d
                    .relations
                    .iter()
                    .filter(|r| r.kind != crate::extract::RelationKind::CoMention)
                {
                    t.row([
                        r.head.clone(),
                        r.kind.to_string(),
                        r.tail.clone(),
                        r.title.clone().unwrap_or_default(),
                        truncate(&r.evidence.text, 48),
                    ]);
                }
                writeln!(out, "{}", t.render())?;
            }
        }
    }
    out.flush()?;
    Ok(if skipped > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

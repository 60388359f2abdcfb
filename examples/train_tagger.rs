//! Trains guanxi's entity tagger (`data/tagger/entities.tsv`) from public NER data.
//!
//! ```text
//! cargo run --release --example train_tagger -- \
//!     --bio ../shared/data/msra-ner/train.bio --map PER=PER,LOC=LOC,ORG=ORG \
//!     [--bio more.bio --map NAME=PER,ORG=ORG ...] [--cluener train.jsonl --map name=PER,company=ORG] \
//!     [--dev ../shared/data/peoples-daily-ner/dev.bio] [--epochs 8] [--prune 0.5] \
//!     --out data/tagger/entities.tsv
//! ```
//!
//! Each `--bio` or `--cluener` file is followed by the `--map` of its labels onto the tagger's
//! classes PER, LOC, ORG; labels left out of the map are outside. `--dev` only measures (span F1
//! of the tagger alone after each epoch, per class); it is never learned from. Every sentence
//! goes through the same normalization, segmenter and lexicon scan as extraction, so the features
//! seen in training are the ones seen when guanxi runs. The order of the files, a fixed-seed
//! shuffle and sorted output make the model a function of the data.

use anyhow::{Context, Result, bail};
use guanxi::eval::bio::read_bio;
use guanxi::extract::Lexicons;
use guanxi::extract::analysis::Analysis;
use guanxi::extract::recognize::Resources;
use guanxi::extract::recognize::persons::NameModel;
use guanxi::extract::recognize::tagger::{FeatureBuf, TagSet, Tagger, TaggerInput, Trainer, gold_tags, spans};
use guanxi::text::Document;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

const CLASSES: [&str; 3] = ["PER", "LOC", "ORG"];

struct Example {
    text: String,
    spans: Vec<(Range<usize>, usize)>,
}

/// Source label → tagger class, in the order given.
type LabelMap = Vec<(String, usize)>;

fn parse_map(spec: &str) -> Result<LabelMap> {
    let mut map = LabelMap::new();
    for pair in spec.split(',').filter(|p| !p.is_empty()) {
        let (label, class) = pair
            .split_once('=')
            .with_context(|| format!("--map entry {pair:?}: LABEL=CLASS"))?;
        let k = CLASSES
            .iter()
            .position(|c| *c == class)
            .with_context(|| format!("--map {pair:?}: class must be one of {CLASSES:?}"))?;
        map.push((label.to_owned(), k));
    }
    Ok(map)
}

fn class_of(map: &LabelMap, label: &str) -> Option<usize> {
    map.iter().find(|(l, _)| l == label).map(|(_, k)| *k)
}

fn cluener(path: &Path, map: &LabelMap) -> Result<Vec<Example>> {
    let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        let mut spans = Vec::new();
        for (label, class) in map {
            let Some(found) = v["label"][label.as_str()].as_object() else {
                continue;
            };
            for positions in found.values() {
                for p in positions.as_array().into_iter().flatten() {
                    let (Some(s), Some(e)) = (p[0].as_u64(), p[1].as_u64()) else {
                        continue;
                    };
                    spans.push((s as usize..e as usize + 1, *class));
                }
            }
        }
        spans.sort_by_key(|(r, c)| (r.start, r.end, *c));
        out.push(Example { text, spans });
    }
    Ok(out)
}

fn bio(path: &Path, map: &LabelMap) -> Result<Vec<Example>> {
    Ok(read_bio(path)?
        .into_iter()
        .map(|s| Example {
            spans: s
                .spans
                .iter()
                .filter_map(|x| class_of(map, &x.2).map(|k| (x.0..x.1, k)))
                .collect(),
            text: s.text,
        })
        .collect())
}

/// An example as the tagger sees it; `None` when normalization changed its length (the gold
/// offsets would no longer line up).
fn prepare(res: &Resources, tags: &TagSet, ex: &Example) -> Option<(TaggerInput, Vec<usize>)> {
    let doc = Document::from_text("train", &ex.text);
    let n = doc.text().chars().count();
    if n != ex.text.chars().count() || n == 0 {
        return None;
    }
    let a = Analysis::new(&doc, res);
    let model = NameModel::new(res);
    let input = TaggerInput::new(&a, &model, 0..doc.text().len());
    // spans written with letters or digits are beyond a han-character tagger
    let kept: Vec<(Range<usize>, usize)> = ex
        .spans
        .iter()
        .filter(|(r, _)| r.clone().all(|i| input.taggable(i)))
        .cloned()
        .collect();
    let gold = gold_tags(tags, n, &kept);
    Some((input, gold))
}

/// Span P/R/F1 per class of the tagger alone.
fn span_scores(tagger: &Tagger, dev: &[(TaggerInput, Vec<usize>)]) -> BTreeMap<String, (f64, f64, f64)> {
    let tags = tagger.tags();
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (input, gold) in dev {
        let g: BTreeSet<(usize, usize, usize)> = spans(tags, gold)
            .into_iter()
            .map(|(r, c)| (r.start, r.end, c))
            .collect();
        let p: BTreeSet<(usize, usize, usize)> = tagger
            .tag(input)
            .spans
            .iter()
            .map(|t| (t.chars.start, t.chars.end, t.class))
            .collect();
        for (k, class) in tags.classes().iter().enumerate() {
            let c = counts.entry(class.clone()).or_default();
            c.0 += g.intersection(&p).filter(|x| x.2 == k).count();
            c.1 += p.iter().filter(|x| x.2 == k).count();
            c.2 += g.iter().filter(|x| x.2 == k).count();
        }
    }
    counts
        .into_iter()
        .map(|(class, (tp, pred, gold))| {
            let p = tp as f64 / pred.max(1) as f64;
            let r = tp as f64 / gold.max(1) as f64;
            (class, (p, r, 2.0 * p * r / (p + r).max(1e-9)))
        })
        .collect()
}

fn report(scores: &BTreeMap<String, (f64, f64, f64)>) -> String {
    scores
        .iter()
        .map(|(c, (p, r, f))| format!("{c} P={p:.3} R={r:.3} F1={f:.3}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut sources: Vec<(&'static str, PathBuf, Option<String>)> = Vec::new();
    let mut dev_files = Vec::new();
    let mut out: Option<PathBuf> = None;
    let (mut epochs, mut prune) = (8usize, 0.5f32);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--bio" => sources.push(("bio", PathBuf::from(value()?), None)),
            "--cluener" => sources.push(("cluener", PathBuf::from(value()?), None)),
            "--map" => {
                let spec = value()?;
                let last = sources
                    .last_mut()
                    .context("--map follows the --bio or --cluener it maps")?;
                last.2 = Some(spec);
            }
            "--dev" => dev_files.push(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--epochs" => epochs = value()?.parse().context("--epochs takes a number")?,
            "--prune" => prune = value()?.parse().context("--prune takes a number")?,
            other => bail!("unknown argument {other}; see the comment at the top of this file"),
        }
    }
    let out = out.context("--out PATH is required")?;
    if sources.is_empty() {
        bail!("give training data with --bio and/or --cluener, each with its --map");
    }
    let res = Resources::new(Lexicons::builtin()?);
    let tags = TagSet::new(&CLASSES);
    let mut examples = Vec::new();
    let mut described = Vec::new();
    for (kind, path, spec) in &sources {
        let spec = spec
            .as_deref()
            .with_context(|| format!("{} needs a --map", path.display()))?;
        let map = parse_map(spec)?;
        let read = if *kind == "bio" {
            bio(path, &map)?
        } else {
            cluener(path, &map)?
        };
        eprintln!("{}: {} sentences", path.display(), read.len());
        described.push(format!(
            "{} ({spec})",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        examples.extend(read);
    }
    let train: Vec<_> = examples.par_iter().filter_map(|e| prepare(&res, &tags, e)).collect();
    let everything = parse_map("PER=PER,LOC=LOC,ORG=ORG")?;
    let mut dev = Vec::new();
    for f in &dev_files {
        let sentences = bio(f, &everything)?;
        dev.extend(
            sentences
                .par_iter()
                .filter_map(|e| prepare(&res, &tags, e))
                .collect::<Vec<_>>(),
        );
    }
    eprintln!(
        "{} training sentences ({} skipped), {} dev",
        train.len(),
        examples.len() - train.len(),
        dev.len()
    );

    let mut trainer = Trainer::new(tags);
    let mut buf = FeatureBuf::default();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for epoch in 1..=epochs {
        // a fixed-seed shuffle: the same data gives the same model
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let mut right = 0;
        for &i in &order {
            let (input, gold) = &train[i];
            right += usize::from(trainer.learn(input, gold, &mut buf));
        }
        eprint!("epoch {epoch}: {right}/{} sentences right", train.len());
        if !dev.is_empty() {
            eprint!(
                "; dev (not averaged) {}",
                report(&span_scores(trainer.snapshot(), &dev))
            );
        }
        eprintln!();
    }
    let header = format!(
        "# Averaged-perceptron entity tagger (see src/extract/recognize/tagger/).\n\
         # Trained by examples/train_tagger.rs ({epochs} epochs, features with every |weight| < {prune} pruned)\n\
         # on: {}\n",
        described.join(", ")
    );
    let tsv = trainer.to_tsv(prune, &header);
    if !dev.is_empty() {
        let averaged = Tagger::from_tsv(&tsv).map_err(anyhow::Error::msg)?;
        eprintln!(
            "averaged, pruned model on dev: {}",
            report(&span_scores(&averaged, &dev))
        );
    }
    std::fs::write(&out, &tsv).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "wrote {} ({} lines, {} bytes)",
        out.display(),
        tsv.lines().count(),
        tsv.len()
    );
    Ok(())
}

//! Trains guanxi's person-name tagger (`data/names/name_tagger.tsv`) from public NER data.
//!
//! ```text
//! cargo run --release --example train_name_tagger -- \
//!     --cluener ../shared/data/cluener2020/train.jsonl \
//!     [--bio more-training.bio] [--dev ../shared/data/peoples-daily-ner/dev.bio] \
//!     [--epochs 6] [--prune 0.5] --out data/names/name_tagger.tsv
//! ```
//!
//! Training sentences are CLUENER2020 `name` spans and, optionally, the PER spans of BIO files.
//! `--dev` only measures (span F1 of the tagger alone after each epoch); it is never learned from.
//! Every sentence goes through the same normalization, segmenter and lexicon scan as extraction,
//! so the features seen in training are the ones seen when guanxi runs.

use anyhow::{Context, Result, bail};
use guanxi::eval::bio::read_bio;
use guanxi::extract::Lexicons;
use guanxi::extract::analysis::Analysis;
use guanxi::extract::recognize::Resources;
use guanxi::extract::recognize::name_tagger::{FeatureBuf, NameTagger, TaggerInput, Trainer, gold_tags, spans};
use guanxi::extract::recognize::persons::NameModel;
use guanxi::text::Document;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

struct Example {
    text: String,
    names: Vec<Range<usize>>,
}

fn cluener(path: &Path) -> Result<Vec<Example>> {
    let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        let mut names = Vec::new();
        if let Some(spans) = v["label"]["name"].as_object() {
            for positions in spans.values() {
                for p in positions.as_array().into_iter().flatten() {
                    let (Some(s), Some(e)) = (p[0].as_u64(), p[1].as_u64()) else {
                        continue;
                    };
                    names.push(s as usize..e as usize + 1);
                }
            }
        }
        out.push(Example { text, names });
    }
    Ok(out)
}

fn bio(path: &Path) -> Result<Vec<Example>> {
    Ok(read_bio(path)?
        .into_iter()
        .map(|s| Example {
            names: s.spans.iter().filter(|x| x.2 == "PER").map(|x| x.0..x.1).collect(),
            text: s.text,
        })
        .collect())
}

/// An example as the tagger sees it; `None` when normalization changed its length (the gold
/// offsets would no longer line up).
fn prepare(res: &Resources, ex: &Example) -> Option<(TaggerInput, Vec<usize>)> {
    let doc = Document::from_text("train", &ex.text);
    let n = doc.text().chars().count();
    if n != ex.text.chars().count() || n == 0 {
        return None;
    }
    let a = Analysis::new(&doc, res);
    let model = NameModel::new(res);
    let input = TaggerInput::new(&a, &model, 0..doc.text().len());
    // names written with letters or digits (CLUENER has some) are beyond a han-character tagger
    let names: Vec<Range<usize>> = ex
        .names
        .iter()
        .filter(|&r| r.clone().all(|i| input.taggable(i)))
        .cloned()
        .collect();
    let gold = gold_tags(n, &names);
    Some((input, gold))
}

fn span_f1(tagger: &NameTagger, dev: &[(TaggerInput, Vec<usize>)]) -> (f64, f64, f64) {
    let (mut tp, mut pred, mut gold) = (0usize, 0usize, 0usize);
    for (input, tags) in dev {
        let g: BTreeSet<(usize, usize)> = spans(tags).into_iter().map(|r| (r.start, r.end)).collect();
        let p: BTreeSet<(usize, usize)> = tagger
            .tag(input)
            .names
            .iter()
            .map(|t| (t.chars.start, t.chars.end))
            .collect();
        tp += g.intersection(&p).count();
        pred += p.len();
        gold += g.len();
    }
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut cluener_files, mut bio_files, mut dev_files) = (Vec::new(), Vec::new(), Vec::new());
    let mut out: Option<PathBuf> = None;
    let (mut epochs, mut prune) = (6usize, 0.5f32);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--cluener" => cluener_files.push(PathBuf::from(value()?)),
            "--bio" => bio_files.push(PathBuf::from(value()?)),
            "--dev" => dev_files.push(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--epochs" => epochs = value()?.parse().context("--epochs takes a number")?,
            "--prune" => prune = value()?.parse().context("--prune takes a number")?,
            other => bail!("unknown argument {other}; see the comment at the top of this file"),
        }
    }
    let out = out.context("--out PATH is required")?;
    if cluener_files.is_empty() && bio_files.is_empty() {
        bail!("give training data with --cluener and/or --bio");
    }
    let res = Resources::new(Lexicons::builtin()?);
    let mut examples = Vec::new();
    for f in &cluener_files {
        examples.extend(cluener(f)?);
    }
    for f in &bio_files {
        examples.extend(bio(f)?);
    }
    let train: Vec<_> = examples.iter().filter_map(|e| prepare(&res, e)).collect();
    let mut dev = Vec::new();
    for f in &dev_files {
        dev.extend(bio(f)?.iter().filter_map(|e| prepare(&res, e)));
    }
    eprintln!(
        "{} training sentences ({} skipped), {} dev",
        train.len(),
        examples.len() - train.len(),
        dev.len()
    );

    let mut trainer = Trainer::new();
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
            let (p, r, f) = span_f1(&trainer.snapshot(), &dev);
            eprint!("; dev (not averaged) P={p:.3} R={r:.3} F1={f:.3}");
        }
        eprintln!();
    }
    let sources: Vec<String> = cluener_files
        .iter()
        .map(|p| format!("CLUENER2020 {}", p.display()))
        .chain(bio_files.iter().map(|p| format!("BIO PER {}", p.display())))
        .collect();
    let header = format!(
        "# Averaged-perceptron person-name tagger (see src/extract/recognize/name_tagger.rs).\n\
         # feature<TAB>weights for tags B M E S O. Trained by examples/train_name_tagger.rs\n\
         # ({epochs} epochs, |weight| < {prune} pruned) on: {}\n",
        sources.join(", ")
    );
    let tsv = trainer.to_tsv(prune, &header);
    if !dev.is_empty() {
        let averaged = NameTagger::from_tsv(&tsv).map_err(anyhow::Error::msg)?;
        let (p, r, f) = span_f1(&averaged, &dev);
        eprintln!("averaged, pruned model on dev: P={p:.3} R={r:.3} F1={f:.3}");
    }
    std::fs::write(&out, &tsv).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {} ({} lines)", out.display(), tsv.lines().count());
    Ok(())
}

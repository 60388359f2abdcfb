//! `guanxi bench`: the corpus benchmark. Speed and memory targets are checked here, not in tests.
//!
//! One run generates corpora of the asked sizes from the bundled pages (`corpus`), then prints:
//! bare jieba-rs segmentation of the same text (the physical reference), extraction on 1 and 2
//! threads, end-to-end ingest (chars/s, quads/s, peak memory) per size and the 10 → 100 MB
//! scaling, store bytes per input character, a single-line long file's ingest, and the latency
//! of every SPARQL query the README runs and of `show`/`neighbors`/`trace`/`rank`, all through
//! the `guanxi` binary as a user runs it (`measure`).

pub mod corpus;
pub mod measure;

use crate::extract::Extractor;
use crate::text::{Document, collect_inputs, read_document};
use anyhow::{Context, Result};
use corpus::{Material, write_corpus, write_one_line};
use measure::{best_of, dir_bytes, run};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Corpus sizes in megabytes (the largest also gets the query latencies).
    pub sizes_mb: Vec<usize>,
    /// Size of the single-line file, in megabytes (0: skip).
    pub long_file_mb: usize,
    /// Pages the corpus is drawn from.
    pub pages: Vec<PathBuf>,
    /// Where corpora and stores go.
    pub dir: PathBuf,
    /// Keep them afterwards.
    pub keep: bool,
}

/// The README's `guanxi …` command lines (`<!-- run: guanxi … -->`), split like a shell.
pub fn readme_commands() -> Vec<Vec<String>> {
    const README: &str = include_str!("../../README.md");
    README
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<!-- run: guanxi ")?.strip_suffix(" -->"))
        .map(shell_words)
        .collect()
}

/// Splits a command line on spaces, honouring single and double quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

/// A line of the report.
fn line(out: &mut String, what: &str, value: String, target: &str) {
    let _ = writeln!(out, "  {what:<46} {value:>16}   {target}");
    print!("{}", out.lines().last().map(|l| format!("{l}\n")).unwrap_or_default());
}

/// Runs the benchmark, printing as it goes; returns the report.
pub fn run_bench(exe: &Path, extractor: &Extractor, opts: &BenchOptions) -> Result<String> {
    let mut out = String::new();
    std::fs::create_dir_all(&opts.dir).with_context(|| format!("cannot create {}", opts.dir.display()))?;
    let material = Material::from_pages(extractor, &opts.pages)?;
    let mut sizes = opts.sizes_mb.clone();
    sizes.sort_unstable();
    let _ = writeln!(out, "guanxi bench — corpora of {sizes:?} MB from the bundled pages");
    println!("{}", out.trim_end());

    let mut corpora = Vec::new();
    for &mb in &sizes {
        let dir = opts.dir.join(format!("corpus-{mb}mb"));
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let (files, chars) = write_corpus(&material, &dir, mb * 1_000_000, 20_261_203 + mb as u64)?;
        line(
            &mut out,
            &format!("corpus {mb} MB"),
            format!("{files} files"),
            &format!("{chars} chars, generated in {:.1}s", t.elapsed().as_secs_f64()),
        );
        corpora.push((mb, dir, files, chars));
    }

    // the physical reference and extraction alone, on the smallest corpus
    let (_, small_dir, _, _) = &corpora[0];
    let docs: Vec<Document> = collect_inputs(std::slice::from_ref(small_dir))
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .iter()
        .filter_map(|f| read_document(f).ok())
        .collect();
    let chars: usize = docs.iter().map(|d| d.original.chars().count()).sum();
    let jieba = jieba_rs::Jieba::new();
    let t = Instant::now();
    let mut words = 0;
    for d in &docs {
        words += jieba.cut(d.text(), true).len();
    }
    let jieba_rate = chars as f64 / t.elapsed().as_secs_f64();
    line(
        &mut out,
        "jieba-rs cut (bare segmentation, 1 thread)",
        format!("{jieba_rate:.0} ch/s"),
        &format!("reference ({words} words)"),
    );
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        let t = Instant::now();
        pool.install(|| {
            use rayon::prelude::*;
            docs.par_iter().for_each(|d| {
                std::hint::black_box(extractor.extract(d));
            })
        });
        let rate = chars as f64 / t.elapsed().as_secs_f64();
        let target = if threads == 1 { "target ≥ 200000" } else { "" };
        line(
            &mut out,
            &format!("extraction, {threads} thread(s)"),
            format!("{rate:.0} ch/s"),
            target,
        );
    }
    drop(docs);

    // end to end, as `guanxi ingest` runs
    let mut ingest_secs = Vec::new();
    let mut largest_store = None;
    for (mb, dir, files, chars) in &corpora {
        let store = opts.dir.join(format!("store-{mb}mb"));
        let _ = std::fs::remove_dir_all(&store);
        let r = run(exe, &["--quiet", "--store", path(&store), "ingest", path(dir)])?;
        anyhow::ensure!(r.code == 0, "ingest of the {mb} MB corpus failed: {}", r.stderr);
        let quads = quad_count(exe, &store)?;
        let bytes = dir_bytes(&store);
        line(
            &mut out,
            &format!("ingest {mb} MB ({files} files), 2 threads"),
            format!("{:.0} ch/s", *chars as f64 / r.secs),
            &format!(
                "{:.1}s, {:.0} quads/s, {quads} quads; target ≥ 200000 ch/s",
                r.secs,
                quads as f64 / r.secs
            ),
        );
        line(
            &mut out,
            &format!("  peak RSS, ingest {mb} MB"),
            format!("{:.0} MB", r.peak_rss_mb),
            "target ≤ 2048 MB",
        );
        line(
            &mut out,
            &format!("  store size, {mb} MB corpus"),
            format!("{:.1} B/ch", bytes as f64 / *chars as f64),
            &format!("{:.0} MB on disk; target ≤ 60 B/ch", bytes as f64 / 1e6),
        );
        ingest_secs.push((*mb, r.secs));
        largest_store = Some(store);
    }
    if let (Some(&(m0, s0)), Some(&(m1, s1))) = (ingest_secs.first(), ingest_secs.last())
        && m1 > m0
    {
        let ideal = s0 * m1 as f64 / m0 as f64;
        line(
            &mut out,
            &format!("ingest time {m0} MB → {m1} MB"),
            format!("{:.2}× of linear", s1 / ideal),
            "target within 1.15×",
        );
    }

    if opts.long_file_mb > 0 {
        let file = opts.dir.join(format!("one-line-{}mb.txt", opts.long_file_mb));
        let chars = write_one_line(&material, &file, opts.long_file_mb * 1_000_000, 7)?;
        let store = opts.dir.join("store-one-line");
        let _ = std::fs::remove_dir_all(&store);
        let r = run(exe, &["--quiet", "--store", path(&store), "ingest", path(&file)])?;
        anyhow::ensure!(r.code == 0, "ingest of the one-line file failed: {}", r.stderr);
        line(
            &mut out,
            &format!("ingest one {} MB file on one line", opts.long_file_mb),
            format!("{:.0} MB peak", r.peak_rss_mb),
            &format!("{:.1}s, {:.0} ch/s; target ≤ 2048 MB", r.secs, chars as f64 / r.secs),
        );
        if !opts.keep {
            let _ = std::fs::remove_dir_all(&store);
            let _ = std::fs::remove_file(&file);
        }
    }

    // latencies on the largest store: every README query and the graph commands
    if let Some(store) = &largest_store {
        let _ = writeln!(
            out,
            "latency on the {} MB store (best of 3):",
            sizes.last().unwrap_or(&0)
        );
        println!("{}", out.lines().last().unwrap_or_default());
        for cmd in readme_commands() {
            let Some(verb) = cmd.first().map(String::as_str) else {
                continue;
            };
            let target = match verb {
                "query" => "target ≤ 100 ms",
                "show" | "neighbors" => "target ≤ 200 ms",
                "trace" => "target ≤ 1000 ms",
                "rank" => "target ≤ 20000 ms",
                _ => continue,
            };
            let mut args = vec!["--store", path(store)];
            args.extend(cmd.iter().map(String::as_str));
            let r = best_of(3, exe, &args)?;
            let label: String = cmd.join(" ").chars().take(44).collect();
            let rows = r.stdout.lines().count();
            line(
                &mut out,
                &label,
                format!("{:.0} ms", r.secs * 1e3),
                &format!("{target} (exit {}, {rows} lines)", r.code),
            );
        }
        for cmd in [
            vec!["show", "重庆市"],
            vec!["show", "涪陵区"],
            vec!["neighbors", "涪陵区"],
            vec!["trace", "涪陵区委组织部", "两江新区"],
            vec!["rank", "--top", "10"],
            vec!["rank", "--by", "pagerank", "--top", "10"],
        ] {
            let target = match cmd[0] {
                "show" | "neighbors" => "target ≤ 200 ms",
                "trace" => "target ≤ 1000 ms",
                _ => "target ≤ 20000 ms",
            };
            let mut args = vec!["--store", path(store)];
            args.extend(cmd.iter().copied());
            let r = best_of(3, exe, &args)?;
            line(
                &mut out,
                &cmd.join(" "),
                format!("{:.0} ms", r.secs * 1e3),
                &format!("{target} (exit {})", r.code),
            );
        }
    }
    if !opts.keep {
        for (mb, dir, ..) in &corpora {
            let _ = std::fs::remove_dir_all(dir);
            let _ = std::fs::remove_dir_all(opts.dir.join(format!("store-{mb}mb")));
        }
    }
    Ok(out)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// Quads in a store, from `guanxi stats --format json`.
fn quad_count(exe: &Path, store: &Path) -> Result<u64> {
    let r = run(exe, &["--store", path(store), "stats", "--format", "json"])?;
    let v: serde_json::Value = serde_json::from_str(&r.stdout).context("stats JSON")?;
    Ok(v["quads"].as_u64().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_commands_split_like_a_shell() {
        assert_eq!(
            shell_words(r#"query 'SELECT ?x WHERE { ?x gx:name "涪陵区" }'"#),
            vec!["query", r#"SELECT ?x WHERE { ?x gx:name "涪陵区" }"#]
        );
        assert_eq!(shell_words("trace 甲 乙 --k 2"), vec!["trace", "甲", "乙", "--k", "2"]);
        assert!(readme_commands().iter().any(|c| c[0] == "query"));
    }
}

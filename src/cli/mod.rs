//! Command-line interface: argument parsing and dispatch to one module per command.
//!
//! Exit codes: 0 success; 1 finished, but some inputs were skipped (named on stderr);
//! 2 usage error or malformed query/input; 3 store or I/O failure.

mod eval_cmd;
mod export_cmd;
mod extract_cmd;
mod ingest;
mod query;
pub mod table;

use crate::extract::Extractor;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_PARTIAL: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_FAILURE: i32 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "guanxi",
    version,
    about = "关系 guanxi — knowledge graphs of who is connected to whom in Chinese government and business news",
    long_about = None
)]
pub struct Cli {
    /// The embedded store directory.
    #[arg(long, global = true, env = "GUANXI_STORE", default_value = "guanxi-store")]
    pub store: PathBuf,
    /// A directory of lexicon files extending the built-in ones (same file names as data/).
    #[arg(long, global = true, env = "GUANXI_LEXICON_DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// No progress bars or summaries on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract and load files or directories (.txt, .md) into the store.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print entities and relations of files, without storing them.
    Extract {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store.
    Query {
        #[arg(long, value_enum, default_value = "table")]
        format: QueryFormat,
        /// Read the query from a file.
        #[arg(short = 'f', long = "file", conflicts_with = "query")]
        file: Option<PathBuf>,
        /// The query text.
        query: Option<String>,
    },
    /// Export the store as RDF, Graphviz, JSON.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include co-mention edges in graph pictures.
        #[arg(long)]
        co_mentions: bool,
    },
    /// Score extraction against gold annotations (and a BIO corpus).
    Eval {
        /// Directory of gold JSON files (../shared/gold format).
        #[arg(long)]
        gold: Option<PathBuf>,
        /// A BIO-tagged NER corpus (char tag per line) to score mentions against.
        #[arg(long)]
        bio: Option<PathBuf>,
        /// Print every miss, false positive and duplicate.
        #[arg(long)]
        errors: bool,
        /// Only these types (PLACE,ORG,PERSON,PROGRAM).
        #[arg(long, value_delimiter = ',')]
        types: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// The texts the gold annotates.
        paths: Vec<PathBuf>,
    },
    /// Summarize the store: documents, entities per class, relations per type.
    Stats {
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Jsonl,
    Json,
    Table,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    Tsv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Ttl,
    Nt,
    Nq,
    Trig,
    Jsonld,
    Dot,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
}

/// Parses arguments and runs; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    match &cli.command {
        Command::Ingest { paths } => ingest::run(&cli, paths),
        Command::Extract { format, paths } => extract_cmd::run(&cli, *format, paths),
        Command::Query { format, file, query } => query::run(&cli, *format, file.as_deref(), query.as_deref()),
        Command::Export {
            format,
            out,
            co_mentions,
        } => export_cmd::run(&cli, *format, out.as_deref(), *co_mentions),
        Command::Eval {
            gold,
            bio,
            errors,
            types,
            format,
            paths,
        } => eval_cmd::run(&cli, gold.as_deref(), bio.as_deref(), *errors, types, *format, paths),
        Command::Stats { format } => ingest::stats(&cli, *format),
    }
}

/// Builds the extractor, naming a bad lexicon file and line.
pub(crate) fn extractor(cli: &Cli) -> anyhow::Result<Extractor> {
    Extractor::with_lexicon_dir(cli.lexicon_dir.as_deref()).map_err(|e| anyhow::anyhow!("lexicon error: {e}"))
}

/// A progress bar on a terminal, nothing otherwise.
pub(crate) fn progress(cli: &Cli, len: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if cli.quiet || !std::io::stderr().is_terminal() || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

pub(crate) fn write_output(out: Option<&Path>, content: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    match out {
        Some(p) => {
            // write next to the target, then rename: never a half-written file
            let tmp = p.with_extension("guanxi-tmp");
            std::fs::write(&tmp, content).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", tmp.display()))?;
            std::fs::rename(&tmp, p).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(content)?;
            stdout.flush()?;
        }
    }
    Ok(())
}

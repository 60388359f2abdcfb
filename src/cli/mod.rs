//! Command-line interface: argument parsing and dispatch to one module per command.
//!
//! Exit codes: 0 success; 1 finished, but some inputs were skipped (named on stderr) or there
//! is nothing to show (`trace`, `--path`: no path within the bound); 2 usage error, malformed
//! query/input, or an unknown/ambiguous entity name (candidates on stderr); 3 store or I/O
//! failure.

mod bench_cmd;
pub(crate) mod describe;
mod eval_cmd;
mod export_cmd;
mod extract_cmd;
mod ingest;
mod load;
mod neighbors;
mod query;
mod rank;
pub(crate) mod resolve;
pub(crate) mod show;
pub mod table;
pub(crate) mod trace;

pub use export_cmd::{ClusterBy, PictureArgs};
pub use rank::RankBy;

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
    /// Load N-Quads written by `guanxi extract --format nq` (shards from any number of machines)
    /// into the store: the same store one `guanxi ingest` of all their files gives.
    Load {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print entities and relations of files, without storing them (`--format nq`: the RDF
    /// `guanxi ingest` would store, for `guanxi load` or any other triple store).
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
    /// Export the store as RDF, JSON, a Graphviz DOT or SVG picture, or GraphML.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        picture: PictureArgs,
    },
    /// An entity card: names, class, code, aliases, relations with evidence, documents.
    Show {
        /// Name, alias or key of the entity.
        name: String,
        /// Also list co-mentioned entities.
        #[arg(long)]
        co_mentions: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// How two entities are connected: the k shortest paths, each hop with its evidence.
    Trace {
        /// Name, alias or key of the first entity.
        from: String,
        /// Name, alias or key of the second entity.
        to: String,
        /// Longest path to consider.
        #[arg(long, default_value_t = 6, value_name = "N")]
        max_hops: usize,
        /// Only these relation types (comma-separated, e.g. holds_post,located_in,part_of).
        #[arg(long, value_delimiter = ',', value_name = "TYPE,...")]
        via: Vec<String>,
        /// How many shortest paths.
        #[arg(long, default_value_t = 3, value_name = "K")]
        k: usize,
        /// Also walk co-mention edges (same sentence, untyped).
        #[arg(long)]
        co_mentions: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// The ego network of an entity: everything within --depth hops.
    Neighbors {
        /// Name, alias or key of the entity.
        name: String,
        #[arg(long, default_value_t = 1, value_name = "D")]
        depth: usize,
        /// Only these relation types (comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "TYPE,...")]
        types: Vec<String>,
        /// Also walk co-mention edges.
        #[arg(long)]
        co_mentions: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// Who is central: entities ranked by degree, PageRank or betweenness.
    Rank {
        #[arg(long, value_enum, default_value = "degree")]
        by: RankBy,
        /// Only this class (Place, Organization, Person, Program) or subtype (District, Fund, …).
        #[arg(long)]
        class: Option<String>,
        #[arg(long, default_value_t = 20, value_name = "N")]
        top: usize,
        /// Only these relation types (comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "TYPE,...")]
        types: Vec<String>,
        /// Also count co-mention edges.
        #[arg(long)]
        co_mentions: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// A Graphviz DOT picture (same as `export --format dot`); `dot -Tsvg` renders it.
    Dot {
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        picture: PictureArgs,
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
    /// The corpus benchmark: generates corpora from the bundled pages, then measures extraction,
    /// ingest, store size, memory and the latency of the README's queries and the graph commands.
    Bench {
        /// Corpus sizes in megabytes (the largest gets the latency figures).
        #[arg(long, value_delimiter = ',', default_value = "10,100", value_name = "MB,...")]
        sizes: Vec<usize>,
        /// Size of one long file written on a single line, in megabytes (0: skip it).
        #[arg(long, default_value_t = 50, value_name = "MB")]
        long_file: usize,
        /// Pages to draw the corpus from.
        #[arg(long, default_value = "seeds", value_name = "DIR")]
        pages: Vec<PathBuf>,
        /// Where corpora and stores go (default: a temporary directory).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Keep the generated corpora and stores.
        #[arg(long)]
        keep: bool,
    },
    /// Serve the store: a SPARQL 1.1 Protocol endpoint at /sparql and a web explorer at /.
    Serve(ServeArgs),
    /// Summarize the store: documents, entities per class, relations per type.
    Stats {
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
}

/// Flags of `guanxi serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; 0.0.0.0:PORT opens it to the network).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub bind: String,
    /// Seconds a query may run before it is stopped (504).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Rows (or triples) per answer unless the request asks for more with max-rows=N.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub max_rows: usize,
    /// Megabytes one query may hold before it is stopped (507).
    #[arg(long, default_value_t = 1024, value_name = "MB")]
    pub max_query_memory: usize,
    /// Worker threads (queries answered at once; twice as many wait, then 503).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub workers: usize,
    /// Allow browsers on this origin (or *) to query the endpoint (CORS); off by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Accept SPARQL Update (with the token written to serve.json); read-only by default.
    #[arg(long)]
    pub allow_update: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Jsonl,
    Json,
    Table,
    /// N-Quads: each document's named graph, then the default-graph facts it supports.
    Nq,
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
    Svg,
    Graphml,
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
    let store = cli.store.clone();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            if e.to_string().contains("in use by another guanxi process")
                && let Some(hint) = crate::serve::discovery::hint(&store)
            {
                eprintln!("  hint: {hint}");
            }
            EXIT_FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    match &cli.command {
        Command::Ingest { paths } => ingest::run(&cli, paths),
        Command::Extract { format, paths } => extract_cmd::run(&cli, *format, paths),
        Command::Query { format, file, query } => query::run(&cli, *format, file.as_deref(), query.as_deref()),
        Command::Export { format, out, picture } => export_cmd::run(&cli, *format, out.as_deref(), picture),
        Command::Dot { out, picture } => export_cmd::run(&cli, ExportFormat::Dot, out.as_deref(), picture),
        Command::Show {
            name,
            co_mentions,
            format,
        } => show::run(&cli, name, *co_mentions, *format),
        Command::Trace {
            from,
            to,
            max_hops,
            via,
            k,
            co_mentions,
            format,
        } => trace::run(
            &cli,
            &trace::TraceArgs {
                from,
                to,
                max_hops: *max_hops,
                via,
                k: *k,
                co_mentions: *co_mentions,
                format: *format,
            },
        ),
        Command::Neighbors {
            name,
            depth,
            types,
            co_mentions,
            format,
        } => neighbors::run(&cli, name, *depth, types, *co_mentions, *format),
        Command::Rank {
            by,
            class,
            top,
            types,
            co_mentions,
            format,
        } => rank::run(
            &cli,
            &rank::RankArgs {
                by: *by,
                class: class.as_deref(),
                top: *top,
                types,
                co_mentions: *co_mentions,
                format: *format,
            },
        ),
        Command::Eval {
            gold,
            bio,
            errors,
            types,
            format,
            paths,
        } => eval_cmd::run(&cli, gold.as_deref(), bio.as_deref(), *errors, types, *format, paths),
        Command::Stats { format } => ingest::stats(&cli, *format),
        Command::Serve(a) => {
            let config = crate::serve::Config {
                bind: a.bind.clone(),
                timeout: std::time::Duration::from_secs(a.timeout.max(1)),
                max_rows: a.max_rows.max(1),
                max_memory: a.max_query_memory.max(1) << 20,
                workers: a.workers.max(1),
                cors: a.cors.clone(),
                allow_update: a.allow_update,
                lexicon_dir: cli.lexicon_dir.clone(),
            };
            crate::serve::run(&cli.store, config, cli.quiet).map(|()| EXIT_OK)
        }
        Command::Load { paths } => load::run(&cli, paths),
        Command::Bench {
            sizes,
            long_file,
            pages,
            dir,
            keep,
        } => bench_cmd::run(&cli, sizes, *long_file, pages, dir.as_deref(), *keep),
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

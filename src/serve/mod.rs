//! `guanxi serve`: a SPARQL 1.1 Protocol endpoint and a web explorer over the embedded store,
//! from one process.
//!
//! Why one process: Oxigraph 0.5 has no secondary mode, and a RocksDB store opened read-only
//! while another process writes it is undefined behaviour. So the server owns the store while it
//! runs; `guanxi ingest` finds it through `serve.json` in the store directory and hands it the
//! documents (`POST /ingest`). Every query reads one snapshot, so readers stay consistent while
//! an ingest commits.
//!
//! Layout: `http.rs` (plumbing), `sparql.rs` (the protocol), `limits.rs` (time and memory per
//! query), `api.rs` (the explorer's JSON and pictures), `ingest.rs` (documents in, and the
//! client side `guanxi ingest` uses), `discovery.rs` (serve.json), `assets.rs` (the embedded
//! page). Requests are taken by one thread and handed to a fixed pool of workers through a
//! bounded queue; when it is full the server answers 503 at once instead of queueing forever.

mod api;
mod assets;
pub mod discovery;
pub mod http;
pub mod ingest;
pub mod limits;
mod sparql;

use crate::extract::Extractor;
use crate::graph::KnowledgeGraph;
use crate::rdf::GraphStore;
use anyhow::{Context, Result, anyhow};
use http::{Reply, header, split_url};
use limits::Watchdog;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// What `guanxi serve` was asked.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub timeout: Duration,
    pub max_rows: usize,
    /// Bytes one query may hold.
    pub max_memory: usize,
    pub workers: usize,
    pub cors: Option<String>,
    pub allow_update: bool,
    pub lexicon_dir: Option<PathBuf>,
}

/// What every worker shares.
pub struct State {
    pub store: GraphStore,
    pub config: Config,
    /// The address actually bound.
    pub addr: String,
    /// The secret of serve.json: `/ingest` and SPARQL Update need it.
    pub token: String,
    pub watchdog: Arc<Watchdog>,
    /// One writer at a time (ingests, updates).
    pub writing: Mutex<()>,
    extractor: OnceLock<std::result::Result<Extractor, String>>,
    /// Every entity's names, for search; dropped whenever the store is written.
    names: Mutex<Option<Arc<KnowledgeGraph>>>,
}

impl State {
    /// Every entity with its names and class (no relations), cached until the next write.
    pub fn names(&self) -> Result<Arc<KnowledgeGraph>> {
        let mut cached = self.names.lock().map_err(|_| anyhow!("names cache poisoned"))?;
        if let Some(g) = cached.as_ref() {
            return Ok(g.clone());
        }
        let none = crate::graph::algorithms::EdgeFilter {
            kinds: Some(Default::default()),
            co_mentions: false,
        };
        let g = Arc::new(self.store.entities_graph(&none)?);
        *cached = Some(g.clone());
        Ok(g)
    }

    pub fn forget_names(&self) {
        if let Ok(mut c) = self.names.lock() {
            *c = None;
        }
    }

    /// The extractor, built on the first ingest (about half a second).
    pub fn extractor(&self) -> std::result::Result<&Extractor, String> {
        self.extractor
            .get_or_init(|| {
                Extractor::with_lexicon_dir(self.config.lexicon_dir.as_deref())
                    .map_err(|e| format!("lexicon error: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// `Authorization: Bearer TOKEN` with the server's token, or the reply refusing it.
pub fn check_token(state: &State, req: &tiny_http::Request) -> std::result::Result<(), Reply> {
    match header(req, "Authorization").as_deref().and_then(|h| h.strip_prefix("Bearer ")) {
        None => Err(Reply::text(
            401,
            "this needs the server's token: send `Authorization: Bearer TOKEN` with the token from serve.json in the store directory",
        )
        .header("WWW-Authenticate", "Bearer")),
        Some(t) if constant_time_eq(t.trim().as_bytes(), state.token.as_bytes()) => Ok(()),
        Some(_) => Err(Reply::text(403, "wrong token (see serve.json in the store directory)")),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Runs the server until Ctrl-C or SIGTERM.
pub fn run(store_dir: &std::path::Path, config: Config, quiet: bool) -> Result<()> {
    if let Some(running) = discovery::find(store_dir) {
        return Err(anyhow!(
            "store {} is already served by guanxi serve at http://{} (pid {})",
            store_dir.display(),
            running.addr,
            running.pid
        ));
    }
    let store = GraphStore::open_existing(store_dir)?;
    let server = tiny_http::Server::http(&config.bind).map_err(|e| anyhow!("cannot listen on {}: {e}", config.bind))?;
    let addr = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_else(|| config.bind.clone());
    let ip = server.server_addr().to_ip().map(|a| a.ip());
    if ip.is_some_and(|ip| !ip.is_loopback()) {
        eprintln!(
            "warning: listening on {addr}, reachable from other machines: anyone who can reach it can read the \
             whole store (bind 127.0.0.1 to keep it on this machine)"
        );
    }
    let token = discovery::random_token()?;
    let server = Arc::new(server);
    let state = Arc::new(State {
        store,
        addr: addr.clone(),
        token: token.clone(),
        watchdog: Watchdog::start(),
        writing: Mutex::new(()),
        extractor: OnceLock::new(),
        names: Mutex::new(None),
        config,
    });
    let file = discovery::write(store_dir, &addr, &token, state.config.allow_update)?;
    // SAFETY: installing a handler that only stores to an atomic is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, on_signal as *const () as libc::sighandler_t);
        libc::signal(libc::SIGTERM, on_signal as *const () as libc::sighandler_t);
    }
    if !quiet {
        eprintln!(
            "guanxi serve: http://{addr}/ (explorer), http://{addr}/sparql (SPARQL endpoint); store {}; {} worker(s), \
             timeout {} s, {} rows per answer, {} MB per query; {}{}",
            store_dir.display(),
            state.config.workers,
            state.config.timeout.as_secs(),
            state.config.max_rows,
            state.config.max_memory >> 20,
            if state.config.allow_update {
                "SPARQL Update allowed with the token of serve.json"
            } else {
                "read-only"
            },
            if limits::memory_metered() {
                ""
            } else {
                " (memory budgets not enforced in this build)"
            }
        );
    }
    let workers = state.config.workers.max(1);
    let (tx, rx) = sync_channel::<tiny_http::Request>(workers * 2);
    let rx = Arc::new(Mutex::new(rx));
    let mut handles = Vec::new();
    for n in 0..workers {
        let (state, rx) = (state.clone(), rx.clone());
        handles.push(
            std::thread::Builder::new()
                .name(format!("guanxi-worker-{n}"))
                .spawn(move || worker(&state, &rx))
                .context("spawn a worker")?,
        );
    }
    let front = {
        let (state, server) = (state.clone(), server.clone());
        std::thread::Builder::new()
            .name("guanxi-accept".into())
            .spawn(move || accept(&state, &server, &tx))
            .context("spawn the accept thread")?
    };
    while !STOP.load(Ordering::SeqCst) && !front.is_finished() {
        std::thread::sleep(Duration::from_millis(100));
    }
    STOP.store(true, Ordering::SeqCst);
    server.unblock();
    state.watchdog.cancel_all();
    let _ = front.join();
    // running queries were cancelled; an ingest finishes its commit (up to a grace period)
    let grace = std::time::Instant::now() + Duration::from_secs(10);
    while handles.iter().any(|h| !h.is_finished()) && std::time::Instant::now() < grace {
        std::thread::sleep(Duration::from_millis(50));
    }
    discovery::remove(&file, &token);
    if !quiet {
        eprintln!("guanxi serve: stopped");
    }
    Ok(())
}

/// Takes requests; serves the page's assets itself, hands everything else to the workers, and
/// answers 503 when their queue is full.
fn accept(state: &State, server: &tiny_http::Server, tx: &std::sync::mpsc::SyncSender<tiny_http::Request>) {
    loop {
        let req = match server.recv() {
            Ok(r) => r,
            Err(_) => break,
        };
        if STOP.load(Ordering::SeqCst) {
            let _ = req.respond(Reply::text(503, "the server is stopping").into_response());
            break;
        }
        let (path, _) = split_url(req.url());
        if let Some(reply) = assets::serve(&path) {
            let _ = req.respond(finish(state, reply).into_response());
            continue;
        }
        match tx.try_send(req) {
            Ok(()) => {}
            Err(TrySendError::Full(req)) | Err(TrySendError::Disconnected(req)) => {
                let reply = Reply::text(503, "all workers are busy; retry in a moment").header("Retry-After", "1");
                let _ = req.respond(finish(state, reply).into_response());
            }
        }
    }
    // an unblocked server: let the workers go
    STOP.store(true, Ordering::SeqCst);
}

fn worker(state: &Arc<State>, rx: &Mutex<Receiver<tiny_http::Request>>) {
    loop {
        let next = {
            let Ok(rx) = rx.lock() else { return };
            rx.recv_timeout(Duration::from_millis(200))
        };
        match next {
            Ok(mut req) => {
                let reply = route(state, &mut req);
                let _ = req.respond(finish(state, reply).into_response());
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if STOP.load(Ordering::SeqCst) {
                    return;
                }
            }
            Err(_) => return,
        }
    }
}

fn route(state: &Arc<State>, req: &mut tiny_http::Request) -> Reply {
    let (path, params) = split_url(req.url());
    if let Some(r) = foreign_host(state, req) {
        return r;
    }
    if *req.method() == tiny_http::Method::Options {
        return Reply::text(204, "").header("Allow", "GET, POST, OPTIONS");
    }
    // the panic of one request must not take the worker with it
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match path.as_str() {
        "/sparql" => sparql::handle(state, req, params),
        "/ingest" => ingest::handle(state, req),
        p if p.starts_with("/api/") => api::handle(state, req, p, &params),
        _ => Reply::text(
            404,
            format!("nothing at {path}; the explorer is at /, the SPARQL endpoint at /sparql"),
        ),
    }));
    result.unwrap_or_else(|_| Reply::text(500, "internal error while answering this request"))
}

/// On a loopback address, a request naming another host (a web page whose domain was made to
/// resolve to 127.0.0.1, "DNS rebinding") is refused: only this machine's names reach the store.
fn foreign_host(state: &State, req: &tiny_http::Request) -> Option<Reply> {
    let loopback = state
        .addr
        .parse::<std::net::SocketAddr>()
        .is_ok_and(|a| a.ip().is_loopback());
    let host = header(req, "Host")?;
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or("").to_owned(),
        None => host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h).to_owned(),
    };
    let local = ["127.0.0.1", "localhost", "::1"].contains(&name.as_str()) || name.starts_with("127.");
    (loopback && !local).then(|| {
        Reply::text(
            403,
            format!("this server answers requests for localhost or 127.0.0.1, not for {host:?}"),
        )
    })
}

/// Headers every reply gets: CORS only when `--cors` allows an origin.
fn finish(state: &State, mut reply: Reply) -> Reply {
    reply.headers.push(("X-Content-Type-Options".into(), "nosniff".into()));
    if let Some(origin) = &state.config.cors {
        reply
            .headers
            .push(("Access-Control-Allow-Origin".into(), origin.clone()));
        reply
            .headers
            .push(("Access-Control-Allow-Methods".into(), "GET, POST, OPTIONS".into()));
        reply.headers.push((
            "Access-Control-Allow-Headers".into(),
            "Content-Type, Accept, Authorization".into(),
        ));
        reply.headers.push((
            "Access-Control-Expose-Headers".into(),
            "X-Guanxi-Truncated, X-Guanxi-Rows, X-Guanxi-Max-Rows".into(),
        ));
        if origin != "*" {
            reply.headers.push(("Vary".into(), "Origin".into()));
        }
    }
    reply
}

//! Ingest while serving. The server owns the store, so `guanxi ingest` sends its files to
//! `POST /ingest` (with the token of serve.json); the server runs them through the same
//! pipeline as a local ingest, one writer at a time, while queries keep reading their snapshots.
//!
//! The body is `application/x-guanxi-documents`: for each file a JSON line
//! `{"name": …, "path": …, "bytes": N}` followed by the file's N bytes, undecoded (the server
//! decodes them as a local ingest would).

use super::discovery::Served;
use super::http::{Reply, read_body};
use super::{State, check_token};
use crate::pipeline::{Event, ingest_with};
use crate::text::{CorpusFile, read_source};
use anyhow::{Result, anyhow};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Largest body of one `/ingest` request; the client sends bigger inputs in several.
pub const MAX_INGEST_BYTES: usize = 256 << 20;
pub const CONTENT_TYPE: &str = "application/x-guanxi-documents";

#[derive(serde::Deserialize, serde::Serialize)]
struct Header {
    name: String,
    path: String,
    bytes: usize,
}

fn parse(body: &[u8]) -> Result<Vec<(Header, &[u8])>, String> {
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let eol = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("a document header line has no end")?;
        let h: Header = serde_json::from_slice(&rest[..eol]).map_err(|e| format!("bad document header: {e}"))?;
        rest = &rest[eol + 1..];
        if h.bytes > rest.len() {
            return Err(format!("document {} is cut short", h.name));
        }
        let (bytes, next) = rest.split_at(h.bytes);
        out.push((h, bytes));
        rest = next;
    }
    Ok(out)
}

static BATCH: AtomicUsize = AtomicUsize::new(0);

/// `POST /ingest`.
pub fn handle(state: &State, req: &mut tiny_http::Request) -> Reply {
    if *req.method() != tiny_http::Method::Post {
        return Reply::text(405, "POST documents to /ingest (guanxi ingest does)").header("Allow", "POST");
    }
    if let Err(r) = check_token(state, req) {
        return r;
    }
    let body = match read_body(req, MAX_INGEST_BYTES) {
        Ok(b) => b,
        Err(true) => return Reply::text(413, format!("more than {MAX_INGEST_BYTES} bytes in one request")),
        Err(false) => return Reply::text(400, "could not read the request body"),
    };
    let docs = match parse(&body) {
        Ok(d) => d,
        Err(m) => return Reply::text(400, m),
    };
    match ingest_documents(state, &docs) {
        Ok(v) => Reply::json(200, &v),
        Err(e) => Reply::text(500, format!("ingest failed: {e:#}")),
    }
}

fn ingest_documents(state: &State, docs: &[(Header, &[u8])]) -> Result<serde_json::Value> {
    let extractor = state.extractor().map_err(|m| anyhow!(m))?;
    let _writing = state.writing.lock().map_err(|_| anyhow!("writer lock poisoned"))?;
    // the files are copied under the store directory and read from there, as a local ingest
    // reads them; the document records the client's path
    let dir = state.store.path().join(format!(
        ".ingest-{}-{}",
        std::process::id(),
        BATCH.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)?;
    let mut files = Vec::new();
    let mut client_path = BTreeMap::new();
    for (k, (h, bytes)) in docs.iter().enumerate() {
        let p = dir.join(format!("{k}.doc"));
        std::fs::write(&p, bytes)?;
        client_path.insert(p.clone(), h.path.clone());
        files.push(CorpusFile {
            path: p,
            name: h.name.clone(),
        });
    }
    let read = |f: &CorpusFile| {
        read_source(f).map(|mut s| {
            if let Some(p) = client_path.get(&f.path) {
                s.path = p.clone();
            }
            s
        })
    };
    let mut skipped = Vec::new();
    let report = ingest_with(&state.store, extractor, &files, &read, |event| {
        if let Event::Skipped(f, e) = event {
            let shown = client_path.get(&f.path).cloned().unwrap_or_default();
            skipped.push(e.to_string().replace(&f.path.display().to_string(), &shown));
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    let report = report?;
    if report.added + report.replaced > 0 || !state.store.path().join(crate::rdf::index::INDEX_FILE).exists() {
        state.store.refresh_index()?;
    }
    state.forget_names();
    Ok(json!({
        "files": report.files,
        "added": report.added,
        "replaced": report.replaced,
        "unchanged": report.unchanged,
        "skipped": report.skipped,
        "skipped_files": skipped,
        "chars": report.chars,
        "summary": state.store.summary()?,
    }))
}

/// What the server did with the files `guanxi ingest` sent.
#[derive(Debug, Default)]
pub struct Sent {
    pub files: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub chars: usize,
    pub skipped_files: Vec<String>,
    pub summary: Option<crate::rdf::Summary>,
}

/// Sends files to the running server, in requests of at most [`MAX_INGEST_BYTES`]; files that
/// cannot be read here are reported as skipped.
pub fn send(served: &Served, files: &[CorpusFile]) -> Result<Sent> {
    let mut sent = Sent::default();
    let mut body = Vec::new();
    let mut pending = 0;
    for f in files {
        let bytes = match std::fs::read(&f.path) {
            Ok(b) => b,
            Err(e) => {
                sent.files += 1;
                sent.skipped += 1;
                sent.skipped_files.push(format!("{}: {e}", f.path.display()));
                continue;
            }
        };
        let header = serde_json::to_string(&Header {
            name: f.name.clone(),
            path: f.path.display().to_string(),
            bytes: bytes.len(),
        })?;
        if pending > 0 && body.len() + header.len() + bytes.len() + 1 > MAX_INGEST_BYTES {
            post_batch(served, &body, &mut sent)?;
            body.clear();
            pending = 0;
        }
        body.extend_from_slice(header.as_bytes());
        body.push(b'\n');
        body.extend_from_slice(&bytes);
        pending += 1;
    }
    if pending > 0 {
        post_batch(served, &body, &mut sent)?;
    }
    Ok(sent)
}

fn post_batch(served: &Served, body: &[u8], sent: &mut Sent) -> Result<()> {
    let auth = format!("Bearer {}", served.token);
    let headers = [("Content-Type", CONTENT_TYPE), ("Authorization", auth.as_str())];
    let r = super::http::post(&served.addr, "/ingest", &headers, body, Duration::from_secs(3600)).map_err(|e| {
        anyhow!(
            "the store is served by guanxi serve (pid {}) at http://{}, but it did not answer ({e}); \
             wait until it answers, or stop it (Ctrl-C) and ingest again",
            served.pid,
            served.addr
        )
    })?;
    if r.status != 200 {
        return Err(anyhow!(
            "guanxi serve at http://{} refused the documents ({}): {}",
            served.addr,
            r.status,
            String::from_utf8_lossy(&r.body).trim()
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&r.body)?;
    let n = |k: &str| v[k].as_u64().unwrap_or(0) as usize;
    sent.files += n("files");
    sent.added += n("added");
    sent.replaced += n("replaced");
    sent.unchanged += n("unchanged");
    sent.skipped += n("skipped");
    sent.chars += n("chars");
    if let Some(list) = v["skipped_files"].as_array() {
        sent.skipped_files
            .extend(list.iter().filter_map(|s| s.as_str().map(str::to_owned)));
    }
    sent.summary = serde_json::from_value(v["summary"].clone()).ok();
    Ok(())
}

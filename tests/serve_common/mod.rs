//! Helpers of the `guanxi serve` tests: the real clients the set-up installs, and a server on a
//! loopback port of its own that is stopped (SIGTERM) when dropped.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_guanxi")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh store with the bundled seeds ingested.
pub fn seeded_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("guanxi-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = dir.join("store");
    let o = Command::new(bin())
        .args(["--quiet", "--store"])
        .arg(&store)
        .args(["ingest", "seeds/"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    store
}

/// The clients `scripts/serve-test-setup.sh` installs: `Ok(path)`, or `Err(why)` when the set-up
/// could not install it (the test then says so and skips; it never passes silently).
pub fn tool(name: &str) -> Result<PathBuf, String> {
    let status = root().join(".serve-test/status");
    if !status.exists() {
        let o = Command::new(root().join("scripts/serve-test-setup.sh"))
            .output()
            .map_err(|e| format!("cannot run scripts/serve-test-setup.sh: {e}"))?;
        eprintln!("{}", String::from_utf8_lossy(&o.stderr));
    }
    let text = std::fs::read_to_string(&status).map_err(|e| format!("no {}: {e}", status.display()))?;
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        if parts.next() != Some(name) {
            continue;
        }
        return match parts.next() {
            Some("ok") => Ok(PathBuf::from(parts.next().unwrap_or(name))),
            _ => Err(format!("{name}: {}", parts.collect::<Vec<_>>().join(" "))),
        };
    }
    Err(format!("{name} is not in {}", status.display()))
}

/// Skips a test with the reason on stderr (set-up could not install a client).
#[macro_export]
macro_rules! need {
    ($tool:expr) => {
        match serve_common::tool($tool) {
            Ok(p) => p,
            Err(why) => {
                eprintln!("SKIPPED: {why} (scripts/serve-test-setup.sh could not install it)");
                return;
            }
        }
    };
}

pub struct Server {
    pub child: Child,
    pub addr: String,
    pub store: PathBuf,
    pub token: String,
}

impl Server {
    /// Starts `guanxi serve` on a free loopback port with extra flags, once serve.json is there.
    #[allow(clippy::zombie_processes)] // the Server owns the child and waits for it on drop
    pub fn start(store: &Path, flags: &[&str]) -> Server {
        let _ = std::fs::remove_file(store.join("serve.json"));
        let child = Command::new(bin())
            .arg("--store")
            .arg(store)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(flags)
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(store.join("serve.json"))
                && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
            {
                return Server {
                    child,
                    addr: v["addr"].as_str().unwrap().to_owned(),
                    store: store.to_path_buf(),
                    token: v["token"].as_str().unwrap().to_owned(),
                };
            }
            assert!(started.elapsed() < Duration::from_secs(20), "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Resident memory of the server process in MB.
    pub fn rss_mb(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse::<usize>().ok())
            .map_or(0, |kb| kb / 1024)
    }

    /// Stops with SIGTERM and waits; returns stderr.
    pub fn stop(mut self) -> String {
        terminate(&mut self.child);
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        err
    }
}

fn terminate(child: &mut Child) {
    // SAFETY: sending SIGTERM to our own child process.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let until = Instant::now() + Duration::from_secs(15);
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            terminate(&mut self.child);
        }
    }
}

/// POSTs a SPARQL query; (status, body).
pub fn post_query(addr: &str, query: &str, accept: &str) -> (u16, String) {
    let r = guanxi::serve::http::post(
        addr,
        "/sparql",
        &[("Content-Type", "application/sparql-query"), ("Accept", accept)],
        query.as_bytes(),
        Duration::from_secs(60),
    )
    .expect("the server answers");
    (r.status, String::from_utf8_lossy(&r.body).into_owned())
}

/// Runs curl; (status, headers, body).
pub fn curl(curl: &Path, args: &[&str]) -> (u16, String, String) {
    let o = Command::new(curl)
        .args(["-s", "-D", "-", "--max-time", "60"])
        .args(args)
        .output()
        .expect("curl runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

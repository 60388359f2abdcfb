//! `serve.json` in the store directory: how other guanxi commands find the server that owns the
//! store (its address and pid) and prove they may write through it (a random token). The file
//! is readable by its owner only (0600), written when the server starts and removed when it
//! stops; a file left by a killed server is recognized by its dead pid and ignored.

use anyhow::{Context, Result, anyhow};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const FILE: &str = "serve.json";

/// A running server, as its serve.json describes it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Served {
    pub addr: String,
    pub pid: u32,
    pub token: String,
    pub allow_update: bool,
}

/// 32 random bytes from the kernel, as hex.
pub fn random_token() -> Result<String> {
    let mut b = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut b))
        .context("reading /dev/urandom for the server's token")?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Writes serve.json (mode 0600) and returns its path.
pub fn write(store: &Path, addr: &str, token: &str, allow_update: bool) -> Result<PathBuf> {
    let path = store.join(FILE);
    let served = Served {
        addr: addr.to_owned(),
        pid: std::process::id(),
        token: token.to_owned(),
        allow_update,
    };
    let tmp = store.join(format!("{FILE}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(&tmp)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    f.write_all(serde_json::to_string_pretty(&served)?.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Removes serve.json if it is still ours.
pub fn remove(path: &Path, token: &str) {
    if read(path).is_some_and(|s| s.token == token) {
        let _ = std::fs::remove_file(path);
    }
}

fn read(path: &Path) -> Option<Served> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 checks that the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The server that owns this store, if one is running (a stale file is removed).
pub fn find(store: &Path) -> Option<Served> {
    let path = store.join(FILE);
    let served = read(&path)?;
    if alive(served.pid) && served.pid != std::process::id() {
        Some(served)
    } else {
        let _ = std::fs::remove_file(&path);
        None
    }
}

/// Whether a server's serve.json is there but unreadable to us (another user's server).
pub fn unreadable(store: &Path) -> bool {
    let path = store.join(FILE);
    path.exists() && std::fs::File::open(&path).is_err()
}

/// What to tell someone whose command found the store locked by a server.
pub fn hint(store: &Path) -> Option<String> {
    let s = find(store)?;
    Some(format!(
        "the store is served by `guanxi serve` (pid {}) at http://{}/ — query it there \
         (curl http://{}/sparql --data-urlencode 'query=…'), add documents with `guanxi ingest` \
         (it sends them to the server), or stop the server first",
        s.pid, s.addr, s.addr
    ))
}

/// An error for commands that cannot go through the server.
pub fn locked_error(store: &Path) -> anyhow::Error {
    match hint(store) {
        Some(h) => anyhow!("{h}"),
        None => anyhow!("store {} is in use by another guanxi process", store.display()),
    }
}

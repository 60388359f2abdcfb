//! Timing commands as a user runs them: a child process of the `guanxi` binary, its wall time and
//! its peak resident memory (`VmHWM`, polled from `/proc` while it runs).

use anyhow::{Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One finished command.
#[derive(Debug, Clone)]
pub struct Run {
    pub secs: f64,
    /// Peak resident memory seen, in megabytes (0 when the process ended before a reading).
    pub peak_rss_mb: f64,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Peak resident memory of a process so far, in kB (`VmHWM`).
pub fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

/// This process's own peak resident memory, in megabytes.
pub fn own_peak_rss_mb() -> f64 {
    peak_rss_kb(std::process::id()).unwrap_or(0) as f64 / 1024.0
}

/// Runs `exe args…`, polling its memory every 10 ms.
pub fn run(exe: &Path, args: &[&str]) -> Result<Run> {
    let started = Instant::now();
    let mut child = Command::new(exe)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", exe.display()))?;
    let pid = child.id();
    // read the pipes on their own threads so a large output never blocks the child
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(o) = out.as_mut() {
            let _ = std::io::Read::read_to_string(o, &mut s);
        }
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = err.as_mut() {
            let _ = std::io::Read::read_to_string(e, &mut s);
        }
        s
    });
    let mut peak = 0u64;
    let status = loop {
        if let Some(kb) = peak_rss_kb(pid) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let secs = started.elapsed().as_secs_f64();
    Ok(Run {
        secs,
        peak_rss_mb: peak as f64 / 1024.0,
        code: status.code().unwrap_or(-1),
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
    })
}

/// The fastest of `n` runs (a warm cache: what a researcher sees on the second query).
pub fn best_of(n: usize, exe: &Path, args: &[&str]) -> Result<Run> {
    let mut best: Option<Run> = None;
    for _ in 0..n.max(1) {
        let r = run(exe, args)?;
        if best.as_ref().is_none_or(|b| r.secs < b.secs) {
            best = Some(r);
        }
    }
    Ok(best.expect("at least one run"))
}

/// Bytes of every file under a directory.
pub fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_bytes(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

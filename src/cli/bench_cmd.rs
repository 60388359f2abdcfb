//! `guanxi bench`: runs the corpus benchmark (`crate::bench`) with the built binary.

use super::{Cli, EXIT_OK, EXIT_USAGE, extractor};
use crate::bench::{BenchOptions, run_bench};
use anyhow::Result;
use std::path::{Path, PathBuf};

pub fn run(
    cli: &Cli,
    sizes: &[usize],
    long_file: usize,
    pages: &[PathBuf],
    dir: Option<&Path>,
    keep: bool,
) -> Result<i32> {
    if sizes.is_empty() || sizes.contains(&0) {
        eprintln!("error: --sizes takes positive sizes in megabytes, e.g. --sizes 10,100");
        return Ok(EXIT_USAGE);
    }
    let exe = std::env::current_exe()?;
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("guanxi-bench-{}", std::process::id())));
    let opts = BenchOptions {
        sizes_mb: sizes.to_vec(),
        long_file_mb: long_file,
        pages: pages.to_vec(),
        dir: dir.clone(),
        keep,
    };
    let extractor = extractor(cli)?;
    run_bench(&exe, &extractor, &opts)?;
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(EXIT_OK)
}

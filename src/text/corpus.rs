//! Input discovery: files and directories (recursively, `.txt` and `.md`) in a stable order.

use super::Document;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// A file to read, with the document name it will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// File name for files named directly; path relative to the directory for walked files.
    pub name: String,
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum InputError {
    Missing(PathBuf),
    Io(PathBuf, std::io::Error),
    NotText(PathBuf, super::DecodeError),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Missing(p) => write!(f, "{}: no such file or directory", p.display()),
            InputError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            InputError::NotText(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for InputError {}

/// Expands the given paths into the files to read, sorted and without duplicates.
/// A path that does not exist is an error; a directory contributes its `.txt`/`.md` files.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<CorpusFile>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::Missing(path.clone()),
            _ => InputError::Io(path.clone(), e),
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, path, &mut found)?;
            found.sort_by(|a: &CorpusFile, b| a.name.cmp(&b.name));
            files.extend(found);
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            files.push(CorpusFile {
                path: path.clone(),
                name,
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.path.clone()));
    Ok(files)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<CorpusFile>) -> Result<(), InputError> {
    let entries = fs::read_dir(dir).map_err(|e| InputError::Io(dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| InputError::Io(dir.to_path_buf(), e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| InputError::Io(path.clone(), e))?;
        if kind.is_dir() {
            walk(root, &path, out)?;
        } else if is_text_name(&path) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(CorpusFile { path, name });
        }
    }
    Ok(())
}

fn is_text_name(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md")
    )
}

/// A file read and decoded, not yet normalized: what ingest needs to decide whether to extract
/// it (its hash) and how (in parts when long).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub path: String,
    pub encoding: super::SourceEncoding,
    /// SHA-256 of the file's bytes, hex.
    pub content_hash: String,
    pub text: String,
    /// Characters of `text`.
    pub chars: usize,
}

impl Source {
    /// The whole file as one document.
    pub fn document(&self) -> Document {
        Document::from_decoded(&self.name, &self.path, self.encoding, &self.content_hash, &self.text)
    }
}

/// Reads, hashes and decodes one file.
pub fn read_source(file: &CorpusFile) -> Result<Source, InputError> {
    let bytes = fs::read(&file.path).map_err(|e| InputError::Io(file.path.clone(), e))?;
    let content_hash = super::hash_hex(&bytes);
    let (text, encoding) = super::decode(&bytes).map_err(|e| InputError::NotText(file.path.clone(), e))?;
    drop(bytes);
    Ok(Source {
        name: file.name.clone(),
        path: file.path.display().to_string(),
        encoding,
        content_hash,
        chars: text.chars().count(),
        text,
    })
}

/// Reads and decodes one file.
pub fn read_document(file: &CorpusFile) -> Result<Document, InputError> {
    let bytes = fs::read(&file.path).map_err(|e| InputError::Io(file.path.clone(), e))?;
    Document::from_bytes(&file.name, &file.path.display().to_string(), &bytes)
        .map_err(|e| InputError::NotText(file.path.clone(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_in_order_and_skips_other_extensions() {
        let dir = std::env::temp_dir().join(format!("guanxi-corpus-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("b.txt"), "乙").unwrap();
        fs::write(dir.join("sub/a.md"), "甲").unwrap();
        fs::write(dir.join("c.png"), [0u8, 1, 2]).unwrap();
        let files = collect_inputs(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, vec!["b.txt", "sub/a.md"]);
        assert!(matches!(
            collect_inputs(&[dir.join("nope")]),
            Err(InputError::Missing(_))
        ));
        fs::remove_dir_all(&dir).unwrap();
    }
}

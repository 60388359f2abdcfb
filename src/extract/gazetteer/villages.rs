//! Villages and residents' committees of the whole country (620,573 of them), read lazily.
//!
//! Parsing every village at start-up would cost more than the rest of the gazetteer and a page
//! names a handful at most, so `villages.tsv` (one line per township, sorted by code, derived by
//! `scripts/build_gazetteer.py`) stays the text compiled into the binary. The first query indexes
//! the township codes of its lines (one pass, no names parsed); a township's villages are parsed
//! the first time a document names that township or its county, and kept.
//!
//! A village's index in the gazetteer is `base + line * 1000 + number` (its code is the township
//! code and the three-digit number), so an index is known without parsing and names one village
//! for ever in one build of the table.

use super::{Division, Level};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The shipped table.
pub const VILLAGES_TSV: &str = include_str!("../../../data/gazetteer/villages.tsv");

/// Numbers a township line may use (three digits).
const PER_LINE: usize = 1000;

/// One township's line of the table.
#[derive(Debug, Default)]
struct Line {
    township_code: u64,
    /// The township's division index, when the gazetteer has it.
    township: Option<usize>,
    start: usize,
    end: usize,
    parsed: OnceLock<Box<[Division]>>,
}

/// The lazily read village table.
#[derive(Debug, Default)]
pub struct VillageTable {
    text: &'static str,
    lines: OnceLock<Vec<Line>>,
}

impl Clone for VillageTable {
    fn clone(&self) -> Self {
        VillageTable::new(self.text)
    }
}

impl VillageTable {
    pub fn new(text: &'static str) -> Self {
        VillageTable {
            text,
            lines: OnceLock::new(),
        }
    }

    /// The township lines, indexed on first use.
    fn lines(&self, by_code: &HashMap<String, usize>) -> &[Line] {
        self.lines.get_or_init(|| {
            let mut lines = Vec::new();
            let mut at = 0;
            for raw in self.text.split_inclusive('\n') {
                let start = at;
                at += raw.len();
                let line = raw.trim_end_matches(['\n', '\r']);
                if line.starts_with('#') || line.is_empty() {
                    continue;
                }
                let Some((code, _)) = line.split_once('\t') else {
                    continue;
                };
                let Ok(number) = code.parse::<u64>() else { continue };
                if code.len() != 9 {
                    continue;
                }
                lines.push(Line {
                    township_code: number,
                    township: by_code.get(code).copied(),
                    start: start + code.len() + 1,
                    end: start + line.len(),
                    parsed: OnceLock::new(),
                });
            }
            lines.sort_by_key(|l| l.township_code);
            lines.dedup_by_key(|l| l.township_code);
            lines
        })
    }

    fn parsed<'a>(&'a self, line: &'a Line) -> &'a [Division] {
        line.parsed.get_or_init(|| {
            let mut out = Vec::new();
            let mut number = 0usize;
            for entry in self.text[line.start..line.end].split(' ') {
                let name = match entry.split_once(':') {
                    Some((n, name)) => match n.parse::<usize>() {
                        Ok(n) => {
                            number = n;
                            name
                        }
                        Err(_) => continue,
                    },
                    None => {
                        number += 1;
                        entry
                    }
                };
                if name.is_empty() || number == 0 || number >= PER_LINE {
                    continue;
                }
                out.push(Division {
                    code: format!("{:09}{:03}", line.township_code, number),
                    name: crate::text::fold_str(name),
                    level: Level::Village,
                    parent: line.township,
                    short: None,
                    forms: Vec::new(),
                });
            }
            out.into_boxed_slice()
        })
    }

    fn line_of_township(&self, by_code: &HashMap<String, usize>, code: u64) -> Option<usize> {
        self.lines(by_code)
            .binary_search_by_key(&code, |l| l.township_code)
            .ok()
    }

    /// The village of relative index `rel` (line × 1000 + number).
    pub fn get(&self, by_code: &HashMap<String, usize>, rel: usize) -> Option<&Division> {
        let line = self.lines(by_code).get(rel / PER_LINE)?;
        let number = rel % PER_LINE;
        let villages = self.parsed(line);
        villages
            .binary_search_by_key(&number, |d| village_number(&d.code))
            .ok()
            .map(|i| &villages[i])
    }

    /// The relative index of a 12-digit village code.
    pub fn by_code(&self, by_code: &HashMap<String, usize>, code: &str) -> Option<usize> {
        if code.len() != 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let township = code[..9].parse::<u64>().ok()?;
        let number = code[9..].parse::<usize>().ok()?;
        let line = self.line_of_township(by_code, township)?;
        let rel = line * PER_LINE + number;
        self.get(by_code, rel).map(|_| rel)
    }

    /// Relative indices and villages of the townships whose codes lie in `[low, high)`.
    pub fn in_code_range(&self, by_code: &HashMap<String, usize>, low: u64, high: u64) -> Vec<(usize, &Division)> {
        let lines = self.lines(by_code);
        let from = lines.partition_point(|l| l.township_code < low);
        let to = lines.partition_point(|l| l.township_code < high);
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            for d in self.parsed(line) {
                out.push((i * PER_LINE + village_number(&d.code), d));
            }
        }
        out
    }
}

fn village_number(code: &str) -> usize {
    code.get(9..).and_then(|n| n.parse().ok()).unwrap_or(0)
}

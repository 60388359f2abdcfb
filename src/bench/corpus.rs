//! A realistic corpus of any size from the bundled pages, for the benchmark.
//!
//! Real corpora repeat the same places and bodies in most pages while people and companies keep
//! changing. The generator reads the pages once, finds their persons and companies with the
//! extractor, cuts the pages into paragraphs, and writes documents of 3–6 paragraphs drawn at
//! random (a fixed seed: the same sizes give the same files), hard-wrapped like a newspaper
//! column. In each document every person gets a generated name and every company a new brand
//! (its short forms follow), drawn from pools that grow with the corpus, so the entity set grows;
//! place names are kept.

use crate::extract::{EntityClass, Extractor, Subtype};
use crate::text::{Document, collect_inputs, read_document};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A small deterministic generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// What the generator draws from.
pub struct Material {
    paragraphs: Vec<String>,
    /// Person names of the pages.
    persons: Vec<String>,
    /// (company name, its brand part, the place it opens with)
    companies: Vec<(String, String)>,
    surnames: Vec<char>,
    given: Vec<char>,
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯健俊帆峰建国志文辉力永海波宁晨欣怡佳琳雪婷颖倩慧瑶鑫博彬亮成康林松柏云雷鸣春秋冬旭东升荣昌盛德仁义礼智信忠孝安乐福禄寿喜";
const BRAND: &str = "恒润宏达鑫瑞丰泰华盛嘉禾康源昌隆兴远航博通汇智联创新锦程天宇中科信诚永安金桥银河星辰绿洲蓝海";

impl Material {
    /// Reads the pages of `dirs` and finds their persons and companies.
    pub fn from_pages(extractor: &Extractor, dirs: &[PathBuf]) -> Result<Self> {
        let files = collect_inputs(dirs).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut paragraphs = Vec::new();
        let mut persons = std::collections::BTreeSet::new();
        let mut companies = BTreeMap::new();
        // a brand that is an ordinary word (企业, 科技) would rewrite the prose around it
        let dictionary = jieba_rs::Jieba::new();
        for f in &files {
            let doc: Document = read_document(f).map_err(|e| anyhow::anyhow!("{e}"))?;
            // the text as written (lines joined, full-width punctuation kept)
            let surface = doc.surface(0..doc.text().len());
            for p in surface.split('\n') {
                let p = p.trim();
                if p.chars().count() >= 12 {
                    paragraphs.push(p.to_owned());
                }
            }
            let ext = extractor.extract(&doc);
            let places: Vec<&str> = ext
                .entities
                .iter()
                .filter(|e| e.class == EntityClass::Place)
                .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
                .collect();
            for e in &ext.entities {
                match (e.class, e.subtype) {
                    (EntityClass::Person, _) if e.name.chars().count() >= 2 => {
                        persons.insert(e.name.clone());
                    }
                    (EntityClass::Organization, Subtype::Company) => {
                        // the brand: two characters after a place the name opens with
                        let rest = places
                            .iter()
                            .filter(|p| e.name.starts_with(**p))
                            .map(|p| &e.name[p.len()..])
                            .min_by_key(|r| r.len())
                            .unwrap_or(&e.name);
                        let brand: String = rest.chars().take(2).collect();
                        if brand.chars().count() == 2
                            && brand.chars().all(crate::text::is_han)
                            && !dictionary.has_word(&brand)
                        {
                            companies.insert(e.name.clone(), brand);
                        }
                    }
                    _ => {}
                }
            }
        }
        anyhow::ensure!(!paragraphs.is_empty(), "no paragraphs in the bundled pages");
        Ok(Self {
            paragraphs,
            persons: persons.into_iter().collect(),
            companies: companies.into_iter().collect(),
            surnames: SURNAMES.chars().collect(),
            given: GIVEN.chars().collect(),
        })
    }

    fn person_name(&self, id: u64) -> String {
        let mut r = Rng::new(id);
        let mut s = String::new();
        s.push(self.surnames[r.below(self.surnames.len())]);
        for _ in 0..1 + r.below(2) {
            s.push(self.given[r.below(self.given.len())]);
        }
        s
    }

    fn brand(&self, id: u64) -> String {
        let b: Vec<char> = BRAND.chars().collect();
        let mut r = Rng::new(id ^ 0xB1A2);
        [b[r.below(b.len())], b[r.below(b.len())]].iter().collect()
    }

    /// One document: paragraphs drawn at random, names varied, wrapped in columns.
    pub fn document(&self, index: usize, rng: &mut Rng) -> String {
        let n = 3 + rng.below(4);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(&self.paragraphs[rng.below(self.paragraphs.len())]);
            text.push('\n');
        }
        // names recur over a few neighbouring documents, then change: the entity set grows;
        // one era in sixteen keeps the pages' own names (prominent people recur in a corpus)
        let era = (index / 4) as u64;
        if era.is_multiple_of(16) {
            return wrap(&text, 20 + rng.below(4));
        }
        for (k, name) in self.persons.iter().enumerate() {
            if text.contains(name.as_str()) {
                let variant = self.person_name(era.wrapping_mul(7919).wrapping_add(k as u64 * 104_729));
                text = text.replace(name.as_str(), &variant);
            }
        }
        for (k, (name, brand)) in self.companies.iter().enumerate() {
            if text.contains(brand.as_str()) || text.contains(name.as_str()) {
                let variant = self.brand(era.wrapping_mul(31).wrapping_add(k as u64 * 7_368_787));
                text = text.replace(brand.as_str(), &variant);
            }
        }
        wrap(&text, 20 + rng.below(4))
    }
}

/// Hard-wraps paragraphs at `width` characters, a blank line between paragraphs.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for p in text.split('\n').filter(|p| !p.is_empty()) {
        let chars: Vec<char> = p.chars().collect();
        for line in chars.chunks(width) {
            out.extend(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Writes documents into `dir` until `bytes` bytes are written; returns (files, chars).
pub fn write_corpus(material: &Material, dir: &Path, bytes: usize, seed: u64) -> Result<(usize, usize)> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut rng = Rng::new(seed);
    let (mut written, mut chars, mut i) = (0, 0, 0);
    while written < bytes {
        let text = material.document(i, &mut rng);
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        std::fs::write(sub.join(format!("doc{i:06}.txt")), &text)?;
        written += text.len();
        chars += text.chars().count();
        i += 1;
    }
    Ok((i, chars))
}

/// Writes one file of about `bytes` bytes on a single line (the worst layout for memory).
pub fn write_one_line(material: &Material, path: &Path, bytes: usize, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while text.len() < bytes {
        text.extend(material.document(i, &mut rng).chars().filter(|c| *c != '\n'));
        i += 1;
    }
    std::fs::write(path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(text.chars().count())
}

//! Lexicons and gazetteers as data: the tables every recognizer reads.
//!
//! The files under `data/` are compiled into the binary, so guanxi runs anywhere; a researcher can
//! extend any of them without rebuilding by putting a file of the same name in a directory named by
//! `--lexicon-dir` or `GUANXI_LEXICON_DIR` — its rows are added to the built-in ones. A malformed
//! row is an error that names the file and line.

use crate::extract::model::Subtype;
use crate::text::fold_str;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// A data file: name, built-in content.
const BUILTIN: &[(&str, &str)] = &[
    ("divisions.tsv", include_str!("../../data/gazetteer/divisions.tsv")),
    (
        "ethnic_groups.txt",
        include_str!("../../data/gazetteer/ethnic_groups.txt"),
    ),
    ("world.tsv", include_str!("../../data/gazetteer/world.tsv")),
    (
        "ambiguous_short_forms.txt",
        include_str!("../../data/gazetteer/ambiguous_short_forms.txt"),
    ),
    ("org_suffixes.tsv", include_str!("../../data/lexicon/org_suffixes.tsv")),
    ("gov_bodies.tsv", include_str!("../../data/lexicon/gov_bodies.tsv")),
    ("titles.tsv", include_str!("../../data/lexicon/titles.tsv")),
    (
        "title_modifiers.tsv",
        include_str!("../../data/lexicon/title_modifiers.tsv"),
    ),
    ("person_cues.tsv", include_str!("../../data/lexicon/person_cues.tsv")),
    ("program_cues.tsv", include_str!("../../data/lexicon/program_cues.tsv")),
    ("programs.tsv", include_str!("../../data/lexicon/programs.tsv")),
    (
        "programs_national.tsv",
        include_str!("../../data/lexicon/programs_national.tsv"),
    ),
    ("regions.tsv", include_str!("../../data/lexicon/regions.tsv")),
    (
        "province_abbreviations.tsv",
        include_str!("../../data/lexicon/province_abbreviations.tsv"),
    ),
    ("zones.tsv", include_str!("../../data/lexicon/zones.tsv")),
    (
        "zone_suffixes.tsv",
        include_str!("../../data/lexicon/zone_suffixes.tsv"),
    ),
    (
        "boundary_words.tsv",
        include_str!("../../data/lexicon/boundary_words.tsv"),
    ),
    ("not_entities.tsv", include_str!("../../data/lexicon/not_entities.tsv")),
    ("companies.tsv", include_str!("../../data/lexicon/companies.tsv")),
    (
        "relation_cues.tsv",
        include_str!("../../data/lexicon/relation_cues.tsv"),
    ),
    (
        "segmenter_words.tsv",
        include_str!("../../data/lexicon/segmenter_words.tsv"),
    ),
    (
        "industry_words.tsv",
        include_str!("../../data/lexicon/industry_words.tsv"),
    ),
    ("list_heads.tsv", include_str!("../../data/lexicon/list_heads.tsv")),
    (
        "program_verbs.tsv",
        include_str!("../../data/lexicon/program_verbs.tsv"),
    ),
    (
        "program_attributes.tsv",
        include_str!("../../data/lexicon/program_attributes.tsv"),
    ),
    (
        "facility_words.tsv",
        include_str!("../../data/lexicon/facility_words.tsv"),
    ),
    ("media_words.tsv", include_str!("../../data/lexicon/media_words.tsv")),
    (
        "place_endings.tsv",
        include_str!("../../data/lexicon/place_endings.tsv"),
    ),
    ("surnames.tsv", include_str!("../../data/names/surnames.tsv")),
    ("given_chars.tsv", include_str!("../../data/names/given_chars.tsv")),
    ("foreign_chars.tsv", include_str!("../../data/names/foreign_chars.tsv")),
];

/// Names of the data files, for documentation and `--lexicon-dir` users.
pub fn file_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// A malformed lexicon row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Where an organization suffix may start a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Any specific name may stand before it.
    Free,
    /// The name must start with a place or continue another organization.
    Prefix,
    /// As `Prefix`, and the body belongs to a zone: written bare (管委会) right after another
    /// body of a zone, it is that zone's.
    Zone,
}

#[derive(Debug, Clone)]
pub struct OrgSuffix {
    pub suffix: String,
    pub subtype: Subtype,
    pub min_core: usize,
    pub anchor: Anchor,
}

/// How a government body attaches to what precedes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// The committee or government of a place itself (区委, 市政府).
    Level,
    /// A department of a party committee (组织部).
    Party,
    /// A government department (国资委).
    Gov,
    /// A people's organization (妇联).
    Mass,
    /// A national body that stands alone (工信部).
    National,
}

#[derive(Debug, Clone)]
pub struct GovBody {
    pub name: String,
    pub canonical: String,
    pub subtype: Subtype,
    pub kind: BodyKind,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub title: String,
    pub subtype: Subtype,
    /// The title heads the government of a place (区长, 县长): held at the place, not at the
    /// party committee written before it (X区委副书记、区长Y).
    pub heads_place: bool,
    /// A role, not a post (村民, 职工): it names a person but gives no holds_post.
    pub role_only: bool,
    /// Membership of a body (党员, 委员, 负责人): a post, but no form of address (no 王党员).
    pub member: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Speech,
    Action,
    TitleAfter,
    /// Follows a bare surname only (胡老, 王某); matched by the address rule, not the index.
    Address,
}

#[derive(Debug, Clone)]
pub struct PersonCue {
    pub cue: String,
    pub kind: CueKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueMode {
    /// A name may end with the cue.
    Name,
    /// The cue follows a quoted name and names its kind.
    Quote,
    /// The cue follows a quoted name and the whole phrase is the name.
    Event,
}

#[derive(Debug, Clone)]
pub struct ProgramCue {
    pub cue: String,
    pub subtype: Subtype,
    pub mode: CueMode,
}

#[derive(Debug, Clone)]
pub struct NamedEntry {
    pub name: String,
    pub subtype: Subtype,
    /// The entry this one is a form of (驻村第一书记 → 第一书记): both are one entity.
    pub same_as: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    /// Division codes covered: two digits for a whole province, four for one city.
    pub codes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Zone {
    pub name: String,
    pub parent: String,
    pub short_forms: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ZoneSuffix {
    pub suffix: String,
    pub needs_place: bool,
    /// 3 new area, 2 district-scale zone, 1 park: a zone lies only in a larger one.
    pub scale: u8,
}

#[derive(Debug, Clone)]
pub struct Company {
    pub name: String,
    pub short_forms: Vec<String>,
}

/// A cue word for a relation pattern (see `relation_cues.tsv`).
#[derive(Debug, Clone)]
pub struct RelationCue {
    pub relation: String,
    pub cue: String,
    pub pattern: String,
}

/// A class noun closing an enumeration (A、B等项目).
#[derive(Debug, Clone)]
pub struct ListHead {
    pub head: String,
    pub class: crate::extract::model::EntityClass,
    pub subtype: Subtype,
}

/// All tables, folded (full-width → half-width) like the text they are matched against.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    pub divisions: Vec<(String, String)>,
    pub ethnic_groups: Vec<String>,
    /// Countries and major foreign cities: (name, subtype).
    pub world: Vec<(String, Subtype)>,
    /// City short forms that are ordinary words too (开封, 日照): they need document context.
    pub ambiguous_short_forms: HashSet<String>,
    pub org_suffixes: Vec<OrgSuffix>,
    pub gov_bodies: Vec<GovBody>,
    pub titles: Vec<Title>,
    pub title_modifiers: Vec<String>,
    pub person_cues: Vec<PersonCue>,
    pub program_cues: Vec<ProgramCue>,
    pub programs: Vec<NamedEntry>,
    pub regions: Vec<Region>,
    pub province_abbreviations: Vec<(char, String)>,
    pub zones: Vec<Zone>,
    pub zone_suffixes: Vec<ZoneSuffix>,
    pub boundary_words: HashSet<String>,
    pub not_entities: HashSet<String>,
    pub companies: Vec<Company>,
    pub relation_cues: Vec<RelationCue>,
    pub industry_words: Vec<String>,
    /// Industry words that also name a field of activity (发展, 旅游: `field` in `industry_words.tsv`).
    pub industry_fields: HashSet<String>,
    /// Words the segmenter should know, with their jieba tag (`segmenter_words.tsv`).
    pub segmenter_words: Vec<(String, String)>,
    pub list_heads: Vec<ListHead>,
    /// Verbs after which a program's full name starts (实施, 召开).
    pub program_verbs: Vec<String>,
    /// The program verbs that sign (签约, 签订): a body after them is a party, not a goal.
    pub signing_verbs: Vec<String>,
    /// Nouns that follow a program's name as its attribute, not as a head it modifies (会议|精神).
    pub program_attributes: HashSet<String>,
    /// Words ending names of roads, buildings and compounds (小区, 路): facilities, not places.
    pub facility_words: Vec<String>,
    /// Words a news outlet's name ends with (网, 日报, 在线): datelines and source lines name them.
    pub media_words: Vec<String>,
    /// How the end of a name the tagger reads as a place types it (镇 → Township), or says it is
    /// no place (江, 山: rivers and mountains), longest ending first.
    pub place_endings: Vec<(String, Option<Subtype>)>,
    pub surnames: HashMap<String, u32>,
    /// char → (occurrences in given names, occurrences in running text)
    pub given_chars: HashMap<char, (u32, u32)>,
    /// char → (occurrences in transliterated foreign names, occurrences in running text)
    pub foreign_chars: HashMap<char, (u32, u32)>,
}

impl Lexicons {
    /// Whether `text` ends with a verb that introduces a program (实施, 召开, 建设 …).
    pub fn ends_with_program_verb(&self, text: &str) -> bool {
        self.program_verbs.iter().any(|v| text.ends_with(v.as_str()))
    }

    /// The built-in tables only.
    pub fn builtin() -> Result<Self, LexiconError> {
        Self::load(None)
    }

    /// The built-in tables extended by the files of `extra_dir`, if given.
    pub fn load(extra_dir: Option<&Path>) -> Result<Self, LexiconError> {
        let mut lex = Lexicons::default();
        for (name, content) in BUILTIN {
            lex.add_file(name, content)?;
        }
        if let Some(dir) = extra_dir {
            if !dir.is_dir() {
                return Err(LexiconError {
                    file: dir.display().to_string(),
                    line: 0,
                    message: "lexicon directory does not exist".into(),
                });
            }
            for (name, _) in BUILTIN {
                let path: PathBuf = dir.join(name);
                if path.is_file() {
                    let content = std::fs::read_to_string(&path).map_err(|e| LexiconError {
                        file: path.display().to_string(),
                        line: 0,
                        message: e.to_string(),
                    })?;
                    lex.add_file(&path.display().to_string(), &content)?;
                }
            }
        }
        Ok(lex)
    }

    fn add_file(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        let base = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (line, fields) in rows(content) {
            let err = |message: String| LexiconError {
                file: file.to_owned(),
                line,
                message,
            };
            let need = |n: usize| -> Result<(), LexiconError> {
                if fields.len() < n {
                    Err(err(format!(
                        "expected {n} tab-separated fields, found {}",
                        fields.len()
                    )))
                } else {
                    Ok(())
                }
            };
            let subtype = |s: &str| Subtype::parse(s).ok_or_else(|| err(format!("unknown subtype `{s}`")));
            match base.as_str() {
                "divisions.tsv" => {
                    need(2)?;
                    if !fields[0].chars().all(|c| c.is_ascii_digit()) {
                        return Err(err(format!("division code `{}` is not numeric", fields[0])));
                    }
                    self.divisions.push((fields[0].to_owned(), fold_str(fields[1])));
                }
                "ambiguous_short_forms.txt" => self
                    .ambiguous_short_forms
                    .extend(fields.iter().flat_map(|f| f.split_whitespace()).map(fold_str)),
                "ethnic_groups.txt" => self
                    .ethnic_groups
                    .extend(fields.iter().flat_map(|f| f.split_whitespace()).map(str::to_owned)),
                "world.tsv" => {
                    need(2)?;
                    self.world.push((fold_str(fields[0]), subtype(fields[1])?));
                }
                "org_suffixes.tsv" => {
                    need(4)?;
                    self.org_suffixes.push(OrgSuffix {
                        suffix: fold_str(fields[0]),
                        subtype: subtype(fields[1])?,
                        min_core: fields[2].parse().map_err(|_| err("min_core is not a number".into()))?,
                        anchor: match fields[3] {
                            "free" => Anchor::Free,
                            "prefix" => Anchor::Prefix,
                            "zone" => Anchor::Zone,
                            other => return Err(err(format!("anchor must be free or prefix, not `{other}`"))),
                        },
                    });
                }
                "gov_bodies.tsv" => {
                    need(4)?;
                    self.gov_bodies.push(GovBody {
                        name: fold_str(fields[0]),
                        canonical: fold_str(fields[1]),
                        subtype: subtype(fields[2])?,
                        kind: match fields[3] {
                            "level" => BodyKind::Level,
                            "party" => BodyKind::Party,
                            "gov" => BodyKind::Gov,
                            "mass" => BodyKind::Mass,
                            "national" => BodyKind::National,
                            other => return Err(err(format!("unknown body kind `{other}`"))),
                        },
                    });
                }
                "titles.tsv" => {
                    need(2)?;
                    self.titles.push(Title {
                        title: fold_str(fields[0]),
                        subtype: subtype(fields[1])?,
                        heads_place: fields.get(2).map(|f| f.trim()) == Some("place"),
                        role_only: match fields.get(2).map(|f| f.trim()) {
                            None | Some("") | Some("place") | Some("member") => false,
                            Some("role") => true,
                            Some(other) => {
                                return Err(err(format!(
                                    "third field must be `place`, `role` or `member`, not `{other}`"
                                )));
                            }
                        },
                        member: fields.get(2).map(|f| f.trim()) == Some("member"),
                    });
                }
                "title_modifiers.tsv" => self.title_modifiers.push(fold_str(fields[0])),
                "person_cues.tsv" => {
                    need(2)?;
                    self.person_cues.push(PersonCue {
                        cue: fold_str(fields[0]),
                        kind: match fields[1] {
                            "speech" => CueKind::Speech,
                            "action" => CueKind::Action,
                            "title_after" => CueKind::TitleAfter,
                            "address" => CueKind::Address,
                            other => return Err(err(format!("unknown cue kind `{other}`"))),
                        },
                    });
                }
                "program_cues.tsv" => {
                    need(3)?;
                    self.program_cues.push(ProgramCue {
                        cue: fold_str(fields[0]),
                        subtype: subtype(fields[1])?,
                        mode: match fields[2] {
                            "name" => CueMode::Name,
                            "quote" => CueMode::Quote,
                            "event" => CueMode::Event,
                            other => return Err(err(format!("unknown cue mode `{other}`"))),
                        },
                    });
                }
                "programs.tsv" | "programs_national.tsv" => {
                    need(2)?;
                    self.programs.push(NamedEntry {
                        name: fold_str(fields[0]),
                        subtype: subtype(fields[1])?,
                        same_as: fields.get(2).map(|f| fold_str(f.trim())).filter(|f| !f.is_empty()),
                    });
                }
                "regions.tsv" => {
                    need(2)?;
                    self.regions.push(Region {
                        name: fold_str(fields[0]),
                        codes: fields[1].split(',').map(|s| s.trim().to_owned()).collect(),
                    });
                }
                "province_abbreviations.tsv" => {
                    need(2)?;
                    let mut chars = fields[0].chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => self.province_abbreviations.push((c, fields[1].to_owned())),
                        _ => return Err(err("abbreviation must be one character".into())),
                    }
                }
                "zones.tsv" => {
                    need(2)?;
                    self.zones.push(Zone {
                        name: fold_str(fields[0]),
                        parent: fields[1].to_owned(),
                        short_forms: fields
                            .get(2)
                            .map(|s| {
                                s.split(',')
                                    .map(|x| fold_str(x.trim()))
                                    .filter(|x| !x.is_empty())
                                    .collect()
                            })
                            .unwrap_or_default(),
                    });
                }
                "zone_suffixes.tsv" => {
                    need(2)?;
                    self.zone_suffixes.push(ZoneSuffix {
                        suffix: fold_str(fields[0]),
                        needs_place: match fields[1] {
                            "place" => true,
                            "free" => false,
                            other => return Err(err(format!("anchor must be place or free, not `{other}`"))),
                        },
                        scale: match fields.get(2).map(|f| f.trim()) {
                            None | Some("") => 1,
                            Some(f) => f
                                .parse()
                                .ok()
                                .filter(|n| (1..=3).contains(n))
                                .ok_or_else(|| err(format!("scale must be 1, 2 or 3, not `{f}`")))?,
                        },
                    });
                }
                "boundary_words.tsv" => {
                    self.boundary_words.insert(fold_str(fields[0]));
                }
                "not_entities.tsv" => {
                    self.not_entities.insert(fold_str(fields[0]));
                }
                "companies.tsv" => {
                    self.companies.push(Company {
                        name: fold_str(fields[0]),
                        short_forms: fields
                            .get(1)
                            .map(|s| {
                                s.split(',')
                                    .map(|x| fold_str(x.trim()))
                                    .filter(|x| !x.is_empty())
                                    .collect()
                            })
                            .unwrap_or_default(),
                    });
                }
                "relation_cues.tsv" => {
                    need(3)?;
                    self.relation_cues.push(RelationCue {
                        relation: fields[0].to_owned(),
                        cue: fold_str(fields[1]),
                        pattern: fields[2].to_owned(),
                    });
                }
                "industry_words.tsv" => {
                    let word = fold_str(fields[0]);
                    match fields.get(1).map(|f| f.trim()) {
                        None | Some("") => {}
                        Some("field") => {
                            self.industry_fields.insert(word.clone());
                        }
                        Some(other) => return Err(err(format!("the second column must be `field`, not `{other}`"))),
                    }
                    self.industry_words.push(word);
                }
                "segmenter_words.tsv" => {
                    need(2)?;
                    self.segmenter_words
                        .push((fold_str(fields[0]), fields[1].trim().to_owned()));
                }
                "program_verbs.tsv" => {
                    self.program_verbs.push(fold_str(fields[0]));
                    if fields.get(1).is_some_and(|k| k.trim() == "sign") {
                        self.signing_verbs.push(fold_str(fields[0]));
                    }
                }
                "program_attributes.tsv" => {
                    self.program_attributes.insert(fold_str(fields[0]));
                }
                "facility_words.tsv" => self.facility_words.push(fold_str(fields[0])),
                "media_words.tsv" => self.media_words.push(fold_str(fields[0])),
                "place_endings.tsv" => {
                    need(2)?;
                    let kind = match fields[1].trim() {
                        "none" => None,
                        other => Some(subtype(other)?),
                    };
                    self.place_endings.push((fold_str(fields[0]), kind));
                    self.place_endings
                        .sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
                }
                "list_heads.tsv" => {
                    need(3)?;
                    self.list_heads.push(ListHead {
                        head: fold_str(fields[0]),
                        class: crate::extract::model::EntityClass::parse(fields[1])
                            .ok_or_else(|| err(format!("unknown type `{}`", fields[1])))?,
                        subtype: subtype(fields[2])?,
                    });
                }
                "surnames.tsv" => {
                    need(2)?;
                    let n = fields[1].parse().map_err(|_| err("count is not a number".into()))?;
                    self.surnames.insert(fields[0].to_owned(), n);
                }
                "given_chars.tsv" | "foreign_chars.tsv" => {
                    need(3)?;
                    let c = fields[0].chars().next().ok_or_else(|| err("empty char".into()))?;
                    let a = fields[1].parse().map_err(|_| err("count is not a number".into()))?;
                    let b = fields[2].parse().map_err(|_| err("count is not a number".into()))?;
                    if base == "given_chars.tsv" {
                        self.given_chars.insert(c, (a, b));
                    } else {
                        self.foreign_chars.insert(c, (a, b));
                    }
                }
                other => {
                    return Err(err(format!("unknown lexicon file `{other}`")));
                }
            }
        }
        Ok(())
    }
}

/// Non-comment, non-blank rows of a TSV file with their 1-based line numbers.
fn rows(content: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    content.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_load() {
        let lex = Lexicons::builtin().unwrap();
        assert!(lex.divisions.len() > 40_000);
        assert!(lex.divisions.iter().any(|(c, n)| c == "500102" && n == "涪陵区"));
        assert!(lex.gov_bodies.iter().any(|b| b.name == "组织部"));
        assert!(lex.surnames.contains_key("张"));
    }

    /// Every data file is built in and every table has rows: a file left out of `BUILTIN` would
    /// silently switch a recognizer off.
    #[test]
    fn every_table_is_filled() {
        let lex = Lexicons::builtin().unwrap();
        let sizes = [
            ("divisions", lex.divisions.len()),
            ("ethnic_groups", lex.ethnic_groups.len()),
            ("world", lex.world.len()),
            ("ambiguous_short_forms", lex.ambiguous_short_forms.len()),
            ("org_suffixes", lex.org_suffixes.len()),
            ("gov_bodies", lex.gov_bodies.len()),
            ("titles", lex.titles.len()),
            ("title_modifiers", lex.title_modifiers.len()),
            ("person_cues", lex.person_cues.len()),
            ("program_cues", lex.program_cues.len()),
            ("programs", lex.programs.len()),
            // the national list extends the same table: one of its rows must be there
            (
                "programs_national",
                lex.programs.iter().filter(|p| p.name == "南水北调").count(),
            ),
            ("regions", lex.regions.len()),
            ("province_abbreviations", lex.province_abbreviations.len()),
            ("zones", lex.zones.len()),
            ("zone_suffixes", lex.zone_suffixes.len()),
            ("boundary_words", lex.boundary_words.len()),
            ("not_entities", lex.not_entities.len()),
            ("companies", lex.companies.len()),
            ("relation_cues", lex.relation_cues.len()),
            ("industry_words", lex.industry_words.len()),
            ("segmenter_words", lex.segmenter_words.len()),
            ("list_heads", lex.list_heads.len()),
            ("program_verbs", lex.program_verbs.len()),
            ("program_attributes", lex.program_attributes.len()),
            ("facility_words", lex.facility_words.len()),
            ("media_words", lex.media_words.len()),
            ("place_endings", lex.place_endings.len()),
            ("surnames", lex.surnames.len()),
            ("given_chars", lex.given_chars.len()),
            ("foreign_chars", lex.foreign_chars.len()),
        ];
        for (name, n) in sizes {
            assert!(n > 0, "table {name} is empty");
        }
        assert_eq!(
            sizes.len(),
            file_names().count(),
            "a data file without a size check above"
        );
    }

    #[test]
    fn malformed_user_rows_name_file_and_line() {
        let mut lex = Lexicons::default();
        let e = lex
            .add_file("/x/titles.tsv", "# c\n书记\tOfficial\n主任\tNoSuchType\n")
            .unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (3, "/x/titles.tsv"));
        assert!(e.message.contains("NoSuchType"));
    }
}
#[cfg(test)]
mod world_tests {
    #[test]
    fn world_places_load() {
        let lex = super::Lexicons::builtin().unwrap();
        assert!(lex.world.iter().any(|(n, _)| n == "伊拉克"), "{}", lex.world.len());
    }
}

//! The administrative-division gazetteer: province → city → county/district → township → village.
//!
//! Built from `data/gazetteer/divisions.tsv` (National Bureau of Statistics codes). The parent of a
//! division follows from its code; counties of municipalities (重庆, 北京, …) hang directly under
//! the province. Every division has its full name as a form, and provinces, cities and counties
//! also their customary short form (重庆市 → 重庆, 涪陵区 → 涪陵, 石柱土家族自治县 → 石柱).
//! Villages and residents' committees (`villages.rs`) are no forms of the lexicon automaton: they
//! are read on demand, by township or county, and get indices after the other divisions'.

mod villages;

use crate::extract::lexicon::Lexicons;
use crate::extract::model::Subtype;
use std::collections::HashMap;
use villages::VillageTable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Province,
    City,
    County,
    Township,
    Village,
}

impl Level {
    fn from_code(code: &str) -> Option<Level> {
        Some(match code.len() {
            2 => Level::Province,
            4 => Level::City,
            6 => Level::County,
            9 => Level::Township,
            12 => Level::Village,
            _ => return None,
        })
    }

    pub fn subtype(self) -> Subtype {
        match self {
            Level::Province => Subtype::Province,
            Level::City => Subtype::City,
            Level::County => Subtype::District,
            Level::Township => Subtype::Township,
            Level::Village => Subtype::Village,
        }
    }
}

/// One administrative division.
#[derive(Debug, Clone)]
pub struct Division {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
    /// The customary short form, when it differs from the name.
    pub short: Option<String>,
    /// Other full names: the everyday form of an autonomous division (石柱县) and the name before
    /// an upgrade that kept the stem (黔西县 of 黔西市, 毕节地区 of 毕节市), which old pages and
    /// habit keep writing.
    pub forms: Vec<String>,
}

/// The division tree with lookups by code and by name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub divisions: Vec<Division>,
    by_code: HashMap<String, usize>,
    by_form: HashMap<String, Vec<usize>>,
    villages: VillageTable,
}

/// What `get` answers for an index no division has (never produced by the gazetteer itself).
static UNKNOWN: Division = Division {
    code: String::new(),
    name: String::new(),
    level: Level::Village,
    parent: None,
    short: None,
    forms: Vec::new(),
};

impl Gazetteer {
    pub fn new(lex: &Lexicons) -> Self {
        let mut g = Gazetteer {
            villages: VillageTable::new(villages::VILLAGES_TSV),
            ..Gazetteer::default()
        };
        for (code, name) in &lex.divisions {
            let Some(level) = Level::from_code(code) else { continue };
            let index = g.divisions.len();
            g.by_code.insert(code.clone(), index);
            g.divisions.push(Division {
                code: code.clone(),
                name: name.clone(),
                level,
                parent: None,
                short: None,
                forms: Vec::new(),
            });
        }
        for i in 0..g.divisions.len() {
            let code = g.divisions[i].code.clone();
            let parent = match g.divisions[i].level {
                Level::Province => None,
                Level::City => g.by_code.get(&code[..2]).copied(),
                Level::County => g.by_code.get(&code[..4]).or_else(|| g.by_code.get(&code[..2])).copied(),
                Level::Township => g.by_code.get(&code[..6]).copied(),
                Level::Village => g.by_code.get(&code[..9]).copied(),
            };
            g.divisions[i].parent = parent;
            g.divisions[i].short = short_form(&g.divisions[i].name, g.divisions[i].level, &lex.ethnic_groups);
        }
        let names: std::collections::HashSet<String> = g.divisions.iter().map(|d| d.name.clone()).collect();
        for d in &mut g.divisions {
            d.forms = colloquial(d).into_iter().chain(former_name(d, &names)).collect();
        }
        for (i, d) in g.divisions.iter().enumerate() {
            g.by_form.entry(d.name.clone()).or_default().push(i);
            if let Some(s) = &d.short {
                g.by_form.entry(s.clone()).or_default().push(i);
            }
            for f in &d.forms {
                g.by_form.entry(f.clone()).or_default().push(i);
            }
        }
        g
    }

    pub fn get(&self, index: usize) -> &Division {
        match self.divisions.get(index) {
            Some(d) => d,
            None => self
                .villages
                .get(&self.by_code, index - self.divisions.len())
                .unwrap_or(&UNKNOWN),
        }
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied().or_else(|| {
            self.villages
                .by_code(&self.by_code, code)
                .map(|rel| rel + self.divisions.len())
        })
    }

    /// The villages and residents' committees within a division (a township, county or city),
    /// in code order, read from the village table on first use.
    pub fn villages_in(&self, index: usize) -> Vec<usize> {
        let code = &self.get(index).code;
        let Ok(number) = code.parse::<u64>() else {
            return Vec::new();
        };
        let Some(scale) = 9usize.checked_sub(code.len()).map(|d| 10u64.pow(d as u32)) else {
            return Vec::new();
        };
        let base = self.divisions.len();
        self.villages
            .in_code_range(&self.by_code, number * scale, (number + 1) * scale)
            .into_iter()
            .map(|(rel, _)| rel + base)
            .collect()
    }

    /// Divisions having `form` as full or short name.
    pub fn lookup(&self, form: &str) -> &[usize] {
        self.by_form.get(form).map_or(&[], Vec::as_slice)
    }

    /// Every (form, division, is_short) for building automata.
    pub fn forms(&self) -> impl Iterator<Item = (String, usize, bool)> + '_ {
        self.divisions.iter().enumerate().flat_map(|(i, d)| {
            std::iter::once((d.name.clone(), i, false))
                .chain(d.short.clone().map(|s| (s, i, true)))
                .chain(d.forms.iter().map(move |f| (f.clone(), i, false)))
        })
    }

    /// The division and its ancestors, nearest first.
    pub fn ancestry(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(index), move |&i| self.get(i).parent)
    }

    /// The province a division belongs to.
    pub fn province_of(&self, index: usize) -> usize {
        self.ancestry(index).last().unwrap_or(index)
    }

    /// Whether `ancestor` contains `index` (or is it).
    pub fn contains(&self, ancestor: usize, index: usize) -> bool {
        self.ancestry(index).any(|a| a == ancestor)
    }

    /// Whether a province is a municipality (its counties hang directly under it).
    pub fn is_municipality(&self, province: usize) -> bool {
        matches!(self.get(province).code.as_str(), "11" | "12" | "31" | "50")
    }
}

/// The everyday full name of an autonomous county or prefecture: its short name and the level
/// word (石柱土家族自治县 → 石柱县, 凉山彝族自治州 → 凉山州).
pub fn colloquial(d: &Division) -> Option<String> {
    let short = d.short.as_ref()?;
    if d.name.ends_with("自治县") {
        Some(format!("{short}县"))
    } else if d.name.ends_with("自治州") {
        Some(format!("{short}州"))
    } else {
        None
    }
}

/// The name a county-level city or district had as a county (黔西市 ← 黔西县, 江宁区 ← 江宁县),
/// or a city as a prefecture (毕节市 ← 毕节地区), when no division bears that name now.
fn former_name(d: &Division, names: &std::collections::HashSet<String>) -> Option<String> {
    let former = match d.level {
        Level::County => {
            let stem = d.name.strip_suffix('市').or_else(|| d.name.strip_suffix('区'))?;
            format!("{stem}县")
        }
        Level::City => format!("{}地区", d.name.strip_suffix('市')?),
        _ => return None,
    };
    let stem_chars = former.chars().count() - if d.level == Level::City { 2 } else { 1 };
    (stem_chars >= 2 && !d.name.contains("自治") && !names.contains(&former)).then_some(former)
}

/// The customary short form of a division name, if any.
fn short_form(name: &str, level: Level, ethnic_groups: &[String]) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let stem: String = match level {
        Level::Province => {
            let mut s = name.to_owned();
            for suffix in ["特别行政区", "自治区", "省", "市"] {
                if let Some(x) = s.strip_suffix(suffix) {
                    s = x.to_owned();
                    break;
                }
            }
            strip_ethnic(&s, ethnic_groups)
        }
        Level::City | Level::County => {
            let mut s = name.to_owned();
            let mut autonomous = false;
            for suffix in [
                "自治州",
                "自治县",
                "自治旗",
                "地区",
                "林区",
                "市",
                "区",
                "县",
                "旗",
                "盟",
            ] {
                if let Some(x) = s.strip_suffix(suffix) {
                    autonomous = suffix.starts_with('自');
                    s = x.to_owned();
                    break;
                }
            }
            if autonomous { strip_ethnic(&s, ethnic_groups) } else { s }
        }
        Level::Township | Level::Village => return None,
    };
    let n = stem.chars().count();
    (n >= 2 && n < chars.len() && stem != name).then_some(stem)
}

/// Cuts trailing ethnic-group names (秀山土家族苗族 → 秀山).
fn strip_ethnic(s: &str, ethnic_groups: &[String]) -> String {
    let mut s = s.to_owned();
    loop {
        let before = s.len();
        for e in ethnic_groups {
            // Names are written with or without 族 (新疆维吾尔自治区).
            let bare = e.strip_suffix('族').filter(|b| b.chars().count() >= 2);
            if let Some(x) = s
                .strip_suffix(e.as_str())
                .or_else(|| bare.and_then(|b| s.strip_suffix(b)))
            {
                s = x.to_owned();
                break;
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(&Lexicons::builtin().unwrap())
    }

    #[test]
    fn fuling_resolves_by_full_and_short_name_under_chongqing() {
        let g = gazetteer();
        for form in ["涪陵区", "涪陵"] {
            let hits = g.lookup(form);
            assert_eq!(hits.len(), 1, "{form}");
            let d = g.get(hits[0]);
            assert_eq!(d.code, "500102");
            let province = g.get(g.province_of(hits[0]));
            assert_eq!(province.name, "重庆市");
            assert_eq!(d.parent.map(|p| g.get(p).code.as_str()), Some("50"));
        }
    }

    #[test]
    fn short_forms() {
        let g = gazetteer();
        let name_of = |form: &str| {
            g.lookup(form)
                .iter()
                .map(|&i| g.get(i).name.clone())
                .collect::<Vec<_>>()
        };
        assert!(name_of("石柱").contains(&"石柱土家族自治县".to_owned()));
        assert!(name_of("广西").contains(&"广西壮族自治区".to_owned()));
        assert!(name_of("凉山").contains(&"凉山彝族自治州".to_owned()));
        assert!(name_of("成都").contains(&"成都市".to_owned()));
        assert!(g.lookup("城").is_empty());
    }

    #[test]
    fn townships_and_villages_nest_by_code() {
        let g = gazetteer();
        let town = g
            .lookup("凤来镇")
            .iter()
            .copied()
            .find(|&i| g.get(i).code.starts_with("500156"))
            .unwrap();
        let wulong = g.lookup("武隆区")[0];
        assert!(g.contains(wulong, town));
        assert_eq!(g.get(town).level, Level::Township);
    }

    #[test]
    fn villages_are_read_by_township_and_code_and_former_names_are_forms() {
        let g = gazetteer();
        let town = g.by_code("520581101").unwrap();
        let villages = g.villages_in(town);
        assert!(!villages.is_empty());
        let v = *villages.iter().find(|&&v| g.get(v).name == "小水井村").unwrap();
        assert_eq!(g.get(v).level, Level::Village);
        assert_eq!(g.get(v).parent, Some(town));
        assert_eq!(g.by_code(&g.get(v).code), Some(v));
        // a county holds its townships' villages
        let county = g.by_code("520581").unwrap();
        assert!(g.villages_in(county).contains(&v));
        assert!(g.contains(county, v));
        // 黔西县 became 黔西市
        assert!(g.lookup("黔西县").contains(&county));
        assert!(g.by_code("520581101999").is_none());
    }
}

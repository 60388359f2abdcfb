//! Teams a body stations somewhere, named with their sender: X驻Y村帮扶工作队, X驻村帮扶工作队.
//!
//! The dispatch programs (驻村第一书记, 驻村工作队) name each team after the body that sends it
//! and where it goes; the words between 驻 and the team's suffix (驻村, 帮扶, the places) are
//! part of the name, though the suffix grammar's left edge would stop at the verbs among them.
//! The team's suffix is one of `org_suffixes.tsv` that names a group (…队, …组).

use super::Resources;
use crate::extract::analysis::Analysis;
use crate::extract::candidate::Candidate;
use crate::extract::index::Pattern;
use crate::extract::model::{EntityClass, Subtype};
use crate::text::is_han;

/// The most characters between 驻 and the end of the team's suffix.
const REACH: usize = 20;

pub(super) fn stationed_teams(a: &Analysis, res: &Resources, orgs: &mut Vec<Candidate>) {
    let mut teams = Vec::new();
    for sender in orgs.iter().filter(|c| c.class == EntityClass::Organization) {
        let Some(after) = a.text[sender.end..].strip_prefix('驻') else {
            continue;
        };
        let from = a.text.len() - after.len();
        let limit = a.forward_chars(from, REACH);
        // the first group suffix after 驻, with only Chinese characters before it
        let team_end = (from..limit)
            .filter(|&b| a.text.is_char_boundary(b))
            .take_while(|&b| a.char_at(b).is_some_and(is_han))
            .flat_map(|b| a.starting_at(b))
            .filter(|h| h.end <= limit && matches!(h.pattern, Pattern::OrgSuffix(i) if names_group(res, i)))
            .filter(|h| a.all_han(from, h.end))
            .map(|h| h.end)
            .min();
        let Some(end) = team_end else { continue };
        // a team named with the places it goes to (X驻Y县Z村工作队) keeps them as places of their
        // own; the tagger reads those names whole
        let names_places = (from..end)
            .filter(|&b| a.text.is_char_boundary(b))
            .any(|b| a.has_starting(b, |p| matches!(p, Pattern::Division { .. })));
        if names_places {
            continue;
        }
        // the suffix ends a word: not 工作队伍
        if !(a.is_boundary(end) || a.char_at(end).is_none_or(|c| !is_han(c))) {
            continue;
        }
        let mut c = Candidate::new(
            sender.start,
            end,
            EntityClass::Organization,
            Subtype::Other,
            0.85,
            "stationed-team",
        );
        c.place = sender.place;
        teams.push(c);
    }
    orgs.extend(teams);
}

/// Whether the suffix names a group of people (工作队, 服务队, 工作组).
fn names_group(res: &Resources, suffix: usize) -> bool {
    let s = &res.lex.org_suffixes[suffix].suffix;
    s.chars().count() >= 2 && (s.ends_with('队') || s.ends_with('组')) && !s.starts_with('党')
}

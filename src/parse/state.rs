//! Front matter of a state or observer organization (`content/states/`).

use super::front_matter::FrontMatter;
use super::Kind;
use crate::diagnostic::Diagnostic;
use crate::iso3166;
use crate::model::{
    Area, Chair, Coordination, Joined, Scope, Section, StateFacts, StateKind, StateText, Status,
};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    name: Option<String>,
    official_name: Option<Spanned<String>>,
    aliases: Option<Spanned<Vec<Spanned<String>>>>,
    not_mentions: Option<Vec<Spanned<String>>>,
    // Language-neutral facts.
    iso: Option<Spanned<String>>,
    status: Option<Spanned<Status>>,
    kind: Option<Spanned<StateKind>>,
    status_source: Option<Spanned<String>>,
    official_name_source: Option<Spanned<String>>,
    joined: Option<Spanned<RawJoined>>,
    chairs: Option<Spanned<Vec<RawChair>>>,
    coordination: Option<Spanned<Vec<RawCoordination>>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawJoined {
    year: u16,
    source: Spanned<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawChair {
    order: Option<u32>,
    source: Spanned<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawCoordination {
    row: Spanned<String>,
    area: Option<Area>,
    scope: Option<Scope>,
}

pub struct States;

impl Kind for States {
    const SECTION: Section = Section::States;
    type Raw = Raw;
    type Facts = StateFacts;
    type Text = StateText;

    fn text(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<StateText> {
        let r = &fm.raw;
        let name = fm.required(&r.name, "name", "\"Kazakhstan\"", false, out);
        let aliases = fm.required(&r.aliases, "aliases", "[\"Kazakhstan\"]", false, out);
        let aliases = aliases?;
        let not_mentions = names(
            fm,
            "not_mentions",
            r.not_mentions.as_deref().unwrap_or_default(),
            out,
        );
        let aliases_span = fm.file_span(aliases.span());
        let aliases: Vec<String> = names(fm, "aliases", aliases.get_ref(), out)?;
        Some(StateText {
            name: name?,
            official_name: r
                .official_name
                .as_ref()
                .map(|o| o.get_ref().clone())
                .unwrap_or_default(),
            official_name_span: r
                .official_name
                .as_ref()
                .map(|o| fm.file_span(o.span()))
                .unwrap_or_default(),
            aliases_span,
            aliases,
            not_mentions: not_mentions?,
        })
    }

    fn facts(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<StateFacts> {
        let r = &fm.raw;
        let before = out.len();
        let status = fm.required(&r.status, "status", "\"member\"", true, out);
        let kind = r.kind.as_ref().map(|k| *k.get_ref()).unwrap_or_default();
        let status_source = fm
            .required(
                &r.status_source,
                "status_source",
                "\"@/documents/<slug>.md#<id>\"",
                true,
                out,
            )
            .and_then(|s| fm.xref(&s, "status_source", out));
        let official_name_source = r
            .official_name_source
            .as_ref()
            .and_then(|s| fm.xref(s, "official_name_source", out));
        if let Some(iso) = &r.iso {
            check_iso(fm, iso, kind, out);
        }
        let joined = joined(fm, out);
        let chairs = chairs(fm, out);
        let coordination = coordination(fm, out);
        if out.len() > before {
            return None;
        }
        // A warning, after the errors are counted: the facts stand without a code.
        if r.iso.is_none() && kind == StateKind::State {
            out.push(
                Diagnostic::warning("this state has no ISO code, so it is not on the membership map")
                    .at(fm.top())
                    .help("add its ISO 3166-1 alpha-3 code, e.g. iso = \"KAZ\"; until then the map names it in a note"),
            );
        }
        Some(StateFacts {
            iso: r.iso.as_ref().map(|i| i.get_ref().clone()),
            status: *status?.get_ref(),
            kind,
            status_source: status_source?,
            official_name_source,
            joined,
            chairs,
            coordination,
        })
    }

    fn check_inherits(fm: &FrontMatter<Raw>, from: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) {
        let (m, t) = (&fm.raw, &from.raw);
        fm.inherit(from, "iso", &m.iso, &t.iso, out);
        fm.inherit(from, "status", &m.status, &t.status, out);
        fm.inherit(from, "kind", &m.kind, &t.kind, out);
        fm.inherit(
            from,
            "status_source",
            &m.status_source,
            &t.status_source,
            out,
        );
        fm.inherit(
            from,
            "official_name_source",
            &m.official_name_source,
            &t.official_name_source,
            out,
        );
        fm.inherit(from, "joined", &m.joined, &t.joined, out);
        fm.inherit(from, "chairs", &m.chairs, &t.chairs, out);
        fm.inherit(from, "coordination", &m.coordination, &t.coordination, out);
    }
}

/// Checks `iso`: three capital letters, a code ISO 3166-1 knows, and only on a state.
fn check_iso(
    fm: &FrontMatter<Raw>,
    iso: &Spanned<String>,
    kind: StateKind,
    out: &mut Vec<Diagnostic>,
) {
    let code = iso.get_ref();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        out.push(
            Diagnostic::error(format!("`{code}` is not an ISO 3166-1 alpha-3 code"))
                .at(fm.at(iso.span()))
                .help("write three capital letters, e.g. iso = \"KAZ\""),
        );
    } else if !iso3166::is_code(code) {
        // The map places a state by this code: a typo would silently leave it off.
        out.push(
            Diagnostic::error(format!("`{code}` is not an ISO 3166-1 alpha-3 code"))
                .at(fm.at(iso.span()))
                .help("use the state's code from ISO 3166-1 (the list is in data/iso-3166-1.tsv), e.g. iso = \"KAZ\""),
        );
    }
    if kind == StateKind::Organization {
        out.push(
            Diagnostic::error("an organization has no ISO country code")
                .at(fm.at(iso.span()))
                .help("remove `iso`, or set kind = \"state\""),
        );
    }
}

/// The year of joining and its source, if given.
fn joined(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<Joined> {
    let j = fm.raw.joined.as_ref()?.get_ref();
    Some(Joined {
        year: j.year,
        source: fm.xref(&j.source, "joined.source", out)?,
    })
}

/// The chairmanships whose source resolves to a reference.
fn chairs(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Vec<Chair> {
    fm.raw
        .chairs
        .as_ref()
        .map(|c| c.get_ref().as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|c| {
            Some(Chair {
                order: c.order,
                source: fm.xref(&c.source, "chairs.source", out)?,
            })
        })
        .collect()
}

/// The coordination rows, each with both `area` and `scope` or neither.
fn coordination(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Vec<Coordination> {
    let mut coordination = Vec::new();
    for c in fm
        .raw
        .coordination
        .as_ref()
        .map(|c| c.get_ref().as_slice())
        .unwrap_or_default()
    {
        if c.area.is_some() != c.scope.is_some() {
            out.push(
                Diagnostic::error("`area` and `scope` of a coordination go together")
                    .at(fm.at(c.row.span()))
                    .help("give both (area = \"economy\", scope = \"whole\" or \"one-measure\") or neither"),
            );
        }
        if let Some(row) = fm.xref(&c.row, "coordination.row", out) {
            coordination.push(Coordination {
                row,
                area: c.area,
                scope: c.scope,
            });
        }
    }
    coordination
}

/// How long an alias or a `not_mentions` phrase may be, in characters. The longest name in the
/// texts is the Conference's own, 65 characters; the bound keeps the automaton that finds them
/// quick to build (its build time grows faster than the length of a repetitive name).
const MAX_NAME: usize = 200;

/// Whether a name can be found in a text: a phrase of only spaces and punctuation (or an empty
/// one) would match between any two characters.
fn names_something(phrase: &str) -> bool {
    phrase.chars().any(char::is_alphanumeric)
}

/// The phrases of an `aliases` or `not_mentions` list, if every one can name something: each
/// that cannot is reported at its place.
pub(super) fn names<R>(
    fm: &FrontMatter<R>,
    field: &str,
    phrases: &[Spanned<String>],
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let before = out.len();
    for phrase in phrases {
        let text = phrase.get_ref();
        let length = text.chars().count();
        let problem = if !names_something(text) {
            format!("{field} entry \"{text}\" has no letter or digit, so it would match everywhere")
        } else if length > MAX_NAME {
            format!("{field} entry is {length} characters long; a name has at most {MAX_NAME}")
        } else {
            continue;
        };
        out.push(
            Diagnostic::error(problem)
                .at(fm.at(phrase.span()))
                .help(format!(
                    "remove it from `{field}`, or write the name as the texts spell it"
                )),
        );
    }
    (out.len() == before).then(|| phrases.iter().map(|p| p.get_ref().clone()).collect())
}

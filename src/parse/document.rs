//! Front matter of a document file, and the merge of its language versions: language-neutral
//! facts come from the default-language file and may only be repeated, never contradicted.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Date, DocumentFacts, DocumentKind, DocumentText, Numbering, TranslationStatus};
use crate::source::Source;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The front matter as written, every field optional so that one pass can report every
/// missing field with a precise message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    title: Option<String>,
    short_title: Option<String>,
    summary: Option<String>,
    place: Option<String>,
    sessions: Option<Vec<String>>,
    agenda_items: Option<Vec<String>>,
    translation: Option<TranslationStatus>,
    draft: Option<bool>,
    // Language-neutral facts.
    kind: Option<Spanned<DocumentKind>>,
    date: Option<Spanned<toml::value::Datetime>>,
    letter_date: Option<Spanned<toml::value::Datetime>>,
    distributed: Option<Spanned<toml::value::Datetime>>,
    symbol: Option<Spanned<String>>,
    original_languages: Option<Spanned<Vec<String>>>,
    numbering: Option<Spanned<Numbering>>,
}

/// Front matter of one file, with the file it came from (spans are file offsets).
pub struct FrontMatter<'a> {
    pub source: &'a Source,
    /// Offset of the TOML text in the file.
    pub offset: usize,
    pub raw: RawFrontMatter,
}

const FIELDS_HELP: &str = "see docs/writing.md for the front-matter fields of a document";

pub fn parse_front_matter<'a>(
    source: &'a Source,
    range: Range<usize>,
) -> Result<FrontMatter<'a>, Diagnostic> {
    let offset = range.start;
    let raw: RawFrontMatter = toml::from_str(&source.text[range]).map_err(|e| {
        let at = offset + e.span().map(|s| s.start).unwrap_or(0);
        let message = e.message().trim().to_string();
        let help = if message.contains("unknown field") {
            format!("remove the field or correct its spelling; {FIELDS_HELP}")
        } else if message.contains("Datetime") || message.contains("date") {
            "write a date without quotes, as year-month-day: date = 2002-06-04".to_string()
        } else if message.contains("variant") {
            format!("use one of the accepted values; {FIELDS_HELP}")
        } else if message.contains("invalid type") {
            format!("check the value's type (text in \"quotes\", dates bare, lists in [ ]); {FIELDS_HELP}")
        } else {
            "the front matter is TOML: key = value, text in \"quotes\", one field per line"
                .to_string()
        };
        Diagnostic::error(format!("invalid front matter: {message}"))
            .at(Location::at(source, at))
            .help(help)
    })?;
    Ok(FrontMatter {
        source,
        offset,
        raw,
    })
}

impl FrontMatter<'_> {
    fn at(&self, span: Range<usize>) -> Location {
        Location::at(self.source, self.offset + span.start)
    }

    /// Where to point when a field is missing: the opening `+++`.
    fn top(&self) -> Location {
        Location::at(self.source, 0)
    }

    fn date(
        &self,
        field: &Option<Spanned<toml::value::Datetime>>,
        name: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Date> {
        let spanned = field.as_ref()?;
        let dt = spanned.get_ref();
        match (&dt.date, &dt.time, &dt.offset) {
            (Some(d), None, None) => Some(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            _ => {
                out.push(
                    Diagnostic::error(format!("`{name}` must be a date without a time"))
                        .at(self.at(spanned.span()))
                        .help(format!("write it as year-month-day: {name} = 2002-06-04")),
                );
                None
            }
        }
    }

    fn missing(&self, field: &str, example: &str, inherited: bool) -> Diagnostic {
        let help = if inherited {
            format!("add `{field} = {example}` to the front matter of this file (the default-language file); the other languages inherit it")
        } else {
            format!("add `{field} = {example}` to the front matter")
        };
        Diagnostic::error(format!("required field `{field}` is missing"))
            .at(self.top())
            .help(help)
    }

    /// The per-language fields. Every missing required field is reported.
    pub fn text(&self, out: &mut Vec<Diagnostic>) -> Option<DocumentText> {
        let r = &self.raw;
        let mut required = |v: &Option<String>, name: &str, example: &str| {
            if v.is_none() {
                out.push(self.missing(name, example, false));
            }
            v.clone().unwrap_or_default()
        };
        let text = DocumentText {
            title: required(&r.title, "title", "\"…\""),
            short_title: required(&r.short_title, "short_title", "\"…\""),
            summary: required(&r.summary, "summary", "\"…\""),
            place: required(&r.place, "place", "\"Almaty\""),
            sessions: r.sessions.clone().unwrap_or_default(),
            agenda_items: r.agenda_items.clone().unwrap_or_default(),
            translation: r.translation,
            draft: r.draft.unwrap_or(false),
        };
        let complete = r.title.is_some()
            && r.short_title.is_some()
            && r.summary.is_some()
            && r.place.is_some();
        complete.then_some(text)
    }

    /// The language-neutral facts, from the default-language file.
    pub fn facts(&self, out: &mut Vec<Diagnostic>) -> Option<DocumentFacts> {
        let r = &self.raw;
        let before = out.len();
        if r.kind.is_none() {
            out.push(self.missing("kind", "\"declaration\"", true));
        }
        if r.date.is_none() {
            out.push(self.missing("date", "2002-06-04", true));
        }
        let date = self.date(&r.date, "date", out);
        let letter_date = self.date(&r.letter_date, "letter_date", out);
        let distributed = self.date(&r.distributed, "distributed", out);
        if let Some(langs) = &r.original_languages {
            if let Some(bad) = langs
                .get_ref()
                .iter()
                .find(|l| !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()))
            {
                out.push(
                    Diagnostic::error(format!("`{bad}` is not a language code"))
                        .at(self.at(langs.span()))
                        .help("list ISO 639-1 codes, e.g. original_languages = [\"en\", \"ru\"]"),
                );
            }
        }
        if out.len() > before {
            return None;
        }
        Some(DocumentFacts {
            kind: *r.kind.as_ref()?.get_ref(),
            date: date?,
            letter_date,
            distributed,
            symbol: r.symbol.as_ref().map(|s| s.get_ref().clone()),
            original_languages: r
                .original_languages
                .as_ref()
                .map(|l| l.get_ref().clone())
                .unwrap_or_default(),
            numbering: r
                .numbering
                .as_ref()
                .map(|n| *n.get_ref())
                .unwrap_or_default(),
        })
    }

    /// A translation may repeat a language-neutral fact, but not contradict it.
    pub fn check_inherits(&self, from: &FrontMatter, out: &mut Vec<Diagnostic>) {
        let (mine, theirs) = (&self.raw, &from.raw);
        let mut check =
            |name: &str, here: Option<Range<usize>>, same: bool, there: Option<Range<usize>>| {
                let Some(span) = here else { return };
                if same {
                    return;
                }
                let from_file = from.source.path.display();
                let mut d = match there {
                    Some(_) => {
                        Diagnostic::error(format!("`{name}` contradicts the value in {from_file}"))
                    }
                    None => Diagnostic::error(format!(
                        "`{name}` is language-neutral and must be written in {from_file}"
                    )),
                }
                .at(self.at(span));
                if let Some(there) = there {
                    d = d.note(from.at(there), "the value every language inherits");
                }
                out.push(d.help(format!(
                    "write `{name}` once, in {from_file}, and remove it from this file"
                )));
            };
        macro_rules! neutral {
            ($f:ident) => {
                check(
                    stringify!($f),
                    mine.$f.as_ref().map(|v| v.span()),
                    match (&mine.$f, &theirs.$f) {
                        (Some(a), Some(b)) => a.get_ref() == b.get_ref(),
                        _ => false,
                    },
                    theirs.$f.as_ref().map(|v| v.span()),
                )
            };
        }
        neutral!(kind);
        neutral!(date);
        neutral!(letter_date);
        neutral!(distributed);
        neutral!(symbol);
        neutral!(original_languages);
        neutral!(numbering);
    }
}

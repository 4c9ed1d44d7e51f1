//! Front matter of a document file (`content/documents/`).

use super::front_matter::FrontMatter;
use super::Kind;
use crate::diagnostic::Diagnostic;
use crate::model::{
    DocumentFacts, DocumentKind, DocumentText, FirstIssued, Numbering, Section, TranslationStatus,
};
use serde::Deserialize;
use toml::Spanned;

/// The front matter as written, every field optional so that one pass can report every
/// missing field with a precise message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
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
    first_issued_as: Option<Spanned<String>>,
    first_issued_on: Option<Spanned<toml::value::Datetime>>,
    original_languages: Option<Spanned<Vec<String>>>,
    numbering: Option<Spanned<Numbering>>,
    signatories: Option<Spanned<Vec<String>>>,
}

pub struct Documents;

impl Kind for Documents {
    const SECTION: Section = Section::Documents;
    type Raw = Raw;
    type Facts = DocumentFacts;
    type Text = DocumentText;

    fn text(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<DocumentText> {
        let r = &fm.raw;
        let title = fm.required(&r.title, "title", "\"…\"", false, out);
        let short_title = fm.required(&r.short_title, "short_title", "\"…\"", false, out);
        let summary = fm.required(&r.summary, "summary", "\"…\"", false, out);
        Some(DocumentText {
            title: title?,
            short_title: short_title?,
            summary: summary?,
            // Only where the source gives one: a letter's place is not invented.
            place: r.place.clone().unwrap_or_default(),
            sessions: r.sessions.clone().unwrap_or_default(),
            agenda_items: r.agenda_items.clone().unwrap_or_default(),
            translation: r.translation,
            draft: r.draft.unwrap_or(false),
        })
    }

    fn facts(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<DocumentFacts> {
        let r = &fm.raw;
        let before = out.len();
        let kind = fm.required(&r.kind, "kind", "\"declaration\"", true, out);
        if r.date.is_none() {
            out.push(fm.missing("date", "2002-06-04", true));
        }
        let date = fm.date(&r.date, "date", out);
        let letter_date = fm.date(&r.letter_date, "letter_date", out);
        let distributed = fm.date(&r.distributed, "distributed", out);
        let first_issued_on = fm.date(&r.first_issued_on, "first_issued_on", out);
        if let (None, Some(on)) = (&r.first_issued_as, &r.first_issued_on) {
            out.push(
                Diagnostic::error("`first_issued_on` without `first_issued_as`")
                    .at(fm.at(on.span()))
                    .help("give the symbol the text was first issued under: first_issued_as = \"A/60/910-S/2006/444\""),
            );
        }
        if let Some(langs) = &r.original_languages {
            let bad = langs.get_ref().iter().find(|l| {
                !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase())
            });
            if let Some(bad) = bad {
                out.push(
                    Diagnostic::error(format!("`{bad}` is not a language code"))
                        .at(fm.at(langs.span()))
                        .help("list ISO 639-1 codes, e.g. original_languages = [\"en\", \"ru\"]"),
                );
            }
        }
        if out.len() > before {
            return None;
        }
        Some(DocumentFacts {
            kind: *kind?.get_ref(),
            date: date?,
            letter_date,
            distributed,
            symbol: r.symbol.as_ref().map(|s| s.get_ref().clone()),
            first_issued: r.first_issued_as.as_ref().map(|s| FirstIssued {
                symbol: s.get_ref().clone(),
                date: first_issued_on,
            }),
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
            signatories: r
                .signatories
                .as_ref()
                .map(|s| s.get_ref().clone())
                .unwrap_or_default(),
        })
    }

    fn check_inherits(fm: &FrontMatter<Raw>, from: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) {
        let (m, t) = (&fm.raw, &from.raw);
        fm.inherit(from, "kind", &m.kind, &t.kind, out);
        fm.inherit(from, "date", &m.date, &t.date, out);
        fm.inherit(from, "letter_date", &m.letter_date, &t.letter_date, out);
        fm.inherit(from, "distributed", &m.distributed, &t.distributed, out);
        fm.inherit(from, "symbol", &m.symbol, &t.symbol, out);
        fm.inherit(
            from,
            "first_issued_as",
            &m.first_issued_as,
            &t.first_issued_as,
            out,
        );
        fm.inherit(
            from,
            "first_issued_on",
            &m.first_issued_on,
            &t.first_issued_on,
            out,
        );
        fm.inherit(
            from,
            "original_languages",
            &m.original_languages,
            &t.original_languages,
            out,
        );
        fm.inherit(from, "numbering", &m.numbering, &t.numbering, out);
        fm.inherit(from, "signatories", &m.signatories, &t.signatories, out);
    }

    fn numbering(facts: &DocumentFacts) -> Numbering {
        facts.numbering
    }

    fn draft(text: &DocumentText) -> bool {
        text.draft
    }
}

//! Front matter of a cited text (`content/references/`): its title and the names the texts
//! give it in each language; its date, year and symbol only where a published text gives them,
//! with the paragraph that does.

use super::front_matter::FrontMatter;
use super::state::names;
use super::Kind;
use crate::diagnostic::Diagnostic;
use crate::model::{ReferenceFacts, ReferenceText, Section};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    title: Option<String>,
    aliases: Option<Spanned<Vec<Spanned<String>>>>,
    not_mentions: Option<Vec<Spanned<String>>>,
    // Language-neutral facts.
    date: Option<Spanned<toml::value::Datetime>>,
    year: Option<Spanned<u16>>,
    symbol: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
}

pub struct References;

impl Kind for References {
    const SECTION: Section = Section::References;
    type Raw = Raw;
    type Facts = ReferenceFacts;
    type Text = ReferenceText;

    fn text(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<ReferenceText> {
        let r = &fm.raw;
        let title = fm.required(
            &r.title,
            "title",
            "\"Charte des Nations Unies\"",
            false,
            out,
        );
        let aliases = fm.required(
            &r.aliases,
            "aliases",
            "[\"Charte des Nations Unies\"]",
            false,
            out,
        )?;
        let not_mentions = names(
            fm,
            "not_mentions",
            r.not_mentions.as_deref().unwrap_or_default(),
            out,
        );
        let aliases_span = fm.file_span(aliases.span());
        let aliases = names(fm, "aliases", aliases.get_ref(), out)?;
        Some(ReferenceText {
            title: title?,
            aliases,
            aliases_span,
            not_mentions: not_mentions?,
        })
    }

    fn facts(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<ReferenceFacts> {
        let r = &fm.raw;
        let before = out.len();
        let date = fm.date(&r.date, "date", out);
        if let (Some(_), Some(year)) = (&r.date, &r.year) {
            out.push(
                Diagnostic::error("`date` and `year` are both given")
                    .at(fm.at(year.span()))
                    .help("keep `date` when the texts give the full date, `year` when they give only the year"),
            );
        }
        let source = fm
            .required(
                &r.source,
                "source",
                "\"@/documents/<slug>.md#<id>\"",
                true,
                out,
            )
            .and_then(|s| fm.xref(&s, "source", out));
        if out.len() > before {
            return None;
        }
        Some(ReferenceFacts {
            date,
            year: r.year.as_ref().map(|y| *y.get_ref()),
            symbol: r.symbol.as_ref().map(|s| s.get_ref().clone()),
            source: source?,
        })
    }

    fn check_inherits(fm: &FrontMatter<Raw>, from: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) {
        let (m, t) = (&fm.raw, &from.raw);
        fm.inherit(from, "date", &m.date, &t.date, out);
        fm.inherit(from, "year", &m.year, &t.year, out);
        fm.inherit(from, "symbol", &m.symbol, &t.symbol, out);
        fm.inherit(from, "source", &m.source, &t.source, out);
    }
}

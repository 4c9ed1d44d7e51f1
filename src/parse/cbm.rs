//! Front matter of a confidence-building measure (`content/cbms/`).

use super::front_matter::FrontMatter;
use super::Kind;
use crate::diagnostic::Diagnostic;
use crate::model::{Area, CbmFacts, CbmText, Coordinator, Section, Slug};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    title: Option<String>,
    // Language-neutral facts.
    area: Option<Spanned<Area>>,
    number: Option<Spanned<u32>>,
    source: Option<Spanned<String>>,
    coordinators: Option<Spanned<Vec<RawCoordinator>>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawCoordinator {
    state: Spanned<String>,
    row: Spanned<String>,
    #[serde(default)]
    approximate: bool,
}

pub struct Cbms;

impl Kind for Cbms {
    const SECTION: Section = Section::Cbms;
    type Raw = Raw;
    type Facts = CbmFacts;
    type Text = CbmText;

    fn text(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<CbmText> {
        let title = fm.required(
            &fm.raw.title,
            "title",
            "\"Couloirs de transport\"",
            false,
            out,
        );
        Some(CbmText { title: title? })
    }

    fn facts(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<CbmFacts> {
        let r = &fm.raw;
        let before = out.len();
        let area = fm.required(&r.area, "area", "\"economy\"", true, out);
        let number = fm.required(&r.number, "number", "1", true, out);
        let source = fm
            .required(
                &r.source,
                "source",
                "\"@/documents/<slug>.md#<id>\"",
                true,
                out,
            )
            .and_then(|s| fm.xref(&s, "source", out));
        let mut coordinators = Vec::new();
        for c in r
            .coordinators
            .as_ref()
            .map(|c| c.get_ref().as_slice())
            .unwrap_or_default()
        {
            if let Some(row) = fm.xref(&c.row, "row", out) {
                coordinators.push(Coordinator {
                    state: Slug::from(c.state.get_ref().as_str()),
                    state_span: fm.file_span(c.state.span()),
                    row,
                    approximate: c.approximate,
                });
            }
        }
        if out.len() > before {
            return None;
        }
        Some(CbmFacts {
            area: *area?.get_ref(),
            number: *number?.get_ref(),
            source: source?,
            coordinators,
        })
    }

    fn check_inherits(fm: &FrontMatter<Raw>, from: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) {
        let (m, t) = (&fm.raw, &from.raw);
        fm.inherit(from, "area", &m.area, &t.area, out);
        fm.inherit(from, "number", &m.number, &t.number, out);
        fm.inherit(from, "source", &m.source, &t.source, out);
        fm.inherit(from, "coordinators", &m.coordinators, &t.coordinators, out);
    }
}

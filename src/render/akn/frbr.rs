//! Where a text's AKN file goes and how it is named: the FRBR Work, Expression and
//! Manifestation identifiers, and the `meta` block that carries them.

use super::writer::Akn;
use crate::model::{Document, DocumentKind, Section};
use crate::render::Renderer;
use crate::urls;

/// Where a text's AKN file is written in `lang`: `fr/documents/x/akn.xml`.
pub fn path(lang: &str, slug: &str) -> String {
    format!("{}akn.xml", urls::page(lang, Section::Documents, slug))
}

/// Whether a text has an AKN file in `lang`: only a language it is written in (a text shown
/// in the default language for want of a translation has none there).
pub fn has_file(doc: &Document, lang: &str) -> bool {
    doc.versions.contains_key(lang)
}

/// The AKN document type of a kind of text, and its `name`.
pub fn doc_type(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Act | DocumentKind::Declaration => "statement",
        DocumentKind::Letter | DocumentKind::Request => "doc",
    }
}

/// The FRBR Work URI of a text: `/akn/un/statement/cica/2002-06-04/almaty-act-2002`.
pub fn work_uri(doc: &Document) -> String {
    format!(
        "/akn/un/{}/cica/{}/{}",
        doc_type(doc.facts.kind),
        doc.facts.date.iso(),
        doc.slug
    )
}

/// ISO 639-2 code of a site language (`fr` → `fra`), as AKN URIs write languages.
pub fn lang3(lang: &str) -> &str {
    match lang {
        "fr" => "fra",
        "en" => "eng",
        "ru" => "rus",
        "zh" => "zho",
        "ar" => "ara",
        "es" => "spa",
        other => other,
    }
}

/// The FRBR Expression URI of a text in `lang`: the work URI, then `/fra@`.
pub fn expression_uri(doc: &Document, lang: &str) -> String {
    format!("{}/{}@", work_uri(doc), lang3(lang))
}

impl Renderer<'_> {
    /// The site's title in `lang`: who publishes the files and translates the texts.
    fn publisher(&self, lang: &str) -> String {
        self.config
            .language(lang)
            .map(|l| l.title.clone())
            .unwrap_or_else(|| "charter".to_string())
    }

    /// The `meta` of a text, or of one of its attachments (`component`, its eId).
    pub(super) fn meta(&self, w: &mut Akn, doc: &Document, lang: &str, component: Option<&str>) {
        let d = self.default();
        let work = work_uri(doc);
        let expr = expression_uri(doc, lang);
        let this = |base: &str| match component {
            Some(c) => format!("{base}/!{c}"),
            None => format!("{base}/!main"),
        };
        let date = doc.facts.date.iso();
        let date_name = match doc.facts.kind {
            DocumentKind::Act => "signature",
            DocumentKind::Declaration => "adoption",
            DocumentKind::Letter | DocumentKind::Request => "date",
        };
        w.open("meta", &[]);
        w.open("identification", &[("source", "#charterSite")]);

        w.open("FRBRWork", &[]);
        w.empty("FRBRthis", &[("value", &this(&work))]);
        w.empty("FRBRuri", &[("value", &work)]);
        if let Some(symbol) = &doc.facts.symbol {
            w.empty("FRBRalias", &[("value", symbol), ("name", "UN symbol")]);
        }
        if let Some(first) = &doc.facts.first_issued {
            w.empty(
                "FRBRalias",
                &[("value", &first.symbol), ("name", "first issued as")],
            );
        }
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", "#CICA")]);
        w.empty("FRBRcountry", &[("value", "un")]);
        w.empty("FRBRnumber", &[("value", &doc.slug)]);
        w.empty(
            "FRBRname",
            &[("value", &doc.version(d, d).text.short_title)],
        );
        w.close("FRBRWork");

        w.open("FRBRExpression", &[]);
        w.empty("FRBRthis", &[("value", &this(&expr))]);
        w.empty("FRBRuri", &[("value", &expr)]);
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        let original = lang == d;
        w.empty(
            "FRBRauthor",
            &[("href", if original { "#CICA" } else { "#charterSite" })],
        );
        w.empty(
            "FRBRauthoritative",
            &[("value", if original { "true" } else { "false" })],
        );
        let master = expression_uri(doc, d);
        if !original {
            w.empty(
                "FRBRmasterExpression",
                &[("href", &master), ("showAs", &doc.version(d, d).text.title)],
            );
        }
        w.empty("FRBRlanguage", &[("language", lang3(lang))]);
        if !original {
            w.empty(
                "FRBRtranslation",
                &[
                    ("href", &master),
                    ("fromLanguage", lang3(d)),
                    ("authoritative", "false"),
                    ("by", "#charterSite"),
                ],
            );
        }
        w.close("FRBRExpression");

        w.open("FRBRManifestation", &[]);
        w.empty("FRBRthis", &[("value", &format!("{}.xml", this(&expr)))]);
        w.empty("FRBRuri", &[("value", &format!("{expr}.akn"))]);
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", "#charterSite")]);
        w.empty("FRBRformat", &[("value", "application/akn+xml")]);
        w.close("FRBRManifestation");
        w.close("identification");
        if component.is_some() {
            // The references are the text's, in its own `meta`.
            w.close("meta");
            return;
        }

        w.open("references", &[("source", "#charterSite")]);
        w.empty(
            "TLCOrganization",
            &[
                ("eId", "CICA"),
                ("href", "/ontology/organization/un/cica"),
                (
                    "showAs",
                    "Conference on Interaction and Confidence-Building Measures in Asia",
                ),
            ],
        );
        w.empty(
            "TLCOrganization",
            &[
                ("eId", "charterSite"),
                ("href", "/ontology/organization/charter"),
                ("showAs", &self.publisher(lang)),
            ],
        );
        w.close("references");
        w.close("meta");
    }
}

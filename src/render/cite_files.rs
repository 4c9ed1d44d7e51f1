//! What reference managers read about a whole text: the metadata in its page's head (Highwire
//! Press `citation_*` tags, which Zotero and Google Scholar read; Dublin Core; a schema.org
//! `Legislation` description as JSON-LD) and its "Cite this text" downloads, RIS, BibTeX and
//! CSL-JSON, one of each per text and language.
//!
//! CSL-JSON and JSON-LD are written with serde_json. RIS and BibTeX are written here: each is a
//! handful of tagged lines, no maintained Rust crate writes RIS, and the BibTeX crates are
//! parsers first; what needs care is escaping, done by [`bibtex_value`].

use super::views::{CitationMeta, LinkView};
use super::Renderer;
use crate::model::{Document, Section, TranslationStatus};
use crate::output::Sink;
use crate::urls;
use serde_json::json;

/// The three download formats: (file name, label).
const FORMATS: [(&str, &str); 3] = [
    ("cite.ris", "RIS"),
    ("cite.bib", "BibTeX"),
    ("cite.json", "CSL-JSON"),
];

/// One text in one language, as citations describe it.
struct Described {
    id: String,
    title: String,
    /// ISO date, and its parts.
    date: String,
    ymd: (u16, u8, u8),
    lang: String,
    url: String,
    publisher: String,
    place: String,
    symbol: Option<String>,
    /// The authoritative text this one translates, if it is a translation.
    original_url: Option<String>,
}

impl Renderer<'_> {
    fn described(&self, lang: &str, doc: &Document) -> Described {
        let d = self.default();
        let v = doc.version(lang, d);
        let f = &doc.facts;
        let publisher = self
            .config
            .language(lang)
            .map(|l| l.issuing_body.clone())
            .unwrap_or_default();
        let translated = v.lang != d && v.text.translation != Some(TranslationStatus::Official);
        Described {
            id: format!("{}-{}", doc.slug, v.lang),
            title: v.text.title.clone(),
            date: f.date.iso(),
            ymd: (f.date.year, f.date.month, f.date.day),
            lang: v.lang.to_string(),
            url: self.abs(&urls::page(lang, Section::Documents, &doc.slug)),
            publisher,
            place: v.text.place.clone(),
            symbol: f.symbol.clone(),
            original_url: translated
                .then(|| self.abs(&urls::page(d, Section::Documents, &doc.slug))),
        }
    }

    /// The head metadata and download links of a text's page.
    pub fn citation_meta(&self, lang: &str, doc: &Document) -> CitationMeta {
        let c = self.described(lang, doc);
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "@id": c.url,
            "url": c.url,
            "name": c.title,
            "identifier": c.symbol.clone().unwrap_or_else(|| doc.slug.to_string()),
            "legislationIdentifier": c.symbol.clone().unwrap_or_else(|| doc.slug.to_string()),
            "legislationDate": c.date,
            "datePublished": c.date,
            "inLanguage": c.lang,
        });
        if !c.publisher.is_empty() {
            ld["publisher"] = json!({ "@type": "Organization", "name": c.publisher });
        }
        match &c.original_url {
            Some(original) => ld["translationOfWork"] = json!({ "@id": original }),
            None => {
                let translations: Vec<_> = doc
                    .versions
                    .keys()
                    .filter(|l| l.as_str() != c.lang)
                    .map(|l| json!({ "@id": self.abs(&urls::page(l, Section::Documents, &doc.slug)) }))
                    .collect();
                if !translations.is_empty() {
                    ld["workTranslation"] = json!(translations);
                }
            }
        }
        // A data block: the closing tag of its script element must not occur inside.
        let json_ld = serde_json::to_string(&ld)
            .unwrap_or_default()
            .replace("</", "<\\/");
        let base = urls::page(lang, Section::Documents, &doc.slug);
        CitationMeta {
            title: c.title,
            date_slash: c.date.replace('-', "/"),
            date: c.date,
            lang: c.lang,
            publisher: c.publisher,
            symbol: c.symbol,
            original_url: c.original_url,
            json_ld,
            downloads: FORMATS
                .iter()
                .map(|(file, label)| LinkView {
                    label: label.to_string(),
                    url: self.rel(&format!("{base}{file}")),
                })
                .collect(),
            akn: self.rel(&format!("{base}akn.xml")),
        }
    }

    /// Every text's downloads, in every language, each handed to `sink`.
    pub fn cite_files_each(&self, sink: &dyn Sink) {
        for doc in self.site.documents.values() {
            for lang in self.config.codes() {
                let c = self.described(lang, doc);
                let base = urls::page(lang, Section::Documents, &doc.slug);
                sink.put(format!("{base}cite.ris"), ris(&c).into_bytes());
                sink.put(format!("{base}cite.bib"), bibtex(&c).into_bytes());
                sink.put(format!("{base}cite.json"), csl(&c).into_bytes());
            }
        }
    }
}

/// RIS: one tagged line per field, a legal rule or regulation (`LEGAL`).
fn ris(c: &Described) -> String {
    let mut lines = vec![
        "TY  - LEGAL".to_string(),
        format!("ID  - {}", c.id),
        format!("TI  - {}", c.title),
        format!("PY  - {}", c.ymd.0),
        format!("DA  - {:04}/{:02}/{:02}/", c.ymd.0, c.ymd.1, c.ymd.2),
        format!("LA  - {}", c.lang),
        format!("UR  - {}", c.url),
    ];
    if !c.publisher.is_empty() {
        lines.push(format!("PB  - {}", c.publisher));
    }
    if !c.place.is_empty() {
        lines.push(format!("CY  - {}", c.place));
    }
    if let Some(s) = &c.symbol {
        lines.push(format!("M1  - {s}"));
    }
    lines.push("ER  - ".to_string());
    // Reference managers expect lines ended as on Windows.
    lines.join("\r\n") + "\r\n"
}

/// A BibTeX field value in braces: braces and backslashes in the text are escaped, and the
/// value keeps its case (double braces), as a title of a legal text must.
fn bibtex_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for ch in text.chars() {
        match ch {
            '{' | '}' | '\\' | '%' | '&' | '#' | '$' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    format!("{{{{{out}}}}}")
}

fn bibtex(c: &Described) -> String {
    let language = match c.lang.as_str() {
        "fr" => "french",
        "en" => "english",
        other => other,
    };
    let mut fields = vec![
        ("title", bibtex_value(&c.title)),
        ("date", format!("{{{}}}", c.date)),
        ("year", format!("{{{}}}", c.ymd.0)),
        ("month", format!("{{{}}}", c.ymd.1)),
        ("language", format!("{{{language}}}")),
        ("url", format!("{{{}}}", c.url)),
    ];
    if !c.publisher.is_empty() {
        fields.push(("publisher", bibtex_value(&c.publisher)));
    }
    if !c.place.is_empty() {
        fields.push(("address", bibtex_value(&c.place)));
    }
    if let Some(s) = &c.symbol {
        fields.push(("number", bibtex_value(s)));
    }
    let body: Vec<String> = fields
        .into_iter()
        .map(|(k, v)| format!("  {k} = {v}"))
        .collect();
    format!("@misc{{{},\n{}\n}}\n", c.id, body.join(",\n"))
}

fn csl(c: &Described) -> String {
    let mut item = json!({
        "id": c.id,
        "type": "legislation",
        "title": c.title,
        "issued": { "date-parts": [[c.ymd.0, c.ymd.1, c.ymd.2]] },
        "language": c.lang,
        "URL": c.url,
    });
    if !c.publisher.is_empty() {
        item["publisher"] = json!(c.publisher);
        item["authority"] = json!(c.publisher);
    }
    if !c.place.is_empty() {
        item["publisher-place"] = json!(c.place);
    }
    if let Some(s) = &c.symbol {
        item["number"] = json!(s);
    }
    serde_json::to_string_pretty(&json!([item])).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described() -> Described {
        Described {
            id: "x-fr".into(),
            title: "Acte {d'Almaty} 100% & co".into(),
            date: "2002-06-04".into(),
            ymd: (2002, 6, 4),
            lang: "fr".into(),
            url: "https://example.org/fr/documents/x/".into(),
            publisher: "CICA".into(),
            place: "Almaty".into(),
            symbol: Some("A/57/483".into()),
            original_url: None,
        }
    }

    #[test]
    fn bibtex_escapes_what_tex_reads_as_commands() {
        let b = bibtex(&described());
        assert!(b.starts_with("@misc{x-fr,\n"), "{b}");
        assert!(
            b.contains("title = {{Acte \\{d'Almaty\\} 100\\% \\& co}}"),
            "{b}"
        );
        assert!(b.contains("language = {french}"), "{b}");
    }

    #[test]
    fn ris_has_its_tags_and_ends_its_record() {
        let r = ris(&described());
        assert!(r.starts_with("TY  - LEGAL\r\n"), "{r}");
        assert!(r.contains("DA  - 2002/06/04/\r\n") && r.contains("M1  - A/57/483\r\n"));
        assert!(r.ends_with("ER  - \r\n"));
    }
}

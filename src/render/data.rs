//! Open data: `/data/documents.json`, `/data/cbms.json`, `/data/states.json`, each with a JSON
//! Schema beside it (`/data/*.schema.json`). Keys are sorted maps, so the files are stable.

use super::Renderer;
use crate::model::{visit, Section, StateKind, Status};
use crate::output::Sink;
use crate::urls;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub const SCHEMAS: [(&str, &str); 3] = [
    (
        "data/documents.schema.json",
        include_str!("schemas/documents.schema.json"),
    ),
    (
        "data/cbms.schema.json",
        include_str!("schemas/cbms.schema.json"),
    ),
    (
        "data/states.schema.json",
        include_str!("schemas/states.schema.json"),
    ),
];

type PerLang<T> = BTreeMap<String, T>;

/// One document of `documents.json`, its texts borrowed from the parsed site: documents are
/// written one by one, never all held as data at once.
#[derive(Serialize)]
struct DocumentData<'a> {
    slug: &'a str,
    kind: &'static str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol: Option<&'a str>,
    title: PerLang<&'a str>,
    short_title: PerLang<&'a str>,
    url: PerLang<String>,
    /// Languages whose text is an unofficial translation.
    unofficial: Vec<&'a str>,
    paragraphs: Vec<Paragraph<'a>>,
}

#[derive(Serialize)]
struct Paragraph<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    text: PerLang<Cow<'a, str>>,
    url: PerLang<String>,
}

impl DocumentData<'_> {
    /// The document as serde would write it (a test checks it), with the texts escaped by
    /// [`crate::json`]: this file holds every text of the site.
    fn write_json(&self, out: &mut Vec<u8>) {
        use crate::json::{key, string, string_array, string_map};
        out.push(b'{');
        key(out, "slug", true);
        string(out, self.slug);
        key(out, "kind", false);
        string(out, self.kind);
        key(out, "date", false);
        string(out, &self.date);
        if let Some(symbol) = self.symbol {
            key(out, "symbol", false);
            string(out, symbol);
        }
        key(out, "title", false);
        string_map(out, &self.title);
        key(out, "short_title", false);
        string_map(out, &self.short_title);
        key(out, "url", false);
        string_map(out, &self.url);
        key(out, "unofficial", false);
        string_array(out, &self.unofficial);
        key(out, "paragraphs", false);
        out.push(b'[');
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.push(b'{');
            key(out, "id", true);
            string(out, p.id);
            if let Some(number) = p.number {
                key(out, "number", false);
                string(out, number);
            }
            key(out, "text", false);
            string_map(out, &p.text);
            key(out, "url", false);
            string_map(out, &p.url);
            out.push(b'}');
        }
        out.push(b']');
        out.push(b'}');
    }
}

/// Documents serialized side by side, then appended in order.
const DOCUMENTS_AT_ONCE: usize = 256;

#[derive(Serialize)]
struct Cbms {
    cbms: Vec<CbmData>,
}

#[derive(Serialize)]
struct CbmData {
    slug: String,
    area: String,
    number: u32,
    title: PerLang<String>,
    source: String,
    coordinators: Vec<CoordinatorData>,
    url: PerLang<String>,
}

#[derive(Serialize)]
struct CoordinatorData {
    state: String,
    row: String,
    approximate: bool,
}

#[derive(Serialize)]
struct States {
    states: Vec<StateData>,
}

#[derive(Serialize)]
struct StateData {
    slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso: Option<String>,
    status: String,
    kind: String,
    name: PerLang<String>,
    official_name: PerLang<String>,
    aliases: PerLang<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    joined: Option<u16>,
    url: PerLang<String>,
}

impl Renderer<'_> {
    fn per_lang<T>(&self, f: impl Fn(&str) -> T) -> PerLang<T> {
        self.config.codes().map(|l| (l.to_string(), f(l))).collect()
    }

    /// `documents.json` in consecutive parts, each made from a batch of documents serialized
    /// side by side: on a large site the file is the size of all the texts together, and a
    /// build writes it part by part rather than holding it whole.
    fn documents_json_parts(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        let documents: Vec<_> = self.site.documents.values().collect();
        let batches = documents.len().div_ceil(DOCUMENTS_AT_ONCE);
        let body = (0..batches).map(move |n| {
            let batch = &documents[n * DOCUMENTS_AT_ONCE..]
                [..DOCUMENTS_AT_ONCE.min(documents.len() - n * DOCUMENTS_AT_ONCE)];
            let parts: Vec<Vec<u8>> = batch
                .par_iter()
                .map(|doc| {
                    let mut out = Vec::new();
                    self.document_data(doc).write_json(&mut out);
                    out
                })
                .collect();
            let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
            for (i, part) in parts.iter().enumerate() {
                if n > 0 || i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(part);
            }
            out
        });
        std::iter::once(b"{\"documents\":[".to_vec())
            .chain(body)
            .chain(std::iter::once(b"]}\n".to_vec()))
    }

    fn document_data<'a>(&self, doc: &'a crate::model::Document) -> DocumentData<'a> {
        let d = self.default();
        let original = &doc.versions[d];
        // Each version's block texts by id, gathered once.
        let texts = self.per_lang(|l| {
            let mut by_id = std::collections::HashMap::new();
            visit(&doc.version(l, d).body.nodes, &mut |b| {
                by_id.insert(b.anchor().id.as_str(), b.text_ref());
            });
            by_id
        });
        let page_urls = self.per_lang(|l| self.abs(&urls::page(l, Section::Documents, &doc.slug)));
        let mut paragraphs = Vec::new();
        visit(&original.body.nodes, &mut |b| {
            let a = b.anchor();
            let text = self.per_lang(|l| {
                texts
                    .get(l)
                    .and_then(|t| t.get(a.id.as_str()).cloned())
                    .unwrap_or_default()
            });
            paragraphs.push(Paragraph {
                id: &a.id,
                number: a.number.as_deref(),
                text,
                url: page_urls
                    .iter()
                    .map(|(l, page)| (l.clone(), format!("{page}#{}", a.id)))
                    .collect(),
            });
        });
        DocumentData {
            slug: &doc.slug,
            kind: doc.facts.kind.name(),
            date: doc.facts.date.iso(),
            symbol: doc.facts.symbol.as_deref(),
            title: self.per_lang(|l| doc.version(l, d).text.title.as_str()),
            short_title: self.per_lang(|l| doc.version(l, d).text.short_title.as_str()),
            url: page_urls,
            unofficial: doc
                .versions
                .values()
                .filter(|v| v.text.translation == Some(crate::model::TranslationStatus::Unofficial))
                .map(|v| v.lang.as_str())
                .collect(),
            paragraphs,
        }
    }

    /// The three data files and their schemas, each handed to `sink`; `documents.json`, the
    /// size of all the texts together, part by part.
    pub fn data_each(&self, sink: &dyn Sink) {
        for (path, text) in self.small_data_files() {
            sink.put(path, text.into_bytes());
        }
        sink.put_parts(
            "data/documents.json".to_string(),
            &mut self.documents_json_parts(),
        );
    }

    /// The data files but `documents.json`, and the schemas: (output path, compact JSON).
    fn small_data_files(&self) -> Vec<(String, String)> {
        let d = self.default().to_string();
        let cbms = Cbms {
            cbms: self
                .site
                .cbms
                .values()
                .map(|c| CbmData {
                    slug: c.slug.clone(),
                    area: c.facts.area.key().to_string(),
                    number: c.facts.number,
                    title: self.per_lang(|l| c.version(l, &d).text.title.clone()),
                    source: c.facts.source.raw.clone(),
                    coordinators: c
                        .facts
                        .coordinators
                        .iter()
                        .map(|x| CoordinatorData {
                            state: x.state.clone(),
                            row: x.row.raw.clone(),
                            approximate: x.approximate,
                        })
                        .collect(),
                    url: self.per_lang(|l| self.abs(&urls::page(l, Section::Cbms, &c.slug))),
                })
                .collect(),
        };
        let states = States {
            states: self
                .site
                .states
                .values()
                .map(|s| StateData {
                    slug: s.slug.clone(),
                    iso: s.facts.iso.clone(),
                    status: match s.facts.status {
                        Status::Member => "member",
                        Status::Observer => "observer",
                    }
                    .to_string(),
                    kind: match s.facts.kind {
                        StateKind::State => "state",
                        StateKind::Organization => "organization",
                    }
                    .to_string(),
                    name: self.per_lang(|l| s.version(l, &d).text.name.clone()),
                    official_name: self.per_lang(|l| s.version(l, &d).text.official_name.clone()),
                    aliases: self.per_lang(|l| s.version(l, &d).text.aliases.clone()),
                    joined: s.facts.joined.as_ref().map(|j| j.year),
                    url: self.per_lang(|l| self.abs(&urls::page(l, Section::States, &s.slug))),
                })
                .collect(),
        };
        let json = |v: &dyn erased::Json| v.compact();
        let mut out = vec![
            ("data/cbms.json".to_string(), json(&cbms)),
            ("data/states.json".to_string(), json(&states)),
        ];
        for (path, schema) in SCHEMAS {
            out.push((path.to_string(), schema.to_string()));
        }
        out
    }
}

/// Compact JSON for any of the three shapes: on a large site `documents.json` holds every
/// paragraph in every language, and indentation would add a third to its size and its time.
mod erased {
    pub trait Json {
        fn compact(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn compact(&self) -> String {
            let mut s = serde_json::to_string(self).expect("plain data serializes");
            s.push('\n');
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per_lang<T>(fr: T, en: T) -> PerLang<T> {
        [("fr".to_string(), fr), ("en".to_string(), en)]
            .into_iter()
            .collect()
    }

    #[test]
    fn a_document_is_written_as_serde_writes_it() {
        let paragraph = |id, number, text: &'static str| Paragraph {
            id,
            number,
            text: per_lang(Cow::Borrowed(text), Cow::Owned(format!("{text} (en)"))),
            url: per_lang(
                format!("https://x.org/fr/#{id}"),
                format!("https://x.org/en/#{id}"),
            ),
        };
        for symbol in [None, Some("A/47/\"1\"")] {
            let doc = DocumentData {
                slug: "acte",
                kind: "declaration",
                date: "1992-10-05".to_string(),
                symbol,
                title: per_lang("Acte « final »", "Final \\ act"),
                short_title: per_lang("Acte", "Act"),
                url: per_lang("https://x.org/fr/".into(), "https://x.org/en/".into()),
                unofficial: vec!["en"],
                paragraphs: vec![
                    paragraph("i", Some("I"), "Titre\tavec tabulation"),
                    paragraph("para-1", None, "Texte\nsur deux lignes « cité » \u{1}."),
                ],
            };
            let mut ours = Vec::new();
            doc.write_json(&mut ours);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&doc).unwrap()
            );
        }
        let empty = DocumentData {
            slug: "vide",
            kind: "letter",
            date: String::new(),
            symbol: None,
            title: PerLang::new(),
            short_title: PerLang::new(),
            url: PerLang::new(),
            unofficial: vec![],
            paragraphs: vec![],
        };
        let mut ours = Vec::new();
        empty.write_json(&mut ours);
        assert_eq!(ours, serde_json::to_vec(&empty).unwrap());
    }
}

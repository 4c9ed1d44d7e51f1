//! Open data: `/data/documents.json` (an index of the texts), `/data/documents/{slug}.json`
//! (one text, block by block), `/data/cbms.json`, `/data/states.json`, `/data/topics.json` and
//! `/data/references.json`, each kind with a JSON Schema beside it (`/data/*.schema.json`).
//! Maps are sorted, so the files are stable.

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::model::{
    visit, Cbm, Document, Reference, Section, Slug, State, StateKind, Status, Topic, XRef,
};
use crate::output::Sink;
use crate::urls;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub const SCHEMAS: [(&str, &str); 6] = [
    (
        "data/documents.schema.json",
        include_str!("schemas/documents.schema.json"),
    ),
    (
        "data/document.schema.json",
        include_str!("schemas/document.schema.json"),
    ),
    (
        "data/cbms.schema.json",
        include_str!("schemas/cbms.schema.json"),
    ),
    (
        "data/states.schema.json",
        include_str!("schemas/states.schema.json"),
    ),
    (
        "data/topics.schema.json",
        include_str!("schemas/topics.schema.json"),
    ),
    (
        "data/references.schema.json",
        include_str!("schemas/references.schema.json"),
    ),
];

type PerLang<T> = BTreeMap<String, T>;

/// `documents.json`: every text's facts and where to find it, without its blocks.
#[derive(Serialize)]
struct Documents<'a> {
    documents: Vec<IndexEntry<'a>>,
}

/// A text in the index: what its own file says of it, and its Akoma Ntoso files.
#[derive(Serialize)]
struct IndexEntry<'a> {
    #[serde(flatten)]
    document: DocumentData<'a>,
    /// The text's Akoma Ntoso file in each language it is written in (docs/akn.md).
    akn: PerLang<String>,
}

/// What the index and a text's own file say about it.
#[derive(Serialize)]
struct DocumentData<'a> {
    slug: &'a str,
    kind: &'static str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_issued: Option<FirstIssuedData<'a>>,
    title: PerLang<&'a str>,
    short_title: PerLang<&'a str>,
    /// The text's page in each language.
    url: PerLang<String>,
    /// Languages whose text is an unofficial translation.
    unofficial: Vec<&'a str>,
    /// The text's own file, with its blocks.
    data: String,
}

/// The UN document a text was first issued as.
#[derive(Serialize)]
struct FirstIssuedData<'a> {
    symbol: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// `documents/{slug}.json`: one text, block by block, its texts borrowed from the parsed site.
#[derive(Serialize)]
struct DocumentRecord<'a> {
    #[serde(flatten)]
    document: DocumentData<'a>,
    blocks: Vec<Block<'a>>,
}

#[derive(Serialize)]
struct Block<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    text: PerLang<Cow<'a, str>>,
    url: PerLang<String>,
}

#[derive(Serialize)]
struct Cbms {
    cbms: Vec<CbmData>,
}

#[derive(Serialize)]
struct CbmData {
    slug: Slug,
    area: String,
    number: u32,
    title: PerLang<String>,
    source: String,
    coordinators: Vec<CoordinatorData>,
    url: PerLang<String>,
}

#[derive(Serialize)]
struct CoordinatorData {
    state: Slug,
    row: String,
    approximate: bool,
}

#[derive(Serialize)]
struct States {
    states: Vec<StateData>,
}

#[derive(Serialize)]
struct StateData {
    slug: Slug,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso: Option<String>,
    status: String,
    kind: String,
    name: PerLang<String>,
    /// Only where a published text gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    official_name: Option<PerLang<String>>,
    aliases: PerLang<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    joined: Option<u16>,
    url: PerLang<String>,
}

#[derive(Serialize)]
struct Topics<'a> {
    topics: Vec<TopicData<'a>>,
}

#[derive(Serialize)]
struct TopicData<'a> {
    slug: &'a str,
    name: PerLang<&'a str>,
    description: PerLang<&'a str>,
    url: PerLang<String>,
    /// The paragraphs that treat the topic, in the order the topic's file lists them.
    paragraphs: Vec<Place<'a>>,
}

/// A block of a published text (or the text itself, where no block is named), and its
/// address in each language where the file gives it.
#[derive(Serialize)]
struct Place<'a> {
    document: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    block: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<PerLang<String>>,
}

#[derive(Serialize)]
struct References<'a> {
    references: Vec<ReferenceData<'a>>,
}

#[derive(Serialize)]
struct ReferenceData<'a> {
    slug: &'a str,
    title: PerLang<&'a str>,
    aliases: PerLang<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol: Option<&'a str>,
    /// The paragraph that names the text and gives what is known of it (left out if the
    /// source is not in a published text).
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Place<'a>>,
    url: PerLang<String>,
    /// In each language, the paragraphs that name the text: texts oldest first, each in
    /// reading order.
    cited_in: PerLang<Vec<Place<'a>>>,
}

impl Renderer<'_> {
    fn per_lang<T>(&self, f: impl Fn(&str) -> T) -> PerLang<T> {
        self.config.codes().map(|l| (l.to_string(), f(l))).collect()
    }

    fn document_data<'a>(&self, doc: &'a Document) -> DocumentData<'a> {
        let d = self.default();
        DocumentData {
            slug: &doc.slug,
            kind: doc.facts.kind.name(),
            date: doc.facts.date.iso(),
            symbol: doc.facts.symbol.as_deref(),
            first_issued: doc.facts.first_issued.as_ref().map(|i| FirstIssuedData {
                symbol: &i.symbol,
                date: i.date.map(|d| d.iso()),
            }),
            title: self.per_lang(|l| doc.version(l, d).text.title.as_str()),
            short_title: self.per_lang(|l| doc.version(l, d).text.short_title.as_str()),
            url: self.per_lang(|l| self.abs(&urls::page(l, Section::Documents, &doc.slug))),
            unofficial: doc
                .versions
                .values()
                .filter(|v| v.text.translation == Some(crate::model::TranslationStatus::Unofficial))
                .map(|v| v.lang.as_str())
                .collect(),
            data: self.abs(&urls::document_data(&doc.slug)),
        }
    }

    /// One text with its blocks in the order of the original, each with its text in every
    /// language.
    fn document_record<'a>(&self, doc: &'a Document) -> DocumentRecord<'a> {
        let d = self.default();
        // Each version's block texts by id, gathered once.
        let texts = self.per_lang(|l| {
            let mut by_id = std::collections::HashMap::new();
            visit(&doc.version(l, d).body.nodes, &mut |b| {
                by_id.insert(b.anchor().id.as_str(), b.text_ref());
            });
            by_id
        });
        let document = self.document_data(doc);
        let mut blocks = Vec::new();
        visit(&doc.versions[d].body.nodes, &mut |b| {
            let a = b.anchor();
            blocks.push(Block {
                id: &a.id,
                number: a.number.as_deref(),
                text: self.per_lang(|l| {
                    texts
                        .get(l)
                        .and_then(|t| t.get(a.id.as_str()).cloned())
                        .unwrap_or_default()
                }),
                url: document
                    .url
                    .iter()
                    .map(|(l, page)| (l.clone(), format!("{page}#{}", a.id)))
                    .collect(),
            });
        });
        DocumentRecord { document, blocks }
    }

    /// The data files and their schemas, each handed to `sink`: the texts one file each, made
    /// side by side.
    pub fn data_each(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let documents = Documents {
            documents: self
                .site
                .documents
                .values()
                .map(|doc| IndexEntry {
                    document: self.document_data(doc),
                    akn: self
                        .config
                        .codes()
                        .filter(|l| super::akn::has_file(doc, l))
                        .map(|l| (l.to_string(), self.abs(&super::akn::path(l, &doc.slug))))
                        .collect(),
                })
                .collect(),
        };
        sink.put("data/documents.json".to_string(), json(&documents)?);
        self.site.documents.par_iter().try_for_each(|(slug, doc)| {
            let record = json(&self.document_record(doc))?;
            sink.put(urls::document_data(slug), record);
            Ok(())
        })?;
        for (path, bytes) in self.small_data_files()? {
            sink.put(path, bytes);
        }
        Ok(())
    }

    /// The measures, the states, and the schemas: (output path, compact JSON).
    fn small_data_files(&self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let cbms = Cbms {
            cbms: self.site.cbms.values().map(|c| self.cbm_data(c)).collect(),
        };
        let states = States {
            states: self
                .site
                .states
                .values()
                .map(|s| self.state_data(s))
                .collect(),
        };
        let topics = Topics {
            topics: self
                .site
                .topics
                .values()
                .map(|t| self.topic_data(t))
                .collect(),
        };
        let references = References {
            references: self
                .site
                .references
                .values()
                .map(|r| self.reference_data(r))
                .collect(),
        };
        let mut out = vec![
            ("data/cbms.json".to_string(), json(&cbms)?),
            ("data/states.json".to_string(), json(&states)?),
            ("data/topics.json".to_string(), json(&topics)?),
            ("data/references.json".to_string(), json(&references)?),
        ];
        for (path, schema) in SCHEMAS {
            out.push((path.to_string(), schema.as_bytes().to_vec()));
        }
        Ok(out)
    }

    /// One measure in `data/cbms.json`.
    fn cbm_data(&self, c: &Cbm) -> CbmData {
        let d = self.default();
        CbmData {
            slug: c.slug.clone(),
            area: c.facts.area.key().to_string(),
            number: c.facts.number,
            title: self.per_lang(|l| c.version(l, d).text.title.clone()),
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
        }
    }

    /// One state or organization in `data/states.json`.
    fn state_data(&self, s: &State) -> StateData {
        let d = self.default();
        StateData {
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
            name: self.per_lang(|l| s.version(l, d).text.name.clone()),
            official_name: s
                .facts
                .official_name_source
                .is_some()
                .then(|| self.per_lang(|l| s.version(l, d).text.official_name.clone())),
            aliases: self.per_lang(|l| s.version(l, d).text.aliases.clone()),
            joined: s.facts.joined.as_ref().map(|j| j.year),
            url: self.per_lang(|l| self.abs(&urls::page(l, Section::States, &s.slug))),
        }
    }
}

impl Renderer<'_> {
    /// One topic in `data/topics.json`.
    fn topic_data<'a>(&self, t: &'a Topic) -> TopicData<'a> {
        let d = self.default();
        TopicData {
            slug: &t.slug,
            name: self.per_lang(|l| t.version(l, d).text.name.as_str()),
            description: self.per_lang(|l| t.version(l, d).text.description.as_str()),
            url: self.per_lang(|l| self.abs(&urls::page(l, Section::Topics, &t.slug))),
            paragraphs: t
                .facts
                .paragraphs
                .iter()
                .filter_map(|x| {
                    let mut place = xref_place(x)?;
                    let block = place.block?;
                    place.url = Some(self.per_lang(|l| {
                        format!(
                            "{}#{block}",
                            self.abs(&urls::page(l, Section::Documents, place.document)),
                        )
                    }));
                    Some(place)
                })
                .collect(),
        }
    }

    /// One cited text in `data/references.json`.
    fn reference_data<'a>(&'a self, r: &'a Reference) -> ReferenceData<'a> {
        let d = self.default();
        let f = &r.facts;
        ReferenceData {
            slug: &r.slug,
            title: self.per_lang(|l| r.version(l, d).text.title.as_str()),
            aliases: self.per_lang(|l| r.version(l, d).text.aliases.as_slice()),
            date: f.date.as_ref().map(|d| d.iso()),
            year: f.year,
            symbol: f.symbol.as_deref(),
            source: xref_place(&f.source),
            url: self.per_lang(|l| self.abs(&urls::page(l, Section::References, &r.slug))),
            cited_in: self.per_lang(|l| {
                self.graph
                    .mentions_of(l, Section::References, &r.slug)
                    .map(|m| Place {
                        document: &m.document,
                        block: Some(&m.block),
                        url: None,
                    })
                    .collect()
            }),
        }
    }
}

/// A link to a published text or one of its blocks as a place; `None` for a link elsewhere.
fn xref_place(x: &XRef) -> Option<Place<'_>> {
    (x.section == Section::Documents).then(|| Place {
        document: &x.slug,
        block: x.fragment.as_deref(),
        url: None,
    })
}

/// Compact JSON with a final line break: on a large site the open data holds every block in
/// every language, and indentation would add a third to its size.
fn json(value: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = serde_json::to_vec(value).map_err(|e| {
        Diagnostic::error(format!("the open data could not be written as JSON: {e}"))
            .help("this is a bug in charter; please report it with the content that caused it")
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

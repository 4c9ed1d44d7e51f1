//! Open data: `/data/documents.json`, `/data/cbms.json`, `/data/states.json`, each with a JSON
//! Schema beside it (`/data/*.schema.json`). Keys are sorted maps, so the files are stable.

use super::Renderer;
use crate::model::{visit, Section, StateKind, Status};
use crate::urls;
use rayon::prelude::*;
use serde::Serialize;
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

#[derive(Serialize)]
struct Documents {
    documents: Vec<DocumentData>,
}

#[derive(Serialize)]
struct DocumentData {
    slug: String,
    kind: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol: Option<String>,
    title: PerLang<String>,
    short_title: PerLang<String>,
    url: PerLang<String>,
    /// Languages whose text is an unofficial translation.
    unofficial: Vec<String>,
    paragraphs: Vec<Paragraph>,
}

#[derive(Serialize)]
struct Paragraph {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    text: PerLang<String>,
    url: PerLang<String>,
}

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

    /// The three data files: (output path, compact JSON).
    pub fn data_files(&self) -> Vec<(String, String)> {
        let d = self.default().to_string();
        let documents = Documents {
            documents: self
                .site
                .documents
                .values()
                .collect::<Vec<_>>()
                .par_iter()
                .map(|doc| {
                    let original = &doc.versions[&d];
                    // Each version's block texts by id, gathered once.
                    let texts = self.per_lang(|l| {
                        let mut by_id = std::collections::HashMap::new();
                        visit(&doc.version(l, &d).body.nodes, &mut |b| {
                            by_id.insert(b.anchor().id.as_str(), b.text());
                        });
                        by_id
                    });
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
                            id: a.id.clone(),
                            number: a.number.clone(),
                            text,
                            url: self.per_lang(|l| {
                                self.abs(&format!(
                                    "{}#{}",
                                    urls::page(l, Section::Documents, &doc.slug),
                                    a.id
                                ))
                            }),
                        });
                    });
                    DocumentData {
                        slug: doc.slug.clone(),
                        kind: doc.facts.kind.name().to_string(),
                        date: doc.facts.date.iso(),
                        symbol: doc.facts.symbol.clone(),
                        title: self.per_lang(|l| doc.version(l, &d).text.title.clone()),
                        short_title: self.per_lang(|l| doc.version(l, &d).text.short_title.clone()),
                        url: self
                            .per_lang(|l| self.abs(&urls::page(l, Section::Documents, &doc.slug))),
                        unofficial: doc
                            .versions
                            .values()
                            .filter(|v| {
                                v.text.translation
                                    == Some(crate::model::TranslationStatus::Unofficial)
                            })
                            .map(|v| v.lang.clone())
                            .collect(),
                        paragraphs,
                    }
                })
                .collect(),
        };
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
            ("data/documents.json".to_string(), json(&documents)),
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

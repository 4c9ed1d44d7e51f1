//! What the search index holds: each text, measure and state in every language, block by
//! block, from the parsed bodies (not from the rendered pages, which repeat navigation and
//! lists); each topic and cited text by its heading alone; for each topic, the blocks of
//! the texts it covers; and the synonyms the texts need ([`SYNONYMS`], each state's names).
//! The index itself is built by [`crate::search`].

use super::Renderer;
use crate::diagnostic::{Diagnostic, Report};
use crate::model::{visit, Block, Body, Document, Node, Section};
use crate::output::Sink;
use crate::search::{self, Passage, Record};
use crate::urls;
use rayon::prelude::*;
use std::collections::HashMap;

/// Names the texts write in more than one way, in every language: a search for one finds the
/// others. The French text of 2007 (the request for observer status) writes CIMCA, the
/// others and every English text CICA.
pub const SYNONYMS: &[&[&str]] = &[&["CICA", "CIMCA"]];

impl Renderer<'_> {
    /// The index files of every language (`search-index/{lang}/…`), languages side by side,
    /// each handed to `sink` as soon as it is made. A file that cannot be written is an error
    /// of the build: the index the sink holds is then incomplete.
    pub fn search_each(&self, sink: &dyn Sink) -> Result<(), Report> {
        let langs: Vec<&str> = self.config.codes().collect();
        let problems: Vec<Diagnostic> = langs
            .par_iter()
            .filter_map(|lang| {
                let records = self.search_records(lang);
                let synonyms = self.search_synonyms(lang);
                search::build(lang, &records, &synonyms, &mut |path, bytes| {
                    sink.put(path, bytes)
                })
                .err()
            })
            .map(|e| {
                Diagnostic::error(e.to_string())
                    .help("this is a bug in charter, not in the content: please report it")
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            let mut report = Report::default();
            report.extend(problems);
            Err(report)
        }
    }

    /// The searchable pages of one language: texts (oldest first), then measures, states,
    /// topics and cited texts.
    pub fn search_records<'s>(&'s self, lang: &str) -> Vec<Record<'s>> {
        let s = self.strings(lang);
        let d = self.default();
        let mut records = Vec::new();
        let mut documents: Vec<&Document> = self.site.documents.values().collect();
        documents.sort_by_cached_key(|doc| (doc.facts.date.iso(), doc.slug.clone()));
        for doc in documents {
            let v = doc.version(lang, d);
            let t = &v.text;
            let mut record = self.record(
                lang,
                Section::Documents,
                &doc.slug,
                &t.title,
                format!("{} {} {}", t.title, t.short_title, t.summary),
                vec![("kind".into(), s.get("search_kind_document").into())],
                Some(&v.body),
            );
            record.block_filters = self.topic_blocks(lang, doc, &record.passages);
            records.push(record);
        }
        for cbm in self.site.cbms.values() {
            let v = cbm.version(lang, d);
            let area = self.area_name(lang, cbm.facts.area);
            records.push(self.record(
                lang,
                Section::Cbms,
                &cbm.slug,
                &v.text.title,
                format!("{} {area}", v.text.title),
                vec![
                    ("kind".into(), s.get("search_kind_cbm").into()),
                    ("dimension".into(), area),
                ],
                Some(&v.body),
            ));
        }
        for state in self.site.states.values() {
            let v = state.version(lang, d);
            let t = &v.text;
            records.push(self.record(
                lang,
                Section::States,
                &state.slug,
                &t.name,
                format!("{} {} {}", t.name, t.official_name, t.aliases.join(" ")),
                vec![("kind".into(), s.get("search_kind_state").into())],
                Some(&v.body),
            ));
        }
        // A topic's or a cited text's page quotes paragraphs of the texts, which are found in
        // the texts themselves: only its heading is searched.
        for topic in self.site.topics.values() {
            let t = &topic.version(lang, d).text;
            records.push(self.record(
                lang,
                Section::Topics,
                &topic.slug,
                &t.name,
                format!("{} {}", t.name, t.description),
                vec![("kind".into(), s.get("search_kind_topic").into())],
                None,
            ));
        }
        for reference in self.site.references.values() {
            let t = &reference.version(lang, d).text;
            records.push(self.record(
                lang,
                Section::References,
                &reference.slug,
                &t.title,
                format!("{} {}", t.title, t.aliases.join(" ")),
                vec![("kind".into(), s.get("search_kind_reference").into())],
                None,
            ));
        }
        records
    }

    /// The groups of names that stand for one another in `lang`: [`SYNONYMS`], and each
    /// state's or organization's name, official name and aliases (`Russie`, `Fédération de
    /// Russie`; `ONU`, `Organisation des Nations Unies`).
    pub fn search_synonyms(&self, lang: &str) -> Vec<Vec<String>> {
        let d = self.default();
        let mut groups: Vec<Vec<String>> = SYNONYMS
            .iter()
            .map(|g| g.iter().map(|n| n.to_string()).collect())
            .collect();
        for state in self.site.states.values() {
            let t = &state.version(lang, d).text;
            let mut names = vec![t.name.clone(), t.official_name.clone()];
            names.extend(t.aliases.iter().cloned());
            names.retain(|n| !n.trim().is_empty());
            groups.push(names);
        }
        groups
    }

    /// The blocks of a text's record that each topic covers, as its block filters ("topic",
    /// the topic's name in `lang`, the block's index): each paragraph the topic lists, with
    /// the blocks nested in it (sub-paragraphs, list items), which the topic's page quotes
    /// with it.
    fn topic_blocks<'s>(
        &'s self,
        lang: &str,
        doc: &'s Document,
        passages: &[Passage],
    ) -> Vec<(String, String, usize)> {
        let d = self.default();
        let body = &doc.version(lang, d).body;
        let mut blocks: HashMap<&str, Block> = HashMap::new();
        let mut keep = |b: Block<'s>| {
            blocks.insert(b.anchor().id.as_str(), b);
        };
        visit(&body.nodes, &mut keep);
        for f in &body.footnotes {
            visit(&f.body, &mut keep);
        }
        let index: HashMap<&str, usize> = passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let mut out = Vec::new();
        for topic in self.site.topics.values() {
            let name = &topic.version(lang, d).text.name;
            for x in &topic.facts.paragraphs {
                let (Section::Documents, Some(id)) = (x.section, x.fragment.as_deref()) else {
                    continue;
                };
                let Some(block) = (x.slug == doc.slug).then(|| blocks.get(id)).flatten() else {
                    continue;
                };
                for id in nested_ids(*block) {
                    if let Some(&i) = index.get(id) {
                        out.push(("topic".to_string(), name.clone(), i));
                    }
                }
            }
        }
        out
    }

    /// One page: its heading (title and what else names it) as the first block, then every
    /// citable block of `body` with text, footnotes last, as on the page.
    #[allow(clippy::too_many_arguments)]
    fn record<'s>(
        &'s self,
        lang: &str,
        section: Section,
        slug: &str,
        title: &str,
        heading: String,
        filters: Vec<(String, String)>,
        body: Option<&'s Body>,
    ) -> Record<'s> {
        let labels = self.block_labels(section, slug, lang);
        let mut passages = vec![Passage {
            id: "",
            label: String::new(),
            text: heading.into(),
        }];
        let mut add = |b: crate::model::Block<'s>| {
            let text = b.text_ref();
            if text.trim().is_empty() {
                return;
            }
            let id = &b.anchor().id;
            passages.push(Passage {
                id: id.as_str(),
                label: labels
                    .as_ref()
                    .and_then(|l| l.get(id).cloned())
                    .unwrap_or_else(|| id.clone()),
                text,
            });
        };
        if let Some(body) = body {
            visit(&body.nodes, &mut add);
            for f in &body.footnotes {
                visit(&f.body, &mut add);
            }
        }
        Record {
            url: self.rel(&urls::page(lang, section, slug)),
            title: title.to_string(),
            filters,
            block_filters: Vec::new(),
            passages,
        }
    }
}

/// The id of a block and of every block nested in it: a numbered paragraph's further
/// paragraphs and lists, a list item's, a quotation's, a table's rows.
fn nested_ids<'a>(block: Block<'a>) -> Vec<&'a str> {
    let mut ids = vec![block.anchor().id.as_str()];
    let mut add = |b: Block<'a>| ids.push(b.anchor().id.as_str());
    match block {
        Block::Node(Node::Numbered { rest, .. }) => visit(rest, &mut add),
        Block::Node(Node::Quote { body, .. }) => visit(body, &mut add),
        Block::Node(Node::Table { rows, .. }) => rows.iter().for_each(|r| add(Block::Row(r))),
        Block::Item(item) => visit(&item.rest, &mut add),
        Block::Node(_) | Block::Row(_) => {}
    }
    ids
}

//! What the search index holds: each text, measure and state in every language, block by
//! block, from the parsed bodies (not from the rendered pages, which repeat navigation and
//! lists). The index itself is built by [`crate::search`].

use super::Renderer;
use crate::diagnostic::{Diagnostic, Report};
use crate::model::{visit, Body, Section};
use crate::output::Sink;
use crate::search::{self, Passage, Record};
use crate::urls;
use rayon::prelude::*;

impl Renderer<'_> {
    /// The index files of every language (`search-index/{lang}/…`), languages side by side,
    /// each handed to `sink` as soon as it is made. A file that cannot be written is an error
    /// of the build: the index the sink holds is then incomplete.
    pub fn search_each(&self, sink: &dyn Sink) -> Result<(), Report> {
        let langs: Vec<&str> = self.config.codes().collect();
        let problems: Vec<Diagnostic> = langs
            .par_iter()
            .filter_map(|lang| {
                search::build(lang, &self.search_records(lang), &mut |path, bytes| {
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

    /// The searchable pages of one language: texts, then measures, then states.
    pub fn search_records<'s>(&'s self, lang: &str) -> Vec<Record<'s>> {
        let s = self.strings(lang);
        let d = self.default();
        let mut records = Vec::new();
        for doc in self.site.documents.values() {
            let v = doc.version(lang, d);
            let t = &v.text;
            records.push(self.record(
                lang,
                Section::Documents,
                &doc.slug,
                &t.title,
                format!("{} {} {}", t.title, t.short_title, t.summary),
                vec![("kind".into(), s.get("search_kind_document").into())],
                &v.body,
            ));
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
                &v.body,
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
                &v.body,
            ));
        }
        records
    }

    /// One page: its heading (title and what else names it) as the first block, then every
    /// citable block with text, footnotes last, as on the page.
    #[allow(clippy::too_many_arguments)]
    fn record<'s>(
        &'s self,
        lang: &str,
        section: Section,
        slug: &str,
        title: &str,
        heading: String,
        filters: Vec<(String, String)>,
        body: &'s Body,
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
        visit(&body.nodes, &mut add);
        for f in &body.footnotes {
            visit(&f.body, &mut add);
        }
        Record {
            url: self.rel(&urls::page(lang, section, slug)),
            title: title.to_string(),
            filters,
            passages,
        }
    }
}

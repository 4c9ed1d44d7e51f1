//! The search index, built by the generator itself with Pagefind (as a library): one record
//! per paragraph of every text, one per measure and one per state, in each language, so that
//! a result leads to the paragraph. French and English are indexed separately, each with its
//! own stemming. Records carry filters by kind and, for measures, by dimension.

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::model::{visit, Section};
use crate::urls;
use std::collections::BTreeMap;

/// One searchable record.
struct Record {
    url: String,
    lang: String,
    title: String,
    content: String,
    filters: BTreeMap<String, Vec<String>>,
}

impl Renderer<'_> {
    fn records(&self) -> Vec<Record> {
        let d = self.default().to_string();
        let mut out = Vec::new();
        for lang in self.config.codes() {
            let s = self.strings(lang);
            let filter =
                |kind: &str| BTreeMap::from([("kind".to_string(), vec![s.get(kind).to_string()])]);
            for doc in self.site.documents.values() {
                let v = doc.version(lang, &d);
                let page = self.rel(&urls::page(lang, Section::Documents, &doc.slug));
                let labels = self.block_labels(Section::Documents, &doc.slug, lang);
                let title = v.text.short_title.clone();
                let mut add = |id: &str, text: String| {
                    if text.trim().is_empty() {
                        return;
                    }
                    let label = labels
                        .as_ref()
                        .and_then(|l| l.get(id).cloned())
                        .unwrap_or_else(|| id.to_string());
                    out.push(Record {
                        url: format!("{page}#{id}"),
                        lang: v.lang.clone(),
                        title: format!("{title}, {label}"),
                        content: text,
                        filters: filter("search_kind_document"),
                    });
                };
                visit(&v.body.nodes, &mut |b| add(&b.anchor().id, b.text()));
                for f in &v.body.footnotes {
                    visit(&f.body, &mut |b| add(&b.anchor().id, b.text()));
                }
            }
            for cbm in self.site.cbms.values() {
                let v = cbm.version(lang, &d);
                let source = &cbm.facts.source;
                let text = self
                    .site
                    .documents
                    .get(&source.slug)
                    .and_then(|doc| {
                        doc.version(lang, &d)
                            .body
                            .find(source.fragment.as_deref()?)
                            .map(|b| b.text())
                    })
                    .unwrap_or_default();
                let mut filters = filter("search_kind_cbm");
                filters.insert(
                    "dimension".to_string(),
                    vec![self.area_name(lang, cbm.facts.area)],
                );
                out.push(Record {
                    url: self.rel(&urls::page(lang, Section::Cbms, &cbm.slug)),
                    lang: v.lang.clone(),
                    title: format!(
                        "{}{} {}",
                        self.cbm_label(lang, cbm),
                        s.get("colon"),
                        v.text.title
                    ),
                    content: format!("{} {text}", v.text.title),
                    filters,
                });
            }
            for state in self.site.states.values() {
                let v = state.version(lang, &d);
                out.push(Record {
                    url: self.rel(&urls::page(lang, Section::States, &state.slug)),
                    lang: v.lang.clone(),
                    title: v.text.name.clone(),
                    content: format!(
                        "{} {} {}",
                        v.text.name,
                        v.text.official_name,
                        v.text.aliases.join(" ")
                    ),
                    filters: filter("search_kind_state"),
                });
            }
        }
        out
    }

    /// The Pagefind bundle (`pagefind/…`): index, fragments, and its JavaScript and wasm.
    pub fn search_files(&self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let records = self.records();
        let fail = |e: anyhow::Error| {
            Diagnostic::error(format!("the search index could not be built: {e}")).help(
                "this is a bug in charter; please report it with the content that triggers it",
            )
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Diagnostic::error(format!("cannot start the search indexer: {e}")))?;
        runtime.block_on(async {
            let mut index = pagefind::api::PagefindIndex::new(None).map_err(fail)?;
            for r in records {
                let meta = BTreeMap::from([("title".to_string(), r.title)]);
                index
                    .add_custom_record(r.url, r.content, r.lang, Some(meta), Some(r.filters), None)
                    .await
                    .map_err(fail)?;
            }
            let files = index.get_files().await.map_err(fail)?;
            let mut out: Vec<(String, Vec<u8>)> = files
                .into_iter()
                .map(|f| {
                    (
                        format!(
                            "pagefind/{}",
                            f.filename
                                .to_string_lossy()
                                .replace('\\', "/")
                                .trim_start_matches("pagefind/")
                        ),
                        f.contents,
                    )
                })
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(out)
        })
    }
}

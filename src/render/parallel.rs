//! The parallel view: a document in every language side by side, one row per id, so that a
//! long paragraph in one language never drifts from its twin. The page's language comes first;
//! the other columns are marked with their own `lang` and kept out of the search index.

use super::body::{esc, substitute_xrefs};
use super::views::{LinkView, ParallelView};
use super::Renderer;
use crate::model::{visit, Block, Document, Node, Section};
use crate::urls;
use std::collections::HashMap;
use std::fmt::Write;

/// A footnote call's id, as the body's HTML writes it.
static FOOTNOTE_CALL: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" id=\"ref-fn-"));

impl Renderer<'_> {
    pub fn parallel_view(&self, lang: &str, doc: &Document) -> ParallelView {
        let d = self.default().to_string();
        let mut langs: Vec<&str> = vec![lang];
        langs.extend(self.config.codes().filter(|l| *l != lang));
        let original = &doc.versions[d.as_str()];
        let mut ids = Vec::new();
        visit(&original.body.nodes, &mut |b| {
            ids.push((b.anchor().id.clone(), heading_level(b)))
        });
        for f in &original.body.footnotes {
            ids.push((f.anchor.id.clone(), None));
            visit(&f.body, &mut |b| ids.push((b.anchor().id.clone(), None)));
        }
        // Each version's blocks by id, gathered once rather than searched for every row.
        let blocks: Vec<HashMap<&str, Block>> = langs
            .iter()
            .map(|l| {
                let mut by_id = HashMap::new();
                visit(&doc.version(l, &d).body.nodes, &mut |b| {
                    by_id.entry(b.anchor().id.as_str()).or_insert(b);
                });
                by_id
            })
            .collect();
        // The rows are rendered here, like a document's body in `body.rs`: the template frames
        // the text, and a 30-paragraph text is not 60 template loops per page.
        let anchor_label = esc(self.strings(lang).get("anchor_link"));
        let mut rows = String::with_capacity(ids.len() * 1200);
        for (id, level) in ids {
            let heading = if level.is_some() { " heading" } else { "" };
            let _ = write!(rows, "<div class=\"prow{heading}\" id=\"{id}\">");
            for (i, (l, blocks)) in langs.iter().zip(&blocks).enumerate() {
                let v = doc.version(l, &d);
                let _ = write!(rows, "<div class=\"pcell\" lang=\"{}\">", v.lang);
                if i == 0 {
                    let _ = write!(
                        rows,
                        "<a class=\"self\" href=\"#{id}\" aria-label=\"{anchor_label}\">¶</a> "
                    );
                }
                match blocks.get(id.as_str()) {
                    Some(b) => {
                        if let (Some(n), Block::Node(Node::Numbered { .. })) =
                            (&b.anchor().number, b)
                        {
                            let _ = write!(rows, "<span class=\"num\">{}.</span> ", esc(n));
                        }
                        let inner = if v.body.xrefs.is_empty() {
                            b.html()
                        } else {
                            substitute_xrefs(&b.html(), &self.xref_urls(l, &v.body.xrefs))
                        };
                        // Footnote calls keep their links but not their ids, which the columns
                        // would otherwise repeat.
                        if FOOTNOTE_CALL.find(inner.as_bytes()).is_some() {
                            rows.push_str(&inner.replace(" id=\"ref-fn-", " data-ref=\"fn-"));
                        } else {
                            rows.push_str(&inner);
                        }
                    }
                    None => {
                        if let Some(f) = v.body.footnotes.iter().find(|f| f.anchor.id == id) {
                            let _ = write!(rows, "<span class=\"num\">[{}]</span>", esc(&f.label));
                        }
                    }
                }
                rows.push_str("</div>");
            }
            rows.push_str("</div>");
        }
        let columns = langs
            .iter()
            .map(|l| LinkView {
                label: self.strings(l).get("language_name").to_string(),
                url: self.rel(&urls::page(l, Section::Documents, &doc.slug)),
            })
            .collect();
        ParallelView {
            title: doc.version(lang, &d).text.title.clone(),
            document_url: self.rel(&urls::page(lang, Section::Documents, &doc.slug)),
            columns,
            rows,
        }
    }
}

fn heading_level(b: Block) -> Option<u8> {
    match b {
        Block::Node(Node::Heading { level, .. }) => Some(*level),
        _ => None,
    }
}

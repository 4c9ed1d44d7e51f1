//! The parallel view: a document in every language side by side, one row per id, so that a
//! long paragraph in one language never drifts from its twin. The page's language comes first;
//! the other columns are marked with their own `lang` and kept out of the search index.

use super::escape::esc;
use super::inline::{write_block, Calls, Fills};
use super::views::{LinkView, ParallelView};
use super::Renderer;
use crate::model::{visit, Block, Body, Document, Node, Section};
use crate::urls;
use std::collections::HashMap;
use std::fmt::Write;

impl Renderer<'_> {
    pub fn parallel_view(&self, lang: &str, doc: &Document) -> ParallelView {
        let mut langs: Vec<&str> = vec![lang];
        langs.extend(self.config.codes().filter(|l| *l != lang));
        let columns = langs
            .iter()
            .map(|l| LinkView {
                label: self.strings(l).get("language_name").to_string(),
                url: self.rel(&urls::page(l, Section::Documents, &doc.slug)),
            })
            .collect();
        ParallelView {
            title: doc.version(lang, self.default()).text.title.clone(),
            document_url: self.rel(&urls::page(lang, Section::Documents, &doc.slug)),
            cite_url: self.abs(&urls::page(lang, Section::Documents, &doc.slug)),
            columns,
            rows: self.parallel_rows(doc, &langs),
            outline: self.outline_view(lang, doc),
        }
    }

    /// One row per id of the original, one cell per language, the page's (`langs[0]`) first.
    /// The rows are rendered here, like a document's body in `body.rs`: the template frames the
    /// text, and a 30-paragraph text is not 60 template loops per page.
    fn parallel_rows(&self, doc: &Document, langs: &[&str]) -> String {
        let d = self.default();
        let ids = row_ids(&doc.versions[d].body);
        // Each version's blocks by id, gathered once rather than searched for every row.
        let blocks: Vec<HashMap<&str, Block>> = langs
            .iter()
            .map(|l| blocks_by_id(&doc.version(l, d).body))
            .collect();
        let anchor_label = esc(self.strings(langs[0]).get("anchor_link"));
        // Each row is cited as the text's page cites the block, in the page's language.
        let labels = self.block_labels(Section::Documents, &doc.slug, langs[0]);
        let cited_as = self.citation_title(langs[0], Section::Documents, &doc.slug);
        // On a phone the cells stack: each says its language.
        let names: Vec<String> = langs
            .iter()
            .map(|l| esc(self.strings(l).get("language_name")))
            .collect();
        let mut rows = String::with_capacity(ids.len() * 1200);
        for (id, level) in ids {
            let heading = if level.is_some() { " heading" } else { "" };
            let cite = labels
                .as_ref()
                .and_then(|l| l.get(&id))
                .map(|label| format!(" data-cite=\"{}\"", esc(&format!("{cited_as}, {label}"))))
                .unwrap_or_default();
            let _ = write!(rows, "<div class=\"prow{heading}\" id=\"{id}\"{cite}>");
            for (i, (l, blocks)) in langs.iter().zip(&blocks).enumerate() {
                let v = doc.version(l, d);
                let _ = write!(
                    rows,
                    "<div class=\"pcell\" lang=\"{}\" data-label=\"{}\">",
                    v.lang, names[i]
                );
                if i == 0 {
                    let _ = write!(
                        rows,
                        "<a class=\"self\" href=\"#{id}\" aria-label=\"{anchor_label}\">¶</a> "
                    );
                }
                self.parallel_cell(&mut rows, l, &v.body, blocks.get(id.as_str()), &id);
                rows.push_str("</div>");
            }
            rows.push_str("</div>");
        }
        rows
    }

    /// One version's block in a row: its number and content, or a note's label where the id is
    /// a note's own.
    fn parallel_cell(
        &self,
        rows: &mut String,
        lang: &str,
        body: &Body,
        block: Option<&Block>,
        id: &str,
    ) {
        let Some(b) = block else {
            if let Some(f) = body.footnotes.iter().find(|f| f.anchor.id == id) {
                let _ = write!(rows, "<span class=\"num\">[{}]</span>", esc(&f.label));
            }
            return;
        };
        if let (Some(n), Block::Node(Node::Numbered { .. })) = (&b.anchor().number, b) {
            let _ = write!(rows, "<span class=\"num\">{}.</span> ", esc(n));
        }
        // Footnote calls keep their links but not their ids, which the columns would otherwise
        // repeat.
        let fills = Fills {
            xref_url: &self.xref_urls(lang, &body.xrefs),
            calls: Calls::DataRef,
        };
        write_block(rows, b, &fills);
    }
}

/// The ids of a body's blocks in order (its notes' last), with the level of each heading.
fn row_ids(body: &Body) -> Vec<(String, Option<u8>)> {
    let mut ids = Vec::new();
    visit(&body.nodes, &mut |b| {
        ids.push((b.anchor().id.clone(), heading_level(b)))
    });
    for f in &body.footnotes {
        ids.push((f.anchor.id.clone(), None));
        visit(&f.body, &mut |b| ids.push((b.anchor().id.clone(), None)));
    }
    ids
}

/// A body's blocks by id, outside its notes.
fn blocks_by_id(body: &Body) -> HashMap<&str, Block<'_>> {
    let mut by_id = HashMap::new();
    visit(&body.nodes, &mut |b| {
        by_id.entry(b.anchor().id.as_str()).or_insert(b);
    });
    by_id
}

fn heading_level(b: Block) -> Option<u8> {
    match b {
        Block::Node(Node::Heading { level, .. }) => Some(*level),
        _ => None,
    }
}

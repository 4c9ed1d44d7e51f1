//! A body rendered for its page: the words of its links in the page's language, its
//! cross-references resolved, a marker and a citation label on each block other pages cite,
//! and, for the foot of the page, the blocks cited in the order of the text.

use super::labels::BlockLabels;
use super::views::{Backlinks, CitedBlock, LinkView};
use super::{body, Renderer};
use crate::model::{Body, Entry, Section};
use std::collections::{BTreeMap, HashMap};

impl Renderer<'_> {
    /// A body rendered for a page: ids, self-links, resolved cross-references, and a marker
    /// beside each block that other pages cite.
    pub fn body_html<F, T>(
        &self,
        lang: &str,
        section: Section,
        entry: &Entry<F, T>,
    ) -> (String, Backlinks) {
        let version = entry.version(lang, self.default());
        let xref_url = self.xref_urls(lang, &version.body.xrefs);
        let cited = self.cited_blocks(lang, section, &entry.slug);
        let topics = match section {
            Section::Documents => self.topic_links(lang, &entry.slug),
            _ => BTreeMap::new(),
        };
        let marker = self.block_marker(lang, &cited, &topics);
        let block_labels = self.block_labels(section, &entry.slug, lang);
        let page_label = self.citation_title(lang, section, &entry.slug);
        let cite = |id: &str| {
            let block = block_labels.as_ref()?.get(id)?;
            Some(format!("{page_label}, {block}"))
        };
        let names = match section {
            Section::Documents => self.cited_text_names(lang, &entry.slug),
            _ => BTreeMap::new(),
        };
        let names = |id: &str| names.get(id).cloned();
        let html = body::render(
            &version.body,
            &self.body_labels(lang),
            &xref_url,
            &body::Decor {
                marker: &marker,
                cite: &cite,
                names: &names,
            },
        );
        let backlinks = Backlinks {
            groups: self.cited_in(lang, section, &entry.slug),
            blocks: cited_in_order(&version.body, &cited, block_labels.as_deref()),
        };
        (html, backlinks)
    }

    /// The names of cited texts in each block of a document, each with its page: a reader
    /// follows a name to what the texts say of it.
    fn cited_text_names(
        &self,
        lang: &str,
        document: &str,
    ) -> BTreeMap<String, Vec<body::NameLink>> {
        let mut out: BTreeMap<String, Vec<body::NameLink>> = BTreeMap::new();
        for reference in self.site.references.keys() {
            let url = self.rel(&crate::urls::page(lang, Section::References, reference));
            for m in self.graph.mentions_of(lang, Section::References, reference) {
                if m.document != document {
                    continue;
                }
                out.entry(m.block.clone())
                    .or_default()
                    .push(body::NameLink {
                        name: m.name.clone(),
                        url: url.clone(),
                    });
            }
        }
        out
    }

    /// The words a body's links need, in `lang`.
    fn body_labels(&self, lang: &str) -> body::Labels<'_> {
        let s = self.strings(lang);
        body::Labels {
            anchor: s.get("anchor_link"),
            paragraph: s.get("paragraph_link"),
            row: s.get("row_link"),
            table: s.get("table"),
            colon: s.get("colon"),
            notes: s.get("notes"),
            back: s.get("footnote_back"),
        }
    }

    /// What follows a block's words: the topics it treats, each a link to its topic, and, when
    /// other pages cite it, how many places do, linked to their list.
    fn block_marker<'m>(
        &'m self,
        lang: &str,
        cited: &'m BTreeMap<String, Vec<LinkView>>,
        topics: &'m BTreeMap<String, Vec<LinkView>>,
    ) -> impl Fn(&str) -> Option<String> + 'm {
        use super::escape::esc;
        let s = self.strings(lang);
        let (marker_label, topics_label) = (s.get("cited_marker"), s.get("topics_of_paragraph"));
        move |id: &str| {
            let mut out = String::new();
            if let Some(list) = topics.get(id) {
                out.push_str(" <span class=\"topic-links\"><span class=\"offscreen\">");
                out.push_str(&esc(topics_label));
                out.push_str("</span>");
                for (i, t) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str("<span class=\"offscreen\">, </span>");
                    }
                    out.push_str(&format!(
                        "<a class=\"topic\" href=\"{}\">{}</a>",
                        esc(&t.url),
                        esc(&t.label)
                    ));
                }
                out.push_str("</span>");
            }
            if let Some(by) = cited.get(id) {
                let n = by.len();
                out.push_str(&format!(
                    "<a class=\"cited\" href=\"#cited-{id}\" aria-label=\"{}\">{n}</a>",
                    esc(&marker_label.replace("{n}", &n.to_string()))
                ));
            }
            (!out.is_empty()).then_some(out)
        }
    }
}

/// The cited blocks of a body in the order of its text, each with its label (its id when it
/// has none) and the places that cite it.
fn cited_in_order(
    body: &Body,
    cited: &BTreeMap<String, Vec<LinkView>>,
    block_labels: Option<&BlockLabels>,
) -> Vec<CitedBlock> {
    let order: HashMap<&str, usize> = body
        .anchors()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut cited_ids: Vec<&String> = cited.keys().collect();
    cited_ids.sort_by_key(|id| order.get(id.as_str()).copied().unwrap_or(usize::MAX));
    cited_ids
        .into_iter()
        .map(|id| (id, &cited[id]))
        .map(|(id, by)| CitedBlock {
            id: id.clone(),
            label: block_labels
                .and_then(|l| l.get(id))
                .cloned()
                .unwrap_or_else(|| id.clone()),
            by: by.clone(),
        })
        .collect()
}

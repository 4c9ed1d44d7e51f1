//! One block of a text quoted on another page (a topic's, a cited text's): its words as the
//! text has them, its sub-paragraphs and lists included, but none of the text page's ids and
//! self-links, which belong to the text. Links within the text (a note call) lead to the text.

use super::escape::esc;
use super::inline::{write_inline, Calls, Fills};
use super::views::{LinkView, QuoteGroup, QuoteView};
use super::Renderer;
use crate::model::{Block, Inline, Item, Node, Section};
use crate::urls;
use std::collections::BTreeMap;
use std::fmt::Write;

impl Renderer<'_> {
    /// The paragraphs at `places` (document slug, block id), quoted, grouped by text, texts
    /// oldest first and paragraphs in the order of their text. A place that does not exist is
    /// left out: the resolve stage has reported it.
    pub fn quote_groups<'p>(
        &self,
        lang: &str,
        places: impl IntoIterator<Item = (&'p str, &'p str)>,
    ) -> Vec<QuoteGroup> {
        let d = self.default();
        let mut by_doc: BTreeMap<(String, &str), Vec<&str>> = BTreeMap::new();
        for (slug, id) in places {
            let Some(doc) = self.site.documents.get(slug) else {
                continue;
            };
            let list = by_doc.entry((doc.facts.date.iso(), slug)).or_default();
            if !list.contains(&id) {
                list.push(id);
            }
        }
        let mut groups = Vec::new();
        for ((_, slug), ids) in by_doc {
            let doc = &self.site.documents[slug];
            let version = doc.version(lang, d);
            let body = &version.body;
            let order: std::collections::HashMap<&str, usize> = body
                .anchors()
                .into_iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i))
                .collect();
            let mut ids: Vec<&str> = ids
                .into_iter()
                .filter(|id| order.contains_key(id))
                .collect();
            ids.sort_by_key(|id| order[id]);
            let labels = self.block_labels(Section::Documents, slug, lang);
            let page = self.rel(&urls::page(lang, Section::Documents, slug));
            let title = self.page_label(lang, Section::Documents, slug);
            let cited_as = self.citation_title(lang, Section::Documents, slug);
            let xref_url = self.xref_urls(lang, &body.xrefs);
            let quotes = ids
                .into_iter()
                .filter_map(|id| {
                    let block = body.find(id).or_else(|| footnote_block(body, id))?;
                    let label = labels
                        .as_ref()
                        .and_then(|l| l.get(id).cloned())
                        .unwrap_or_else(|| id.to_string());
                    Some(QuoteView {
                        cite: format!("{cited_as}, {label}"),
                        label,
                        url: format!("{page}#{id}"),
                        cite_url: format!(
                            "{}#{id}",
                            self.abs(&urls::page(lang, Section::Documents, slug))
                        ),
                        html: quote(block, &xref_url, &page),
                        text_lang: (version.lang != lang).then(|| version.lang.clone()),
                    })
                })
                .collect();
            groups.push(QuoteGroup {
                document: LinkView {
                    label: title,
                    url: page,
                },
                date: self.date(lang, &doc.facts.date),
                quotes,
            });
        }
        groups
    }
}

/// A block inside a footnote, which [`crate::model::Body::find`] does not search.
fn footnote_block<'b>(body: &'b crate::model::Body, id: &str) -> Option<Block<'b>> {
    let mut found = None;
    for f in &body.footnotes {
        crate::model::visit(&f.body, &mut |b| {
            if found.is_none() && b.anchor().id == id {
                found = Some(b);
            }
        });
    }
    found
}

/// The HTML of `block`; `page` is the URL of its text's page, which fragment links are
/// pointed at.
pub fn quote(block: Block, xref_url: &dyn Fn(usize) -> String, page: &str) -> String {
    let fills = Fills {
        xref_url,
        calls: Calls::DataRef,
    };
    let mut out = String::new();
    match block {
        Block::Node(node) => node_html(&mut out, node, &fills),
        Block::Item(item) => item_html(&mut out, item, &fills),
        Block::Row(row) => {
            out.push_str("<p>");
            cells(&mut out, &row.cells, &fills);
            out.push_str("</p>");
        }
    }
    // A note call or any link within the text points at the text's page.
    out.replace("href=\"#", &format!("href=\"{}#", esc(page)))
}

fn cells(out: &mut String, cells: &[Inline], fills: &Fills) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push_str(" — ");
        }
        write_inline(out, c, fills);
    }
}

fn nodes(out: &mut String, list: &[Node], fills: &Fills) {
    for node in list {
        node_html(out, node, fills);
    }
}

fn node_html(out: &mut String, node: &Node, fills: &Fills) {
    match node {
        Node::Heading { content, .. } | Node::Paragraph { content, .. } => {
            out.push_str("<p>");
            write_inline(out, content, fills);
            out.push_str("</p>");
        }
        Node::Numbered {
            anchor,
            content,
            rest,
        } => {
            out.push_str("<p>");
            if let Some(n) = &anchor.number {
                let _ = write!(out, "<span class=\"num\">{}.</span> ", esc(n));
            }
            write_inline(out, content, fills);
            out.push_str("</p>");
            nodes(out, rest, fills);
        }
        Node::List { ordered, items } => {
            match ordered {
                Some(1) => out.push_str("<ol>"),
                Some(n) => {
                    let _ = write!(out, "<ol start=\"{n}\">");
                }
                None => out.push_str("<ul>"),
            }
            for item in items {
                out.push_str("<li>");
                item_html(out, item, fills);
                out.push_str("</li>");
            }
            out.push_str(if ordered.is_some() { "</ol>" } else { "</ul>" });
        }
        Node::Table { rows, .. } => {
            for row in rows {
                out.push_str("<p>");
                cells(out, &row.cells, fills);
                out.push_str("</p>");
            }
        }
        Node::Quote { body, .. } => {
            out.push_str("<blockquote>");
            nodes(out, body, fills);
            out.push_str("</blockquote>");
        }
        Node::Code { text, .. } => {
            let _ = write!(out, "<pre><code>{}</code></pre>", esc(text));
        }
        Node::Rule => {}
    }
}

fn item_html(out: &mut String, item: &Item, fills: &Fills) {
    if item.rest.is_empty() {
        write_inline(out, &item.content, fills);
        return;
    }
    out.push_str("<p>");
    write_inline(out, &item.content, fills);
    out.push_str("</p>");
    nodes(out, &item.rest, fills);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Numbering;
    use crate::parse::{anchors, markdown};
    use crate::source::Source;

    #[test]
    fn a_quoted_paragraph_keeps_its_number_and_sub_paragraphs_but_no_ids() {
        let md =
            "16. We condemn[^1]:\n\n    - a) one;\n    - b) two.\n\n17. Next.\n\n[^1]: A note.\n";
        let src = Source::new("t.en.md", md.to_string());
        let (mut body, d) = markdown::parse(&src, 0..md.len());
        assert!(d.is_empty(), "{d:?}");
        anchors::assign(&mut body, Numbering::Continuous);
        let block = body.find("para-16").unwrap();
        let h = quote(block, &|_| String::new(), "/en/documents/x/");
        assert!(
            h.starts_with("<p><span class=\"num\">16.</span> We condemn"),
            "{h}"
        );
        assert!(h.contains("<li>a) one;</li><li>b) two.</li>"), "{h}");
        assert!(!h.contains(" id="), "{h}");
        assert!(h.contains("href=\"/en/documents/x/#fn-1\""), "{h}");
        assert!(!h.contains("Next"), "{h}");
    }
}

//! Akoma Ntoso 3.0 (OASIS LegalDocML): each text in each language it is written in, at
//! `{lang}/documents/{slug}/akn.xml`, with every citable block of the page as one element whose
//! `eId` is the block's id under [`eid`] (reversed by `eid::anchor_id`). docs/akn.md describes the
//! document types, the FRBR identifiers and the mapping.
//!
//! The body is the parsed tree of the text: its top-level parts go in the main body, except
//! annexes and enclosures, which are attachments; a part pinned `preamble` is the preamble of
//! its document, what comes before it the preface. Inline content is the HTML the parser wrote,
//! read back with `quick-xml` and written as AKN inline elements; footnotes are
//! `authorialNote`s at their first call, cross-references `ref`s to the target's AKN
//! identifier.

use super::inline::{Calls, Fills};
use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Node, Section};
use crate::output::Sink;
use crate::urls;
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use rayon::prelude::*;

mod eid;
mod frbr;
mod inline;
mod writer;

pub use eid::eid;
pub use frbr::{doc_type, expression_uri, has_file, path};
use writer::Akn;

/// The AKN namespace.
const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// A part of a body, as the headings that open parts nest it.
enum Part<'a> {
    Block(&'a Node),
    Section {
        heading: &'a Node,
        items: Vec<Part<'a>>,
    },
}

impl Part<'_> {
    fn id(&self) -> Option<&str> {
        match self {
            Part::Section { heading, .. } => heading.anchor().map(|a| a.id.as_str()),
            Part::Block(_) => None,
        }
    }
}

/// The body's nodes nested under the headings that open parts: a part runs to the next
/// heading that opens a part at its level or above.
fn nest(nodes: &[Node]) -> Vec<Part<'_>> {
    // Open sections: (level, heading, items so far).
    let mut stack: Vec<(u8, &Node, Vec<Part>)> = Vec::new();
    let mut top: Vec<Part> = Vec::new();
    fn close<'a>(stack: &mut Vec<(u8, &'a Node, Vec<Part<'a>>)>, top: &mut Vec<Part<'a>>) {
        if let Some((_, heading, items)) = stack.pop() {
            let part = Part::Section { heading, items };
            match stack.last_mut() {
                Some((_, _, items)) => items.push(part),
                None => top.push(part),
            }
        }
    }
    for node in nodes {
        match node {
            Node::Heading {
                level, part: true, ..
            } => {
                while stack.last().is_some_and(|(l, ..)| l >= level) {
                    close(&mut stack, &mut top);
                }
                stack.push((*level, node, Vec::new()));
            }
            _ => match stack.last_mut() {
                Some((_, _, items)) => items.push(Part::Block(node)),
                None => top.push(Part::Block(node)),
            },
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

/// A top-level part published as an attachment: an annex or an enclosure.
fn is_attachment(part: &Part) -> bool {
    part.id()
        .is_some_and(|id| id.starts_with("annex") || id.starts_with("enclosure"))
}

/// The first word of an id, as the `name` of the element it is on (`annex-1` → `annex`).
fn name_of(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

impl Renderer<'_> {
    /// Every text's AKN file in every language it is written in, each handed to `sink`.
    pub fn akn_each(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let files: Vec<(&Document, &str)> = self
            .site
            .documents
            .values()
            .flat_map(|doc| {
                self.config
                    .codes()
                    .filter(|l| has_file(doc, l))
                    .map(move |l| (doc, l))
            })
            .collect();
        files.par_iter().for_each(|(doc, lang)| {
            sink.put(path(lang, &doc.slug), self.akn(doc, lang));
        });
        Ok(())
    }

    /// One text in one language as Akoma Ntoso.
    pub fn akn(&self, doc: &Document, lang: &str) -> Vec<u8> {
        let version = &doc.versions[lang];
        let body = &version.body;
        let xref = |n: usize| {
            let x = &body.xrefs[n];
            match (x.section, self.site.documents.get(&x.slug)) {
                (Section::Documents, Some(target)) => {
                    let l = if has_file(target, lang) {
                        lang
                    } else {
                        self.default()
                    };
                    let mut uri = expression_uri(target, l);
                    if let Some(f) = &x.fragment {
                        uri.push_str("/~");
                        uri.push_str(&eid(f));
                    }
                    uri
                }
                _ => {
                    let mut url = self.abs(&urls::page(lang, x.section, &x.slug));
                    if let Some(f) = &x.fragment {
                        url.push('#');
                        url.push_str(f);
                    }
                    url
                }
            }
        };
        let mut w = Akn {
            w: Writer::new(Vec::with_capacity(64 * 1024)),
            fills: Fills {
                xref_url: &xref,
                calls: Calls::DataRef,
            },
            notes: body
                .footnotes
                .iter()
                .map(|f| (f.anchor.id.as_str(), f))
                .collect(),
        };
        w.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        w.open("akomaNtoso", &[("xmlns", NS)]);
        let root = doc_type(doc.facts.kind);
        w.open(root, &[("name", doc.facts.kind.name())]);
        self.meta(&mut w, doc, lang, None);
        let parts = nest(&body.nodes);
        let (main, attachments): (Vec<&Part>, Vec<&Part>) =
            parts.iter().partition(|p| !is_attachment(p));
        w.document(&main, |w| {
            w.leaf("docTitle", &version.text.title);
            if let Some(symbol) = &doc.facts.symbol {
                w.leaf("docNumber", symbol);
            }
            let date = doc.facts.date.iso();
            w.open("p", &[]);
            w.open("docDate", &[("date", &date)]);
            w.text(&date);
            w.close("docDate");
            w.close("p");
        });
        if !attachments.is_empty() {
            w.open("attachments", &[]);
            for part in attachments {
                let Part::Section { heading, items } = part else {
                    continue;
                };
                let id = &heading.anchor().expect("headings have anchors").id;
                let e = eid(id);
                w.open("attachment", &[("eId", &e)]);
                if let Node::Heading { content, .. } = heading {
                    w.inline_in("heading", content);
                }
                w.open("doc", &[("name", name_of(id))]);
                self.meta(&mut w, doc, lang, Some(&e));
                let items: Vec<&Part> = items.iter().collect();
                w.document(&items, |_| {});
                w.close("doc");
                w.close("attachment");
            }
            w.close("attachments");
        }
        w.close(root);
        w.close("akomaNtoso");
        w.w.into_inner()
    }
}

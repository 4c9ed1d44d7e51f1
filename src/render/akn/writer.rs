//! The AKN XML of a text, block by block: the writer and what it makes of each kind of
//! block and of the inline HTML the parser wrote.

use super::eid::eid;
use super::{name_of, Part};
use crate::model::{Anchor, Footnote, Inline, Item, Node, Row};
use crate::render::inline::Fills;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::collections::HashMap;

/// An AKN file being written: the XML writer, and what inline content needs.
pub(super) struct Akn<'a> {
    pub(super) w: Writer<Vec<u8>>,
    pub(super) fills: Fills<'a>,
    /// The text's footnotes by id, written at their first call.
    pub(super) notes: HashMap<&'a str, &'a Footnote>,
}

/// Where blocks go: the hierarchy of a main body, or the plain blocks of a preface, a
/// preamble or a note.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Hier,
    Blocks,
}

impl<'a> Akn<'a> {
    pub(super) fn event(&mut self, e: Event) {
        self.w
            .write_event(e)
            .expect("writing XML to memory cannot fail");
    }

    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let e = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Start(e));
    }

    pub(super) fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let e = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Empty(e));
    }

    pub(super) fn text(&mut self, t: &str) {
        self.event(Event::Text(BytesText::new(t)));
    }

    /// `<p><name>text</name></p>` in a preface.
    pub(super) fn leaf(&mut self, name: &str, text: &str) {
        self.open("p", &[]);
        self.open(name, &[]);
        self.text(text);
        self.close(name);
        self.close("p");
    }

    /// A document's preface, preamble and main body: a part pinned `preamble` is the preamble,
    /// what comes before it the preface (after what `preface` writes), the rest the main body.
    pub(super) fn document(&mut self, parts: &[&Part], preface: impl FnOnce(&mut Self)) {
        let at = parts.iter().position(|p| p.id() == Some("preamble"));
        let (before, preamble, main) = match at {
            Some(i) => (&parts[..i], Some(parts[i]), &parts[i + 1..]),
            None => (&parts[..0], None, parts),
        };
        let mut written = Writer::new(Vec::new());
        std::mem::swap(&mut written, &mut self.w);
        preface(self);
        std::mem::swap(&mut written, &mut self.w);
        let own_preface = !written.get_ref().is_empty();
        if own_preface || !before.is_empty() {
            self.open("preface", &[]);
            self.w.get_mut().extend_from_slice(&written.into_inner());
            for p in before {
                self.part(p, Mode::Blocks);
            }
            self.close("preface");
        }
        if let Some(Part::Section { heading, items }) = preamble {
            let a = heading.anchor().expect("headings have anchors");
            self.open("preamble", &[("eId", &eid(&a.id))]);
            if let Node::Heading { content, .. } = heading {
                self.inline_in_with("p", &[("class", "heading")], content);
            }
            for p in items {
                self.part(p, Mode::Blocks);
            }
            self.close("preamble");
        }
        self.open("mainBody", &[]);
        if main.is_empty() {
            self.empty("hcontainer", &[("name", "empty")]);
        }
        for p in main {
            self.part(p, Mode::Hier);
        }
        self.close("mainBody");
    }

    fn part(&mut self, part: &Part, mode: Mode) {
        match part {
            Part::Block(node) => self.node(node, mode, false),
            Part::Section { heading, items } => {
                let Node::Heading {
                    anchor, content, ..
                } = heading
                else {
                    return;
                };
                let e = eid(&anchor.id);
                match mode {
                    Mode::Hier => {
                        let part = e.starts_with("part_");
                        let name = if part { "part" } else { "hcontainer" };
                        if part {
                            self.open(name, &[("eId", &e)]);
                        } else {
                            self.open(name, &[("eId", &e), ("name", name_of(&anchor.id))]);
                        }
                        self.inline_in("heading", content);
                        for p in items {
                            self.part(p, Mode::Hier);
                        }
                        self.close(name);
                    }
                    Mode::Blocks => {
                        self.open("blockContainer", &[("eId", &e), ("class", "part")]);
                        self.inline_in_with("p", &[("class", "heading")], content);
                        for p in items {
                            self.part(p, Mode::Blocks);
                        }
                        self.close("blockContainer");
                    }
                }
            }
        }
    }

    /// One block. `sub`: inside a numbered paragraph, whose further paragraphs are
    /// subparagraphs.
    pub(super) fn node(&mut self, node: &Node, mode: Mode, sub: bool) {
        match node {
            Node::Heading {
                anchor, content, ..
            } => {
                let e = eid(&anchor.id);
                match mode {
                    Mode::Hier => {
                        self.open("hcontainer", &[("eId", &e), ("name", "crossHeading")]);
                        self.inline_in("heading", content);
                        self.close("hcontainer");
                    }
                    Mode::Blocks => {
                        self.inline_in_with("p", &[("eId", &e), ("class", "heading")], content)
                    }
                }
            }
            Node::Paragraph { anchor, content } => self.leaf_block(
                anchor,
                content,
                mode,
                if sub { "subparagraph" } else { "alinea" },
            ),
            Node::Numbered {
                anchor,
                content,
                rest,
            } => self.numbered(anchor, content, rest, mode),
            Node::List { items, .. } => self.list(items, mode),
            Node::Table {
                anchor, head, rows, ..
            } => self.table(anchor, head, rows, mode),
            Node::Quote { anchor, body } => {
                let e = eid(&anchor.id);
                match mode {
                    Mode::Hier => self.open("hcontainer", &[("eId", &e), ("name", "quote")]),
                    Mode::Blocks => self.open("blockContainer", &[("eId", &e), ("class", "quote")]),
                }
                for n in body {
                    self.node(n, mode, false);
                }
                self.close(match mode {
                    Mode::Hier => "hcontainer",
                    Mode::Blocks => "blockContainer",
                });
            }
            Node::Code { anchor, text } => {
                let e = eid(&anchor.id);
                if mode == Mode::Hier {
                    self.open("alinea", &[("eId", &e)]);
                    self.open("content", &[]);
                    self.open("p", &[]);
                } else {
                    self.open("p", &[("eId", &e)]);
                }
                self.text(text);
                self.close("p");
                if mode == Mode::Hier {
                    self.close("content");
                    self.close("alinea");
                }
            }
            Node::Rule => {}
        }
    }

    /// A paragraph: `<alinea eId><content><p>…` in a body, `<p eId>` elsewhere.
    fn leaf_block(&mut self, anchor: &Anchor, content: &Inline, mode: Mode, element: &str) {
        let e = eid(&anchor.id);
        match mode {
            Mode::Hier => {
                self.open(element, &[("eId", &e)]);
                self.open("content", &[]);
                self.inline_in("p", content);
                self.close("content");
                self.close(element);
            }
            Mode::Blocks => self.inline_in_with("p", &[("eId", &e)], content),
        }
    }

    fn numbered(&mut self, anchor: &Anchor, content: &Inline, rest: &[Node], mode: Mode) {
        let e = eid(&anchor.id);
        let element = match mode {
            Mode::Hier => "paragraph",
            Mode::Blocks => "blockContainer",
        };
        self.open(element, &[("eId", &e)]);
        if let Some(n) = &anchor.number {
            self.open("num", &[]);
            self.text(&format!("{n}."));
            self.close("num");
        }
        match mode {
            Mode::Hier if rest.is_empty() => {
                self.open("content", &[]);
                self.inline_in("p", content);
                self.close("content");
            }
            Mode::Hier => {
                self.open("intro", &[]);
                self.inline_in("p", content);
                self.close("intro");
                for n in rest {
                    self.node(n, mode, true);
                }
            }
            Mode::Blocks => {
                self.inline_in("p", content);
                for n in rest {
                    self.node(n, mode, true);
                }
            }
        }
        self.close(element);
    }

    fn list(&mut self, items: &[Item], mode: Mode) {
        if mode == Mode::Blocks {
            self.open("blockList", &[]);
        }
        for item in items {
            let e = eid(&item.anchor.id);
            let element = match mode {
                Mode::Hier => "point",
                Mode::Blocks => "item",
            };
            self.open(element, &[("eId", &e)]);
            match mode {
                Mode::Hier if item.rest.is_empty() => {
                    self.open("content", &[]);
                    self.inline_in("p", &item.content);
                    self.close("content");
                }
                Mode::Hier => {
                    self.open("intro", &[]);
                    self.inline_in("p", &item.content);
                    self.close("intro");
                    for n in &item.rest {
                        self.node(n, mode, true);
                    }
                }
                Mode::Blocks => {
                    self.inline_in("p", &item.content);
                    for n in &item.rest {
                        self.node(n, mode, true);
                    }
                }
            }
            self.close(element);
        }
        if mode == Mode::Blocks {
            self.close("blockList");
        }
    }

    fn table(&mut self, anchor: &Anchor, head: &[Inline], rows: &[Row], mode: Mode) {
        if mode == Mode::Hier {
            self.open("hcontainer", &[("name", "table")]);
            self.open("content", &[]);
        }
        self.open("table", &[("eId", &eid(&anchor.id))]);
        if !head.is_empty() {
            self.open("tr", &[]);
            for cell in head {
                self.open("th", &[]);
                self.inline_in("p", cell);
                self.close("th");
            }
            self.close("tr");
        }
        for row in rows {
            self.open("tr", &[("eId", &eid(&row.anchor.id))]);
            for cell in &row.cells {
                self.open("td", &[]);
                self.inline_in("p", cell);
                self.close("td");
            }
            self.close("tr");
        }
        self.close("table");
        if mode == Mode::Hier {
            self.close("content");
            self.close("hcontainer");
        }
    }
}

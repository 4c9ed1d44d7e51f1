//! Akoma Ntoso 3.0 (OASIS LegalDocML): each text in each language it is written in, at
//! `{lang}/documents/{slug}/akn.xml`, with every citable block of the page as one element whose
//! `eId` is the block's id under [`eid`] (reversed by [`anchor_id`]). docs/akn.md describes the
//! document types, the FRBR identifiers and the mapping.
//!
//! The body is the parsed tree of the text: its top-level parts go in the main body, except
//! annexes and enclosures, which are attachments; a part pinned `preamble` is the preamble of
//! its document, what comes before it the preface. Inline content is the HTML the parser wrote,
//! read back with `quick-xml` and written as AKN inline elements; footnotes are
//! `authorialNote`s at their first call, cross-references `ref`s to the target's AKN
//! identifier.

use super::inline::{write_inline, Calls, Fills};
use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::model::{Anchor, Document, DocumentKind, Footnote, Inline, Item, Node, Row, Section};
use crate::output::Sink;
use crate::urls;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use rayon::prelude::*;
use std::collections::HashMap;

/// The AKN namespace.
const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// Where a text's AKN file is written in `lang`: `fr/documents/x/akn.xml`.
pub fn path(lang: &str, slug: &str) -> String {
    format!("{}akn.xml", urls::page(lang, Section::Documents, slug))
}

/// Whether a text has an AKN file in `lang`: only a language it is written in (a text shown
/// in the default language for want of a translation has none there).
pub fn has_file(doc: &Document, lang: &str) -> bool {
    doc.versions.contains_key(lang)
}

/// The AKN document type of a kind of text, and its `name`.
pub fn doc_type(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Act | DocumentKind::Declaration => "statement",
        DocumentKind::Letter | DocumentKind::Request => "doc",
    }
}

/// The FRBR Work URI of a text: `/akn/un/statement/cica/2002-06-04/almaty-act-2002`.
pub fn work_uri(doc: &Document) -> String {
    format!(
        "/akn/un/{}/cica/{}/{}",
        doc_type(doc.facts.kind),
        doc.facts.date.iso(),
        doc.slug
    )
}

/// ISO 639-2 code of a site language (`fr` → `fra`), as AKN URIs write languages.
pub fn lang3(lang: &str) -> &str {
    match lang {
        "fr" => "fra",
        "en" => "eng",
        "ru" => "rus",
        "zh" => "zho",
        "ar" => "ara",
        "es" => "spa",
        other => other,
    }
}

/// The FRBR Expression URI of a text in `lang`: the work URI, then `/fra@`.
pub fn expression_uri(doc: &Document, lang: &str) -> String {
    format!("{}/{}@", work_uri(doc), lang3(lang))
}

/// A site id as an AKN `eId`: `para-27` → `para_27`, `ii-para-1` → `part_II__para_1`.
///
/// The id's hyphen-separated tokens are grouped into components, joined by `__`: a component
/// is a run of words (tokens of two or more characters starting with a letter, kept joined by
/// `-`) followed by its numbers (tokens starting with a digit, or of one letter), each after a
/// `_`. A first token that is a lower-case Roman numeral is a part: `part_` and the numeral in
/// capitals, followed by its numbers.
pub fn eid(id: &str) -> String {
    let mut components: Vec<String> = Vec::new();
    let mut tokens = id.split('-').peekable();
    if let Some(first) = tokens.peek().copied() {
        if is_roman(first) {
            tokens.next();
            let mut c = format!("part_{}", first.to_ascii_uppercase());
            while let Some(t) = tokens.next_if(|t| is_number(t)) {
                c.push('_');
                c.push_str(t);
            }
            components.push(c);
        }
    }
    while tokens.peek().is_some() {
        let mut c = String::new();
        // The first token of a component is its head word, whatever it is; more words follow.
        if let Some(t) = tokens.next() {
            c.push_str(t);
        }
        while let Some(t) = tokens.next_if(|t| !is_number(t)) {
            c.push('-');
            c.push_str(t);
        }
        while let Some(t) = tokens.next_if(|t| is_number(t)) {
            c.push('_');
            c.push_str(t);
        }
        components.push(c);
    }
    components.join("__")
}

/// The site id of an AKN `eId` written by [`eid`] (the tests' check; docs/akn.md gives the rule): `part_II__para_1` → `ii-para-1`.
#[cfg(test)]
pub fn anchor_id(eid: &str) -> Option<String> {
    let mut tokens: Vec<String> = Vec::new();
    for (n, component) in eid.split("__").enumerate() {
        let mut parts = component.split('_');
        let head = parts.next().filter(|h| !h.is_empty())?;
        let mut numbers: Vec<&str> = parts.collect();
        if n == 0 && head == "part" && numbers.first().is_some_and(|r| is_upper_roman(r)) {
            tokens.push(numbers.remove(0).to_ascii_lowercase());
        } else {
            tokens.push(head.to_string());
        }
        tokens.extend(numbers.iter().map(|s| s.to_string()));
    }
    Some(tokens.join("-"))
}

/// A number of an id: it starts with a digit, or is one letter (`a` in `modalities-a`).
fn is_number(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit()) || t.len() == 1
}

/// A lower-case Roman numeral in its usual form (`iv`, not `iiii`).
fn is_roman(t: &str) -> bool {
    !t.is_empty()
        && t.bytes().all(|b| b"ivxlcdm".contains(&b))
        && roman_value(t).is_some_and(|v| to_roman(v) == t)
}

#[cfg(test)]
fn is_upper_roman(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_uppercase()) && is_roman(&t.to_ascii_lowercase())
}

fn roman_value(t: &str) -> Option<u32> {
    let v = |c: u8| match c {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        b'l' => 50,
        b'c' => 100,
        b'd' => 500,
        _ => 1000,
    };
    let b = t.as_bytes();
    let mut total = 0i64;
    for i in 0..b.len() {
        let here = v(b[i]);
        if b.get(i + 1).is_some_and(|&n| v(n) > here) {
            total -= here;
        } else {
            total += here;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0 && n < 4000)
}

fn to_roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

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

    /// The site's title in `lang`: who publishes the files and translates the texts.
    fn publisher(&self, lang: &str) -> String {
        self.config
            .language(lang)
            .map(|l| l.title.clone())
            .unwrap_or_else(|| "charter".to_string())
    }

    /// The `meta` of a text, or of one of its attachments (`component`, its eId).
    fn meta(&self, w: &mut Akn, doc: &Document, lang: &str, component: Option<&str>) {
        let d = self.default();
        let work = work_uri(doc);
        let expr = expression_uri(doc, lang);
        let this = |base: &str| match component {
            Some(c) => format!("{base}/!{c}"),
            None => format!("{base}/!main"),
        };
        let date = doc.facts.date.iso();
        let date_name = match doc.facts.kind {
            DocumentKind::Act => "signature",
            DocumentKind::Declaration => "adoption",
            DocumentKind::Letter | DocumentKind::Request => "date",
        };
        w.open("meta", &[]);
        w.open("identification", &[("source", "#charterSite")]);

        w.open("FRBRWork", &[]);
        w.empty("FRBRthis", &[("value", &this(&work))]);
        w.empty("FRBRuri", &[("value", &work)]);
        if let Some(symbol) = &doc.facts.symbol {
            w.empty("FRBRalias", &[("value", symbol), ("name", "UN symbol")]);
        }
        if let Some(first) = &doc.facts.first_issued {
            w.empty(
                "FRBRalias",
                &[("value", &first.symbol), ("name", "first issued as")],
            );
        }
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", "#CICA")]);
        w.empty("FRBRcountry", &[("value", "un")]);
        w.empty("FRBRnumber", &[("value", &doc.slug)]);
        w.empty(
            "FRBRname",
            &[("value", &doc.version(d, d).text.short_title)],
        );
        w.close("FRBRWork");

        w.open("FRBRExpression", &[]);
        w.empty("FRBRthis", &[("value", &this(&expr))]);
        w.empty("FRBRuri", &[("value", &expr)]);
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        let original = lang == d;
        w.empty(
            "FRBRauthor",
            &[("href", if original { "#CICA" } else { "#charterSite" })],
        );
        w.empty(
            "FRBRauthoritative",
            &[("value", if original { "true" } else { "false" })],
        );
        let master = expression_uri(doc, d);
        if !original {
            w.empty(
                "FRBRmasterExpression",
                &[("href", &master), ("showAs", &doc.version(d, d).text.title)],
            );
        }
        w.empty("FRBRlanguage", &[("language", lang3(lang))]);
        if !original {
            w.empty(
                "FRBRtranslation",
                &[
                    ("href", &master),
                    ("fromLanguage", lang3(d)),
                    ("authoritative", "false"),
                    ("by", "#charterSite"),
                ],
            );
        }
        w.close("FRBRExpression");

        w.open("FRBRManifestation", &[]);
        w.empty("FRBRthis", &[("value", &format!("{}.xml", this(&expr)))]);
        w.empty("FRBRuri", &[("value", &format!("{expr}.akn"))]);
        w.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
        w.empty("FRBRauthor", &[("href", "#charterSite")]);
        w.empty("FRBRformat", &[("value", "application/akn+xml")]);
        w.close("FRBRManifestation");
        w.close("identification");
        if component.is_some() {
            // The references are the text's, in its own `meta`.
            w.close("meta");
            return;
        }

        w.open("references", &[("source", "#charterSite")]);
        w.empty(
            "TLCOrganization",
            &[
                ("eId", "CICA"),
                ("href", "/ontology/organization/un/cica"),
                (
                    "showAs",
                    "Conference on Interaction and Confidence-Building Measures in Asia",
                ),
            ],
        );
        w.empty(
            "TLCOrganization",
            &[
                ("eId", "charterSite"),
                ("href", "/ontology/organization/charter"),
                ("showAs", &self.publisher(lang)),
            ],
        );
        w.close("references");
        w.close("meta");
    }
}

/// An AKN file being written: the XML writer, and what inline content needs.
struct Akn<'a> {
    w: Writer<Vec<u8>>,
    fills: Fills<'a>,
    /// The text's footnotes by id, written at their first call.
    notes: HashMap<&'a str, &'a Footnote>,
}

/// Where blocks go: the hierarchy of a main body, or the plain blocks of a preface, a
/// preamble or a note.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Hier,
    Blocks,
}

impl<'a> Akn<'a> {
    fn event(&mut self, e: Event) {
        self.w
            .write_event(e)
            .expect("writing XML to memory cannot fail");
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let e = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Start(e));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let e = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Empty(e));
    }

    fn text(&mut self, t: &str) {
        self.event(Event::Text(BytesText::new(t)));
    }

    /// `<p><name>text</name></p>` in a preface.
    fn leaf(&mut self, name: &str, text: &str) {
        self.open("p", &[]);
        self.open(name, &[]);
        self.text(text);
        self.close(name);
        self.close("p");
    }

    /// A document's preface, preamble and main body: a part pinned `preamble` is the preamble,
    /// what comes before it the preface (after what `preface` writes), the rest the main body.
    fn document(&mut self, parts: &[&Part], preface: impl FnOnce(&mut Self)) {
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
    fn node(&mut self, node: &Node, mode: Mode, sub: bool) {
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

    fn inline_in(&mut self, element: &str, content: &Inline) {
        self.inline_in_with(element, &[], content);
    }

    /// `content` as the AKN inline content of `element`.
    fn inline_in_with(&mut self, element: &str, attrs: &[(&str, &str)], content: &Inline) {
        self.open(element, attrs);
        let mut html = String::with_capacity(content.html().len() + 64);
        write_inline(&mut html, content, &self.fills);
        self.inline_html(&html);
        self.close(element);
    }

    /// The inline HTML the parser writes (CommonMark's elements, cross-references and
    /// footnote calls), as AKN inline elements.
    fn inline_html(&mut self, html: &str) {
        let mut reader = Reader::from_str(html);
        reader.config_mut().check_end_names = false;
        // The AKN element each open HTML element became (None: left out).
        let mut open: Vec<Option<&'static str>> = Vec::new();
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) if e.name().as_ref() == b"sup" && class_is(&e, "fnref") => {
                    self.note_call(&mut reader);
                }
                Event::Start(e) => {
                    let (name, attrs) = akn_inline(&e);
                    if let Some(n) = name {
                        let attrs: Vec<(&str, &str)> =
                            attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        self.open(n, &attrs);
                    }
                    open.push(name);
                }
                Event::End(_) => {
                    if let Some(Some(n)) = open.pop() {
                        self.close(n);
                    }
                }
                Event::Empty(e) => {
                    let (name, attrs) = akn_inline(&e);
                    if let Some(n) = name {
                        let attrs: Vec<(&str, &str)> =
                            attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        self.empty(n, &attrs);
                    }
                }
                Event::Text(t) => self.event(Event::Text(t)),
                Event::GeneralRef(r) => self.event(Event::GeneralRef(r)),
                _ => {}
            }
        }
        while let Some(n) = open.pop() {
            if let Some(n) = n {
                self.close(n);
            }
        }
    }

    /// A footnote call (`<sup class="fnref"><a href="#fn-1" data-ref="fn-1">1</a></sup>`,
    /// read up to its end): the note itself at its first call, a `noteRef` at the others.
    fn note_call(&mut self, reader: &mut Reader<&[u8]>) {
        let (mut target, mut first, mut marker) = (String::new(), false, String::new());
        let mut depth = 1;
        while depth > 0 {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    depth += 1;
                    if let Some(href) = attr(&e, "href") {
                        target = href.trim_start_matches('#').to_string();
                    }
                    first |= attr(&e, "data-ref").is_some();
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Text(t)) => {
                    marker.push_str(&t.decode().unwrap_or_default());
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        let e = eid(&target);
        match self.notes.get(target.as_str()).copied() {
            Some(note) if first => {
                self.open(
                    "authorialNote",
                    &[("eId", &e), ("marker", &marker), ("placement", "bottom")],
                );
                for n in &note.body {
                    self.node(n, Mode::Blocks, false);
                }
                self.close("authorialNote");
            }
            _ => self.empty(
                "noteRef",
                &[("href", &format!("#{e}")), ("marker", &marker)],
            ),
        }
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn class_is(e: &BytesStart, class: &str) -> bool {
    attr(e, "class").is_some_and(|c| c.split(' ').any(|c| c == class))
}

/// The AKN inline element an HTML inline element becomes, with its attributes.
fn akn_inline(e: &BytesStart) -> (Option<&'static str>, Vec<(&'static str, String)>) {
    match e.name().as_ref() {
        b"em" | b"i" => (Some("i"), vec![]),
        b"strong" | b"b" => (Some("b"), vec![]),
        b"sup" => (Some("sup"), vec![]),
        b"sub" => (Some("sub"), vec![]),
        b"u" => (Some("u"), vec![]),
        b"br" => (Some("eol"), vec![]),
        b"a" => {
            let href = attr(e, "href").unwrap_or_default();
            let name = if class_is(e, "xref") { "ref" } else { "a" };
            (Some(name), vec![("href", href)])
        }
        b"img" => {
            let mut attrs = vec![("src", attr(e, "src").unwrap_or_default())];
            if let Some(alt) = attr(e, "alt") {
                attrs.push(("alt", alt));
            }
            (Some("img"), attrs)
        }
        b"code" => (Some("inline"), vec![("name", "code".to_string())]),
        b"del" | b"s" => (Some("inline"), vec![("name", "strikethrough".to_string())]),
        _ => (Some("inline"), vec![("name", "span".to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_eids_map_both_ways() {
        for (id, e) in [
            ("para-27", "para_27"),
            ("ii-para-1", "part_II__para_1"),
            ("iv", "part_IV"),
            ("iv-4-1", "part_IV_4_1"),
            ("preamble", "preamble"),
            ("preamble-3", "preamble_3"),
            ("annex-1-para-2", "annex_1__para_2"),
            ("enclosure-annex-2-row-1", "enclosure-annex_2__row_1"),
            ("human-dimension-para-1", "human-dimension-para_1"),
            ("modalities-a", "modalities_a"),
            ("fn-1-1", "fn_1_1"),
            ("para-8-2", "para_8_2"),
            ("part-4", "part_4"),
            ("part-iv", "part-iv"),
            ("i-a", "part_I_a"),
            ("a", "a"),
            ("x2-3", "x2_3"),
        ] {
            assert_eq!(eid(id), e, "{id}");
            assert_eq!(anchor_id(e).as_deref(), Some(id), "{e}");
        }
    }

    #[test]
    fn romans_in_their_usual_form_only() {
        for r in ["i", "iv", "ix", "xl", "mcmxcix", "vi"] {
            assert!(is_roman(r), "{r}");
        }
        for r in ["iiii", "vx", "ic", "", "a", "civil"] {
            assert!(!is_roman(r), "{r}");
        }
    }
}

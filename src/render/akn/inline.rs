//! The inline content of a block: the HTML the parser wrote, read back and written as AKN
//! inline elements, with footnotes as `authorialNote`s at their first call.

use super::eid::eid;
use super::writer::{Akn, Mode};
use crate::model::Inline;
use crate::render::inline::write_inline;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

impl Akn<'_> {
    pub(super) fn inline_in(&mut self, element: &str, content: &Inline) {
        self.inline_in_with(element, &[], content);
    }

    /// `content` as the AKN inline content of `element`.
    pub(super) fn inline_in_with(
        &mut self,
        element: &str,
        attrs: &[(&str, &str)],
        content: &Inline,
    ) {
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

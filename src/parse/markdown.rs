//! Markdown body → a tree of citable blocks ([`Body`]). Ids are left empty here and computed by
//! [`super::anchors`]; this module records what the ids derive from (official numbers, pinned
//! ids) and the byte span of every block.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Align, Anchor, Body, Footnote, Inline, Item, Node, Row, XRef};
use crate::source::Source;
use pulldown_cmark::{CowStr, Event, Options, Parser as MdParser, Tag, TagEnd};
use std::ops::Range;

pub use super::numbers::{footnote_id, heading_number, is_valid_id, lettered, parse_xref};
use super::numbers::{item_number, split_pin};

/// The scheme that marks a cross-reference in inline HTML until it is resolved.
pub const XREF_SCHEME: &str = "charter-xref:";

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses the body of `source` (the bytes in `range`). Problems are returned alongside a body
/// that is as complete as possible, so that later checks can still run.
pub fn parse(source: &Source, range: Range<usize>) -> (Body, Vec<Diagnostic>) {
    let base = range.start;
    let text = &source.text[range];
    let events = MdParser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let mut p = Parser {
        source,
        base,
        events,
        pos: 0,
        diags: Vec::new(),
        xrefs: Vec::new(),
        footnotes: Vec::new(),
        footnote_refs: Vec::new(),
    };
    let nodes = p.blocks(true);
    p.check_footnotes();
    let mut footnotes = std::mem::take(&mut p.footnotes);
    // Footnotes are shown in the order they are first referred to.
    footnotes.sort_by_key(|f| {
        p.footnote_refs
            .iter()
            .position(|(l, _)| *l == f.label)
            .unwrap_or(usize::MAX)
    });
    let body = Body {
        nodes,
        footnotes,
        xrefs: p.xrefs,
    };
    (body, p.diags)
}

struct Parser<'s> {
    source: &'s Source,
    base: usize,
    events: Vec<(Event<'s>, Range<usize>)>,
    pos: usize,
    diags: Vec<Diagnostic>,
    xrefs: Vec<XRef>,
    footnotes: Vec<Footnote>,
    /// Footnote labels in order of first reference, with the span of that reference.
    footnote_refs: Vec<(String, Range<usize>)>,
}

fn is_block_start(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::MetadataBlock(_)
        ) | Event::Rule
    )
}

fn anchor(span: Range<usize>) -> Anchor {
    Anchor {
        id: String::new(),
        span,
        number: None,
        pinned: false,
    }
}

impl<'s> Parser<'s> {
    fn span(&self, r: &Range<usize>) -> Range<usize> {
        self.base + r.start..self.base + r.end
    }

    fn error(&mut self, offset: usize, msg: impl Into<String>, help: impl Into<String>) {
        let d = Diagnostic::error(msg)
            .at(Location::at(self.source, offset))
            .help(help);
        self.diags.push(d);
    }

    fn peek(&self) -> Option<&Event<'s>> {
        self.events.get(self.pos).map(|(e, _)| e)
    }

    /// Consumes events up to and including the end of the element whose start was just
    /// consumed, returning the events inside it.
    fn until_end(&mut self) -> Vec<(Event<'s>, Range<usize>)> {
        let mut depth = 0usize;
        let mut out = Vec::new();
        while self.pos < self.events.len() {
            let (e, r) = self.events[self.pos].clone();
            self.pos += 1;
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return out,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            out.push((e, r));
        }
        out
    }

    /// Inline events up to the next block-level event or end tag (tight list items).
    fn inline_run(&mut self) -> Vec<(Event<'s>, Range<usize>)> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some((e, r)) = self.events.get(self.pos).cloned() {
            if depth == 0 && (is_block_start(&e) || matches!(e, Event::End(_))) {
                break;
            }
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            self.pos += 1;
            out.push((e, r));
        }
        out
    }

    fn blocks(&mut self, top: bool) -> Vec<Node> {
        let mut nodes = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            let span = self.span(&range);
            match event {
                Event::End(_) => break,
                Event::Start(Tag::Paragraph) => {
                    self.pos += 1;
                    let events = self.until_end();
                    let (content, pinned) = self.inline(events, true);
                    let mut a = anchor(span);
                    a.number = lettered(content.text());
                    set_pinned(&mut a, pinned);
                    nodes.push(Node::Paragraph { anchor: a, content });
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    self.pos += 1;
                    if !classes.is_empty() || !attrs.is_empty() {
                        self.error(
                            span.start,
                            "headings accept only an id attribute",
                            "write {#my-id} and nothing else between the braces",
                        );
                    }
                    let events = self.until_end();
                    let (content, _) = self.inline(events, false);
                    let mut a = anchor(span.clone());
                    if let Some(id) = id {
                        self.check_pinned(&id, span.start);
                        set_pinned(&mut a, Some(id.to_string()));
                    } else {
                        a.number = heading_number(content.text());
                    }
                    let part = a.pinned || a.number.is_some();
                    nodes.push(Node::Heading {
                        anchor: a,
                        level: level as u8,
                        part,
                        content,
                    });
                }
                Event::Start(Tag::List(start)) => {
                    self.pos += 1;
                    let items = self.items();
                    if top && start.is_some() {
                        // At the top of a text, a numbered item is a paragraph the text numbers.
                        for item in items {
                            let mut a = item.anchor;
                            if !a.pinned {
                                a.number = Some(item_number(&self.source.text[a.span.clone()]));
                            }
                            nodes.push(Node::Numbered {
                                anchor: a,
                                content: item.content,
                                rest: item.rest,
                            });
                        }
                    } else {
                        nodes.push(Node::List {
                            ordered: start,
                            items,
                        });
                    }
                }
                Event::Start(Tag::Table(alignments)) => {
                    self.pos += 1;
                    nodes.push(self.table(span, &alignments));
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    self.pos += 1;
                    let body = self.blocks(false);
                    self.pos += 1;
                    nodes.push(Node::Quote {
                        anchor: anchor(span),
                        body,
                    });
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.pos += 1;
                    let text = self
                        .until_end()
                        .into_iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) => Some(t.to_string()),
                            _ => None,
                        })
                        .collect();
                    nodes.push(Node::Code {
                        anchor: anchor(span),
                        text,
                    });
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.pos += 1;
                    let body = self.blocks(false);
                    self.pos += 1;
                    let label = label.to_string();
                    if self.footnotes.iter().any(|f| f.label == label) {
                        self.error(
                            span.start,
                            format!("footnote [^{label}] is defined twice"),
                            "give each footnote its own label",
                        );
                    }
                    self.footnotes.push(Footnote {
                        anchor: anchor(span),
                        label,
                        body,
                    });
                }
                Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
                    self.raw_html(span.start);
                    self.pos += 1;
                    if matches!(event, Event::Start(_)) {
                        self.until_end();
                    }
                }
                Event::Rule => {
                    self.pos += 1;
                    nodes.push(Node::Rule);
                }
                Event::Start(Tag::Item) => {
                    // Only reachable through malformed nesting; treat it as a list.
                    let items = self.items();
                    nodes.push(Node::List {
                        ordered: None,
                        items,
                    });
                }
                Event::Start(_) if is_block_start(&event) => {
                    self.pos += 1;
                    self.until_end();
                    self.error(
                        span.start,
                        "this kind of Markdown block is not supported",
                        "use paragraphs, headings, lists, tables, quotes or footnotes",
                    );
                }
                _ => {
                    // Inline content directly at block level (inside a tight list item).
                    let events = self.inline_run();
                    let (content, pinned) = self.inline(events, true);
                    let mut a = anchor(span);
                    a.number = lettered(content.text());
                    set_pinned(&mut a, pinned);
                    nodes.push(Node::Paragraph { anchor: a, content });
                }
            }
        }
        nodes
    }

    /// The items of a list whose start tag was just consumed, through its end tag.
    fn items(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    let span = self.span(&range);
                    let events = match self.peek() {
                        Some(Event::Start(Tag::Paragraph)) => {
                            self.pos += 1;
                            self.until_end()
                        }
                        Some(e) if !is_block_start(e) && !matches!(e, Event::End(_)) => {
                            self.inline_run()
                        }
                        _ => Vec::new(),
                    };
                    let (content, pinned) = self.inline(events, true);
                    let rest = self.blocks(false);
                    self.pos += 1; // End(Item)
                    let mut a = anchor(span);
                    set_pinned(&mut a, pinned);
                    items.push(Item {
                        anchor: a,
                        content,
                        rest,
                    });
                }
                Event::End(_) => break,
                _ => {}
            }
        }
        items
    }

    fn table(&mut self, span: Range<usize>, alignments: &[pulldown_cmark::Alignment]) -> Node {
        let mut head = Vec::new();
        let mut rows = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::TableHead) => head = self.cells(),
                Event::Start(Tag::TableRow) => {
                    let cells = self.cells();
                    rows.push(Row {
                        anchor: anchor(self.span(&range)),
                        cells,
                    });
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        let alignments = alignments
            .iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::None => Align::None,
                pulldown_cmark::Alignment::Left => Align::Left,
                pulldown_cmark::Alignment::Center => Align::Center,
                pulldown_cmark::Alignment::Right => Align::Right,
            })
            .collect();
        Node::Table {
            anchor: anchor(span),
            alignments,
            head,
            rows,
        }
    }

    /// The cells of a row (or of the head) whose start tag was just consumed.
    fn cells(&mut self) -> Vec<Inline> {
        let mut cells = Vec::new();
        while let Some((event, _)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::TableCell) => {
                    let events = self.until_end();
                    cells.push(self.inline(events, false).0);
                }
                Event::End(_) => break,
                _ => {}
            }
        }
        cells
    }

    fn raw_html(&mut self, offset: usize) {
        self.error(
            offset,
            "raw HTML is not allowed in content",
            "write it in Markdown (*italics*, **bold**, [links](…), tables); characters such as < can be escaped as \\<",
        );
    }

    fn check_pinned(&mut self, id: &str, offset: usize) -> bool {
        let ok = is_valid_id(id);
        if !ok {
            self.error(
                offset,
                format!("`{id}` is not a valid id"),
                "ids are lower-case ASCII letters, digits and hyphens, starting with a letter, e.g. {#annex-1}",
            );
        }
        ok
    }

    /// Renders inline events to HTML and plain text; resolves nothing yet but records
    /// cross-references. With `pins`, a trailing `{#id}` is taken as a pinned id.
    fn inline(
        &mut self,
        mut events: Vec<(Event<'s>, Range<usize>)>,
        pins: bool,
    ) -> (Inline, Option<String>) {
        let mut pinned = None;
        if pins {
            if let Some((Event::Text(t), r)) = events.last_mut() {
                if let Some((rest, id)) = split_pin(t) {
                    let offset = self.base + r.start + rest.len();
                    if self.check_pinned(&id, offset) {
                        pinned = Some(id);
                    }
                    *t = CowStr::from(rest);
                }
            }
        }
        let mut text = String::new();
        let mut out: Vec<Event> = Vec::with_capacity(events.len());
        for (event, range) in events {
            let span = self.span(&range);
            match event {
                Event::Text(ref t) | Event::Code(ref t) => {
                    text.push_str(t);
                    out.push(event);
                }
                // A line break in the source is a space on the page, written as one.
                Event::SoftBreak => {
                    text.push(' ');
                    out.push(Event::Text(CowStr::Borrowed(" ")));
                }
                Event::HardBreak => {
                    text.push(' ');
                    out.push(event);
                }
                Event::Html(_) | Event::InlineHtml(_) => self.raw_html(span.start),
                Event::FootnoteReference(label) => {
                    let first = !self.footnote_refs.iter().any(|(l, _)| *l == *label);
                    if first {
                        self.footnote_refs.push((label.to_string(), span));
                    }
                    let n = self
                        .footnote_refs
                        .iter()
                        .position(|(l, _)| *l == *label)
                        .unwrap_or(0)
                        + 1;
                    let id = footnote_id(&label);
                    let back = if first {
                        format!(" id=\"ref-{id}\"")
                    } else {
                        String::new()
                    };
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"fnref\"><a href=\"#{id}\"{back}>{n}</a></sup>"
                    ))));
                }
                Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    out.push(Event::Start(self.checked_link(tag, span.start)));
                }
                Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
                other => out.push(other),
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        let text = collapse_spaces(&text);
        (Inline::new(html, text), pinned)
    }

    /// A link or an image with its destination checked (see `link_destination`).
    fn checked_link(&mut self, tag: Tag<'s>, offset: usize) -> Tag<'s> {
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = CowStr::from(self.link_destination(&dest_url, offset));
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = CowStr::from(self.link_destination(&dest_url, offset));
                Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
            }
            other => other,
        }
    }

    /// Checks a link target; a cross-reference becomes a placeholder resolved at render time.
    fn link_destination(&mut self, dest: &str, offset: usize) -> String {
        if let Some(path) = dest.strip_prefix("@/") {
            return match parse_xref(path) {
                Ok((section, slug, fragment)) => {
                    let n = self.xrefs.len();
                    self.xrefs.push(XRef {
                        section,
                        slug,
                        fragment,
                        raw: dest.to_string(),
                        span: offset..offset + 1,
                    });
                    format!("{XREF_SCHEME}{n}")
                }
                Err(help) => {
                    self.error(
                        offset,
                        format!("`{dest}` is not a valid cross-reference"),
                        help,
                    );
                    "#".to_string()
                }
            };
        }
        let scheme: String = dest
            .trim()
            .chars()
            .take_while(|c| *c != ':' && *c != '/' && *c != '#')
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        let has_scheme = dest.trim().len() > scheme.len()
            && dest.trim()[..].chars().nth(scheme.chars().count()) == Some(':');
        if has_scheme && !matches!(scheme.as_str(), "http" | "https" | "mailto") {
            self.error(
                offset,
                format!("links with the `{scheme}:` scheme are not allowed"),
                "link to an http(s) address, a mailto: address, or another text with @/section/slug.md",
            );
            return "#".to_string();
        }
        dest.to_string()
    }

    fn check_footnotes(&mut self) {
        let refs = self.footnote_refs.clone();
        for (label, span) in refs {
            if !self.footnotes.iter().any(|f| f.label == label) {
                self.error(
                    span.start,
                    format!("footnote [^{label}] is never defined"),
                    format!("add a line `[^{label}]: …` with the note's text"),
                );
            }
        }
        let unused: Vec<_> = self
            .footnotes
            .iter()
            .filter(|f| !self.footnote_refs.iter().any(|(l, _)| *l == f.label))
            .map(|f| (f.label.clone(), f.anchor.span.start))
            .collect();
        for (label, offset) in unused {
            self.error(
                offset,
                format!("footnote [^{label}] is never referred to"),
                format!("refer to it with [^{label}] in the text, or delete it"),
            );
        }
    }
}

fn set_pinned(a: &mut Anchor, pinned: Option<String>) {
    if let Some(id) = pinned {
        a.id = id;
        a.pinned = true;
        a.number = None;
    }
}

/// The words of `text` (as `split_whitespace` finds them: any Unicode white space, the
/// no-break space included) joined by single spaces. Looks at ASCII bytes directly: every
/// paragraph's text goes through here, and decoding each character was a tenth of parsing.
fn collapse_spaces(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    let flush = |out: &mut String, from: usize, to: usize| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[from..to]);
    };
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b.is_ascii() {
            // char::is_whitespace's ASCII: tab, line feed, vertical tab, form feed, return, space.
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is at a character boundary");
            (c.is_whitespace(), c.len_utf8())
        };
        match (space, word) {
            (true, Some(from)) => {
                flush(&mut out, from, i);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(from) = word {
        flush(&mut out, from, bytes.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::collapse_spaces;
    use proptest::prelude::*;

    fn by_words(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn spaces_collapse_as_between_words() {
        for text in [
            "",
            "   ",
            "un",
            " un  deux\t\ntrois ",
            "«\u{a0}Asie\u{a0}»\u{202f}; fin\u{3000}",
            "vertical\u{b}tab\u{c}feed\u{85}next",
        ] {
            assert_eq!(collapse_spaces(text), by_words(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_collapses_as_split_whitespace_joins_it(
            text in "([ \\t\\n\\x0b\\x0c\\r\\u{85}\\u{a0}\\u{2009}\\u{202f}\\u{3000}]|\\PC){0,60}"
        ) {
            prop_assert_eq!(collapse_spaces(&text), by_words(&text));
        }
    }
}

//! The block structure of a body: paragraphs, headings, numbered paragraphs, lists, tables,
//! quotes, code and footnote definitions, each with an [`Anchor`] whose id is left empty for
//! [`super::anchors`]. The content inside blocks is [`super::inline`]'s.

use super::markdown::{is_block_start, Parser};
use super::notes::import_notes;
use super::numbers::{heading_number, item_number, lettered};
use crate::model::{Align, Anchor, Footnote, Inline, Item, Node, Row};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// How deep quotes, list items and notes may nest inside each other (documented in
/// docs/writing.md). Texts nest a few levels; the bound keeps the recursion of every stage
/// far from the end of a thread's stack, in debug builds too.
pub const MAX_NESTING: usize = 32;

fn anchor(span: Range<usize>) -> Anchor {
    Anchor {
        id: String::new(),
        span,
        number: None,
        pinned: false,
    }
}

impl<'s> Parser<'s> {
    /// The blocks from the current event up to the end tag of their parent (not consumed).
    /// `top`: the blocks are a text's own, not inside a list, a quote or a note.
    pub(super) fn blocks(&mut self, top: bool) -> Vec<Node> {
        let mut nodes = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            if matches!(event, Event::End(_)) {
                break;
            }
            let span = self.span(&range);
            self.block(event, span, top, &mut nodes);
        }
        nodes
    }

    /// The block that starts at the current event, consumed through its end and added to
    /// `nodes` (a numbered list at the top of a text adds one node per item).
    fn block(&mut self, event: Event<'s>, span: Range<usize>, top: bool, nodes: &mut Vec<Node>) {
        // A block's start is consumed here; an item is read by `items` and inline content by
        // `inline_run`, both from the current event.
        if !matches!(event, Event::Start(Tag::Item)) && is_block_start(&event) {
            self.pos += 1;
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                let events = self.until_end();
                nodes.push(self.paragraph(events, span));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let only_id = classes.is_empty() && attrs.is_empty();
                nodes.push(self.heading(span, level as u8, id, only_id));
            }
            Event::Start(Tag::List(start)) => self.list(start, top, nodes),
            Event::Start(Tag::Table(alignments)) => nodes.push(self.table(span, &alignments)),
            Event::Start(Tag::BlockQuote(_)) => {
                let body = self.nested();
                nodes.push(Node::Quote {
                    anchor: anchor(span),
                    body,
                });
            }
            Event::Start(Tag::CodeBlock(_)) => nodes.push(self.code(span)),
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnote(label.to_string(), span),
            Event::Start(Tag::HtmlBlock) => self.html_block(span.start),
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html(span.start);
                self.pos += 1;
            }
            Event::Rule => nodes.push(Node::Rule),
            // Only reachable through malformed nesting; treat it as a list.
            Event::Start(Tag::Item) => nodes.push(Node::List {
                ordered: None,
                items: self.items(),
            }),
            Event::Start(_) if is_block_start(&event) => self.unsupported(span),
            // Inline content directly at block level (inside a tight list item).
            _ => {
                let events = self.inline_run();
                nodes.push(self.paragraph(events, span));
            }
        }
    }

    /// An HTML block whose start tag was just consumed: `charter import`'s notes are
    /// warnings, any other HTML an error.
    fn html_block(&mut self, offset: usize) {
        let html: String = self
            .until_end()
            .into_iter()
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(h.to_string()),
                _ => None,
            })
            .collect();
        match import_notes(&html) {
            Some(notes) => self.import_notes(offset, &html, &notes),
            None => self.raw_html(offset),
        }
    }

    /// A block of a kind a text does not use (a definition list…), skipped.
    fn unsupported(&mut self, span: Range<usize>) {
        self.until_end();
        self.error(
            span.start,
            "this kind of Markdown block is not supported",
            "use paragraphs, headings, lists, tables, quotes or footnotes",
        );
    }

    fn paragraph(&mut self, events: Vec<(Event<'s>, Range<usize>)>, span: Range<usize>) -> Node {
        let (content, pinned) = self.inline(events, true);
        let mut a = anchor(span);
        a.number = lettered(content.text());
        set_pinned(&mut a, pinned);
        Node::Paragraph { anchor: a, content }
    }

    /// A heading whose start tag was just consumed; `only_id`: no attribute but `{#id}`.
    fn heading(
        &mut self,
        span: Range<usize>,
        level: u8,
        id: Option<CowStr<'s>>,
        only_id: bool,
    ) -> Node {
        if !only_id {
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
        Node::Heading {
            part: a.pinned || a.number.is_some(),
            anchor: a,
            level,
            content,
        }
    }

    /// A list whose start tag was just consumed. At the top of a text, a numbered item is a
    /// paragraph the text numbers.
    fn list(&mut self, start: Option<u64>, top: bool, nodes: &mut Vec<Node>) {
        let items = self.items();
        if !(top && start.is_some()) {
            nodes.push(Node::List {
                ordered: start,
                items,
            });
            return;
        }
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
    }

    /// The blocks inside a quote or a note whose start tag was just consumed, through its end.
    fn nested(&mut self) -> Vec<Node> {
        let body = self.inner_blocks();
        self.pos += 1;
        body
    }

    /// The blocks inside a quote, a list item or a note, one level deeper than their parent's,
    /// up to the end tag of the parent (not consumed). Blocks deeper than [`MAX_NESTING`]
    /// levels are reported and left out: every later stage walks the tree by recursion, and
    /// this bound is what keeps them all within the stack, whatever a file holds.
    fn inner_blocks(&mut self) -> Vec<Node> {
        if self.depth < MAX_NESTING {
            self.depth += 1;
            let body = self.blocks(false);
            self.depth -= 1;
            return body;
        }
        let offset = self.events.get(self.pos).map_or(0, |(_, r)| r.start);
        self.error(
            self.base + offset,
            format!("blocks are nested deeper than {MAX_NESTING} levels here"),
            "quotes, lists and notes inside each other may go this deep and no deeper: \
             flatten the structure (a legal text rarely nests beyond 6 levels)",
        );
        self.skip_to_parent_end();
        Vec::new()
    }

    /// A code block whose start tag was just consumed: its text, kept as written.
    fn code(&mut self, span: Range<usize>) -> Node {
        let text = self
            .until_end()
            .into_iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        Node::Code {
            anchor: anchor(span),
            text,
        }
    }

    /// A footnote's definition whose start tag was just consumed.
    fn footnote(&mut self, label: String, span: Range<usize>) {
        let body = self.nested();
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
                    let rest = self.inner_blocks();
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
}

fn set_pinned(a: &mut Anchor, pinned: Option<String>) {
    if let Some(id) = pinned {
        a.id = id;
        a.pinned = true;
        a.number = None;
    }
}

//! Markdown body → a tree of citable blocks ([`Body`]). Ids are left empty here and computed by
//! [`super::anchors`]; the parse records what the ids derive from (official numbers, pinned
//! ids) and the byte span of every block. This module reads the events and checks what spans
//! the whole body (footnotes); the blocks are `blocks`'s, the content inside them
//! `inline`'s.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Body, Footnote, XRef};
use crate::source::Source;
use pulldown_cmark::{Event, Options, Parser as MdParser, Tag};
use std::ops::Range;

pub use super::numbers::{
    footnote_id, heading_number, is_valid_id, lettered, parse_xref, NOTES_ID,
};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// How many problems one text reports: past that, a file is likely not a text at all (a
/// converter's output, a paste gone wrong), and reporting each would cost time and memory
/// for nothing an editor reads.
const MAX_REPORTED: usize = 50;

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
        depth: 0,
        diags: Vec::new(),
        unreported: 0,
        xrefs: Vec::new(),
        footnotes: Vec::new(),
        footnote_refs: Vec::new(),
    };
    let nodes = p.blocks(true);
    p.check_footnotes();
    if p.unreported > 0 {
        let more = Diagnostic::error(format!(
            "{} more problems in the text of this file are not shown",
            p.unreported
        ))
        .at(Location::file(&source.path))
        .help("fix the problems above and check again");
        p.diags.push(more);
    }
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

/// The events of one body and what has been gathered from them so far.
pub(super) struct Parser<'s> {
    pub(super) source: &'s Source,
    /// Offset of the body in its file: event ranges are relative to the body.
    pub(super) base: usize,
    pub(super) events: Vec<(Event<'s>, Range<usize>)>,
    /// The next event to read.
    pub(super) pos: usize,
    /// How many quotes, list items and notes hold the blocks being read.
    pub(super) depth: usize,
    diags: Vec<Diagnostic>,
    /// Problems found past [`MAX_REPORTED`].
    unreported: usize,
    pub(super) xrefs: Vec<XRef>,
    pub(super) footnotes: Vec<Footnote>,
    /// Footnote labels in order of first reference, with the span of that reference.
    pub(super) footnote_refs: Vec<(String, Range<usize>)>,
}

/// Whether an event starts a block rather than inline content.
pub(super) fn is_block_start(e: &Event) -> bool {
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

impl<'s> Parser<'s> {
    pub(super) fn span(&self, r: &Range<usize>) -> Range<usize> {
        self.base + r.start..self.base + r.end
    }

    pub(super) fn error(&mut self, offset: usize, msg: impl Into<String>, help: impl Into<String>) {
        if self.diags.len() == MAX_REPORTED {
            self.unreported += 1;
            return;
        }
        let d = Diagnostic::error(msg)
            .at(Location::at(self.source, offset))
            .help(help);
        self.diags.push(d);
    }

    pub(super) fn peek(&self) -> Option<&Event<'s>> {
        self.events.get(self.pos).map(|(e, _)| e)
    }

    /// Consumes events up to and including the end of the element whose start was just
    /// consumed, returning the events inside it.
    pub(super) fn until_end(&mut self) -> Vec<(Event<'s>, Range<usize>)> {
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

    /// Consumes the events up to the end tag of the element being read (not consumed).
    pub(super) fn skip_to_parent_end(&mut self) {
        let mut depth = 0usize;
        while let Some((e, _)) = self.events.get(self.pos) {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Inline events up to the next block-level event or end tag (tight list items).
    pub(super) fn inline_run(&mut self) -> Vec<(Event<'s>, Range<usize>)> {
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

    /// A warning at `offset`, counted like the errors against the problems one text reports.
    pub(super) fn warning(
        &mut self,
        offset: usize,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        if self.diags.len() == MAX_REPORTED {
            self.unreported += 1;
            return;
        }
        let d = Diagnostic::warning(msg)
            .at(Location::at(self.source, offset))
            .help(help);
        self.diags.push(d);
    }

    pub(super) fn raw_html(&mut self, offset: usize) {
        self.error(
            offset,
            "raw HTML is not allowed in content",
            "write it in Markdown (*italics*, **bold**, [links](…), tables); characters such as < can be escaped as \\<",
        );
    }

    pub(super) fn check_pinned(&mut self, id: &str, offset: usize) -> bool {
        if id == NOTES_ID {
            self.error(
                offset,
                format!("the id `{id}` is the one of the notes heading"),
                "pin another id on this block, e.g. {#notes-1}",
            );
            return false;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::MAX_NESTING;

    fn parsed(md: &str) -> (Body, Vec<Diagnostic>) {
        let src = Source::new("content/documents/x.fr.md", md.to_string());
        parse(&src, 0..md.len())
    }

    fn depth(nodes: &[crate::model::Node]) -> usize {
        use crate::model::Node;
        nodes
            .iter()
            .map(|n| match n {
                Node::Quote { body, .. } => 1 + depth(body),
                Node::List { items, .. } => {
                    1 + items.iter().map(|i| depth(&i.rest)).max().unwrap_or(0)
                }
                Node::Numbered { rest, .. } => 1 + depth(rest),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn nesting_up_to_the_bound_is_read_whole() {
        let md = format!("{} texte\n", "> ".repeat(MAX_NESTING));
        let (body, diags) = parsed(&md);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(depth(&body.nodes), MAX_NESTING);
    }

    #[test]
    fn deeper_nesting_is_reported_at_its_line_and_left_out() {
        for (md, line) in [
            (format!("Un.\n\n{} texte\n", ">".repeat(100_000)), 3),
            (format!("Un.\n\n{}x\n", "- ".repeat(100_000)), 3),
            (format!("Un.\n\n{}x\n", "> 1. ".repeat(50_000)), 3),
            (format!("Un.\n\n[^1]\n\n[^1]: {}x\n", "> ".repeat(1_000)), 5),
        ] {
            let (body, diags) = parsed(&md);
            assert_eq!(diags.len(), 1, "{diags:?}");
            let d = &diags[0];
            assert!(d.message.contains("nested deeper than"), "{d}");
            assert_eq!(d.location.as_ref().unwrap().line, line, "{d}");
            assert!(depth(&body.nodes) <= MAX_NESTING + 1);
        }
    }

    #[test]
    fn formatting_deeper_than_the_bound_is_reported_and_its_words_kept() {
        let md = format!("Un.\n\nDébut {}fin{}.\n", "*".repeat(100), "*".repeat(100));
        let (body, diags) = parsed(&md);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0]
                .message
                .contains("formatting is nested deeper than 32"),
            "{}",
            diags[0]
        );
        assert_eq!(diags[0].location.as_ref().unwrap().line, 3);
        let crate::model::Node::Paragraph { content, .. } = &body.nodes[1] else {
            panic!("a paragraph")
        };
        assert_eq!(content.text(), "Début fin.");
        let (_, diags) = parsed(&format!(
            "{}fin{}\n",
            "*a _a ".repeat(16),
            " a_ a*".repeat(16)
        ));
        assert!(diags.is_empty(), "32 levels are fine: {diags:?}");
    }

    #[test]
    fn a_text_reports_its_first_problems_and_counts_the_rest() {
        let md = "Un <b>deux</b>.\n\n".repeat(1_000);
        let (_, diags) = parsed(&md);
        assert_eq!(diags.len(), MAX_REPORTED + 1);
        let last = diags.last().unwrap();
        assert!(
            last.message.starts_with("1950 more problems"),
            "{}",
            last.message
        );
    }
}

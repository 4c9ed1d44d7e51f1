//! The inline content of a block: its Markdown events → [`Inline`] (HTML with its slots, and
//! plain text). Links are checked and cross-references recorded for `resolve`; footnote calls
//! are numbered in the order notes are first called.

use super::blocks::MAX_NESTING;
use super::inline_html::{self, Piece};
use super::markdown::Parser;
use super::notes::import_notes;
use super::numbers::{footnote_id, parse_xref, split_pin};
use crate::model::{Inline, XRef};
use pulldown_cmark::{CowStr, Event, Tag};
use std::ops::Range;

/// Where a link leads, once checked.
enum Target {
    /// Cross-reference `n` of the body, resolved at render time.
    XRef(usize),
    Url(String),
}

impl<'s> Parser<'s> {
    /// Renders inline events to HTML and plain text; resolves nothing yet but records
    /// cross-references. With `pins`, a trailing `{#id}` is taken as a pinned id.
    pub(super) fn inline(
        &mut self,
        mut events: Vec<(Event<'s>, Range<usize>)>,
        pins: bool,
    ) -> (Inline, Option<String>) {
        let pinned = if pins {
            self.take_pin(&mut events)
        } else {
            None
        };
        self.flatten_if_too_deep(&mut events);
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(events.len());
        for (event, range) in events {
            let span = self.span(&range);
            match event {
                Event::Text(ref t) | Event::Code(ref t) => {
                    text.push_str(t);
                    pieces.push(Piece::Event(event));
                }
                // A line break in the source is a space on the page, written as one.
                Event::SoftBreak => {
                    text.push(' ');
                    pieces.push(Piece::Event(Event::Text(CowStr::Borrowed(" "))));
                }
                Event::HardBreak => {
                    text.push(' ');
                    pieces.push(Piece::Event(event));
                }
                // A table row is one line, so a break inside a cell can only be written as
                // `<br>`: the one tag accepted, read as a line break.
                Event::InlineHtml(ref h) if is_line_break_tag(h) => {
                    text.push(' ');
                    pieces.push(Piece::Event(Event::HardBreak));
                }
                Event::InlineHtml(ref h) if import_notes(h).is_some() => {
                    let notes = import_notes(h).unwrap_or_default();
                    self.import_notes(span.start, h, &notes);
                }
                Event::Html(_) | Event::InlineHtml(_) => self.raw_html(span.start),
                Event::FootnoteReference(label) => pieces.push(self.call(&label, span)),
                Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    pieces.push(self.checked_link(tag, span.start));
                }
                Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
                other => pieces.push(Piece::Event(other)),
            }
        }
        let (html, slots) = inline_html::write(pieces);
        (Inline::new(html, collapse_spaces(&text), slots), pinned)
    }

    /// Formatting nested deeper than [`MAX_NESTING`] is reported and taken off: the words stay.
    fn flatten_if_too_deep(&mut self, events: &mut Vec<(Event<'s>, Range<usize>)>) {
        if let Some(at) = too_deep(events) {
            self.error(
                self.base + at,
                format!("formatting is nested deeper than {MAX_NESTING} levels here"),
                "emphasis, links and strikethrough inside each other may go this deep and no \
             deeper; a run of * or _ is read as nested emphasis: escape it as \\*",
            );
            // The words stay, without the formatting.
            events.retain(|(e, _)| {
                matches!(
                    e,
                    Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak
                )
            });
        }
    }

    /// Takes a trailing `{#id}` off the last text event; the id if it is valid.
    fn take_pin(&mut self, events: &mut [(Event<'s>, Range<usize>)]) -> Option<String> {
        let Some((Event::Text(t), r)) = events.last_mut() else {
            return None;
        };
        let (rest, id) = split_pin(t)?;
        let offset = self.base + r.start + rest.len();
        let valid = self.check_pinned(&id, offset);
        *t = CowStr::from(rest);
        valid.then_some(id)
    }

    /// A call of the footnote `label`, numbered by the order in which notes are first called.
    fn call(&mut self, label: &str, span: Range<usize>) -> Piece<'s> {
        let known = self.footnote_refs.iter().position(|(l, _)| l == label);
        let n = known.unwrap_or_else(|| {
            self.footnote_refs.push((label.to_string(), span));
            self.footnote_refs.len() - 1
        }) + 1;
        Piece::Call {
            id: footnote_id(label),
            n,
            first: known.is_none(),
        }
    }

    /// A link or an image with its destination checked (see `link_target`).
    fn checked_link(&mut self, mut tag: Tag<'s>, offset: usize) -> Piece<'s> {
        if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
            match self.link_target(dest_url, offset) {
                Target::XRef(n) => return Piece::XRef(n, tag),
                Target::Url(url) => *dest_url = CowStr::from(url),
            }
        }
        Piece::Event(Event::Start(tag))
    }

    /// Checks a link target; a cross-reference is recorded, to be resolved at render time.
    fn link_target(&mut self, dest: &str, offset: usize) -> Target {
        if let Some(path) = dest.strip_prefix("@/") {
            return match parse_xref(path) {
                Ok((section, slug, fragment)) => {
                    self.xrefs.push(XRef {
                        section,
                        slug,
                        fragment,
                        raw: dest.to_string(),
                        span: offset..offset + 1,
                    });
                    Target::XRef(self.xrefs.len() - 1)
                }
                Err(help) => {
                    self.error(
                        offset,
                        format!("`{dest}` is not a valid cross-reference"),
                        help,
                    );
                    Target::Url("#".to_string())
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
            return Target::Url("#".to_string());
        }
        Target::Url(dest.to_string())
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

/// Where inline elements nest deeper than [`MAX_NESTING`], if they do: every element is an
/// element of the page, and the page's HTML is walked by recursion (by the minifier).
fn too_deep(events: &[(Event, Range<usize>)]) -> Option<usize> {
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// `<br>`, `<br/>` or `<br />`, in any case.
fn is_line_break_tag(html: &str) -> bool {
    let tag = html.trim().to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>" | "<br />")
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

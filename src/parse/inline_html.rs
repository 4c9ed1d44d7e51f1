//! Inline content → HTML with its slots: the byte offsets where rendering writes what only the
//! page knows (a cross-reference's URL, a footnote call's id). pulldown-cmark writes the
//! Markdown; the elements that hold a slot are written here, so their offsets are known as they
//! are written rather than searched for afterwards.

use crate::model::{Fill, Slot};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::fmt::Write;

/// Inline content ready to be written: Markdown events, and the elements that hold a slot.
#[derive(Debug)]
pub(super) enum Piece<'s> {
    Event(Event<'s>),
    /// The start of a link or an image (its `dest_url` unused) to cross-reference `n` of the
    /// body; the element ends with an ordinary end event.
    XRef(usize, Tag<'s>),
    /// A call of the footnote `id`, numbered `n`. The first call of a note is the one its
    /// note links back to.
    Call {
        id: String,
        n: usize,
        first: bool,
    },
}

type Pieces<'s> = std::iter::Peekable<std::vec::IntoIter<Piece<'s>>>;

/// Writes `pieces` as HTML; returns it with its slots, in order.
pub(super) fn write(pieces: Vec<Piece>) -> (String, Vec<Slot>) {
    let mut w = Writer {
        html: String::new(),
        slots: Vec::new(),
    };
    let mut pieces = pieces.into_iter().peekable();
    let mut in_image = 0usize;
    while pieces.peek().is_some() {
        // The events up to the next element that holds a slot, written by pulldown-cmark.
        let run = std::iter::from_fn(|| next_event(&mut pieces, &mut in_image));
        pulldown_cmark::html::push_html(&mut w.html, run);
        match pieces.next() {
            Some(Piece::XRef(x, Tag::Image { title, .. })) => w.xref_image(x, &title, &mut pieces),
            Some(Piece::XRef(x, tag)) => w.xref_link(x, &tag),
            Some(Piece::Call { id, n, first }) => w.call(id, n, first),
            Some(Piece::Event(_)) | None => {}
        }
    }
    (w.html, w.slots)
}

/// The next piece as an event, or `None` at an element that holds a slot (left in `pieces`).
/// Inside an image, pulldown-cmark writes the content as the `alt` text: no element there is
/// written, and none holds a slot.
fn next_event<'s>(pieces: &mut Pieces<'s>, in_image: &mut usize) -> Option<Event<'s>> {
    if *in_image == 0 && matches!(pieces.peek()?, Piece::XRef(..) | Piece::Call { .. }) {
        return None;
    }
    Some(match pieces.next()? {
        Piece::Event(event) => {
            match event {
                Event::Start(Tag::Image { .. }) => *in_image += 1,
                Event::End(TagEnd::Image) => *in_image = in_image.saturating_sub(1),
                _ => {}
            }
            event
        }
        Piece::XRef(_, tag) => {
            *in_image += usize::from(matches!(tag, Tag::Image { .. }));
            Event::Start(tag)
        }
        Piece::Call { id, n, first } => Event::InlineHtml(CowStr::from(call_html(&id, n, first))),
    })
}

/// `<sup class="fnref"><a href="#fn-1"`: a footnote call up to where its own attribute goes.
fn call_open(id: &str) -> String {
    format!("<sup class=\"fnref\"><a href=\"#{id}\"")
}

/// A whole footnote call as a body writes it, for where it is only text (an image's `alt`).
fn call_html(id: &str, n: usize, first: bool) -> String {
    let back = if first {
        format!(" id=\"ref-{id}\"")
    } else {
        String::new()
    };
    format!("{}{back}>{n}</a></sup>", call_open(id))
}

struct Writer {
    html: String,
    slots: Vec<Slot>,
}

impl Writer {
    fn slot(&mut self, fill: Fill) {
        self.slots.push(Slot {
            at: self.html.len(),
            fill,
        });
    }

    /// `<a href="URL" class="xref" title="…">`: the class marks the link, so that print styles
    /// can show where a cross-reference leads.
    fn xref_link(&mut self, x: usize, tag: &Tag) {
        self.html.push_str("<a href=\"");
        self.slot(Fill::XRef(x));
        self.html.push_str("\" class=\"xref\"");
        if let Tag::Link { title, .. } = tag {
            self.title(title);
        }
        self.html.push('>');
    }

    /// `<img src="URL" class="xref" alt="…" title="…" />`, the alt text written as
    /// pulldown-cmark writes it: the content's text, escaped.
    fn xref_image(&mut self, x: usize, title: &str, pieces: &mut Pieces) {
        self.html.push_str("<img src=\"");
        self.slot(Fill::XRef(x));
        self.html.push_str("\" class=\"xref\" alt=\"");
        alt_text(&mut self.html, pieces);
        self.html.push('"');
        self.title(title);
        self.html.push_str(" />");
    }

    fn title(&mut self, title: &str) {
        if !title.is_empty() {
            self.html.push_str(" title=\"");
            let _ = escape_html(&mut self.html, title);
            self.html.push('"');
        }
    }

    /// `<sup class="fnref"><a href="#fn-1" …>1</a></sup>`, the first call with a slot for its
    /// own attribute.
    fn call(&mut self, id: String, n: usize, first: bool) {
        self.html.push_str(&call_open(&id));
        if first {
            self.slot(Fill::NoteCall(id));
        }
        let _ = write!(self.html, ">{n}</a></sup>");
    }
}

/// The pieces up to the end of the image just opened, as `alt` text: what pulldown-cmark's
/// writer keeps of them (text, code and inline HTML escaped, a break as a space).
fn alt_text(out: &mut String, pieces: &mut Pieces) {
    let mut depth = 0usize;
    for piece in pieces {
        match piece {
            Piece::Event(Event::Start(_)) | Piece::XRef(..) => depth += 1,
            Piece::Event(Event::End(_)) if depth == 0 => return,
            Piece::Event(Event::End(_)) => depth -= 1,
            Piece::Event(Event::Text(t) | Event::Code(t) | Event::InlineHtml(t)) => {
                let _ = escape_html(&mut *out, &t);
            }
            Piece::Event(Event::SoftBreak | Event::HardBreak | Event::Rule) => out.push(' '),
            Piece::Call { id, n, first } => {
                let _ = escape_html(&mut *out, &call_html(&id, n, first));
            }
            Piece::Event(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::LinkType;

    fn text(t: &str) -> Piece<'_> {
        Piece::Event(Event::Text(CowStr::from(t)))
    }

    fn link<'s>(title: &'s str) -> Tag<'s> {
        Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(""),
            title: CowStr::from(title),
            id: CowStr::from(""),
        }
    }

    /// The HTML with each slot shown as `{fill}`.
    fn shown(pieces: Vec<Piece>) -> String {
        let (html, slots) = write(pieces);
        let mut out = String::new();
        let mut copied = 0;
        for s in slots {
            out.push_str(&html[copied..s.at]);
            out.push_str(&match s.fill {
                Fill::XRef(n) => format!("{{xref {n}}}"),
                Fill::NoteCall(id) => format!("{{call {id}}}"),
            });
            copied = s.at;
        }
        out.push_str(&html[copied..]);
        out
    }

    #[test]
    fn slots_sit_where_each_element_needs_them() {
        let end = || Piece::Event(Event::End(TagEnd::Link));
        let pieces = vec![
            text("charter-xref:0 href=\""),
            Piece::XRef(1, link("")),
            text("a"),
            end(),
            Piece::Call {
                id: "fn-1".into(),
                n: 1,
                first: true,
            },
            Piece::XRef(0, link("t \"q\"")),
            text("b"),
            end(),
            Piece::Call {
                id: "fn-1".into(),
                n: 1,
                first: false,
            },
        ];
        assert_eq!(
            shown(pieces),
            "charter-xref:0 href=\"<a href=\"{xref 1}\" class=\"xref\">a</a>\
             <sup class=\"fnref\"><a href=\"#fn-1\"{call fn-1}>1</a></sup>\
             <a href=\"{xref 0}\" class=\"xref\" title=\"t &quot;q&quot;\">b</a>\
             <sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup>"
        );
    }

    #[test]
    fn an_image_cross_reference_has_its_alt_text_and_nothing_inside_it_has_a_slot() {
        let image = Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(""),
            title: CowStr::from("u"),
            id: CowStr::from(""),
        };
        let pieces = vec![
            Piece::XRef(0, image),
            text("a <"),
            Piece::XRef(1, link("")),
            text("b"),
            Piece::Event(Event::End(TagEnd::Link)),
            Piece::Event(Event::End(TagEnd::Image)),
            text(" c"),
        ];
        assert_eq!(
            shown(pieces),
            "<img src=\"{xref 0}\" class=\"xref\" alt=\"a &lt;b\" title=\"u\" /> c"
        );
    }
}

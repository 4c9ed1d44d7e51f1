//! Inline content: rendered to HTML once, at parse time, with the places rendering fills in,
//! and the cross-references those places link to.

use super::{Section, Slug};
use std::ops::Range;

/// Inline content rendered to HTML once, at parse time, with the places where rendering writes
/// what only the whole site or the page knows (see [`Slot`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    html: String,
    /// The same content as plain text (citations, search, mentions), when it differs from
    /// the HTML: most paragraphs are plain text, and their text is not held twice.
    text: Option<String>,
    /// The places to fill in `html`, in order. Most content has none: an empty boxed slice is
    /// two words and no allocation.
    slots: Box<[Slot]>,
}

// Held for every paragraph of the site at once: no bigger than eight words.
const _: () = assert!(std::mem::size_of::<Inline>() <= 8 * std::mem::size_of::<usize>());

impl Inline {
    /// `slots` must be in order, each at a character boundary of `html`.
    pub fn new(mut html: String, text: String, slots: Vec<Slot>) -> Inline {
        // Held for the whole build: no room to grow.
        html.shrink_to_fit();
        let text = (text != html).then_some(text);
        Inline {
            html,
            text,
            slots: slots.into_boxed_slice(),
        }
    }

    /// The HTML as parsed, with every slot empty.
    pub fn html(&self) -> &str {
        &self.html
    }

    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The content as plain text, each run of whitespace one space.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or(&self.html)
    }
}

/// A place in an [`Inline`]'s HTML where rendering writes something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Byte offset in the HTML: the fill goes just before this byte.
    pub at: usize,
    pub fill: Fill,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    /// The URL of [`Body::xrefs`](super::Body::xrefs)`[n]`, inside the quotes of an `href`
    /// (or an image's `src`).
    XRef(usize),
    /// The first call of footnote `id` (`fn-1`), just before its link's `>`: where the call's
    /// own attribute goes, the id the note links back to in a body.
    NoteCall(String),
}

/// A link written as `@/section/slug.md#fragment`, to be resolved against the whole site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XRef {
    pub section: Section,
    pub slug: Slug,
    pub fragment: Option<String>,
    /// The link as written, for messages.
    pub raw: String,
    pub span: Range<usize>,
}

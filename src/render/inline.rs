//! Inline content written with its slots filled: the URL of each cross-reference, and the
//! mark of each footnote call, as the page needs it.

use super::escape::esc;
use crate::model::{Block, Fill, Inline};
use std::fmt::Write;

/// What the slots of inline HTML are filled with on a page.
pub struct Fills<'a> {
    /// The URL of each cross-reference of the body, by index into [`crate::model::Body::xrefs`].
    pub xref_url: &'a dyn Fn(usize) -> String,
    pub calls: Calls,
}

/// How the first call of a footnote is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calls {
    /// `id="ref-fn-1"`: the target of the note's link back.
    Id,
    /// `data-ref="fn-1"`: in a page that shows the same call more than once (the parallel
    /// view's columns), where an id would be repeated.
    DataRef,
}

/// Writes inline content, trailing white space trimmed, with its slots filled.
pub fn write_inline(out: &mut String, inline: &Inline, fills: &Fills) {
    let html = inline.html();
    let mut copied = 0;
    for slot in inline.slots() {
        out.push_str(&html[copied..slot.at]);
        match &slot.fill {
            Fill::XRef(n) => out.push_str(&esc(&(fills.xref_url)(*n))),
            Fill::NoteCall(id) => {
                let _ = match fills.calls {
                    Calls::Id => write!(out, " id=\"ref-{id}\""),
                    Calls::DataRef => write!(out, " data-ref=\"{id}\""),
                };
            }
        }
        copied = slot.at;
    }
    // A slot is always followed by the rest of its element, never in trailing white space.
    out.push_str(html[copied..].trim_end());
}

/// Writes a block's own inline content with its slots filled: a row's cells joined by a dash.
pub fn write_block(out: &mut String, block: &Block, fills: &Fills) {
    for (i, inline) in block.inlines().iter().enumerate() {
        if i > 0 {
            out.push_str(" — ");
        }
        write_inline(out, inline, fills);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown;
    use crate::source::Source;

    #[test]
    fn a_footnote_call_carries_its_id_in_the_body_and_a_reference_elsewhere() {
        let md = "One[^a], two[^a] and [x](@/documents/a.md).\n\n[^a]: A note.\n";
        let src = Source::new("t.en.md", md.to_string());
        let (body, d) = markdown::parse(&src, 0..md.len());
        assert!(d.is_empty(), "{d:?}");
        let block = crate::model::Block::Node(&body.nodes[0]);
        let write = |calls| {
            let mut out = String::new();
            let url = |n: usize| format!("/x-{n}/");
            write_block(
                &mut out,
                &block,
                &Fills {
                    xref_url: &url,
                    calls,
                },
            );
            out
        };
        let call = |attr: &str| format!("<sup class=\"fnref\"><a href=\"#fn-a\"{attr}>1</a></sup>");
        let rest = format!(
            ", two{} and <a href=\"/x-0/\" class=\"xref\">x</a>.",
            call("")
        );
        assert_eq!(
            write(Calls::Id),
            format!("One{}{rest}", call(" id=\"ref-fn-a\""))
        );
        assert_eq!(
            write(Calls::DataRef),
            format!("One{}{rest}", call(" data-ref=\"fn-a\""))
        );
    }
}

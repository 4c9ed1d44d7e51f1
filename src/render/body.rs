//! A parsed body → HTML, with an id and a visible self-link on every citable block and
//! cross-references pointed at their pages: the slots the parser left in inline HTML are
//! filled at their recorded offsets ([`super::inline`]).

pub use super::escape::{esc, escape};
use super::inline::{write_inline, Calls, Fills};
pub use super::name_links::NameLink;
use crate::model::{Anchor, Body, Footnote, Inline, Item, Node};
use crate::parse::markdown::NOTES_ID;
use std::fmt::Write;

mod table;

/// The words a body needs, in the page's language.
pub struct Labels<'a> {
    /// aria-label of a ¶ link (`Lien permanent vers ce passage`).
    pub anchor: &'a str,
    /// aria-label of a paragraph number link, `{n}` replaced (`Paragraphe {n}, lien permanent`).
    pub paragraph: &'a str,
    /// aria-label of a table row link, `{n}` replaced.
    pub row: &'a str,
    /// The word for a table, which names the scrolling box of each (`Tableau`), followed by
    /// the language's colon and the table's column headings.
    pub table: &'a str,
    /// The language's colon, spaces included (` :` in French).
    pub colon: &'a str,
    /// Heading of the footnotes.
    pub notes: &'a str,
    /// aria-label of a footnote's link back to its call.
    pub back: &'a str,
}

/// What a page adds to its blocks, by id.
pub struct Decor<'a> {
    /// Extra inline HTML appended inside the block (the "cited in" markers).
    pub marker: &'a dyn Fn(&str) -> Option<String>,
    /// The block's citation label (`Almaty Act, para. 27`), for the copy-citation control.
    pub cite: &'a dyn Fn(&str) -> Option<String>,
    /// The names of cited texts the block's words hold, to link to their pages.
    pub names: &'a dyn Fn(&str) -> Option<Vec<NameLink>>,
}

pub fn render(
    body: &Body,
    labels: &Labels,
    xref_url: &dyn Fn(usize) -> String,
    decor: &Decor,
) -> String {
    let mut out = String::with_capacity(body.nodes.len() * 400);
    let ctx = Ctx {
        labels,
        marker: decor.marker,
        cite: decor.cite,
        names: decor.names,
        fills: Fills {
            xref_url,
            calls: Calls::Id,
        },
    };
    nodes(&mut out, &body.nodes, &ctx);
    if !body.footnotes.is_empty() {
        footnotes(&mut out, &body.footnotes, &ctx);
    }
    out
}

struct Ctx<'a> {
    labels: &'a Labels<'a>,
    marker: &'a dyn Fn(&str) -> Option<String>,
    cite: &'a dyn Fn(&str) -> Option<String>,
    names: &'a dyn Fn(&str) -> Option<Vec<NameLink>>,
    fills: Fills<'a>,
}

impl Ctx<'_> {
    /// The inline content of the block `id`, the names of cited texts in it linked.
    fn inline(&self, out: &mut String, id: &str, i: &Inline) {
        match (self.names)(id) {
            Some(names) => {
                let mut own = String::new();
                write_inline(&mut own, i, &self.fills);
                out.push_str(&super::name_links::link_names(&own, &names));
            }
            None => write_inline(out, i, &self.fills),
        }
    }
}

/// ` id="x" data-cite="…"`: the attributes every citable block opens with.
fn id_attrs(a: &Anchor, ctx: &Ctx) -> String {
    match (ctx.cite)(&a.id) {
        Some(label) => format!(" id=\"{}\" data-cite=\"{}\"", a.id, esc(&label)),
        None => format!(" id=\"{}\"", a.id),
    }
}

/// The ¶ link of a block, and its "cited in" marker if any.
fn self_link(out: &mut String, a: &Anchor, label: &str, ctx: &Ctx) {
    let _ = write!(
        out,
        "<a class=\"self\" href=\"#{}\" aria-label=\"{}\">¶</a>",
        a.id,
        esc(label)
    );
    marker(out, a, ctx);
}

fn marker(out: &mut String, a: &Anchor, ctx: &Ctx) {
    if let Some(html) = (ctx.marker)(&a.id) {
        out.push_str(&html);
    }
}

fn nodes(out: &mut String, list: &[Node], ctx: &Ctx) {
    for node in list {
        node_html(out, node, ctx);
    }
}

fn node_html(out: &mut String, node: &Node, ctx: &Ctx) {
    match node {
        Node::Heading {
            anchor,
            level,
            content,
            ..
        } => heading(out, anchor, *level, content, ctx),
        Node::Paragraph { anchor, content } => {
            let _ = write!(out, "<p{}>", id_attrs(anchor, ctx));
            ctx.inline(out, &anchor.id, content);
            out.push(' ');
            self_link(out, anchor, ctx.labels.anchor, ctx);
            out.push_str("</p>");
        }
        Node::Numbered {
            anchor,
            content,
            rest,
        } => numbered(out, anchor, content, rest, ctx),
        Node::List { ordered, items } => list(out, *ordered, items, ctx),
        Node::Table {
            anchor,
            alignments,
            head,
            rows,
        } => {
            table::table(out, anchor, alignments, head, rows, ctx);
        }
        Node::Quote { anchor, body } => {
            let _ = write!(out, "<blockquote id=\"{}\">", anchor.id);
            nodes(out, body, ctx);
            out.push_str("</blockquote>");
        }
        Node::Code { anchor, text } => {
            let _ = write!(
                out,
                "<pre id=\"{}\"><code>{}</code></pre>",
                anchor.id,
                esc(text)
            );
        }
        Node::Rule => out.push_str("<hr>"),
    }
}

fn heading(out: &mut String, anchor: &Anchor, level: u8, content: &Inline, ctx: &Ctx) {
    let l = level.clamp(2, 6);
    let _ = write!(out, "<h{l}{}>", id_attrs(anchor, ctx));
    ctx.inline(out, &anchor.id, content);
    out.push(' ');
    self_link(out, anchor, ctx.labels.anchor, ctx);
    let _ = write!(out, "</h{l}>");
}

/// A paragraph the text numbers: its number is its self-link.
fn numbered(out: &mut String, anchor: &Anchor, content: &Inline, rest: &[Node], ctx: &Ctx) {
    let _ = write!(out, "<div class=\"para\"{}><p>", id_attrs(anchor, ctx));
    match &anchor.number {
        Some(n) => {
            let label = ctx.labels.paragraph.replace("{n}", n);
            let _ = write!(
                out,
                "<a class=\"num\" href=\"#{}\" aria-label=\"{}\">{n}.</a> ",
                anchor.id,
                esc(&label),
            );
            ctx.inline(out, &anchor.id, content);
            marker(out, anchor, ctx);
        }
        None => {
            ctx.inline(out, &anchor.id, content);
            out.push(' ');
            self_link(out, anchor, ctx.labels.anchor, ctx);
        }
    }
    out.push_str("</p>");
    nodes(out, rest, ctx);
    out.push_str("</div>");
}

fn list(out: &mut String, ordered: Option<u64>, items: &[Item], ctx: &Ctx) {
    match ordered {
        Some(1) => out.push_str("<ol>"),
        Some(n) => {
            let _ = write!(out, "<ol start=\"{n}\">");
        }
        None => out.push_str("<ul>"),
    }
    for item in items {
        let _ = write!(out, "<li{}>", id_attrs(&item.anchor, ctx));
        // An item of one paragraph is written without one, as Markdown writes a tight list.
        let wrap = !item.rest.is_empty();
        if wrap {
            out.push_str("<p>");
        }
        ctx.inline(out, &item.anchor.id, &item.content);
        out.push(' ');
        self_link(out, &item.anchor, ctx.labels.anchor, ctx);
        if wrap {
            out.push_str("</p>");
            nodes(out, &item.rest, ctx);
        }
        out.push_str("</li>");
    }
    out.push_str(if ordered.is_some() { "</ol>" } else { "</ul>" });
}

/// The notes after the text, each with a link back to its first call.
fn footnotes(out: &mut String, notes: &[Footnote], ctx: &Ctx) {
    let _ = write!(
        out,
        "<section class=\"footnotes\"><h2 id=\"{NOTES_ID}\">{} <a class=\"self\" href=\"#{NOTES_ID}\" aria-label=\"{}\">¶</a></h2><ol>",
        esc(ctx.labels.notes),
        esc(ctx.labels.anchor)
    );
    for f in notes {
        let id = &f.anchor.id;
        let _ = write!(out, "<li id=\"{id}\">");
        nodes(out, &f.body, ctx);
        let _ = write!(
            out,
            "<a class=\"back\" href=\"#ref-{id}\" aria-label=\"{}\">↩</a></li>",
            esc(ctx.labels.back)
        );
    }
    out.push_str("</ol></section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Numbering;

    use crate::parse::{anchors, markdown};
    use crate::source::Source;

    const LABELS: Labels = Labels {
        anchor: "Link to this passage",
        paragraph: "Paragraph {n}",
        row: "Row {n}",
        table: "Table",
        colon: ":",
        notes: "Notes",
        back: "Back",
    };

    fn html(md: &str) -> String {
        let src = Source::new("t.en.md", md.to_string());
        let (mut body, d) = markdown::parse(&src, 0..md.len());
        assert!(d.is_empty(), "{d:?}");
        anchors::assign(&mut body, Numbering::Continuous);
        render(
            &body,
            &LABELS,
            &|n| format!("/en/documents/target-{n}/#para-1"),
            &Decor {
                marker: &|id| (id == "para-27").then(|| "<a class=\"cited\">1</a>".to_string()),
                cite: &|id| (id == "para-27").then(|| "Act, para. 27".to_string()),
                names: &|_| None,
            },
        )
    }

    #[test]
    fn numbered_paragraph_has_id_and_number_self_link() {
        let h = html("27. Text of the paragraph.\n");
        assert!(
            h.contains("<div class=\"para\" id=\"para-27\" data-cite=\"Act, para. 27\">"),
            "{h}"
        );
        assert!(
            h.contains(
                "<a class=\"num\" href=\"#para-27\" aria-label=\"Paragraph 27\">27.</a> Text of the paragraph.<a class=\"cited\">1</a></p>"
            ),
            "{h}"
        );
    }

    #[test]
    fn other_blocks_get_a_labelled_pilcrow() {
        let h = html("## Preamble {#preamble}\n\nText\n");
        assert!(h.contains("<h2 id=\"preamble\">Preamble <a class=\"self\" href=\"#preamble\" aria-label=\"Link to this passage\">¶</a></h2>"), "{h}");
        assert!(
            h.contains("<p id=\"preamble-1\">Text <a class=\"self\" href=\"#preamble-1\""),
            "{h}"
        );
    }

    #[test]
    fn cross_references_and_footnotes() {
        let h = html("See [the Act](@/documents/x.md#para-1).[^1]\n\n[^1]: A note.\n");
        assert!(
            h.contains("<a href=\"/en/documents/target-0/#para-1\" class=\"xref\">the Act</a>"),
            "{h}"
        );
        assert!(
            h.contains("<sup class=\"fnref\"><a href=\"#fn-1\" id=\"ref-fn-1\">1</a></sup>"),
            "{h}"
        );
        assert!(
            h.contains("<li id=\"fn-1\"><p id=\"fn-1-1\">A note."),
            "{h}"
        );
        assert!(h.contains("href=\"#ref-fn-1\""), "{h}");
    }

    #[test]
    fn each_cross_reference_url_goes_into_its_own_link_and_nowhere_else() {
        let h = html(
            "Text `charter-xref:0` and charter-xref:1, an href=\"x\" word, \
             [the charter-xref:0 href](@/documents/a.md#para-1) then \
             [second](@/documents/b.md \"href=charter-xref:1\").\n",
        );
        assert_eq!(
            h,
            "<p id=\"intro-1\">Text <code>charter-xref:0</code> and charter-xref:1, an \
             href=\"x\" word, \
             <a href=\"/en/documents/target-0/#para-1\" class=\"xref\">the charter-xref:0 href</a> \
             then <a href=\"/en/documents/target-1/#para-1\" class=\"xref\" \
             title=\"href=charter-xref:1\">second</a>. \
             <a class=\"self\" href=\"#intro-1\" aria-label=\"Link to this passage\">¶</a></p>"
        );
    }

    #[test]
    fn table_rows_are_citable() {
        let h = html("| A | B |\n|---|---|\n| x | y |\n");
        assert!(h.contains("<tr id=\"intro-1-row-1\"><td>x <a class=\"self\" href=\"#intro-1-row-1\" aria-label=\"Row 1\">¶</a></td><td>y</td></tr>"), "{h}");
    }

    /// A table scrolls in its own box, which a keyboard reaches (tabindex) and a screen reader
    /// names by the table's columns.
    #[test]
    fn a_table_scrolls_in_a_named_focusable_box() {
        let h = html("| A | *B* |\n|---|---|\n| x | y |\n");
        assert!(
            h.starts_with(
                "<div class=\"table\" id=\"intro-1\" role=\"region\" tabindex=\"0\" \
                 aria-label=\"Table: A, B\"><a class=\"self\" href=\"#intro-1\""
            ),
            "{h}"
        );
        let h = html("|  |  |\n|---|---|\n| x | y |\n");
        assert!(h.contains(" aria-label=\"Table\">"), "{h}");
    }
}

//! A parsed body → HTML, with an id and a visible self-link on every citable block and
//! cross-references pointed at their pages.

use crate::model::{Align, Anchor, Body, Inline, Node};
use crate::parse::markdown::XREF_SCHEME;
use std::fmt::Write;

/// The words a body needs, in the page's language.
pub struct Labels<'a> {
    /// aria-label of a ¶ link (`Lien permanent vers ce passage`).
    pub anchor: &'a str,
    /// aria-label of a paragraph number link, `{n}` replaced (`Paragraphe {n}, lien permanent`).
    pub paragraph: &'a str,
    /// aria-label of a table row link, `{n}` replaced.
    pub row: &'a str,
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
    };
    nodes(&mut out, &body.nodes, &ctx);
    if !body.footnotes.is_empty() {
        let _ = write!(
            out,
            "<section class=\"footnotes\"><h2>{}</h2><ol>",
            esc(labels.notes)
        );
        for f in &body.footnotes {
            let id = &f.anchor.id;
            let _ = write!(out, "<li id=\"{id}\">");
            nodes(&mut out, &f.body, &ctx);
            let _ = write!(
                out,
                "<a class=\"back\" href=\"#ref-{id}\" aria-label=\"{}\">↩</a></li>",
                esc(ctx.labels.back)
            );
        }
        out.push_str("</ol></section>");
    }
    if body.xrefs.is_empty() {
        // Nothing to point anywhere: the body as rendered.
        return out;
    }
    substitute_xrefs(&out, xref_url)
}

struct Ctx<'a> {
    labels: &'a Labels<'a>,
    marker: &'a dyn Fn(&str) -> Option<String>,
    cite: &'a dyn Fn(&str) -> Option<String>,
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

fn inline_html(i: &Inline) -> &str {
    i.html.trim_end()
}

fn node_html(out: &mut String, node: &Node, ctx: &Ctx) {
    let labels = ctx.labels;
    match node {
        Node::Heading {
            anchor,
            level,
            content,
            ..
        } => {
            let l = (*level).clamp(2, 6);
            let _ = write!(
                out,
                "<h{l}{}>{} ",
                id_attrs(anchor, ctx),
                inline_html(content)
            );
            self_link(out, anchor, labels.anchor, ctx);
            let _ = write!(out, "</h{l}>");
        }
        Node::Paragraph { anchor, content } => {
            let _ = write!(out, "<p{}>{} ", id_attrs(anchor, ctx), inline_html(content));
            self_link(out, anchor, labels.anchor, ctx);
            out.push_str("</p>");
        }
        Node::Numbered {
            anchor,
            content,
            rest,
        } => {
            let _ = write!(out, "<div class=\"para\"{}><p>", id_attrs(anchor, ctx));
            match &anchor.number {
                Some(n) => {
                    let label = labels.paragraph.replace("{n}", n);
                    let _ = write!(
                        out,
                        "<a class=\"num\" href=\"#{}\" aria-label=\"{}\">{n}.</a> {}",
                        anchor.id,
                        esc(&label),
                        inline_html(content)
                    );
                    marker(out, anchor, ctx);
                }
                None => {
                    let _ = write!(out, "{} ", inline_html(content));
                    self_link(out, anchor, labels.anchor, ctx);
                }
            }
            out.push_str("</p>");
            nodes(out, rest, ctx);
            out.push_str("</div>");
        }
        Node::List { ordered, items } => {
            match ordered {
                Some(1) => out.push_str("<ol>"),
                Some(n) => {
                    let _ = write!(out, "<ol start=\"{n}\">");
                }
                None => out.push_str("<ul>"),
            }
            for item in items {
                let _ = write!(out, "<li{}>", id_attrs(&item.anchor, ctx));
                if item.rest.is_empty() {
                    let _ = write!(out, "{} ", inline_html(&item.content));
                    self_link(out, &item.anchor, labels.anchor, ctx);
                } else {
                    let _ = write!(out, "<p>{} ", inline_html(&item.content));
                    self_link(out, &item.anchor, labels.anchor, ctx);
                    out.push_str("</p>");
                    nodes(out, &item.rest, ctx);
                }
                out.push_str("</li>");
            }
            out.push_str(if ordered.is_some() { "</ol>" } else { "</ul>" });
        }
        Node::Table {
            anchor,
            alignments,
            head,
            rows,
        } => {
            let _ = write!(out, "<div class=\"table\" id=\"{}\">", anchor.id);
            self_link(out, anchor, labels.anchor, ctx);
            out.push_str("<table>");
            let align = |i: usize| match alignments.get(i) {
                // Classes, not style attributes: the site's CSP forbids inline styles.
                Some(Align::Left) => " class=\"left\"",
                Some(Align::Center) => " class=\"center\"",
                Some(Align::Right) => " class=\"right\"",
                _ => "",
            };
            if !head.is_empty() {
                out.push_str("<thead><tr>");
                for (i, cell) in head.iter().enumerate() {
                    let _ = write!(
                        out,
                        "<th scope=\"col\"{}>{}</th>",
                        align(i),
                        inline_html(cell)
                    );
                }
                out.push_str("</tr></thead>");
            }
            out.push_str("<tbody>");
            for (r, row) in rows.iter().enumerate() {
                let _ = write!(out, "<tr{}>", id_attrs(&row.anchor, ctx));
                for (i, cell) in row.cells.iter().enumerate() {
                    let _ = write!(out, "<td{}>{}", align(i), inline_html(cell));
                    if i == 0 {
                        out.push(' ');
                        self_link(
                            out,
                            &row.anchor,
                            &labels.row.replace("{n}", &(r + 1).to_string()),
                            ctx,
                        );
                    }
                    out.push_str("</td>");
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div>");
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

/// Replaces `charter-xref:N` placeholders (only ever written by the parser into `href`s) with
/// the URL of the target.
pub fn substitute_xrefs(html: &str, url: &dyn Fn(usize) -> String) -> String {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(XREF_SCHEME));
    let finder = &*FINDER;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = finder.find(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let after = &rest[i + XREF_SCHEME.len()..];
        let digits = after.chars().take_while(|c| c.is_ascii_digit()).count();
        match after[..digits].parse::<usize>() {
            // The placeholder stands inside href="…": close it and mark the link, so that
            // print styles can show where a cross-reference leads.
            Ok(n) => {
                out.push_str(&esc(&url(n)));
                out.push_str("\" class=\"xref");
            }
            Err(_) => out.push_str(XREF_SCHEME),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    escape(s, true)
}

/// `s` with `&`, `<`, `>` and `"` (and `'` with `apostrophe`) written as entities, the text
/// between them copied in slices.
pub fn escape(s: &str, apostrophe: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if apostrophe => "&#39;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Numbering;

    #[test]
    fn escaping_writes_entities_and_copies_the_rest() {
        assert_eq!(
            esc("l'« A » & <b>\"x\""),
            "l&#39;« A » &amp; &lt;b&gt;&quot;x&quot;"
        );
        assert_eq!(escape("l'« A » & <b>", false), "l'« A » &amp; &lt;b&gt;");
        assert_eq!(esc("plain"), "plain");
    }
    use crate::parse::{anchors, markdown};
    use crate::source::Source;

    const LABELS: Labels = Labels {
        anchor: "Link to this passage",
        paragraph: "Paragraph {n}",
        row: "Row {n}",
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
    fn table_rows_are_citable() {
        let h = html("| A | B |\n|---|---|\n| x | y |\n");
        assert!(h.contains("<tr id=\"intro-1-row-1\"><td>x <a class=\"self\" href=\"#intro-1-row-1\" aria-label=\"Row 1\">¶</a></td><td>y</td></tr>"), "{h}");
    }
}

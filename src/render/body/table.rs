//! A table of a text: its box, which scrolls a table wider than the screen, its head, and its
//! rows, each citable.

use super::{esc, id_attrs, self_link, Ctx};
use crate::model::{Align, Anchor, Inline, Row};
use std::fmt::Write;

pub(super) fn table(
    out: &mut String,
    anchor: &Anchor,
    alignments: &[Align],
    head: &[Inline],
    rows: &[Row],
    ctx: &Ctx,
) {
    // The box scrolls a table wider than the screen; focusable and named, so that a
    // keyboard can scroll it too.
    let _ = write!(
        out,
        "<div class=\"table\" id=\"{}\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
        anchor.id,
        esc(&table_label(head, ctx))
    );
    self_link(out, anchor, ctx.labels.anchor, ctx);
    out.push_str("<table>");
    table_head(out, alignments, head, ctx);
    table_body(out, alignments, rows, ctx);
    out.push_str("</table></div>");
}

/// A cell's alignment, as a class: the site's CSP forbids style attributes.
fn align(alignments: &[Align], i: usize) -> &'static str {
    match alignments.get(i) {
        Some(Align::Left) => " class=\"left\"",
        Some(Align::Center) => " class=\"center\"",
        Some(Align::Right) => " class=\"right\"",
        _ => "",
    }
}

/// `Tableau : État, Mesures`: the word for a table and its column headings.
fn table_label(head: &[Inline], ctx: &Ctx) -> String {
    let columns: Vec<&str> = head
        .iter()
        .map(|c| c.text().trim())
        .filter(|t| !t.is_empty())
        .collect();
    if columns.is_empty() {
        return ctx.labels.table.to_string();
    }
    format!(
        "{}{} {}",
        ctx.labels.table,
        ctx.labels.colon,
        columns.join(", ")
    )
}

fn table_head(out: &mut String, alignments: &[Align], head: &[Inline], ctx: &Ctx) {
    if head.is_empty() {
        return;
    }
    out.push_str("<thead><tr>");
    for (i, cell) in head.iter().enumerate() {
        let _ = write!(out, "<th scope=\"col\"{}>", align(alignments, i));
        ctx.inline(out, "", cell);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>");
}

/// The rows, each citable: its self-link in its first cell.
fn table_body(out: &mut String, alignments: &[Align], rows: &[Row], ctx: &Ctx) {
    out.push_str("<tbody>");
    for (r, row) in rows.iter().enumerate() {
        let _ = write!(out, "<tr{}>", id_attrs(&row.anchor, ctx));
        for (i, cell) in row.cells.iter().enumerate() {
            let _ = write!(out, "<td{}>", align(alignments, i));
            ctx.inline(out, &row.anchor.id, cell);
            if i == 0 {
                out.push(' ');
                let label = ctx.labels.row.replace("{n}", &(r + 1).to_string());
                self_link(out, &row.anchor, &label, ctx);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody>");
}

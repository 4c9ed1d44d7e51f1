//! The notes `charter import` leaves where it was unsure of a repair,
//! `<!-- import: joined across a page break -->`: the one kind of HTML a text may hold, left
//! out of the page and reported as a warning at its line until an editor has checked the
//! repair and deleted the note.

use super::markdown::Parser;

/// The notes of an HTML fragment made only of `<!-- import: … -->` comments, or `None` for
/// any other HTML.
pub fn import_notes(html: &str) -> Option<Vec<String>> {
    let mut rest = html.trim();
    let mut notes = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix("<!--")?;
        let end = inner.find("-->")?;
        let note = inner[..end].trim().strip_prefix("import:")?;
        notes.push(note.split_whitespace().collect::<Vec<_>>().join(" "));
        rest = inner[end + 3..].trim_start();
    }
    (!notes.is_empty()).then_some(notes)
}

impl Parser<'_> {
    /// The `notes` of `html`, which starts at `offset`: one warning each, at its own line.
    pub(super) fn import_notes(&mut self, offset: usize, html: &str, notes: &[String]) {
        let mut from = offset;
        for (note, comment) in notes.iter().zip(html.match_indices("<!--")) {
            let at = self
                .source
                .text
                .get(from..)
                .and_then(|rest| rest.find("<!--"))
                .map_or(offset + comment.0, |i| from + i);
            from = at + 4;
            self.warning(
                at,
                format!("unchecked import: {note}"),
                "`charter import` was unsure of this repair: check it against the source \
                 document, correct the text if needed, then delete the comment",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::parse::markdown::parse;
    use crate::source::Source;

    #[test]
    fn import_notes_are_warnings_at_their_line_and_other_html_an_error() {
        let md = "Un.\n\n<!-- import: joined across a page break -->\n\nDeux <!-- import: inline -->.\n\n1. Trois\n\n    <!-- import: nested -->\n\n<!-- autre -->\n";
        let src = Source::new("content/documents/x.fr.md", md.to_string());
        let (body, diags) = parse(&src, 0..md.len());
        let shown: Vec<(Severity, usize, &str)> = diags
            .iter()
            .map(|d| {
                (
                    d.severity,
                    d.location.as_ref().unwrap().line,
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    Severity::Warning,
                    3,
                    "unchecked import: joined across a page break"
                ),
                (Severity::Warning, 5, "unchecked import: inline"),
                (Severity::Warning, 9, "unchecked import: nested"),
                (Severity::Error, 11, "raw HTML is not allowed in content"),
            ]
        );
        assert!(diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("delete the comment"));
        // The notes are not blocks: the text reads as if they were not there.
        assert_eq!(body.anchors().len(), 3);
    }

    #[test]
    fn only_comments_that_are_import_notes_are_notes() {
        assert_eq!(
            import_notes("<!-- import: a --> <!-- import:  b\n c -->"),
            Some(vec!["a".into(), "b c".into()])
        );
        assert_eq!(import_notes("<!-- import: a --> <b>"), None);
        assert_eq!(import_notes("<!-- a -->"), None);
        assert_eq!(import_notes(""), None);
    }
}

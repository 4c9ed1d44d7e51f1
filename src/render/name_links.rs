//! Links on the names of cited texts in a paragraph's HTML: the first place each name is
//! written as plain text, outside any link, becomes a link to the text's page. The names are
//! found in the paragraph's plain text by the resolve stage; here they are found again in its
//! HTML, where they are written the same way (escaped as Markdown escapes text).

use super::escape::{esc, escape};

/// A name to link, as the text writes it, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameLink {
    pub name: String,
    pub url: String,
}

/// `html` with the first free occurrence of each name linked. A name split by formatting
/// (`*Charte* des Nations Unies`) is not found in one run of text and stays unlinked.
pub fn link_names(html: &str, links: &[NameLink]) -> String {
    let mut out = html.to_string();
    for link in links {
        let needle = escape(&link.name, false);
        if let Some(at) = free_occurrence(&out, &needle) {
            let a = format!("<a class=\"cited-text\" href=\"{}\">", esc(&link.url));
            out.insert_str(at + needle.len(), "</a>");
            out.insert_str(at, &a);
        }
    }
    out
}

/// The byte offset of the first occurrence of `needle` in text outside tags and outside any
/// link, as a whole word.
fn free_occurrence(html: &str, needle: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let (mut i, mut in_link) = (0, 0usize);
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let end = html[i..]
                .find('>')
                .map(|e| i + e + 1)
                .unwrap_or(bytes.len());
            let tag = &html[i..end];
            if tag.starts_with("<a ") || tag == "<a>" {
                in_link += 1;
            } else if tag.starts_with("</a") {
                in_link = in_link.saturating_sub(1);
            }
            i = end;
            continue;
        }
        let next_tag = html[i..].find('<').map(|e| i + e).unwrap_or(bytes.len());
        if in_link == 0 {
            let run = &html[i..next_tag];
            let mut from = 0;
            while let Some(p) = run[from..].find(needle) {
                let start = from + p;
                let end = start + needle.len();
                if whole_word(run, start, end) {
                    return Some(i + start);
                }
                from = start + run[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        i = next_tag;
    }
    None
}

/// Whether `run[start..end]` is not part of a longer word.
fn whole_word(run: &str, start: usize, end: usize) -> bool {
    let before = run[..start].chars().next_back();
    let after = run[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(name: &str) -> NameLink {
        NameLink {
            name: name.to_string(),
            url: "/fr/references/charter/".to_string(),
        }
    }

    #[test]
    fn the_first_free_occurrence_is_linked() {
        let h = link_names(
            "conformément à la Charte des Nations Unies et à la Charte des Nations Unies",
            &[link("Charte des Nations Unies")],
        );
        assert_eq!(
            h,
            "conformément à la <a class=\"cited-text\" href=\"/fr/references/charter/\">Charte des Nations Unies</a> et à la Charte des Nations Unies"
        );
    }

    #[test]
    fn names_inside_links_tags_or_words_are_left_alone() {
        let name = [link("Charte")];
        let inside = "<a href=\"/x/\">la Charte</a> <span title=\"Charte\">Chartes</span>";
        assert_eq!(link_names(inside, &name), inside);
        let after = link_names("<a href=\"/x/\">la Charte</a> puis la Charte.", &name);
        assert!(
            after.ends_with(
                "puis la <a class=\"cited-text\" href=\"/fr/references/charter/\">Charte</a>."
            ),
            "{after}"
        );
    }

    #[test]
    fn names_are_found_as_markdown_escapes_them() {
        let h = link_names("le « Plan d'action » &amp; co", &[link("Plan d'action")]);
        assert!(h.contains(">Plan d'action</a>"), "{h}");
    }
}

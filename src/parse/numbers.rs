//! The small grammars inside a text: official numbers at the start of headings and items,
//! lettered paragraphs, pinned ids, footnote ids and cross-reference paths. Pure functions.

use crate::model::{Section, Slug};
/// `text {#id}` → (`text`, `id`) when the text ends with a pin.
pub(super) fn split_pin(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix('}')?;
    let open = body.rfind("{#")?;
    let id = &body[open + 2..];
    if id.contains(['{', '}']) {
        return None;
    }
    Some((body[..open].trim_end().to_string(), id.to_string()))
}

/// The id of the heading above a text's notes: no block of a text may take it.
pub const NOTES_ID: &str = "notes";

pub fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn footnote_id(label: &str) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("fn-{clean}")
}

/// The number of an ordered-list item from its source (`27. …` → `27`).
pub(super) fn item_number(src: &str) -> String {
    src.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .trim_start_matches('0')
        .to_string()
}

/// An official number at the start of a heading: `IV. Structure` → `IV`, `1. Réunions` → `1`,
/// `II` → `II`. Only Roman numerals I, V, X and Arabic digits count, followed by `.`, `)`,
/// a space or nothing, so that words such as "Introduction" are not mistaken for numbers.
pub fn heading_number(text: &str) -> Option<String> {
    let t = text.trim_start();
    let head: String = t
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X') || c.is_ascii_digit())
        .collect();
    if head.is_empty() {
        return None;
    }
    let roman = head.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let arabic = head.chars().all(|c| c.is_ascii_digit());
    if !(roman || arabic) {
        return None;
    }
    match t[head.len()..].chars().next() {
        None | Some('.') | Some(')') => Some(head),
        Some(c) if c.is_whitespace() => Some(head),
        _ => None,
    }
}

/// A paragraph lettered by the text: `a) D'une part…` → `a`.
pub fn lettered(text: &str) -> Option<String> {
    let mut chars = text.chars();
    let letter = chars.next()?;
    let closed = letter.is_ascii_lowercase() && chars.next() == Some(')');
    (closed && chars.next().is_none_or(|c| c.is_whitespace())).then(|| letter.to_string())
}

/// `documents/almaty-act-2002.md#para-27` → (`documents`, `almaty-act-2002`, `para-27`).
pub fn parse_xref(path: &str) -> Result<(Section, Slug, Option<String>), String> {
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (path, None),
    };
    let usage = "write @/<section>/<slug>.md or @/<section>/<slug>.md#<id>, e.g. @/documents/almaty-act-2002.md#para-27";
    let (section, file) = path.split_once('/').ok_or_else(|| usage.to_string())?;
    let stem = file.strip_suffix(".md").ok_or_else(|| usage.to_string())?;
    if let Some((slug, lang)) = stem.rsplit_once('.') {
        return Err(format!(
            "link to the text, not to one language's file: write @/{section}/{slug}.md (the link goes to the `{lang}` page only from `{lang}` pages)"
        ));
    }
    if !crate::load::is_valid_slug(stem) || section.contains('/') {
        return Err(usage.to_string());
    }
    if matches!(&fragment, Some(f) if f.is_empty()) {
        return Err(usage.to_string());
    }
    let Some(section) = Section::from_dir(section) else {
        let sections = Section::ALL.map(|s| s.dir()).join(", ");
        return Err(format!(
            "unknown section `{section}`: the sections are {sections}"
        ));
    };
    Ok((section, Slug::from(stem), fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers() {
        assert_eq!(
            heading_number("IV. Structure et institutions"),
            Some("IV".into())
        );
        assert_eq!(heading_number("II"), Some("II".into()));
        assert_eq!(heading_number("1. Réunions ordinaires"), Some("1".into()));
        assert_eq!(heading_number("Introduction"), None);
        assert_eq!(heading_number("Annexe I"), None);
        assert_eq!(heading_number("IVa"), None);
    }

    #[test]
    fn lettered_paragraphs() {
        assert_eq!(lettered("a) D'une part"), Some("a".into()));
        assert_eq!(lettered("b)"), Some("b".into()));
        assert_eq!(lettered("ab) x"), None);
        assert_eq!(lettered("A) x"), None);
    }

    #[test]
    fn pins_are_split_from_text() {
        assert_eq!(
            split_pin("Texte. {#my-id}"),
            Some(("Texte.".into(), "my-id".into()))
        );
        assert_eq!(split_pin("Texte {#x} "), Some(("Texte".into(), "x".into())));
        assert_eq!(split_pin("Texte {x}"), None);
        assert!(is_valid_id("annex-1"));
        assert!(!is_valid_id("Annex 1"));
        assert!(!is_valid_id("1-annex"));
    }

    #[test]
    fn xrefs_are_parsed_and_language_files_refused() {
        assert_eq!(
            parse_xref("documents/almaty-act-2002.md#para-27").unwrap(),
            (
                Section::Documents,
                "almaty-act-2002".into(),
                Some("para-27".into())
            )
        );
        let unknown = parse_xref("treaties/x.md").unwrap_err();
        assert!(unknown.contains("unknown section `treaties`"), "{unknown}");
        assert_eq!(parse_xref("documents/x.md").unwrap().2, None);
        assert!(parse_xref("documents/x.fr.md")
            .unwrap_err()
            .contains("@/documents/x.md"));
        assert!(parse_xref("x.md").is_err());
    }
}

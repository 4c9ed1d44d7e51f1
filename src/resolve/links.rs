//! Cross-references, in bodies and in front matter, point at entries and ids that exist.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Site, XRef};
use crate::source::Source;

/// Checks one cross-reference written in `from` (a file in language `lang`).
pub fn check(
    site: &Site,
    from: &Source,
    lang: &str,
    x: &XRef,
    default: &str,
) -> Result<(), Diagnostic> {
    let here = Location::at(from, x.span.start);
    let section = x.section;
    let Some((body, target)) = site.version(section, &x.slug, lang, default) else {
        let slugs = site.slugs(section);
        let help = match nearest(&x.slug, &slugs) {
            Some(s) => format!(
                "did you mean @/{}/{s}.md? (there is no content/{}/{}.{default}.md)",
                section.dir(),
                section.dir(),
                x.slug
            ),
            None => format!(
                "create content/{}/{}.{default}.md, or correct the slug",
                section.dir(),
                x.slug
            ),
        };
        return Err(
            Diagnostic::error(format!("`{}` links to a page that does not exist", x.raw))
                .at(here)
                .help(help),
        );
    };
    let Some(fragment) = &x.fragment else {
        return Ok(());
    };
    let anchors = body.anchors();
    if anchors.iter().any(|a| a.id == *fragment) {
        return Ok(());
    }
    let ids: Vec<&str> = anchors.iter().map(|a| a.id.as_str()).collect();
    let help = match nearest(fragment, &ids) {
        Some(id) => {
            format!("did you mean #{id}? (every ¶ link of the built page shows its block's id)")
        }
        None => "link to an id the target page has; docs/writing.md explains how ids are made"
            .to_string(),
    };
    Err(Diagnostic::error(format!(
        "`{}` links to `#{fragment}`, which {} does not have",
        x.raw,
        target.path.display()
    ))
    .at(here)
    .help(help))
}

/// The candidate closest to `word` by edit distance, if reasonably close.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (word.len().max(c.len()) / 2).max(2))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Date, DocumentFacts, DocumentKind, DocumentText, Entry, Numbering, Version,
    };
    use crate::parse::{anchors, markdown};
    use std::collections::BTreeMap;
    use std::sync::Arc;

    fn site() -> Site {
        let md = "1. Un\n\n2. Deux\n\n27. Vingt-sept\n";
        let src = Source::new("content/documents/act.fr.md", md.to_string());
        let (mut body, _) = markdown::parse(&src, 0..md.len());
        anchors::assign(&mut body, Numbering::Continuous);
        let text = DocumentText {
            title: "T".into(),
            short_title: "T".into(),
            summary: String::new(),
            place: String::new(),
            sessions: vec![],
            agenda_items: vec![],
            translation: None,
            draft: false,
        };
        let mut versions = BTreeMap::new();
        versions.insert(
            "fr".into(),
            Version {
                lang: "fr".into(),
                source: Arc::new(src),
                text,
                body,
            },
        );
        let facts = DocumentFacts {
            kind: DocumentKind::Act,
            date: Date {
                year: 2002,
                month: 6,
                day: 4,
            },
            letter_date: None,
            distributed: None,
            symbol: None,
            first_issued: None,
            original_languages: vec![],
            numbering: Numbering::Continuous,
            signatories: vec![],
        };
        let mut site = Site::default();
        site.documents.insert(
            "act".into(),
            Entry {
                slug: "act".into(),
                facts,
                versions,
            },
        );
        site
    }

    fn xref(raw: &str) -> XRef {
        let (section, slug, fragment) =
            markdown::parse_xref(raw.strip_prefix("@/").unwrap()).unwrap();
        XRef {
            section,
            slug,
            fragment,
            raw: raw.into(),
            span: 0..1,
        }
    }

    fn check_str(raw: &str) -> Result<(), Diagnostic> {
        let from = Source::new("content/documents/other.fr.md", "x".into());
        check(&site(), &from, "fr", &xref(raw), "fr")
    }

    #[test]
    fn existing_page_and_anchor_resolve() {
        assert!(check_str("@/documents/act.md").is_ok());
        assert!(check_str("@/documents/act.md#para-27").is_ok());
    }

    #[test]
    fn missing_anchor_suggests_the_nearest_id() {
        let e = check_str("@/documents/act.md#para-271").unwrap_err();
        assert!(e.message.contains("`#para-271`"), "{}", e.message);
        assert!(e.help.unwrap().contains("did you mean #para-27?"));
    }

    #[test]
    fn missing_page_suggests_the_nearest_slug() {
        let e = check_str("@/documents/akt.md#para-1").unwrap_err();
        assert!(e.message.contains("does not exist"));
        assert!(e.help.unwrap().contains("@/documents/act.md"));
        let e = check_str("@/states/act.md").unwrap_err();
        assert!(e.message.contains("does not exist"));
    }

    #[test]
    fn nearest_suggests_close_candidates_only() {
        assert_eq!(
            nearest("para-72", &["para-27", "para-7", "preamble"]),
            Some("para-7")
        );
        assert_eq!(nearest("zzzzzzzz", &["para-27"]), None);
    }
}

//! The only stage that sees the whole site: translations line up with their original,
//! cross-references point at pages and paragraphs that exist.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Anchor, Document, Section, Site, Version, XRef};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    /// A missing translation is an error, not a fallback.
    pub strict: bool,
}

pub fn resolve(site: &Site, config: &Config, options: ResolveOptions) -> Report {
    let mut report = Report::default();
    let default = &config.default_language;
    for doc in site.documents.values() {
        let original = &doc.versions[default];
        for lang in config.codes() {
            match doc.versions.get(lang) {
                Some(v) if lang != default => report.extend(parity(original, v)),
                None if options.strict => report.push(missing_translation(doc, original, lang)),
                _ => {}
            }
        }
        for v in doc.versions.values() {
            for x in &v.body.xrefs {
                if let Err(d) = check_xref(site, v, x, default) {
                    report.push(d);
                }
            }
        }
    }
    report
}

fn missing_translation(doc: &Document, original: &Version, lang: &str) -> Diagnostic {
    let path = original.source.path.to_string_lossy().replace('\\', "/");
    let target = path.replace(&format!(".{}.md", original.lang), &format!(".{lang}.md"));
    Diagnostic::error(format!("`{}` has no `{lang}` translation", doc.slug))
        .at(Location::file(&original.source.path))
        .help(format!(
            "add {target} (check --strict requires every language)"
        ))
}

/// A translation must have the same sequence of ids as its original; the first difference is
/// reported with a place in each file.
pub fn parity(original: &Version, translation: &Version) -> Option<Diagnostic> {
    let a: Vec<&Anchor> = original.body.anchors();
    let b: Vec<&Anchor> = translation.body.anchors();
    let i =
        (0..a.len().max(b.len())).find(|&i| a.get(i).map(|x| &x.id) != b.get(i).map(|x| &x.id))?;
    let (orig_src, tr_src) = (&original.source, &translation.source);
    let orig_name = orig_src.path.to_string_lossy().replace('\\', "/");
    let tr_name = tr_src.path.to_string_lossy().replace('\\', "/");
    let at = |v: &Version, list: &[&Anchor], i: usize| match list.get(i).or(list.last()) {
        Some(x) => Location::at(&v.source, x.span.start),
        None => Location::at(&v.source, v.source.text.len()),
    };
    let in_b: HashSet<&str> = b.iter().map(|x| x.id.as_str()).collect();
    let in_a: HashSet<&str> = a.iter().map(|x| x.id.as_str()).collect();
    let after = |list: &[&Anchor]| match i.checked_sub(1).and_then(|p| list.get(p)) {
        Some(prev) => format!("after `{}`", prev.id),
        None => "at the start".to_string(),
    };
    let d = match (a.get(i), b.get(i)) {
        (Some(x), _) if !in_b.contains(x.id.as_str()) => Diagnostic::error(format!(
            "`{}` has no counterpart in {tr_name}",
            x.id
        ))
        .at(Location::at(&original.source, x.span.start))
        .note(at(translation, &b, i), format!("{tr_name} has this block in its place"))
        .help(format!(
            "add the block to {tr_name} ({}), or pin matching ids in both files",
            after(&b)
        )),
        (_, Some(y)) if !in_a.contains(y.id.as_str()) => Diagnostic::error(format!(
            "`{}` in {tr_name} has no counterpart in {orig_name}",
            y.id
        ))
        .at(Location::at(&translation.source, y.span.start))
        .note(at(original, &a, i), format!("{orig_name} has this block in its place"))
        .help(format!(
            "remove the block from {tr_name}, join it to its neighbour, or add it to {orig_name} too"
        )),
        (Some(x), Some(y)) => Diagnostic::error(format!(
            "{tr_name} has its blocks in another order than {orig_name}: `{}` stands where `{}` should",
            y.id, x.id
        ))
        .at(Location::at(&translation.source, y.span.start))
        .note(Location::at(&original.source, x.span.start), format!("`{}` in {orig_name}", x.id))
        .help(format!("put the blocks of {tr_name} in the order of {orig_name}")),
        // One list is a prefix of the other; the longer side was handled above.
        _ => return None,
    };
    Some(d)
}

fn check_xref(site: &Site, from: &Version, x: &XRef, default: &str) -> Result<(), Diagnostic> {
    let here = Location::at(&from.source, x.span.start);
    let Some(section) = Section::from_dir(&x.section) else {
        let sections = Section::ALL.map(|s| s.dir()).join(", ");
        return Err(Diagnostic::error(format!(
            "`{}` links to an unknown section `{}`",
            x.raw, x.section
        ))
        .at(here)
        .help(format!("sections are: {sections}")));
    };
    let doc = match section {
        Section::Documents => site.documents.get(&x.slug),
    };
    let Some(doc) = doc else {
        let slugs: Vec<&str> = site.documents.keys().map(|s| s.as_str()).collect();
        let help = match nearest(&x.slug, &slugs) {
            Some(s) => format!(
                "did you mean @/{}/{s}.md? (no file content/{}/{}.*.md exists)",
                x.section, x.section, x.slug
            ),
            None => format!(
                "create content/{}/{}.{default}.md, or correct the slug",
                x.section, x.slug
            ),
        };
        return Err(
            Diagnostic::error(format!("`{}` links to a text that does not exist", x.raw))
                .at(here)
                .help(help),
        );
    };
    let Some(fragment) = &x.fragment else {
        return Ok(());
    };
    let target = doc
        .versions
        .get(&from.lang)
        .unwrap_or(&doc.versions[default]);
    let ids: Vec<&str> = target
        .body
        .anchors()
        .into_iter()
        .map(|a| a.id.as_str())
        .collect();
    if ids.contains(&fragment.as_str()) {
        return Ok(());
    }
    let help = match nearest(fragment, &ids) {
        Some(id) => {
            format!("did you mean #{id}? Ids are listed by hovering the ¶ links of the built page")
        }
        None => "link to an id that the target page has (see docs/writing.md for how ids are made)"
            .to_string(),
    };
    Err(Diagnostic::error(format!(
        "`{}` links to `#{fragment}`, which {} does not have",
        x.raw,
        target.source.path.display()
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
    use crate::model::{Body, DocumentText, Numbering};
    use crate::parse::{anchors, markdown};
    use crate::source::Source;
    use std::sync::Arc;

    fn version(lang: &str, md: &str) -> Version {
        let src = Source::new(format!("content/documents/x.{lang}.md"), md.to_string());
        let (mut body, d) = markdown::parse(&src, 0..md.len());
        assert!(d.is_empty());
        anchors::assign(&mut body, Numbering::Continuous);
        Version {
            lang: lang.into(),
            source: Arc::new(src),
            text: DocumentText {
                title: String::new(),
                short_title: String::new(),
                summary: String::new(),
                place: String::new(),
                sessions: vec![],
                agenda_items: vec![],
                translation: None,
                draft: false,
            },
            body,
        }
    }

    #[test]
    fn aligned_versions_pass() {
        let fr = version("fr", "1. Un\n\n2. Deux\n");
        let en = version("en", "1. One\n\n2. Two\n");
        assert_eq!(parity(&fr, &en), None);
    }

    #[test]
    fn missing_paragraph_points_at_the_original() {
        let fr = version("fr", "1. Un\n\n2. Deux\n\n3. Trois\n");
        let en = version("en", "1. One\n\n3. Three\n");
        let d = parity(&fr, &en).unwrap();
        assert!(
            d.message.contains("`para-2` has no counterpart"),
            "{}",
            d.message
        );
        let loc = d.location.unwrap();
        assert_eq!(
            (loc.file.to_str().unwrap(), loc.line),
            ("content/documents/x.fr.md", 3)
        );
        assert_eq!(d.notes[0].0.line, 3);
        assert!(d.help.unwrap().contains("after `para-1`"));
    }

    #[test]
    fn extra_and_reordered_paragraphs() {
        let fr = version("fr", "1. Un\n");
        let en = version("en", "1. One\n\nExtra\n");
        let d = parity(&fr, &en).unwrap();
        assert!(
            d.message
                .contains("`intro-1` in content/documents/x.en.md has no counterpart"),
            "{}",
            d.message
        );
        assert_eq!(d.location.unwrap().line, 3);

        let fr = version("fr", "1. Un\n\n2. Deux\n");
        let en = version("en", "2. Two\n\n1. One\n");
        let d = parity(&fr, &en).unwrap();
        assert!(d.message.contains("another order"), "{}", d.message);
    }

    #[test]
    fn nearest_suggests_close_ids_only() {
        assert_eq!(
            nearest("para-72", &["para-27", "para-7", "preamble"]),
            Some("para-7")
        );
        assert_eq!(nearest("zzzzzzzz", &["para-27"]), None);
    }

    #[test]
    fn empty_bodies_are_aligned() {
        let fr = version("fr", "");
        let en = version("en", "");
        assert_eq!(parity(&fr, &en), None);
        let _ = Body::default();
    }
}

//! A translation lines up with its original: the same ids, in the same order.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Anchor, Version};
use std::collections::HashSet;

/// A translation must have the same sequence of ids as its original; the first difference is
/// reported with a place in each file.
pub fn parity<T>(original: &Version<T>, translation: &Version<T>) -> Option<Diagnostic> {
    let a: Vec<&Anchor> = original.body.anchors();
    let b: Vec<&Anchor> = translation.body.anchors();
    let i =
        (0..a.len().max(b.len())).find(|&i| a.get(i).map(|x| &x.id) != b.get(i).map(|x| &x.id))?;
    let (orig_src, tr_src) = (&original.source, &translation.source);
    let orig_name = orig_src.path.to_string_lossy().replace('\\', "/");
    let tr_name = tr_src.path.to_string_lossy().replace('\\', "/");
    let at = |v: &Version<T>, list: &[&Anchor], i: usize| match list.get(i).or(list.last()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, DocumentText, Numbering};
    use crate::parse::{anchors, markdown};
    use crate::source::Source;
    use std::sync::Arc;

    fn version(lang: &str, md: &str) -> Version<DocumentText> {
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
    fn empty_bodies_are_aligned() {
        let fr = version("fr", "");
        let en = version("en", "");
        assert_eq!(parity(&fr, &en), None);
        let _ = Body::default();
    }
}

//! Discover content files under `content/` and read them. The only stage that touches the
//! content folder; everything after works on the loaded sources.

use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Lang, Section, Slug};
use crate::source::Source;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub const CONTENT_DIR: &str = "content";

/// A content file whose name has been checked: `content/{section}/{slug}.{lang}.md`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub section: Section,
    pub slug: Slug,
    pub lang: Lang,
    /// Shared with the parsed site, which keeps it for messages: read once, held once.
    pub source: std::sync::Arc<Source>,
}

/// Whether a file name is an editor's or the OS's by-product rather than content
/// (swap files, backups, `.DS_Store`): such files are never content and never an error.
pub fn is_scratch_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        // Vim probes a folder's writability with a file of this name before saving.
        || name == "4913"
}

/// Walks `content/`, reading every file. Problems (bad names, unreadable files, unknown
/// languages) are collected, not fatal, so one run reports all of them.
pub fn load(root: &Path, languages: &[&str]) -> (Vec<ContentFile>, Report) {
    let mut report = Report::default();
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        report.push(
            Diagnostic::error("there is no content/ folder")
                .at(Location::file(Path::new(CONTENT_DIR)))
                .help("create content/documents/ and write the texts there (see docs/writing.md)"),
        );
        return (Vec::new(), report);
    }
    let wanted = walk(root, &content, languages, &mut report);
    let files = read_all(wanted, &mut report);
    (files, report)
}

/// A content file found by the walk, not yet read: its path, its path from the site's root,
/// and what its name says.
type Found = (PathBuf, PathBuf, (Section, Slug, Lang));

/// Walks `content/` in file-name order, skipping scratch files and classifying the rest.
fn walk(root: &Path, content: &Path, languages: &[&str], report: &mut Report) -> Vec<Found> {
    let mut wanted = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_scratch_file(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                report.push(walk_error(root, &e));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = relative(root, entry.path());
        match classify(&rel, languages) {
            Ok(found) => wanted.push((entry.into_path(), rel, found)),
            Err(d) => report.push(d),
        }
    }
    wanted
}

/// A path the walk could not enter, most often a symbolic link that loops.
fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| relative(root, p))
        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    let what = if e.loop_ancestor().is_some() {
        "a symbolic link under content/ points back to one of its own parent folders".to_string()
    } else {
        format!("cannot read this path: {e}")
    };
    Diagnostic::error(what)
        .at(Location::file(&path))
        .help("remove the link or make it point outside content/")
}

/// Reads the files found, in parallel, kept in the walk's (sorted) order.
fn read_all(wanted: Vec<Found>, report: &mut Report) -> Vec<ContentFile> {
    use rayon::prelude::*;
    let read: Vec<_> = wanted
        .into_par_iter()
        .map(|(path, rel, (section, slug, lang))| {
            read(&path, &rel).map(|source| ContentFile {
                section,
                slug,
                lang,
                source: std::sync::Arc::new(source),
            })
        })
        .collect();
    let mut files = Vec::new();
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => report.push(d),
        }
    }
    files
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads a file as UTF-8, dropping a byte-order mark (some Windows editors write one).
pub fn read(path: &Path, rel: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the file: {e}"))
            .at(Location::file(rel))
            .help("check that the file exists and is readable")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(rel, text.to_string())),
        Err(e) => {
            // Point at the first bad byte: the text up to it is valid UTF-8.
            let good = &bytes[..e.valid_up_to()];
            let source = Source::new(rel, String::from_utf8_lossy(good).into_owned());
            Err(Diagnostic::error("the file is not valid UTF-8 text")
                .at(Location::at(&source, good.len()))
                .help("save the file as UTF-8 in your editor"))
        }
    }
}

/// Checks a content path, `content/{section}/{slug}.{lang}.md`, and splits it.
pub fn classify(rel: &Path, languages: &[&str]) -> Result<(Section, Slug, Lang), Diagnostic> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let sections = Section::ALL.map(|s| s.dir()).join(", ");
    let located =
        |msg: String, help: String| Diagnostic::error(msg).at(Location::file(rel)).help(help);
    let [_, dir, name] = parts.as_slice() else {
        return Err(located(
            "content files belong in a section folder, one level deep".to_string(),
            format!("move the file to content/<section>/, where <section> is one of: {sections}"),
        ));
    };
    let Some(section) = Section::from_dir(dir) else {
        return Err(located(
            format!("`{dir}` is not a content section"),
            format!("content sections are: {sections}"),
        ));
    };
    let Some(stem) = name.strip_suffix(".md") else {
        return Err(located(
            "only Markdown files (.md) belong under content/".to_string(),
            "remove the file, or rename it {slug}.{lang}.md if it is a text".to_string(),
        ));
    };
    let langs = languages.join(", ");
    let Some((slug, lang)) = stem.rsplit_once('.') else {
        return Err(located(
            "the file name has no language suffix".to_string(),
            format!("name it {stem}.{{lang}}.md, where {{lang}} is one of: {langs}"),
        ));
    };
    if !languages.contains(&lang) {
        return Err(located(
            format!("`{lang}` is not a language of this site"),
            format!("use one of the languages declared in charter.toml: {langs}"),
        ));
    }
    if !is_valid_slug(slug) {
        return Err(located(
            format!("`{slug}` is not a valid slug"),
            "a slug is English, lower-case ASCII letters, digits and hyphens, e.g. almaty-act-2002"
                .to_string(),
        ));
    }
    Ok((section, Slug::from(slug), Lang::from(lang)))
}

pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [&str; 2] = ["fr", "en"];

    #[test]
    fn classifies_a_good_path() {
        let (s, slug, lang) =
            classify(Path::new("content/documents/almaty-act-2002.fr.md"), &LANGS).unwrap();
        assert_eq!(
            (s, slug.as_str(), lang.as_str()),
            (Section::Documents, "almaty-act-2002", "fr")
        );
    }

    #[test]
    fn rejects_bad_paths_with_a_reason() {
        let cases = [
            ("content/documents/x.md", "no language suffix"),
            ("content/documents/x.de.md", "not a language"),
            ("content/documents/X_Y.fr.md", "not a valid slug"),
            ("content/documents/a..b.fr.md", "not a valid slug"),
            ("content/misc/x.fr.md", "not a content section"),
            ("content/x.fr.md", "section folder"),
            ("content/documents/x.fr.txt", "only Markdown"),
        ];
        for (path, why) in cases {
            let e = classify(Path::new(path), &LANGS).unwrap_err();
            assert!(e.message.contains(why), "{path}: {}", e.message);
            assert!(e.help.is_some());
        }
    }

    #[test]
    fn scratch_files_are_recognised() {
        for n in [
            ".x.md.swp",
            "x.md~",
            ".#x.md",
            "#x.md#",
            ".DS_Store",
            "4913.tmp",
        ] {
            assert!(is_scratch_file(n), "{n}");
        }
        assert!(!is_scratch_file("x.fr.md"));
    }
}

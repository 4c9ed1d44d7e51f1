//! Parse every loaded file: front matter, Markdown body, paragraph ids. Each document is
//! parsed independently (in parallel); problems are collected, not fatal.

pub mod anchors;
pub mod document;
pub mod front_matter;
pub mod markdown;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::load::ContentFile;
use crate::model::{Document, Site, Version};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Include texts marked `draft = true`.
    pub drafts: bool,
}

pub fn parse_site(
    files: Vec<ContentFile>,
    config: &Config,
    options: ParseOptions,
) -> (Site, Report) {
    let mut groups: BTreeMap<String, Vec<ContentFile>> = BTreeMap::new();
    for f in files {
        groups.entry(f.slug.clone()).or_default().push(f);
    }
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = groups
        .into_par_iter()
        .map(|(slug, files)| parse_document(slug, files, config, options))
        .collect();
    let mut site = Site::default();
    let mut report = Report::default();
    for (doc, diags) in results {
        report.extend(diags);
        if let Some(doc) = doc {
            site.documents.insert(doc.slug.clone(), doc);
        }
    }
    (site, report)
}

/// One document: the files of one slug, one per language.
pub fn parse_document(
    slug: String,
    files: Vec<ContentFile>,
    config: &Config,
    options: ParseOptions,
) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let default = &config.default_language;
    if !files.iter().any(|f| &f.lang == default) {
        for f in &files {
            diags.push(
                Diagnostic::error(format!(
                    "this translation has no {} original",
                    default_name(config)
                ))
                .at(Location::file(&f.source.path))
                .help(format!(
                    "add content/{}/{slug}.{default}.md, or check the slug in the file name",
                    f.section.dir()
                )),
            );
        }
        return (None, diags);
    }
    let sources: Vec<(String, Arc<crate::source::Source>)> = files
        .into_iter()
        .map(|f| (f.lang, Arc::new(f.source)))
        .collect();

    // Front matter of every version first: the default language's facts are needed by all.
    let mut metas = Vec::new();
    for (lang, source) in &sources {
        match front_matter::split(source) {
            Ok(split) => match document::parse_front_matter(source, split.front_matter) {
                Ok(fm) => metas.push((lang.clone(), source.clone(), split.body, fm)),
                Err(d) => diags.push(d),
            },
            Err(d) => diags.push(d),
        }
    }
    let Some(default_meta) = metas.iter().find(|(l, ..)| l == default) else {
        return (None, diags);
    };
    let facts = default_meta.3.facts(&mut diags);
    for (lang, _, _, fm) in &metas {
        if lang != default {
            fm.check_inherits(&default_meta.3, &mut diags);
        }
    }

    let mut versions = BTreeMap::new();
    for (lang, source, body_range, fm) in &metas {
        let text = fm.text(&mut diags);
        let (mut body, body_diags) = markdown::parse(source, body_range.clone());
        diags.extend(body_diags);
        let numbering = facts.as_ref().map(|f| f.numbering).unwrap_or_default();
        anchors::assign(&mut body, numbering);
        diags.extend(anchors::check_unique(&body, source));
        if let Some(text) = text {
            versions.insert(
                lang.clone(),
                Version {
                    lang: lang.clone(),
                    source: source.clone(),
                    text,
                    body,
                },
            );
        }
    }
    let Some(facts) = facts else {
        return (None, diags);
    };
    let Some(original) = versions.get(default) else {
        return (None, diags);
    };
    if original.text.draft && !options.drafts {
        return (None, diags);
    }
    (
        Some(Document {
            slug,
            facts,
            versions,
        }),
        diags,
    )
}

fn default_name(config: &Config) -> String {
    format!("`{}`", config.default_language)
}

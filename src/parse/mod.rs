//! Parse every loaded file: front matter, Markdown body, paragraph ids. Each entry (the files
//! of one slug) is parsed independently, in parallel; problems are collected, not fatal.

pub mod anchors;
mod blocks;
pub mod cbm;
pub mod document;
pub mod front_matter;
mod inline;
mod inline_html;
pub mod markdown;
pub mod numbers;
pub mod state;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::load::ContentFile;
use crate::model::{Entry, Lang, Numbering, Section, Site, Slug, Version};
use crate::source::Source;
use front_matter::FrontMatter;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Include texts marked `draft = true`.
    pub drafts: bool,
}

/// What differs between documents, CBMs and states: their front matter.
pub trait Kind {
    const SECTION: Section;
    type Raw: serde::de::DeserializeOwned;
    type Facts: Send;
    type Text: Send;

    /// The per-language fields of one file; every missing required field is reported.
    fn text(fm: &FrontMatter<Self::Raw>, out: &mut Vec<Diagnostic>) -> Option<Self::Text>;
    /// The language-neutral facts, from the default-language file.
    fn facts(fm: &FrontMatter<Self::Raw>, out: &mut Vec<Diagnostic>) -> Option<Self::Facts>;
    /// A translation may repeat a language-neutral fact but not contradict it.
    fn check_inherits(
        fm: &FrontMatter<Self::Raw>,
        from: &FrontMatter<Self::Raw>,
        out: &mut Vec<Diagnostic>,
    );

    fn numbering(_facts: &Self::Facts) -> Numbering {
        Numbering::Continuous
    }

    fn draft(_text: &Self::Text) -> bool {
        false
    }
}

pub fn parse_site(
    files: Vec<ContentFile>,
    config: &Config,
    options: ParseOptions,
) -> (Site, Report) {
    let mut groups: BTreeMap<(Section, Slug), Vec<ContentFile>> = BTreeMap::new();
    for f in files {
        groups
            .entry((f.section, f.slug.clone()))
            .or_default()
            .push(f);
    }
    let mut site = Site::default();
    let mut report = Report::default();
    let take = |section: Section, groups: &mut BTreeMap<(Section, Slug), Vec<ContentFile>>| {
        let keys: Vec<_> = groups
            .keys()
            .filter(|(s, _)| *s == section)
            .cloned()
            .collect();
        keys.into_iter()
            .map(|k| {
                let files = groups.remove(&k).unwrap_or_default();
                (k.1, files)
            })
            .collect::<Vec<_>>()
    };
    let documents = take(Section::Documents, &mut groups);
    let cbms = take(Section::Cbms, &mut groups);
    let states = take(Section::States, &mut groups);
    let (d, c, s) = (
        parse_all::<document::Documents>(documents, config, options),
        parse_all::<cbm::Cbms>(cbms, config, options),
        parse_all::<state::States>(states, config, options),
    );
    site.documents = d.0;
    site.cbms = c.0;
    site.states = s.0;
    report.extend(d.1);
    report.extend(c.1);
    report.extend(s.1);
    (site, report)
}

type Parsed<K> = (
    BTreeMap<Slug, Entry<<K as Kind>::Facts, <K as Kind>::Text>>,
    Vec<Diagnostic>,
);

fn parse_all<K: Kind>(
    groups: Vec<(Slug, Vec<ContentFile>)>,
    config: &Config,
    options: ParseOptions,
) -> Parsed<K> {
    let results: Vec<_> = groups
        .into_par_iter()
        .map(|(slug, files)| parse_entry::<K>(slug, files, config, options))
        .collect();
    let mut entries = BTreeMap::new();
    let mut diags = Vec::new();
    for (entry, d) in results {
        diags.extend(d);
        if let Some(e) = entry {
            entries.insert(e.slug.clone(), e);
        }
    }
    (entries, diags)
}

/// An entry, if its files make one, and the problems found in them.
type ParsedEntry<K> = (
    Option<Entry<<K as Kind>::Facts, <K as Kind>::Text>>,
    Vec<Diagnostic>,
);

/// One entry: the files of one slug, one per language.
pub fn parse_entry<K: Kind>(
    slug: Slug,
    files: Vec<ContentFile>,
    config: &Config,
    options: ParseOptions,
) -> ParsedEntry<K> {
    let mut diags = Vec::new();
    let default = &config.default_language;
    if !files.iter().any(|f| &f.lang == default) {
        for f in &files {
            diags.push(
                Diagnostic::error(format!("this translation has no `{default}` original"))
                    .at(Location::file(&f.source.path))
                    .help(format!(
                        "add content/{}/{slug}.{default}.md, or check the slug in the file name",
                        K::SECTION.dir()
                    )),
            );
        }
        return (None, diags);
    }
    let sources: Vec<(Lang, Arc<Source>)> = files.into_iter().map(|f| (f.lang, f.source)).collect();
    let guide = "docs/writing.md";

    // Front matter of every version first: the default language's facts are needed by all.
    let mut metas = Vec::new();
    for (lang, source) in &sources {
        let parsed = front_matter::split(source).and_then(|split| {
            front_matter::parse::<K::Raw>(source, split.front_matter, guide)
                .map(|fm| (split.body, fm))
        });
        match parsed {
            Ok((body, fm)) => metas.push((lang.clone(), source.clone(), body, fm)),
            Err(d) => diags.push(d),
        }
    }
    let Some(default_meta) = metas.iter().find(|(l, ..)| l == default) else {
        return (None, diags);
    };
    let facts = K::facts(&default_meta.3, &mut diags);
    for (lang, _, _, fm) in &metas {
        if lang != default {
            K::check_inherits(fm, &default_meta.3, &mut diags);
        }
    }
    let numbering = facts.as_ref().map(K::numbering).unwrap_or_default();

    let mut versions = BTreeMap::new();
    for (lang, source, body_range, fm) in &metas {
        let text = K::text(fm, &mut diags);
        let (mut body, body_diags) = markdown::parse(source, body_range.clone());
        diags.extend(body_diags);
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
    let (Some(facts), Some(original)) = (facts, versions.get(default)) else {
        return (None, diags);
    };
    if K::draft(&original.text) && !options.drafts {
        return (None, diags);
    }
    (
        Some(Entry {
            slug,
            facts,
            versions,
        }),
        diags,
    )
}

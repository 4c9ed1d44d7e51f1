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
mod notes;
pub mod numbers;
pub mod placeholders;
pub mod reference;
pub mod state;
pub mod topic;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::load::ContentFile;
use crate::model::{Entry, Lang, Numbering, Section, Site, Slug, Version};
use crate::source::Source;
use front_matter::FrontMatter;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Include texts marked `draft = true`.
    pub drafts: bool,
    /// `check --strict`: placeholders are errors, not warnings (see [`placeholders`]).
    pub strict: bool,
}

/// What differs between the kinds of entry: their front matter.
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
    let topics = take(Section::Topics, &mut groups);
    let references = take(Section::References, &mut groups);
    let (d, c, s) = (
        parse_all::<document::Documents>(documents, config, options),
        parse_all::<cbm::Cbms>(cbms, config, options),
        parse_all::<state::States>(states, config, options),
    );
    let (t, r) = (
        parse_all::<topic::Topics>(topics, config, options),
        parse_all::<reference::References>(references, config, options),
    );
    site.documents = d.0;
    site.cbms = c.0;
    site.states = s.0;
    site.topics = t.0;
    site.references = r.0;
    for diags in [d.1, c.1, s.1, t.1, r.1] {
        report.extend(diags);
    }
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
    let default = &config.default_language;
    if !files.iter().any(|f| &f.lang == default) {
        return (None, without_original::<K>(&slug, &files, default));
    }
    let mut diags = Vec::new();
    let sources: Vec<(Lang, Arc<Source>)> = files.into_iter().map(|f| (f.lang, f.source)).collect();

    // Front matter of every version first: the default language's facts are needed by all.
    let metas = front_matters::<K>(&sources, &mut diags);
    let Some(default_meta) = metas.iter().find(|m| &m.lang == default) else {
        return (None, diags);
    };
    let facts = K::facts(&default_meta.fm, &mut diags);
    for meta in &metas {
        if &meta.lang != default {
            K::check_inherits(&meta.fm, &default_meta.fm, &mut diags);
        }
    }
    let numbering = facts.as_ref().map(K::numbering).unwrap_or_default();

    let mut versions: BTreeMap<Lang, Version<K::Text>> = BTreeMap::new();
    for meta in &metas {
        if let Some(version) = version::<K>(meta, numbering, &mut diags) {
            versions.insert(meta.lang.clone(), version);
        }
    }
    let (Some(facts), Some(original)) = (facts, versions.get(default)) else {
        return (None, diags);
    };
    let original_draft = K::draft(&original.text);
    diags.extend(unfinished::<K>(&metas, &versions, default, options));
    if original_draft && !options.drafts {
        return (None, diags);
    }
    // A translation still in draft is left out like a missing one: the page falls back to
    // the original, with its notice, until the translator publishes it.
    if !options.drafts {
        versions.retain(|lang, v| lang == default || !K::draft(&v.text));
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

/// One error per file of an entry that has no file in the default language.
fn without_original<K: Kind>(
    slug: &Slug,
    files: &[ContentFile],
    default: &Lang,
) -> Vec<Diagnostic> {
    files
        .iter()
        .map(|f| {
            Diagnostic::error(format!("this translation has no `{default}` original"))
                .at(Location::file(&f.source.path))
                .help(format!(
                    "add content/{}/{slug}.{default}.md, or check the slug in the file name",
                    K::SECTION.dir()
                ))
        })
        .collect()
}

/// The placeholders left in the files of an entry (see [`placeholders`] for the rule): in a
/// file that is not a draft, and under `--strict` in the original even while it is a draft.
fn unfinished<K: Kind>(
    metas: &[Meta<'_, K::Raw>],
    versions: &BTreeMap<Lang, Version<K::Text>>,
    default: &Lang,
    options: ParseOptions,
) -> Vec<Diagnostic> {
    let draft = |lang: &Lang| versions.get(lang).is_some_and(|v| K::draft(&v.text));
    let original_draft = draft(default);
    metas
        .iter()
        .filter(|m| {
            let is_draft = original_draft || draft(&m.lang);
            !is_draft || (options.strict && &m.lang == default)
        })
        .flat_map(|m| {
            placeholders::check(
                &m.source,
                m.front_matter.clone(),
                m.body.clone(),
                options.strict,
            )
        })
        .collect()
}

/// One file's parsed front matter, with where it and the body lie.
struct Meta<'a, R> {
    lang: Lang,
    source: Arc<Source>,
    front_matter: Range<usize>,
    body: Range<usize>,
    fm: FrontMatter<'a, R>,
}

/// The front matter of every file that has a readable one; the others are reported.
fn front_matters<'a, K: Kind>(
    sources: &'a [(Lang, Arc<Source>)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Meta<'a, K::Raw>> {
    let guide = "docs/writing.md";
    let mut metas = Vec::new();
    for (lang, source) in sources {
        let parsed = front_matter::split(source).and_then(|split| {
            front_matter::parse::<K::Raw>(source, split.front_matter.clone(), guide)
                .map(|fm| (split, fm))
        });
        match parsed {
            Ok((split, fm)) => metas.push(Meta {
                lang: lang.clone(),
                source: source.clone(),
                front_matter: split.front_matter,
                body: split.body,
                fm,
            }),
            Err(d) => diags.push(d),
        }
    }
    metas
}

/// One language's version: its text fields and its body with paragraph anchors. The body is
/// parsed and checked even when the text fields are not complete, so that all problems show.
fn version<K: Kind>(
    meta: &Meta<'_, K::Raw>,
    numbering: Numbering,
    diags: &mut Vec<Diagnostic>,
) -> Option<Version<K::Text>> {
    let text = K::text(&meta.fm, diags);
    let (mut body, body_diags) = markdown::parse(&meta.source, meta.body.clone());
    diags.extend(body_diags);
    anchors::assign(&mut body, numbering);
    diags.extend(anchors::check_unique(&body, &meta.source));
    Some(Version {
        lang: meta.lang.clone(),
        source: meta.source.clone(),
        text: text?,
        body,
    })
}

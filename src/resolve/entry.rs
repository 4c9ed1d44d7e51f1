//! Resolving one entry: its cross-references point at pages and ids that exist, its
//! translations line up with the original, its measures name real states; and the citations
//! its links make.

use super::{links, parity, Citation, EntryResolution, Place, ResolveOptions};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Body, Entry, EntryKey, PageKey, Section, Site, Slug, XRef};
use crate::source::Source;

/// Problems and links of one entry.
pub fn resolve_entry(
    site: &Site,
    config: &Config,
    options: ResolveOptions,
    key: &EntryKey,
) -> EntryResolution {
    let mut out = EntryResolution::default();
    let (section, slug) = (key.section, key.slug.as_str());
    match section {
        Section::Documents => entry_links(
            section,
            &site.documents[slug],
            site,
            config,
            options,
            &mut out,
        ),
        Section::Cbms => {
            let cbm = &site.cbms[slug];
            entry_links(section, cbm, site, config, options, &mut out);
            let facts: Vec<&XRef> = std::iter::once(&cbm.facts.source)
                .chain(cbm.facts.coordinators.iter().map(|c| &c.row))
                .collect();
            let source = &cbm.versions[config.default_language.as_str()].source;
            fact_links(section, slug, source, &facts, site, config, &mut out);
            check_coordinators(
                site,
                cbm,
                config.default_language.as_str(),
                &mut out.diagnostics,
            );
        }
        Section::States => {
            let state = &site.states[slug];
            entry_links(section, state, site, config, options, &mut out);
            let source = &state.versions[config.default_language.as_str()].source;
            unsourced_names(state, &mut out.diagnostics);
            let facts = state_sources(&state.facts);
            fact_links(section, slug, source, &facts, site, config, &mut out);
        }
        Section::Topics => {
            let topic = &site.topics[slug];
            entry_links(section, topic, site, config, options, &mut out);
            let source = &topic.versions[config.default_language.as_str()].source;
            let facts: Vec<&XRef> = topic.facts.paragraphs.iter().collect();
            fact_links(section, slug, source, &facts, site, config, &mut out);
        }
        Section::References => {
            let reference = &site.references[slug];
            entry_links(section, reference, site, config, options, &mut out);
            let source = &reference.versions[config.default_language.as_str()].source;
            let facts = [&reference.facts.source];
            fact_links(section, slug, source, &facts, site, config, &mut out);
        }
    }
    out
}

/// Parity of translations, and the cross-references written in the bodies.
fn entry_links<F, T>(
    section: Section,
    entry: &Entry<F, T>,
    site: &Site,
    config: &Config,
    options: ResolveOptions,
    out: &mut EntryResolution,
) {
    let default = config.default_language.as_str();
    let original = &entry.versions[default];
    for lang in config.codes() {
        match entry.versions.get(lang) {
            Some(v) if lang != default => out.diagnostics.extend(parity::parity(original, v)),
            None if options.strict => out.diagnostics.push(missing_translation(
                section,
                &entry.slug,
                &original.source,
                default,
                lang,
            )),
            _ => {}
        }
    }
    for lang in config.codes() {
        // A missing translation is shown from the original: so are its links, checked once.
        let v = entry.version(lang, default);
        for x in &v.body.xrefs {
            let ok = v.lang != lang
                || match links::check(site, &v.source, lang, x, default) {
                    Ok(()) => true,
                    Err(d) => {
                        out.diagnostics.push(d);
                        false
                    }
                };
            if ok {
                let from = Place {
                    section,
                    slug: entry.slug.clone(),
                    block: block_at(&v.body, x.span.start),
                };
                push_citation(out, lang, from, x);
            }
        }
    }
}

/// Cross-references written as front-matter facts: they cite their sources in every language.
fn fact_links(
    section: Section,
    slug: &str,
    source: &Source,
    facts: &[&XRef],
    site: &Site,
    config: &Config,
    out: &mut EntryResolution,
) {
    let default = config.default_language.as_str();
    for x in facts {
        match links::check(site, source, default, x, default) {
            Ok(()) => {
                for lang in config.codes() {
                    push_citation(
                        out,
                        lang,
                        Place {
                            section,
                            slug: Slug::from(slug),
                            block: None,
                        },
                        x,
                    );
                }
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
}

fn push_citation(out: &mut EntryResolution, lang: &str, from: Place, x: &XRef) {
    out.citations.push((
        PageKey::new(lang, x.section, x.slug.clone()),
        Citation {
            from,
            to_block: x.fragment.clone(),
        },
    ));
}

/// The innermost citable block containing byte `offset`.
fn block_at(body: &Body, offset: usize) -> Option<String> {
    body.anchors()
        .into_iter()
        .filter(|a| a.span.start <= offset && offset < a.span.end)
        .min_by_key(|a| a.span.end - a.span.start)
        .map(|a| a.id.clone())
}

fn missing_translation(
    section: Section,
    slug: &str,
    original: &Source,
    default: &str,
    lang: &str,
) -> Diagnostic {
    Diagnostic::error(format!("`{slug}` has no `{lang}` translation"))
        .at(Location::file(&original.path))
        .help(format!(
            "add content/{}/{slug}.{lang}.md (the {default} file is {}; check --strict requires every language)",
            section.dir(),
            original.path.display()
        ))
}

fn check_coordinators(
    site: &Site,
    cbm: &crate::model::Cbm,
    default: &str,
    out: &mut Vec<Diagnostic>,
) {
    let src = &cbm.versions[default].source;
    for c in &cbm.facts.coordinators {
        if site.states.contains_key(&c.state) {
            continue;
        }
        let slugs = site.slugs(Section::States);
        let help = match links::nearest(&c.state, &slugs) {
            Some(s) => format!(
                "did you mean \"{s}\"? (no file content/states/{}.{default}.md)",
                c.state
            ),
            None => format!(
                "create content/states/{}.{default}.md, or use the slug of an existing state",
                c.state
            ),
        };
        out.push(
            Diagnostic::error(format!("coordinator `{}` is not a known state", c.state))
                .at(Location::at(src, c.state_span.start))
                .help(help),
        );
    }
}

/// The sources a state page cites for its facts.
fn state_sources(f: &crate::model::StateFacts) -> Vec<&XRef> {
    let mut facts: Vec<&XRef> = vec![&f.status_source];
    facts.extend(f.official_name_source.iter());
    facts.extend(f.joined.iter().map(|j| &j.source));
    facts.extend(f.chairs.iter().map(|c| &c.source));
    facts.extend(f.coordination.iter().map(|c| &c.row));
    facts
}

/// Every fact a state page shows cites its source: an official name without one is an error in
/// each file that gives it.
fn unsourced_names(state: &crate::model::State, out: &mut Vec<Diagnostic>) {
    if state.facts.official_name_source.is_some() {
        return;
    }
    for v in state.versions.values() {
        if v.text.official_name.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::error(format!(
                "the official name \"{}\" of `{}` has no source",
                v.text.official_name, state.slug
            ))
            .at(Location::at(&v.source, v.text.official_name_span.start))
            .help(
                "every fact on a state page cites a published text: add official_name_source = \"@/documents/<slug>.md#<id>\" (in the original-language file) pointing at a paragraph that uses this name, or remove official_name",
            ),
        );
    }
}

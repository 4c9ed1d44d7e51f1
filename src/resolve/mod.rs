//! The only stage that sees the whole site: translations line up with their original,
//! cross-references point at pages and ids that exist, CBMs name real states. It also builds
//! the [`Graph`] of who cites what and which paragraphs mention which state.

pub mod links;
pub mod mentions;
pub mod parity;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Body, Entry, Section, Site, XRef};
use crate::source::Source;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    /// A missing translation is an error, not a fallback.
    pub strict: bool,
}

/// A citable place: a page, or one block of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub section: Section,
    pub slug: String,
    pub block: Option<String>,
}

/// `from` links to a page, at `to_block` if the link has a fragment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Citation {
    pub from: Place,
    pub to_block: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub document: String,
    pub block: String,
    /// The words around the first match.
    pub excerpt: String,
}

/// Relations between pages, per language, computed once for the whole site.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// (language, target section, target slug) → who cites it, sorted.
    pub cited: HashMap<(String, Section, String), Vec<Citation>>,
    /// (language, state slug) → paragraphs of documents that name it, in reading order.
    pub mentions: HashMap<(String, String), Vec<Mention>>,
}

pub fn resolve(site: &Site, config: &Config, options: ResolveOptions) -> (Graph, Report) {
    let mut report = Report::default();
    let mut graph = Graph::default();
    let default = config.default_language.as_str();
    let langs: Vec<&str> = config.codes().collect();

    check_entries(
        Section::Documents,
        &site.documents,
        site,
        config,
        options,
        &mut report,
        &mut graph,
    );
    check_entries(
        Section::Cbms,
        &site.cbms,
        site,
        config,
        options,
        &mut report,
        &mut graph,
    );
    check_entries(
        Section::States,
        &site.states,
        site,
        config,
        options,
        &mut report,
        &mut graph,
    );

    // Facts written in front matter cite their sources in every language.
    let mut facts = |section: Section, slug: &str, source: &Source, x: &XRef| match links::check(
        site, source, default, x, default,
    ) {
        Ok(()) => {
            for lang in &langs {
                cite(
                    &mut graph,
                    lang,
                    Place {
                        section,
                        slug: slug.to_string(),
                        block: None,
                    },
                    x,
                );
            }
        }
        Err(d) => report.push(d),
    };
    let mut duplicates = Vec::new();
    let mut seen_numbers: BTreeMap<(crate::model::Area, u32), (&str, &Source)> = BTreeMap::new();
    for (slug, cbm) in &site.cbms {
        let src = &cbm.versions[default].source;
        facts(Section::Cbms, slug, src, &cbm.facts.source);
        for c in &cbm.facts.coordinators {
            facts(Section::Cbms, slug, src, &c.row);
        }
        let key = (cbm.facts.area, cbm.facts.number);
        if let Some((other, other_src)) = seen_numbers.get(&key) {
            duplicates.push(
                Diagnostic::error(format!(
                    "`{slug}` and `{other}` are both measure {} of {}",
                    key.1,
                    key.0.key()
                ))
                .at(Location::at(src, src.text.find("number").unwrap_or(0)))
                .note(
                    Location::at(other_src, other_src.text.find("number").unwrap_or(0)),
                    "the other measure",
                )
                .help("give each measure of an area its own number"),
            );
        } else {
            seen_numbers.insert(key, (slug, src));
        }
    }
    for (slug, state) in &site.states {
        let f = &state.facts;
        let src = &state.versions[default].source;
        facts(Section::States, slug, src, &f.status_source);
        if let Some(j) = &f.joined {
            facts(Section::States, slug, src, &j.source);
        }
        for c in &f.chairs {
            facts(Section::States, slug, src, &c.source);
        }
        for c in &f.coordination {
            facts(Section::States, slug, src, &c.row);
        }
    }
    report.extend(duplicates);
    check_coordinators(site, default, &mut report);
    find_mentions(site, config, &mut graph, &mut report);
    for list in graph.cited.values_mut() {
        list.sort();
        list.dedup();
    }
    (graph, report)
}

fn check_entries<F, T>(
    section: Section,
    entries: &BTreeMap<String, Entry<F, T>>,
    site: &Site,
    config: &Config,
    options: ResolveOptions,
    report: &mut Report,
    graph: &mut Graph,
) {
    let default = config.default_language.as_str();
    for entry in entries.values() {
        let original = &entry.versions[default];
        for lang in config.codes() {
            match entry.versions.get(lang) {
                Some(v) if lang != default => report.extend(parity::parity(original, v)),
                None if options.strict => report.push(missing_translation(
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
            // A missing translation is shown from the original: so are its links.
            let v = entry.version(lang, default);
            for x in &v.body.xrefs {
                if v.lang != lang {
                    // Checked once, with the original's own language.
                    let from = Place {
                        section,
                        slug: entry.slug.clone(),
                        block: block_at(&v.body, x.span.start),
                    };
                    cite(graph, lang, from, x);
                    continue;
                }
                match links::check(site, &v.source, lang, x, default) {
                    Ok(()) => {
                        let from = Place {
                            section,
                            slug: entry.slug.clone(),
                            block: block_at(&v.body, x.span.start),
                        };
                        cite(graph, lang, from, x);
                    }
                    Err(d) => report.push(d),
                }
            }
        }
    }
}

fn cite(graph: &mut Graph, lang: &str, from: Place, x: &XRef) {
    let Some(section) = Section::from_dir(&x.section) else {
        return;
    };
    graph
        .cited
        .entry((lang.to_string(), section, x.slug.clone()))
        .or_default()
        .push(Citation {
            from,
            to_block: x.fragment.clone(),
        });
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

fn check_coordinators(site: &Site, default: &str, report: &mut Report) {
    let slugs = site.slugs(Section::States);
    for cbm in site.cbms.values() {
        let src = &cbm.versions[default].source;
        for c in &cbm.facts.coordinators {
            if site.states.contains_key(&c.state) {
                continue;
            }
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
            report.push(
                Diagnostic::error(format!("coordinator `{}` is not a known state", c.state))
                    .at(Location::at(src, c.state_span.start))
                    .help(help),
            );
        }
    }
}

/// Finds every paragraph of every document that names a state, language by language.
fn find_mentions(site: &Site, config: &Config, graph: &mut Graph, report: &mut Report) {
    let default = config.default_language.as_str();
    // Documents in reading order: oldest first.
    let mut documents: Vec<_> = site.documents.values().collect();
    documents.sort_by(|a, b| {
        a.facts
            .date
            .cmp(&b.facts.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    for lang in config.codes() {
        let mut aliases: Vec<(String, String)> = Vec::new();
        let mut owner: HashMap<&str, &str> = HashMap::new();
        for (slug, state) in &site.states {
            let v = state.version(lang, default);
            for alias in &v.text.aliases {
                if let Some(other) = owner.get(alias.as_str()) {
                    if *other != slug.as_str() {
                        report.push(
                            Diagnostic::error(format!("alias \"{alias}\" is claimed by `{other}` and `{slug}`"))
                                .at(Location::at(&v.source, v.text.aliases_span.start))
                                .help("an alias must name one state only: remove it from one of the two files"),
                        );
                    }
                    continue;
                }
                owner.insert(alias, slug);
                aliases.push((slug.clone(), alias.clone()));
            }
        }
        if aliases.is_empty() {
            continue;
        }
        let matcher = mentions::Matcher::new(&aliases);
        let mut used = vec![false; aliases.len()];
        for doc in &documents {
            let v = doc.version(lang, default);
            let mut blocks = Vec::new();
            crate::model::visit(&v.body.nodes, &mut |b| {
                blocks.push((b.anchor().id.clone(), b.text()))
            });
            for f in &v.body.footnotes {
                crate::model::visit(&f.body, &mut |b| {
                    blocks.push((b.anchor().id.clone(), b.text()))
                });
            }
            for (id, text) in blocks {
                let found = matcher.find(&text);
                let mut states_here: Vec<&str> = Vec::new();
                for (state, pattern) in &found {
                    used[*pattern] = true;
                    if states_here.contains(&state.as_str()) {
                        continue;
                    }
                    states_here.push(state);
                    let alias = &aliases[*pattern].1;
                    let at = text.find(alias.as_str()).unwrap_or(0);
                    graph
                        .mentions
                        .entry((lang.to_string(), state.clone()))
                        .or_default()
                        .push(Mention {
                            document: doc.slug.clone(),
                            block: id.clone(),
                            excerpt: mentions::excerpt(&text, at, at + alias.len(), 70),
                        });
                }
            }
        }
        for (i, (slug, alias)) in aliases.iter().enumerate() {
            if used[i] {
                continue;
            }
            let v = site.states[slug].version(lang, default);
            if v.lang != lang {
                continue;
            }
            report.push(
                Diagnostic::warning(format!("alias \"{alias}\" of `{slug}` matches nothing in the {lang} texts"))
                    .at(Location::at(&v.source, v.text.aliases_span.start))
                    .help("check its spelling against the texts (whole words, exact case and accents), or remove it"),
            );
        }
    }
}

//! The only stage that sees the whole site: translations line up with their original,
//! cross-references point at pages and ids that exist, CBMs name real states. It also builds
//! the [`Graph`] of who cites what and which paragraphs mention which state.

pub mod links;
pub mod mentions;

use mentions::{mentions_in, unused_aliases, Matchers};
pub mod parity;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Body, Entry, EntryKey, Lang, PageKey, Section, Site, Slug, XRef};
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
    pub slug: Slug,
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
    pub document: Slug,
    pub block: String,
    /// The words around the first match.
    pub excerpt: String,
}

/// Relations between pages, per language, computed once for the whole site.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// A page → who cites it, sorted.
    pub cited: HashMap<PageKey, Vec<Citation>>,
    /// A state's page → for each document (keyed so that documents sort oldest first), the
    /// paragraphs that name the state, in reading order.
    pub mentions: HashMap<PageKey, BTreeMap<String, Vec<Mention>>>,
}

impl Graph {
    /// The paragraphs that name a state, documents oldest first.
    pub fn mentions_of(&self, lang: &str, state: &str) -> impl Iterator<Item = &Mention> {
        self.mentions
            .get(&PageKey::new(lang, Section::States, state))
            .into_iter()
            .flat_map(|by_doc| by_doc.values().flatten())
    }

    fn link(&mut self, r: &EntryResolution) {
        for (page, c) in &r.citations {
            let list = self.cited.entry(page.clone()).or_default();
            if let Err(i) = list.binary_search(c) {
                list.insert(i, c.clone());
            }
        }
    }

    fn unlink(&mut self, r: &EntryResolution) {
        for (page, c) in &r.citations {
            if let Some(list) = self.cited.get_mut(page) {
                if let Ok(i) = list.binary_search(c) {
                    list.remove(i);
                }
            }
        }
    }

    fn add_mentions(&mut self, doc: &DocMentions) {
        for m in &doc.found {
            self.mentions
                .entry(m.state_page())
                .or_default()
                .entry(doc.order.clone())
                .or_default()
                .push(m.mention.clone());
        }
    }

    fn remove_mentions(&mut self, doc: &DocMentions) {
        for m in &doc.found {
            if let Some(by_doc) = self.mentions.get_mut(&m.state_page()) {
                by_doc.remove(&doc.order);
            }
        }
    }
}

/// What resolving one entry found: its problems and the links it makes.
#[derive(Debug, Clone, Default)]
pub struct EntryResolution {
    pub diagnostics: Vec<Diagnostic>,
    /// The page cited → the citation, for every link the entry makes.
    pub citations: Vec<(PageKey, Citation)>,
}

/// A mention found in one document.
#[derive(Debug, Clone)]
pub struct FoundMention {
    pub lang: Lang,
    pub state: Slug,
    pub mention: Mention,
}

impl FoundMention {
    fn state_page(&self) -> PageKey {
        PageKey::new(self.lang.clone(), Section::States, self.state.clone())
    }
}

/// The mentions of states in one document, and which aliases matched there.
#[derive(Debug, Clone, Default)]
pub struct DocMentions {
    /// Sorts documents oldest first: date, then slug.
    pub order: String,
    pub found: Vec<FoundMention>,
    /// (language, alias) pairs that matched at least once.
    pub aliases_used: std::collections::BTreeSet<(Lang, String)>,
}

/// Everything the resolve stage knows, kept per entry so that an edit recomputes only what it
/// touches (see [`Resolution::update`]).
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub entries: HashMap<EntryKey, EntryResolution>,
    /// Document slug → mentions of states in it, all languages.
    pub mentions: HashMap<Slug, DocMentions>,
    /// Problems that concern several entries at once (duplicate numbers, aliases).
    pub global: Vec<Diagnostic>,
    pub graph: Graph,
}

fn keys(site: &Site) -> Vec<EntryKey> {
    Section::ALL
        .iter()
        .flat_map(|&s| {
            site.slugs(s)
                .into_iter()
                .map(move |slug| EntryKey::new(s, slug))
        })
        .collect()
}

impl Resolution {
    /// Resolves the whole site.
    pub fn full(site: &Site, config: &Config, options: ResolveOptions) -> Resolution {
        use rayon::prelude::*;
        let entries = keys(site)
            .into_par_iter()
            .map(|k| {
                let r = resolve_entry(site, config, options, &k);
                (k, r)
            })
            .collect();
        let (matchers, mut global) = Matchers::new(site, config);
        let mentions = site
            .documents
            .par_iter()
            .map(|(slug, _)| (slug.clone(), mentions_in(site, config, &matchers, slug)))
            .collect();
        global.extend(global_checks(site, config));
        let mut r = Resolution {
            entries,
            mentions,
            global,
            graph: Graph::default(),
        };
        r.global
            .extend(unused_aliases(site, config, &matchers, &r.mentions));
        r.graph = r.assemble();
        r
    }

    /// Re-resolves after the entries in `changed` were re-parsed (or removed): those entries
    /// and the entries that depend on them (`to_resolve_again`); mentions of the changed
    /// documents, or of every document when a state changed (its aliases may have).
    pub fn update(
        &mut self,
        site: &Site,
        config: &Config,
        options: ResolveOptions,
        changed: &[EntryKey],
    ) {
        for key in self.to_resolve_again(site, config, changed) {
            if let Some(old) = self.entries.remove(&key) {
                self.graph.unlink(&old);
            }
            let d = config.default_language.as_str();
            if site.version(key.section, &key.slug, d, d).is_some() {
                let r = resolve_entry(site, config, options, &key);
                self.graph.link(&r);
                self.entries.insert(key, r);
            }
        }
        let (matchers, mut global) = Matchers::new(site, config);
        let states_changed = changed.iter().any(|k| k.section == Section::States);
        if states_changed {
            // Aliases may have changed: look for every state in every document again.
            use rayon::prelude::*;
            self.mentions = site
                .documents
                .par_iter()
                .map(|(slug, _)| (slug.clone(), mentions_in(site, config, &matchers, slug)))
                .collect();
            self.graph.mentions.clear();
            for doc in self.mentions.values() {
                self.graph.add_mentions(doc);
            }
        } else {
            for EntryKey { section, slug } in changed {
                if *section != Section::Documents {
                    continue;
                }
                if let Some(old) = self.mentions.remove(slug) {
                    self.graph.remove_mentions(&old);
                }
                if site.documents.contains_key(slug) {
                    let found = mentions_in(site, config, &matchers, slug);
                    self.graph.add_mentions(&found);
                    self.mentions.insert(slug.clone(), found);
                }
            }
        }
        global.extend(global_checks(site, config));
        global.extend(unused_aliases(site, config, &matchers, &self.mentions));
        self.global = global;
    }

    /// The entries to resolve after `changed` were re-parsed: those, the entries that cite
    /// them, the measures that name a changed state as coordinator (by slug, not by a
    /// citation: a state removed or added changes whether the name is known), and any entry
    /// that had problems.
    fn to_resolve_again(
        &self,
        site: &Site,
        config: &Config,
        changed: &[EntryKey],
    ) -> std::collections::BTreeSet<EntryKey> {
        let mut todo: std::collections::BTreeSet<EntryKey> = changed.iter().cloned().collect();
        for key in changed {
            for lang in config.codes() {
                let page = PageKey {
                    lang: lang.into(),
                    entry: key.clone(),
                };
                if let Some(list) = self.graph.cited.get(&page) {
                    todo.extend(
                        list.iter()
                            .map(|c| EntryKey::new(c.from.section, c.from.slug.clone())),
                    );
                }
            }
        }
        let states: Vec<&Slug> = changed
            .iter()
            .filter(|k| k.section == Section::States)
            .map(|k| &k.slug)
            .collect();
        todo.extend(
            site.cbms
                .values()
                .filter(|c| {
                    c.facts
                        .coordinators
                        .iter()
                        .any(|x| states.contains(&&x.state))
                })
                .map(|c| EntryKey::new(Section::Cbms, c.slug.clone())),
        );
        todo.extend(
            self.entries
                .iter()
                .filter(|(_, r)| !r.diagnostics.is_empty())
                .map(|(k, _)| k.clone()),
        );
        todo
    }

    /// Every problem found, errors and warnings.
    pub fn report(&self) -> Report {
        let mut report = Report::default();
        for r in self.entries.values() {
            report.extend(r.diagnostics.iter().cloned());
        }
        report.extend(self.global.iter().cloned());
        report
    }

    fn assemble(&self) -> Graph {
        let mut graph = Graph::default();
        for r in self.entries.values() {
            graph.link(r);
        }
        for doc in self.mentions.values() {
            graph.add_mentions(doc);
        }
        graph
    }
}

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
            let mut facts: Vec<&XRef> = vec![&cbm.facts.source];
            facts.extend(cbm.facts.coordinators.iter().map(|c| &c.row));
            fact_links(
                section,
                slug,
                &cbm.versions[config.default_language.as_str()].source,
                &facts,
                site,
                config,
                &mut out,
            );
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
            let f = &state.facts;
            let mut facts: Vec<&XRef> = vec![&f.status_source];
            facts.extend(f.joined.iter().map(|j| &j.source));
            facts.extend(f.chairs.iter().map(|c| &c.source));
            facts.extend(f.coordination.iter().map(|c| &c.row));
            fact_links(
                section,
                slug,
                &state.versions[config.default_language.as_str()].source,
                &facts,
                site,
                config,
                &mut out,
            );
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

/// Checks across entries: two measures with one number.
fn global_checks(site: &Site, config: &Config) -> Vec<Diagnostic> {
    let default = config.default_language.as_str();
    let mut out = Vec::new();
    let mut seen: BTreeMap<(crate::model::Area, u32), (&str, &Source)> = BTreeMap::new();
    for (slug, cbm) in &site.cbms {
        let src = &cbm.versions[default].source;
        let key = (cbm.facts.area, cbm.facts.number);
        if let Some((other, other_src)) = seen.get(&key) {
            out.push(
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
            seen.insert(key, (slug, src));
        }
    }
    out
}

/// Resolves the whole site at once (what `build` and `check` do).
pub fn resolve(site: &Site, config: &Config, options: ResolveOptions) -> (Graph, Report) {
    let r = Resolution::full(site, config, options);
    let report = r.report();
    (r.graph, report)
}

//! The only stage that sees the whole site: translations line up with their original,
//! cross-references point at pages and ids that exist, CBMs name real states. It also builds
//! the [`Graph`] of who cites what and which paragraphs mention which state.

mod entry;
mod graph;
pub mod links;
pub mod mentions;
pub mod parity;

pub use entry::resolve_entry;
pub use graph::{Citation, DocMentions, FoundMention, Graph, Mention, Place};
use mentions::{mentions_in, unused_aliases, Matchers};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{EntryKey, PageKey, Section, Site, Slug};
use crate::source::Source;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    /// A missing translation is an error, not a fallback.
    pub strict: bool,
}

/// What resolving one entry found: its problems and the links it makes.
#[derive(Debug, Clone, Default)]
pub struct EntryResolution {
    pub diagnostics: Vec<Diagnostic>,
    /// The page cited → the citation, for every link the entry makes.
    pub citations: Vec<(PageKey, Citation)>,
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

    /// Re-resolves after the entries in `changed` were re-parsed (or removed): those entries,
    /// the entries that cite them, and any entry that had problems; mentions of the changed
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
        self.update_mentions(site, config, &matchers, changed);
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
    ) -> BTreeSet<EntryKey> {
        let mut todo: BTreeSet<EntryKey> = changed.iter().cloned().collect();
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

    /// Mentions of the changed documents, or of every document when a state changed (its
    /// aliases may have).
    fn update_mentions(
        &mut self,
        site: &Site,
        config: &Config,
        matchers: &Matchers,
        changed: &[EntryKey],
    ) {
        if changed
            .iter()
            .any(|k| matches!(k.section, Section::States | Section::References))
        {
            use rayon::prelude::*;
            self.mentions = site
                .documents
                .par_iter()
                .map(|(slug, _)| (slug.clone(), mentions_in(site, config, matchers, slug)))
                .collect();
            self.graph.mentions.clear();
            for doc in self.mentions.values() {
                self.graph.add_mentions(doc);
            }
            return;
        }
        for EntryKey { section, slug } in changed {
            if *section != Section::Documents {
                continue;
            }
            if let Some(old) = self.mentions.remove(slug) {
                self.graph.remove_mentions(&old);
            }
            if site.documents.contains_key(slug) {
                let found = mentions_in(site, config, matchers, slug);
                self.graph.add_mentions(&found);
                self.mentions.insert(slug.clone(), found);
            }
        }
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

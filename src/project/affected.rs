//! Which pages an edit can change: what other pages show of an entry is compared before and
//! after the edit, and only the pages that show something that changed are re-rendered.

use super::Project;
use crate::model::{EntryKey, Lang, PageKey, Section, Slug};
use crate::render::PageId;
use std::collections::{BTreeMap, BTreeSet};

impl Project {
    /// What other pages show of an entry, taken before and after an edit to compare.
    pub(super) fn snapshot(&self, key: &EntryKey) -> Snapshot {
        let (section, slug) = (key.section, key.slug.as_str());
        let (exists, listing, related) = match section {
            Section::Documents => match self.site.documents.get(slug) {
                Some(e) => {
                    let texts: Vec<_> = e
                        .versions
                        .values()
                        .map(|v| {
                            (
                                &v.lang,
                                &v.text.title,
                                &v.text.short_title,
                                &v.text.summary,
                                &v.text.place,
                            )
                        })
                        .collect();
                    let f = &e.facts;
                    (
                        true,
                        format!("{texts:?}{:?}{:?}{:?}", f.kind, f.date, f.symbol),
                        BTreeSet::new(),
                    )
                }
                None => (false, String::new(), BTreeSet::new()),
            },
            Section::Cbms => match self.site.cbms.get(slug) {
                Some(e) => {
                    let titles: Vec<_> = e
                        .versions
                        .values()
                        .map(|v| (&v.lang, &v.text.title))
                        .collect();
                    let f = &e.facts;
                    let related = f
                        .coordinators
                        .iter()
                        .map(|c| EntryKey::new(Section::States, c.state.clone()))
                        .collect();
                    (
                        true,
                        format!("{titles:?}{:?}{}{:?}", f.area, f.number, f.coordinators),
                        related,
                    )
                }
                None => (false, String::new(), BTreeSet::new()),
            },
            Section::States => match self.site.states.get(slug) {
                Some(e) => {
                    let names: Vec<_> = e
                        .versions
                        .values()
                        .map(|v| (&v.lang, &v.text.name, &v.text.official_name))
                        .collect();
                    let f = &e.facts;
                    let related = self
                        .site
                        .cbms
                        .values()
                        .filter(|c| c.facts.coordinators.iter().any(|x| x.state == slug))
                        .map(|c| EntryKey::new(Section::Cbms, c.slug.clone()))
                        .collect();
                    (
                        true,
                        format!(
                            "{names:?}{:?}{:?}{:?}{:?}{:?}",
                            f.status, f.kind, f.joined, f.chairs, f.coordination
                        ),
                        related,
                    )
                }
                None => (false, String::new(), BTreeSet::new()),
            },
        };
        let citations = self
            .resolution
            .entries
            .get(key)
            .map(|r| r.citations.clone())
            .unwrap_or_default();
        let mut mentions: BTreeMap<(Lang, Slug), Vec<(String, String)>> = BTreeMap::new();
        if section == Section::Documents {
            for m in self
                .resolution
                .mentions
                .get(slug)
                .map(|m| m.found.as_slice())
                .unwrap_or_default()
            {
                mentions
                    .entry((m.lang.clone(), m.state.clone()))
                    .or_default()
                    .push((m.mention.block.clone(), m.mention.excerpt.clone()));
            }
        }
        Snapshot {
            exists,
            listing,
            citations,
            mentions,
            related,
        }
    }

    /// The pages whose output can change when an entry goes from `before` to `after`: its own
    /// pages; the lists and the pages that show its title, if that changed; the pages it
    /// cites, if its citations changed; the measures and states that quote it; the states
    /// whose mentions in it changed.
    pub(super) fn affected(
        &self,
        key: &EntryKey,
        before: &Snapshot,
        after: &Snapshot,
    ) -> BTreeSet<PageId> {
        let mut entries: BTreeSet<EntryKey> = BTreeSet::new();
        entries.insert(key.clone());
        let relabelled = before.exists != after.exists || before.listing != after.listing;
        if relabelled || before.citations != after.citations {
            for (target, _) in before.citations.iter().chain(&after.citations) {
                entries.insert(target.entry.clone());
            }
        }
        if relabelled || before.related != after.related {
            entries.extend(before.related.iter().cloned());
            entries.extend(after.related.iter().cloned());
        }
        for lang in self.config.codes() {
            if let Some(list) = self.resolution.graph.cited.get(&PageKey {
                lang: lang.into(),
                entry: key.clone(),
            }) {
                for c in list {
                    // Measures and states quote what they cite; documents only link to it.
                    if c.from.section != Section::Documents || relabelled {
                        entries.insert(EntryKey::new(c.from.section, c.from.slug.clone()));
                    }
                }
            }
        }
        let states: BTreeSet<&(Lang, Slug)> = before
            .mentions
            .keys()
            .chain(after.mentions.keys())
            .collect();
        for k in states {
            // A state's page lists its mentions under each document's title.
            if relabelled || before.mentions.get(k) != after.mentions.get(k) {
                entries.insert(EntryKey::new(Section::States, k.1.clone()));
            }
        }
        let mut pages = BTreeSet::new();
        for lang in self.config.codes() {
            if relabelled {
                pages.insert(PageId::Home(lang.into()));
                for section in Section::ALL {
                    pages.insert(PageId::Index(lang.into(), section));
                }
            }
            for EntryKey { section, slug } in &entries {
                pages.insert(PageId::Page(lang.into(), *section, slug.clone()));
                if *section == Section::Documents {
                    pages.insert(PageId::Parallel(lang.into(), slug.clone()));
                }
            }
        }
        pages
    }
}

/// What other pages show of one entry (see [`Project::affected`]).
pub(super) struct Snapshot {
    exists: bool,
    /// Everything lists and labels show of it, in one comparable string.
    listing: String,
    citations: Vec<(PageKey, crate::resolve::Citation)>,
    /// (language, state) → (block, excerpt) of each mention, for documents.
    mentions: BTreeMap<(Lang, Slug), Vec<(String, String)>>,
    /// Measures a state coordinates, or states coordinating a measure.
    related: BTreeSet<EntryKey>,
}

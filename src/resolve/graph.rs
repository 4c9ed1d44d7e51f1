//! Relations between pages that the resolve stage finds: who cites what, and which paragraphs
//! mention which state.

use super::EntryResolution;
use crate::model::{EntryKey, Lang, PageKey, Section, Slug};
use std::collections::{BTreeMap, HashMap};

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
    /// The name as the text writes it (the alias that matched first).
    pub name: String,
    /// The words around the first match.
    pub excerpt: String,
}

/// Relations between pages, per language, computed once for the whole site.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// A page → who cites it, sorted.
    pub cited: HashMap<PageKey, Vec<Citation>>,
    /// A state's or a cited text's page → for each document (keyed so that documents sort
    /// oldest first), the paragraphs that name it, in reading order.
    pub mentions: HashMap<PageKey, BTreeMap<String, Vec<Mention>>>,
}

impl Graph {
    /// The paragraphs that name a state or a cited text, documents oldest first.
    pub fn mentions_of(
        &self,
        lang: &str,
        section: Section,
        slug: &str,
    ) -> impl Iterator<Item = &Mention> {
        self.mentions
            .get(&PageKey::new(lang, section, slug))
            .into_iter()
            .flat_map(|by_doc| by_doc.values().flatten())
    }

    pub(super) fn link(&mut self, r: &EntryResolution) {
        for (page, c) in &r.citations {
            let list = self.cited.entry(page.clone()).or_default();
            if let Err(i) = list.binary_search(c) {
                list.insert(i, c.clone());
            }
        }
    }

    pub(super) fn unlink(&mut self, r: &EntryResolution) {
        for (page, c) in &r.citations {
            if let Some(list) = self.cited.get_mut(page) {
                if let Ok(i) = list.binary_search(c) {
                    list.remove(i);
                }
            }
        }
    }

    pub(super) fn add_mentions(&mut self, doc: &DocMentions) {
        for m in &doc.found {
            self.mentions
                .entry(m.page())
                .or_default()
                .entry(doc.order.clone())
                .or_default()
                .push(m.mention.clone());
        }
    }

    pub(super) fn remove_mentions(&mut self, doc: &DocMentions) {
        for m in &doc.found {
            if let Some(by_doc) = self.mentions.get_mut(&m.page()) {
                by_doc.remove(&doc.order);
            }
        }
    }
}

/// A mention found in one document.
#[derive(Debug, Clone)]
pub struct FoundMention {
    pub lang: Lang,
    /// The state or cited text named.
    pub named: EntryKey,
    pub mention: Mention,
}

impl FoundMention {
    /// The page of what is named, in the language of the text.
    pub fn page(&self) -> PageKey {
        PageKey {
            lang: self.lang.clone(),
            entry: self.named.clone(),
        }
    }
}

/// The mentions of states and cited texts in one document, and which aliases matched there.
#[derive(Debug, Clone, Default)]
pub struct DocMentions {
    /// Sorts documents oldest first: date, then slug.
    pub order: String,
    pub found: Vec<FoundMention>,
    /// (language, alias) pairs that matched at least once.
    pub aliases_used: std::collections::BTreeSet<(Lang, String)>,
}

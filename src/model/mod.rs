//! The plain data that flows between the stages: what `parse` produces and `resolve` and
//! `render` read. No behaviour beyond small accessors.
//!
//! Here: sections, entries with their language versions, and the site that holds them all.
//! [`facts`]: the front matter of each kind of entry, language-neutral facts and per-language
//! texts. [`body`]: the Markdown of one file as a tree of citable blocks. [`inline`]: the
//! content of a block, rendered to HTML with the places the site fills in later.

pub mod body;
pub mod facts;
pub mod inline;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::source::Source;

pub use crate::names::{EntryKey, Lang, PageKey, Section, Slug};
pub use body::*;
pub use facts::*;
pub use inline::*;

/// One language version of an entry: its file, its per-language front matter, its body.
#[derive(Debug, Clone)]
pub struct Version<T> {
    pub lang: Lang,
    pub source: Arc<Source>,
    pub text: T,
    pub body: Body,
}

/// A document, CBM, state, topic or reference: language-neutral facts and one version per language present.
#[derive(Debug, Clone)]
pub struct Entry<F, T> {
    pub slug: Slug,
    pub facts: F,
    /// The versions that exist, keyed by language. The default language is always present.
    pub versions: BTreeMap<Lang, Version<T>>,
}

impl<F, T> Entry<F, T> {
    /// The version in `lang`, or the default-language version when there is no translation.
    pub fn version<'a>(&'a self, lang: &str, default: &str) -> &'a Version<T> {
        self.versions
            .get(lang)
            .unwrap_or_else(|| &self.versions[default])
    }
}

pub type Document = Entry<DocumentFacts, DocumentText>;
pub type Cbm = Entry<CbmFacts, CbmText>;
pub type State = Entry<StateFacts, StateText>;
pub type Topic = Entry<TopicFacts, TopicText>;
pub type Reference = Entry<ReferenceFacts, ReferenceText>;

/// Every entry of the site, keyed by slug (sorted, so iteration order is deterministic).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub documents: BTreeMap<Slug, Document>,
    pub cbms: BTreeMap<Slug, Cbm>,
    pub states: BTreeMap<Slug, State>,
    pub topics: BTreeMap<Slug, Topic>,
    pub references: BTreeMap<Slug, Reference>,
}

impl Site {
    /// The body and file of one version of any entry, for link checks and citations.
    pub fn version(
        &self,
        section: Section,
        slug: &str,
        lang: &str,
        default: &str,
    ) -> Option<(&Body, &Arc<Source>)> {
        fn pick<'a, F, T>(
            m: &'a BTreeMap<Slug, Entry<F, T>>,
            slug: &str,
            lang: &str,
            default: &str,
        ) -> Option<(&'a Body, &'a Arc<Source>)> {
            m.get(slug).map(|e| {
                let v = e.version(lang, default);
                (&v.body, &v.source)
            })
        }
        match section {
            Section::Documents => pick(&self.documents, slug, lang, default),
            Section::Cbms => pick(&self.cbms, slug, lang, default),
            Section::States => pick(&self.states, slug, lang, default),
            Section::Topics => pick(&self.topics, slug, lang, default),
            Section::References => pick(&self.references, slug, lang, default),
        }
    }

    pub fn slugs(&self, section: Section) -> Vec<&str> {
        match section {
            Section::Documents => self.documents.keys().map(|s| s.as_str()).collect(),
            Section::Cbms => self.cbms.keys().map(|s| s.as_str()).collect(),
            Section::States => self.states.keys().map(|s| s.as_str()).collect(),
            Section::Topics => self.topics.keys().map(|s| s.as_str()).collect(),
            Section::References => self.references.keys().map(|s| s.as_str()).collect(),
        }
    }
}

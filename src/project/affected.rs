//! Which pages an edit can change: what other pages show of an entry is compared before and
//! after the edit, and only the pages that show something that changed are re-rendered.

use super::Project;
use crate::model::{
    Area, Cbm, Chair, Coordination, Coordinator, Date, Document, DocumentKind, DocumentText,
    EntryKey, Joined, Lang, PageKey, Reference, Section, State, StateKind, Status, Topic,
};
use crate::render::PageId;
use crate::resolve::{Citation, Mention};
use std::collections::{BTreeMap, BTreeSet};

/// What other pages show of one entry (see [`Project::affected`]), as clones of the values
/// themselves, so that before and after an edit compare field by field.
pub(super) struct Snapshot {
    /// What lists and labels show of it; `None` when the entry does not exist.
    listing: Option<Listing>,
    /// The page cited and the citation, for every link the entry makes.
    citations: Vec<(PageKey, Citation)>,
    /// A state's page → the mentions on it that an edit of the entry can change: for a
    /// document, those in it; for a state, all of them, since aliases compete for the same
    /// words.
    mentions: BTreeMap<PageKey, Vec<Mention>>,
    /// Measures a state coordinates, or states coordinating a measure.
    related: BTreeSet<EntryKey>,
}

/// What lists, labels and the pages of other entries show of an entry, per section.
#[derive(Debug, PartialEq)]
enum Listing {
    Document(DocumentListing),
    Cbm(CbmListing),
    State(StateListing),
    Topic(TopicListing),
    Reference(ReferenceListing),
}

#[derive(Debug, PartialEq)]
struct TopicListing {
    /// Per language present: name and description.
    names: Vec<(Lang, String, String)>,
    /// The topic index shows how many paragraphs each topic has.
    paragraphs: usize,
}

#[derive(Debug, PartialEq)]
struct ReferenceListing {
    /// Per language present: the title.
    titles: Vec<(Lang, String)>,
    date: Option<Date>,
    year: Option<u16>,
    symbol: Option<String>,
}

fn topic_listing(e: &Topic) -> TopicListing {
    TopicListing {
        names: e
            .versions
            .values()
            .map(|v| {
                let t = &v.text;
                (v.lang.clone(), t.name.clone(), t.description.clone())
            })
            .collect(),
        paragraphs: e.facts.paragraphs.len(),
    }
}

fn reference_listing(e: &Reference) -> ReferenceListing {
    ReferenceListing {
        titles: e
            .versions
            .values()
            .map(|v| (v.lang.clone(), v.text.title.clone()))
            .collect(),
        date: e.facts.date,
        year: e.facts.year,
        symbol: e.facts.symbol.clone(),
    }
}

#[derive(Debug, PartialEq)]
struct DocumentListing {
    /// Per language present.
    labels: Vec<(Lang, DocumentLabels)>,
    kind: DocumentKind,
    date: Date,
    symbol: Option<String>,
}

/// The words that name a document wherever it is listed or cited.
#[derive(Debug, PartialEq)]
struct DocumentLabels {
    title: String,
    short_title: String,
    summary: String,
    place: String,
}

#[derive(Debug, PartialEq)]
struct CbmListing {
    /// Per language present: the title.
    titles: Vec<(Lang, String)>,
    area: Area,
    number: u32,
    coordinators: Vec<Coordinator>,
}

#[derive(Debug, PartialEq)]
struct StateListing {
    /// Per language present.
    names: Vec<(Lang, StateNames)>,
    status: Status,
    kind: StateKind,
    joined: Option<Joined>,
    chairs: Vec<Chair>,
    coordination: Vec<Coordination>,
}

#[derive(Debug, PartialEq)]
struct StateNames {
    name: String,
    official_name: String,
}

fn document_listing(e: &Document) -> DocumentListing {
    let labels = |t: &DocumentText| DocumentLabels {
        title: t.title.clone(),
        short_title: t.short_title.clone(),
        summary: t.summary.clone(),
        place: t.place.clone(),
    };
    DocumentListing {
        labels: e
            .versions
            .values()
            .map(|v| (v.lang.clone(), labels(&v.text)))
            .collect(),
        kind: e.facts.kind,
        date: e.facts.date,
        symbol: e.facts.symbol.clone(),
    }
}

fn cbm_listing(e: &Cbm) -> CbmListing {
    CbmListing {
        titles: e
            .versions
            .values()
            .map(|v| (v.lang.clone(), v.text.title.clone()))
            .collect(),
        area: e.facts.area,
        number: e.facts.number,
        coordinators: e.facts.coordinators.clone(),
    }
}

fn state_listing(e: &State) -> StateListing {
    let f = &e.facts;
    StateListing {
        names: e
            .versions
            .values()
            .map(|v| {
                let names = StateNames {
                    name: v.text.name.clone(),
                    official_name: v.text.official_name.clone(),
                };
                (v.lang.clone(), names)
            })
            .collect(),
        status: f.status,
        kind: f.kind,
        joined: f.joined.clone(),
        chairs: f.chairs.clone(),
        coordination: f.coordination.clone(),
    }
}

impl Project {
    /// What other pages show of an entry, taken before and after an edit to compare.
    pub(super) fn snapshot(&self, key: &EntryKey) -> Snapshot {
        let (listing, related) = match key.section {
            Section::Documents => (self.document_snapshot(&key.slug), BTreeSet::new()),
            Section::Cbms => self.cbm_snapshot(&key.slug),
            Section::States => self.state_snapshot(&key.slug),
            Section::Topics => (
                self.site
                    .topics
                    .get(&key.slug)
                    .map(|e| Listing::Topic(topic_listing(e))),
                BTreeSet::new(),
            ),
            Section::References => (
                self.site
                    .references
                    .get(&key.slug)
                    .map(|e| Listing::Reference(reference_listing(e))),
                BTreeSet::new(),
            ),
        };
        let citations = self
            .resolution
            .entries
            .get(key)
            .map(|r| r.citations.clone())
            .unwrap_or_default();
        let mentions = match key.section {
            Section::Documents => self.mentions_in(&key.slug),
            // Aliases compete for the same words, whoever owns them.
            Section::States | Section::References => self.all_mentions(),
            Section::Cbms | Section::Topics => BTreeMap::new(),
        };
        Snapshot {
            listing,
            citations,
            mentions,
            related,
        }
    }

    fn document_snapshot(&self, slug: &str) -> Option<Listing> {
        let e = self.site.documents.get(slug)?;
        Some(Listing::Document(document_listing(e)))
    }

    /// A measure's listing, and the states that coordinate it.
    fn cbm_snapshot(&self, slug: &str) -> (Option<Listing>, BTreeSet<EntryKey>) {
        let Some(e) = self.site.cbms.get(slug) else {
            return (None, BTreeSet::new());
        };
        let related = e
            .facts
            .coordinators
            .iter()
            .map(|c| EntryKey::new(Section::States, c.state.clone()))
            .collect();
        (Some(Listing::Cbm(cbm_listing(e))), related)
    }

    /// A state's listing, and the measures it coordinates.
    fn state_snapshot(&self, slug: &str) -> (Option<Listing>, BTreeSet<EntryKey>) {
        let Some(e) = self.site.states.get(slug) else {
            return (None, BTreeSet::new());
        };
        let related = self
            .site
            .cbms
            .values()
            .filter(|c| c.facts.coordinators.iter().any(|x| x.state == slug))
            .map(|c| EntryKey::new(Section::Cbms, c.slug.clone()))
            .collect();
        (Some(Listing::State(state_listing(e))), related)
    }

    /// The mentions of states in one document, by state page, in reading order.
    fn mentions_in(&self, slug: &str) -> BTreeMap<PageKey, Vec<Mention>> {
        let mut mentions: BTreeMap<PageKey, Vec<Mention>> = BTreeMap::new();
        let found = self
            .resolution
            .mentions
            .get(slug)
            .map(|m| m.found.as_slice());
        for m in found.unwrap_or_default() {
            let page = m.page();
            mentions.entry(page).or_default().push(m.mention.clone());
        }
        mentions
    }

    /// Every mention of every state, by state page, in the order the page lists them.
    fn all_mentions(&self) -> BTreeMap<PageKey, Vec<Mention>> {
        self.resolution
            .graph
            .mentions
            .iter()
            .map(|(k, by_doc)| (k.clone(), by_doc.values().flatten().cloned().collect()))
            .filter(|(_, list): &(_, Vec<Mention>)| !list.is_empty())
            .collect()
    }

    /// The pages whose output can change when an entry goes from `before` to `after`: its own
    /// pages; the lists and the pages that show its title, if that changed; the pages it
    /// cites, if its citations changed; the measures and states that quote it; the states
    /// whose mentions changed (in it, for a document; anywhere, for a state).
    pub(super) fn affected(
        &self,
        key: &EntryKey,
        before: &Snapshot,
        after: &Snapshot,
    ) -> BTreeSet<PageId> {
        let relabelled = before.listing != after.listing;
        let mut entries: BTreeSet<EntryKey> = BTreeSet::new();
        entries.insert(key.clone());
        entries.extend(linked(before, after, relabelled));
        entries.extend(self.quoting(key, relabelled));
        // State pages list mentions under the documents' titles, not under states' names.
        let retitled = relabelled && key.section == Section::Documents;
        let named = mentioned(before, after, retitled);
        // The list of cited texts counts the paragraphs that name each.
        let recounted = named.iter().any(|e| e.section == Section::References);
        entries.extend(named);
        let mut pages = self.pages_of(&entries);
        if relabelled {
            pages.extend(self.lists(key.section, before, after));
        }
        if recounted {
            for lang in self.config.codes() {
                pages.insert(PageId::Index(lang.into(), Section::References));
            }
        }
        pages
    }

    /// The home page and the lists that show an entry's labels. A topic or a cited text is
    /// listed only in its own section, and on the home page only as a count.
    fn lists(&self, section: Section, before: &Snapshot, after: &Snapshot) -> Vec<PageId> {
        let own = matches!(section, Section::Topics | Section::References);
        let counted = before.listing.is_some() != after.listing.is_some();
        let mut pages = Vec::new();
        for lang in self.config.codes() {
            if !own || counted {
                pages.push(PageId::Home(lang.into()));
            }
            for s in Section::ALL {
                if !own || s == section {
                    pages.push(PageId::Index(lang.into(), s));
                }
            }
        }
        pages
    }

    /// The entries that cite `key`, and show what changed of it: measures and states quote
    /// what they cite, whereas documents only link to it, with its title.
    fn quoting(&self, key: &EntryKey, relabelled: bool) -> BTreeSet<EntryKey> {
        let mut entries = BTreeSet::new();
        for lang in self.config.codes() {
            let page = PageKey {
                lang: lang.into(),
                entry: key.clone(),
            };
            for c in self.resolution.graph.cited.get(&page).into_iter().flatten() {
                if c.from.section != Section::Documents || relabelled {
                    entries.insert(EntryKey::new(c.from.section, c.from.slug.clone()));
                }
            }
        }
        entries
    }

    /// The pages of `entries` in every language.
    fn pages_of(&self, entries: &BTreeSet<EntryKey>) -> BTreeSet<PageId> {
        let mut pages = BTreeSet::new();
        for lang in self.config.codes() {
            for EntryKey { section, slug } in entries {
                pages.insert(PageId::Page(lang.into(), *section, slug.clone()));
                if *section == Section::Documents {
                    pages.insert(PageId::Parallel(lang.into(), slug.clone()));
                }
            }
        }
        pages
    }
}

/// The entries an entry links to, before and after, if the links or the entry's labels
/// changed: the pages it cites, and the measures or states it is coordinated with.
fn linked(before: &Snapshot, after: &Snapshot, relabelled: bool) -> BTreeSet<EntryKey> {
    let mut entries = BTreeSet::new();
    if relabelled || before.citations != after.citations {
        for (target, _) in before.citations.iter().chain(&after.citations) {
            entries.insert(target.entry.clone());
        }
    }
    if relabelled || before.related != after.related {
        entries.extend(before.related.iter().cloned());
        entries.extend(after.related.iter().cloned());
    }
    entries
}

/// The states and cited texts whose mentions changed, or all those a document mentions when it
/// was retitled: their pages list mentions under each document's title. A text links each
/// mention of a cited text, so the documents whose such mentions changed go too.
fn mentioned(before: &Snapshot, after: &Snapshot, retitled: bool) -> BTreeSet<EntryKey> {
    let pages: BTreeSet<&PageKey> = before
        .mentions
        .keys()
        .chain(after.mentions.keys())
        .collect();
    let mut entries = BTreeSet::new();
    for page in pages {
        let (was, is) = (before.mentions.get(page), after.mentions.get(page));
        if !retitled && was == is {
            continue;
        }
        entries.insert(page.entry.clone());
        if page.entry.section == Section::References {
            let documents = was.into_iter().chain(is).flatten();
            entries
                .extend(documents.map(|m| EntryKey::new(Section::Documents, m.document.clone())));
        }
    }
    entries
}

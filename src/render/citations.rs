//! Labels and links for citable places, and the "Cited in" lists built from the graph.

use super::views::{CitationGroup, LinkView};
use super::Renderer;
use crate::model::{PageKey, Section, Slug};
use crate::resolve::{Citation, Place};
use crate::urls;
use std::collections::BTreeMap;

/// `text` as it is, or cut at a word before `max` characters, with an ellipsis.
pub(super) fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(l, _)| l).unwrap_or(&cut);
    format!("{cut}…")
}

impl Renderer<'_> {
    /// The label of a page in a language: a document's short title, a CBM's number and title,
    /// a state's or a topic's name, a cited text's title.
    pub fn page_label(&self, lang: &str, section: Section, slug: &str) -> String {
        let d = self.default();
        match section {
            Section::Documents => self
                .site
                .documents
                .get(slug)
                .map(|e| e.version(lang, d).text.short_title.clone()),
            Section::Cbms => self.site.cbms.get(slug).map(|e| self.cbm_label(lang, e)),
            Section::States => self
                .site
                .states
                .get(slug)
                .map(|e| e.version(lang, d).text.name.clone()),
            Section::Topics => self
                .site
                .topics
                .get(slug)
                .map(|e| e.version(lang, d).text.name.clone()),
            Section::References => self
                .site
                .references
                .get(slug)
                .map(|e| e.version(lang, d).text.title.clone()),
        }
        .unwrap_or_else(|| slug.to_string())
    }

    /// How a citation names a page: a document by its short title, its date and its UN symbol
    /// where it has one ("Almaty Act (4 June 2002, A/57/483)"); any other page by its label.
    pub fn citation_title(&self, lang: &str, section: Section, slug: &str) -> String {
        let label = self.page_label(lang, section, slug);
        let Some(doc) = self
            .site
            .documents
            .get(slug)
            .filter(|_| section == Section::Documents)
        else {
            return label;
        };
        let date = self.date(lang, &doc.facts.date).display;
        match &doc.facts.symbol {
            Some(symbol) => format!("{label} ({date}, {symbol})"),
            None => format!("{label} ({date})"),
        }
    }

    pub fn place_url(&self, lang: &str, place: &Place) -> String {
        let mut url = self.rel(&urls::page(lang, place.section, &place.slug));
        if let Some(b) = &place.block {
            url.push('#');
            url.push_str(b);
        }
        url
    }

    /// "Almaty Act, para. 27", linked.
    pub fn place_link(&self, lang: &str, place: &Place) -> LinkView {
        let page = self.page_label(lang, place.section, &place.slug);
        let labels = place
            .block
            .as_ref()
            .and_then(|_| self.block_labels(place.section, &place.slug, lang));
        let block = place
            .block
            .as_ref()
            .and_then(|b| labels.as_ref()?.get(b).cloned());
        LinkView {
            label: match block {
                Some(b) => format!("{page}, {b}"),
                None => page,
            },
            url: self.place_url(lang, place),
        }
    }

    pub fn citations(&self, lang: &str, section: Section, slug: &str) -> &[Citation] {
        self.graph
            .cited
            .get(&PageKey::new(lang, section, slug))
            .map(|v| v.as_slice())
            .unwrap_or_default()
    }

    /// "Cited in", grouped by citing page; a page does not list its links to itself. A topic
    /// does not cite: the paragraphs it lists show it as a topic instead.
    pub fn cited_in(&self, lang: &str, section: Section, slug: &str) -> Vec<CitationGroup> {
        let mut groups: BTreeMap<(Section, Slug), Vec<LinkView>> = BTreeMap::new();
        for c in self.citations(lang, section, slug) {
            if (c.from.section == section && c.from.slug == slug)
                || c.from.section == Section::Topics
            {
                continue;
            }
            let link = self.place_link(lang, &c.from);
            let list = groups
                .entry((c.from.section, c.from.slug.clone()))
                .or_default();
            if c.from.block.is_some() && !list.contains(&link) {
                list.push(link);
            }
        }
        groups
            .into_iter()
            .map(|((s, slug), places)| CitationGroup {
                page: LinkView {
                    label: self.page_label(lang, s, &slug),
                    url: self.rel(&urls::page(lang, s, &slug)),
                },
                places,
            })
            .collect()
    }

    /// Citing places per cited block of a page, for the markers beside the blocks.
    pub fn cited_blocks(
        &self,
        lang: &str,
        section: Section,
        slug: &str,
    ) -> BTreeMap<String, Vec<LinkView>> {
        let mut out: BTreeMap<String, Vec<LinkView>> = BTreeMap::new();
        for c in self.citations(lang, section, slug) {
            if c.from.section == Section::Topics {
                continue;
            }
            if let Some(block) = &c.to_block {
                let link = self.place_link(lang, &c.from);
                let list = out.entry(block.clone()).or_default();
                if !list.contains(&link) {
                    list.push(link);
                }
            }
        }
        out
    }
}

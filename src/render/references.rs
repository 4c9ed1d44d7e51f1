//! Views of the texts the published texts cite: their list, and a page for each with what the
//! texts say of it and every paragraph that names it.

use super::views::{OtherTitle, ReferenceItem, ReferenceView};
use super::Renderer;
use crate::model::{Reference, Section};
use crate::urls;

impl Renderer<'_> {
    /// Every cited text: dated ones oldest first, then the others by title.
    pub fn reference_items(&self, lang: &str) -> Vec<ReferenceItem> {
        let mut items: Vec<ReferenceItem> = self
            .site
            .references
            .values()
            .map(|r| self.reference_item(lang, r))
            .collect();
        let year = |i: &ReferenceItem| {
            i.date
                .as_ref()
                .map(|d| d.iso.clone())
                .or_else(|| i.year.map(|y| format!("{y:04}")))
        };
        items.sort_by(|a, b| match (year(a), year(b)) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.slug.cmp(&b.slug)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => super::states::sort_key(&a.title)
                .cmp(&super::states::sort_key(&b.title))
                .then_with(|| a.slug.cmp(&b.slug)),
        });
        items
    }

    fn reference_item(&self, lang: &str, reference: &Reference) -> ReferenceItem {
        let t = &reference.version(lang, self.default()).text;
        let f = &reference.facts;
        let count = self
            .graph
            .mentions_of(lang, Section::References, &reference.slug)
            .count();
        ReferenceItem {
            slug: reference.slug.clone(),
            url: self.rel(&urls::page(lang, Section::References, &reference.slug)),
            title: t.title.clone(),
            date: f.date.as_ref().map(|d| self.date(lang, d)),
            year: f.year,
            symbol: f.symbol.clone(),
            count,
            count_label: self.paragraph_count(lang, count),
            fallback: !reference.versions.contains_key(lang),
        }
    }

    pub fn reference_view(&self, lang: &str, reference: &Reference) -> ReferenceView {
        let version = reference.version(lang, self.default());
        let mentions = self
            .graph
            .mentions_of(lang, Section::References, &reference.slug);
        let places: Vec<(&str, &str)> = mentions
            .map(|m| (m.document.as_str(), m.block.as_str()))
            .collect();
        let (body, backlinks) = self.body_html(lang, Section::References, reference);
        let s = self.strings(lang);
        let other_titles = reference
            .versions
            .values()
            .filter(|v| v.lang != version.lang)
            .map(|v| OtherTitle {
                lang: v.lang.clone(),
                language: s.get(&format!("lang_{}", v.lang)).to_string(),
                title: v.text.title.clone(),
            })
            .collect();
        ReferenceView {
            item: self.reference_item(lang, reference),
            other_titles,
            source: self.place_link(lang, &self.xref_place(&reference.facts.source)),
            groups: self.quote_groups(lang, places),
            body,
            text_lang: version.lang.clone(),
            backlinks,
        }
    }
}

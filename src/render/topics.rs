//! Views of topics: the list of topics, a topic's page quoting its paragraphs, and the topic
//! links a document page shows beside each paragraph.

use super::views::{LinkView, TopicItem, TopicView};
use super::Renderer;
use crate::model::{Section, Topic};
use crate::urls;
use std::collections::BTreeMap;

impl Renderer<'_> {
    /// Every topic, by name in the page's language.
    pub fn topic_items(&self, lang: &str) -> Vec<TopicItem> {
        let mut items: Vec<TopicItem> = self
            .site
            .topics
            .values()
            .map(|t| self.topic_item(lang, t))
            .collect();
        items.sort_by(|a, b| {
            super::states::sort_key(&a.name)
                .cmp(&super::states::sort_key(&b.name))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        items
    }

    fn topic_item(&self, lang: &str, topic: &Topic) -> TopicItem {
        let t = &topic.version(lang, self.default()).text;
        TopicItem {
            slug: topic.slug.clone(),
            url: self.rel(&urls::page(lang, Section::Topics, &topic.slug)),
            name: t.name.clone(),
            description: t.description.clone(),
            count: topic.facts.paragraphs.len(),
            count_label: self.paragraph_count(lang, topic.facts.paragraphs.len()),
            fallback: !topic.versions.contains_key(lang),
        }
    }

    pub fn topic_view(&self, lang: &str, topic: &Topic) -> TopicView {
        let version = topic.version(lang, self.default());
        let places = topic
            .facts
            .paragraphs
            .iter()
            .filter_map(|x| Some((x.slug.as_str(), x.fragment.as_deref()?)));
        let (body, _) = self.body_html(lang, Section::Topics, topic);
        TopicView {
            item: self.topic_item(lang, topic),
            groups: self.quote_groups(lang, places),
            body,
            text_lang: version.lang.clone(),
        }
    }

    /// "12 paragraphs".
    pub(super) fn paragraph_count(&self, lang: &str, n: usize) -> String {
        self.strings(lang)
            .get("topic_paragraphs")
            .replace("{n}", &n.to_string())
    }

    /// The topics of each paragraph of a document, by block id, each a link to its topic.
    pub fn topic_links(&self, lang: &str, document: &str) -> BTreeMap<String, Vec<LinkView>> {
        let mut out: BTreeMap<String, Vec<LinkView>> = BTreeMap::new();
        for c in self.citations(lang, Section::Documents, document) {
            let (Section::Topics, Some(block)) = (c.from.section, &c.to_block) else {
                continue;
            };
            let link = LinkView {
                label: self.page_label(lang, Section::Topics, &c.from.slug),
                url: self.rel(&urls::page(lang, Section::Topics, &c.from.slug)),
            };
            let list = out.entry(block.clone()).or_default();
            if !list.contains(&link) {
                list.push(link);
            }
        }
        for list in out.values_mut() {
            list.sort_by(|a, b| {
                super::states::sort_key(&a.label).cmp(&super::states::sort_key(&b.label))
            });
        }
        out
    }
}

//! Views of documents: the lists and the document page.

use super::views::{DocumentItem, DocumentView, FirstIssuedView};
use super::Renderer;
use crate::model::{Document, Section, TranslationStatus};
use crate::urls;

impl Renderer<'_> {
    pub fn document_items(&self, lang: &str) -> Vec<DocumentItem> {
        let mut items: Vec<DocumentItem> = self
            .site
            .documents
            .values()
            .map(|d| self.document_item(lang, d))
            .collect();
        // Newest first; ties by slug so the order never depends on anything else.
        items.sort_by(|a, b| {
            b.date
                .iso
                .cmp(&a.date.iso)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        items
    }

    fn document_item(&self, lang: &str, doc: &Document) -> DocumentItem {
        let t = &doc.version(lang, self.default()).text;
        DocumentItem {
            slug: doc.slug.clone(),
            title: t.title.clone(),
            short_title: t.short_title.clone(),
            url: self.rel(&urls::page(lang, Section::Documents, &doc.slug)),
            kind: self
                .strings(lang)
                .get(&format!("kind_{}", doc.facts.kind.name()))
                .to_string(),
            date: self.date(lang, &doc.facts.date),
            place: t.place.clone(),
            summary: t.summary.clone(),
            symbol: doc.facts.symbol.clone(),
            fallback: !doc.versions.contains_key(lang),
        }
    }

    pub fn document_view(&self, lang: &str, doc: &Document) -> DocumentView {
        let default = self.default();
        let version = doc.version(lang, default);
        let s = self.strings(lang);
        let (body, backlinks) = self.body_html(lang, Section::Documents, doc);
        let f = &doc.facts;
        DocumentView {
            item: self.document_item(lang, doc),
            letter_date: f.letter_date.as_ref().map(|d| self.date(lang, d)),
            distributed: f.distributed.as_ref().map(|d| self.date(lang, d)),
            original_languages: f
                .original_languages
                .iter()
                .map(|l| {
                    s.map
                        .get(&format!("lang_{l}"))
                        .cloned()
                        .unwrap_or_else(|| l.clone())
                })
                .collect(),
            sessions: version.text.sessions.clone(),
            agenda_items: version.text.agenda_items.clone(),
            body,
            text_lang: version.lang.clone(),
            unofficial: version.text.translation == Some(TranslationStatus::Unofficial),
            original_url: self.rel(&urls::page(default, Section::Documents, &doc.slug)),
            original_lang: default.into(),
            original_lang_name: s.get(&format!("lang_{default}")).to_string(),
            original_in_this_language: version.lang != default
                && f.original_languages.iter().any(|l| *l == *version.lang),
            first_issued: f.first_issued.as_ref().map(|i| FirstIssuedView {
                symbol: i.symbol.clone(),
                date: i.date.as_ref().map(|d| self.date(lang, d)),
            }),
            date_label: s.get(&format!("date_{}", f.kind.name())).to_string(),
            cite_title: self.citation_title(lang, Section::Documents, &doc.slug),
            meta: self.citation_meta(lang, doc),
            backlinks,
            outline: self.outline_view(lang, doc),
        }
    }
}

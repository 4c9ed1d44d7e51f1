//! Typed views handed to the templates: each template gets a checked shape, not a bag of
//! strings assembled key by key.

use serde::Serialize;

/// What every page has: language, URLs, alternates, navigation.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub lang: String,
    /// The page's own title (without the site title).
    pub title: String,
    pub description: String,
    /// Root-relative URL of this page (`/fr/documents/x/`).
    pub url: String,
    /// Absolute URL of this page.
    pub canonical: String,
    /// Prefix of every internal link (`/`, or `/sub/` when the site lives in a sub-folder).
    pub base_path: String,
    pub site_title: String,
    /// Absolute URL of the language chooser (`x-default`).
    pub root: String,
    /// Every language version of this page, this one included, for `hreflang` links.
    pub alternates: Vec<Alternate>,
    /// The other languages, for the language switcher.
    pub switcher: Vec<Alternate>,
    /// Which kind of page this is (`home`, `documents`, `document`), for navigation state.
    pub kind: &'static str,
    pub assets: Assets,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The language's name in that language (`Français`, `English`).
    pub name: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assets {
    pub css: String,
    pub js: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

/// A document in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentItem {
    pub slug: String,
    pub title: String,
    pub short_title: String,
    pub url: String,
    pub kind: String,
    pub date: DateView,
    pub place: String,
    pub summary: String,
    pub symbol: Option<String>,
    /// Shown in another language because this one has no translation yet.
    pub fallback: bool,
}

/// One document page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub item: DocumentItem,
    pub letter_date: Option<DateView>,
    pub distributed: Option<DateView>,
    pub original_languages: Vec<String>,
    pub sessions: Vec<String>,
    pub agenda_items: Vec<String>,
    /// The text, rendered, with ids and self-links.
    pub body: String,
    /// The language the text is shown in (differs from the page's when falling back).
    pub text_lang: String,
    /// This version is an unofficial translation.
    pub unofficial: bool,
    /// URL of the authoritative version (the default language).
    pub original_url: String,
    pub original_lang_name: String,
}

/// A language on the chooser page.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageChoice {
    pub lang: String,
    pub name: String,
    pub site_title: String,
    pub description: String,
    pub url: String,
    pub enter: String,
}

//! Typed views handed to the templates: each template gets a checked shape, not a bag of
//! strings assembled key by key.

use crate::model::{Lang, Slug};
use serde::Serialize;

/// What every page has: language, URLs, alternates, navigation.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub lang: Lang,
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
    pub lang: Lang,
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
    pub slug: Slug,
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
    pub text_lang: Lang,
    /// This version is an unofficial translation.
    pub unofficial: bool,
    /// URL of the authoritative version (the default language).
    pub original_url: String,
    /// The language of the authoritative version.
    pub original_lang: Lang,
    pub original_lang_name: String,
    /// This translation is in a language the text was originally written in, so its wording
    /// differs from the official text in that language.
    pub original_in_this_language: bool,
    /// The UN document the text was first issued as, and its date.
    pub first_issued: Option<FirstIssuedView>,
    /// The label of the text's date, which fits its kind ("Signed", "Adopted", "Date").
    pub date_label: String,
    /// How a citation names the text ("Almaty Act (4 June 2002)"), before a block's label.
    pub cite_title: String,
    /// What reference managers read in the head, and the downloads.
    pub meta: CitationMeta,
    pub backlinks: Backlinks,
    pub outline: OutlineView,
}

/// The outline of a text, beside it on its page and on its parallel view.
#[derive(Debug, Clone, Serialize)]
pub struct OutlineView {
    /// The text's top-level headings, with theirs nested under them.
    pub entries: Vec<OutlineEntry>,
    /// The language of the labels when it is not the page's (a text not yet translated).
    pub text_lang: Option<Lang>,
}

/// A heading in an outline: a link to it, its words and the numbered paragraphs it holds.
#[derive(Debug, Clone, Serialize)]
pub struct OutlineEntry {
    pub id: String,
    /// The heading's text, cut at a word if long.
    pub label: String,
    /// `par. 1–9`, `para. 5`; none when the heading holds no numbered paragraph, or paragraphs
    /// of parts that each number from 1.
    pub range: Option<String>,
    pub children: Vec<OutlineEntry>,
}

/// A language on the chooser page.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageChoice {
    pub lang: Lang,
    pub name: String,
    pub site_title: String,
    pub description: String,
    pub url: String,
    pub enter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkView {
    pub label: String,
    pub url: String,
}

/// A page that cites this one, with the places in it that do.
#[derive(Debug, Clone, Serialize)]
pub struct CitationGroup {
    pub page: LinkView,
    pub places: Vec<LinkView>,
}

/// A cited block of this page and who cites it.
#[derive(Debug, Clone, Serialize)]
pub struct CitedBlock {
    pub id: String,
    pub label: String,
    pub by: Vec<LinkView>,
}

/// What every content page (document, CBM, state) shows at its foot.
#[derive(Debug, Clone, Serialize)]
pub struct Backlinks {
    pub groups: Vec<CitationGroup>,
    pub blocks: Vec<CitedBlock>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CbmItem {
    pub slug: Slug,
    pub url: String,
    pub area: String,
    pub area_name: String,
    pub number: u32,
    pub title: String,
    /// "Économie 2".
    pub label: String,
    pub coordinators: Vec<LinkView>,
}

/// A coordinator-table row as the site links it: its wording and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct RowLink {
    pub wording: String,
    pub row: LinkView,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoordinatorView {
    /// The state (on a CBM page) or the measure (on a state page).
    pub who: LinkView,
    pub row: RowLink,
    pub approximate: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CbmView {
    #[serde(flatten)]
    pub item: CbmItem,
    /// The measure's text, from the paragraph that defines it.
    pub text: String,
    pub source: LinkView,
    pub coordinated: Vec<CoordinatorView>,
    /// States that coordinate the whole dimension, or one measure of it yet to be named.
    pub area_coordinators: Vec<AreaCoordination>,
    pub body: String,
    pub text_lang: Lang,
    pub fallback: bool,
    pub backlinks: Backlinks,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaCoordination {
    pub state: LinkView,
    pub area: String,
    pub area_name: String,
    pub scope: String,
    pub row: RowLink,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaGroup {
    pub key: String,
    pub name: String,
    pub cbms: Vec<CbmItem>,
    pub coordinated_by: Vec<AreaCoordination>,
}

/// One line of the "by coordinating state" view of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct CoordinatorLine {
    pub state: LinkView,
    pub cbms: Vec<CoordinatorView>,
    pub areas: Vec<AreaCoordination>,
    pub pending: Vec<RowLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StateItem {
    pub slug: Slug,
    pub url: String,
    pub name: String,
    pub iso: Option<String>,
    pub status: String,
    pub kind: String,
    pub joined: Option<u16>,
    pub fallback: bool,
}

/// The membership map of the states index, its legend's counts and the states it cannot show.
#[derive(Debug, Clone, Serialize)]
pub struct MembershipMapView {
    pub svg: String,
    pub members: usize,
    pub observers: usize,
    /// States with no ISO code, or none the atlas draws at its scale: named under the map.
    pub unmapped: Vec<StateItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StateGroup {
    pub key: String,
    pub name: String,
    pub states: Vec<StateItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourcedFact {
    pub text: String,
    pub source: LinkView,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionView {
    pub place: LinkView,
    pub excerpt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionGroup {
    pub document: LinkView,
    pub mentions: Vec<MentionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StateView {
    #[serde(flatten)]
    pub item: StateItem,
    pub official_name: String,
    /// The paragraph that gives the official name.
    pub official_name_source: Option<LinkView>,
    pub facts: Vec<SourcedFact>,
    pub coordinates: Vec<CoordinatorView>,
    pub areas: Vec<AreaCoordination>,
    pub pending: Vec<RowLink>,
    pub mentions: Vec<MentionGroup>,
    pub mention_count: usize,
    pub body: String,
    pub text_lang: Lang,
    pub fallback: bool,
    pub backlinks: Backlinks,
    /// A small map of the state among its neighbours (inline SVG).
    pub locator: Option<String>,
}

/// A collection on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct Collection {
    pub name: String,
    pub url: String,
    pub count: usize,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParallelView {
    pub title: String,
    pub document_url: String,
    /// The text's page, absolute: what its blocks' citations lead to.
    pub cite_url: String,
    /// One per language, the page's own first: its name and its document page.
    pub columns: Vec<LinkView>,
    /// The rows, rendered: one `.prow` per id, holding one `.pcell` per language with its
    /// `lang`, the first with the row's ¶ link.
    pub rows: String,
    pub outline: OutlineView,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: String,
    /// `document`, `accession` or `chairs`.
    pub kind: String,
    pub text: String,
    /// What states it.
    pub link: LinkView,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub state: LinkView,
    /// One per dimension, in the catalogue's order.
    pub cells: Vec<MatrixCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    /// The dimension of its column: on a phone, where the rows become lists, each cell says it.
    pub dimension: String,
    pub links: Vec<LinkView>,
}

/// Where a text was first issued.
#[derive(Debug, Clone, Serialize)]
pub struct FirstIssuedView {
    pub symbol: String,
    pub date: Option<DateView>,
}

/// A topic in the list of topics.
#[derive(Debug, Clone, Serialize)]
pub struct TopicItem {
    pub slug: Slug,
    pub url: String,
    pub name: String,
    pub description: String,
    /// How many paragraphs the topic lists, as a number and in words.
    pub count: usize,
    pub count_label: String,
    pub fallback: bool,
}

/// One paragraph quoted on a topic's or a cited text's page, linked to its place in its text.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// "Almaty Act, para. 16": the citation the text's own page gives the paragraph.
    pub cite: String,
    /// Its label within its text: "para. 16".
    pub label: String,
    /// Link to the paragraph on the text's page.
    pub url: String,
    /// The same, absolute, for the copy-citation control.
    pub cite_url: String,
    /// The paragraph rendered, without ids (the page quotes, the text holds the anchors).
    pub html: String,
    /// The language of the quoted text where it differs from the page's (a missing
    /// translation is quoted from the original).
    pub text_lang: Option<Lang>,
}

/// The paragraphs of one text quoted on a page, in the order of the text.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteGroup {
    pub document: LinkView,
    pub date: DateView,
    pub quotes: Vec<QuoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    #[serde(flatten)]
    pub item: TopicItem,
    /// The texts, oldest first, each with the paragraphs of the topic.
    pub groups: Vec<QuoteGroup>,
    pub body: String,
    pub text_lang: Lang,
}

/// A cited text in the list of cited texts.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceItem {
    pub slug: Slug,
    pub url: String,
    pub title: String,
    /// The full date, or the year alone, as the texts give it.
    pub date: Option<DateView>,
    pub year: Option<u16>,
    pub symbol: Option<String>,
    /// How many paragraphs name it, as a number and in words.
    pub count: usize,
    pub count_label: String,
    pub fallback: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceView {
    #[serde(flatten)]
    pub item: ReferenceItem,
    /// Its title in the site's other languages, as the texts of each give it.
    pub other_titles: Vec<OtherTitle>,
    /// The paragraph that gives its title, date or symbol.
    pub source: LinkView,
    /// The paragraphs that name it, texts oldest first.
    pub groups: Vec<QuoteGroup>,
    pub body: String,
    pub text_lang: Lang,
    pub backlinks: Backlinks,
}

/// A title in another language than the page's.
#[derive(Debug, Clone, Serialize)]
pub struct OtherTitle {
    pub lang: Lang,
    /// The language's name, in the page's language.
    pub language: String,
    pub title: String,
}

/// A text's citation metadata for its page's head, and its "Cite this text" downloads.
#[derive(Debug, Clone, Serialize)]
pub struct CitationMeta {
    pub title: String,
    /// ISO date, and as Highwire writes it (2002/06/04).
    pub date: String,
    pub date_slash: String,
    pub lang: String,
    pub publisher: String,
    pub symbol: Option<String>,
    /// The authoritative text, when this one is a translation.
    pub original_url: Option<String>,
    /// schema.org `Legislation`, serialized, safe inside a script element.
    pub json_ld: String,
    pub downloads: Vec<LinkView>,
    /// The Akoma Ntoso file of this text in this language, if it is written in it.
    pub akn: Option<String>,
}

//! The front matter of each kind of entry, once parsed: the facts every language shares and
//! the text each language writes.

use super::{Slug, XRef};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A calendar date, as written in front matter (`date = 2002-06-04`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Act,
    Declaration,
    Letter,
    Request,
}

impl DocumentKind {
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Act => "act",
            DocumentKind::Declaration => "declaration",
            DocumentKind::Letter => "letter",
            DocumentKind::Request => "request",
        }
    }
}

/// How a text numbers its paragraphs, which decides whether `para-N` is qualified by its part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// One sequence through the whole text: `para-27`.
    #[default]
    Continuous,
    /// Numbering restarts in each part: `ii-para-1`.
    PerPart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    Official,
    Unofficial,
}

/// Facts that do not depend on the language: written once in the default-language file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentFacts {
    pub kind: DocumentKind,
    pub date: Date,
    pub letter_date: Option<Date>,
    pub distributed: Option<Date>,
    pub symbol: Option<String>,
    /// Where the text was first issued, when the version published here was circulated again
    /// under another cover (the 2006 declaration, first a General Assembly document).
    pub first_issued: Option<FirstIssued>,
    pub original_languages: Vec<String>,
    pub numbering: Numbering,
    /// Who signed the transmittal letter, as the text names them (kept for the record).
    pub signatories: Vec<String>,
}

/// A UN document under which a text was first issued, and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstIssued {
    pub symbol: String,
    pub date: Option<Date>,
}

/// What is written per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentText {
    pub title: String,
    pub short_title: String,
    pub summary: String,
    pub place: String,
    pub sessions: Vec<String>,
    pub agenda_items: Vec<String>,
    pub translation: Option<TranslationStatus>,
    pub draft: bool,
}

/// The five dimensions of CICA's confidence-building measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    MilitaryPolitical,
    Economy,
    Environment,
    Human,
    NewThreats,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::MilitaryPolitical,
        Area::Economy,
        Area::Environment,
        Area::Human,
        Area::NewThreats,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Area::MilitaryPolitical => "military-political",
            Area::Economy => "economy",
            Area::Environment => "environment",
            Area::Human => "human",
            Area::NewThreats => "new-threats",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coordinator {
    pub state: Slug,
    /// Span of the state slug in the front matter, for messages.
    pub state_span: Range<usize>,
    pub row: XRef,
    pub approximate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CbmFacts {
    pub area: Area,
    pub number: u32,
    /// The paragraph that defines the measure.
    pub source: XRef,
    pub coordinators: Vec<Coordinator>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CbmText {
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Member,
    Observer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StateKind {
    #[default]
    State,
    Organization,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Whole,
    OneMeasure,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub year: u16,
    pub source: XRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chair {
    pub order: Option<u32>,
    pub source: XRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coordination {
    pub row: XRef,
    pub area: Option<Area>,
    pub scope: Option<Scope>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFacts {
    pub iso: Option<String>,
    pub status: Status,
    pub kind: StateKind,
    pub status_source: XRef,
    /// The paragraph of a published text that gives the official name.
    pub official_name_source: Option<XRef>,
    pub joined: Option<Joined>,
    pub chairs: Vec<Chair>,
    pub coordination: Vec<Coordination>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateText {
    pub name: String,
    /// Empty when the file gives none.
    pub official_name: String,
    /// Span of the `official_name` value, for messages.
    pub official_name_span: Range<usize>,
    pub aliases: Vec<String>,
    /// Span of the `aliases` value, for warnings.
    pub aliases_span: Range<usize>,
    /// Phrases that contain an alias without naming the state.
    pub not_mentions: Vec<String>,
}

/// A topic: the paragraphs that treat it, in the order the file lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicFacts {
    pub paragraphs: Vec<XRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicText {
    pub name: String,
    pub description: String,
}

/// A text the published texts cite: only what they say of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceFacts {
    /// The full date, where a published text gives it.
    pub date: Option<Date>,
    /// The year alone, where that is all the texts give.
    pub year: Option<u16>,
    pub symbol: Option<String>,
    /// A paragraph that names the text (and gives its date or symbol, if any).
    pub source: XRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceText {
    pub title: String,
    pub aliases: Vec<String>,
    /// Span of the `aliases` value, for warnings.
    pub aliases_span: Range<usize>,
    pub not_mentions: Vec<String>,
}

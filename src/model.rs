//! The plain data that flows between the stages: what `parse` produces and `resolve` and
//! `render` read. No behaviour beyond small accessors.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::source::Source;

/// A language code declared in the site config (`fr`, `en`).
pub type Lang = String;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Section {
    Documents,
}

impl Section {
    pub const ALL: [Section; 1] = [Section::Documents];

    /// The folder under `content/` and the URL segment.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Documents => "documents",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.dir() == dir)
    }
}

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
    pub original_languages: Vec<String>,
    pub numbering: Numbering,
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

/// One language version of a document: its file, its front matter and its parsed body.
#[derive(Debug, Clone)]
pub struct Version {
    pub lang: Lang,
    pub source: Arc<Source>,
    pub text: DocumentText,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub slug: String,
    pub facts: DocumentFacts,
    /// The versions that exist, keyed by language. The default language is always present.
    pub versions: BTreeMap<Lang, Version>,
}

/// Every document of the site, keyed by slug (sorted, so iteration order is deterministic).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub documents: BTreeMap<String, Document>,
}

// ---------------------------------------------------------------------------------------------
// Bodies: the Markdown of one file as a tree of citable blocks.

/// The id of a citable block and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    /// Byte span of the block in its source file.
    pub span: Range<usize>,
    /// The official number printed with the block (`27`, `IV`, `a`), if any.
    pub number: Option<String>,
    /// Whether the id was pinned in the source (`{#id}`).
    pub pinned: bool,
}

/// Inline content rendered to HTML once, at parse time. Cross-references appear in it as
/// `href="charter-xref:N"`, N indexing [`Body::xrefs`], and are substituted at render time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub html: String,
    /// The same content as plain text (citations, search, mentions).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Heading {
        anchor: Anchor,
        level: u8,
        /// Whether the heading opens a part (it has a pinned id or an official number).
        part: bool,
        content: Inline,
    },
    Paragraph {
        anchor: Anchor,
        content: Inline,
    },
    /// A paragraph the text numbers (`27.`): its first paragraph and any further blocks.
    Numbered {
        anchor: Anchor,
        content: Inline,
        rest: Vec<Node>,
    },
    List {
        ordered: Option<u64>,
        items: Vec<Item>,
    },
    Table {
        anchor: Anchor,
        alignments: Vec<Align>,
        head: Vec<Inline>,
        rows: Vec<Row>,
    },
    Quote {
        anchor: Anchor,
        body: Vec<Node>,
    },
    Code {
        anchor: Anchor,
        text: String,
    },
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub anchor: Anchor,
    pub content: Inline,
    pub rest: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub anchor: Anchor,
    pub cells: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub anchor: Anchor,
    pub label: String,
    pub body: Vec<Node>,
}

/// A link written as `@/section/slug.md#fragment`, to be resolved against the whole site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XRef {
    pub section: String,
    pub slug: String,
    pub fragment: Option<String>,
    /// The link as written, for messages.
    pub raw: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub nodes: Vec<Node>,
    pub footnotes: Vec<Footnote>,
    pub xrefs: Vec<XRef>,
}

impl Body {
    /// Every anchor in document order (footnotes last, as they are rendered).
    pub fn anchors(&self) -> Vec<&Anchor> {
        let mut out = Vec::new();
        collect_anchors(&self.nodes, &mut out);
        for f in &self.footnotes {
            out.push(&f.anchor);
            collect_anchors(&f.body, &mut out);
        }
        out
    }
}

fn collect_anchors<'a>(nodes: &'a [Node], out: &mut Vec<&'a Anchor>) {
    for node in nodes {
        match node {
            Node::Heading { anchor, .. }
            | Node::Paragraph { anchor, .. }
            | Node::Code { anchor, .. } => out.push(anchor),
            Node::Numbered { anchor, rest, .. } => {
                out.push(anchor);
                collect_anchors(rest, out);
            }
            Node::List { items, .. } => {
                for item in items {
                    out.push(&item.anchor);
                    collect_anchors(&item.rest, out);
                }
            }
            Node::Table { anchor, rows, .. } => {
                out.push(anchor);
                out.extend(rows.iter().map(|r| &r.anchor));
            }
            Node::Quote { anchor, body } => {
                out.push(anchor);
                collect_anchors(body, out);
            }
            Node::Rule => {}
        }
    }
}

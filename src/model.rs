//! The plain data that flows between the stages: what `parse` produces and `resolve` and
//! `render` read. No behaviour beyond small accessors.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::source::Source;

pub use crate::names::{EntryKey, Lang, PageKey, Slug};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Section {
    Documents,
    Cbms,
    States,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Documents, Section::Cbms, Section::States];

    /// The folder under `content/` and the URL segment.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Documents => "documents",
            Section::Cbms => "cbms",
            Section::States => "states",
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

/// One language version of an entry: its file, its per-language front matter, its body.
#[derive(Debug, Clone)]
pub struct Version<T> {
    pub lang: Lang,
    pub source: Arc<Source>,
    pub text: T,
    pub body: Body,
}

/// A document, CBM or state: language-neutral facts and one version per language present.
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
    pub joined: Option<Joined>,
    pub chairs: Vec<Chair>,
    pub coordination: Vec<Coordination>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateText {
    pub name: String,
    pub official_name: String,
    pub aliases: Vec<String>,
    /// Span of the `aliases` value, for warnings.
    pub aliases_span: Range<usize>,
}

/// Every entry of the site, keyed by slug (sorted, so iteration order is deterministic).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub documents: BTreeMap<Slug, Document>,
    pub cbms: BTreeMap<Slug, Cbm>,
    pub states: BTreeMap<Slug, State>,
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
        }
    }

    pub fn slugs(&self, section: Section) -> Vec<&str> {
        match section {
            Section::Documents => self.documents.keys().map(|s| s.as_str()).collect(),
            Section::Cbms => self.cbms.keys().map(|s| s.as_str()).collect(),
            Section::States => self.states.keys().map(|s| s.as_str()).collect(),
        }
    }
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

/// Inline content rendered to HTML once, at parse time, with the places where rendering writes
/// what only the whole site or the page knows (see [`Slot`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    html: String,
    /// The same content as plain text (citations, search, mentions), when it differs from
    /// the HTML: most paragraphs are plain text, and their text is not held twice.
    text: Option<String>,
    /// The places to fill in `html`, in order. Most content has none: an empty boxed slice is
    /// two words and no allocation.
    slots: Box<[Slot]>,
}

// Held for every paragraph of the site at once: no bigger than eight words.
const _: () = assert!(std::mem::size_of::<Inline>() <= 8 * std::mem::size_of::<usize>());

impl Inline {
    /// `slots` must be in order, each at a character boundary of `html`.
    pub fn new(mut html: String, text: String, slots: Vec<Slot>) -> Inline {
        // Held for the whole build: no room to grow.
        html.shrink_to_fit();
        let text = (text != html).then_some(text);
        Inline {
            html,
            text,
            slots: slots.into_boxed_slice(),
        }
    }

    /// The HTML as parsed, with every slot empty.
    pub fn html(&self) -> &str {
        &self.html
    }

    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The content as plain text, each run of whitespace one space.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or(&self.html)
    }
}

/// A place in an [`Inline`]'s HTML where rendering writes something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Byte offset in the HTML: the fill goes just before this byte.
    pub at: usize,
    pub fill: Fill,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    /// The URL of [`Body::xrefs`]`[n]`, inside the quotes of an `href` (or an image's `src`).
    XRef(usize),
    /// The first call of footnote `id` (`fn-1`), just before its link's `>`: where the call's
    /// own attribute goes, the id the note links back to in a body.
    NoteCall(String),
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
    pub section: Section,
    pub slug: Slug,
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
    /// The block with this id, searching nested blocks too.
    pub fn find(&self, id: &str) -> Option<Block<'_>> {
        let mut found = None;
        visit(&self.nodes, &mut |b| {
            if found.is_none() && b.anchor().id == id {
                found = Some(b);
            }
        });
        found
    }

    /// Every anchor in document order (footnotes last, as they are rendered).
    pub fn anchors(&self) -> Vec<&Anchor> {
        let mut out = Vec::new();
        visit(&self.nodes, &mut |b| out.push(b.anchor()));
        for f in &self.footnotes {
            out.push(&f.anchor);
            visit(&f.body, &mut |b| out.push(b.anchor()));
        }
        out
    }
}

/// A citable block seen from outside: a node, a list item or a table row.
#[derive(Debug, Clone, Copy)]
pub enum Block<'a> {
    Node(&'a Node),
    Item(&'a Item),
    Row(&'a Row),
}

impl<'a> Block<'a> {
    pub fn anchor(&self) -> &'a Anchor {
        match self {
            Block::Node(n) => n.anchor().expect("visited nodes have anchors"),
            Block::Item(i) => &i.anchor,
            Block::Row(r) => &r.anchor,
        }
    }

    /// The block's own inline content: one, or a row's cells.
    pub fn inlines(&self) -> &'a [Inline] {
        match self {
            Block::Node(Node::Heading { content, .. })
            | Block::Node(Node::Paragraph { content, .. })
            | Block::Node(Node::Numbered { content, .. }) => std::slice::from_ref(content),
            Block::Item(i) => std::slice::from_ref(&i.content),
            Block::Row(r) => &r.cells,
            Block::Node(_) => &[],
        }
    }

    /// The block's own text: what mentions are searched in.
    pub fn text(&self) -> String {
        self.text_ref().into_owned()
    }

    /// The block's own text, borrowed from the parsed body where it is held as is.
    pub fn text_ref(&self) -> std::borrow::Cow<'a, str> {
        match self {
            Block::Node(Node::Heading { content, .. })
            | Block::Node(Node::Paragraph { content, .. })
            | Block::Node(Node::Numbered { content, .. }) => content.text().into(),
            Block::Item(i) => i.content.text().into(),
            Block::Row(r) => r
                .cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" — ")
                .into(),
            Block::Node(_) => "".into(),
        }
    }
}

impl Node {
    pub fn anchor(&self) -> Option<&Anchor> {
        match self {
            Node::Heading { anchor, .. }
            | Node::Paragraph { anchor, .. }
            | Node::Numbered { anchor, .. }
            | Node::Table { anchor, .. }
            | Node::Quote { anchor, .. }
            | Node::Code { anchor, .. } => Some(anchor),
            Node::List { .. } | Node::Rule => None,
        }
    }
}

/// Calls `f` on every citable block in document order.
pub fn visit<'a>(nodes: &'a [Node], f: &mut dyn FnMut(Block<'a>)) {
    for node in nodes {
        match node {
            Node::Numbered { rest, .. } => {
                f(Block::Node(node));
                visit(rest, f);
            }
            Node::List { items, .. } => {
                for item in items {
                    f(Block::Item(item));
                    visit(&item.rest, f);
                }
            }
            Node::Table { rows, .. } => {
                f(Block::Node(node));
                for r in rows {
                    f(Block::Row(r));
                }
            }
            Node::Quote { body, .. } => {
                f(Block::Node(node));
                visit(body, f);
            }
            Node::Rule => {}
            _ => f(Block::Node(node)),
        }
    }
}

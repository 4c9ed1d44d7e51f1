//! Bodies: the Markdown of one file as a tree of citable blocks.

use super::{Inline, XRef};
use std::ops::Range;

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

//! The plain data that flows between the importer's stages: the source's lines grouped into
//! chunks (what the conversion separated by blank lines), then blocks of the text to write,
//! and the log of every repair made on the way.

use std::fmt;

/// One line of the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source file, for the repair log and the notes.
    pub no: usize,
    /// The text without its line ending and trailing spaces.
    pub text: String,
    /// The line ended with two spaces or a backslash: the conversion's line break.
    pub hard_break: bool,
}

/// Lines between blank lines: a paragraph, a heading, a header item, a table… as the
/// conversion left it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunk {
    pub lines: Vec<Line>,
    /// A page boundary lies just before it: a form feed, or a page number or running head the
    /// importer dropped.
    pub page_break_before: bool,
    /// A footnote's text, with its label (`¹ Le texte…` → label `1`).
    pub note: Option<String>,
    /// A table rebuilt from tab-separated lines.
    pub table: Option<Table>,
    /// What the importer is unsure of here: written as `<!-- import: … -->` before the block.
    pub notes: Vec<String>,
}

impl Chunk {
    pub fn new(lines: Vec<Line>) -> Chunk {
        Chunk {
            lines,
            ..Chunk::default()
        }
    }

    /// Line number of the chunk's first line (0 for an empty chunk).
    pub fn line(&self) -> usize {
        self.lines.first().map_or(0, |l| l.no)
    }

    /// The chunk's text as one line: lines joined with single spaces.
    pub fn joined(&self) -> String {
        let words: Vec<&str> = self.lines.iter().map(|l| l.text.trim()).collect();
        words.join(" ").trim().to_string()
    }
}

/// A table: its header row and its rows, cells as inline Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a block of the written text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A heading of `level` (2 for the document's parts), with an id pinned where the
    /// anchor rules need one (`{#annex-1}`).
    Heading {
        level: u8,
        pin: Option<String>,
    },
    Paragraph,
    /// A paragraph the text numbers: `27. …`.
    Numbered {
        number: u32,
    },
    /// A paragraph the text letters: `a) …` (the letter is in the text).
    Lettered,
    /// An item of a bulleted list.
    Item,
    Table(Table),
    /// A footnote's text.
    Note {
        label: String,
    },
}

/// One block of the text to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// Inline Markdown; a line break the original sets is `\` at the end of a line.
    pub text: String,
    /// Source line where the block starts.
    pub line: usize,
    /// A further paragraph, lettered paragraph or list of the numbered paragraph above it,
    /// written indented under it.
    pub nested: bool,
    /// An id pinned on a block that is not a heading (a heading's is in its kind).
    pub pin: Option<String>,
    /// Unsure repairs, written as `<!-- import: … -->` before the block.
    pub notes: Vec<String>,
}

impl Block {
    pub fn new(kind: Kind, text: impl Into<String>, line: usize) -> Block {
        Block {
            kind,
            text: text.into(),
            line,
            nested: false,
            pin: None,
            notes: Vec::new(),
        }
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, Kind::Heading { .. })
    }
}

/// One repair, at the source line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub line: usize,
    pub what: String,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.what)
    }
}

/// Every repair made, in the order the stages made them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    pub repairs: Vec<Repair>,
}

impl Log {
    pub fn add(&mut self, line: usize, what: impl Into<String>) {
        self.repairs.push(Repair {
            line,
            what: what.into(),
        });
    }

    /// The repairs sorted by line, as `--repairs` lists them.
    pub fn sorted(&self) -> Vec<Repair> {
        let mut all = self.repairs.clone();
        all.sort_by_key(|r| r.line);
        all
    }
}

/// A short quotation of a source text for the log: its first words.
pub fn quote(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX {
        return format!("\"{text}\"");
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("\"{}…\"", cut.trim_end())
}

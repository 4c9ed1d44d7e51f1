//! The written text read back by the site's own parser: the ids its anchor rules give (a
//! number the text repeats would give two blocks one id: the later one gets an id pinned), and
//! the figures of the summary, counted on what a build will see.

use super::model::{quote, Block, Kind, Log};
use super::write;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Body, Node, Numbering};
use crate::parse::{anchors, markdown};
use crate::source::Source;
use std::collections::HashSet;
use std::fmt;

/// What the import made, as `charter import` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every block with an id: headings, paragraphs, items, tables and their rows, notes.
    pub blocks: usize,
    pub numbered: usize,
    /// Headings that open a part (a pinned id or an official number).
    pub parts: usize,
    pub footnotes: usize,
    pub tables: usize,
    pub repairs: usize,
    /// Repairs the importer was unsure of: the `<!-- import: … -->` notes.
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts = [
            (self.blocks, "block", "blocks"),
            (self.numbered, "numbered paragraph", "numbered paragraphs"),
            (self.parts, "part", "parts"),
            (self.footnotes, "footnote", "footnotes"),
            (self.tables, "table", "tables"),
            (self.repairs, "repair", "repairs"),
            (self.warnings, "warning", "warnings"),
        ];
        let words: Vec<String> = counts
            .iter()
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        f.write_str(&words.join(", "))
    }
}

/// A body as the site reads it: its blocks with their ids, and the parser's problems.
pub struct Read {
    pub body: Body,
    pub diagnostics: Vec<Diagnostic>,
    source: Source,
}

impl Read {
    /// Every id, in order.
    pub fn ids(&self) -> Vec<String> {
        self.body.anchors().iter().map(|a| a.id.clone()).collect()
    }
}

/// Parses `markdown` (a body without front matter) as the site does.
pub fn read(markdown: &str, numbering: Numbering) -> Read {
    let source = Source::new("import.md", markdown.to_string());
    let (mut body, mut diagnostics) = markdown::parse(&source, 0..markdown.len());
    anchors::assign(&mut body, numbering);
    diagnostics.extend(anchors::check_unique(&body, &source));
    Read {
        body,
        diagnostics,
        source,
    }
}

/// Writes the body of `blocks`; where two blocks would have one id (a number the text
/// repeats), pins an id of its own on the later one, and writes again.
pub fn settle_ids(blocks: &mut [Block], numbering: Numbering, log: &mut Log) -> String {
    for _ in 0..3 {
        let mut body = String::new();
        let starts = write::body(blocks, &mut body);
        let read = read(&body, numbering);
        let duplicates = duplicates(&read);
        if duplicates.is_empty() {
            return body;
        }
        let mut taken: HashSet<String> = read.ids().into_iter().collect();
        for (id, line) in duplicates {
            let Some(i) = starts.iter().position(|s| *s == line) else {
                continue;
            };
            if matches!(blocks[i].kind, Kind::Table(_) | Kind::Note { .. }) {
                continue;
            }
            // A pin is a valid id: one that starts with a letter.
            let base = if id.starts_with(|c: char| c.is_ascii_lowercase()) {
                id.clone()
            } else {
                format!("part-{id}")
            };
            let fresh = (2..)
                .map(|k| format!("{base}-{k}"))
                .find(|c| !taken.contains(c))
                .unwrap_or_default();
            taken.insert(fresh.clone());
            log.add(
                blocks[i].line,
                format!(
                    "{} would repeat the id {id}: pinned {fresh}",
                    quote(&blocks[i].text)
                ),
            );
            blocks[i].notes.push(format!("the id `{id}` is already used above (a number or a heading repeated?): `{fresh}` was pinned; check the numbering"));
            match &mut blocks[i].kind {
                Kind::Heading { pin, .. } => *pin = Some(fresh),
                _ => blocks[i].pin = Some(fresh),
            }
        }
    }
    let mut body = String::new();
    write::body(blocks, &mut body);
    body
}

/// Ids given twice, with the line of each later block.
fn duplicates(read: &Read) -> Vec<(String, usize)> {
    let mut seen = HashSet::new();
    read.body
        .anchors()
        .iter()
        .filter(|a| !seen.insert(a.id.clone()))
        .map(|a| (a.id.clone(), read.source.line_col(a.span.start).line))
        .collect()
}

/// The figures of a body as the site reads it.
pub fn count(read: &Read, repairs: usize) -> Summary {
    let top = &read.body.nodes;
    Summary {
        blocks: read.body.anchors().len(),
        numbered: top
            .iter()
            .filter(|n| matches!(n, Node::Numbered { .. }))
            .count(),
        parts: top
            .iter()
            .filter(|n| matches!(n, Node::Heading { part: true, .. }))
            .count(),
        footnotes: read.body.footnotes.len(),
        tables: top
            .iter()
            .filter(|n| matches!(n, Node::Table { .. }))
            .count(),
        repairs,
        warnings: read
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Warning && d.message.starts_with("unchecked import")
            })
            .count(),
    }
}

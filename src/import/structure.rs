//! The structure of the text, from the order of its blocks: heading levels (the letter and
//! each annex are the document's parts, level 2; a transmitted text's sections and its parts
//! I, II… the next level; sub-parts 1, 2… the one below), the ids pinned where the anchor
//! rules need a part's name, the further paragraphs of a numbered paragraph, and whether the
//! numbering runs through the text or restarts in each part.

use super::classify::{How, Piece};
use super::glossary::{self, Attachment, Role};
use super::header::is_letter_heading;
use super::model::{quote, Kind, Log};
use crate::model::Numbering;
use crate::parse::markdown::heading_number;
use std::collections::{HashMap, HashSet};

/// The text's structure: what the front matter needs besides the blocks.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub numbering: Numbering,
    /// The block holding the title of the text the letter transmits.
    pub title: Option<usize>,
    /// The blocks of the transmittal letter: its heading up to the next part.
    pub letter: Option<std::ops::Range<usize>>,
}

/// Gives every heading its level and, where it names a part, its id; nests further
/// paragraphs; detects the numbering.
pub fn build(pieces: &mut [Piece], log: &mut Log) -> Outline {
    let mut levels = Levels::default();
    for i in 0..pieces.len() {
        if pieces[i].block.is_heading() {
            levels.heading(pieces, i, log);
        } else {
            levels.after_heading = None;
        }
    }
    let letter = levels
        .letter_start
        .map(|s| s..levels.letter_end.unwrap_or(pieces.len()));
    nest(pieces, log);
    let numbering = numbering(pieces, log);
    Outline {
        numbering,
        title: levels.title,
        letter,
    }
}

/// What the headings so far have opened.
#[derive(Default)]
struct Levels {
    /// A part of the document (the letter, an annex) is open: sections are one level down.
    top: Option<String>,
    letter_start: Option<usize>,
    letter_end: Option<usize>,
    in_letter: bool,
    /// The level of the heading just before, when no block stands between.
    after_heading: Option<u8>,
    roman: Option<u8>,
    series: Option<u8>,
    title: Option<usize>,
    used: HashSet<String>,
}

impl Levels {
    fn section(&self) -> u8 {
        if self.top.is_some() {
            3
        } else {
            2
        }
    }

    fn heading(&mut self, pieces: &mut [Piece], i: usize, log: &mut Log) {
        let text = pieces[i].block.text.clone();
        let (level, pin) = self.place(&text, i);
        if self.in_letter && level == 2 && Some(i) != self.letter_start {
            self.in_letter = false;
            self.letter_end = Some(i);
        }
        let pin = pin.map(|p| self.unique(p));
        if let Some(p) = &pin {
            log.add(
                pieces[i].block.line,
                format!("heading {} at level {level}, id {p}", quote(&text)),
            );
        }
        if pieces[i].how == How::Guessed {
            pieces[i].block.notes.push(
                "read as a heading (a short line without final punctuation): if it is a paragraph, remove the #s".to_string(),
            );
        }
        pieces[i].block.kind = Kind::Heading {
            level: level.min(6),
            pin,
        };
        self.after_heading = Some(level);
    }

    /// The level of a heading and the id it pins, if any.
    fn place(&mut self, text: &str, i: usize) -> (u8, Option<String>) {
        if is_letter_heading(text) && self.letter_start.is_none() && self.top.is_none() {
            self.letter_start = Some(i);
            self.in_letter = true;
            return self.open_top("letter".to_string());
        }
        match glossary::attachment(text) {
            Some(Attachment::Annex(n)) => return self.open_top(numbered("annex", n)),
            Some(Attachment::Enclosure(n)) => return self.open_top(numbered("enclosure", n)),
            Some(Attachment::InnerAnnex) => {
                let id = match &self.top {
                    Some(top) if top != "letter" => format!("{top}-annex"),
                    _ => "annex".to_string(),
                };
                self.roman = None;
                self.series = None;
                return (self.section(), Some(id));
            }
            None => {}
        }
        if self.in_letter {
            // The first heading after the letter, not an annex: the text it transmits.
            self.title.get_or_insert(i);
            return self.open_top(glossary::text_id(text).to_string());
        }
        if let Some((id, role)) = glossary::known(text) {
            let level = match role {
                Role::Section => self.section(),
                Role::Series => *self
                    .series
                    .get_or_insert(self.after_heading.map_or(self.section(), |l| l + 1)),
            };
            return (level, Some(id.to_string()));
        }
        if let Some(number) = heading_number(text) {
            if number.chars().all(|c| c.is_ascii_digit()) {
                return (self.roman.map_or(self.section(), |r| r + 1), None);
            }
            let level = self.section();
            self.roman = Some(level);
            return (level, None);
        }
        if self.letter_start.is_some() || self.top.is_none() {
            self.title.get_or_insert(i);
        }
        // A title: under the heading just before it (a subtitle), else at section level.
        let level = match self.after_heading {
            Some(l) if l > 2 => l + 1,
            _ => self.section(),
        };
        (level, None)
    }

    fn open_top(&mut self, id: String) -> (u8, Option<String>) {
        self.top = Some(id.clone());
        self.roman = None;
        self.series = None;
        (2, Some(id))
    }

    /// `id`, or `id-2`, `id-3`… if a heading before has it.
    fn unique(&mut self, id: String) -> String {
        let id = (1..)
            .map(|k| {
                if k == 1 {
                    id.clone()
                } else {
                    format!("{id}-{k}")
                }
            })
            .find(|c| !self.used.contains(c))
            .unwrap_or(id);
        self.used.insert(id.clone());
        id
    }
}

fn numbered(base: &str, n: Option<u32>) -> String {
    match n {
        Some(n) => format!("{base}-{n}"),
        None => base.to_string(),
    }
}

/// Further paragraphs, lettered paragraphs and lists after a numbered paragraph belong to it
/// (`para-6-2`, `para-6-a`), up to the next heading, numbered paragraph or table. Not after an
/// item of a short list, and never the closing line or a signature.
fn nest(pieces: &mut [Piece], log: &mut Log) {
    let mut owner: Option<u32> = None;
    let mut run: Vec<usize> = Vec::new();
    let mut runs: Vec<(u32, Vec<usize>, bool)> = Vec::new();
    for (i, piece) in pieces.iter_mut().enumerate() {
        match piece.block.kind {
            Kind::Numbered { number } => {
                if let Some(n) = owner.take() {
                    runs.push((n, std::mem::take(&mut run), true));
                }
                owner = (piece.how != How::InList).then_some(number);
            }
            Kind::Note { .. } => {}
            Kind::Paragraph | Kind::Lettered | Kind::Item
                if owner.is_some() && !matches!(piece.how, How::Closing | How::Signature) =>
            {
                piece.block.nested = true;
                run.push(i);
            }
            _ => {
                if let Some(n) = owner.take() {
                    runs.push((n, std::mem::take(&mut run), false));
                }
            }
        }
    }
    if let Some(n) = owner {
        runs.push((n, run, false));
    }
    for (n, run, followed) in runs {
        let Some(&first) = run.first() else { continue };
        log.add(
            pieces[first].block.line,
            format!(
                "{} block(s) nested under paragraph {n} as its further paragraphs",
                run.len()
            ),
        );
        if !followed {
            pieces[first].block.notes.push(format!(
                "read as a further paragraph of paragraph {n}, which no numbered paragraph follows: if it stands on its own, remove its indentation"
            ));
        }
    }
}

/// Continuous unless a numbered paragraph goes back to 1. Where it restarts in a part that
/// already has paragraphs, the heading before it is given an id of its own, so that the ids
/// stay unique.
fn numbering(pieces: &mut [Piece], log: &mut Log) -> Numbering {
    let numbers: Vec<u32> = pieces
        .iter()
        .filter_map(|p| match p.block.kind {
            Kind::Numbered { number } if !p.block.nested => Some(number),
            _ => None,
        })
        .collect();
    let restarts = numbers.windows(2).any(|w| w[1] == 1 && w[0] >= 1);
    if !restarts {
        return Numbering::Continuous;
    }
    let first = pieces
        .iter()
        .find(|p| matches!(p.block.kind, Kind::Numbered { .. }));
    log.add(
        first.map_or(1, |p| p.block.line),
        "the numbering restarts in each part: numbering = \"per-part\"",
    );
    separate_parts(pieces, log);
    Numbering::PerPart
}

/// Where numbering restarts in a part that already has paragraphs, the heading before the
/// restart (one without an id of its own) is given one, so that the ids stay unique.
fn separate_parts(pieces: &mut [Piece], log: &mut Log) {
    let mut pins: HashSet<String> = pieces
        .iter()
        .filter_map(|p| match &p.block.kind {
            Kind::Heading { pin, .. } => pin.clone(),
            _ => None,
        })
        .collect();
    // The part each paragraph's id is qualified by: the last heading with a pin or a number.
    let mut part: Option<usize> = None;
    let mut last: HashMap<Option<usize>, u32> = HashMap::new();
    let mut since: Option<usize> = None;
    for i in 0..pieces.len() {
        match &pieces[i].block.kind {
            Kind::Heading { pin, .. } => {
                let opens = pin.is_some() || heading_number(&pieces[i].block.text).is_some();
                if opens {
                    part = Some(i);
                }
                since = (!opens).then_some(i);
            }
            Kind::Numbered { number } if !pieces[i].block.nested => {
                let number = *number;
                let restarts = last.get(&part).is_some_and(|l| number <= *l);
                if let (true, Some(h)) = (restarts, since) {
                    name_part(&mut pieces[h], &mut pins, log);
                    part = Some(h);
                }
                last.insert(part, number);
                since = None;
            }
            _ => {}
        }
    }
}

/// Pins on a heading an id made from its words, noted for the editor to check.
fn name_part(heading: &mut Piece, pins: &mut HashSet<String>, log: &mut Log) {
    let base = glossary::slug(&heading.block.text);
    let id = (1..)
        .map(|k| {
            if k == 1 {
                base.clone()
            } else {
                format!("{base}-{k}")
            }
        })
        .find(|c| !pins.contains(c))
        .unwrap_or(base);
    pins.insert(id.clone());
    log.add(
        heading.block.line,
        format!(
            "heading {} given the id {id}: the numbering restarts under it",
            quote(&heading.block.text)
        ),
    );
    heading.block.notes.push(format!(
        "the numbering restarts under this heading, so it opens a part: its id `{id}` was made from its words; pin an English id in both files if you prefer one"
    ));
    if let Kind::Heading { pin, .. } = &mut heading.block.kind {
        *pin = Some(id);
    }
}

/// A note written between a numbered paragraph and its further paragraphs would end the
/// numbered paragraph: it moves after them.
pub fn settle_notes(blocks: Vec<super::model::Block>) -> Vec<super::model::Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut pending = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if matches!(block.kind, Kind::Note { .. }) {
            let next = blocks[i + 1..]
                .iter()
                .find(|b| !matches!(b.kind, Kind::Note { .. }));
            if next.is_some_and(|b| b.nested) {
                pending.push(block.clone());
                continue;
            }
        } else if !block.nested {
            out.append(&mut pending);
        }
        out.push(block.clone());
    }
    out.append(&mut pending);
    out
}

#[cfg(test)]
mod tests;

//! What each chunk of the text is, read from its own lines: a heading (marked as one, or a
//! short line without final punctuation), a numbered or lettered paragraph, list items, a
//! signature block, the closing line ("Fait à Almaty, le 4 juin 2002"), a note, a table, or
//! a paragraph. Levels and ids come after, from the order of the blocks ([`super::structure`]).

use super::dates::find_date;
use super::glossary;
use super::header::is_letter_heading;
use super::model::{Block, Chunk, Kind, Line};
use super::repair::ends_a_sentence;
use crate::model::Date;

/// How a block was recognised, which the structure stage needs beyond its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A heading the source marks as one (bold, `#`), or one of a known form (a letter, an
    /// annex, a Roman numeral, a heading the glossary knows).
    Marked,
    /// A heading read from its shape alone: a short line without final punctuation.
    Guessed,
    /// "Fait à Almaty, le 4 juin 2002": where and when the text was adopted.
    Closing,
    /// A signature block: "(Signé) Madina B. **Jarbussynova**".
    Signature,
    /// A numbered item of a short list written on consecutive lines ("1. Économie;").
    InList,
    Plain,
}

/// A block and how it was recognised.
#[derive(Debug, Clone)]
pub struct Piece {
    pub block: Block,
    pub how: How,
}

/// The longest line read as a heading from its shape alone.
const TITLE_MAX: usize = 150;
/// The longest item of a numbered list read as a list rather than as paragraphs.
const LIST_ITEM_MAX: usize = 100;

/// The blocks of the text's chunks.
pub fn classify(chunks: Vec<Chunk>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for chunk in chunks {
        let start = pieces.len();
        one(&chunk, &mut pieces);
        if let Some(first) = pieces.get_mut(start) {
            first.block.notes.extend(chunk.notes);
        }
    }
    pieces
}

fn one(chunk: &Chunk, out: &mut Vec<Piece>) {
    let line = chunk.line();
    let piece = |kind: Kind, text: String, how: How| Piece {
        block: Block::new(kind, text, line),
        how,
    };
    if let Some(label) = &chunk.note {
        return out.push(piece(
            Kind::Note {
                label: label.clone(),
            },
            chunk.joined(),
            How::Plain,
        ));
    }
    if let Some(table) = &chunk.table {
        return out.push(piece(Kind::Table(table.clone()), String::new(), How::Plain));
    }
    let joined = chunk.joined();
    if closing(&joined).is_some() {
        return out.push(piece(Kind::Paragraph, joined, How::Closing));
    }
    if let Some(text) = marked_heading(&joined) {
        return out.push(piece(heading(), text, How::Marked));
    }
    if is_signature(chunk) {
        return out.push(piece(
            Kind::Paragraph,
            with_breaks(&chunk.lines, true),
            How::Signature,
        ));
    }
    if starts_item(&chunk.lines[0].text).is_some() {
        return items(chunk, out);
    }
    // A heading of a known form may be long (a letter's heading names its author).
    let known = is_known_heading(&joined) && chunk.lines.len() <= 6 && !ends_a_sentence(&joined);
    if known || chunk.lines.len() <= 3 && looks_like_heading(&joined) {
        let how = if known { How::Marked } else { How::Guessed };
        return out.push(piece(heading(), joined, how));
    }
    let breaks = chunk.lines.iter().any(|l| l.hard_break);
    out.push(piece(
        Kind::Paragraph,
        with_breaks(&chunk.lines, breaks),
        How::Plain,
    ));
}

fn heading() -> Kind {
    Kind::Heading {
        level: 0,
        pin: None,
    }
}

/// The words of a heading the source marks: `## **I. Sécurité**`, `**Préambule**`.
fn marked_heading(text: &str) -> Option<String> {
    let hashes = text.starts_with('#');
    let t = text.trim_start_matches('#').trim();
    let inner = t.strip_prefix("**").and_then(|t| t.strip_suffix("**"));
    let bold = inner.is_some_and(|i| !i.contains("**") && !i.trim().is_empty());
    let words = if bold { inner.unwrap_or(t) } else { t };
    let long_sentence = words.chars().count() > TITLE_MAX && ends_a_sentence(words);
    ((hashes || bold) && !long_sentence).then(|| words.trim().to_string())
}

/// A heading of a form the importer knows: a letter, an annex, a Roman numeral, a glossary
/// heading.
fn is_known_heading(text: &str) -> bool {
    is_letter_heading(text)
        || glossary::attachment(text).is_some()
        || glossary::known(text).is_some()
        || roman_heading(text)
}

/// "II", "IV.", "IV. Structure et institutions de la CICA".
pub fn roman_heading(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    glossary::roman(first.trim_end_matches('.')).is_some()
        && (first.ends_with('.') || text.split_whitespace().count() == 1)
}

/// A short line, starting with a capital or a number, without final punctuation.
fn looks_like_heading(text: &str) -> bool {
    let t = text.trim_start_matches(['*', '_']);
    t.chars().count() <= TITLE_MAX
        && !ends_a_sentence(text)
        && !text.trim_end_matches(['*', '_']).ends_with(',')
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !t.starts_with('[')
        && starts_item(t).is_none()
}

/// "Fait à Almaty, le 4 juin 2002", "New York, le 20 septembre 2017", "Done at Almaty on
/// 4 June 2002": the date and the place.
pub fn closing(text: &str) -> Option<(Date, String)> {
    let t = text.replace(['*', '_'], "");
    let t = t.trim().trim_end_matches('.');
    if t.chars().count() > 80 {
        return None;
    }
    let (date, range) = find_date(t)?;
    if range.end != t.len() {
        return None;
    }
    let before = t[..range.start].trim_end();
    let before = ["le", "on", "the"]
        .iter()
        .find_map(|w| before.strip_suffix(w).filter(|b| b.ends_with([' ', ','])))
        .unwrap_or(before)
        .trim_end();
    // "Fait à Almaty, le …", "Done at Almaty on …", or a place and a comma: "Almaty, le …".
    let done = ["Fait à ", "Fait a ", "Done at ", "Done in "]
        .iter()
        .find_map(|p| before.strip_prefix(p));
    let place = match done {
        Some(place) => place.trim_end_matches(','),
        None => before.strip_suffix(',')?,
    }
    .trim();
    let words = place.split_whitespace().count();
    let capital = place.chars().next().is_some_and(char::is_uppercase);
    ((1..=4).contains(&words) && capital).then(|| (date, place.to_string()))
}

/// A block whose lines include a signature: "(Signé)", "(*Signed*)".
fn is_signature(chunk: &Chunk) -> bool {
    chunk.lines.iter().any(|l| {
        let t = l.text.replace('*', "");
        t.contains("(Signé)") || t.contains("(Signed)")
    })
}

/// The lines of a block: joined by a line break where the source sets one (or everywhere,
/// with `all`), by a space elsewhere.
fn with_breaks(lines: &[Line], all: bool) -> String {
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(line.text.trim());
        if i + 1 < lines.len() {
            text.push_str(if all || line.hard_break { "\\\n" } else { " " });
        }
    }
    text
}

/// The marker an item line starts with: `27. `, `a) `, `- `.
fn starts_item(text: &str) -> Option<Kind> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if (1..=3).contains(&digits.len()) && text[digits.len()..].starts_with(". ") {
        let number: u32 = digits.parse().ok()?;
        return (number > 0).then_some(Kind::Numbered { number });
    }
    let mut chars = text.chars();
    let (a, b, c) = (chars.next(), chars.next(), chars.next());
    if a.is_some_and(|a| a.is_ascii_lowercase()) && b == Some(')') && c == Some(' ') {
        return Some(Kind::Lettered);
    }
    if matches!(a, Some('-' | '•' | '–' | '·')) && b == Some(' ') {
        return Some(Kind::Item);
    }
    None
}

/// A chunk of items, one per line that starts with a marker; other lines continue the item
/// above. Numbered items that are all short, on consecutive lines, are a list.
fn items(chunk: &Chunk, out: &mut Vec<Piece>) {
    let mut groups: Vec<(Kind, Vec<Line>)> = Vec::new();
    for line in &chunk.lines {
        match (starts_item(&line.text), groups.last_mut()) {
            (None, Some((_, lines))) => lines.push(line.clone()),
            (kind, _) => groups.push((kind.unwrap_or(Kind::Paragraph), vec![line.clone()])),
        }
    }
    let numbered = groups
        .iter()
        .filter(|(k, _)| matches!(k, Kind::Numbered { .. }))
        .count();
    let short = groups
        .iter()
        .all(|(_, l)| with_breaks(l, false).chars().count() <= LIST_ITEM_MAX);
    let list = numbered >= 2 && short;
    for (kind, lines) in groups {
        let text = with_breaks(&lines, false);
        let text = match kind {
            Kind::Numbered { .. } => strip_number(&text),
            Kind::Item => text[text.chars().next().map_or(0, char::len_utf8)..]
                .trim_start()
                .to_string(),
            _ => text,
        };
        let how = if list && matches!(kind, Kind::Numbered { .. }) {
            How::InList
        } else {
            How::Plain
        };
        let block = Block::new(kind, text, lines[0].no);
        out.push(Piece { block, how });
    }
}

/// `27. Le texte` → `Le texte`.
fn strip_number(text: &str) -> String {
    text.split_once(". ")
        .map_or(text, |(_, rest)| rest)
        .trim_start()
        .to_string()
}

#[cfg(test)]
mod tests;

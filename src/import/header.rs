//! The UN header block: organs, symbols, distribution date, languages, sessions, agenda
//! items, up to the heading of the transmittal letter. Its facts go to the front matter and
//! its lines leave the text.
//!
//! The conversion often glued the header's bold runs together
//! (`**Assemblée générale****Cinquante-septième session**`, or
//! `Soixante-deuxième session**Demande…**`): in the header, every bold run is an item of its
//! own.

use super::dates::{find_date, fold, languages, symbols};
use super::model::{quote, Chunk, Line, Log};
use crate::model::Date;

/// What the header says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub symbols: Vec<String>,
    pub distributed: Option<Date>,
    pub original_languages: Vec<String>,
    /// "Assemblée générale, cinquante-septième session".
    pub sessions: Vec<String>,
    pub agenda_items: Vec<String>,
    /// The title the header gives (the item a request asks to be put on the agenda).
    pub title: Option<String>,
    /// The header asks for an item to be added to the agenda.
    pub request: bool,
    /// The first line the header took, and the last.
    pub lines: Option<(usize, usize)>,
}

/// One line of the header, or one bold run.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    line: usize,
    bold: bool,
    /// How many bold runs the conversion glued into the line this item comes from.
    glued: usize,
}

const ORGANS: [&str; 8] = [
    "Assemblée générale",
    "Conseil de sécurité",
    "Conseil économique et social",
    "Conférence du désarmement",
    "General Assembly",
    "Security Council",
    "Economic and Social Council",
    "Conference on Disarmament",
];

/// Splits the header off `chunks`: returns what it says and the chunks of the text, which
/// start with the letter's heading when there is one.
pub fn read(chunks: Vec<Chunk>, log: &mut Log) -> (Header, Vec<Chunk>) {
    let mut header = Header::default();
    let mut chunks = chunks.into_iter().peekable();
    // The header is the run of chunks before the first one that reads as text.
    let mut candidates: Vec<Chunk> = Vec::new();
    while let Some(chunk) = chunks.next_if(is_header_chunk) {
        candidates.push(chunk);
    }
    let items: Vec<(usize, Item)> = candidates
        .iter()
        .enumerate()
        .flat_map(|(k, c)| split_items(c).into_iter().map(move |i| (k, i)))
        .collect();
    let mut state = State::default();
    let taken = items
        .iter()
        .take_while(|(_, item)| state.take(item, &mut header))
        .count();
    if taken > 0 {
        let (first, last) = (items[0].1.line, items[taken - 1].1.line);
        header.lines = Some((first, last));
        log.add(
            first,
            format!("the UN header (lines {first}–{last}) read into the front matter and left out of the text: {}", describe(&header)),
        );
        if items[..taken].iter().any(|(_, i)| i.glued > 1) {
            log.add(
                first,
                "separated the header's glued bold runs (`**A****B**`)",
            );
        }
    }
    // What the header did not take goes back to the text: a chunk it did not touch as it was,
    // the rest of a chunk it took part of one item at a time.
    let touched = items.get(taken.wrapping_sub(1)).map(|(k, _)| *k);
    let mut body: Vec<Chunk> = Vec::new();
    for (k, chunk) in candidates.into_iter().enumerate() {
        match touched {
            Some(t) if k < t => {}
            Some(t) if k == t => body.extend(
                items[taken..]
                    .iter()
                    .filter(|(c, _)| *c == k)
                    .map(|(_, i)| item_chunk(i)),
            ),
            _ => body.push(chunk),
        }
    }
    body.extend(chunks);
    (header, body)
}

/// Whether a chunk can belong to the header: short lines, no paragraph of text.
fn is_header_chunk(chunk: &Chunk) -> bool {
    split_items(chunk)
        .iter()
        .all(|i| i.text.chars().count() <= 400 && !reads_as_text(&i.text))
}

/// A paragraph of running text: a sentence ending with a full stop, or a numbered paragraph.
fn reads_as_text(text: &str) -> bool {
    let t = text.trim();
    (t.ends_with('.') && !t.ends_with("Distr.") && t.split_whitespace().count() > 8)
        || t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(". ") && find_date(t).is_none()
}

fn item_chunk(item: &Item) -> Chunk {
    let text = if item.bold {
        format!("**{}**", item.text)
    } else {
        item.text.clone()
    };
    Chunk::new(vec![Line {
        no: item.line,
        text,
        hard_break: false,
    }])
}

/// The items of a chunk: each bold run is one item (its lines joined), each line outside bold
/// runs is one.
fn split_items(chunk: &Chunk) -> Vec<Item> {
    let mut items = Vec::new();
    let mut bold = false;
    let mut run: Vec<(usize, String)> = Vec::new();
    let glued = chunk
        .lines
        .iter()
        .map(|l| l.text.matches("**").count() / 2)
        .max()
        .unwrap_or(0);
    let flush = |run: &mut Vec<(usize, String)>, bold: bool, items: &mut Vec<Item>| {
        let parts: Vec<(usize, String)> = std::mem::take(run)
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let make = |line: usize, text: String| Item {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            line,
            bold,
            glued,
        };
        if bold && !parts.is_empty() {
            let text = parts
                .iter()
                .map(|(_, t)| t.trim())
                .collect::<Vec<_>>()
                .join(" ");
            items.push(make(parts[0].0, text));
        } else {
            items.extend(parts.into_iter().map(|(line, t)| make(line, t)));
        }
    };
    for line in &chunk.lines {
        let mut pieces = line.text.split("**").peekable();
        while let Some(piece) = pieces.next() {
            run.push((line.no, piece.to_string()));
            if pieces.peek().is_some() {
                flush(&mut run, bold, &mut items);
                bold = !bold;
            }
        }
    }
    flush(&mut run, bold, &mut items);
    items
}

/// Reading the items in order: what the last organ and the last agenda line were.
#[derive(Default)]
struct State {
    /// The organs named by the last organ line.
    organs: Vec<String>,
    in_agenda: bool,
    after_distr: bool,
    expect_title: bool,
}

impl State {
    /// Takes `item` into `header`, or returns false where the header ends (at the letter's
    /// heading, or at the first item that is not a header's).
    fn take(&mut self, item: &Item, header: &mut Header) -> bool {
        let text = item.text.trim();
        let folded = fold(text);
        if is_letter_heading(text) {
            return false;
        }
        if let Some(organs) = organs(text) {
            self.organs = organs;
            self.in_agenda = false;
            return true;
        }
        if folded.starts_with("distr") {
            self.after_distr = true;
            if let Some((d, _)) = find_date(text) {
                header.distributed = Some(d);
            }
            return true;
        }
        if let Some(found) = symbols(text) {
            header.symbols.extend(found);
            return true;
        }
        if self.after_distr && header.distributed.is_none() {
            if let Some((d, r)) = find_date(text) {
                if r.len() + 2 >= text.len() {
                    header.distributed = Some(d);
                    return true;
                }
            }
        }
        if folded.starts_with("original") {
            header.original_languages = languages(text);
            return true;
        }
        if !languages(text).is_empty() && text.split_whitespace().count() == 1 {
            // The language of this version ("Français"): nothing to keep.
            return true;
        }
        if is_session(&folded) {
            let session = lower_first(text);
            header.sessions.push(match self.organ_of(&folded) {
                Some(organ) => format!("{organ}, {session}"),
                None => text.to_string(),
            });
            self.in_agenda = false;
            return true;
        }
        self.agenda(item, text, &folded, header)
    }

    /// The organ a session belongs to: where the line before names several, a "year" is the
    /// Security Council's and a "session" the first one's (the General Assembly's).
    fn organ_of(&self, folded_session: &str) -> Option<&String> {
        let council = ["Conseil de sécurité", "Security Council"];
        if folded_session.ends_with("annee") || folded_session.ends_with("year") {
            if let Some(c) = self.organs.iter().find(|o| council.contains(&o.as_str())) {
                return Some(c);
            }
        }
        self.organs.first()
    }

    /// Agenda items and the titles that follow them.
    fn agenda(&mut self, item: &Item, text: &str, folded: &str, header: &mut Header) -> bool {
        if self.expect_title {
            self.expect_title = false;
            header.title = Some(text.to_string());
            return true;
        }
        let request = folded.starts_with("demande d'inscription")
            || folded.starts_with("request for the inclusion");
        if request {
            header.request = true;
            self.expect_title = true;
            header.agenda_items.push(text.to_string());
            return true;
        }
        if folded.contains("de l'ordre du jour") || folded.contains("agenda item") {
            self.in_agenda = true;
            header.agenda_items.push(text.to_string());
            return true;
        }
        if self.in_agenda && (item.bold || text.chars().count() <= 200) {
            header.agenda_items.push(text.to_string());
            return true;
        }
        false
    }
}

/// A sequence of organ names ("Assemblée générale Conseil de sécurité"), or `None`.
fn organs(text: &str) -> Option<Vec<String>> {
    let mut rest = text.trim();
    let mut found = Vec::new();
    while !rest.is_empty() {
        let organ = ORGANS.iter().find(|o| fold(rest).starts_with(&fold(o)))?;
        found.push(organ.to_string());
        rest = rest[organ.len()..].trim_start();
    }
    (!found.is_empty()).then_some(found)
}

/// "Cinquante-septième session", "Soixante-deuxième année", "Fifty-seventh session".
fn is_session(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    words.len() <= 3
        && matches!(words.last(), Some(&("session" | "annee" | "year")))
        && words.len() >= 2
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The heading of a letter, a note verbale or identical letters.
pub fn is_letter_heading(text: &str) -> bool {
    let folded = fold(text.trim_start_matches(['*', '#', ' ']));
    [
        "lettre datee",
        "lettres identiques datees",
        "note verbale datee",
        "letter dated",
        "identical letters dated",
        "note verbale dated",
    ]
    .iter()
    .any(|p| folded.starts_with(p))
}

/// For the log: what the header gave.
pub fn describe(header: &Header) -> String {
    let mut parts = Vec::new();
    if !header.symbols.is_empty() {
        parts.push(format!("symbol {}", header.symbols.join("-")));
    }
    if let Some(d) = header.distributed {
        parts.push(format!("distributed {}", d.iso()));
    }
    if !header.original_languages.is_empty() {
        parts.push(format!(
            "original languages {}",
            header.original_languages.join(", ")
        ));
    }
    parts.extend(header.sessions.iter().map(|s| quote(s)));
    parts.join("; ")
}

#[cfg(test)]
mod tests;

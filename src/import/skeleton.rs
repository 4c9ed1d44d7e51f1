//! The other languages' side: the same blocks in the same order, with the same numbers, pins,
//! nesting and footnotes, so that the anchor rules give every block the id it has in the
//! original, and `TODO` where a translator writes. Marked `draft = true`: the site shows the
//! original in its place until the translation is published.

use super::fields::{facts, field, Field};
use super::front::Front;
use super::model::{Block, Kind, Table};
use crate::model::Node;
use crate::parse::markdown::{self, heading_number};
use crate::source::Source;

/// The skeleton of `blocks`.
pub fn blocks(original: &[Block]) -> Vec<Block> {
    original.iter().map(skeleton).collect()
}

fn skeleton(block: &Block) -> Block {
    let calls = calls(&block.text);
    let text = match &block.kind {
        Kind::Heading { .. } => {
            // The number the site reads at the start of the heading's words.
            let words = without_calls(&block.text);
            let words = words.trim();
            match heading_number(words) {
                Some(_) if words.split_whitespace().count() == 1 => words.to_string(),
                Some(_) => format!(
                    "{} TODO",
                    words.split_whitespace().next().unwrap_or_default()
                ),
                None => "TODO".to_string(),
            }
        }
        Kind::Table(_) => String::new(),
        // A paragraph the text letters keeps its letter: its id is made from it.
        Kind::Lettered | Kind::Paragraph | Kind::Note { .. } => match letter_of(&block.text) {
            Some(letter) => format!("{letter}) TODO"),
            None => "TODO".to_string(),
        },
        _ => "TODO".to_string(),
    };
    let kind = match &block.kind {
        Kind::Table(t) => Kind::Table(Table {
            head: todo_row(&t.head),
            rows: t.rows.iter().map(|r| todo_row(r)).collect(),
        }),
        k => k.clone(),
    };
    Block {
        kind,
        text: format!("{text}{calls}"),
        // An id pinned on a paragraph is pinned on its translation too.
        pin: block.pin.clone(),
        line: block.line,
        nested: block.nested,
        notes: Vec::new(),
    }
}

/// The footnote calls of a text, `[^1][^2]`, to keep every note called.
fn calls(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let Some(end) = rest[start..].find(']') else {
            break;
        };
        out.push_str(&rest[start..start + end + 1]);
        rest = &rest[start + end + 1..];
    }
    out
}

/// The letter of a paragraph the text letters (`a) …`), as the site's parser reads it
/// (after the Markdown of the words, which a letter may follow or not).
fn letter_of(text: &str) -> Option<String> {
    // Out of its text a call has no note: the site reads a call as no words at all.
    let text = super::write::escape_lines(&without_calls(text));
    let source = Source::new("block.md", text.clone());
    let (body, _) = markdown::parse(&source, 0..text.len());
    match body.nodes.first() {
        Some(Node::Paragraph { anchor, .. }) => anchor.number.clone(),
        _ => None,
    }
}

/// A text without its footnote calls.
fn without_calls(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("[^") {
        let Some(end) = out[start..].find(']') else {
            break;
        };
        out.replace_range(start..start + end + 1, "");
    }
    out
}

/// A row of `TODO`s, the first holding the row's footnote calls.
fn todo_row(cells: &[String]) -> Vec<String> {
    let mut row = vec!["TODO".to_string(); cells.len()];
    if let Some(first) = row.first_mut() {
        first.push_str(&cells.iter().map(|c| calls(c)).collect::<String>());
    }
    row
}

/// The skeleton's front matter: `TODO` for what a translator writes, the facts only if this is
/// the default language's file.
pub fn fields(front: &Front, original_lang: &str, with_facts: bool) -> Vec<Field> {
    let mut fields = vec![
        field("title", "TODO", "the full title, in this language"),
        field("short_title", "TODO", "used in citations"),
        field(
            "summary",
            "TODO",
            "two sentences: what the text is and what it does",
        ),
    ];
    if let Some(p) = &front.place {
        fields.push(field(
            "place",
            "TODO",
            format!(
                "where it was adopted; the {original_lang} text has \"{}\"",
                p.value
            ),
        ));
    }
    if !with_facts {
        fields.push(field(
            "translation",
            "unofficial",
            "the project's own translation; remove if it is an official text",
        ));
    }
    fields.push(field(
        "draft",
        true,
        if with_facts {
            format!("left out of the site, with the {original_lang} text, until removed")
        } else {
            format!("left out of the site until removed: the page shows the {original_lang} text in its place")
        },
    ));
    if with_facts {
        fields.extend(facts(front));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_pins_letters_and_calls_are_kept() {
        let heading = |text: &str| {
            Block::new(
                Kind::Heading {
                    level: 3,
                    pin: None,
                },
                text,
                1,
            )
        };
        let shown: Vec<String> = blocks(&[
            heading("IV. Structure et institutions"),
            heading("II"),
            heading("Préambule[^2]"),
            Block::new(Kind::Lettered, "b) D'autre part :", 2),
            Block::new(Kind::Numbered { number: 7 }, "Texte[^1] et suite.", 3),
            Block {
                pin: Some("para-7-2".into()),
                ..Block::new(Kind::Numbered { number: 7 }, "Encore.", 4)
            },
        ])
        .into_iter()
        .map(|b| match b.pin {
            Some(p) => format!("{} {{#{p}}}", b.text),
            None => b.text,
        })
        .collect();
        assert_eq!(
            shown,
            [
                "IV. TODO",
                "II",
                "TODO[^2]",
                "b) TODO",
                "TODO[^1]",
                "TODO {#para-7-2}"
            ]
        );
    }
}

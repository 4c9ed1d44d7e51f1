//! The other languages' side: the same blocks in the same order, with the same numbers, pins,
//! nesting and footnotes, so that the anchor rules give every block the id it has in the
//! original, and `TODO` where a translator writes. Marked `draft = true`: the site shows the
//! original in its place until the translation is published.

use super::fields::{facts, field, Field};
use super::front::Front;
use super::model::{Block, Kind, Table};
use crate::parse::markdown::heading_number;

/// The skeleton of `blocks`.
pub fn blocks(original: &[Block]) -> Vec<Block> {
    original.iter().map(skeleton).collect()
}

fn skeleton(block: &Block) -> Block {
    let calls = calls(&block.text);
    let text = match &block.kind {
        Kind::Heading { .. } => match heading_number(&block.text) {
            Some(_) => {
                let token = block.text.split_whitespace().next().unwrap_or_default();
                let alone = block.text.split_whitespace().count() == 1;
                if alone {
                    token.to_string()
                } else {
                    format!("{token} TODO")
                }
            }
            None => "TODO".to_string(),
        },
        Kind::Lettered => format!(
            "{} TODO",
            block.text.split_whitespace().next().unwrap_or_default()
        ),
        Kind::Table(_) => String::new(),
        _ => "TODO".to_string(),
    };
    let kind = match &block.kind {
        Kind::Table(t) => Kind::Table(Table {
            head: vec!["TODO".to_string(); t.head.len()],
            rows: t
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec!["TODO".to_string(); r.len()];
                    if let Some(first) = row.first_mut() {
                        first.push_str(&calls_of(r));
                    }
                    row
                })
                .collect(),
        }),
        k => k.clone(),
    };
    // An id pinned on a paragraph is pinned on its translation too.
    let pin = match &block.kind {
        Kind::Heading { .. } => String::new(),
        _ => pinned(&block.text)
            .map(|p| format!(" {{#{p}}}"))
            .unwrap_or_default(),
    };
    Block {
        kind,
        text: format!("{text}{calls}{pin}"),
        line: block.line,
        nested: block.nested,
        tight: block.tight,
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

/// The id pinned at the end of a text: `… {#para-3-2}`.
fn pinned(text: &str) -> Option<&str> {
    let inner = text.trim_end().strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    Some(&inner[open + 2..])
}

fn calls_of(cells: &[String]) -> String {
    cells.iter().map(|c| calls(c)).collect()
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
        format!("left out of the site until removed: meanwhile the {original_lang} text is shown"),
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
            Block::new(Kind::Numbered { number: 7 }, "Encore. {#para-7-2}", 4),
        ])
        .into_iter()
        .map(|b| b.text)
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

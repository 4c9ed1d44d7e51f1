//! Footnotes the conversion wrote as superscript digits: a call `2006¹` and, further down, a
//! paragraph `¹ Le texte…` become `2006[^1]` and a note `[^1]: Le texte…`. A label used again
//! for another note (numbering that restarts on each page) gets a label of its own.

use super::model::{quote, Chunk, Log};
use std::collections::{HashMap, HashSet};

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

pub fn is_superscript(c: char) -> bool {
    SUPERSCRIPTS.contains(&c)
}

fn digit(c: char) -> Option<char> {
    let i = SUPERSCRIPTS.iter().position(|s| *s == c)?;
    char::from_digit(i as u32, 10)
}

/// A note's label at the start of a chunk, `¹ ` or `<sup>1</sup>`, and the byte length it
/// takes.
fn leading_label(text: &str) -> Option<(String, usize)> {
    let sup: String = text.chars().map_while(digit).collect();
    if !sup.is_empty() {
        let len: usize = text
            .chars()
            .take(sup.chars().count())
            .map(char::len_utf8)
            .sum();
        return Some((sup, len));
    }
    let rest = text.strip_prefix("<sup>")?;
    let end = rest.find("</sup>")?;
    let label = &rest[..end];
    (!label.is_empty() && label.chars().all(|c| c.is_ascii_digit()))
        .then(|| (label.to_string(), 5 + end + 6))
}

/// Turns the notes and their calls into footnotes.
pub fn convert(mut chunks: Vec<Chunk>, log: &mut Log) -> Vec<Chunk> {
    let defined: HashSet<String> = chunks
        .iter()
        .filter_map(|c| c.lines.first().and_then(|l| leading_label(&l.text)))
        .map(|(label, _)| label)
        .collect();
    if defined.is_empty() {
        return chunks;
    }
    let mut labels = Labels::default();
    for chunk in &mut chunks {
        let definition = chunk.lines.first().and_then(|l| leading_label(&l.text));
        if let Some((raw, len)) = definition {
            let label = labels.define(&raw);
            let first = &mut chunk.lines[0];
            first.text = first.text[len..].trim_start().to_string();
            log.add(
                first.no,
                format!(
                    "the note {} made a footnote [^{label}]",
                    quote(&format!("{raw} {}", first.text))
                ),
            );
            chunk.note = Some(label);
        }
        for line in &mut chunk.lines {
            let (text, calls) = calls(&line.text, &defined, &mut labels);
            for label in calls {
                log.add(
                    line.no,
                    format!("the superscript call of note {label} made a footnote call [^{label}]"),
                );
            }
            line.text = text;
        }
    }
    chunks
}

/// Labels as written, mapped to labels unique in the text.
#[derive(Default)]
struct Labels {
    current: HashMap<String, String>,
    defined: HashSet<String>,
}

impl Labels {
    fn unique(&mut self, raw: &str) -> String {
        let label = self
            .current
            .entry(raw.to_string())
            .or_insert_with(|| raw.to_string())
            .clone();
        if !self.defined.contains(&label) {
            return label;
        }
        // The label was used by an earlier note: this is another one.
        let fresh = (2..)
            .map(|k| format!("{raw}-{k}"))
            .find(|l| !self.defined.contains(l))
            .unwrap_or_default();
        self.current.insert(raw.to_string(), fresh.clone());
        fresh
    }

    fn call(&mut self, raw: &str) -> String {
        self.unique(raw)
    }

    fn define(&mut self, raw: &str) -> String {
        let label = self.unique(raw);
        self.defined.insert(label.clone());
        label
    }
}

/// The calls in a line made footnote calls, where a note with that label exists.
fn calls(text: &str, defined: &HashSet<String>, labels: &mut Labels) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| is_superscript(c) || c == '<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let line_start = out.is_empty() && start == 0;
        let call = leading_label(tail).filter(|(raw, _)| defined.contains(raw) && !line_start);
        match call {
            Some((raw, len)) => {
                let label = labels.call(&raw);
                out.push_str(&format!("[^{label}]"));
                found.push(label);
                rest = &tail[len..];
            }
            None => {
                let c = tail.chars().next().unwrap_or_default();
                out.push(c);
                rest = &tail[c.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::chunks;

    #[test]
    fn superscript_notes_become_footnotes() {
        let text = "**LE 17 JUIN 2006¹**\n\nTexte.\n\n¹ Le texte de cette déclaration.\n\nUn m² sans note.\n";
        let mut log = Log::default();
        let out = convert(chunks(text), &mut log);
        assert_eq!(out[0].lines[0].text, "**LE 17 JUIN 2006[^1]**");
        assert_eq!(out[2].note.as_deref(), Some("1"));
        assert_eq!(out[2].lines[0].text, "Le texte de cette déclaration.");
        assert_eq!(out[3].lines[0].text, "Un m² sans note.");
        assert_eq!(log.repairs.len(), 2);
    }

    #[test]
    fn a_label_used_again_gets_its_own() {
        let text = "Un¹.\n\n¹ Première.\n\nDeux¹ et <sup>2</sup>.\n\n¹ Seconde.\n\n<sup>2</sup> Troisième.\n";
        let mut log = Log::default();
        let out = convert(chunks(text), &mut log);
        let shown: Vec<(String, Option<String>)> = out
            .iter()
            .map(|c| (c.lines[0].text.clone(), c.note.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Un[^1].".to_string(), None),
                ("Première.".to_string(), Some("1".to_string())),
                ("Deux[^1-2] et [^2].".to_string(), None),
                ("Seconde.".to_string(), Some("1-2".to_string())),
                ("Troisième.".to_string(), Some("2".to_string())),
            ]
        );
    }
}

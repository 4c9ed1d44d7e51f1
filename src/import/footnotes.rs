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

/// A note's label, if the chunk opens with one followed by the note's text.
fn definition(chunk: &Chunk) -> Option<(String, usize)> {
    let first = chunk.lines.first()?;
    leading_label(&first.text).filter(|(_, len)| !first.text[*len..].trim().is_empty())
}

/// Turns the notes and their calls into footnotes. A note nothing calls, or a call of no
/// note, stays as it was: a footnote needs both (and a superscript may be a square metre).
pub fn convert(mut chunks: Vec<Chunk>, log: &mut Log) -> Vec<Chunk> {
    let defined: HashSet<String> = chunks
        .iter()
        .filter_map(definition)
        .map(|(label, _)| label)
        .collect();
    if defined.is_empty() {
        return chunks;
    }
    // A first pass on a copy finds the labels that have both a note and a call.
    let mut trial = chunks.clone();
    let (notes, called) = pass(&mut trial, &defined, None, &mut Log::default());
    let keep: HashSet<String> = notes.intersection(&called).cloned().collect();
    pass(&mut chunks, &defined, Some(&keep), log);
    for chunk in &mut chunks {
        let orphan = chunk.note.is_none() && definition(chunk).is_some();
        if orphan {
            chunk.notes.push("a superscript number opens this paragraph, but nothing in the text calls it: if it is a note, make it one ([^1]: …) and call it".to_string());
        }
    }
    chunks
}

/// One pass over the chunks: the labels of the notes and of the calls found, converted where
/// `keep` (if given) has their label.
fn pass(
    chunks: &mut [Chunk],
    defined: &HashSet<String>,
    keep: Option<&HashSet<String>>,
    log: &mut Log,
) -> (HashSet<String>, HashSet<String>) {
    let kept = |label: &String| keep.is_none_or(|k| k.contains(label));
    let mut labels = Labels::default();
    let (mut notes, mut called) = (HashSet::new(), HashSet::new());
    for chunk in chunks.iter_mut() {
        let definition = definition(chunk);
        if let Some((raw, len)) = definition {
            let label = labels.define(&raw);
            notes.insert(label.clone());
            if kept(&label) {
                let first = &mut chunk.lines[0];
                first.text = first.text[len..].trim_start().to_string();
                let what = quote(&format!("{raw} {}", first.text));
                log.add(
                    first.no,
                    format!("the note {what} made a footnote [^{label}]"),
                );
                chunk.note = Some(label);
            }
        }
        for (i, line) in chunk.lines.iter_mut().enumerate() {
            // A superscript opening a chunk labels a note; it never calls one.
            let at_start = i == 0;
            let (text, calls) = calls(&line.text, defined, &mut labels, &kept, at_start);
            for (label, converted) in calls {
                if converted {
                    log.add(
                        line.no,
                        format!(
                            "the superscript call of note {label} made a footnote call [^{label}]"
                        ),
                    );
                }
                called.insert(label);
            }
            line.text = text;
        }
    }
    (notes, called)
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

/// The calls in a line made footnote calls, where a note with that label exists (and
/// `kept` has it); the label of each call found, and whether it was made a footnote call.
fn calls(
    text: &str,
    defined: &HashSet<String>,
    labels: &mut Labels,
    kept: &dyn Fn(&String) -> bool,
    line_start: bool,
) -> (String, Vec<(String, bool)>) {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| is_superscript(c) || c == '<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let first = line_start && out.is_empty();
        let call = leading_label(tail).filter(|(raw, _)| defined.contains(raw) && !first);
        let Some((raw, len)) = call else {
            let c = tail.chars().next().unwrap_or_default();
            out.push(c);
            rest = &tail[c.len_utf8()..];
            continue;
        };
        let label = labels.call(&raw);
        let converted = kept(&label);
        if converted {
            out.push_str(&format!("[^{label}]"));
        } else {
            out.push_str(&tail[..len]);
        }
        found.push((label, converted));
        rest = &tail[len..];
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
    fn a_note_without_a_call_and_a_call_without_a_note_stay_as_they_are() {
        let text = "Un² et m³.\n\n¹ Une note.\n\n³ Autre.\n";
        let mut log = Log::default();
        let out = convert(chunks(text), &mut log);
        assert_eq!(out[0].lines[0].text, "Un² et m[^3].");
        assert_eq!(
            (out[1].note.as_deref(), out[1].lines[0].text.as_str()),
            (None, "¹ Une note.")
        );
        assert!(out[1].notes[0].contains("nothing in the text calls it"));
        assert_eq!(out[2].note.as_deref(), Some("3"));
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

//! Headings the original sets in capitals ("LETTRE DATÉE DU 3 JUILLET 2006, ADRESSÉE AU
//! SECRÉTAIRE GÉNÉRAL…"). Capitals are typography, not words: the site sets headings in the
//! case of the text. Each word takes the case the text itself gives it elsewhere (after the
//! same word where it can: "deuxième Sommet" but "Conférence au sommet"), a word the text never
//! writes is lower case, and the heading's first word is capitalised. A guess, so it is noted.

use super::model::{Chunk, Log};
use std::collections::HashMap;

/// How the text writes each word: lower-cased key → form → count, alone and after the word
/// before it.
#[derive(Default)]
struct Usage {
    words: HashMap<String, HashMap<String, usize>>,
    pairs: HashMap<(String, String), HashMap<String, usize>>,
}

impl Usage {
    /// Counts the words of `text` that do not open a sentence (those are capitalised anyway).
    fn count(&mut self, text: &str) {
        let mut prev: Option<String> = None;
        let mut sentence_start = true;
        for token in text.split_whitespace() {
            for word in words(token) {
                let key = word.to_lowercase();
                if !sentence_start {
                    *self
                        .words
                        .entry(key.clone())
                        .or_default()
                        .entry(word.to_string())
                        .or_default() += 1;
                    if let Some(p) = &prev {
                        *self
                            .pairs
                            .entry((p.clone(), key.clone()))
                            .or_default()
                            .entry(word.to_string())
                            .or_default() += 1;
                    }
                }
                sentence_start = false;
                prev = Some(key);
            }
            sentence_start = token.ends_with(['.', '!', '?', ':']);
        }
    }

    /// The form the text gives `word` after `prev`, or alone; `None` if it never writes it.
    fn form(&self, prev: Option<&str>, word: &str) -> Option<String> {
        let key = word.to_lowercase();
        // The most frequent form; on a tie, lower case (a noun the text capitalises only
        // sometimes is a common noun in a name).
        let best = |forms: &HashMap<String, usize>| -> Option<(String, bool)> {
            let max = forms.values().max()?;
            let mut top: Vec<&String> = forms
                .iter()
                .filter(|(_, n)| *n == max)
                .map(|(f, _)| f)
                .collect();
            top.sort_by_key(|f| {
                (
                    f.chars().filter(|c| c.is_uppercase()).count(),
                    f.to_string(),
                )
            });
            Some((top[0].clone(), top.len() == 1))
        };
        // After the same word, lower case wherever the text writes it so ("la déclaration,
        // qui…" beside "la Déclaration sur les principes…"): the capital marks a name.
        if let Some(forms) = prev.and_then(|p| self.pairs.get(&(p.to_lowercase(), key.clone()))) {
            if let Some(lower) = forms.keys().find(|f| !f.chars().any(char::is_uppercase)) {
                return Some(lower.clone());
            }
            if let Some((form, true)) = best(forms) {
                return Some(form);
            }
        }
        self.words.get(&key).and_then(best).map(|(form, _)| form)
    }
}

/// The words of a token: letters split at apostrophes and brackets ("D'AFFAIRES" → "D",
/// "AFFAIRES"), punctuation and digits left out.
fn words(token: &str) -> impl Iterator<Item = &str> {
    token
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
}

/// Whether a line is set in capitals: letters, and no lower-case one.
fn in_capitals(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !text.chars().any(char::is_lowercase)
}

/// Roman numerals stay in capitals.
fn is_roman(word: &str) -> bool {
    word.len() <= 5
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Puts the lines set in capitals of heading chunks in the text's own case.
pub fn restore(mut chunks: Vec<Chunk>, log: &mut Log) -> Vec<Chunk> {
    let mut usage = Usage::default();
    for chunk in &chunks {
        let lines: Vec<&str> = chunk
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !in_capitals(t))
            .collect();
        usage.count(&lines.join(" "));
    }
    for chunk in &mut chunks {
        let capitals = chunk.lines.iter().any(|l| in_capitals(&l.text));
        if !capitals || chunk.table.is_some() || chunk.lines.len() > 12 {
            continue;
        }
        let mut first = true;
        let mut prev: Option<String> = None;
        let mut changed = false;
        for line in &mut chunk.lines {
            if in_capitals(&line.text) {
                let text = recase(&line.text, &usage, &mut first, &mut prev);
                changed |= text != line.text;
                line.text = text;
            } else {
                first = false;
                prev = line.text.split_whitespace().last().map(str::to_lowercase);
            }
        }
        if !changed {
            continue;
        }
        log.add(
            chunk.line(),
            "put a heading set in capitals in the case the text uses for its words",
        );
        chunk
            .notes
            .push("set in capitals in the source; the case of each word was taken from the rest of the text: check it".to_string());
    }
    chunks
}

/// One line in the text's case.
fn recase(line: &str, usage: &Usage, first: &mut bool, prev: &mut Option<String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut word = String::new();
    let flush =
        |word: &mut String, out: &mut String, first: &mut bool, prev: &mut Option<String>| {
            if word.is_empty() {
                return;
            }
            let form = if is_roman(word) && word.len() > 1 {
                word.clone()
            } else if *first {
                capitalised(word, usage)
            } else {
                usage
                    .form(prev.as_deref(), word)
                    .unwrap_or_else(|| word.to_lowercase())
            };
            *first = false;
            *prev = Some(word.to_lowercase());
            out.push_str(&form);
            word.clear();
        };
    for c in line.chars() {
        if c.is_alphabetic() || (c == '-' && !word.is_empty()) {
            word.push(c);
        } else {
            flush(&mut word, &mut out, first, prev);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, first, prev);
    out
}

/// The first word of a heading: as the text writes it if it is an acronym, else capitalised.
fn capitalised(word: &str, usage: &Usage) -> String {
    if let Some(form) = usage.form(None, word) {
        if !form.chars().any(char::is_lowercase) {
            return form;
        }
    }
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::chunks;

    #[test]
    fn capitals_take_the_case_the_text_uses() {
        let text = "**LETTRE DATÉE DU 3 JUILLET 2006, ADRESSÉE AU SECRÉTAIRE GÉNÉRAL DE LA CICA PAR LE CHARGÉ D'AFFAIRES DU DEUXIÈME SOMMET (KAZAKHSTAN), PARTIE II[^1]**\n\nLe Secrétaire général de la CICA, le Chargé d'affaires du Kazakhstan. Le deuxième Sommet. La Conférence au sommet, la Conférence au sommet.\n\nDÉCLARATION\nadoptée à l'issue\n";
        let mut log = Log::default();
        let out = restore(chunks(text), &mut log);
        assert_eq!(
            out[0].lines[0].text,
            "**Lettre datée du 3 juillet 2006, adressée au Secrétaire général de la CICA par le Chargé d'affaires du deuxième Sommet (Kazakhstan), partie II[^1]**"
        );
        assert_eq!(out[2].joined(), "Déclaration adoptée à l'issue");
        assert_eq!(out[1].notes.len(), 0);
        assert_eq!(out[0].notes.len(), 1);
    }
}

//! Words as the search index sees them. The browser's side (`charter.js`) splits and folds a
//! query the same way: lower case, accents removed, runs of letters and digits. Stemming
//! happens here only: the index maps every word it holds to its stem, so a query word found in
//! the texts needs no stemmer in the browser, and one that is not can still meet the stems it
//! starts with.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Words too common to help find a paragraph; left out of the index and of queries (the
/// browser receives the list with the index).
pub fn stop_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &[
            "a", "au", "aux", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "il",
            "la", "le", "les", "leur", "leurs", "ou", "par", "pour", "qu", "que", "qui", "sa",
            "se", "ses", "son", "sur", "un", "une",
        ],
        "en" => &[
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it",
            "its", "of", "on", "or", "that", "the", "their", "this", "to", "which", "with",
        ],
        _ => &[],
    }
}

pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
}

impl Analyzer {
    pub fn new(lang: &str) -> Analyzer {
        let algorithm = match lang {
            "fr" => Some(Algorithm::French),
            "en" => Some(Algorithm::English),
            "de" => Some(Algorithm::German),
            "es" => Some(Algorithm::Spanish),
            "it" => Some(Algorithm::Italian),
            "pt" => Some(Algorithm::Portuguese),
            "ru" => Some(Algorithm::Russian),
            "ar" => Some(Algorithm::Arabic),
            _ => None,
        };
        Analyzer {
            stemmer: algorithm.map(Stemmer::create),
            stop: stop_words(lang),
        }
    }

    /// The words of a text, each as (folded word, folded stem); stop words left out.
    pub fn words(&self, text: &str, mut f: impl FnMut(&str, &str)) {
        for word in tokens(text) {
            let lower = word.to_lowercase();
            let folded = fold(&lower);
            if self.stop.contains(&folded.as_str()) || is_letter(&folded) {
                continue;
            }
            let stem = match &self.stemmer {
                Some(s) => fold(&s.stem(&lower)),
                None => folded.clone(),
            };
            f(&folded, &stem);
        }
    }
}

/// The runs of letters and digits of a text, as `str::split` on non-alphanumeric characters
/// would give them without the empty ones, but looking at ASCII bytes directly: most of any
/// text is ASCII, and only the rest needs decoding to be classified.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip to the start of a word.
        let start = loop {
            if i >= bytes.len() {
                return None;
            }
            let (word, len) = classify(text, i);
            if word {
                break i;
            }
            i += len;
        };
        loop {
            if i >= bytes.len() {
                break;
            }
            let (word, len) = classify(text, i);
            if !word {
                break;
            }
            i += len;
        }
        Some(&text[start..i])
    })
}

/// Whether the character at byte `i` is a letter or digit, and its length in bytes.
#[inline]
fn classify(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[i..]
            .chars()
            .next()
            .expect("i is at a character boundary");
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// A name or a quoted phrase as the script compares it with the texts: every word folded,
/// stop words and single letters kept, one space between them (`l'Asie centrale` → `l asie
/// centrale`).
pub fn phrase(text: &str) -> String {
    tokens(text).map(fold).collect::<Vec<_>>().join(" ")
}

/// A single letter (`l'`, `d'`, a list marker): never worth a search. A single digit is.
fn is_letter(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_numeric())
}

/// Lower-case text without its accents (`Sécurité` → `securite`): what a reader types is
/// matched whether or not they type the accents.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .replace('œ', "oe")
        .replace('æ', "ae")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_the_runs_of_letters_and_digits() {
        for text in [
            "",
            "  ",
            "Sécurité énergétique, l'Acte d'Almaty (2002) — par. 27 ; «\u{a0}Asie\u{a0}» Ωμέγα 東京 ١٢٣",
            "œuvre—fin",
            "a",
            "-a-",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(tokens(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    fn words(lang: &str, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        Analyzer::new(lang).words(text, |w, s| out.push((w.to_string(), s.to_string())));
        out
    }

    #[test]
    fn french_words_are_folded_and_stemmed() {
        assert_eq!(
            words("fr", "La Sécurité énergétique des États"),
            [
                ("securite".into(), "secur".into()),
                ("energetique".into(), "energet".into()),
                ("etats".into(), "etat".into()),
            ]
        );
        // Inflections meet at one stem.
        let stems: Vec<String> = words("fr", "mesure mesures")
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(stems[0], stems[1]);
    }

    #[test]
    fn english_words_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            words("en", "The security of energy supplies"),
            [
                ("security".into(), "secur".into()),
                ("energy".into(), "energi".into()),
                ("supplies".into(), "suppli".into()),
            ]
        );
    }

    #[test]
    fn apostrophes_and_digits_split_words() {
        let w: Vec<String> = words("fr", "l'Asie, 2002 et CICA-2")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(w, ["asie", "2002", "cica", "2"]);
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn phrases_keep_every_word_folded() {
        assert_eq!(phrase("l'Asie centrale"), "l asie centrale");
        assert_eq!(phrase("  États-Unis d'Amérique "), "etats unis d amerique");
        assert_eq!(phrase(" — "), "");
    }
}

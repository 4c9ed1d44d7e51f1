//! The small grammars of a UN header, in French and English: dates written out
//! ("24 septembre 2002", "1er janvier 2003", "24 September 2002"), language names
//! ("anglais et russe"), document symbols ("A/57/424-S/2002/1077").

use crate::model::Date;

const MONTHS: [(&str, u8); 24] = [
    ("janvier", 1),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Lower case without accents, for matching words whatever their case or accents.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn month(word: &str) -> Option<u8> {
    let w = fold(word);
    MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
}

fn day(word: &str) -> Option<u8> {
    let digits = word
        .strip_suffix("er")
        .or_else(|| word.strip_suffix("st"))
        .unwrap_or(word);
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(word: &str) -> Option<u16> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let y: u16 = digits.parse().ok()?;
    (digits.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

/// The first date written out in `text` ("le 4 juin 2002", "3 JUILLET 2006¹",
/// "September 24, 2002"), with the byte range of its words.
pub fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| {
            let punctuation = |c: char| matches!(c, ',' | '.' | '(' | ')');
            let lead = w.len() - w.trim_start_matches(punctuation).len();
            let start = w.as_ptr() as usize - text.as_ptr() as usize + lead;
            (start, w.trim_matches(punctuation))
        })
        .collect();
    for (i, window) in words.windows(3).enumerate() {
        let [(start, a), (_, b), (end, c)] = window else {
            continue;
        };
        let found = match (day(a), month(b), month(a), day(b)) {
            (Some(d), Some(m), _, _) => year(c).map(|y| (d, m, y)),
            (_, _, Some(m), Some(d)) => year(c).map(|y| (d, m, y)),
            _ => None,
        };
        if let Some((day, month, year)) = found {
            let end = end + words[i + 2].1.len();
            return Some((Date { year, month, day }, *start..end));
        }
    }
    None
}

const LANGUAGES: [(&str, &str); 12] = [
    ("anglais", "en"),
    ("arabe", "ar"),
    ("chinois", "zh"),
    ("espagnol", "es"),
    ("francais", "fr"),
    ("russe", "ru"),
    ("english", "en"),
    ("arabic", "ar"),
    ("chinese", "zh"),
    ("spanish", "es"),
    ("french", "fr"),
    ("russian", "ru"),
];

/// ISO 639-1 codes of the languages named in `text` ("Original : anglais et russe" →
/// `en`, `ru`), in the order named.
pub fn languages(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for word in fold(text).split(|c: char| !c.is_alphabetic()) {
        if let Some((_, code)) = LANGUAGES.iter().find(|(name, _)| *name == word) {
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        }
    }
    codes
}

/// Whether `word` looks like a UN document symbol: `A/57/424`, `S/2002/1077`,
/// `A/C.1/62/L.5`, `CD/1785`: upper-case series, then `/`-separated parts.
pub fn is_symbol(word: &str) -> bool {
    let mut parts = word.split('/');
    let series = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    !series.is_empty()
        && series.len() <= 6
        && series.chars().all(|c| c.is_ascii_uppercase())
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*'))
        })
        && rest.iter().any(|p| p.chars().any(|c| c.is_ascii_digit()))
}

/// The symbols of a line made only of symbols ("A/57/424–S/2002/1077", "A/57/424 S/2002/1077"),
/// or `None` if it holds anything else.
pub fn symbols(line: &str) -> Option<Vec<String>> {
    let line = line.replace(['\u{2013}', '\u{2014}'], " ");
    let mut found = Vec::new();
    for word in line.split_whitespace() {
        // A pair written with a hyphen: A/57/424-S/2002/1077.
        let pieces = split_pair(word);
        if !pieces.iter().all(|p| is_symbol(p)) {
            return None;
        }
        found.extend(pieces.into_iter().map(str::to_string));
    }
    (!found.is_empty()).then_some(found)
}

/// `A/60/910-S/2006/444` → `A/60/910`, `S/2006/444`: a hyphen followed by a new series.
fn split_pair(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in word.match_indices('-') {
        let next = &word[i + 1..];
        let series: String = next.chars().take_while(char::is_ascii_uppercase).collect();
        if !series.is_empty() && next[series.len()..].starts_with('/') {
            out.push(&word[start..i]);
            start = i + 1;
        }
    }
    out.push(&word[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        find_date(text).map(|(d, r)| format!("{} {}", d.iso(), &text[r]))
    }

    #[test]
    fn dates_in_french_and_english_in_any_case() {
        assert_eq!(
            date("Fait à Almaty, le 4 juin 2002").as_deref(),
            Some("2002-06-04 4 juin 2002")
        );
        assert_eq!(
            date("LETTRE DATÉE DU 3 JUILLET 2006, ADRESSÉE").as_deref(),
            Some("2006-07-03 3 JUILLET 2006")
        );
        assert_eq!(
            date("le 1er décembre 2017.").as_deref(),
            Some("2017-12-01 1er décembre 2017")
        );
        assert_eq!(
            date("dated September 24, 2002").as_deref(),
            Some("2002-09-24 September 24, 2002")
        );
        assert_eq!(date("Points 66 s) et v), 68 d), 101 et 160"), None);
        assert_eq!(date("le 32 mai 2002"), None);
        assert_eq!(
            date("(4 juin 2002)").as_deref(),
            Some("2002-06-04 4 juin 2002")
        );
    }

    #[test]
    fn languages_by_name() {
        assert_eq!(languages("[Original : anglais et russe]"), ["en", "ru"]);
        assert_eq!(languages("Original: English"), ["en"]);
        assert_eq!(
            languages("Original : arabe/anglais/français"),
            ["ar", "en", "fr"]
        );
        assert!(languages("Distr. générale").is_empty());
    }

    #[test]
    fn symbols_alone_on_a_line() {
        assert_eq!(
            symbols("A/57/424–S/2002/1077").unwrap(),
            ["A/57/424", "S/2002/1077"]
        );
        assert_eq!(
            symbols("A/60/910-S/2006/444").unwrap(),
            ["A/60/910", "S/2006/444"]
        );
        assert_eq!(symbols("CD/1785").unwrap(), ["CD/1785"]);
        assert_eq!(symbols("A/C.1/62/L.5").unwrap(), ["A/C.1/62/L.5"]);
        assert_eq!(symbols("VIH/sida"), None);
        assert_eq!(symbols("Assemblée générale"), None);
        assert_eq!(symbols("et/ou"), None);
    }
}

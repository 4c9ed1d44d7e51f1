//! The ISO 3166-1 country codes, from the table kept in `data/iso-3166-1.tsv`: a state file's
//! `iso` (alpha-3) must be one of them, and the map finds a state's boundaries by the numeric
//! code that the table gives for it.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/iso-3166-1.tsv");

/// Whether `alpha3` is an ISO 3166-1 alpha-3 code.
pub fn is_code(alpha3: &str) -> bool {
    table().contains_key(alpha3)
}

/// The numeric code of an alpha-3 code (`KAZ` → 398).
pub fn numeric(alpha3: &str) -> Option<u16> {
    table().get(alpha3).copied()
}

/// The embedded table, read on first use.
fn table() -> &'static HashMap<String, u16> {
    static TABLE_BY_CODE: OnceLock<HashMap<String, u16>> = OnceLock::new();
    TABLE_BY_CODE.get_or_init(|| parse(TABLE))
}

/// Alpha-3 → numeric, from lines of `alpha-3 TAB numeric TAB name`; `#` starts a comment line.
fn parse(table: &str) -> HashMap<String, u16> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_string(), cols.next()?.parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_gives_each_code_its_number() {
        assert_eq!(table().len(), 248);
        assert_eq!(numeric("KAZ"), Some(398));
        assert_eq!(numeric("AFG"), Some(4));
        assert!(is_code("SGP"));
        assert!(!is_code("XYZ") && !is_code("kaz") && !is_code("KA"));
    }

    #[test]
    fn comments_blank_lines_and_bad_numbers_are_skipped() {
        let t =
            parse("# a comment\tline\n\nKAZ\t398\tKazakhstan\nBAD\tx\tBad\nKGZ\t417\tKyrgyzstan\n");
        assert_eq!(t.len(), 2);
        assert_eq!(t["KGZ"], 417);
    }
}

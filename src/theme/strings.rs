//! The interface strings of each language: `themes/{name}/i18n/{lang}.toml`, TOML of
//! `key = "text"` and the twelve names of the months.

use crate::diagnostic::{Diagnostic, Location};
use crate::load;
use crate::model::Date;
use crate::source::Source;
use std::collections::BTreeMap;
use std::path::Path;

/// The interface strings of one language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Strings {
    pub map: BTreeMap<String, String>,
    pub months: Vec<String>,
}

impl Strings {
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(|s| s.as_str()).unwrap_or(key)
    }

    /// `4 juin 2002`, `4 June 2002`; `first_day` ("1er") where a language writes the first
    /// of the month differently.
    pub fn date(&self, d: &Date) -> String {
        let month = self
            .months
            .get(usize::from(d.month).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| d.month.to_string());
        let day = match (d.day, self.map.get("first_day")) {
            (1, Some(first)) => first.clone(),
            _ => d.day.to_string(),
        };
        self.get("date_format")
            .replace("{day}", &day)
            .replace("{month}", &month)
            .replace("{year}", &d.year.to_string())
    }
}

/// The strings of each language, read from `dir` (relative to `root`); the problems of every
/// file if any has one.
pub fn read_each<'a>(
    root: &Path,
    dir: &Path,
    languages: impl Iterator<Item = &'a str>,
) -> Result<BTreeMap<String, Strings>, Vec<Diagnostic>> {
    let mut strings = BTreeMap::new();
    let mut problems = Vec::new();
    for lang in languages {
        let rel = dir.join(format!("{lang}.toml"));
        let read = load::read(&root.join(&rel), &rel).map_err(|d| {
            d.help(format!(
                "every language of the site needs its UI strings in {}",
                rel.display()
            ))
        });
        match read.and_then(|source| parse(&source)) {
            Ok(s) => {
                strings.insert(lang.to_string(), s);
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(strings)
    } else {
        Err(problems)
    }
}

/// The strings of one file: text values, and the twelve months.
fn parse(source: &Source) -> Result<Strings, Diagnostic> {
    let table: toml::Table = toml::from_str(&source.text).map_err(|e| {
        Diagnostic::error(format!("invalid UI strings: {}", e.message()))
            .at(Location::at(source, e.span().map(|s| s.start).unwrap_or(0)))
            .help("the file is TOML: key = \"text\"")
    })?;
    let strings = from_table(table).map_err(|key| {
        Diagnostic::error(format!("UI string `{key}` is not text"))
            .at(Location::at(source, source.text.find(&key).unwrap_or(0)))
            .help("write every UI string as key = \"text\" (only `months` is a list)")
    })?;
    if strings.months.len() != 12 {
        return Err(
            Diagnostic::error("the UI strings need the names of the 12 months")
                .at(Location::at(
                    source,
                    source.text.find("months").unwrap_or(0),
                ))
                .help("add months = [\"janvier\", …] with twelve names"),
        );
    }
    Ok(strings)
}

/// Every `key = "text"`, and the list of `months`; the key of a value that is neither.
fn from_table(table: toml::Table) -> Result<Strings, String> {
    let mut map = BTreeMap::new();
    let mut months = Vec::new();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("months", toml::Value::Array(a)) => {
                months = a
                    .into_iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
            }
            (_, toml::Value::String(s)) => {
                map.insert(key, s);
            }
            _ => return Err(key),
        }
    }
    Ok(Strings { map, months })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTHS: &str = "months = [\"janvier\", \"février\", \"mars\", \"avril\", \"mai\", \"juin\", \"juillet\", \"août\", \"septembre\", \"octobre\", \"novembre\", \"décembre\"]\n";

    fn source(text: &str) -> Source {
        Source::new("themes/t/i18n/fr.toml", text.to_string())
    }

    #[test]
    fn strings_and_months_make_dates() {
        let text =
            format!("date_format = \"{{day}} {{month}} {{year}}\"\nfirst_day = \"1er\"\n{MONTHS}");
        let s = parse(&source(&text)).unwrap();
        let date = |day| Date {
            year: 2002,
            month: 6,
            day,
        };
        assert_eq!(s.date(&date(4)), "4 juin 2002");
        assert_eq!(s.date(&date(1)), "1er juin 2002");
        assert_eq!(s.get("no_such_key"), "no_such_key");
    }

    #[test]
    fn a_value_that_is_not_text_points_at_its_line() {
        let e = parse(&source(&format!("{MONTHS}home = 3\n"))).unwrap_err();
        assert!(e.message.contains("`home` is not text"), "{}", e.message);
        assert_eq!(e.location.unwrap().line, 2);
    }

    #[test]
    fn the_twelve_months_are_required() {
        let e = parse(&source("home = \"Accueil\"\nmonths = [\"janvier\"]\n")).unwrap_err();
        assert!(e.message.contains("12 months"), "{}", e.message);
        assert_eq!(e.location.unwrap().line, 2);
    }
}

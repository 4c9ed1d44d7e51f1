//! The site configuration, `charter.toml` at the site root.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Lang;
use crate::source::Source;
use serde::Deserialize;
use std::path::Path;

pub const CONFIG_FILE: &str = "charter.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Absolute URL the site is served from, e.g. `https://cica.example.org/`.
    pub base_url: String,
    /// The language whose files are the authority and carry the language-neutral facts.
    pub default_language: Lang,
    /// The theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Languages in the order the site shows them.
    pub languages: Vec<Language>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: Lang,
    /// The site's title in this language.
    pub title: String,
    /// What the site is, in one sentence: the home page and `<meta name="description">`.
    #[serde(default)]
    pub description: String,
    /// Who issued the texts, as citations name it (reference managers' "publisher").
    #[serde(default)]
    pub issuing_body: String,
}

fn default_theme() -> String {
    "default".to_string()
}

impl Config {
    pub fn load(root: &Path) -> Result<(Config, Source), Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(format!("cannot read the site config: {e}"))
                .at(Location::file(Path::new(CONFIG_FILE)))
                .help(format!(
                    "run charter from the site root, the folder that holds {CONFIG_FILE} and content/ (or pass --root DIR)"
                ))
        })?;
        let source = Source::new(CONFIG_FILE, text);
        let config = Config::parse(&source)?;
        Ok((config, source))
    }

    pub fn parse(source: &Source) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(&source.text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            Diagnostic::error(format!("invalid site config: {}", e.message()))
                .at(Location::at(source, offset))
                .help("see the README's \"Site configuration\" for the accepted keys")
        })?;
        config.validate(source)?;
        Ok(config)
    }

    fn validate(&self, source: &Source) -> Result<(), Diagnostic> {
        let at = |needle: &str| Location::at(source, source.text.find(needle).unwrap_or(0));
        if self.languages.is_empty() {
            return Err(Diagnostic::error("the site config declares no language")
                .at(at("languages"))
                .help("add a [[languages]] table with a code and a title"));
        }
        for (i, lang) in self.languages.iter().enumerate() {
            let ok = (2..=3).contains(&lang.code.len())
                && lang.code.chars().all(|c| c.is_ascii_lowercase());
            if !ok {
                return Err(
                    Diagnostic::error(format!("`{}` is not a language code", lang.code))
                        .at(at(&lang.code))
                        .help(
                            "use a two- or three-letter lower-case ISO 639 code such as fr or en",
                        ),
                );
            }
            if self.languages[..i].iter().any(|l| l.code == lang.code) {
                return Err(Diagnostic::error(format!(
                    "language `{}` is declared twice",
                    lang.code
                ))
                .at(at(&lang.code))
                .help("declare each language once"));
            }
        }
        if !self
            .languages
            .iter()
            .any(|l| l.code == self.default_language)
        {
            return Err(Diagnostic::error(format!(
                "default_language `{}` is not one of the declared languages",
                self.default_language
            ))
            .at(at("default_language"))
            .help("set default_language to the code of a [[languages]] entry"));
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(
                Diagnostic::error("base_url must be an absolute http(s) URL")
                    .at(at("base_url"))
                    .help("write it like base_url = \"https://example.org/\""),
            );
        }
        Ok(())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// The base URL with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of the base URL (`/` or `/sub/`): prefix of every internal link, so the
    /// site also works when served from a sub-folder.
    pub fn base_path(&self) -> String {
        let rest = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or("");
        match rest.find('/') {
            Some(i) => format!("{}/", rest[i..].trim_end_matches('/')),
            None => "/".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(&Source::new(CONFIG_FILE, text.to_string()))
    }

    const GOOD: &str = r#"
base_url = "https://example.org/sub"
default_language = "fr"
[[languages]]
code = "fr"
title = "Textes"
[[languages]]
code = "en"
title = "Texts"
"#;

    #[test]
    fn parses_languages_in_order_and_base_path() {
        let c = parse(GOOD).unwrap();
        assert_eq!(c.codes().collect::<Vec<_>>(), ["fr", "en"]);
        assert_eq!(c.base_path(), "/sub/");
        assert_eq!(c.base_url(), "https://example.org/sub/");
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let e =
            parse(&GOOD.replace("default_language", "titel = 1\ndefault_language")).unwrap_err();
        assert!(e.message.contains("unknown field"), "{}", e.message);
        assert_eq!(e.location.unwrap().line, 3);
    }

    #[test]
    fn default_language_must_be_declared() {
        let e = parse(&GOOD.replace("default_language = \"fr\"", "default_language = \"de\""))
            .unwrap_err();
        assert!(e.message.contains("default_language `de`"));
    }
}

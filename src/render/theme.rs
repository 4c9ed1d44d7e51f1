//! The theme: Tera templates, translated UI strings and static assets, all read from
//! `themes/{name}/` once per build.

use super::templates::{
    binds_t, compact_templates, compile_templates, localize, new_engine, read_templates,
    used_strings,
};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::load;
use crate::model::Date;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub struct Theme {
    /// The templates of each language, with its UI strings written in where they are used
    /// plainly (`{{ t.key }}`, see [`localize`]): pages then look up only what varies.
    pub localized: BTreeMap<String, tera::Tera>,
    /// The templates as the theme has them, for a language without its own (none, unless
    /// writing the strings in failed).
    pub fallback: Option<tera::Tera>,
    /// UI strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// The UI strings each page is given as `t`, per language: those its templates still look
    /// up, when they use them only as `t.key` (every page carries its own copy).
    pub page_strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Static files by output path.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Where each static file is published: stylesheets and scripts get a name that changes
    /// with their content (`assets/style.3f2a9c1b0d.css`), so hosts can cache them forever.
    pub asset_paths: BTreeMap<String, String>,
    /// Theme folder relative to the site root, for messages.
    pub dir: PathBuf,
}

/// The UI strings of one language (`themes/{name}/i18n/{lang}.toml`).
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

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Report> {
        let dir = PathBuf::from("themes").join(&config.theme);
        let abs = root.join(&dir);
        let mut report = Report::default();
        if !abs.is_dir() {
            return Err(Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                .at(Location::file(&dir))
                .help("set theme in charter.toml to a folder under themes/, or restore themes/default/")
                .into());
        }
        let templates_dir = dir.join("templates");
        let templates = match read_templates(root, &templates_dir) {
            Ok(t) => Some(t),
            Err(d) => {
                report.push(d);
                None
            }
        };
        let mut strings = BTreeMap::new();
        for lang in config.codes() {
            match load_strings(root, &dir.join("i18n").join(format!("{lang}.toml"))) {
                Ok(s) => {
                    strings.insert(lang.to_string(), s);
                }
                Err(d) => report.push(d),
            }
        }
        let (assets, asset_paths) = match load_assets(&abs.join("static")) {
            Ok(a) => fingerprint(a),
            Err(d) => {
                report.push(d);
                (BTreeMap::new(), BTreeMap::new())
            }
        };
        let Some(templates) = templates else {
            return Err(report);
        };
        let compacted = compact_templates(&templates);
        let localizable = !compacted.iter().any(|(_, text)| binds_t(text));
        // Per language, in parallel: its templates with its strings written in.
        let localized: BTreeMap<String, (tera::Tera, Vec<String>)> = {
            use rayon::prelude::*;
            strings
                .par_iter()
                .filter(|_| localizable)
                .filter_map(|(lang, s)| {
                    let texts: Vec<(&str, String)> = compacted
                        .iter()
                        .map(|(name, text)| (name.as_str(), localize(name, text, &s.map)))
                        .collect();
                    let mut engine = new_engine();
                    engine
                        .add_raw_templates(texts.iter().map(|(n, t)| (*n, t.as_str())))
                        .ok()?;
                    let texts = texts.into_iter().map(|(_, t)| t).collect();
                    Some((lang.clone(), (engine, texts)))
                })
                .collect()
        };
        // The theme's templates themselves, compiled only for a language without its own:
        // when they do not compile (the message then points at the designer's line), or when
        // its strings could not be read.
        let fallback = if config.codes().all(|l| localized.contains_key(l)) {
            None
        } else {
            match compile_templates(&templates_dir, &templates, &compacted) {
                Ok(t) => Some(t),
                Err(d) => {
                    report.push(d);
                    None
                }
            }
        };
        if !report.is_empty() {
            return Err(report);
        }
        // The strings each language's pages still look up.
        let page_strings = strings
            .iter()
            .map(|(lang, s)| {
                let sources: Vec<&str> = match (localized.get(lang), &fallback) {
                    (Some((_, texts)), _) => texts.iter().map(String::as_str).collect(),
                    (None, Some((_, texts))) => texts.iter().map(|(_, t)| t.as_str()).collect(),
                    (None, None) => Vec::new(),
                };
                let map = match used_strings(sources.into_iter()) {
                    Some(keys) => s
                        .map
                        .iter()
                        .filter(|(k, _)| keys.contains(k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    None => s.map.clone(),
                };
                (lang.clone(), map)
            })
            .collect();
        Ok(Theme {
            localized: localized
                .into_iter()
                .map(|(lang, (engine, _))| (lang, engine))
                .collect(),
            fallback: fallback.map(|(engine, _)| engine),
            strings,
            page_strings,
            assets,
            asset_paths,
            dir,
        })
    }

    /// The templates a page in `lang` is rendered with (every language of the site has them).
    pub fn engine(&self, lang: &str) -> Option<&tera::Tera> {
        self.localized.get(lang).or(self.fallback.as_ref())
    }
}

fn load_strings(root: &Path, rel: &Path) -> Result<Strings, Diagnostic> {
    let source = load::read(&root.join(rel), rel).map_err(|d| {
        d.help(format!(
            "every language of the site needs its UI strings in {}",
            rel.display()
        ))
    })?;
    let table: toml::Table = toml::from_str(&source.text).map_err(|e| {
        Diagnostic::error(format!("invalid UI strings: {}", e.message()))
            .at(Location::at(
                &source,
                e.span().map(|s| s.start).unwrap_or(0),
            ))
            .help("the file is TOML: key = \"text\"")
    })?;
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
            _ => {
                let at = source.text.find(&key).unwrap_or(0);
                return Err(Diagnostic::error(format!("UI string `{key}` is not text"))
                    .at(Location::at(&source, at))
                    .help("write every UI string as key = \"text\" (only `months` is a list)"));
            }
        }
    }
    if months.len() != 12 {
        return Err(
            Diagnostic::error("the UI strings need the names of the 12 months")
                .at(Location::at(
                    &source,
                    source.text.find("months").unwrap_or(0),
                ))
                .help("add months = [\"janvier\", …] with twelve names"),
        );
    }
    Ok(Strings { map, months })
}

/// Renames stylesheets and scripts after a hash of their content.
fn fingerprint(
    files: BTreeMap<String, Vec<u8>>,
) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, String>) {
    let mut assets = BTreeMap::new();
    let mut paths = BTreeMap::new();
    for (name, bytes) in files {
        let published = match name.rsplit_once('.') {
            Some((stem, ext @ ("css" | "js"))) => {
                let hash = blake3::hash(&bytes).to_hex();
                format!("assets/{stem}.{}.{ext}", &hash[..10])
            }
            _ => name.clone(),
        };
        paths.insert(name, published.clone());
        assets.insert(published, bytes);
    }
    (assets, paths)
}

impl Theme {
    /// The published path of a static file of the theme.
    pub fn asset<'a>(&'a self, name: &'a str) -> &'a str {
        self.asset_paths
            .get(name)
            .map(|s| s.as_str())
            .unwrap_or(name)
    }
}

fn load_assets(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut assets = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(assets);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("cannot read the theme's static files: {e}"))
                .help("check the theme folder's permissions")
        })?;
        if entry.file_type().is_dir() || load::is_scratch_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.path_is_symlink() || !entry.file_type().is_file() {
            // A link could publish any file of the machine: only real files are copied.
            return Err(Diagnostic::error(format!(
                "static file {} is a symbolic link or a special file",
                rel.display()
            ))
            .at(Location::file(&Path::new("themes").join(rel)))
            .help("copy the file itself into the theme's static/ folder"));
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(format!("cannot read a static file: {e}")).at(Location::file(rel))
        })?;
        assets.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
    }
    Ok(assets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_prints_its_plain_strings_without_looking_them_up() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (config, _) = Config::load(root).unwrap();
        let theme = Theme::load(root, &config).unwrap();
        assert!(theme.fallback.is_none());
        for lang in config.codes() {
            assert!(theme.localized.contains_key(lang), "{lang}");
            // Only strings with braces (placeholders such as `{n}`) are left to look up.
            let left = &theme.page_strings[lang];
            assert!(
                left.values().all(|v| v.contains(['{', '}'])),
                "{lang}: {left:?}"
            );
        }
    }
}

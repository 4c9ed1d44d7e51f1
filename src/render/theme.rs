//! The theme: Tera templates, translated UI strings and static assets, all read from
//! `themes/{name}/` once per build.

use super::templates::{compile_templates, read_templates};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::load;
use crate::model::Date;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub struct Theme {
    /// The templates, compiled as the theme has them.
    pub engine: tera::Tera,
    /// UI strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// The UI strings of each language as the templates see them (`t.key`), converted once
    /// rather than on every page.
    pub t: BTreeMap<String, tera::Value>,
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
        let engine = templates.map(|t| compile_templates(&templates_dir, &t));
        let engine = match engine {
            Some(Ok(engine)) if report.is_empty() => engine,
            Some(Err(d)) => {
                report.push(d);
                return Err(report);
            }
            _ => return Err(report),
        };
        let t = strings
            .iter()
            .map(|(lang, s)| (lang.clone(), tera::to_value(&s.map).unwrap_or_default()))
            .collect();
        Ok(Theme {
            engine,
            strings,
            t,
            assets,
            asset_paths,
            dir,
        })
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
        let name = rel.to_string_lossy().replace('\\', "/");
        let bytes = super::minify::asset(&name, bytes);
        assets.insert(name, bytes);
    }
    Ok(assets)
}

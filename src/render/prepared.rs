//! The theme made ready to render with, once per build: its templates compiled, its interface
//! strings converted for the templates, its stylesheets and scripts minified and named after
//! their content.

use super::minify;
use super::templates::compile_templates;
use crate::diagnostic::Report;
use crate::theme::{Strings, Theme};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct PreparedTheme {
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

impl PreparedTheme {
    /// Fails when a template does not compile.
    pub fn new(theme: Theme) -> Result<PreparedTheme, Report> {
        // Compiling the templates and minifying the stylesheets and scripts are the longest
        // steps of reading a theme, and independent.
        let (engine, (assets, asset_paths)) = rayon::join(
            || compile_templates(&theme.dir.join("templates"), &theme.templates),
            || publish(theme.files),
        );
        let engine = engine?;
        let t = theme
            .strings
            .iter()
            .map(|(lang, s)| (lang.clone(), tera::to_value(&s.map).unwrap_or_default()))
            .collect();
        Ok(PreparedTheme {
            engine,
            strings: theme.strings,
            t,
            assets,
            asset_paths,
            dir: theme.dir,
        })
    }

    /// The published path of a static file of the theme.
    pub fn asset<'a>(&'a self, name: &'a str) -> &'a str {
        self.asset_paths
            .get(name)
            .map(|s| s.as_str())
            .unwrap_or(name)
    }
}

/// The static files as published, by output path, and the output path of each: stylesheets
/// and scripts minified, then renamed after a hash of what is published.
fn publish(
    files: BTreeMap<String, Vec<u8>>,
) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, String>) {
    let published: Vec<(String, String, Vec<u8>)> = files
        .into_par_iter()
        .map(|(name, bytes)| {
            let bytes = minify::asset(&name, bytes);
            let published = match name.rsplit_once('.') {
                Some((stem, ext @ ("css" | "js"))) => {
                    let hash = blake3::hash(&bytes).to_hex();
                    format!("assets/{stem}.{}.{ext}", &hash[..10])
                }
                _ => name.clone(),
            };
            (name, published, bytes)
        })
        .collect();
    let mut assets = BTreeMap::new();
    let mut paths = BTreeMap::new();
    for (name, published, bytes) in published {
        paths.insert(name, published.clone());
        assets.insert(published, bytes);
    }
    (assets, paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_are_named_after_what_is_published() {
        let files = BTreeMap::from([
            (
                "style.css".to_string(),
                b"body {\n  margin: 0px;\n}\n".to_vec(),
            ),
            ("charter.js".to_string(), b"window.x = 1;\n".to_vec()),
            ("img/logo.svg".to_string(), b"<svg/>".to_vec()),
        ]);
        let (assets, paths) = publish(files);
        let css = &paths["style.css"];
        assert!(
            css.starts_with("assets/style.") && css.ends_with(".css"),
            "{css}"
        );
        let hash = &blake3::hash(&assets[css]).to_hex()[..10];
        assert_eq!(css, &format!("assets/style.{hash}.css"));
        assert_eq!(assets[css], b"body{margin:0}");
        assert!(paths["charter.js"].starts_with("assets/charter."));
        assert_eq!(paths["img/logo.svg"], "img/logo.svg");
        assert_eq!(assets["img/logo.svg"], b"<svg/>");
        assert_eq!(assets.len(), 3);
    }
}

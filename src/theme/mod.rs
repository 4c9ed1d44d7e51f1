//! The theme, read from `themes/{name}/` once per build, beside the content: the text of its
//! templates, the interface strings of each language and its static files. Reading is all
//! that happens here; the renderer compiles the templates and publishes the static files
//! ([`crate::render::prepared`]).

mod files;
mod strings;
pub(crate) mod templates;

pub use strings::Strings;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::source::Source;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Theme {
    /// The theme folder relative to the site root, for messages.
    pub dir: PathBuf,
    /// The templates by name (`partials/x.html`), in name order.
    pub templates: Vec<(String, Source)>,
    /// The interface strings of each language of the site.
    pub strings: BTreeMap<String, Strings>,
    /// The static files as written, by path under `static/`.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Reads the theme that the config names: every problem is reported, not only the first.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Report> {
        let dir = PathBuf::from("themes").join(&config.theme);
        if !root.join(&dir).is_dir() {
            return Err(Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                .at(Location::file(&dir))
                .help("set theme in charter.toml to a folder under themes/, or restore themes/default/")
                .into());
        }
        let templates = templates::read(root, &dir.join("templates"));
        let strings = strings::read_each(root, &dir.join("i18n"), config.codes());
        let files = files::read(root, &dir.join("static"));
        match (templates, strings, files) {
            (Ok(templates), Ok(strings), Ok(files)) => Ok(Theme {
                dir,
                templates,
                strings,
                files,
            }),
            (templates, strings, files) => {
                let mut report = Report::default();
                report.extend(templates.err());
                report.extend(strings.err().into_iter().flatten());
                report.extend(files.err());
                Err(report)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn config(theme: &str) -> Config {
        let text = format!(
            "base_url = \"https://example.org/\"\ndefault_language = \"fr\"\ntheme = \"{theme}\"\n\
             [[languages]]\ncode = \"fr\"\ntitle = \"Textes\"\n[[languages]]\ncode = \"en\"\ntitle = \"Texts\"\n"
        );
        Config::parse(&Source::new("charter.toml", text)).unwrap()
    }

    #[test]
    fn a_missing_theme_is_named() {
        let root = tempfile::tempdir().unwrap();
        let report = Theme::load(root.path(), &config("plain")).err().unwrap();
        assert_eq!(report.diagnostics.len(), 1);
        let d = &report.diagnostics[0];
        assert!(
            d.message.contains("the theme `plain` does not exist"),
            "{}",
            d.message
        );
        assert_eq!(d.location.as_ref().unwrap().file, Path::new("themes/plain"));
    }

    #[test]
    fn every_problem_of_the_theme_is_reported_at_once() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("themes/plain");
        std::fs::create_dir_all(dir.join("i18n")).unwrap();
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(dir.join("templates/base.html"), "<p>{{ page.title }}</p>").unwrap();
        std::fs::write(dir.join("i18n/fr.toml"), "home = 3\n").unwrap();
        let report = Theme::load(root.path(), &config("plain")).err().unwrap();
        let files: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| d.location.as_ref().unwrap().file.clone())
            .collect();
        assert_eq!(
            files,
            [
                PathBuf::from("themes/plain/i18n/fr.toml"),
                PathBuf::from("themes/plain/i18n/en.toml")
            ]
        );
    }

    #[test]
    fn a_theme_is_read_as_it_is() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::load(repo, &config("default")).unwrap();
        assert!(theme.templates.iter().any(|(name, _)| name == "base.html"));
        assert_eq!(theme.strings.keys().collect::<Vec<_>>(), ["en", "fr"]);
        let css = std::fs::read(repo.join("themes/default/static/style.css")).unwrap();
        assert_eq!(
            theme.files["style.css"], css,
            "static files are read unchanged"
        );
    }
}

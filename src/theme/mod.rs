//! The theme, read from `themes/{name}/` once per build, beside the content: the text of its
//! templates, the interface strings of each language and its static files. Reading is all
//! that happens here; the renderer compiles the templates and publishes the static files
//! ([`crate::render::prepared`]).

mod files;
mod strings;
mod templates;

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

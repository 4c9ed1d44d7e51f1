//! charter: a static site generator for bilingual diplomatic and legal texts in which every
//! paragraph has a permanent, citable anchor.
//!
//! The pipeline, top to bottom: [`config`] → [`load`] (the content) with [`theme`] (templates,
//! interface strings, static files) read beside it → [`parse`] → [`resolve`] → [`render`] →
//! [`output`]. Each stage takes plain data and returns plain data; the first stage that finds
//! problems stops the run with every problem it found.
//!
//! [`generate`] and [`build`] below run it whole with the [`Options`] of the command line; a
//! [`project`] holds the site in memory between runs, so that the preview (`serve`)
//! redoes only what an edit touches. Beside the stages: [`model`] (the data they hand on),
//! [`diagnostic`] and [`source`] (problems with their file, line and column), [`crash`] (a bug
//! reported in words, never a crash), [`urls`], [`map`]
//! and [`iso3166`], [`search`], [`watch`], [`scaffold`] (`charter new`), [`import`] (`charter
//! import`: a UN document's converted text made into a content pair), [`cli`], [`timings`].

pub mod cli;
pub mod config;
pub mod crash;
pub mod diagnostic;
pub mod import;
pub mod iso3166;
pub mod load;
pub mod map;
pub mod model;
pub mod names;
pub mod options;
pub mod output;
pub mod parse;
pub mod project;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod source;
pub mod theme;
pub mod timings;
pub mod urls;
pub mod watch;

pub use options::{Failure, Options};

use diagnostic::Report;
use model::Site;
use output::Output;
use project::Project;
use std::path::{Path, PathBuf};

/// A generated site.
pub struct Generated {
    pub project: Project,
    /// Problems worth a look that did not stop the build.
    pub warnings: Report,
    /// How many pages were made.
    pub pages: usize,
}

impl Generated {
    pub fn site(&self) -> &Site {
        &self.project.site
    }

    /// The site in memory (empty after [`build`], which writes as it renders).
    pub fn output(&self) -> &Output {
        self.project.output()
    }
}

/// Runs every stage but the write, keeping the site in memory: what `check` validates.
pub fn generate(root: &Path, options: &Options) -> Result<Generated, Report> {
    let mut project = Project::open(root, options)?;
    let mut report = project.report();
    let warnings = report.take_warnings();
    let pages = project.render()?.pages;
    Ok(Generated {
        project,
        warnings,
        pages,
    })
}

/// Generates the site and replaces `out` with it atomically. Pages are written as they are
/// rendered, into a new folder beside `out` that is swapped in only when everything
/// succeeded; on a failure it is removed, and `out` is left as it was.
pub fn build(root: &Path, out: &Path, options: &Options) -> Result<Generated, Failure> {
    let mut project = Project::open(root, options).map_err(Failure::Content)?;
    let mut report = project.report();
    let warnings = report.take_warnings();
    if report.has_errors() {
        return Err(Failure::Content(project.report()));
    }
    let new = output::Replacement::begin(out).map_err(Failure::Io)?;
    let pages = project.render_to(&new).map_err(Failure::Content)?;
    let clock = timings::Clock::start();
    new.finish().map_err(Failure::Io)?;
    clock.lap("swap", None);
    Ok(Generated {
        project,
        warnings,
        pages,
    })
}

/// The output folder: `public/` under the site root unless given.
pub fn out_dir(root: &Path, out: Option<&Path>) -> PathBuf {
    match out {
        Some(o) if o.is_absolute() => o.to_path_buf(),
        Some(o) => std::env::current_dir()
            .map(|d| d.join(o))
            .unwrap_or_else(|_| o.to_path_buf()),
        None => root.join("public"),
    }
}

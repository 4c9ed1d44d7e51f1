//! The whole pipeline in one call: [`generate`] runs every stage in memory (what `check`
//! validates), [`build`] also writes the site and swaps it in for the output folder.

use crate::diagnostic::Report;
use crate::model::Site;
use crate::options::Options;
use crate::output::{self, Output};
use crate::project::Project;
use crate::timings;
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

/// Why a build did not complete.
#[derive(Debug)]
pub enum Failure {
    /// Content, config or theme problems: exit code 1.
    Content(Report),
    /// The output could not be written: exit code 2.
    Io(output::OutputError),
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

//! A run of the pipeline from outside: what it is asked to do beyond the site's own config
//! (the choices of the command line), and why it may not complete.

use crate::diagnostic::Report;
use crate::output::OutputError;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `base_url` from the config (deploy previews).
    pub base_url: Option<String>,
    /// Include texts marked `draft = true`.
    pub drafts: bool,
    /// A missing translation is an error.
    pub strict: bool,
}

/// Why a build did not complete.
#[derive(Debug)]
pub enum Failure {
    /// Content, config or theme problems: exit code 1.
    Content(Report),
    /// The output could not be written: exit code 2.
    Io(OutputError),
}

//! What a run is asked to do beyond the site's own config: the choices of the command line
//! that change what is built or what counts as a problem.

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `base_url` from the config (deploy previews).
    pub base_url: Option<String>,
    /// Include texts marked `draft = true`.
    pub drafts: bool,
    /// A missing translation is an error.
    pub strict: bool,
}

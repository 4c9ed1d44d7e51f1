//! charter: a static site generator for bilingual diplomatic and legal texts in which every
//! paragraph has a permanent, citable anchor.
//!
//! The pipeline, top to bottom: [`config`] → [`load`] → [`parse`] → [`resolve`] → [`render`] →
//! [`output`]. Each stage takes plain data and returns plain data; the first stage that finds
//! problems stops the run with every problem it found.

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod output;
pub mod parse;
pub mod render;
pub mod resolve;
pub mod source;
pub mod urls;

use config::Config;
use diagnostic::Report;
use model::Site;
use output::Output;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `base_url` from the config (deploy previews).
    pub base_url: Option<String>,
    /// Include texts marked `draft = true`.
    pub drafts: bool,
    /// A missing translation is an error.
    pub strict: bool,
}

/// A generated site, in memory.
pub struct Generated {
    pub config: Config,
    pub site: Site,
    pub graph: resolve::Graph,
    pub output: Output,
    /// Problems worth a look that did not stop the build.
    pub warnings: Report,
}

/// Runs every stage but the write: what `check` validates and `build` writes.
pub fn generate(root: &Path, options: &Options) -> Result<Generated, Report> {
    let (config, _) = Config::load(root)?;
    if let Some(url) = &options.base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(diagnostic::Diagnostic::error(format!(
                "--base-url `{url}` is not an absolute http(s) URL"
            ))
            .help("pass a URL such as https://deploy-preview-1--example.netlify.app/")
            .into());
        }
    }
    let languages: Vec<&str> = config.codes().collect();

    // The theme and the content are independent: report problems in both at once.
    let theme = render::theme::Theme::load(root, &config);
    let (files, mut report) = load::load(root, &languages);
    let (site, parse_report) = parse::parse_site(
        files,
        &config,
        parse::ParseOptions {
            drafts: options.drafts,
        },
    );
    report.extend(parse_report.diagnostics);
    let mut graph = resolve::Graph::default();
    if !report.has_errors() {
        let (g, resolve_report) = resolve::resolve(
            &site,
            &config,
            resolve::ResolveOptions {
                strict: options.strict,
            },
        );
        graph = g;
        report.extend(resolve_report.diagnostics);
    }
    let warnings = report.take_warnings().sorted();
    let theme = match theme {
        Ok(t) => t,
        Err(theme_report) => {
            report.extend(theme_report.diagnostics);
            report.extend(warnings.diagnostics);
            return Err(report.sorted());
        }
    };
    if report.has_errors() {
        report.extend(warnings.diagnostics);
        return Err(report.sorted());
    }
    let output = render::Renderer::new(&site, &graph, &config, &theme, options.base_url.as_deref())
        .render()
        .map_err(Report::sorted)?;
    Ok(Generated {
        config,
        site,
        graph,
        output,
        warnings,
    })
}

/// Why a build did not complete.
#[derive(Debug)]
pub enum Failure {
    /// Content, config or theme problems: exit code 1.
    Content(Report),
    /// The output could not be written: exit code 2.
    Io(String),
}

/// Generates the site and replaces `out` with it atomically.
pub fn build(root: &Path, out: &Path, options: &Options) -> Result<Generated, Failure> {
    let generated = generate(root, options).map_err(Failure::Content)?;
    output::write(&generated.output, out)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", out.display())))?;
    Ok(generated)
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

//! The command line: `charter build`, `check`, `serve`, `new`, `import`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    about = "Publish bilingual diplomatic texts with a citable anchor on every paragraph"
)]
pub struct Cli {
    /// The site root: the folder with charter.toml, content/ and themes/.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (replaced whole, only if the build succeeds).
    Build {
        /// Output folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Absolute URL the site will be served from (overrides charter.toml; for deploy previews).
        #[arg(long)]
        base_url: Option<String>,
        /// Include texts marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site into memory, serve it, rebuild on every save and reload open pages.
    #[cfg(feature = "serve")]
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; use 0.0.0.0 to let other machines of the network in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include texts marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Write the French and English files of a new document, measure or state.
    New {
        #[arg(value_enum)]
        kind: NewKind,
        /// English, lower-case, hyphenated: the same in every language.
        slug: String,
    },
    /// Turn a UN document's converted text into content/documents/SLUG.{fr,en}.md: the text
    /// with the conversion's defects repaired, and a draft skeleton of the translation.
    Import(ImportArgs),
    /// Validate everything a build validates, write nothing; exit 1 on any problem.
    Check {
        /// Also fail on missing translations.
        #[arg(long)]
        strict: bool,
        /// Include texts marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    Document,
    Cbm,
    State,
    Topic,
    Reference,
}

/// `charter import FILE --slug SLUG`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The text converted from the document's PDF or Word file (UTF-8).
    pub file: PathBuf,
    /// English, lower-case, hyphenated: the same in every language.
    #[arg(long)]
    pub slug: String,
    /// The kind of document (guessed from the text if not given).
    #[arg(long, value_enum)]
    pub kind: Option<ImportKind>,
    /// The language of the text (the site's default language if not given).
    #[arg(long)]
    pub lang: Option<String>,
    /// Do not write the draft skeleton of the other languages.
    #[arg(long)]
    pub no_skeleton: bool,
    /// List every repair made, with its line in FILE.
    #[arg(long)]
    pub repairs: bool,
}

impl ImportArgs {
    pub fn request(&self) -> crate::import::Request {
        crate::import::Request {
            file: self.file.clone(),
            slug: self.slug.clone(),
            kind: self.kind.map(Into::into),
            lang: self.lang.clone(),
            skeleton: !self.no_skeleton,
        }
    }
}

/// The kinds of document `--kind` accepts.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportKind {
    Act,
    Declaration,
    Letter,
    Request,
}

impl From<ImportKind> for crate::model::DocumentKind {
    fn from(k: ImportKind) -> Self {
        use crate::model::DocumentKind;
        match k {
            ImportKind::Act => DocumentKind::Act,
            ImportKind::Declaration => DocumentKind::Declaration,
            ImportKind::Letter => DocumentKind::Letter,
            ImportKind::Request => DocumentKind::Request,
        }
    }
}

//! The command line: `charter build`, `charter check`.

use clap::{Parser, Subcommand};
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

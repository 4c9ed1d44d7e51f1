//! charter: a static site generator for bilingual diplomatic and legal texts in which every
//! paragraph has a permanent, citable anchor.
//!
//! The pipeline, top to bottom: [`config`] → [`load`] (the content) with [`theme`] (templates,
//! interface strings, static files) read beside it → [`parse`] → [`resolve`] → [`render`] →
//! [`output`]. Each stage takes plain data and returns plain data; the first stage that finds
//! problems stops the run with every problem it found.
//!
//! [`pipeline`] runs it whole ([`generate`], [`build`]) with the [`Options`] of the command
//! line; a [`project`] holds the site in memory between runs, so that the preview (`serve`)
//! redoes only what an edit touches. Beside the stages: [`model`] (the data they hand on),
//! [`diagnostic`] and [`source`] (problems with their file, line and column), [`urls`], [`map`]
//! and [`iso3166`], [`search`], [`watch`], [`scaffold`] (`charter new`), [`cli`], [`timings`].

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod iso3166;
pub mod load;
pub mod map;
pub mod model;
pub mod names;
pub mod options;
pub mod output;
pub mod parse;
pub mod pipeline;
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

pub use options::Options;
pub use pipeline::{build, generate, out_dir, Failure, Generated};

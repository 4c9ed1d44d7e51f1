//! charter: a static site generator for bilingual diplomatic and legal texts in which every
//! paragraph has a permanent, citable anchor.
//!
//! The pipeline, top to bottom: [`config`] → [`load`] → [`parse`] → [`resolve`] → [`render`] →
//! [`output`]. Each stage takes plain data and returns plain data; the first stage that finds
//! problems stops the run with every problem it found.

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod iso3166;
pub mod load;
pub mod map;
pub mod model;
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

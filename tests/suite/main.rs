//! Integration tests: the real `charter` binary run on small fixture sites.

mod support;

mod bad_input;
mod browser;
mod build;
mod catalogue;
mod content;
mod deploy;
mod diagnostics;
mod edits;
mod fuzz;
mod netlify;
mod output;
mod readers;
mod serve;

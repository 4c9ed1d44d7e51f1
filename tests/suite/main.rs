//! Integration tests: the real `charter` binary run on small fixture sites.

mod support;

mod build;
mod catalogue;
mod content;
mod diagnostics;
mod serve;

//! Integration tests: the real `charter` binary run on small fixture sites.

mod support;

/// The synthetic corpus of the benchmarks, for tests on a large generated site.
#[path = "../../benches/corpus/mod.rs"]
mod corpus;

// Topics and cited texts in the open data and the search.
mod browser_search_topics;
mod search_topics;
mod topics_data;

mod akn;
mod bad_input;
mod browser;
mod browser_search;
mod build;
mod catalogue;
mod cite;
mod content;
mod deploy;
mod diagnostics;
mod edits;
mod fidelity;
mod fuzz;
mod generated;
mod import;
mod netlify;
mod output;
mod readers;
mod robustness;
mod scaffold;
mod serve;
mod topics;

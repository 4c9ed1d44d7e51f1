//! The built site in memory, and the atomic replacement of the output folder on disk
//! ([`Replacement`]).

mod replacement;

pub use bytes::Bytes;
pub use replacement::{Op, OutputError, Replacement};
use std::collections::BTreeMap;

/// Every file of the built site, by path relative to the output folder (`/` separators).
/// A sorted map, so writing and hashing are deterministic. The bytes are shared, not copied,
/// when the map is cloned: `serve` keeps the site it serves while the next one is made from
/// a clone, at the cost of the paths alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Bytes>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), Bytes::from(bytes));
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Where rendered files go, from any thread: the site in memory, or a build's new folder.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);
}

impl Sink for std::sync::Mutex<Output> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path, bytes);
    }
}

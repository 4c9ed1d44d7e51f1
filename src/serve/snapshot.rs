//! What the preview answers from: one complete state of the site, published whole and never
//! changed after. A rebuild makes the next one beside it and swaps it in; a request reads the
//! current one and never waits for a rebuild.

use crate::output::{Bytes, Output};
use std::sync::{Arc, PoisonError, RwLock};

/// One state of the site. Cheap to copy: the files are shared.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last good pages and the theme's assets, `None` until a build succeeds.
    pub pages: Option<Arc<Output>>,
    /// The last good files about the whole site (sitemap, feeds, open data, search index,
    /// Akoma Ntoso and citation files), made apart from the pages and after them.
    pub machine: Option<MachineFiles>,
    /// The problems of the latest build, shown over every page; `None` when it succeeded.
    pub problems: Option<Arc<str>>,
}

/// Files about the whole site, and the edit they take in.
#[derive(Debug, Clone)]
pub struct MachineFiles {
    pub at: u64,
    pub files: Arc<Output>,
}

impl Snapshot {
    /// The file at a site-relative path.
    pub fn file(&self, path: &str) -> Option<&Bytes> {
        let machine = self.machine.as_ref().and_then(|m| m.files.files.get(path));
        machine.or_else(|| self.pages.as_ref()?.files.get(path))
    }

    /// With `machine` made at edit `at`, which replace the previous set whole (a search index
    /// of fewer shards, a text removed: their files go), unless the snapshot holds newer ones.
    pub fn with_machine_files(&self, at: u64, files: Output) -> Option<Snapshot> {
        let newer = self.machine.as_ref().is_none_or(|m| at > m.at);
        newer.then(|| Snapshot {
            machine: Some(MachineFiles {
                at,
                files: Arc::new(files),
            }),
            ..self.clone()
        })
    }
}

/// The snapshot being served. The lock is held only to copy or replace the pointer, never
/// while a site is built and never across an `await`: a request reads the current snapshot
/// at once, whatever a rebuild is doing.
#[derive(Debug, Default)]
pub struct Current(RwLock<Arc<Snapshot>>);

impl Current {
    pub fn load(&self) -> Arc<Snapshot> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Publishes the snapshot `next` makes from the current one, if it makes one. `next` runs
    /// under the lock, so that two publishers cannot lose each other's changes: it must only
    /// copy pointers (build what takes time before).
    pub fn update(&self, next: impl FnOnce(&Snapshot) -> Option<Snapshot>) {
        let mut current = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(snapshot) = next(&current) {
            *current = Arc::new(snapshot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut out = Output::default();
        for (path, text) in files {
            out.insert(*path, text.as_bytes().to_vec());
        }
        out
    }

    fn text(s: &Snapshot, path: &str) -> Option<String> {
        s.file(path).map(|b| String::from_utf8(b.to_vec()).unwrap())
    }

    #[test]
    fn the_newest_files_about_the_site_are_served_beside_the_pages() {
        let pages = Snapshot {
            pages: Some(Arc::new(output(&[("fr/index.html", "page")]))),
            ..Snapshot::default()
        };
        assert_eq!(text(&pages, "sitemap.xml"), None, "none made yet");
        let first = || {
            output(&[
                ("sitemap.xml", "old"),
                ("search-index/fr/t0.json", "old"),
                ("search-index/fr/t1.json", "old"),
            ])
        };
        let made = || output(&[("sitemap.xml", "new"), ("search-index/fr/t0.json", "new")]);
        let s = pages.with_machine_files(0, first()).unwrap();
        assert_eq!(text(&s, "search-index/fr/t1.json").as_deref(), Some("old"));
        let s = s.with_machine_files(4, made()).unwrap();
        assert_eq!(text(&s, "fr/index.html").as_deref(), Some("page"));
        assert_eq!(text(&s, "sitemap.xml").as_deref(), Some("new"));
        assert_eq!(text(&s, "search-index/fr/t0.json").as_deref(), Some("new"));
        assert_eq!(
            text(&s, "search-index/fr/t1.json"),
            None,
            "the old index is gone"
        );
        assert!(
            s.with_machine_files(4, first()).is_none(),
            "made from the same edit: nothing newer"
        );
        assert!(s.with_machine_files(3, first()).is_none(), "older");
        assert!(s.with_machine_files(5, made()).is_some());
    }

    #[test]
    fn a_reader_keeps_its_snapshot_while_the_next_is_published() {
        let current = Current::default();
        let before = current.load();
        current.update(|s| {
            Some(Snapshot {
                problems: Some("error".into()),
                ..s.clone()
            })
        });
        assert!(before.problems.is_none());
        assert_eq!(current.load().problems.as_deref(), Some("error"));
        current.update(|_| None);
        assert_eq!(current.load().problems.as_deref(), Some("error"));
    }
}

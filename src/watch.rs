//! Watching the site for edits: raw file-system events are gathered until the editor has
//! finished saving (a short quiet period), then sorted by a pure function into what must be
//! rebuilt. Editors' swap, backup and temporary files are ignored.

use crate::load::{is_scratch_file, CONTENT_DIR};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// What a batch of events asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Content files that changed, appeared or disappeared (relative to the site root).
    pub content: BTreeSet<PathBuf>,
    /// The config or the theme changed: everything must be rebuilt.
    pub everything: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.everything
    }

    pub fn merge(&mut self, other: Changes) {
        self.content.extend(other.content);
        self.everything |= other.everything;
    }
}

/// Sorts changed paths (absolute or relative) into [`Changes`]. Pure: unit-tested without a
/// watcher.
pub fn classify(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if rel
            .components()
            .any(|c| is_scratch_file(&c.as_os_str().to_string_lossy()))
            || name.is_empty()
        {
            continue;
        }
        if rel == Path::new(crate::config::CONFIG_FILE) || rel.starts_with("themes") {
            changes.everything = true;
        } else if rel.starts_with(CONTENT_DIR) {
            changes.content.insert(rel);
        }
    }
    changes
}

/// How long to wait for an editor to finish saving.
#[derive(Debug, Clone, Copy)]
pub struct Debounce {
    /// Quiet time that ends a batch after an isolated save: short, for a fast preview.
    pub quiet: Duration,
    /// Quiet time while saves keep coming (a save within `storm_gap` of the last batch):
    /// longer, so that a burst becomes one rebuild rather than one per save.
    pub storm_quiet: Duration,
    pub storm_gap: Duration,
    /// A batch never waits longer than this after its first event.
    pub max: Duration,
}

impl Default for Debounce {
    fn default() -> Debounce {
        Debounce {
            quiet: Duration::from_millis(15),
            storm_quiet: Duration::from_millis(80),
            storm_gap: Duration::from_millis(250),
            max: Duration::from_millis(600),
        }
    }
}

/// Waits for the first event, then keeps gathering until a quiet period passes without one
/// (or `max` since the first). `last` is when the previous batch ended.
pub fn gather(
    rx: &Receiver<PathBuf>,
    debounce: Debounce,
    last: Option<Instant>,
) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let start = Instant::now();
    let storm = last.is_some_and(|t| start.duration_since(t) < debounce.storm_gap);
    let quiet = if storm {
        debounce.storm_quiet
    } else {
        debounce.quiet
    };
    let mut paths = vec![first];
    loop {
        let left = debounce.max.saturating_sub(start.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(quiet.min(left)) {
            Ok(p) => paths.push(p),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(paths)
}

/// Why the site could not be watched.
#[cfg(feature = "serve")]
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch the files")]
    Start(#[source] notify::Error),
    #[error("cannot watch {}", .path.display())]
    Folder {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
}

/// Watches the content, the themes and the config of the site at `root`, sending each path
/// that changes to `tx`. Watching stops when the watcher is dropped.
#[cfg(feature = "serve")]
pub fn start(
    root: &Path,
    tx: std::sync::mpsc::Sender<PathBuf>,
) -> Result<notify::RecommendedWatcher, WatchError> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })
    .map_err(WatchError::Start)?;
    let mut watch = |path: PathBuf, mode| {
        watcher
            .watch(&path, mode)
            .map_err(|source| WatchError::Folder { path, source })
    };
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watch(path, RecursiveMode::Recursive)?;
        }
    }
    // The root itself, not recursively: for charter.toml (and content/ appearing).
    watch(root.to_path_buf(), RecursiveMode::NonRecursive)?;
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn content_edits_are_kept_and_scratch_files_dropped() {
        let root = Path::new("/site");
        let c = classify(
            root,
            [
                "/site/content/documents/a.fr.md",
                "/site/content/documents/.a.fr.md.swp",
                "/site/content/documents/a.fr.md~",
                "/site/content/documents/4913",
                "/site/content/documents/#a.fr.md#",
                "/site/public/fr/index.html",
                "/site/target/debug/charter",
            ]
            .map(PathBuf::from),
        );
        let expected: BTreeSet<PathBuf> = ["content/documents/a.fr.md"]
            .map(PathBuf::from)
            .into_iter()
            .collect();
        assert_eq!(c.content, expected);
        assert!(!c.everything);
    }

    #[test]
    fn theme_and_config_edits_rebuild_everything() {
        let root = Path::new("/site");
        assert!(
            classify(
                root,
                [PathBuf::from("/site/themes/default/templates/base.html")]
            )
            .everything
        );
        assert!(classify(root, [PathBuf::from("/site/charter.toml")]).everything);
        assert!(
            !classify(
                root,
                [PathBuf::from(
                    "/site/themes/default/templates/.base.html.swp"
                )]
            )
            .everything
        );
        assert!(classify(root, [PathBuf::from("/site/README.md")]).is_empty());
    }

    #[test]
    fn a_burst_is_gathered_into_one_batch() {
        let (tx, rx) = channel();
        for i in 0..50 {
            tx.send(PathBuf::from(format!("content/documents/x{i}.fr.md")))
                .unwrap();
        }
        let batch = gather(&rx, Debounce::default(), None).unwrap();
        assert_eq!(batch.len(), 50);
        drop(tx);
        assert!(gather(&rx, Debounce::default(), None).is_none());
    }

    #[test]
    fn saves_that_keep_coming_are_gathered_longer() {
        let (tx, rx) = channel();
        let sender = std::thread::spawn(move || {
            for i in 0..10 {
                tx.send(PathBuf::from(format!("content/documents/x.fr.md{i}")))
                    .unwrap();
                // Not a wait: it spaces the saves, as an editor's separate saves are, and the
                // gap between them is what the debounce is tested on.
                std::thread::sleep(Duration::from_millis(30));
            }
        });
        // An isolated save: a 30 ms gap ends the batch.
        let first = gather(&rx, Debounce::default(), None).unwrap();
        assert_eq!(first.len(), 1);
        // Within a storm, 30 ms gaps do not: the rest comes as one batch.
        let rest = gather(&rx, Debounce::default(), Some(Instant::now())).unwrap();
        assert_eq!(rest.len(), 9);
        sender.join().unwrap();
    }
}

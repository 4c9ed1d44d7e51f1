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

/// Waits for the first event, then keeps gathering until `quiet` passes without one (or
/// `max` since the first): one rebuild for a burst of saves.
pub fn gather(rx: &Receiver<PathBuf>, quiet: Duration, max: Duration) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let start = Instant::now();
    let mut paths = vec![first];
    loop {
        let left = max.saturating_sub(start.elapsed());
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
        let batch = gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).unwrap();
        assert_eq!(batch.len(), 50);
        drop(tx);
        assert!(gather(&rx, Duration::from_millis(20), Duration::from_secs(1)).is_none());
    }
}

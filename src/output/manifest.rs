//! What the two folders a build keeps hold, written when a build finishes, so that the next
//! build knows an unchanged file from its size, a hash of its bytes and one `stat`, instead of
//! reading it back, and knows what to remove without walking the folder.
//!
//! The record is trusted only as far as it can be checked cheaply: a file is taken as
//! unchanged only if its inode, size and modification time are still the ones recorded, and a
//! folder's list of files only if the modification time of every folder in it is still the
//! one recorded (adding or removing a file changes its folder's). Anything else falls back to
//! reading and walking, which is always right, only slower.

use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::io::{self, Write};
use std::path::Path;

/// One file as the build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub len: u64,
    pub hash: u128,
    pub ino: u64,
    pub mtime: i128,
}

impl Mark {
    pub fn new(meta: &Metadata, hash: u128) -> Mark {
        Mark {
            len: meta.len(),
            hash,
            ino: ino(meta),
            mtime: mtime(meta),
        }
    }

    /// Whether the file `meta` describes is still the one recorded, untouched.
    pub fn matches(&self, meta: &Metadata) -> bool {
        meta.is_file()
            && meta.len() == self.len
            && ino(meta) == self.ino
            && mtime(meta) == self.mtime
    }
}

/// The content hash the record keeps: 128 bits, so that two different files of a site are
/// not taken for the same one.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A hash made part by part, for files written as they are made.
pub type Hasher = xxhash_rust::xxh3::Xxh3;

/// Every file and folder of one folder, by path relative to it (`""` is the folder itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub files: HashMap<String, Mark>,
    pub dirs: HashMap<String, i128>,
}

impl Listing {
    /// Whether every folder recorded under `root` is still there with the recorded
    /// modification time: then no file was added to or removed from the folder since.
    pub fn still_describes(&self, root: &Path) -> bool {
        use rayon::prelude::*;
        self.dirs.par_iter().all(|(rel, time)| {
            let path = if rel.is_empty() {
                root.to_path_buf()
            } else {
                root.join(rel)
            };
            std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir() && mtime(&m) == *time)
        })
    }

    /// The recorded file at `path` under `root`, if it holds `len` bytes hashing to `hash`
    /// and is still the file recorded, untouched (one `stat`).
    pub fn vouches(&self, path: &str, at: &Path, len: u64, hash: u128) -> Option<Metadata> {
        let mark = self
            .files
            .get(path)
            .filter(|m| m.len == len && m.hash == hash)?;
        std::fs::symlink_metadata(at)
            .ok()
            .filter(|meta| mark.matches(meta))
    }

    /// The folders of `files` and their parents up to the root, as they are now under `root`.
    pub fn record_dirs(&mut self, root: &Path) -> io::Result<()> {
        use rayon::prelude::*;
        let mut rels = folders_of(self.files.keys());
        rels.insert("");
        let dirs = rels
            .par_iter()
            .map(|rel| {
                let meta = std::fs::symlink_metadata(root.join(rel))?;
                Ok((rel.to_string(), mtime(&meta)))
            })
            .collect::<io::Result<HashMap<String, i128>>>()?;
        self.dirs = dirs;
        Ok(())
    }
}

/// The folders the files at `paths` (relative, `/`-separated) are in, and their parents, up
/// to but not including the root.
pub fn folders_of<'a>(paths: impl IntoIterator<Item = &'a String>) -> HashSet<&'a str> {
    let mut folders = HashSet::new();
    for path in paths {
        let mut at = path.as_str();
        while let Some(i) = at.rfind('/') {
            at = &at[..i];
            if !folders.insert(at) {
                break;
            }
        }
    }
    folders
}

/// The record of a site's live folder and of the staging folder beside it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub live: Option<Listing>,
    pub next: Option<Listing>,
}

const HEADER: &str = "charter output manifest 1";

impl Manifest {
    /// Reads the record at `path` and removes it, so that a build stopped half-way leaves no
    /// record of folders it has since changed. A missing or unreadable record is no record.
    pub fn take(path: &Path) -> Manifest {
        let manifest = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| parse(&text).ok())
            .unwrap_or_default();
        let _ = std::fs::remove_file(path);
        manifest
    }

    /// Writes the record whole or not at all (a record cut short would hide files from the
    /// next build): to a file beside it, then renamed, and closed by an end line.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        use rayon::prelude::*;
        let mut out = Vec::new();
        writeln!(out, "{HEADER}")?;
        for (name, listing) in [("live", &self.live), ("next", &self.next)] {
            let Some(listing) = listing else { continue };
            writeln!(out, "{name}")?;
            // Sorted: the same folders give the same record.
            let mut dirs: Vec<_> = listing.dirs.iter().collect();
            dirs.sort();
            for (rel, time) in dirs {
                writeln!(out, "d\t{time}\t{rel}")?;
            }
            let mut files: Vec<_> = listing.files.iter().collect();
            files.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
            // Tens of thousands of lines on a large site: formatted a chunk per task.
            let chunks: Vec<Vec<u8>> = files
                .par_chunks(1024)
                .map(|chunk| {
                    let mut out = Vec::with_capacity(chunk.len() * 96);
                    for (rel, m) in chunk {
                        let _ = writeln!(
                            out,
                            "f\t{}\t{:032x}\t{}\t{}\t{rel}",
                            m.len, m.hash, m.ino, m.mtime
                        );
                    }
                    out
                })
                .collect();
            for chunk in chunks {
                out.extend_from_slice(&chunk);
            }
        }
        writeln!(out, "end")?;
        let mut name = path.as_os_str().to_owned();
        name.push(".tmp");
        let temporary = std::path::PathBuf::from(name);
        std::fs::write(&temporary, out)?;
        std::fs::rename(&temporary, path)
    }
}

fn parse(text: &str) -> Result<Manifest, ()> {
    let mut manifest = Manifest::default();
    let mut lines = text.split('\n');
    if lines.next() != Some(HEADER) {
        return Err(());
    }
    let mut current: Option<&mut Listing> = None;
    let mut ended = false;
    for line in lines {
        if ended {
            // Only the end of the file may follow the end line.
            return if line.is_empty() {
                Ok(manifest)
            } else {
                Err(())
            };
        }
        let mut fields = line.splitn(6, '\t');
        let mut next = || fields.next().ok_or(());
        match next()? {
            "end" => ended = true,
            "live" => current = Some(manifest.live.insert(Listing::default())),
            "next" => current = Some(manifest.next.insert(Listing::default())),
            "d" => {
                let time = next()?.parse().map_err(|_| ())?;
                let rel = next()?;
                let listing = current.as_deref_mut().ok_or(())?;
                listing.dirs.insert(rel.to_string(), time);
            }
            "f" => {
                let mark = Mark {
                    len: next()?.parse().map_err(|_| ())?,
                    hash: u128::from_str_radix(next()?, 16).map_err(|_| ())?,
                    ino: next()?.parse().map_err(|_| ())?,
                    mtime: next()?.parse().map_err(|_| ())?,
                };
                let rel = next()?;
                let listing = current.as_deref_mut().ok_or(())?;
                listing.files.insert(rel.to_string(), mark);
            }
            _ => return Err(()),
        }
    }
    Err(())
}

#[cfg(unix)]
fn ino(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn ino(_meta: &Metadata) -> u64 {
    0
}

fn mtime(meta: &Metadata) -> i128 {
    match meta
        .modified()
        .map(|t| t.duration_since(std::time::UNIX_EPOCH))
    {
        Ok(Ok(d)) => d.as_nanos() as i128,
        Ok(Err(e)) => -(e.duration().as_nanos() as i128),
        // No modification time on this system: nothing can be trusted.
        Err(_) => i128::MIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_only_once() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("site/fr")).unwrap();
        std::fs::write(tmp.path().join("site/fr/a b.html"), "a").unwrap();
        let meta = std::fs::metadata(tmp.path().join("site/fr/a b.html")).unwrap();
        let mut live = Listing::default();
        live.files
            .insert("fr/a b.html".into(), Mark::new(&meta, hash(b"a")));
        live.record_dirs(&tmp.path().join("site")).unwrap();
        assert_eq!(live.dirs.len(), 2, "the folder and fr/: {:?}", live.dirs);
        let manifest = Manifest {
            live: Some(live),
            next: None,
        };
        let path = tmp.path().join("record");
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::take(&path), manifest);
        assert_eq!(Manifest::take(&path), Manifest::default());
    }

    #[test]
    fn a_damaged_record_is_no_record() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("record");
        std::fs::write(&path, format!("{HEADER}\nlive\nf\tnot a number\nend\n")).unwrap();
        assert_eq!(Manifest::take(&path), Manifest::default());
        // Cut short: without its end line, a record may be missing files.
        std::fs::write(&path, format!("{HEADER}\nlive\nd\t1\t\n")).unwrap();
        assert_eq!(Manifest::take(&path), Manifest::default());
    }

    #[test]
    fn a_listing_no_longer_describes_a_folder_with_a_file_added() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("fr")).unwrap();
        std::fs::write(root.join("fr/index.html"), "x").unwrap();
        let meta = std::fs::metadata(root.join("fr/index.html")).unwrap();
        let mut listing = Listing::default();
        listing
            .files
            .insert("fr/index.html".into(), Mark::new(&meta, hash(b"x")));
        listing.record_dirs(&root).unwrap();
        assert!(listing.still_describes(&root));
        // Modification times can be coarse: make sure the folder's changes.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(root.join("fr/stray.html"), "y").unwrap();
        assert!(!listing.still_describes(&root));
    }

    #[test]
    fn a_mark_no_longer_matches_a_file_rewritten_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        std::fs::write(&path, "one").unwrap();
        let mark = Mark::new(&std::fs::metadata(&path).unwrap(), hash(b"one"));
        assert!(mark.matches(&std::fs::metadata(&path).unwrap()));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "two").unwrap();
        assert!(!mark.matches(&std::fs::metadata(&path).unwrap()));
    }
}

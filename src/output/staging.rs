//! The staging folder a build writes into, swapped in for the output folder when complete.

use super::manifest::{self, Listing, Manifest, Mark};
use super::Sink;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A new site written file by file, from any thread, into a folder beside the output folder,
/// then swapped in by rename: readers of the output folder see the previous site or the new
/// one, never a mix, and a failed build leaves the previous site as it was.
///
/// The folder (`.{name}.next`) is kept between builds, holding the site before the previous
/// one, and brought up to date rather than written afresh: a file it already holds is left
/// alone, a file the live site holds is linked from there (a hard link: no data written), and
/// only the rest is written. Writing and deleting every file on each build costs more than the
/// rest of a large site's build on common file systems, and most files do not change between
/// builds.
///
/// Since the two folders share the files they have in common, a file is never rewritten in
/// place: a changed file replaces the old one as a new file, so the live site never changes
/// under its readers.
pub struct Staging {
    dir: PathBuf,
    next: PathBuf,
    old: PathBuf,
    /// Where the record of both folders is kept between builds (see [`manifest`]).
    record: PathBuf,
    /// What the live site holds, as the previous build left it, if recorded.
    live_files: Option<Listing>,
    /// What the staging folder holds, if recorded and still true.
    next_files: Option<Listing>,
    state: std::sync::Mutex<State>,
}

#[derive(Default)]
struct State {
    written: HashMap<String, Mark>,
    /// Folders made so far, so each is made once.
    folders: HashSet<PathBuf>,
    error: Option<(String, io::Error)>,
}

impl Staging {
    pub fn begin(dir: &Path) -> io::Result<Staging> {
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let next = parent.join(format!(".{name}.next"));
        let old = parent.join(format!(".{name}.old"));
        let record = parent.join(format!(".{name}.manifest"));
        let clock = crate::timings::Clock::start();
        // Taken before anything changes: a build that stops half-way leaves no record.
        let Manifest { live, next: staged } = Manifest::take(&record);
        // A swap interrupted earlier: put the site back, or clear what is left.
        if old.exists() {
            if dir.exists() {
                remove_tree(&old)?;
            } else {
                std::fs::rename(&old, dir)?;
            }
        }
        if next.is_symlink() || (next.exists() && !next.is_dir()) {
            std::fs::remove_file(&next)?;
        }
        // What the folder already holds is found file by file as the new site is written (a
        // missing file costs one failed lookup), not by walking the folder first; the folder
        // itself is made with the first file's, so a build that writes nothing leaves nothing.
        clock.lap("record read", Some("staging"));
        let next_files = staged.filter(|l| l.still_describes(&next));
        clock.lap("folders checked", Some("staging"));
        Ok(Staging {
            dir: dir.to_path_buf(),
            next,
            old,
            record,
            live_files: live,
            next_files,
            state: Default::default(),
        })
    }

    /// Writes one file of the new site, unless the folder already holds these bytes. An I/O
    /// error is kept and reported by [`Staging::finish`].
    pub fn put(&self, path: &str, bytes: &[u8]) {
        let result = self.write(path, bytes);
        self.keep(path, result);
    }

    /// Records a file of the new site, or keeps the first I/O error of the build, for
    /// [`Staging::finish`] to report.
    fn keep(&self, path: &str, result: io::Result<Mark>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match result {
            Ok(mark) => {
                state.written.insert(path.to_string(), mark);
            }
            Err(e) => {
                state.error.get_or_insert((path.to_string(), e));
            }
        }
    }

    /// Writes a file part by part (always: comparing it with the folder's copy would mean
    /// holding it whole, which is what writing by parts avoids).
    fn write_parts(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> io::Result<Mark> {
        let target = self.prepare(path)?;
        let mut file = create_new(&target)?;
        let mut hasher = manifest::Hasher::new();
        for part in parts {
            hasher.update(&part);
            file.write_all(&part)?;
        }
        Ok(Mark::new(&file.metadata()?, hasher.digest128()))
    }

    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<Mark> {
        let target = self.prepare(path)?;
        let hash = manifest::hash(bytes);
        let len = bytes.len() as u64;
        // The staging folder holds these bytes already (from the build before last).
        let kept = match &self.next_files {
            Some(listing) => listing.vouches(path, &target, len, hash),
            None => same_bytes(&target, bytes),
        };
        if let Some(meta) = kept {
            return Ok(Mark::new(&meta, hash));
        }
        // A plain file of the live site (not a link to somewhere else) with these bytes.
        let live = self.dir.join(path);
        let linkable = match &self.live_files {
            Some(listing) => listing.vouches(path, &live, len, hash),
            None => std::fs::symlink_metadata(&live)
                .ok()
                .filter(|m| m.is_file())
                .and_then(|_| same_bytes(&live, bytes)),
        };
        if let Some(meta) = linkable {
            let _ = std::fs::remove_file(&target);
            if std::fs::hard_link(&live, &target).is_ok() {
                return Ok(Mark::new(&meta, hash));
            }
        }
        let mut file = create_new(&target)?;
        file.write_all(bytes)?;
        Ok(Mark::new(&file.metadata()?, hash))
    }

    /// Makes room for `path` in the staging folder: its folder exists, and no folder stands
    /// where the file goes. Returns where to write it.
    fn prepare(&self, path: &str) -> io::Result<PathBuf> {
        let target = self.next.join(path);
        let folder = target.parent().unwrap_or(&self.next).to_path_buf();
        // What the record says the folder holds needs no look.
        let (folder_there, no_folder_here) = match &self.next_files {
            Some(listing) => {
                let rel = path.rsplit_once('/').map_or("", |(f, _)| f);
                (
                    listing.dirs.contains_key(rel),
                    !listing.dirs.contains_key(path),
                )
            }
            None => (false, false),
        };
        let lock = || self.state.lock().unwrap_or_else(|p| p.into_inner());
        if !folder_there && !lock().folders.contains(&folder) {
            make_folder(&self.next, &folder)?;
            lock().folders.insert(folder);
        }
        if !no_folder_here && target.is_dir() && !target.is_symlink() {
            remove_tree(&target)?;
        }
        Ok(target)
    }

    /// Gives up a build that wrote nothing (its content had errors): the folders are as the
    /// record describes them, so it is put back for the next build. Once anything is written
    /// the record no longer holds, and is dropped.
    pub fn abandon(self) {
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        if state.written.is_empty() && state.error.is_none() {
            let manifest = Manifest {
                live: self.live_files,
                next: self.next_files,
            };
            if manifest != Manifest::default() && manifest.save(&self.record).is_err() {
                let _ = std::fs::remove_file(&self.record);
            }
        }
    }

    /// Removes what the new site does not have, swaps the folder in, and records both
    /// folders for the next build.
    pub fn finish(self) -> io::Result<()> {
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        if let Some((path, e)) = state.error {
            return Err(io::Error::new(e.kind(), format!("{path}: {e}")));
        }
        let clock = crate::timings::Clock::start();
        std::fs::create_dir_all(&self.next)?;
        let listed = self
            .next_files
            .as_ref()
            .is_some_and(|l| prune_listed(&self.next, l, &state.written).is_ok());
        if !listed {
            prune(&self.next, &state.written)?;
        }
        let mut site = Listing {
            files: state.written,
            dirs: HashMap::new(),
        };
        clock.lap("prune", Some("swap"));
        // A folder that cannot be described is not recorded: the next build walks it.
        let recorded = site.record_dirs(&self.next).is_ok();
        clock.lap("folders", Some("swap"));
        let mut previous = self.live_files;
        if self.dir.exists() {
            std::fs::rename(&self.dir, &self.old)?;
            if let Err(e) = std::fs::rename(&self.next, &self.dir) {
                // Put the previous site back before reporting.
                let _ = std::fs::rename(&self.old, &self.dir);
                return Err(e);
            }
            // The previous site becomes the next build's starting point.
            if std::fs::rename(&self.old, &self.next).is_err() {
                previous = None;
                remove_tree(&self.old)?;
            }
        } else {
            previous = None;
            std::fs::rename(&self.next, &self.dir)?;
        }
        clock.lap("rename", Some("swap"));
        if recorded {
            let manifest = Manifest {
                live: Some(site),
                next: previous,
            };
            // Without a record the next build is slower, not wrong.
            if manifest.save(&self.record).is_err() {
                let _ = std::fs::remove_file(&self.record);
            }
            clock.lap("record", Some("swap"));
        }
        Ok(())
    }
}

/// Removes the files and folders `listing` has under `root` that the new site does not
/// have, without walking the folder. Fails when a folder to remove holds something
/// unrecorded, for the caller to walk the folder instead.
fn prune_listed(root: &Path, listing: &Listing, keep: &HashMap<String, Mark>) -> io::Result<()> {
    use rayon::prelude::*;
    let gone = |r: io::Result<()>| match r {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        r => r,
    };
    let extra: Vec<&String> = listing
        .files
        .keys()
        .filter(|p| !keep.contains_key(*p))
        .collect();
    extra
        .par_iter()
        .try_for_each(|p| gone(std::fs::remove_file(root.join(p))))?;
    let needed = manifest::folders_of(keep.keys());
    let mut empty: Vec<&String> = listing
        .dirs
        .keys()
        .filter(|d| !d.is_empty() && !needed.contains(d.as_str()))
        .collect();
    // Deepest first.
    empty.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for d in empty {
        gone(std::fs::remove_dir(root.join(d)))?;
    }
    Ok(())
}

fn site_path(root: &Path, path: &Path) -> io::Result<String> {
    Ok(path
        .strip_prefix(root)
        .map_err(io::Error::other)?
        .to_string_lossy()
        .replace('\\', "/"))
}

/// Creates a folder and its parents under `root`, replacing a file that stands in the way
/// (a page that became a folder).
fn make_folder(root: &Path, folder: &Path) -> io::Result<()> {
    match std::fs::create_dir_all(folder) {
        Err(_) if !folder.is_dir() => {
            let mut at = folder;
            while at != root {
                if at.is_file() || at.is_symlink() {
                    std::fs::remove_file(at)?;
                    break;
                }
                match at.parent() {
                    Some(p) => at = p,
                    None => break,
                }
            }
            std::fs::create_dir_all(folder)
        }
        _ => Ok(()),
    }
}

/// Removes the files under `root` that are not in `keep`, then the folders no kept file is in.
fn prune(root: &Path, keep: &HashMap<String, Mark>) -> io::Result<()> {
    use rayon::prelude::*;
    let needed = manifest::folders_of(keep.keys());
    // The folder is walked a top-level folder per task (`fr/`, `en/`, …): on a large site
    // it holds tens of thousands of entries.
    let tops: Vec<PathBuf> = std::fs::read_dir(root)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    // Per top-level folder: files the new site does not have, and folders it does not need
    // (with their depth, to remove the deepest first).
    type Found = (Vec<PathBuf>, Vec<(usize, PathBuf)>);
    let found: Vec<Found> = tops
        .par_iter()
        .map(|top| {
            let mut extra = Vec::new();
            let mut empty = Vec::new();
            for entry in walkdir::WalkDir::new(top) {
                let entry = entry.map_err(io::Error::other)?;
                let rel = site_path(root, entry.path())?;
                if entry.file_type().is_dir() {
                    if !needed.contains(rel.as_str()) {
                        empty.push((entry.depth() + 1, entry.into_path()));
                    }
                } else if !keep.contains_key(&rel) {
                    extra.push(entry.into_path());
                }
            }
            Ok((extra, empty))
        })
        .collect::<io::Result<_>>()?;
    let (mut extra, mut empty) = (Vec::new(), Vec::new());
    for (x, e) in found {
        extra.extend(x);
        empty.extend(e);
    }
    extra.par_iter().try_for_each(std::fs::remove_file)?;
    empty.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (_, f) in empty {
        std::fs::remove_dir(&f)?;
    }
    Ok(())
}

/// A new file at `path`, replacing (not truncating) any file there, which the live site may
/// share.
fn create_new(path: &Path) -> io::Result<std::fs::File> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// The file at `path`, if it holds exactly `bytes`. Read a block at a time into one buffer
/// and compared as it comes, not read whole into a new allocation: without a record of the
/// folder, a large build compares its whole output this way.
fn same_bytes(path: &Path, bytes: &[u8]) -> Option<std::fs::Metadata> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file
        .metadata()
        .ok()
        .filter(|m| m.is_file() && m.len() == bytes.len() as u64)?;
    let mut buf = vec![0u8; bytes.len().clamp(1, 64 * 1024)];
    let mut at = 0;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return (at == bytes.len()).then_some(meta),
            Ok(n) if bytes.get(at..at + n) == Some(&buf[..n]) => at += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            _ => return None,
        }
    }
}

/// Removes a folder tree, files in parallel, then folders deepest first.
fn remove_tree(root: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(std::fs::remove_file)?;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (_, d) in &dirs {
        std::fs::remove_dir(d)?;
    }
    Ok(())
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) {
        Staging::put(self, &path, &bytes);
    }

    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) {
        let result = self.write_parts(&path, parts);
        self.keep(&path, result);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{write, Output};

    #[test]
    fn write_replaces_the_folder_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        std::fs::create_dir_all(dir.join("old")).unwrap();
        std::fs::write(dir.join("old/stale.html"), "stale").unwrap();
        let mut out = Output::default();
        out.insert("fr/index.html", b"new".to_vec());
        write(&out, &dir).unwrap();
        assert_eq!(std::fs::read(dir.join("fr/index.html")).unwrap(), b"new");
        assert!(
            !dir.join("old").exists(),
            "files of the previous build must not linger"
        );
        // Beside it, only the folder the next build starts from and the record of both.
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".public.manifest", ".public.next", "public"]);
    }

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn successive_builds_give_exactly_the_new_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let site = |files: &[(&str, &str)]| {
            let mut out = Output::default();
            for (p, b) in files {
                out.insert(*p, b.as_bytes().to_vec());
            }
            out
        };
        let builds = [
            site(&[
                ("index.html", "1"),
                ("fr/a/index.html", "a1"),
                ("fr/b/index.html", "b1"),
            ]),
            site(&[
                ("index.html", "2"),
                ("fr/a/index.html", "a1"),
                ("fr/c/index.html", "c2"),
            ]),
            // A folder becomes a file, and a file a folder.
            site(&[
                ("index.html", "3"),
                ("fr/a", "now a file"),
                ("fr/c/index.html/x", "deep"),
            ]),
            site(&[("index.html", "4"), ("fr/a/index.html", "a4")]),
            site(&[]),
        ];
        for out in &builds {
            write(out, &dir).unwrap();
            let expected: Vec<(String, Vec<u8>)> = out
                .files
                .iter()
                .map(|(p, b)| (p.clone(), b.clone()))
                .collect();
            assert_eq!(tree(&dir), expected);
        }
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::default();
        out.insert("fr/index.html", b"same".to_vec());
        write(&out, &dir).unwrap();
        write(&out, &dir).unwrap();
        // The third build starts from the first one's folder: its file is kept as it was.
        let first = std::fs::metadata(tmp.path().join(".public.next/fr/index.html")).unwrap();
        write(&out, &dir).unwrap();
        let third = std::fs::metadata(dir.join("fr/index.html")).unwrap();
        assert_eq!(
            (first.ino(), first.mtime_nsec()),
            (third.ino(), third.mtime_nsec())
        );
    }

    #[test]
    fn the_second_build_links_unchanged_files_from_the_live_site() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::default();
        out.insert("fr/same.html", b"same".to_vec());
        out.insert("fr/changed.html", b"one".to_vec());
        write(&out, &dir).unwrap();
        let before = std::fs::metadata(dir.join("fr/same.html")).unwrap().ino();
        out.insert("fr/changed.html", b"two".to_vec());
        write(&out, &dir).unwrap();
        // The unchanged file is the same file, not a copy; the previous site, kept as the next
        // build's starting point, still has its own version of the changed one.
        assert_eq!(
            std::fs::metadata(dir.join("fr/same.html")).unwrap().ino(),
            before
        );
        assert_eq!(std::fs::read(dir.join("fr/changed.html")).unwrap(), b"two");
        assert_eq!(
            std::fs::read(tmp.path().join(".public.next/fr/changed.html")).unwrap(),
            b"one"
        );
    }

    #[test]
    fn a_changed_file_never_changes_the_live_site_before_the_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::default();
        out.insert("index.html", b"first".to_vec());
        // Twice: the staging folder and the live site now share the file.
        write(&out, &dir).unwrap();
        write(&out, &dir).unwrap();
        let staging = Staging::begin(&dir).unwrap();
        staging.put("index.html", b"second, longer");
        Sink::put_parts(
            &staging,
            "data.json".to_string(),
            &mut [b"{".to_vec(), b"}".to_vec()].into_iter(),
        );
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"first");
        staging.finish().unwrap();
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"second, longer"
        );
        assert_eq!(std::fs::read(dir.join("data.json")).unwrap(), b"{}");
        assert_eq!(
            std::fs::read(tmp.path().join(".public.next/index.html")).unwrap(),
            b"first"
        );
    }

    fn site(files: &[(&str, &str)]) -> Output {
        let mut out = Output::default();
        for (p, b) in files {
            out.insert(*p, b.as_bytes().to_vec());
        }
        out
    }

    fn exactly(dir: &Path, out: &Output) {
        let expected: Vec<(String, Vec<u8>)> = out
            .files
            .iter()
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect();
        assert_eq!(tree(dir), expected);
    }

    /// Modification times can be coarse: a change made now must not share the last one's.
    fn later() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    #[test]
    fn a_file_added_by_hand_to_either_folder_never_reaches_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let out = site(&[("index.html", "1"), ("fr/a/index.html", "a")]);
        write(&out, &dir).unwrap();
        write(&out, &dir).unwrap();
        later();
        std::fs::write(dir.join("fr/a/stray.html"), "by hand").unwrap();
        std::fs::write(tmp.path().join(".public.next/fr/stray.html"), "by hand").unwrap();
        // The live site's stray file goes at the next build, the staging folder's at once,
        // and neither comes back when the folders change places.
        for _ in 0..3 {
            write(&out, &dir).unwrap();
            exactly(&dir, &out);
        }
    }

    #[test]
    fn a_file_changed_by_hand_in_the_staging_folder_is_written_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let one = site(&[("index.html", "one")]);
        let two = site(&[("index.html", "two")]);
        write(&one, &dir).unwrap();
        write(&two, &dir).unwrap();
        // The staging folder holds "one", recorded; same size, other bytes, and the live site
        // holds something else, so only the record could make the build keep it.
        later();
        std::fs::write(tmp.path().join(".public.next/index.html"), "eno").unwrap();
        write(&one, &dir).unwrap();
        exactly(&dir, &one);
    }

    #[test]
    fn a_build_stopped_half_way_leaves_no_record_to_mislead_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let out = site(&[("index.html", "1"), ("fr/a/index.html", "a")]);
        write(&out, &dir).unwrap();
        write(&out, &dir).unwrap();
        assert!(tmp.path().join(".public.manifest").exists());
        // Begun, a file of another site written, then dropped without finishing.
        let staging = Staging::begin(&dir).unwrap();
        staging.put("fr/b/index.html", b"unfinished");
        drop(staging);
        assert!(!tmp.path().join(".public.manifest").exists());
        write(&out, &dir).unwrap();
        exactly(&dir, &out);
        write(&out, &dir).unwrap();
        exactly(&dir, &out);
    }

    #[test]
    fn a_build_given_up_before_writing_keeps_the_record() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let out = site(&[("index.html", "1")]);
        write(&out, &dir).unwrap();
        write(&out, &dir).unwrap();
        let record = tmp.path().join(".public.manifest");
        let before = std::fs::read(&record).unwrap();
        Staging::begin(&dir).unwrap().abandon();
        assert_eq!(std::fs::read(&record).unwrap(), before);
        // Once a file is written, the record no longer describes the folder.
        let staging = Staging::begin(&dir).unwrap();
        staging.put("other.html", b"x");
        staging.abandon();
        assert!(!record.exists());
    }

    #[test]
    fn an_interrupted_swap_is_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        // The site was moved aside and the process stopped before the new one went in.
        std::fs::create_dir_all(tmp.path().join(".public.old")).unwrap();
        std::fs::write(tmp.path().join(".public.old/index.html"), "previous").unwrap();
        let mut out = Output::default();
        out.insert("index.html", b"new".to_vec());
        write(&out, &dir).unwrap();
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"new");
        assert!(!tmp.path().join(".public.old").exists());
    }
}

//! The built site in memory, and its atomic replacement of the output folder on disk.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// Every file of the built site, by path relative to the output folder (`/` separators).
/// A sorted map, so writing and hashing are deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), bytes);
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Minifies an HTML page. Conservative settings: the output stays valid HTML.
pub fn minify_html(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Writes `output` to `dir` so that readers of `dir` see either the previous site or the new
/// one, never a mix: the new site is written to a sibling folder, then swapped in by rename.
/// On failure the previous folder is left exactly as it was.
///
/// The sibling (`.{name}.next`) is kept between builds, holding the site before the previous
/// one, and brought up to date rather than written afresh: unchanged files are left alone and
/// changed ones rewritten in place. Creating and deleting every file and folder on each build
/// costs more than the rest of a small site's build on common file systems (ext4 looks for a
/// free inode among the recently deleted ones), and most files do not change between builds.
pub fn write(output: &Output, dir: &Path) -> io::Result<()> {
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
    sync(output, &next)?;
    if dir.exists() {
        std::fs::rename(dir, &old)?;
        if let Err(e) = std::fs::rename(&next, dir) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, dir);
            return Err(e);
        }
        // The previous site becomes the next build's starting point.
        if std::fs::rename(&old, &next).is_err() {
            remove_tree(&old)?;
        }
    } else {
        std::fs::rename(&next, dir)?;
    }
    Ok(())
}

/// Makes the folder `root` hold exactly `output`: extra files and folders removed, missing
/// folders created once each, files written only where their bytes differ (in parallel).
fn sync(output: &Output, root: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    use std::collections::BTreeSet;
    std::fs::create_dir_all(root)?;
    // The folders the site needs: every ancestor of every file.
    let mut needed: BTreeSet<String> = BTreeSet::new();
    for path in output.files.keys() {
        let mut at = path.as_str();
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !needed.insert(parent.to_string()) {
                break;
            }
            at = parent;
        }
    }
    // What is there now: drop what the site does not have, deepest first.
    let mut present_files: BTreeSet<String> = BTreeSet::new();
    let mut extra_dirs: Vec<(usize, PathBuf)> = Vec::new();
    let mut extra_files: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1).follow_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(root)
            .map_err(io::Error::other)?
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            if !needed.contains(&rel) {
                extra_dirs.push((entry.depth(), entry.into_path()));
            }
        } else if output.files.contains_key(&rel) && entry.file_type().is_file() {
            present_files.insert(rel);
        } else {
            extra_files.push(entry.into_path());
        }
    }
    extra_files
        .par_iter()
        .try_for_each(|f| remove_file_in(f, &extra_dirs))?;
    extra_dirs.sort_by(|a, b| b.0.cmp(&a.0));
    for (_, d) in &extra_dirs {
        if d.exists() {
            remove_tree(d)?;
        }
    }
    // Folders by depth, parents first, each level in parallel.
    let mut by_depth: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for d in &needed {
        by_depth.entry(d.matches('/').count()).or_default().push(d);
    }
    for level in by_depth.values() {
        level.par_iter().try_for_each(|d| {
            let path = root.join(d.as_str());
            match std::fs::create_dir(&path) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
                r => r,
            }
        })?;
    }
    output.files.par_iter().try_for_each(|(path, bytes)| {
        let target = root.join(path);
        if present_files.contains(path) && same_bytes(&target, bytes) {
            return Ok(());
        }
        std::fs::write(target, bytes)
    })
}

/// Removes a file, unless it lies in a folder about to be removed whole.
fn remove_file_in(file: &Path, doomed: &[(usize, PathBuf)]) -> io::Result<()> {
    if doomed.iter().any(|(_, d)| file.starts_with(d)) {
        return Ok(());
    }
    std::fs::remove_file(file)
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.len() == bytes.len() as u64 => std::fs::read(path).is_ok_and(|b| b == bytes),
        _ => false,
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
    dirs.sort_by(|a, b| b.0.cmp(&a.0));
    for (_, d) in &dirs {
        std::fs::remove_dir(d)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Beside it, only the folder the next build starts from.
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".public.next", "public"]);
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

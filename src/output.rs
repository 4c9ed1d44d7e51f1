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
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(e) = write_all(output, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if dir.exists() {
        std::fs::rename(dir, &old)?;
        if let Err(e) = std::fs::rename(&staging, dir) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, dir);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(&staging, dir)?;
    }
    Ok(())
}

fn write_all(output: &Output, root: &Path) -> io::Result<()> {
    std::fs::create_dir_all(root)?;
    for (path, bytes) in &output.files {
        let target = root.join(path);
        if let Some(p) = target.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(target, bytes)?;
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
        // No staging or backup folder is left beside it.
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }
}

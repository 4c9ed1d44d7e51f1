//! A new site written into a temporary folder beside the output folder, then swapped in.

use super::Sink;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Why the output folder could not be written: what was being done, to which path.
#[derive(Debug, thiserror::Error)]
#[error("cannot {op} {}", .path.display())]
pub struct OutputError {
    pub op: Op,
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    CreateFolder,
    Write,
    MoveAside,
    MoveIn,
    PutBack,
    RemoveOld,
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Op::CreateFolder => "create the folder",
            Op::Write => "write",
            Op::MoveAside => "move aside the previous site",
            Op::MoveIn => "move the new site to",
            Op::PutBack => "put back the previous site, now at",
            Op::RemoveOld => "remove the previous site, now at",
        })
    }
}

fn fail(op: Op, path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError {
        op,
        path: path.to_path_buf(),
        source,
    }
}

/// The new site, written file by file from any thread into a fresh folder beside the output
/// folder (`.public.XXXXXX`), and renamed into its place only if every file was written:
/// readers see the previous site or the new one, never a mix. Nothing is kept between builds:
/// dropped without [`Replacement::finish`], or on an error, the folder is removed.
pub struct Replacement {
    dir: PathBuf,
    new: tempfile::TempDir,
    /// The first I/O error of the build; later files are not written.
    error: OnceLock<OutputError>,
}

impl Replacement {
    pub fn begin(dir: &Path) -> Result<Replacement, OutputError> {
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(parent).map_err(fail(Op::CreateFolder, parent))?;
        let name = dir
            .file_name()
            .unwrap_or("public".as_ref())
            .to_string_lossy();
        let new = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .tempdir_in(parent)
            .map_err(fail(Op::CreateFolder, parent))?;
        Ok(Replacement {
            dir: dir.to_path_buf(),
            new,
            error: OnceLock::new(),
        })
    }

    /// A new file at `path` (relative, `/` separators), its folders made on first need.
    fn create(&self, path: &str) -> Result<File, OutputError> {
        let target = self.new.path().join(path);
        match File::create(&target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let folder = target.parent().unwrap_or(self.new.path());
                std::fs::create_dir_all(folder).map_err(fail(Op::CreateFolder, folder))?;
                File::create(&target)
            }
            file => file,
        }
        .map_err(fail(Op::Write, &target))
    }

    /// Writes a file with `fill`, unless an earlier file failed; keeps the first error.
    fn write(&self, path: &str, fill: impl FnOnce(&mut File) -> io::Result<()>) {
        if self.error.get().is_some() {
            return;
        }
        let written = self.create(path).and_then(|mut file| {
            fill(&mut file).map_err(fail(Op::Write, &self.new.path().join(path)))
        });
        if let Err(e) = written {
            let _ = self.error.set(e);
        }
    }

    /// Writes one file of the new site. An I/O error is kept for [`Replacement::finish`].
    pub fn put(&self, path: &str, bytes: &[u8]) {
        self.write(path, |file| file.write_all(bytes));
    }

    /// Reports the first I/O error, or swaps the new site in: the previous one is renamed
    /// aside, the new one renamed into place, then the previous one removed.
    pub fn finish(self) -> Result<(), OutputError> {
        if let Some(e) = self.error.into_inner() {
            return Err(e);
        }
        let mut aside = self.new.path().as_os_str().to_owned();
        aside.push(".old");
        let aside = PathBuf::from(aside);
        // On an error before the new folder is in place, dropping it removes it.
        let had_old = match std::fs::rename(&self.dir, &aside) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(fail(Op::MoveAside, &self.dir)(e)),
        };
        if let Err(e) = std::fs::rename(self.new.path(), &self.dir) {
            if had_old {
                std::fs::rename(&aside, &self.dir).map_err(fail(Op::PutBack, &aside))?;
            }
            return Err(fail(Op::MoveIn, &self.dir)(e));
        }
        // Now the output folder: not to be removed when dropped.
        let _ = self.new.keep();
        if had_old {
            std::fs::remove_dir_all(&aside).map_err(fail(Op::RemoveOld, &aside))?;
        }
        Ok(())
    }
}

impl Sink for Replacement {
    fn put(&self, path: String, bytes: Vec<u8>) {
        Replacement::put(self, &path, &bytes);
    }

    /// Written part by part as they come, never held whole.
    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) {
        self.write(&path, |file| {
            for part in parts {
                file.write_all(&part)?;
            }
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{write, Output};

    fn site(files: &[(&str, &str)]) -> Output {
        let mut out = Output::default();
        for (path, text) in files {
            out.insert(*path, text.as_bytes().to_vec());
        }
        out
    }

    /// The files under `dir`, and the names beside it.
    fn look(dir: &Path) -> (Output, Vec<String>) {
        let mut files = Output::default();
        for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap) {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy();
                files.insert(rel, std::fs::read(entry.path()).unwrap());
            }
        }
        let parent = std::fs::read_dir(dir.parent().unwrap()).unwrap();
        let names = parent
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        (files, names)
    }

    #[test]
    fn each_write_replaces_the_folder_whole() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b/public");
        let builds = [
            site(&[("index.html", "1"), ("fr/a/index.html", "a")]),
            // A folder becomes a file.
            site(&[("index.html", "2"), ("fr/a", "now a file")]),
            site(&[]),
        ];
        for out in builds {
            write(&out, &dir).unwrap();
            assert_eq!(look(&dir), (out, vec!["public".to_string()]));
        }
        // Made like any folder, readable by a web server.
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&dir), mode(dir.parent().unwrap()));
    }

    #[test]
    fn the_first_error_is_reported_and_the_previous_site_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let old = site(&[("index.html", "old")]);
        write(&old, &dir).unwrap();
        let new = Replacement::begin(&dir).unwrap();
        new.put("fr", b"a file");
        new.put("fr/index.html", b"where a folder must go");
        Sink::put_parts(&new, "data.json".into(), &mut [b"{}".to_vec()].into_iter());
        let e = new.finish().unwrap_err();
        assert_eq!(e.op, Op::Write);
        assert!(e.path.ends_with("fr/index.html"), "{e}");
        assert_eq!(look(&dir), (old, vec!["public".to_string()]));
    }

    #[test]
    fn parts_are_written_as_they_come_and_an_unfinished_build_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let new = Replacement::begin(&dir).unwrap();
        let parts = [b"{".to_vec(), b"}".to_vec()];
        Sink::put_parts(&new, "en/data.json".into(), &mut parts.into_iter());
        new.finish().unwrap();
        assert_eq!(look(&dir).0, site(&[("en/data.json", "{}")]));
        Replacement::begin(&dir)
            .unwrap()
            .put("index.html", b"dropped");
        assert_eq!(
            look(&dir),
            (site(&[("en/data.json", "{}")]), vec!["public".into()])
        );
    }

    #[test]
    fn a_swap_that_fails_half_way_puts_the_previous_site_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let old = site(&[("index.html", "old")]);
        write(&old, &dir).unwrap();
        let new = Replacement::begin(&dir).unwrap();
        new.put("index.html", b"new");
        // The new folder is gone when the previous site has been moved aside.
        std::fs::remove_dir_all(new.new.path()).unwrap();
        assert_eq!(new.finish().unwrap_err().op, Op::MoveIn);
        assert_eq!(look(&dir), (old, vec!["public".to_string()]));
    }
}

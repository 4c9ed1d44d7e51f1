//! A new site written into a temporary folder beside the output folder, then swapped in.

use super::Sink;
use rayon::prelude::*;
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

    /// Writes one file of the new site, unless an earlier file failed. The first I/O error
    /// is kept for [`Replacement::finish`].
    pub fn put(&self, path: &str, bytes: &[u8]) {
        if self.error.get().is_some() {
            return;
        }
        let written = self.create(path).and_then(|mut file| {
            file.write_all(bytes)
                .map_err(fail(Op::Write, &self.new.path().join(path)))
        });
        if let Err(e) = written {
            let _ = self.error.set(e);
        }
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
            remove_tree(&aside).map_err(fail(Op::RemoveOld, &aside))?;
        }
        Ok(())
    }
}

/// Removes a folder and all it holds, its entries side by side: a site is mostly one folder
/// per language, and removing files is work for the file system on every core.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = std::fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Sink for Replacement {
    fn put(&self, path: String, bytes: Vec<u8>) {
        Replacement::put(self, &path, &bytes);
    }
}

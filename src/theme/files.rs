//! The theme's static files (`themes/{name}/static/`), read as they are: only real files,
//! since a link could publish any file of the machine.

use crate::diagnostic::{Diagnostic, Location};
use crate::load;
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

/// The files under `dir` (relative to `root`) by path under it (`/` separators); none if
/// the theme has no such folder.
pub fn read(root: &Path, dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut files = BTreeMap::new();
    let abs = root.join(dir);
    if !abs.is_dir() {
        return Ok(files);
    }
    for entry in WalkDir::new(&abs).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("cannot read the theme's static files: {e}"))
                .at(Location::file(dir))
                .help("check the theme folder's permissions")
        })?;
        if entry.file_type().is_dir() || load::is_scratch_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry.path().strip_prefix(&abs).unwrap_or(entry.path());
        if entry.path_is_symlink() || !entry.file_type().is_file() {
            return Err(Diagnostic::error(format!(
                "static file {} is a symbolic link or a special file",
                rel.display()
            ))
            .at(Location::file(&dir.join(rel)))
            .help("copy the file itself into the theme's static/ folder"));
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(format!("cannot read a static file: {e}"))
                .at(Location::file(&dir.join(rel)))
        })?;
        files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
    }
    Ok(files)
}

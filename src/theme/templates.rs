//! The text of the theme's templates, as the theme has them: compiled by the renderer.

use crate::diagnostic::{Diagnostic, Location};
use crate::load;
use crate::source::Source;
use std::path::Path;
use walkdir::WalkDir;

/// The templates under `dir` (relative to `root`) by name (`partials/x.html`), in name order.
pub fn read(root: &Path, dir: &Path) -> Result<Vec<(String, Source)>, Diagnostic> {
    let mut templates = Vec::new();
    for entry in WalkDir::new(root.join(dir)).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("cannot read the theme's templates: {e}"))
                .at(Location::file(dir))
                .help("check that the theme folder exists and is readable")
        })?;
        if !entry.file_type().is_file()
            || load::is_scratch_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root.join(dir))
            .unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        let source = load::read(entry.path(), &dir.join(rel))?;
        templates.push((name, source));
    }
    Ok(templates)
}

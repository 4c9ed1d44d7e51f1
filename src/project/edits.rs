//! The edit path: changed files are read again, their entries parsed and resolved again, and
//! the pages that show something of them marked stale.

use super::affected::Snapshot;
use super::Project;
use crate::diagnostic::Diagnostic;
use crate::load::{self, ContentFile, CONTENT_DIR};
use crate::model::{EntryKey, Section, Slug};
use crate::parse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

impl Project {
    /// Takes in changed content files (paths relative to the root, existing or deleted):
    /// re-reads and re-parses the entries they belong to, re-resolves, and marks the pages
    /// that can change as stale. Call [`Project::render`] next.
    pub fn apply(&mut self, paths: &BTreeSet<PathBuf>) {
        let mut keys: BTreeSet<EntryKey> = BTreeSet::new();
        for rel in paths {
            match self.reread(rel) {
                Reread::Folder => {
                    // A folder appeared or went away: look at everything under it again.
                    self.reload_all();
                    return;
                }
                Reread::Entry(key) => {
                    keys.insert(key);
                }
                Reread::Nothing => {}
            }
        }
        if !keys.is_empty() {
            self.refresh(keys.into_iter().collect());
        }
    }

    /// Reads one changed path again (or forgets it, if it is gone).
    fn reread(&mut self, rel: &PathBuf) -> Reread {
        self.load_problems.remove(rel);
        self.files.remove(rel);
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if load::is_scratch_file(&name) || !rel.starts_with(CONTENT_DIR) {
            return Reread::Nothing;
        }
        let abs = self.root.join(rel);
        let was_folder = !abs.exists() && self.files.keys().any(|f| f.starts_with(rel) && f != rel);
        if abs.is_dir() || was_folder {
            return Reread::Folder;
        }
        let languages: Vec<&str> = self.config.codes().collect();
        let (section, slug, lang) = match load::classify(rel, &languages) {
            Ok(named) => named,
            Err(d) => {
                if abs.exists() {
                    self.load_problems.insert(rel.clone(), d);
                }
                return Reread::Nothing;
            }
        };
        let key = EntryKey::new(section, slug.clone());
        if abs.exists() {
            match load::read(&abs, rel) {
                Ok(source) => {
                    let file = ContentFile {
                        section,
                        slug,
                        lang,
                        source: Arc::new(source),
                    };
                    self.files.insert(rel.clone(), file);
                }
                Err(d) => {
                    self.load_problems.insert(rel.clone(), d);
                }
            }
        }
        Reread::Entry(key)
    }

    /// Re-parses and re-resolves the entries whose files changed, and marks as stale the
    /// pages that show something of them that changed.
    fn refresh(&mut self, keys: Vec<EntryKey>) {
        let before: Vec<Snapshot> = keys.iter().map(|k| self.snapshot(k)).collect();
        for key in &keys {
            self.reparse(key);
        }
        self.resolution
            .update(&self.site, &self.config, self.resolve_options(), &keys);
        let mut pages = BTreeSet::new();
        for (key, before) in keys.iter().zip(&before) {
            let after = self.snapshot(key);
            pages.extend(self.affected(key, before, &after));
        }
        if let Some(stale) = &mut self.stale {
            stale.extend(pages);
        }
        self.machine_stale = true;
    }

    /// Re-reads every content file (a folder was added, moved or removed).
    fn reload_all(&mut self) {
        if let Ok(p) = Project::open(&self.root, &self.options) {
            let output = std::mem::take(&mut self.output);
            *self = p;
            self.output = output;
            self.stale = None;
        }
    }

    /// Parses the files of one entry again and puts the result in the site.
    fn reparse(&mut self, key: &EntryKey) {
        let files: Vec<ContentFile> = self
            .files
            .values()
            .filter(|f| f.section == key.section && f.slug == key.slug)
            .cloned()
            .collect();
        let (config, options) = (&self.config, self.parse_options());
        let slug = key.slug.clone();
        let diags = match key.section {
            Section::Documents => put(&mut self.site.documents, &slug, files, |s, f| {
                parse::parse_entry::<parse::document::Documents>(s, f, config, options)
            }),
            Section::Cbms => put(&mut self.site.cbms, &slug, files, |s, f| {
                parse::parse_entry::<parse::cbm::Cbms>(s, f, config, options)
            }),
            Section::States => put(&mut self.site.states, &slug, files, |s, f| {
                parse::parse_entry::<parse::state::States>(s, f, config, options)
            }),
            Section::Topics => put(&mut self.site.topics, &slug, files, |s, f| {
                parse::parse_entry::<parse::topic::Topics>(s, f, config, options)
            }),
            Section::References => put(&mut self.site.references, &slug, files, |s, f| {
                parse::parse_entry::<parse::reference::References>(s, f, config, options)
            }),
        };
        if diags.is_empty() {
            self.parse_problems.remove(&Some(key.clone()));
        } else {
            self.parse_problems.insert(Some(key.clone()), diags);
        }
    }
}

/// What a changed path means for the project.
enum Reread {
    /// A folder appeared or went away.
    Folder,
    /// A file of this entry changed, appeared or went away.
    Entry(EntryKey),
    /// Not content, or a file whose name is wrong (its problem is recorded).
    Nothing,
}

/// Replaces (or removes) one entry of a section with a fresh parse of its files.
fn put<E>(
    map: &mut BTreeMap<Slug, E>,
    slug: &Slug,
    files: Vec<ContentFile>,
    parse: impl FnOnce(Slug, Vec<ContentFile>) -> (Option<E>, Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    map.remove(slug);
    if files.is_empty() {
        return Vec::new();
    }
    let (entry, diags) = parse(slug.clone(), files);
    if let Some(e) = entry {
        map.insert(slug.clone(), e);
    }
    diags
}

//! The fixture site in a temporary folder, and the edits made to its files.

use super::content::{new_entries, ALIASES, COORDINATORS, LANGS, WORDS};
use crate::support::Site;
use std::collections::BTreeMap;
use std::path::Path;

/// One save; the numbers pick among what exists when the edit is made.
#[derive(Debug, Clone)]
pub(super) enum Edit {
    /// New words for a numbered paragraph of one document file.
    Words {
        file: usize,
        para: usize,
        words: Vec<usize>,
    },
    /// A numbered paragraph added after the last one, in both languages of a document.
    AddParagraph { doc: usize },
    /// The last numbered paragraph removed, in both languages of a document.
    RemoveParagraph { doc: usize },
    /// An entry's French and English files written: a new entry, or one removed before.
    AddPair { entry: usize },
    /// An entry's French and English files removed.
    RemovePair { entry: usize },
    /// A state's aliases in one language replaced by another name.
    RenameAlias {
        state: usize,
        lang: usize,
        name: usize,
    },
    /// A measure's coordinators replaced by a subset of the states (one bit each).
    Coordinators { cbm: usize, states: u8 },
    /// A file's front matter left unclosed, or with an unterminated string.
    Break { file: usize, unclosed: bool },
    /// The file broken last, restored as it was.
    Fix,
}

/// The `catalogue` fixture (documents in both languages, measures with coordinators, states
/// with aliases) and one more text, in a temporary folder, with what the edits need to
/// remember.
pub(super) struct Sandbox {
    site: Site,
    /// Every entry an edit can add, by path without `.fr.md`: its French and English text.
    known: BTreeMap<String, [String; 2]>,
    /// Files broken by an edit, with their text before, the last broken last.
    broken: Vec<(String, String)>,
}

impl Sandbox {
    pub(super) fn new() -> Sandbox {
        let site = Site::fixture("catalogue");
        let mut known = BTreeMap::new();
        for (path, _) in site.tree("content") {
            let path = format!("content/{}", path.display());
            if let Some(stem) = path.strip_suffix(".fr.md") {
                let en = site.read(&format!("{stem}.en.md"));
                known.insert(stem.to_string(), [site.read(&path), en]);
            }
        }
        for (stem, fr, en) in new_entries() {
            known.insert(stem, [fr, en]);
        }
        // A text that nothing cites is there from the first build, so that removing it
        // removes what a full build made of it.
        let first = "content/documents/extra-2";
        for (lang, text) in LANGS.iter().zip(&known[first]) {
            site.write(&file(first, lang), text);
        }
        Sandbox {
            site,
            known,
            broken: Vec::new(),
        }
    }

    /// The site's root folder.
    pub(super) fn root(&self) -> &Path {
        self.site.path()
    }

    fn read(&self, rel: &str) -> Option<String> {
        std::fs::read_to_string(self.site.path().join(rel)).ok()
    }

    /// The entries of a section (or of all, for "") that have a file, as paths without
    /// `.fr.md`.
    pub(super) fn present(&self, section: &str) -> Vec<String> {
        let prefix = format!("content/{section}");
        self.known
            .keys()
            .filter(|stem| stem.starts_with(&prefix))
            .filter(|stem| LANGS.iter().any(|l| self.exists(&file(stem, l))))
            .cloned()
            .collect()
    }

    /// The files of the present entries of a section, both languages.
    fn files(&self, section: &str) -> Vec<String> {
        self.present(section)
            .iter()
            .flat_map(|stem| LANGS.map(|l| file(stem, l)))
            .filter(|f| self.exists(f))
            .collect()
    }

    fn exists(&self, rel: &str) -> bool {
        self.site.path().join(rel).exists()
    }

    /// Makes an edit on disk; returns the paths it changed (none when it did not apply).
    pub(super) fn edit(&mut self, edit: &Edit) -> Vec<String> {
        match edit {
            Edit::Words { file, para, words } => self.words(*file, *para, words),
            Edit::AddParagraph { doc } => self.add_paragraph(*doc),
            Edit::RemoveParagraph { doc } => self.remove_paragraph(*doc),
            Edit::AddPair { entry } => self.add_pair(*entry),
            Edit::RemovePair { entry } => self.remove_pair(*entry),
            Edit::RenameAlias { state, lang, name } => self.rename_alias(*state, *lang, *name),
            Edit::Coordinators { cbm, states } => self.coordinators(*cbm, *states),
            Edit::Break { file, unclosed } => self.break_file(*file, *unclosed),
            Edit::Fix => self.fix(),
        }
    }

    /// Rewrites the file at `rel` line by line; nothing changes if `change` returns `None`.
    fn rewrite(
        &self,
        rel: &str,
        change: impl FnOnce(&mut Vec<String>) -> Option<()>,
    ) -> Vec<String> {
        let Some(text) = self.read(rel) else {
            return Vec::new();
        };
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if change(&mut lines).is_none() {
            return Vec::new();
        }
        self.site.write(rel, &(lines.join("\n") + "\n"));
        vec![rel.to_string()]
    }

    fn words(&self, file: usize, para: usize, words: &[usize]) -> Vec<String> {
        let Some(rel) = pick(&self.files("documents"), file) else {
            return Vec::new();
        };
        self.rewrite(&rel, |lines| {
            let numbered: Vec<usize> = (0..lines.len())
                .filter(|&i| number(&lines[i]).is_some())
                .collect();
            let i = pick(&numbered, para)?;
            let n = number(&lines[i])?;
            let words: Vec<&str> = words.iter().map(|w| WORDS[w % WORDS.len()]).collect();
            lines[i] = format!("{n}. {}.", words.join(" "));
            Some(())
        })
    }

    fn add_paragraph(&self, doc: usize) -> Vec<String> {
        let Some(stem) = pick(&self.present("documents"), doc) else {
            return Vec::new();
        };
        let texts = ["Paragraphe ajouté.", "Added paragraph."];
        let mut changed = Vec::new();
        for (lang, text) in LANGS.iter().zip(texts) {
            changed.extend(self.rewrite(&file(&stem, lang), |lines| {
                let last = (0..lines.len())
                    .rev()
                    .find(|&i| number(&lines[i]).is_some());
                let (at, n) = match last {
                    Some(i) => (i + 1, number(&lines[i])? + 1),
                    None => (lines.len(), 1),
                };
                lines.splice(at..at, [String::new(), format!("{n}. {text}")]);
                Some(())
            }));
        }
        changed
    }

    fn remove_paragraph(&self, doc: usize) -> Vec<String> {
        let Some(stem) = pick(&self.present("documents"), doc) else {
            return Vec::new();
        };
        let mut changed = Vec::new();
        for lang in LANGS {
            changed.extend(self.rewrite(&file(&stem, lang), |lines| {
                let i = (0..lines.len())
                    .rev()
                    .find(|&i| number(&lines[i]).is_some())?;
                let from = if i > 0 && lines[i - 1].is_empty() {
                    i - 1
                } else {
                    i
                };
                lines.drain(from..=i);
                Some(())
            }));
        }
        changed
    }

    fn add_pair(&mut self, entry: usize) -> Vec<String> {
        let present = self.present("");
        let absent: Vec<String> = self
            .known
            .keys()
            .filter(|k| !present.contains(k))
            .cloned()
            .collect();
        let Some(stem) = pick(&absent, entry) else {
            return Vec::new();
        };
        let texts = self.known[&stem].clone();
        LANGS
            .iter()
            .zip(texts)
            .map(|(lang, text)| {
                let rel = file(&stem, lang);
                self.site.write(&rel, &text);
                rel
            })
            .collect()
    }

    fn remove_pair(&mut self, entry: usize) -> Vec<String> {
        let Some(stem) = pick(&self.present(""), entry) else {
            return Vec::new();
        };
        let files: Vec<String> = LANGS.iter().map(|l| file(&stem, l)).collect();
        for rel in &files {
            let _ = std::fs::remove_file(self.site.path().join(rel));
        }
        self.broken.retain(|(rel, _)| !files.contains(rel));
        files
    }

    fn rename_alias(&self, state: usize, lang: usize, name: usize) -> Vec<String> {
        let Some(stem) = pick(&self.present("states"), state) else {
            return Vec::new();
        };
        let lang = lang % LANGS.len();
        let alias = ALIASES[lang][name % ALIASES[lang].len()];
        self.rewrite(&file(&stem, LANGS[lang]), |lines| {
            let line = lines.iter_mut().find(|l| l.starts_with("aliases = "))?;
            *line = format!("aliases = [\"{alias}\"]");
            Some(())
        })
    }

    fn coordinators(&self, cbm: usize, states: u8) -> Vec<String> {
        let Some(stem) = pick(&self.present("cbms"), cbm) else {
            return Vec::new();
        };
        self.rewrite(&file(&stem, "fr"), |lines| {
            let close = closing_line(lines)?;
            let first = (0..close)
                .find(|&i| lines[i] == "[[coordinators]]")
                .unwrap_or(close);
            let mut blocks = Vec::new();
            for (bit, (state, row)) in COORDINATORS.iter().enumerate() {
                if states & (1 << bit) != 0 {
                    blocks.push("[[coordinators]]".to_string());
                    blocks.push(format!("state = \"{state}\""));
                    blocks.push(format!("row = \"@/documents/approach.md#{row}\""));
                }
            }
            lines.splice(first..close, blocks);
            Some(())
        })
    }

    fn break_file(&mut self, file: usize, unclosed: bool) -> Vec<String> {
        let Some(rel) = pick(&self.files(""), file) else {
            return Vec::new();
        };
        if self.broken.iter().any(|(b, _)| *b == rel) {
            return Vec::new();
        }
        let before = self.read(&rel).unwrap_or_default();
        let changed = self.rewrite(&rel, |lines| {
            if unclosed {
                lines.remove(closing_line(lines)?);
            } else {
                let line = lines
                    .iter_mut()
                    .find(|l| l.contains(" = \"") && l.ends_with('"'))?;
                line.pop();
            }
            Some(())
        });
        if !changed.is_empty() {
            self.broken.push((rel, before));
        }
        changed
    }

    fn fix(&mut self) -> Vec<String> {
        let Some((rel, text)) = self.broken.pop() else {
            return Vec::new();
        };
        self.site.write(&rel, &text);
        vec![rel]
    }
}

fn file(stem: &str, lang: &str) -> String {
    format!("{stem}.{lang}.md")
}

/// The item `n` designates, wrapping around; `None` when there is nothing to pick.
fn pick<T: Clone>(items: &[T], n: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[n % items.len()].clone())
}

/// The number of a numbered paragraph's first line (`27. Text`).
fn number(line: &str) -> Option<u32> {
    let (n, _) = line.split_once(". ")?;
    n.parse().ok()
}

/// The line that closes the front matter: the second `+++`.
fn closing_line(lines: &[String]) -> Option<usize> {
    (1..lines.len()).find(|&i| lines[i] == "+++")
}

//! Random sequences of edits, applied one save after another through the incremental path
//! that `charter serve` uses (`Project::apply`, a render of what is stale, then fresh files
//! about the whole site), end in exactly the site that a full build of the final files gives:
//! the same files, byte for byte, or a failure when the full build fails. Cases per run:
//! `PROPTEST_CASES` (default 32: each case builds the site twice).

use crate::support::Site;
use charter::output::Output;
use charter::project::{merge_machine_files, Project};
use charter::Options;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One save; the numbers pick among what exists when the edit is made.
#[derive(Debug, Clone)]
enum Edit {
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

/// What paragraphs are made of: words, and names that are aliases of states (or were).
const WORDS: &[&str] = &[
    "Coopération",
    "en matière de",
    "transport",
    "energy",
    "Turquie",
    "Turkey",
    "Azerbaïdjan",
    "Azerbaijan",
    "Kazakhstan",
    "Nations Unies",
    "United Nations",
    "Bangkok",
    "l'Azerbaïdjanais",
];

/// Aliases a state can be renamed to, per language (French, English).
const ALIASES: [&[&str]; 2] = [
    &[
        "Turquie",
        "Azerbaïdjan",
        "Kazakhstan",
        "Organisation des Nations Unies",
        "Nations Unies",
        "Bangkok",
    ],
    &[
        "Turkey",
        "Azerbaijan",
        "Kazakhstan",
        "United Nations",
        "Bangkok",
        "energy",
    ],
];

/// The states a measure's coordinators are drawn from, with the row each one coordinates.
const COORDINATORS: [(&str, &str); 3] = [
    ("azerbaijan", "coordinators-1-row-1"),
    ("turkey", "coordinators-1-row-2"),
    ("united-nations", "coordinators-1-row-2"),
];

const LANGS: [&str; 2] = ["fr", "en"];

/// Entries that the fixture lacks: (path without `.fr.md`, French, English). The first text
/// cites the second.
fn new_entries() -> Vec<(String, String, String)> {
    let document = |n: u32, fr_extra: &str, en_extra: &str| {
        (
            format!("content/documents/extra-{n}"),
            format!(
                "+++\ntitle = \"Texte {n}\"\nshort_title = \"Texte {n}\"\nsummary = \"Un texte ajouté.\"\n\
                 place = \"Almaty\"\nkind = \"declaration\"\ndate = 2010-0{n}-01\n+++\n\n\
                 ## I. Première partie\n\n\
                 1. La Turquie coopère, voir [la démarche](@/documents/approach.md#economy-para-1).\n\n\
                 2. Le Kazakhstan aussi.{fr_extra}\n"
            ),
            format!(
                "+++\ntitle = \"Text {n}\"\nshort_title = \"Text {n}\"\nsummary = \"An added text.\"\n\
                 place = \"Almaty\"\ntranslation = \"unofficial\"\n+++\n\n\
                 ## I. First part\n\n\
                 1. Turkey cooperates, see [the approach](@/documents/approach.md#economy-para-1).\n\n\
                 2. Kazakhstan too.{en_extra}\n"
            ),
        )
    };
    vec![
        document(
            1,
            " Voir [le texte 2](@/documents/extra-2.md#i-para-2).",
            " See [text 2](@/documents/extra-2.md#i-para-2).",
        ),
        document(2, "", ""),
        (
            "content/cbms/economy-3".to_string(),
            "+++\ntitle = \"Tourisme\"\narea = \"economy\"\nnumber = 3\n\
             source = \"@/documents/approach.md#economy-para-2\"\n\n\
             [[coordinators]]\nstate = \"turkey\"\nrow = \"@/documents/approach.md#coordinators-1-row-2\"\n+++\n"
                .to_string(),
            "+++\ntitle = \"Tourism\"\n+++\n".to_string(),
        ),
        (
            "content/states/kazakhstan".to_string(),
            "+++\nname = \"Kazakhstan\"\nofficial_name = \"République du Kazakhstan\"\n\
             aliases = [\"Kazakhstan\"]\niso = \"KAZ\"\nstatus = \"member\"\n\
             status_source = \"@/documents/approach.md#coordinators-2\"\n+++\n"
                .to_string(),
            "+++\nname = \"Kazakhstan\"\nofficial_name = \"Republic of Kazakhstan\"\n\
             aliases = [\"Kazakhstan\"]\n+++\n"
                .to_string(),
        ),
    ]
}

/// The `catalogue` fixture (documents in both languages, measures with coordinators, states
/// with aliases) and one more text, in a temporary folder, with what the edits need to
/// remember.
struct Sandbox {
    site: Site,
    /// Every entry an edit can add, by path without `.fr.md`: its French and English text.
    known: BTreeMap<String, [String; 2]>,
    /// Files broken by an edit, with their text before, the last broken last.
    broken: Vec<(String, String)>,
}

impl Sandbox {
    fn new() -> Sandbox {
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

    fn read(&self, rel: &str) -> Option<String> {
        std::fs::read_to_string(self.site.path().join(rel)).ok()
    }

    /// The entries of a section (or of all, for "") that have a file, as paths without
    /// `.fr.md`.
    fn present(&self, section: &str) -> Vec<String> {
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
    fn edit(&mut self, edit: &Edit) -> Vec<String> {
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

fn edit() -> impl Strategy<Value = Edit> {
    let n = || 0..16usize;
    // Weighted so that about half of the sequences end in a site that builds.
    prop_oneof![
        3 => (n(), n(), prop::collection::vec(0..WORDS.len(), 1..5))
            .prop_map(|(file, para, words)| Edit::Words { file, para, words }),
        2 => n().prop_map(|doc| Edit::AddParagraph { doc }),
        1 => n().prop_map(|doc| Edit::RemoveParagraph { doc }),
        2 => n().prop_map(|entry| Edit::AddPair { entry }),
        1 => n().prop_map(|entry| Edit::RemovePair { entry }),
        2 => (n(), n(), n()).prop_map(|(state, lang, name)| Edit::RenameAlias { state, lang, name }),
        2 => (n(), 0..8u8).prop_map(|(cbm, states)| Edit::Coordinators { cbm, states }),
        1 => (n(), any::<bool>()).prop_map(|(file, unclosed)| Edit::Break { file, unclosed }),
        2 => Just(Edit::Fix),
    ]
}

/// 1 to 8 edits, each saved on its own or, as an editor's "save all" does, with the next.
fn edits() -> impl Strategy<Value = Vec<(Edit, bool)>> {
    prop::collection::vec((edit(), prop::bool::weighted(0.2)), 1..=8)
}

/// The site as `serve` shows it after the edits, or the problems of its last render.
fn incremental(sandbox: &mut Sandbox, edits: &[(Edit, bool)]) -> Result<Output, String> {
    let mut project = Project::open(sandbox.site.path(), &Options::default()).unwrap();
    project.render().expect("the fixture builds");
    // The newest files about the whole site made since the last full render.
    let mut machine: Option<Output> = None;
    let mut last = Ok(());
    let mut saved: BTreeSet<PathBuf> = BTreeSet::new();
    for (i, (edit, with_next)) in edits.iter().enumerate() {
        saved.extend(sandbox.edit(edit).into_iter().map(PathBuf::from));
        if saved.is_empty() || (*with_next && i + 1 < edits.len()) {
            continue;
        }
        project.apply(&std::mem::take(&mut saved));
        let rendered = project.render();
        if matches!(&rendered, Ok(r) if r.full) {
            machine = None;
        }
        if let Some(files) = project.make_machine_files() {
            machine = Some(files);
        }
        last = rendered.map(|_| ()).map_err(|report| report.to_string());
    }
    last?;
    let mut site = project.output().clone();
    if let Some(files) = machine {
        merge_machine_files(&mut site, files);
    }
    Ok(site)
}

fn differences(incremental: &Output, full: &Output) -> Vec<String> {
    let paths: BTreeSet<&String> = incremental.files.keys().chain(full.files.keys()).collect();
    paths
        .into_iter()
        .filter_map(
            |path| match (incremental.files.get(path), full.files.get(path)) {
                (Some(a), Some(b)) if a == b => None,
                (Some(_), Some(_)) => Some(format!("{path} differs")),
                (Some(_), None) => Some(format!("{path} is not in the full build")),
                (None, _) => Some(format!("{path} is missing")),
            },
        )
        .collect()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32)
}

/// Applies `edits` through the incremental path, then builds the final files in full: the
/// two must agree (the same files, byte for byte, or both failing).
fn compare(sandbox: &mut Sandbox, edits: &[(Edit, bool)]) -> Result<(), String> {
    let incremental = incremental(sandbox, edits);
    let mut full = Project::open(sandbox.site.path(), &Options::default()).unwrap();
    match (full.render(), incremental) {
        (Ok(_), Ok(site)) => {
            let differences = differences(&site, full.output());
            if differences.is_empty() {
                Ok(())
            } else {
                Err(format!("{differences:#?}"))
            }
        }
        (Ok(_), Err(problems)) => Err(format!(
            "the full build passes, the incremental one fails:\n{problems}"
        )),
        (Err(problems), Ok(_)) => Err(format!(
            "the full build fails, the incremental one passes:\n{problems}"
        )),
        // The preview shows the problems that `check` reports.
        (Err(full), Err(problems)) if full.to_string() != problems => Err(format!(
            "the problems differ; full build:\n{full}\nincremental:\n{problems}"
        )),
        (Err(_), Err(_)) => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn edits_applied_one_by_one_end_in_the_site_a_full_build_gives(edits in edits()) {
        let mut sandbox = Sandbox::new();
        let agreed = compare(&mut sandbox, &edits);
        prop_assert!(agreed.is_ok(), "{}", agreed.unwrap_err());
    }
}

// Sequences the property found, kept as plain tests.

/// A measure names its coordinators by slug: removing a state it names must fail the
/// incremental build as it fails a full one.
#[test]
fn removing_a_state_that_coordinates_a_measure() {
    let mut sandbox = Sandbox::new();
    assert_eq!(sandbox.present("")[4], "content/states/azerbaijan");
    compare(&mut sandbox, &[(Edit::RemovePair { entry: 4 }, false)]).unwrap();
}

/// A text's own open data is made with the files about the whole site: removing the text
/// must remove it, though those files are made apart from the pages.
#[test]
fn removing_a_text_removes_its_open_data() {
    let mut sandbox = Sandbox::new();
    assert_eq!(sandbox.present("")[3], "content/documents/extra-2");
    compare(&mut sandbox, &[(Edit::RemovePair { entry: 3 }, false)]).unwrap();
}

/// A state's aliases compete with the others' for the same words: renaming one can change
/// the mentions of another state, whose page must follow.
#[test]
fn renaming_an_alias_moves_mentions_to_another_state() {
    let mut sandbox = Sandbox::new();
    let states = sandbox.present("states");
    assert_eq!(states[0], "content/states/azerbaijan");
    assert_eq!(states[2], "content/states/united-nations");
    assert_eq!(
        (ALIASES[0][4], ALIASES[0][1]),
        ("Nations Unies", "Azerbaïdjan")
    );
    let edits = [
        // Azerbaijan named by words within "Organisation des Nations Unies"…
        (
            Edit::RenameAlias {
                state: 0,
                lang: 0,
                name: 4,
            },
            false,
        ),
        // …which the United Nations no longer claim.
        (
            Edit::RenameAlias {
                state: 2,
                lang: 0,
                name: 1,
            },
            false,
        ),
    ];
    compare(&mut sandbox, &edits).unwrap();
}

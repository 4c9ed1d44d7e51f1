//! Random sequences of edits, applied one save after another through the incremental path
//! that `charter serve` uses (`Project::apply`, a render of what is stale, then fresh files
//! about the whole site), end in exactly the site that a full build of the final files gives:
//! the same files, byte for byte, or a failure when the full build fails. Cases per run:
//! `PROPTEST_CASES` (default 32: each case builds the site twice).

mod content;
mod sandbox;

use charter::output::Output;
use charter::project::{merge_machine_files, Project};
use charter::Options;
use content::{ALIASES, WORDS};
use proptest::prelude::*;
use sandbox::{Edit, Sandbox};
use std::collections::BTreeSet;
use std::path::PathBuf;

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
    let mut project = Project::open(sandbox.root(), &Options::default()).unwrap();
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
    let mut full = Project::open(sandbox.root(), &Options::default()).unwrap();
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

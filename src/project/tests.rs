//! The project as `serve` uses it: edits, broken edits, removals, and incremental output
//! against full builds.

use super::*;
use crate::model::Section;

fn site() -> (tempfile::TempDir, Project) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "themes"] {
        copy(&repo.join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(repo.join("charter.toml"), tmp.path().join("charter.toml")).unwrap();
    let mut p = Project::open(tmp.path(), &Options::default()).unwrap();
    p.render().unwrap();
    (tmp, p)
}

fn copy(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn edit(tmp: &Path, rel: &str, from: &str, to: &str) -> BTreeSet<PathBuf> {
    let text = std::fs::read_to_string(tmp.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} lacks {from}");
    std::fs::write(tmp.join(rel), text.replacen(from, to, 1)).unwrap();
    [PathBuf::from(rel)].into_iter().collect()
}

#[test]
fn an_edit_rerenders_only_the_pages_it_touches() {
    let (tmp, mut p) = site();
    let total = p.output().pages();
    let changed = edit(
        tmp.path(),
        "content/states/china.en.md",
        "name = \"China\"",
        "name = \"China (edited)\"",
    );
    p.apply(&changed);
    let r = p.render().unwrap();
    assert!(!r.full);
    assert!(
        r.pages < total / 4,
        "{} of {total} pages re-rendered",
        r.pages
    );
    let page = String::from_utf8(p.output().files["en/states/china/index.html"].to_vec()).unwrap();
    assert!(page.contains("China (edited)"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_output_until_fixed() {
    let (tmp, mut p) = site();
    let before = p.output().clone();
    let rel = "content/documents/almaty-act-2002.fr.md";
    let changed = edit(
        tmp.path(),
        rel,
        "title = \"Acte d'Almaty\"",
        "title = \"Acte d'Almaty",
    );
    p.apply(&changed);
    let e = p.render().unwrap_err();
    assert!(e.to_string().contains("almaty-act-2002.fr.md:2:"), "{e}");
    assert!(p.output() == &before, "the last good output must stay");
    let changed = edit(
        tmp.path(),
        rel,
        "title = \"Acte d'Almaty",
        "title = \"Acte d'Almaty (révisé)\"",
    );
    p.apply(&changed);
    p.render().unwrap();
    let page =
        String::from_utf8(p.output().files["fr/documents/almaty-act-2002/index.html"].to_vec())
            .unwrap();
    assert!(page.contains("Acte d'Almaty (révisé)"));
}

#[test]
fn removing_and_restoring_an_entry() {
    let (tmp, mut p) = site();
    let rel = "content/cbms/economy-5.en.md";
    let saved = std::fs::read(tmp.path().join(rel)).unwrap();
    std::fs::remove_file(tmp.path().join(rel)).unwrap();
    p.apply(&[PathBuf::from(rel)].into_iter().collect());
    p.render().unwrap();
    // The English page falls back to the French text.
    let page =
        String::from_utf8(p.output().files["en/cbms/economy-5/index.html"].to_vec()).unwrap();
    assert!(page.contains("lang=fr"), "fallback page is marked French");
    std::fs::write(tmp.path().join(rel), saved).unwrap();
    p.apply(&[PathBuf::from(rel)].into_iter().collect());
    p.render().unwrap();
    let fr = "content/cbms/economy-5.fr.md";
    std::fs::remove_file(tmp.path().join(fr)).unwrap();
    std::fs::remove_file(tmp.path().join(rel)).unwrap();
    p.apply(
        &[PathBuf::from(fr), PathBuf::from(rel)]
            .into_iter()
            .collect(),
    );
    p.render().unwrap();
    assert!(!p
        .output()
        .files
        .contains_key("en/cbms/economy-5/index.html"));
    assert!(!p
        .output()
        .files
        .contains_key("fr/cbms/economy-5/index.html"));
}

/// After any edit, the incremental output must be exactly what a full build gives.
#[test]
fn incremental_output_equals_a_full_build() {
    let (tmp, mut p) = site();
    let edits: &[(&str, &str, &str)] = &[
        // Text only.
        (
            "content/documents/almaty-act-2002.fr.md",
            "L'axe et l'objectif principaux",
            "L'axe principal",
        ),
        // A title other pages show.
        (
            "content/documents/summit-declaration-2006.en.md",
            "short_title = \"Declaration of the second CICA Summit\"",
            "short_title = \"Second Summit Declaration\"",
        ),
        // A state's name, shown by the measures it coordinates.
        (
            "content/states/republic-of-korea.en.md",
            "name = \"Republic of Korea\"",
            "name = \"Korea (Republic of)\"",
        ),
        // A coordinator removed from a measure.
        (
            "content/cbms/economy-2.fr.md",
            "[[coordinators]]",
            "[[coordinators_removed]]",
        ),
        (
            "content/cbms/economy-2.fr.md",
            "[[coordinators_removed]]",
            "[[coordinators]]",
        ),
        // A mention added to a paragraph.
        (
            "content/documents/anniversary-declaration-2017.fr.md",
            "Le Kazakhstan, la Turquie et la Chine",
            "Le Kazakhstan, la Turquie, la Mongolie et la Chine",
        ),
        // A topic renamed, shown beside its paragraphs and in the list of topics.
        (
            "content/topics/terrorism.en.md",
            "name = \"Terrorism\"",
            "name = \"Terrorism and its links\"",
        ),
        // A paragraph taken out of a topic.
        (
            "content/topics/terrorism.fr.md",
            "  \"@/documents/almaty-act-2002.md#para-17\",",
            "",
        ),
        // A cited text's alias dropped: its name in the texts is no longer a link.
        (
            "content/references/charter-of-the-united-nations.en.md",
            "aliases = [\"Charter of the United Nations\"]",
            "aliases = [\"Charter of the United Nations Organization\"]",
        ),
        // A cited text named in a paragraph that did not name it.
        (
            "content/documents/almaty-act-2002.en.md",
            "We consider that humanitarian issues",
            "Under the Paris Agreement on climate change, we consider that humanitarian issues",
        ),
    ];
    for (rel, from, to) in edits {
        p.apply(&edit(tmp.path(), rel, from, to));
        let _ = p.render();
        if let Some(files) = p.make_machine_files() {
            super::merge_machine_files(std::sync::Arc::make_mut(&mut p.output), files);
        }
        let mut full = Project::open(tmp.path(), &Options::default()).unwrap();
        match full.render() {
            Ok(_) => {
                for (path, bytes) in &full.output().files {
                    assert!(
                        p.output().files.get(path) == Some(bytes),
                        "after editing {rel}: {path} differs from a full build"
                    );
                }
                assert_eq!(
                    p.output().files.len(),
                    full.output().files.len(),
                    "after editing {rel}"
                );
            }
            Err(e) => assert!(
                p.render().is_err(),
                "after editing {rel}, a full build fails but the incremental one passes: {e}"
            ),
        }
    }
}

/// Editing a topic re-renders the topic's pages, the list of topics and the texts whose
/// paragraphs show the topic: no measure, state, cited text or home page.
#[test]
fn editing_a_topic_rerenders_only_its_pages_and_the_texts_it_lists() {
    let (tmp, mut p) = site();
    let rel = "content/topics/terrorism.fr.md";
    let listed = std::fs::read_to_string(tmp.path().join(rel)).unwrap();
    let documents: BTreeSet<String> = listed
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"@/documents/"))
        .map(|l| l.split(".md#").next().unwrap().to_string())
        .collect();
    for (from, to) in [
        ("  \"@/documents/almaty-act-2002.md#para-17\",", ""),
        ("name = \"Terrorisme\"", "name = \"Terrorisme (révisé)\""),
    ] {
        p.apply(&edit(tmp.path(), rel, from, to));
        let stale = p.stale.clone().unwrap();
        for lang in ["fr", "en"] {
            for page in [
                PageId::Page(lang.into(), Section::Topics, "terrorism".into()),
                PageId::Index(lang.into(), Section::Topics),
                PageId::Page(lang.into(), Section::Documents, "almaty-act-2002".into()),
            ] {
                assert!(stale.contains(&page), "{page:?} is not re-rendered");
            }
        }
        for page in &stale {
            let ok = match page {
                PageId::Page(_, Section::Topics, slug) => slug == "terrorism",
                PageId::Index(_, Section::Topics) => true,
                PageId::Page(_, Section::Documents, slug) | PageId::Parallel(_, slug) => {
                    documents.contains(slug.as_str())
                }
                _ => false,
            };
            assert!(ok, "editing a topic re-renders {page:?}");
        }
        p.render().unwrap();
    }
    let page =
        String::from_utf8(p.output().files["fr/documents/almaty-act-2002/index.html"].to_vec())
            .unwrap();
    assert!(page.contains("Terrorisme (révisé)"));
}

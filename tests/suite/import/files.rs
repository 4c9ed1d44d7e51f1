//! What `charter import` does with files other than the seeds: the furniture of a PDF
//! conversion, unreadable input, a target that exists, a text without structure, and the
//! notes and skeleton it writes.

use super::{empty_site, front_matter, import, imported, seed, value};
use crate::support::{select, Site};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

#[test]
fn an_existing_target_is_never_overwritten() {
    let site = Site::empty();
    site.write("content/documents/almaty-act-2002.en.md", "mine\n");
    let before = site.tree("content");
    let run = import(
        &site,
        &seed("almaty-act-2002"),
        &["--slug", "almaty-act-2002"],
    );
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("content/documents/almaty-act-2002.en.md already exists; charter import never overwrites a file"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("help: "), "{}", run.stderr());
    assert_eq!(site.tree("content"), before, "a file changed");
}

#[test]
fn unreadable_input_gets_a_clear_error_and_writes_nothing() {
    let site = Site::empty();
    let cases = [
        (
            fixture("latin1.txt"),
            "is not UTF-8 text: the byte at line 1, column 23",
            "iconv",
        ),
        (fixture("missing.txt"), "cannot read", "check the path"),
    ];
    for (file, message, help) in cases {
        let run = import(&site, &file, &["--slug", "x"]);
        assert_eq!(run.code(), 2, "{}", run.stderr());
        assert!(run.stderr().contains(message), "{}", run.stderr());
        assert!(run.stderr().contains(help), "{}", run.stderr());
        assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    }
    let empty = site.path().join("empty.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    let run = import(&site, &empty, &["--slug", "x"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("holds no text"), "{}", run.stderr());
    assert!(
        !site.path().join("content").exists(),
        "something was written"
    );
}

#[test]
fn a_text_without_structure_is_one_part_with_a_warning() {
    let site = Site::empty();
    let run = import(&site, &fixture("plain.txt"), &["--slug", "plain"]);
    run.success();
    assert!(
        run.stderr().contains("warning: no structure recognised"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("warning: no date found"),
        "{}",
        run.stderr()
    );
    let check = site.run(&["check", "--drafts"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(
        check
            .stderr()
            .contains("unchecked import: no structure was recognised"),
        "{}",
        check.stderr()
    );
    site.run(&["build", "--drafts"]).success();
    let ids = crate::support::text_ids(&site.html("public/fr/documents/plain/index.html"));
    assert_eq!(ids, ["intro-1", "intro-2"]);
}

/// A conversion with the page furniture of a UN PDF: a symbol in the header, a job number,
/// running heads, a page number, a rule, a paragraph cut by the page break, a note, lettered
/// sub-paragraphs, numbering that restarts, a flattened table.
#[test]
fn the_furniture_of_a_pdf_conversion_is_repaired() {
    let site = Site::empty();
    let run = import(
        &site,
        &fixture("communique-2007.fr.txt"),
        &["--slug", "communique-2007", "--repairs"],
    );
    run.success();
    let out = run.stdout();
    for repair in [
        ":20: dropped a job number \"07-45678 (F) 030807 030807\"",
        ":23: dropped a running head \"A/62/194\"",
        ":26: dropped a page number \"2\"",
        ":36: dropped a stray rule \"---\"",
        ":38: joined a paragraph cut by a page break",
        ":50: rebuilt a table of 2 rows and 2 columns",
    ] {
        assert!(out.contains(repair), "{repair} not in:\n{out}");
    }
    assert!(
        out.contains("imported 18 blocks, 3 numbered paragraphs, 4 parts, 1 footnote, 1 table"),
        "{out}"
    );
    let fm = front_matter(&site, "communique-2007");
    assert_eq!(value(&fm, "symbol").as_deref(), Some("A/62/194-S/2007/123"));
    assert_eq!(value(&fm, "distributed").as_deref(), Some("2007-08-03"));
    assert_eq!(value(&fm, "date").as_deref(), Some("2007-07-25"));
    assert_eq!(value(&fm, "numbering").as_deref(), Some("per-part"));
    assert_eq!(value(&fm, "first_issued_as").as_deref(), Some("A/62/100"));
    site.run(&["build", "--drafts"]).success();
    let page = site.html("public/fr/documents/communique-2007/index.html");
    let ids = crate::support::text_ids(&page);
    for id in [
        "letter",
        "annex",
        "i-para-1",
        "i-para-1-a",
        "i-para-1-b",
        "i-para-2",
        "ii-para-1",
        "fn-1",
    ] {
        assert!(ids.iter().any(|i| i == id), "#{id} not in {ids:?}");
    }
    let text: String = page.root_element().text().collect();
    for gone in [
        "07-45678",
        "*0745678*",
        "A/62/194\nS/2007/123",
        "---",
        "<i>",
    ] {
        assert!(!text.contains(gone), "{gone} is still on the page");
    }
    let para: String = select(&page, "#i-para-1 > p")
        .iter()
        .flat_map(|p| p.text())
        .collect();
    assert!(
        para.contains("mesures de confiance et la coopération entre"),
        "{para}"
    );
}

#[test]
fn check_reports_each_import_note_until_it_is_removed() {
    let site = empty_site();
    import(
        &site,
        &seed("observer-status-request-2007"),
        &["--slug", "request"],
    )
    .success();
    let rel = "content/documents/request.fr.md";
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let notes = check.stderr().matches("warning: unchecked import:").count();
    let written = site.read(rel);
    assert_eq!(notes, written.matches("<!-- import:").count());
    assert!(notes > 0);
    let first = written
        .lines()
        .position(|l| l.starts_with("<!-- import:"))
        .unwrap()
        + 1;
    assert!(
        check.stderr().contains(&format!("--> {rel}:{first}:1")),
        "{}",
        check.stderr()
    );
    assert!(
        check.stderr().contains("then delete the comment"),
        "{}",
        check.stderr()
    );
    let cleaned: String = written
        .lines()
        .filter(|l| !l.starts_with("<!-- import:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(rel, &cleaned);
    let check = site.run(&["check"]);
    assert!(
        !check.stderr().contains("unchecked import"),
        "{}",
        check.stderr()
    );
    // Strict: the original's one placeholder, its summary; the skeleton, a draft, is not held
    // to its TODOs.
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1);
    assert!(
        strict
            .stderr()
            .contains("error: `summary` still holds the placeholder \"TODO\""),
        "{}",
        strict.stderr()
    );
    assert_eq!(
        strict.stderr().matches("error:").count(),
        1,
        "{}",
        strict.stderr()
    );
}

#[test]
fn the_skeleton_is_optional_and_its_ids_are_the_texts() {
    let site = empty_site();
    import(
        &site,
        &seed("summit-declaration-2006"),
        &["--slug", "alone", "--no-skeleton"],
    )
    .success();
    assert!(!site.path().join("content/documents/alone.en.md").exists());
    let built = imported("summit-declaration-2006");
    let path = |lang: &str| format!("public/{lang}/documents/summit-declaration-2006/index.html");
    let fr = crate::support::text_ids(&built.html(&path("fr")));
    let en = crate::support::text_ids(&built.html(&path("en")));
    assert_eq!(fr, en);
    let skeleton = built.read("content/documents/summit-declaration-2006.en.md");
    assert!(
        skeleton.contains("\ntranslation = \"unofficial\"") && skeleton.contains("\ndraft = true")
    );
    assert!(
        !skeleton.contains("kind ="),
        "facts belong to the French file:\n{skeleton}"
    );
}

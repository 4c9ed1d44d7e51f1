//! `charter import` on the four seed texts (`tests/fixtures/seeds/`, the PDF conversions as
//! received) against the curated texts of `content/`: each seed is imported into a site of its
//! own and built, and its French page is compared with the curated page, block by block.
//!
//! How blocks are compared: a block is an element of the page's text with an id (headings,
//! paragraphs, list items, tables and their rows, notes), footnote-call anchors aside. Its text
//! is what a reader sees of it: the words of the element without those of the blocks inside it
//! (a numbered paragraph's further paragraphs are blocks of their own), without the page's
//! furniture (the ¶ link, the "Cited in" counts, the topic links, which only the curated site
//! has), whitespace collapsed, and without the editors' `[sic]` marks, which an editor adds
//! after the import (docs/writing.md). Links and emphasis do not count, only their words.

use crate::support::{real_built, select, Run, Site};
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SEEDS: [&str; 4] = [
    "almaty-act-2002",
    "summit-declaration-2006",
    "anniversary-declaration-2017",
    "observer-status-request-2007",
];

/// The share of the curated blocks the imported page must have, by id and then by text.
const THRESHOLD: f64 = 0.95;

fn seed(slug: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/seeds/{slug}.fr.txt"))
}

/// A site with the real configuration and theme and no content.
fn empty_site() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("charter.toml"), site.path().join("charter.toml")).unwrap();
    site
}

fn import(site: &Site, file: &Path, args: &[&str]) -> Run {
    let file = file.to_str().unwrap();
    let mut all = vec!["import", file];
    all.extend(args);
    site.run(&all)
}

/// Each seed imported into a site of its own, built with its drafts.
fn imported(slug: &str) -> &'static Site {
    use std::sync::OnceLock;
    static SITES: OnceLock<BTreeMap<&'static str, Site>> = OnceLock::new();
    let sites = SITES.get_or_init(|| {
        SEEDS
            .iter()
            .map(|slug| {
                let site = empty_site();
                import(&site, &seed(slug), &["--slug", slug]).success();
                site.run(&["build", "--drafts"]).success();
                (*slug, site)
            })
            .collect()
    });
    &sites[slug]
}

/// The blocks of a page's text: id → the text a reader sees of it.
fn blocks(doc: &Html) -> Vec<(String, String)> {
    select(doc, ".text [id]")
        .into_iter()
        .filter(|e| e.value().name() != "a")
        .map(|e| (e.value().attr("id").unwrap().to_string(), visible(e)))
        .collect()
}

fn visible(block: ElementRef) -> String {
    let mut text = String::new();
    words(block, &mut text, true);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace(" [sic]", "").replace("[sic]", "")
}

/// The words of `el`, without nested blocks and the page's furniture.
fn words(el: ElementRef, out: &mut String, top: bool) {
    let v = el.value();
    let furniture = v.has_class("self", scraper::CaseSensitivity::CaseSensitive)
        || v.has_class("cited", scraper::CaseSensitivity::CaseSensitive)
        || v.has_class("topic-links", scraper::CaseSensitivity::CaseSensitive)
        || v.has_class("back", scraper::CaseSensitivity::CaseSensitive);
    let nested_block = !top && v.attr("id").is_some() && v.name() != "a";
    if furniture || nested_block {
        return;
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if matches!(e.name(), "br" | "p" | "li" | "td" | "th" | "tr") {
                    out.push(' ');
                }
                if let Some(c) = ElementRef::wrap(child) {
                    words(c, out, false);
                }
            }
            _ => {}
        }
    }
}

/// The figures of one seed, and the differences to print.
struct Comparison {
    curated: usize,
    same_id: usize,
    same_text: usize,
    differences: Vec<String>,
}

fn compare(slug: &str) -> Comparison {
    let path = format!("public/fr/documents/{slug}/index.html");
    let curated = blocks(&real_built().html(&path));
    let imported: BTreeMap<String, String> =
        blocks(&imported(slug).html(&path)).into_iter().collect();
    let mut c = Comparison {
        curated: curated.len(),
        same_id: 0,
        same_text: 0,
        differences: Vec::new(),
    };
    for (id, text) in &curated {
        match imported.get(id) {
            None => c.differences.push(format!(
                "  #{id}: no block with this id\n      curated:  {}",
                short(text)
            )),
            Some(other) if other == text => {
                c.same_id += 1;
                c.same_text += 1;
            }
            Some(other) => {
                c.same_id += 1;
                c.differences.push(format!(
                    "  #{id}: other text\n      curated:  {}\n      imported: {}",
                    short(text),
                    short(other)
                ));
            }
        }
    }
    let ids: Vec<&String> = curated.iter().map(|(id, _)| id).collect();
    for id in imported.keys().filter(|id| !ids.contains(id)) {
        c.differences
            .push(format!("  #{id}: only on the imported page"));
    }
    c
}

fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 160 {
        return text.to_string();
    }
    format!("{}…", chars[..160].iter().collect::<String>())
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

#[test]
fn each_seed_imports_into_a_page_like_the_curated_one() {
    let mut failed = Vec::new();
    for slug in SEEDS {
        let c = compare(slug);
        let ids = percent(c.same_id, c.curated);
        let texts = percent(c.same_text, c.same_id);
        eprintln!(
            "{slug}: {}/{} curated blocks have a block with the same id ({ids:.1}%), {}/{} of those the same text ({texts:.1}%)",
            c.same_id, c.curated, c.same_text, c.same_id
        );
        for d in &c.differences {
            eprintln!("{d}");
        }
        if ids < THRESHOLD * 100.0 || texts < THRESHOLD * 100.0 {
            failed.push(slug);
        }
    }
    assert!(
        failed.is_empty(),
        "below {:.0}%: {failed:?}",
        THRESHOLD * 100.0
    );
}

/// The front matter of an imported French file, as TOML.
fn front_matter(site: &Site, slug: &str) -> toml::Table {
    let text = site.read(&format!("content/documents/{slug}.fr.md"));
    let inner = text
        .strip_prefix("+++\n")
        .unwrap()
        .split_once("\n+++\n")
        .unwrap()
        .0;
    toml::from_str(inner).unwrap()
}

fn value(fm: &toml::Table, key: &str) -> Option<String> {
    fm.get(key).map(|v| match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

#[test]
fn the_front_matter_carries_what_each_header_gives() {
    // (slug, distributed, original languages, letter date), as the seeds' headers give them.
    // No seed's header has its symbol: none may be invented.
    let expected = [
        // The header says "Original: anglais"; the act's own "[Original : anglais et russe]"
        // adds Russian.
        (
            "almaty-act-2002",
            Some("2002-09-24"),
            Some("[\"en\", \"ru\"]"),
            "2002-09-20",
        ),
        // A Conference on Disarmament document: no UN header at all.
        ("summit-declaration-2006", None, None, "2006-07-03"),
        (
            "anniversary-declaration-2017",
            Some("2017-12-22"),
            Some("[\"en\"]"),
            "2017-12-13",
        ),
        (
            "observer-status-request-2007",
            Some("2007-10-04"),
            Some("[\"en\"]"),
            "2007-10-03",
        ),
    ];
    for (slug, distributed, languages, letter) in expected {
        let fm = front_matter(imported(slug), slug);
        assert_eq!(value(&fm, "distributed").as_deref(), distributed, "{slug}");
        assert_eq!(
            value(&fm, "original_languages").as_deref(),
            languages,
            "{slug}"
        );
        assert_eq!(value(&fm, "letter_date").as_deref(), Some(letter), "{slug}");
        assert_eq!(value(&fm, "symbol"), None, "{slug}");
        assert_eq!(value(&fm, "draft").as_deref(), Some("true"), "{slug}");
    }
    let fm = front_matter(imported("almaty-act-2002"), "almaty-act-2002");
    assert_eq!(value(&fm, "date").as_deref(), Some("2002-06-04"));
    assert_eq!(value(&fm, "kind").as_deref(), Some("act"));
    assert_eq!(value(&fm, "place").as_deref(), Some("Almaty"));
    let fm = front_matter(
        imported("summit-declaration-2006"),
        "summit-declaration-2006",
    );
    assert_eq!(
        value(&fm, "first_issued_as").as_deref(),
        Some("A/60/910-S/2006/444")
    );
    let fm = front_matter(
        imported("observer-status-request-2007"),
        "observer-status-request-2007",
    );
    assert_eq!(value(&fm, "kind").as_deref(), Some("request"));
    assert_eq!(
        value(&fm, "title").as_deref(),
        Some("Octroi du statut d'observateur à la Conférence sur l'interaction et les mesures de confiance en Asie")
    );
}

/// The seed's words against the imported file's, as the fidelity test holds the curated
/// texts to them: the header's words, now front matter, are the only ones allowed to go.
#[test]
fn every_word_of_a_seed_is_kept_in_order_but_those_of_its_header() {
    for slug in SEEDS {
        let written = imported(slug).read(&format!("content/documents/{slug}.fr.md"));
        let without_notes: String = written
            .lines()
            .filter(|l| !l.trim_start().starts_with("<!-- import:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let problems = crate::fidelity::differences_from_seed(slug, &without_notes);
        assert!(problems.is_empty(), "\n{}\n", problems.join("\n\n"));
    }
}

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
        out.contains("imported 18 blocks, 3 numbered paragraphs, 4 parts, 1 footnotes, 1 tables"),
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

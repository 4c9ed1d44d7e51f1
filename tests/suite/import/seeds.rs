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

use super::{front_matter, imported, value, SEEDS, THRESHOLD};
use crate::support::{real_built, select};
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeMap;

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

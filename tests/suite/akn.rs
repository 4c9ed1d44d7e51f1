//! Akoma Ntoso (docs/akn.md) on the real content, built by the binary: every file valid against
//! the OASIS schema (`tests/fixtures/akn/`, with `xmllint`), each page anchor one `eId` under the
//! documented mapping and each `eId` one anchor, the French files' text the French pages' text
//! block by block, and no file from a build that fails.

use crate::support::{require, select, text_ids, tree, which, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const LANGS: [&str; 2] = ["fr", "en"];

fn built() -> &'static Site {
    crate::support::real_built()
}

/// `xmllint` (Debian's libxml2-utils): a loud skip without it, a failure under `CI=true`.
fn xmllint() -> Option<PathBuf> {
    require(
        which("xmllint"),
        "xmllint",
        "apt-get install -y libxml2-utils",
    )
}

/// The texts of the real content, by slug, with the languages each is written in.
fn documents() -> BTreeMap<String, Vec<&'static str>> {
    let dir = built().path().join("content/documents");
    let mut docs = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(slug) = name.strip_suffix(".fr.md") {
            let langs: Vec<&str> = LANGS
                .into_iter()
                .filter(|l| {
                    built()
                        .path()
                        .join(format!("content/documents/{slug}.{l}.md"))
                        .is_file()
                })
                .collect();
            docs.insert(slug.to_string(), langs);
        }
    }
    assert!(docs.len() >= 4, "{docs:?}");
    docs
}

fn akn_path(lang: &str, slug: &str) -> PathBuf {
    built()
        .path()
        .join(format!("public/{lang}/documents/{slug}/akn.xml"))
}

// The mapping of docs/akn.md, written here from the document, apart from charter's own.

/// A lower-case Roman numeral in its usual form.
fn roman(t: &str) -> bool {
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    const TENS: [&str; 10] = ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"];
    const HUNDREDS: [&str; 10] = ["", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"];
    (1..4000).any(|n: usize| {
        let r = format!(
            "{}{}{}{}",
            "m".repeat(n / 1000),
            HUNDREDS[n / 100 % 10],
            TENS[n / 10 % 10],
            ONES[n % 10]
        );
        r == t
    })
}

fn number(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit()) || t.len() == 1
}

/// Site id → eId.
fn to_eid(id: &str) -> String {
    let tokens: Vec<&str> = id.split('-').collect();
    let mut components = Vec::new();
    let mut i = 0;
    if roman(tokens[0]) {
        let mut c = format!("part_{}", tokens[0].to_uppercase());
        i = 1;
        while i < tokens.len() && number(tokens[i]) {
            c = format!("{c}_{}", tokens[i]);
            i += 1;
        }
        components.push(c);
    }
    while i < tokens.len() {
        let mut c = tokens[i].to_string();
        i += 1;
        while i < tokens.len() && !number(tokens[i]) {
            c = format!("{c}-{}", tokens[i]);
            i += 1;
        }
        while i < tokens.len() && number(tokens[i]) {
            c = format!("{c}_{}", tokens[i]);
            i += 1;
        }
        components.push(c);
    }
    components.join("__")
}

/// eId → site id.
fn to_id(eid: &str) -> String {
    let mut tokens = Vec::new();
    for (n, component) in eid.split("__").enumerate() {
        let mut parts: Vec<&str> = component.split('_').collect();
        let head = parts.remove(0);
        let part = n == 0
            && head == "part"
            && parts.first().is_some_and(|r| {
                r.chars().all(|c| c.is_ascii_uppercase()) && roman(&r.to_lowercase())
            });
        if part {
            tokens.push(parts.remove(0).to_lowercase());
        } else {
            tokens.push(head.to_string());
        }
        tokens.extend(parts.iter().map(|s| s.to_string()));
    }
    tokens.join("-")
}

/// The anchors of a page's text: every id in it but the notes' heading and the footnote calls'
/// marks, which are page furniture.
fn page_anchors(page: &scraper::Html) -> Vec<String> {
    text_ids(page)
        .into_iter()
        .filter(|id| id != "notes" && !id.starts_with("ref-"))
        .collect()
}

/// The eIds of an AKN file's text (the `meta` aside), in document order.
fn eids(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.is_element() && !n.ancestors().any(|a| a.has_tag_name("meta")))
        .filter_map(|n| n.attribute("eId").map(str::to_string))
        .collect()
}

fn read_akn(lang: &str, slug: &str) -> String {
    std::fs::read_to_string(akn_path(lang, slug))
        .unwrap_or_else(|e| panic!("{lang}/documents/{slug}/akn.xml: {e}"))
}

#[test]
fn every_text_has_its_file_in_each_language_it_is_written_in_and_no_other() {
    for (slug, langs) in documents() {
        for lang in LANGS {
            assert_eq!(
                akn_path(lang, &slug).is_file(),
                langs.contains(&lang),
                "{lang}/documents/{slug}/akn.xml"
            );
        }
        let index: serde_json::Value =
            serde_json::from_str(&built().read("public/data/documents.json")).unwrap();
        let entry = index["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["slug"] == slug.as_str())
            .unwrap();
        for lang in &langs {
            let url = entry["akn"][lang].as_str().unwrap();
            assert!(
                url.ends_with(&format!("/{lang}/documents/{slug}/akn.xml")),
                "{url}"
            );
        }
        assert_eq!(entry["akn"].as_object().unwrap().len(), langs.len());
    }
}

#[test]
fn every_akn_file_validates_against_the_oasis_schema() {
    let Some(xmllint) = xmllint() else {
        return;
    };
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/akn/akomantoso30.xsd");
    let mut files = Vec::new();
    for (slug, langs) in documents() {
        for lang in langs {
            files.push(akn_path(lang, &slug));
        }
    }
    let out = Command::new(xmllint)
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&schema)
        .args(&files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches(" validates").count(),
        files.len(),
        "{stderr}"
    );
}

/// The FRBR identifiers: the work is the same in every language; the French expression is
/// authoritative, the English one a translation of it that says so.
#[test]
fn the_french_expression_is_authoritative_and_the_english_a_translation() {
    let ns = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
    for (slug, langs) in documents() {
        let mut works = BTreeSet::new();
        for lang in langs {
            let text = read_akn(lang, &slug);
            let doc = roxmltree::Document::parse(&text).unwrap();
            let root = doc.root_element().first_element_child().unwrap();
            assert_eq!(root.tag_name().namespace(), Some(ns));
            let first = |tag: &str| {
                doc.descendants()
                    .find(|n| n.has_tag_name(tag))
                    .unwrap_or_else(|| panic!("{slug} {lang}: no {tag}"))
            };
            let work = first("FRBRWork")
                .children()
                .find(|n| n.has_tag_name("FRBRuri"))
                .unwrap()
                .attribute("value")
                .unwrap()
                .to_string();
            assert!(
                work.starts_with("/akn/un/") && work.ends_with(&slug),
                "{work}"
            );
            let expression = first("FRBRExpression");
            let value = |tag: &str, attr: &str| {
                expression
                    .children()
                    .find(|n| n.has_tag_name(tag))
                    .and_then(|n| n.attribute(attr))
                    .map(str::to_string)
            };
            let code = if lang == "fr" { "fra" } else { "eng" };
            assert_eq!(value("FRBRuri", "value"), Some(format!("{work}/{code}@")));
            assert_eq!(value("FRBRlanguage", "language").as_deref(), Some(code));
            if lang == "fr" {
                assert_eq!(value("FRBRauthoritative", "value").as_deref(), Some("true"));
                assert_eq!(value("FRBRtranslation", "href"), None);
            } else {
                assert_eq!(
                    value("FRBRauthoritative", "value").as_deref(),
                    Some("false")
                );
                assert_eq!(
                    value("FRBRtranslation", "href"),
                    Some(format!("{work}/fra@"))
                );
                assert_eq!(
                    value("FRBRtranslation", "fromLanguage").as_deref(),
                    Some("fra")
                );
                assert_eq!(
                    value("FRBRmasterExpression", "href"),
                    Some(format!("{work}/fra@"))
                );
            }
            works.insert(work);
        }
        assert_eq!(works.len(), 1, "{works:?}");
    }
}

/// The mapping of docs/akn.md, both ways, on the examples it gives.
#[test]
fn the_documented_mapping_on_its_examples() {
    for (id, eid) in [
        ("para-27", "para_27"),
        ("ii-para-1", "part_II__para_1"),
        ("iv", "part_IV"),
        ("iv-4-1", "part_IV_4_1"),
        ("preamble-3", "preamble_3"),
        ("annex-1-para-2", "annex_1__para_2"),
        ("enclosure-annex-2-row-1", "enclosure-annex_2__row_1"),
        ("human-dimension-para-1", "human-dimension-para_1"),
        ("modalities-a", "modalities_a"),
        ("fn-1-1", "fn_1_1"),
    ] {
        assert_eq!(to_eid(id), eid);
        assert_eq!(to_id(eid), id);
    }
}

#[test]
fn each_anchor_has_exactly_one_eid_and_each_eid_one_anchor() {
    for (slug, langs) in documents() {
        for lang in langs {
            let page = built().html(&format!("public/{lang}/documents/{slug}/index.html"));
            let anchors = page_anchors(&page);
            assert!(anchors.len() > 10, "{lang} {slug}: {anchors:?}");
            let text = read_akn(lang, &slug);
            let doc = roxmltree::Document::parse(&text).unwrap();
            let eids = eids(&doc);
            let unique: BTreeSet<&String> = eids.iter().collect();
            assert_eq!(unique.len(), eids.len(), "{lang} {slug}: an eId twice");
            // Anchor → eId: the mapped eId is in the file, and maps back.
            for id in &anchors {
                let e = to_eid(id);
                assert_eq!(
                    eids.iter().filter(|x| **x == e).count(),
                    1,
                    "{lang} {slug}: #{id} → {e}"
                );
                assert_eq!(&to_id(&e), id);
            }
            // eId → anchor: every eId of the text is an anchor of the page, and maps back.
            for e in &eids {
                let id = to_id(e);
                assert!(anchors.contains(&id), "{lang} {slug}: {e} → #{id}");
                assert_eq!(&to_eid(&id), e);
            }
            // And in the same order.
            let mapped: Vec<String> = anchors.iter().map(|a| to_eid(a)).collect();
            let in_text: Vec<&String> = eids.iter().filter(|e| !e.starts_with("fn_")).collect();
            let in_page: Vec<&String> = mapped.iter().filter(|e| !e.starts_with("fn_")).collect();
            assert_eq!(in_text, in_page, "{lang} {slug}");
        }
    }
}

/// Text compared without its whitespace: French typography makes spaces non-breaking on the
/// pages, and the cells of a row or the lines of a block are joined differently in each.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A page block's own words: its text without the blocks nested in it and without what the
/// page adds (¶ links, "cited in" marks, topic links, footnote calls and back links).
fn page_text(el: scraper::ElementRef, out: &mut String) {
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            out.push_str(t);
        } else if let Some(e) = scraper::ElementRef::wrap(child) {
            let v = e.value();
            let class = |c: &str| v.classes().any(|x| x == c);
            let furniture = (v.name() == "a" && (class("self") || class("cited") || class("back")))
                || (v.name() == "span" && class("topic-links"))
                || (v.name() == "sup" && class("fnref"));
            if v.attr("id").is_none() && !furniture {
                page_text(e, out);
            }
        }
    }
}

/// An AKN element's own words: its text without the elements with an eId nested in it (its
/// own blocks, its notes) and without the marks of a note called again.
fn akn_text(node: roxmltree::Node, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
        } else if child.is_element()
            && child.attribute("eId").is_none()
            && !child.has_tag_name("noteRef")
        {
            akn_text(child, out);
        }
    }
}

#[test]
fn the_french_akn_text_is_the_french_pages_block_by_block() {
    let mut compared = 0;
    for slug in documents().keys() {
        let page = built().html(&format!("public/fr/documents/{slug}/index.html"));
        let text = read_akn("fr", slug);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let by_eid: BTreeMap<&str, roxmltree::Node> = doc
            .descendants()
            .filter(|n| !n.ancestors().any(|a| a.has_tag_name("meta")))
            .filter_map(|n| n.attribute("eId").map(|e| (e, n)))
            .collect();
        for id in page_anchors(&page) {
            let block = select(&page, &format!(".text [id=\"{id}\"]"))[0];
            let mut words = String::new();
            page_text(block, &mut words);
            let e = to_eid(&id);
            let node = by_eid
                .get(e.as_str())
                .unwrap_or_else(|| panic!("{slug}: no {e}"));
            let mut akn = String::new();
            akn_text(*node, &mut akn);
            assert_eq!(
                squeeze(&akn),
                squeeze(&words),
                "{slug}: #{id} ({e})\nAKN:  {akn}\npage: {words}"
            );
            compared += usize::from(!squeeze(&words).is_empty());
        }
    }
    assert!(compared > 200, "{compared} blocks with words compared");
}

/// A cross-reference between texts is a `ref` to the target's AKN identifier: its expression
/// in the same language, then `/~` and the eId of the block.
#[test]
fn cross_references_point_at_the_targets_akn_identifier() {
    let text = read_akn("fr", "observer-status-request-2007");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let refs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("ref"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(
        refs.contains(&"/akn/un/statement/cica/2002-06-04/almaty-act-2002/fra@"),
        "{refs:?}"
    );
    for href in &refs {
        assert!(
            href.starts_with("/akn/un/") && href.contains("/fra@"),
            "{href}"
        );
    }
    // The real content cites whole texts; a citation of a paragraph carries its eId.
    let site = Site::real();
    let file = "content/documents/observer-status-request-2007.fr.md";
    let source = site.read(file);
    let cited = source.replacen(
        "](@/documents/almaty-act-2002.md)",
        "](@/documents/almaty-act-2002.md#para-27)",
        1,
    );
    assert_ne!(cited, source);
    site.write(file, &cited);
    site.run(&["build"]).success();
    let text = site.read("public/fr/documents/observer-status-request-2007/akn.xml");
    assert!(
        text.contains("href=\"/akn/un/statement/cica/2002-06-04/almaty-act-2002/fra@/~para_27\""),
        "{text}"
    );
}

#[test]
fn a_bad_cross_reference_fails_the_build_and_writes_no_akn_file() {
    let break_one = |site: &Site| {
        let file = "content/documents/anniversary-declaration-2017.fr.md";
        let source = site.read(file);
        let broken = source.replacen(
            "](@/documents/almaty-act-2002.md)",
            "](@/documents/almaty-act-2002.md#para-270)",
            1,
        );
        assert_ne!(broken, source);
        site.write(file, &broken);
    };
    // Over a built site: the build fails and public/ stays as it was.
    let site = Site::real();
    site.run(&["build"]).success();
    let before = site.tree("public");
    assert!(before.keys().any(|p| p.ends_with("akn.xml")));
    break_one(&site);
    let run = site.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("para-270"), "{}", run.stderr());
    assert!(site.tree("public") == before, "public/ changed");
    // With no site yet: nothing at all is written, no AKN file anywhere.
    let fresh = Site::real();
    break_one(&fresh);
    let run = fresh.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(!fresh.path().join("public").exists());
    let akn = tree(fresh.path())
        .into_keys()
        .filter(|p| p.ends_with("akn.xml"))
        .collect::<Vec<_>>();
    assert!(akn.is_empty(), "{akn:?}");
}

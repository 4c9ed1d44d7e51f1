//! What reference managers read of a whole text, on the real content: the JSON-LD in its head
//! checked against its front matter, and its RIS, BibTeX and CSL-JSON downloads read by a real
//! citation parser (citation-js, pinned in tests/browser/package.json).

use crate::browser::tool;
use crate::support::{require, select, which, Site};

fn built() -> &'static Site {
    crate::support::real_built()
}

const DOCUMENTS: [&str; 4] = [
    "almaty-act-2002",
    "summit-declaration-2006",
    "observer-status-request-2007",
    "anniversary-declaration-2017",
];

/// A front-matter string field of a file, as written (`title = "…"`).
fn front(slug: &str, lang: &str, field: &str) -> String {
    let text = built().read(&format!("content/documents/{slug}.{lang}.md"));
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{field} = ")))
        .unwrap_or_else(|| panic!("{slug}.{lang}: no {field}"));
    let value = line.split_once(" = ").unwrap().1.trim();
    let value = value.split(" #").next().unwrap().trim();
    value.trim_matches('"').replace("\\\"", "\"")
}

#[test]
fn each_text_page_describes_itself_as_legislation_for_search_engines_and_readers() {
    for slug in DOCUMENTS {
        let date = front(slug, "fr", "date");
        for lang in ["fr", "en"] {
            let page = built().html(&format!("public/{lang}/documents/{slug}/index.html"));
            let blocks = select(&page, "script[type='application/ld+json']");
            assert_eq!(blocks.len(), 1, "{lang}/{slug}");
            let ld: serde_json::Value =
                serde_json::from_str(&blocks[0].text().collect::<String>()).unwrap();
            assert_eq!(ld["@type"], "Legislation");
            assert_eq!(ld["name"], front(slug, lang, "title"), "{lang}/{slug}");
            assert_eq!(ld["legislationDate"], date, "{lang}/{slug}");
            assert_eq!(ld["inLanguage"], lang);
            let url = format!("https://cica-charter.netlify.app/{lang}/documents/{slug}/");
            assert_eq!(ld["url"], url);
            let french = format!("https://cica-charter.netlify.app/fr/documents/{slug}/");
            if lang == "en" {
                assert_eq!(ld["translationOfWork"]["@id"], french, "{slug}");
            } else {
                assert_eq!(ld["workTranslation"][0]["@id"], url.replace("/fr/", "/en/"));
            }
            // Highwire Press and Dublin Core tags, as Zotero reads them.
            let meta = |name: &str| -> String {
                select(&page, &format!("meta[name='{name}']"))
                    .first()
                    .and_then(|m| m.value().attr("content"))
                    .unwrap_or_default()
                    .to_string()
            };
            assert_eq!(meta("citation_title"), front(slug, lang, "title"));
            assert_eq!(meta("citation_date"), date.replace('-', "/"));
            assert_eq!(meta("citation_language"), lang);
            assert!(!meta("citation_publisher").is_empty());
            assert_eq!(meta("DC.date"), date);
            // The downloads are linked from the page.
            for file in ["cite.ris", "cite.bib", "cite.json"] {
                let href = format!("/{lang}/documents/{slug}/{file}");
                assert_eq!(
                    select(&page, &format!(".doc-tools a[href='{href}']")).len(),
                    1,
                    "{lang}/{slug}: {href}"
                );
            }
        }
    }
}

#[test]
fn ris_bibtex_and_csl_json_read_back_with_a_citation_parser() {
    let Some(_) = tool("@citation-js/core/package.json") else {
        return;
    };
    let Some(node) = require(which("node"), "node", "apt-get install -y nodejs") else {
        return;
    };
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/parse-citations.mjs");
    for slug in DOCUMENTS {
        let date = front(slug, "fr", "date");
        let parts: Vec<u64> = date.split('-').map(|p| p.parse().unwrap()).collect();
        for lang in ["fr", "en"] {
            let files: Vec<_> = ["cite.ris", "cite.bib", "cite.json"]
                .iter()
                .map(|f| {
                    built()
                        .path()
                        .join(format!("public/{lang}/documents/{slug}/{f}"))
                })
                .collect();
            let out = std::process::Command::new(&node)
                .arg(&script)
                .args(&files)
                .current_dir(script.parent().unwrap())
                .output()
                .expect("node runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let read: Vec<Vec<serde_json::Value>> = serde_json::from_slice(&out.stdout).unwrap();
            for (format, items) in ["RIS", "BibTeX", "CSL-JSON"].iter().zip(&read) {
                let what = format!("{lang}/{slug} {format}");
                assert_eq!(items.len(), 1, "{what}");
                let item = &items[0];
                assert_eq!(item["title"], front(slug, lang, "title"), "{what}");
                assert_eq!(
                    item["issued"]["date-parts"][0],
                    serde_json::json!(parts),
                    "{what}"
                );
                let language = item["language"].as_str().unwrap_or_default();
                let expected = if *format == "BibTeX" {
                    if lang == "fr" {
                        "french"
                    } else {
                        "english"
                    }
                } else {
                    lang
                };
                assert_eq!(language, expected, "{what}");
                assert_eq!(
                    item["URL"],
                    format!("https://cica-charter.netlify.app/{lang}/documents/{slug}/"),
                    "{what}"
                );
                assert_eq!(item["id"], format!("{slug}-{lang}"), "{what}");
            }
        }
    }
}

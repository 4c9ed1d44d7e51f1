//! Machine-readable output: sitemap with hreflang alternates, Atom feeds, open data that
//! validates against its schema; the parallel view, aligned on ids.

use crate::support::{select, Site};
use std::sync::OnceLock;

fn built() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::real();
        site.run(&["build"]).success();
        site
    })
}

#[test]
fn sitemap_lists_every_page_with_its_alternates() {
    let text = built().read("public/sitemap.xml");
    let xml = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    let urls: Vec<_> = root.children().filter(|n| n.has_tag_name("url")).collect();
    let locs: Vec<String> = urls
        .iter()
        .filter_map(|u| {
            u.children()
                .find(|c| c.has_tag_name("loc"))
                .and_then(|l| l.text())
                .map(str::to_string)
        })
        .collect();
    for path in [
        "fr/documents/almaty-act-2002/",
        "en/documents/almaty-act-2002/",
        "en/cbms/economy-3/",
        "fr/states/kazakhstan/",
        "en/documents/almaty-act-2002/parallel/",
    ] {
        assert!(
            locs.contains(&format!("https://cica-charter.netlify.app/{path}")),
            "{path} missing from the sitemap"
        );
    }
    let almaty = urls
        .iter()
        .find(|u| {
            u.children().any(|c| {
                c.text() == Some("https://cica-charter.netlify.app/fr/documents/almaty-act-2002/")
            })
        })
        .unwrap();
    let alternates: Vec<(String, String)> = almaty
        .children()
        .filter(|c| c.tag_name().name() == "link")
        .map(|l| {
            (
                l.attribute("hreflang").unwrap().to_string(),
                l.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        alternates.contains(&(
            "en".into(),
            "https://cica-charter.netlify.app/en/documents/almaty-act-2002/".into()
        )),
        "{alternates:?}"
    );
    assert!(alternates.iter().any(|(l, _)| l == "x-default"));
}

#[test]
fn atom_feeds_list_the_documents_in_each_language() {
    for lang in ["fr", "en"] {
        let text = built().read(&format!("public/{lang}/atom.xml"));
        let xml = roxmltree::Document::parse(&text).expect("the feed is well-formed XML");
        let feed = xml.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert_eq!(entries.len(), 4, "{lang}");
        for e in entries {
            for field in ["title", "id", "updated", "link"] {
                assert!(
                    e.children().any(|c| c.has_tag_name(field)),
                    "{lang}: entry without {field}"
                );
            }
        }
        let page = built().html(&format!("public/{lang}/index.html"));
        let feed_link = select(&page, "link[rel='alternate'][type='application/atom+xml']");
        assert_eq!(
            feed_link[0].value().attr("href"),
            Some(format!("/{lang}/atom.xml").as_str())
        );
    }
}

/// The data file at `path` checked against the schema at `schema`.
fn assert_valid(path: &str, schema: &str) -> serde_json::Value {
    let data: serde_json::Value =
        serde_json::from_str(&built().read(&format!("public/{path}"))).expect("valid JSON");
    let schema: serde_json::Value =
        serde_json::from_str(&built().read(&format!("public/{schema}")))
            .expect("valid schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{path}: {errors:?}");
    data
}

#[test]
fn open_data_validates_against_its_schemas() {
    for name in ["cbms", "states"] {
        assert_valid(
            &format!("data/{name}.json"),
            &format!("data/{name}.schema.json"),
        );
    }
    // The index lists every text with the address of its own file, which validates too.
    let index = assert_valid("data/documents.json", "data/documents.schema.json");
    let listed = index["documents"].as_array().unwrap();
    assert_eq!(listed.len(), 4, "the four texts of content/documents/");
    let base = "https://cica-charter.netlify.app/";
    for entry in listed {
        let slug = entry["slug"].as_str().unwrap();
        let data = entry["data"].as_str().unwrap();
        assert_eq!(data, format!("{base}data/documents/{slug}.json"));
        assert!(
            entry.get("blocks").is_none(),
            "the index holds no text: {slug}"
        );
        let record = assert_valid(
            data.strip_prefix(base).unwrap(),
            "data/document.schema.json",
        );
        assert_eq!(record["slug"], slug);
        assert_eq!(record["title"], entry["title"]);
    }
    let almaty = assert_valid(
        "data/documents/almaty-act-2002.json",
        "data/document.schema.json",
    );
    let p27 = almaty["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "para-27")
        .unwrap();
    assert_eq!(p27["number"], "27");
    assert!(p27["text"]["fr"]
        .as_str()
        .unwrap()
        .contains("Catalogue CICA des mesures de confiance"));
    assert!(p27["text"]["en"].as_str().unwrap().contains("Catalogue"));
    assert_eq!(
        p27["url"]["en"],
        "https://cica-charter.netlify.app/en/documents/almaty-act-2002/#para-27"
    );
    // A record without its blocks is caught by the schema.
    let schema: serde_json::Value =
        serde_json::from_str(&built().read("public/data/document.schema.json")).unwrap();
    let mut bad = almaty.clone();
    bad.as_object_mut().unwrap().remove("blocks");
    assert!(!jsonschema::validator_for(&schema).unwrap().is_valid(&bad));
    // An invalid document is caught by the schema: the test above can fail.
    let schema: serde_json::Value =
        serde_json::from_str(&built().read("public/data/cbms.schema.json")).unwrap();
    let bad = serde_json::json!({"cbms": [{"slug": "x", "area": "sports"}]});
    assert!(!jsonschema::validator_for(&schema).unwrap().is_valid(&bad));
}

#[test]
fn parallel_view_aligns_both_languages_row_by_row() {
    for lang in ["fr", "en"] {
        let doc = built().html(&format!(
            "public/{lang}/documents/almaty-act-2002/parallel/index.html"
        ));
        let row = select(&doc, ".prow#para-27");
        assert_eq!(row.len(), 1, "{lang}");
        let cells = select(&doc, ".prow#para-27 .pcell");
        let langs: Vec<_> = cells
            .iter()
            .map(|c| c.value().attr("lang").unwrap().to_string())
            .collect();
        let other = if lang == "fr" { "en" } else { "fr" };
        assert_eq!(langs, [lang, other], "the page's language first");
        let fr = cells
            .iter()
            .find(|c| c.value().attr("lang") == Some("fr"))
            .unwrap()
            .text()
            .collect::<String>();
        assert!(
            fr.contains("Catalogue CICA des mesures de confiance"),
            "{fr}"
        );
        // One row per id of the text, in order.
        let rows: Vec<_> = select(&doc, ".prow")
            .iter()
            .map(|r| r.value().attr("id").unwrap().to_string())
            .collect();
        let page = built().html(&format!(
            "public/{lang}/documents/almaty-act-2002/index.html"
        ));
        let ids: Vec<String> = select(&page, ".text [id]")
            .iter()
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect();
        assert_eq!(rows, ids);
        // Linked from the document page.
        assert_eq!(
            select(
                &page,
                &format!(".doc-tools a[href='/{lang}/documents/almaty-act-2002/parallel/']")
            )
            .len(),
            1
        );
    }
}

#[test]
fn an_untranslated_text_s_outline_is_in_its_own_language_and_a_text_without_headings_has_none() {
    let site = Site::fixture("missing-translation");
    let front = "+++\ntitle = \"Texte\"\nshort_title = \"Texte\"\nsummary = \"Résumé.\"\nplace = \"Almaty\"\nkind = \"act\"\ndate = 2002-06-04\n+++\n\n";
    site.write(
        "content/documents/text.fr.md",
        &format!("{front}## Préambule {{#preamble}}\n\nConsidérant.\n\n## I. Partie\n\n1. Un.\n\n2. Deux.\n"),
    );
    site.write("content/documents/plain.fr.md", &format!("{front}1. Un.\n"));
    site.run(&["build"]).success();
    let page = |lang: &str, slug: &str, view: &str| {
        site.html(&format!("public/{lang}/documents/{slug}/{view}index.html"))
    };
    for view in ["", "parallel/"] {
        // Shown in French on the English site: the outline's words are English, its labels
        // French, each marked so.
        let doc = page("en", "text", view);
        let nav = select(&doc, "nav.outline");
        assert_eq!(nav.len(), 1, "{view}");
        assert_eq!(nav[0].value().attr("aria-label"), Some("Outline"));
        assert_eq!(nav[0].value().attr("lang"), Some("en"), "{view}");
        let labels: Vec<String> = select(&doc, "nav.outline a > span[lang='fr']")
            .iter()
            .map(|s| s.text().collect())
            .collect();
        assert_eq!(labels, ["Préambule", "I. Partie"], "{view}");
        let range: String = select(&doc, "nav.outline a[href='#i'] .range")[0]
            .text()
            .collect();
        assert_eq!(range, "— paras 1–2", "{view}");
        // In its own language, nothing to mark.
        let doc = page("fr", "text", view);
        assert!(select(&doc, "nav.outline [lang]").is_empty(), "{view}");
        // No headings, no outline.
        assert!(
            select(&page("fr", "plain", view), "nav.outline").is_empty(),
            "{view}"
        );
    }
}

#[test]
fn french_pages_use_french_typography() {
    let page = built().read("public/fr/documents/almaty-act-2002/index.html");
    // The name is a link to the cited text's page: the spaces are outside the link.
    let words = without_tags(&page);
    assert!(
        words.contains("«\u{a0}Catalogue CICA des mesures de confiance\u{a0}»"),
        "non-breaking spaces inside « »"
    );
    assert!(!page.contains("« Catalogue"));
    let en = built().read("public/en/documents/almaty-act-2002/index.html");
    assert!(!en.contains('\u{202f}'), "English pages are left alone");
}

#[test]
fn every_citable_block_carries_its_citation() {
    let page = built().html("public/en/documents/almaty-act-2002/index.html");
    let p27 = select(&page, "#para-27");
    assert_eq!(
        p27[0].value().attr("data-cite"),
        Some("Almaty Act (4 June 2002), para. 27")
    );
    let fr = built().html("public/fr/documents/anniversary-declaration-2017/index.html");
    let cite = select(&fr, "#ii-para-1")[0]
        .value()
        .attr("data-cite")
        .unwrap()
        .to_string();
    assert_eq!(
        cite,
        "Déclaration du vingt-cinquième anniversaire de la CICA (20 septembre 2017), II, par. 1"
    );
}

#[test]
fn search_index_is_built_per_language() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let pages = ["documents", "cbms", "states", "topics", "references"]
        .iter()
        .filter_map(|section| std::fs::read_dir(content.join(section)).ok())
        .flatten()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".fr.md")
        })
        .count();
    assert!(pages >= 57 + 17, "{pages}");
    for lang in ["fr", "en"] {
        let meta: serde_json::Value =
            serde_json::from_str(&built().read(&format!("public/search-index/{lang}/index.json")))
                .unwrap();
        // Every text, measure, state, topic and cited text page: one per French file.
        assert_eq!(meta["pages"], pages, "{lang}");
        assert_eq!(meta["lang"], lang);
        // Each shard and chunk the index names is there.
        for n in 0..meta["shards"].as_array().unwrap().len() {
            assert!(built()
                .path()
                .join(format!("public/search-index/{lang}/t{n}.json"))
                .is_file());
        }
        let chunks = meta["chunks"].as_array().unwrap();
        let mut urls = Vec::new();
        for n in 0..chunks.len() {
            let pages: serde_json::Value = serde_json::from_str(
                &built().read(&format!("public/search-index/{lang}/p{n}.json")),
            )
            .unwrap();
            urls.extend(
                pages
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["u"].as_str().unwrap().to_string()),
            );
        }
        assert_eq!(urls.len(), pages);
        assert!(urls.iter().all(|u| u.starts_with(&format!("/{lang}/"))));
        // A page's blocks are those of the page, with the ids readers land on.
        let page = built().html(&format!(
            "public/{lang}/documents/almaty-act-2002/index.html"
        ));
        assert_eq!(crate::support::select(&page, "#para-27").len(), 1);
    }
    // The French index stems French: "mesures" and "mesure" meet at one stem.
    let files: Vec<serde_json::Value> = (0..)
        .map_while(|n| {
            std::fs::read_to_string(
                built()
                    .path()
                    .join(format!("public/search-index/fr/t{n}.json")),
            )
            .ok()
        })
        .map(|t| serde_json::from_str(&t).unwrap())
        .collect();
    assert!(files.iter().any(|f| f["w"]["mesures"] == "mesur"));
    assert!(files.iter().any(|f| f["s"]["mesur"].is_array()));
    for page in ["public/fr/search/index.html", "public/en/search/index.html"] {
        assert!(built().path().join(page).is_file(), "{page}");
    }
}

/// The text of an HTML page without its tags.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

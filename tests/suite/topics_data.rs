//! Open data of the topics and the cited texts: `/data/topics.json` and `/data/references.json`,
//! each valid against its schema, and saying what the content says.

use crate::support::{select, Site};
use std::sync::OnceLock;

fn built() -> &'static Site {
    crate::support::real_built()
}

/// A second build of the real content, independent of [`built`]: the same content must give
/// the same bytes.
pub(crate) fn built_again() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::real();
        site.run(&["build"]).success();
        site
    })
}

/// The paragraphs a topic's French file lists, as (document slug, block id), in its order.
pub(crate) fn listed_paragraphs(topic: &str) -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("content/topics/{topic}.fr.md"));
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.split("+++").nth(1).expect("front matter");
    let value: toml::Value = toml::from_str(front).unwrap();
    value["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let link = p.as_str().unwrap();
            let rest = link.strip_prefix("@/documents/").unwrap();
            let (doc, id) = rest.split_once(".md#").unwrap();
            (doc.to_string(), id.to_string())
        })
        .collect()
}

/// The data file at `path` of `site`, checked against the schema at `schema`.
fn assert_valid(site: &Site, path: &str, schema: &str) -> serde_json::Value {
    let data: serde_json::Value =
        serde_json::from_str(&site.read(&format!("public/{path}"))).expect("valid JSON");
    let schema: serde_json::Value =
        serde_json::from_str(&site.read(&format!("public/{schema}"))).expect("valid schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{path}: {errors:?}");
    data
}

const BASE: &str = "https://cica-charter.netlify.app/";

#[test]
fn topics_json_lists_every_topic_with_its_paragraphs_in_the_files_order() {
    let data = assert_valid(built(), "data/topics.json", "data/topics.schema.json");
    let topics = data["topics"].as_array().unwrap();
    let on_disk =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/topics"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".fr.md")
            })
            .count();
    assert_eq!(topics.len(), on_disk, "one entry per topic");
    let slugs: Vec<&str> = topics.iter().map(|t| t["slug"].as_str().unwrap()).collect();
    assert!(slugs.windows(2).all(|w| w[0] < w[1]), "sorted: {slugs:?}");

    let terrorism = topics.iter().find(|t| t["slug"] == "terrorism").unwrap();
    assert_eq!(terrorism["name"]["fr"], "Terrorisme");
    assert_eq!(terrorism["name"]["en"], "Terrorism");
    assert!(terrorism["description"]["fr"]
        .as_str()
        .unwrap()
        .starts_with("La condamnation du terrorisme"));
    assert_eq!(
        terrorism["url"]["en"],
        format!("{BASE}en/topics/terrorism/")
    );
    let listed: Vec<(String, String)> = terrorism["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["document"].as_str().unwrap().to_string(),
                p["block"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(listed, listed_paragraphs("terrorism"));
    // Each paragraph's address leads to a block of that id on the text's page.
    for p in terrorism["paragraphs"].as_array().unwrap() {
        let (doc, block) = (
            p["document"].as_str().unwrap(),
            p["block"].as_str().unwrap(),
        );
        for lang in ["fr", "en"] {
            assert_eq!(
                p["url"][lang],
                format!("{BASE}{lang}/documents/{doc}/#{block}")
            );
            let page = built().html(&format!("public/{lang}/documents/{doc}/index.html"));
            assert_eq!(
                select(&page, &format!("#{block}")).len(),
                1,
                "{lang} {doc}#{block}"
            );
        }
    }
    // Every topic, not only this one: as many paragraphs as its file lists.
    for t in topics {
        let slug = t["slug"].as_str().unwrap();
        assert_eq!(
            t["paragraphs"].as_array().unwrap().len(),
            listed_paragraphs(slug).len(),
            "{slug}"
        );
    }
    assert_eq!(
        built().read("public/data/topics.json"),
        built_again().read("public/data/topics.json"),
        "the same content gives the same bytes"
    );
}

#[test]
fn references_json_validates_with_or_without_cited_texts() {
    // The published content (whatever it holds yet).
    let data = assert_valid(
        built(),
        "data/references.json",
        "data/references.schema.json",
    );
    assert!(data["references"].is_array());

    // The cited texts of content/references/, from the second build.
    let site = built_again();
    let data = assert_valid(site, "data/references.json", "data/references.schema.json");
    let references = data["references"].as_array().unwrap();
    assert!(references.len() > 10, "{}", references.len());
    let slugs: Vec<&str> = references
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert!(slugs.windows(2).all(|w| w[0] < w[1]), "sorted: {slugs:?}");

    let declaration = references
        .iter()
        .find(|r| r["slug"] == "cica-declaration-on-eliminating-terrorism")
        .unwrap();
    assert_eq!(declaration["year"], 2002);
    assert!(declaration.get("date").is_none());
    assert_eq!(
        declaration["source"],
        serde_json::json!({"document": "observer-status-request-2007", "block": "annex-1-para-3"})
    );
    let dated = references
        .iter()
        .find(|r| r["slug"] == "statute-of-the-cica-secretariat")
        .unwrap();
    assert_eq!(dated["date"], "2006-06-17");
    assert!(dated.get("year").is_none());

    // The citing paragraphs are those the cited text's page quotes, in its order.
    for r in references {
        let slug = r["slug"].as_str().unwrap();
        for lang in ["fr", "en"] {
            assert_eq!(r["url"][lang], format!("{BASE}{lang}/references/{slug}/"));
            let page = site.html(&format!("public/{lang}/references/{slug}/index.html"));
            let quoted: Vec<String> = select(&page, "figure.quote figcaption a")
                .iter()
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            let cited: Vec<String> = r["cited_in"][lang]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    format!(
                        "/{lang}/documents/{}/#{}",
                        p["document"].as_str().unwrap(),
                        p["block"].as_str().unwrap()
                    )
                })
                .collect();
            assert_eq!(cited, quoted, "{lang} {slug}");
        }
    }
    assert!(
        references
            .iter()
            .any(|r| !r["cited_in"]["fr"].as_array().unwrap().is_empty()),
        "some cited text is named somewhere"
    );
    // A file that breaks the schema is caught: the checks above can fail.
    let schema: serde_json::Value =
        serde_json::from_str(&site.read("public/data/references.schema.json")).unwrap();
    let mut bad = declaration.clone();
    bad["date"] = "2002".into();
    let bad = serde_json::json!({ "references": [bad] });
    assert!(!jsonschema::validator_for(&schema).unwrap().is_valid(&bad));
}

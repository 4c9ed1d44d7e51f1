//! The search index on the real content: each topic's block filter covers the paragraphs its
//! file lists (with the blocks nested in them, which its page quotes with them), and topic and
//! cited-text pages are searched by their headings; and the synonyms the index carries.

use crate::support::{select, Site};
use crate::topics_data::{built_again, listed_paragraphs};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn built() -> &'static Site {
    crate::support::real_built()
}

/// One language's index as the script reads it: `index.json`, every page of the chunks in
/// page order (URL, title, blocks as [id, label, text]), and the terms of every shard.
struct Index {
    meta: Value,
    pages: Vec<Value>,
    stems: BTreeMap<String, Value>,
    words: BTreeMap<String, String>,
}

fn index(site: &Site, lang: &str) -> Index {
    let dir = format!("public/search-index/{lang}");
    let meta: Value = serde_json::from_str(&site.read(&format!("{dir}/index.json"))).unwrap();
    let mut pages = Vec::new();
    for n in 0..meta["chunks"].as_array().unwrap().len() {
        let chunk: Value = serde_json::from_str(&site.read(&format!("{dir}/p{n}.json"))).unwrap();
        pages.extend(chunk.as_array().unwrap().iter().cloned());
    }
    let (mut stems, mut words) = (BTreeMap::new(), BTreeMap::new());
    for n in 0..meta["shards"].as_array().unwrap().len() {
        let shard: Value = serde_json::from_str(&site.read(&format!("{dir}/t{n}.json"))).unwrap();
        for (k, v) in shard["s"].as_object().unwrap() {
            stems.insert(k.clone(), v.clone());
        }
        for (k, v) in shard["w"].as_object().unwrap() {
            words.insert(k.clone(), v.as_str().unwrap().to_string());
        }
    }
    Index {
        meta,
        pages,
        stems,
        words,
    }
}

impl Index {
    /// A block filter's blocks as (page URL, block id), read as docs/search.md describes them:
    /// for each page, its distance from the previous page and its number of blocks, then each
    /// block's distance from the previous one (the first from 0).
    fn topic(&self, name: &str) -> BTreeSet<(String, String)> {
        let list: Vec<usize> = self.meta["block_filters"]["topic"][name]
            .as_array()
            .unwrap_or_else(|| panic!("no topic {name:?}"))
            .iter()
            .map(|n| n.as_u64().unwrap() as usize)
            .collect();
        let mut out = BTreeSet::new();
        let (mut i, mut page) = (0, 0);
        while i < list.len() {
            page += list[i];
            let n = list[i + 1];
            i += 2;
            let mut block = 0;
            for _ in 0..n {
                block += list[i];
                i += 1;
                let p = &self.pages[page];
                let id = p["b"][block][0].as_str().unwrap();
                assert!(!id.is_empty(), "a topic covers no page heading");
                out.insert((p["u"].as_str().unwrap().to_string(), id.to_string()));
            }
        }
        out
    }

    /// The pages that hold a word of the texts, with the blocks that hold it.
    fn pages_with(&self, word: &str) -> BTreeMap<usize, Vec<usize>> {
        let word = charter::search::text::fold(word);
        let stem = self.words.get(&word).cloned().unwrap_or(word);
        let list: Vec<usize> = self.stems[&stem]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as usize)
            .collect();
        let mut out = BTreeMap::new();
        let (mut i, mut page) = (0, 0);
        while i < list.len() {
            page += list[i];
            let n = list[i + 1];
            i += 2;
            let mut block = 0;
            let blocks: &mut Vec<usize> = out.entry(page).or_default();
            for _ in 0..n {
                block += list[i];
                blocks.push(block);
                i += 2;
            }
        }
        out
    }

    fn page(&self, url: &str) -> usize {
        self.pages
            .iter()
            .position(|p| p["u"] == url)
            .unwrap_or_else(|| panic!("{url} is not indexed"))
    }

    /// The pages a page filter gives a value.
    fn filtered(&self, name: &str, value: &str) -> Vec<String> {
        self.meta["filters"][name][value]
            .as_array()
            .unwrap_or_else(|| panic!("no {name} {value:?}"))
            .iter()
            .map(|p| {
                self.pages[p.as_u64().unwrap() as usize]["u"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }
}

/// What a topic's page quotes, as (page URL, block id): each paragraph its file lists, and each
/// block nested in it on the text's page (a paragraph's further paragraphs, its lists).
fn quoted_blocks(site: &Site, lang: &str, topic: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (doc, id) in listed_paragraphs(topic) {
        let url = format!("/{lang}/documents/{doc}/");
        let page = site.html(&format!("public{url}index.html"));
        let block = select(&page, &format!("[id='{id}']"));
        assert_eq!(block.len(), 1, "{url}#{id}");
        out.insert((url.clone(), id));
        // The ids of blocks (those that cite themselves), not of note calls and the like.
        for nested in block[0].select(&scraper::Selector::parse("[id][data-cite]").unwrap()) {
            out.insert((url.clone(), nested.value().id().unwrap().to_string()));
        }
    }
    out
}

#[test]
fn the_topic_filter_covers_the_paragraphs_of_the_topic() {
    let fr = index(built(), "fr");
    let covered = fr.topic("Terrorisme");
    let listed: BTreeSet<(String, String)> = listed_paragraphs("terrorism")
        .into_iter()
        .map(|(doc, id)| (format!("/fr/documents/{doc}/"), id))
        .collect();
    assert_eq!(listed.len(), 13);
    assert!(covered.is_superset(&listed), "{listed:?} ⊄ {covered:?}");
    // Beyond them, exactly the blocks nested in them: par. 4 of the 2006 declaration goes on
    // over three further paragraphs, which its topic's page quotes with it.
    assert_eq!(covered, quoted_blocks(built(), "fr", "terrorism"));
    let nested: Vec<&(String, String)> = covered.difference(&listed).collect();
    assert_eq!(
        nested
            .iter()
            .map(|(u, id)| format!("{u}#{id}"))
            .collect::<Vec<_>>(),
        [
            "/fr/documents/summit-declaration-2006/#para-4-2",
            "/fr/documents/summit-declaration-2006/#para-4-3",
            "/fr/documents/summit-declaration-2006/#para-4-4",
        ]
    );

    // Every topic, in both languages, under its name in the index's language.
    let en = index(built(), "en");
    let data: Value = serde_json::from_str(&built().read("public/data/topics.json")).unwrap();
    let topics = data["topics"].as_array().unwrap();
    for (lang, index) in [("fr", &fr), ("en", &en)] {
        assert_eq!(
            index.meta["block_filters"]["topic"]
                .as_object()
                .unwrap()
                .len(),
            topics.len(),
            "{lang}"
        );
        for t in topics {
            let (slug, name) = (
                t["slug"].as_str().unwrap(),
                t["name"][lang].as_str().unwrap(),
            );
            assert_eq!(
                index.topic(name),
                quoted_blocks(built(), lang, slug),
                "{lang}: {slug}"
            );
        }
    }
}

#[test]
fn topic_pages_are_searched_by_their_name_and_description() {
    for (lang, word, name, kind) in [
        ("fr", "terrorisme", "Terrorisme", "Thème"),
        ("en", "terrorism", "Terrorism", "Topic"),
    ] {
        let index = index(built(), lang);
        let url = format!("/{lang}/topics/terrorism/");
        let page = &index.pages[index.page(&url)];
        assert_eq!(page["t"], name);
        // Its only block is its heading: the name, then the description.
        let blocks = page["b"].as_array().unwrap();
        assert_eq!(blocks.len(), 1, "{lang}: {blocks:?}");
        assert_eq!(blocks[0][0], "");
        let heading = blocks[0][2].as_str().unwrap();
        assert!(heading.starts_with(&format!("{name} ")), "{heading}");
        assert!(heading.contains("conventions"), "{heading}");
        // Searching the word finds it, with the texts.
        let found = index.pages_with(word);
        assert_eq!(found.get(&index.page(&url)), Some(&vec![0]), "{lang}");
        assert!(found.contains_key(&index.page(&format!("/{lang}/documents/almaty-act-2002/"))));
        // The kind filter has every topic page, and only those.
        let topics = index.filtered("kind", kind);
        assert_eq!(topics.len(), listed_topics().len(), "{lang}");
        assert!(topics
            .iter()
            .all(|u| u.starts_with(&format!("/{lang}/topics/"))));
        // Texts come oldest first: the order a topic's paragraphs are listed in.
        let texts = index.filtered("kind", if lang == "fr" { "Texte" } else { "Text" });
        assert_eq!(
            texts,
            [
                "almaty-act-2002",
                "summit-declaration-2006",
                "observer-status-request-2007",
                "anniversary-declaration-2017",
            ]
            .map(|s| format!("/{lang}/documents/{s}/"))
        );
    }
}

fn listed_topics() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/topics");
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".fr.md").map(str::to_string)
        })
        .collect()
}

#[test]
fn cited_text_pages_are_searched_by_their_title_and_aliases() {
    let site = built_again();
    for (lang, kind, word) in [
        ("fr", "Texte cité", "Charte"),
        ("en", "Cited text", "Charter"),
    ] {
        let index = index(site, lang);
        let cited = index.filtered("kind", kind);
        assert!(cited.len() > 10, "{lang}: {cited:?}");
        assert!(cited
            .iter()
            .all(|u| u.starts_with(&format!("/{lang}/references/"))));
        let url = format!("/{lang}/references/charter-of-the-united-nations/");
        let n = index.page(&url);
        let blocks = index.pages[n]["b"].as_array().unwrap();
        assert_eq!(blocks.len(), 1, "{lang}: {blocks:?}");
        assert_eq!(index.pages_with(word).get(&n), Some(&vec![0]), "{lang}");
        // Every cited text's heading is its title and the names the texts give it.
        let data: Value = serde_json::from_str(&site.read("public/data/references.json")).unwrap();
        for r in data["references"].as_array().unwrap() {
            let page = &index.pages[index.page(
                r["url"][lang]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("https://cica-charter.netlify.app"),
            )];
            let aliases: Vec<&str> = r["aliases"][lang]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            assert_eq!(page["t"], r["title"][lang]);
            assert_eq!(
                page["b"][0][2],
                format!(
                    "{} {}",
                    r["title"][lang].as_str().unwrap(),
                    aliases.join(" ")
                )
            );
        }
    }
    // Without cited texts (as the real content may be), no such kind.
    let plain = index(built(), "fr");
    let has_references = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/references")
        .is_dir();
    if !has_references {
        assert!(plain.meta["filters"]["kind"].get("Texte cité").is_none());
    }
}

/// A state's names in one language (name, official name, aliases) as the synonyms map writes
/// them: every word folded, one space between them; each once, sorted.
fn state_names(state: &Value, lang: &str) -> Vec<String> {
    let mut names: Vec<String> = [&state["name"][lang], &state["official_name"][lang]]
        .into_iter()
        .chain(state["aliases"][lang].as_array().unwrap())
        .filter_map(|n| n.as_str())
        .map(charter::search::text::phrase)
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_index_says_which_names_stand_for_one_another() {
    let site = built();
    let states: Value = serde_json::from_str(&site.read("public/data/states.json")).unwrap();
    let states = states["states"]
        .as_array()
        .expect("states.json lists the states");
    for lang in ["fr", "en"] {
        let index = index(site, lang);
        assert_eq!(index.meta["version"], charter::search::VERSION);
        let synonyms: BTreeMap<String, Vec<String>> =
            serde_json::from_value(index.meta["synonyms"].clone()).unwrap();
        // CICA and CIMCA, both ways, in every language; each state's names, each leading to
        // all the others; nothing else.
        let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::from([
            ("cica".to_string(), vec!["cimca".to_string()]),
            ("cimca".to_string(), vec!["cica".to_string()]),
        ]);
        for state in states {
            let names = state_names(state, lang);
            for name in names.iter().filter(|_| names.len() > 1) {
                let others = names.iter().filter(|o| *o != name).cloned().collect();
                assert!(expected.insert(name.clone(), others).is_none(), "{name}");
            }
        }
        assert!(expected.len() >= 12, "{lang}: {expected:?}");
        assert_eq!(synonyms, expected, "{lang}");
    }
    // The French index has what the synonyms stand for: CIMCA (the 2007 text) and the UN's
    // name in full.
    let fr = index(site, "fr");
    assert!(!fr.pages_with("CIMCA").is_empty());
    assert_eq!(
        fr.meta["synonyms"]["onu"],
        serde_json::json!(["organisation des nations unies"])
    );
    assert!(fr.meta["synonyms"]["russie"] == serde_json::json!(["federation de russie"]));
}

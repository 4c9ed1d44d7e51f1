//! The search index: built with the site from the parsed texts (not from rendered HTML), one
//! per language, read by the search page's script (`charter.js`) a few small files at a time.
//!
//! The unit of search is the citable block, so a result leads to the paragraph that holds the
//! words. Files under `search-index/{lang}/`:
//!
//! - `index.json`: counts, stop words, the first key of each term shard, the first page of each
//!   page chunk, the filters (kind, dimension) as lists of pages, and the block filters (topic)
//!   as lists of blocks grouped by page (see `layout::encode_blocks`), and the synonyms: each
//!   name, folded, with the names that stand for the same thing (see [`synonyms`]).
//! - `t{n}.json`: a shard of the sorted term space. `s` maps a stem to its postings, the
//!   blocks that hold it, grouped by page in page order, as differences (see `layout::encode`);
//!   `w` maps a word of the texts to its stem where they differ. Stems come from Snowball
//!   (French, English); words and stems are folded (lower case, no accents) as `text::fold`
//!   does and the browser does.
//! - `p{n}.json`: a chunk of pages, each with its URL, title and blocks (id, label, text), for
//!   the results' titles and excerpts.
//!
//! Everything is in sorted order, so the same site gives the same bytes.
//!
//! Here: the records handed in and the index file. `terms` finds the stems of the texts and
//! the blocks that hold them; `layout` cuts terms and pages into files and writes them;
//! [`text`] folds, splits and stems words as the script does.

mod layout;
mod terms;
pub mod text;

pub use layout::Error;
use layout::{chunk_pages, encode_blocks, shard_terms, Out};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use terms::{analyse, sort_triples, Terms};

/// Format of the files, for the script to check (`VERSION` in `charter.js`).
pub const VERSION: u32 = 4;
/// Pages analysed together: enough to analyse each distinct word once for many pages, few
/// enough that the batches spread over every core.
const BATCH: usize = 64;

/// One searchable page. Its texts are borrowed from the parsed site where they can be, so
/// that the index does not hold a second copy of every text while it is built.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Site-relative URL, as links on the site write it.
    pub url: String,
    pub title: String,
    /// Facets a reader can narrow the results by: (name, value).
    pub filters: Vec<(String, String)>,
    /// Facets of single blocks (a topic covers some paragraphs of a text), which narrow the
    /// results to those blocks: (name, value, the block's index in `passages`).
    pub block_filters: Vec<(String, String, usize)>,
    /// The page's blocks; the first is conventionally its title (id "": the top of the page).
    pub passages: Vec<Passage<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Passage<'a> {
    pub id: &'a str,
    /// How the text cites it (`par. 27`), shown with the result.
    pub label: String,
    pub text: Cow<'a, str>,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    lang: &'a str,
    pages: usize,
    blocks: usize,
    stop: &'static [&'static str],
    shards: Vec<String>,
    chunks: Vec<usize>,
    filters: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    block_filters: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
    synonyms: BTreeMap<String, Vec<String>>,
}

/// The index files of one language, each handed to `emit` as soon as it is made. On an error,
/// the files already handed on are an incomplete index, for the caller to discard.
/// `synonyms` are groups of names that stand for one another (see [`synonyms`]).
pub fn build(
    lang: &str,
    records: &[Record],
    synonyms: &[Vec<String>],
    emit: &mut dyn FnMut(String, Vec<u8>),
) -> Result<(), Error> {
    let mut out = Out {
        dir: format!("search-index/{lang}"),
        emit,
    };
    // The page chunks first: they hold the texts, and are written while the terms are counted.
    let chunks = chunk_pages(records, &mut out)?;
    // Pages are analysed in parallel batches, merged in page order so postings stay sorted.
    let parts: Vec<Terms> = records
        .par_chunks(BATCH)
        .enumerate()
        .map(|(n, batch)| analyse(lang, n * BATCH, batch))
        .collect();
    let (postings, words) = merge(parts);
    let shards = shard_terms(&postings, &words, &mut out)?;
    drop(postings);
    let meta = Meta {
        version: VERSION,
        lang,
        pages: records.len(),
        blocks: records.iter().map(|r| r.passages.len()).sum(),
        stop: text::stop_words(lang),
        shards,
        chunks,
        filters: filters(records),
        block_filters: block_filters(records),
        synonyms: self::synonyms(synonyms),
    };
    out.put("index.json", &meta)
}

/// The synonyms map of `index.json`: each name of a group, as a phrase (its words folded, every
/// word kept, one space between them: `Iran (République islamique d')` → `iran republique
/// islamique d`), to the other names of its group, sorted. A name in two groups stands for the
/// names of both. The script looks a query word up by itself and a quoted phrase as a whole:
/// a block matches it when it holds the word (or the phrase), or one of the names it stands for
/// as a phrase.
pub fn synonyms(groups: &[Vec<String>]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for group in groups {
        let mut names: Vec<String> = group.iter().map(|n| text::phrase(n)).collect();
        names.retain(|n| !n.is_empty());
        names.sort_unstable();
        names.dedup();
        for name in &names {
            let others = names.iter().filter(|o| *o != name).cloned();
            map.entry(name.clone()).or_default().extend(others);
        }
    }
    map.retain(|_, others| {
        others.sort_unstable();
        others.dedup();
        !others.is_empty()
    });
    map
}

/// The terms of every batch as one sorted map of stem → postings, and one of word → stem.
fn merge(parts: Vec<Terms>) -> (BTreeMap<String, Vec<u32>>, BTreeMap<String, String>) {
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut words: BTreeMap<String, String> = BTreeMap::new();
    for part in parts {
        for (stem, list) in part.postings {
            match postings.get_mut(&stem) {
                Some(all) => all.extend(list),
                None => {
                    postings.insert(stem, list);
                }
            }
        }
        for (word, stem) in part.words {
            words.entry(word).or_insert(stem);
        }
    }
    for list in postings.values_mut() {
        sort_triples(list);
    }
    (postings, words)
}

/// For each filter, for each of its values, the pages that have it.
fn filters(records: &[Record]) -> BTreeMap<String, BTreeMap<String, Vec<usize>>> {
    let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        for (name, value) in &r.filters {
            filters
                .entry(name.clone())
                .or_default()
                .entry(value.clone())
                .or_default()
                .push(i);
        }
    }
    filters
}

/// For each block filter, for each of its values, the blocks that have it, grouped by page as
/// [`encode_blocks`] writes them.
fn block_filters(records: &[Record]) -> BTreeMap<String, BTreeMap<String, Vec<u32>>> {
    // Name → value → (page, block) pairs.
    type Pairs<'r> = BTreeMap<&'r str, BTreeMap<&'r str, Vec<(u32, u32)>>>;
    let mut pairs: Pairs = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        for (name, value, block) in &r.block_filters {
            debug_assert!(*block < r.passages.len(), "{}: no block {block}", r.url);
            if *block < r.passages.len() {
                pairs
                    .entry(name)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push((i as u32, *block as u32));
            }
        }
    }
    pairs
        .into_iter()
        .map(|(name, values)| {
            let values = values
                .into_iter()
                .map(|(value, mut blocks)| {
                    blocks.sort_unstable();
                    blocks.dedup();
                    (value.to_string(), encode_blocks(&blocks))
                })
                .collect();
            (name.to_string(), values)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_reads_this_version_of_the_index() {
        let script = include_str!("../../themes/default/static/charter.js");
        assert!(
            script.contains(&format!("var VERSION = {VERSION};")),
            "charter.js expects another version of the index than {VERSION}"
        );
    }

    fn record<'a>(url: &str, title: &'a str, blocks: &[(&'a str, &'a str)]) -> Record<'a> {
        let mut passages = vec![Passage {
            id: "",
            label: String::new(),
            text: title.into(),
        }];
        passages.extend(blocks.iter().map(|(id, text)| Passage {
            id,
            label: format!("par. {id}"),
            text: (*text).into(),
        }));
        Record {
            url: url.to_string(),
            title: title.to_string(),
            filters: vec![("kind".into(), "Texte".into())],
            block_filters: Vec::new(),
            passages,
        }
    }

    fn files(lang: &str, records: &[Record]) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        build(lang, records, &[], &mut |path, bytes| {
            drop(files.insert(path, bytes))
        })
        .unwrap();
        files
    }

    fn file(files: &BTreeMap<String, Vec<u8>>, name: &str) -> serde_json::Value {
        serde_json::from_slice(&files[name]).unwrap()
    }

    #[test]
    fn postings_lead_from_a_stem_to_its_blocks() {
        let records = [
            record(
                "/fr/a/",
                "Acte",
                &[
                    ("para-1", "La sécurité énergétique."),
                    ("para-2", "Les mesures de confiance."),
                ],
            ),
            record(
                "/fr/b/",
                "Déclaration",
                &[("para-1", "Mesure, mesure et mesures.")],
            ),
        ];
        let files = files("fr", &records);
        let meta = file(&files, "search-index/fr/index.json");
        assert_eq!(meta["pages"], 2);
        assert_eq!(meta["blocks"], 5);
        assert_eq!(meta["filters"]["kind"]["Texte"], serde_json::json!([0, 1]));
        assert_eq!(
            meta["shards"],
            serde_json::json!(["acte"]),
            "one shard for a small site"
        );
        let shard = file(&files, "search-index/fr/t0.json");
        // "mesures" → "mesur": page 0 block 2 once, page 1 block 1 three times.
        assert_eq!(shard["w"]["mesures"], "mesur");
        assert_eq!(
            shard["s"]["mesur"],
            serde_json::json!([0, 1, 2, 1, 1, 1, 1, 3])
        );
        assert_eq!(shard["s"]["secur"], serde_json::json!([0, 1, 1, 1]));
        assert!(shard["s"].get("de").is_none() && shard["s"].get("la").is_none());
        let pages = file(&files, "search-index/fr/p0.json");
        assert_eq!(pages[1]["u"], "/fr/b/");
        assert_eq!(
            pages[0]["b"][1],
            serde_json::json!(["para-1", "par. para-1", "La sécurité énergétique."])
        );
    }

    #[test]
    fn block_filters_list_their_blocks_by_page() {
        let mut records = vec![
            record("/fr/a/", "Acte", &[("para-1", "Un."), ("para-2", "Deux.")]),
            record("/fr/b/", "Mesure", &[("para-1", "Trois.")]),
            record(
                "/fr/c/",
                "Déclaration",
                &[
                    ("para-1", "Quatre."),
                    ("para-2", "Cinq."),
                    ("para-3", "Six."),
                ],
            ),
        ];
        let topic = |value: &str, block| ("topic".to_string(), value.to_string(), block);
        // Given in any order, once or twice: written sorted, each block once.
        records[2].block_filters = vec![topic("Terrorisme", 3), topic("Terrorisme", 1)];
        records[0].block_filters = vec![
            topic("Terrorisme", 2),
            topic("Énergie", 1),
            topic("Terrorisme", 2),
        ];
        let files = files("fr", &records);
        let meta = file(&files, "search-index/fr/index.json");
        assert_eq!(
            meta["block_filters"],
            serde_json::json!({"topic": {
                // Page 0 block 2; page 2 (0 + 2) blocks 1 and 3 (1 + 2).
                "Terrorisme": [0, 1, 2, 2, 2, 1, 2],
                "Énergie": [0, 1, 1],
            }})
        );
        // Page filters are as they were.
        assert_eq!(
            meta["filters"]["kind"]["Texte"],
            serde_json::json!([0, 1, 2])
        );
        assert!(meta["filters"].get("topic").is_none());
        // No block filter: an empty map, which the script reads as no topic.
        let plain = self::files("fr", &records[1..2]);
        assert_eq!(
            file(&plain, "search-index/fr/index.json")["block_filters"],
            serde_json::json!({})
        );
    }

    #[test]
    fn synonyms_lead_from_each_name_to_the_others_of_its_group() {
        let group = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let map = synonyms(&[
            group(&["CICA", "CIMCA"]),
            group(&["Fédération de Russie", "Fédération de Russie", "Russie"]),
            group(&["Iran (République islamique d')", "Iran"]),
            // One name only: nothing to stand for.
            group(&["République de Corée", "République de Corée"]),
            group(&["", "  "]),
        ]);
        let json = serde_json::to_value(&map).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "cica": ["cimca"],
                "cimca": ["cica"],
                "federation de russie": ["russie"],
                "russie": ["federation de russie"],
                "iran": ["iran republique islamique d"],
                "iran republique islamique d": ["iran"],
            })
        );
        // In index.json, as the script reads it.
        let records = [record("/fr/a/", "Acte", &[("para-1", "La CIMCA.")])];
        let mut files = BTreeMap::new();
        build("fr", &records, &[group(&["CICA", "CIMCA"])], &mut |p, b| {
            drop(files.insert(p, b))
        })
        .unwrap();
        let meta = file(&files, "search-index/fr/index.json");
        assert_eq!(meta["version"], VERSION);
        assert_eq!(meta["synonyms"]["cica"], serde_json::json!(["cimca"]));
    }

    #[test]
    fn a_large_site_is_cut_into_shards_and_chunks_in_order() {
        let text: String = (0..400).map(|i| format!("mot{i} ")).collect();
        let records: Vec<Record> = (0..300)
            .map(|i| record(&format!("/en/{i}/"), "Title", &[("para-1", &text)]))
            .collect();
        let files = files("en", &records);
        let meta = file(&files, "search-index/en/index.json");
        let shards = meta["shards"].as_array().unwrap();
        let chunks = meta["chunks"].as_array().unwrap();
        assert!(shards.len() > 2 && chunks.len() > 2, "{meta}");
        let firsts: Vec<&str> = shards.iter().map(|s| s.as_str().unwrap()).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        // Every key sits in the shard the script would look it up in.
        for (n, first) in firsts.iter().enumerate() {
            let shard = file(&files, &format!("search-index/en/t{n}.json"));
            for key in shard["s"].as_object().unwrap().keys() {
                assert!(key.as_str() >= *first);
                if let Some(next) = firsts.get(n + 1) {
                    assert!(key.as_str() < *next);
                }
            }
        }
        assert_eq!(self::files("en", &records), files, "deterministic");
    }
}

//! The search index: built with the site from the parsed texts (not from rendered HTML), one
//! per language, read by the search page's script (`charter.js`) a few small files at a time.
//!
//! The unit of search is the citable block, so a result leads to the paragraph that holds the
//! words. Files under `search-index/{lang}/`:
//!
//! - `index.json`: counts, stop words, the first key of each term shard, the first page of each
//!   page chunk, and the filters (kind, dimension) as lists of pages.
//! - `t{n}.json`: a shard of the sorted term space. `s` maps a stem to its postings, the
//!   blocks that hold it, grouped by page in page order, as differences (see [`encode`]); `w`
//!   maps a word of the texts to its stem where they differ. Stems come from Snowball (French, English); words and stems are
//!   folded (lower case, no accents) as `text::fold` does and the browser does.
//! - `p{n}.json`: a chunk of pages, each with its URL, title and blocks (id, label, text), for
//!   the results' titles and excerpts.
//!
//! Everything is in sorted order, so the same site gives the same bytes.

pub mod text;

use foldhash::fast::FixedState;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use text::Analyzer;

/// Hash maps keyed by words: a fixed seed (nothing depends on their order, but the same run
/// twice does the same work) and a hash fast on short strings.
type WordMap<K, V> = HashMap<K, V, FixedState>;

/// Format of the files, for the script to check (`VERSION` in `charter.js`).
pub const VERSION: u32 = 2;
/// Target size of a term shard and of a page chunk, in bytes: one or two requests per query
/// word, and a few for the excerpts, whatever the size of the site.
const SHARD_BYTES: usize = 48 * 1024;
const CHUNK_BYTES: usize = 48 * 1024;
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
}

/// A page of a chunk: URL, title, and blocks as (id, label, text).
#[derive(Serialize)]
struct PageOut<'a> {
    u: &'a str,
    t: &'a str,
    b: Vec<(&'a str, &'a str, &'a str)>,
}

/// A file of the index that serde_json could not write. The build stops with it: an index
/// with a file missing or empty would fail in the browser, where nobody sees why.
#[derive(Debug, thiserror::Error)]
#[error("could not write the search index file {path}: {source}")]
pub struct Error {
    pub path: String,
    #[source]
    pub source: serde_json::Error,
}

/// Where the files of one language go: each written as JSON and handed on as it is made.
struct Out<'e> {
    dir: String,
    emit: &'e mut dyn FnMut(String, Vec<u8>),
}

impl Out<'_> {
    fn put(&mut self, name: &str, value: &impl Serialize) -> Result<(), Error> {
        let path = format!("{}/{name}", self.dir);
        match serde_json::to_vec(value) {
            Ok(bytes) => {
                (self.emit)(path, bytes);
                Ok(())
            }
            Err(source) => Err(Error { path, source }),
        }
    }
}

/// Postings and word → stem pairs of some pages.
#[derive(Default)]
struct Terms {
    postings: Vec<(String, Vec<u32>)>,
    words: Vec<(String, String)>,
}

/// The index files of one language, each handed to `emit` as soon as it is made. On an error,
/// the files already handed on are an incomplete index, for the caller to discard.
pub fn build(
    lang: &str,
    records: &[Record],
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
    let shards = shard_terms(&postings, &words, &mut out)?;
    drop(postings);
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
    let meta = Meta {
        version: VERSION,
        lang,
        pages: records.len(),
        blocks: records.iter().map(|r| r.passages.len()).sum(),
        stop: text::stop_words(lang),
        shards,
        chunks,
        filters,
    };
    out.put("index.json", &meta)
}

/// The postings of a batch of pages. Each distinct token is analysed (folded, stemmed) once
/// per batch and each stem numbered, so counting a token costs a lookup and no allocation.
fn analyse(lang: &str, first: usize, batch: &[Record]) -> Terms {
    let analyzer = Analyzer::new(lang);
    // Token as written → its stem's number, or None for a word the index leaves out.
    let mut seen: WordMap<&str, Option<u32>> = WordMap::default();
    let mut stem_ids: WordMap<String, u32> = WordMap::default();
    let mut stems: Vec<(String, Vec<u32>)> = Vec::new();
    let mut words: WordMap<String, String> = WordMap::default();
    // Occurrences of each stem in the passage at hand, and the stems it has: counting is an
    // increment. Each stem has its own list, so the order they are met in does not matter.
    let mut counts: Vec<u32> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    for (i, record) in batch.iter().enumerate() {
        let page = (first + i) as u32;
        for (b, passage) in record.passages.iter().enumerate() {
            ids.clear();
            for token in text::tokens(&passage.text) {
                let id = match seen.get(token) {
                    Some(id) => *id,
                    None => {
                        let mut id = None;
                        analyzer.words(token, |word, stem| {
                            let n = match stem_ids.get(stem) {
                                Some(n) => *n,
                                None => {
                                    let n = stems.len() as u32;
                                    stem_ids.insert(stem.to_string(), n);
                                    stems.push((stem.to_string(), Vec::new()));
                                    n
                                }
                            };
                            if word != stem {
                                words
                                    .entry(word.to_string())
                                    .or_insert_with(|| stem.to_string());
                            }
                            id = Some(n);
                        });
                        seen.insert(token, id);
                        id
                    }
                };
                if let Some(id) = id {
                    let n = id as usize;
                    if n >= counts.len() {
                        counts.resize(n + 1, 0);
                    }
                    if counts[n] == 0 {
                        ids.push(id);
                    }
                    counts[n] += 1;
                }
            }
            for &id in &ids {
                let n = id as usize;
                stems[n].1.extend([page, b as u32, counts[n]]);
                counts[n] = 0;
            }
        }
    }
    Terms {
        postings: stems.into_iter().filter(|(_, l)| !l.is_empty()).collect(),
        words: words.into_iter().collect(),
    }
}

/// Sorts a flat list of (page, block, count) triples by page and block.
fn sort_triples(list: &mut Vec<u32>) {
    let mut triples: Vec<[u32; 3]> = list.chunks_exact(3).map(|t| [t[0], t[1], t[2]]).collect();
    if triples.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    triples.sort_unstable();
    *list = triples.into_iter().flatten().collect();
}

#[derive(Serialize, Default)]
struct Shard<'a> {
    /// Stem → postings, as [`encode`] writes them.
    s: BTreeMap<&'a str, Vec<u32>>,
    /// Word of the texts → its stem, where they differ.
    w: BTreeMap<&'a str, &'a str>,
}

/// Postings as the shards hold them: grouped by page, each page and block written as its
/// difference from the one before, so that most numbers are a digit or two. From sorted
/// (page, block, occurrences) triples to, for each page, `page − previous page, blocks`,
/// then for each of its blocks `block − previous block of the page, occurrences`.
fn encode(triples: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(triples.len());
    // Where the page at hand keeps its count of blocks.
    let mut blocks_at = None;
    let (mut page, mut block) = (0, 0);
    for t in triples.chunks_exact(3) {
        let at = match blocks_at {
            Some(at) if t[0] == page => at,
            _ => {
                out.extend([t[0] - page, 0]);
                (page, block) = (t[0], 0);
                out.len() - 1
            }
        };
        blocks_at = Some(at);
        out[at] += 1;
        out.extend([t[1] - block, t[2]]);
        block = t[1];
    }
    out
}

/// The length of a list of numbers written as JSON: a digit or more and a comma each (the
/// brackets stand for the last comma).
fn json_len(list: &[u32]) -> usize {
    list.iter()
        .map(|n| n.checked_ilog10().unwrap_or(0) as usize + 2)
        .sum()
}

/// Cuts the sorted keys (stems and words together) into shards of about `SHARD_BYTES`; returns
/// the first key of each.
fn shard_terms(
    postings: &BTreeMap<String, Vec<u32>>,
    words: &BTreeMap<String, String>,
    out: &mut Out,
) -> Result<Vec<String>, Error> {
    let mut keys: Vec<&str> = postings
        .keys()
        .chain(words.keys())
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut firsts = Vec::new();
    let mut shard = Shard::default();
    let mut size = 0;
    for key in keys {
        if size >= SHARD_BYTES {
            out.put(&format!("t{}.json", firsts.len() - 1), &shard)?;
            shard = Shard::default();
            size = 0;
        }
        if size == 0 {
            firsts.push(key.to_string());
        }
        if let Some(list) = postings.get(key) {
            let list = encode(list);
            size += key.len() + 4 + json_len(&list);
            shard.s.insert(key, list);
        }
        if let Some(stem) = words.get(key) {
            shard.w.insert(key, stem);
            size += key.len() + stem.len() + 6;
        }
    }
    if size > 0 {
        out.put(&format!("t{}.json", firsts.len() - 1), &shard)?;
    }
    Ok(firsts)
}

/// Cuts the pages, in order, into chunks of about `CHUNK_BYTES`; returns the first page of each.
fn chunk_pages(records: &[Record], out: &mut Out) -> Result<Vec<usize>, Error> {
    let mut firsts = Vec::new();
    let mut chunk: Vec<PageOut> = Vec::new();
    let mut size = 0;
    for (i, r) in records.iter().enumerate() {
        if size >= CHUNK_BYTES {
            out.put(&format!("p{}.json", firsts.len() - 1), &chunk)?;
            chunk.clear();
            size = 0;
        }
        if chunk.is_empty() {
            firsts.push(i);
        }
        size += r.passages.iter().map(|p| p.text.len() + 16).sum::<usize>();
        chunk.push(PageOut {
            u: &r.url,
            t: &r.title,
            b: r.passages
                .iter()
                .map(|p| (p.id, p.label.as_str(), p.text.as_ref()))
                .collect(),
        });
    }
    if !chunk.is_empty() {
        out.put(&format!("p{}.json", firsts.len() - 1), &chunk)?;
    }
    Ok(firsts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_serde_cannot_write_is_an_error_not_an_empty_file() {
        let mut files = Vec::new();
        let mut emit = |path: String, bytes: Vec<u8>| files.push((path, bytes));
        let mut out = Out {
            dir: "search-index/fr".into(),
            emit: &mut emit,
        };
        // JSON has no keys but strings.
        let bad: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let e = out.put("t0.json", &bad).unwrap_err();
        assert_eq!(e.path, "search-index/fr/t0.json");
        assert!(e.to_string().contains("search-index/fr/t0.json"), "{e}");
        assert!(files.is_empty());
    }

    #[test]
    fn the_script_reads_this_version_of_the_index() {
        let script = include_str!("../../themes/default/static/charter.js");
        assert!(
            script.contains(&format!("var VERSION = {VERSION};")),
            "charter.js expects another version of the index than {VERSION}"
        );
    }

    /// The postings of a shard back as (page, block, occurrences), as the script reads them.
    fn decode(list: &[u32]) -> Vec<[u32; 3]> {
        let mut triples = Vec::new();
        let (mut i, mut page) = (0, 0);
        while i < list.len() {
            page += list[i];
            let mut block = 0;
            for _ in 0..list[i + 1] {
                i += 2;
                block += list[i];
                triples.push([page, block, list[i + 1]]);
            }
            i += 2;
        }
        triples
    }

    #[test]
    fn postings_are_grouped_by_page_and_written_as_differences() {
        let triples = [[0, 2, 1], [0, 5, 2], [3, 1, 1], [3, 4, 4], [10, 0, 1]];
        let flat: Vec<u32> = triples.iter().flatten().copied().collect();
        let list = encode(&flat);
        assert_eq!(list, [0, 2, 2, 1, 3, 2, 3, 2, 1, 1, 3, 4, 7, 1, 0, 1]);
        assert_eq!(decode(&list), triples);
        assert_eq!(
            json_len(&list),
            serde_json::to_vec(&list).unwrap().len() - 1
        );
        assert!(encode(&[]).is_empty());
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
            passages,
        }
    }

    fn files(lang: &str, records: &[Record]) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        build(lang, records, &mut |path, bytes| {
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

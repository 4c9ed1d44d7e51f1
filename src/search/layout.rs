//! The files of the index and how they are cut: term shards of about [`SHARD_BYTES`], page
//! chunks of about [`CHUNK_BYTES`], postings written as differences ([`encode`]), each file
//! written as JSON and handed on as it is made ([`Out`]).

use super::Record;
use serde::Serialize;
use std::collections::BTreeMap;

/// Target size of a term shard and of a page chunk, in bytes: one or two requests per query
/// word, and a few for the excerpts, whatever the size of the site.
const SHARD_BYTES: usize = 48 * 1024;
const CHUNK_BYTES: usize = 48 * 1024;

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
pub(super) struct Out<'e> {
    pub(super) dir: String,
    pub(super) emit: &'e mut dyn FnMut(String, Vec<u8>),
}

impl Out<'_> {
    pub(super) fn put(&mut self, name: &str, value: &impl Serialize) -> Result<(), Error> {
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

/// Blocks as the block filters of `index.json` hold them: grouped by page, written as
/// differences like postings but without occurrences. From sorted, distinct (page, block)
/// pairs to, for each page, `page − previous page, blocks`, then each of its blocks as
/// `block − previous block of the page` (the first from 0): `[0,2, 2,3, 3,1, 4]` is page 0,
/// blocks 2 and 5, and page 3, block 4.
pub(super) fn encode_blocks(pairs: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(pairs.len() + 8);
    let mut count_at: Option<usize> = None;
    let (mut page, mut block) = (0, 0);
    for &(p, b) in pairs {
        let at = match count_at {
            Some(at) if p == page => at,
            _ => {
                out.extend([p - page, 0]);
                (page, block) = (p, 0);
                out.len() - 1
            }
        };
        count_at = Some(at);
        out[at] += 1;
        out.push(b - block);
        block = b;
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
pub(super) fn shard_terms(
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
pub(super) fn chunk_pages(records: &[Record], out: &mut Out) -> Result<Vec<usize>, Error> {
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

    /// Block filter lists back as (page, block) pairs, as the script reads them.
    fn decode_blocks(list: &[u32]) -> Vec<(u32, u32)> {
        let mut pairs = Vec::new();
        let (mut i, mut page) = (0, 0);
        while i < list.len() {
            page += list[i];
            let n = list[i + 1];
            i += 2;
            let mut block = 0;
            for _ in 0..n {
                block += list[i];
                pairs.push((page, block));
                i += 1;
            }
        }
        pairs
    }

    #[test]
    fn block_filters_are_grouped_by_page_and_written_as_differences() {
        let pairs = [(0, 2), (0, 5), (3, 4), (3, 9), (3, 10), (12, 1)];
        let list = encode_blocks(&pairs);
        assert_eq!(list, [0, 2, 2, 3, 3, 3, 4, 5, 1, 9, 1, 1]);
        assert_eq!(decode_blocks(&list), pairs);
        // The example of the doc comment.
        assert_eq!(
            encode_blocks(&[(0, 2), (0, 5), (3, 4)]),
            [0, 2, 2, 3, 3, 1, 4]
        );
        // A block 0 (a page's heading) and page 0 are written as any other.
        assert_eq!(encode_blocks(&[(0, 0)]), [0, 1, 0]);
        assert!(encode_blocks(&[]).is_empty());
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
}

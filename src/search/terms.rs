//! Term analysis: the stems of the texts, and for each the blocks that hold it.

use super::text::{self, Analyzer};
use super::Record;
use foldhash::fast::FixedState;
use std::collections::HashMap;

/// Hash maps keyed by words: a fixed seed (nothing depends on their order, but the same run
/// twice does the same work) and a hash fast on short strings.
type WordMap<K, V> = HashMap<K, V, FixedState>;

/// Postings and word → stem pairs of some pages.
#[derive(Default)]
pub(super) struct Terms {
    pub(super) postings: Vec<(String, Vec<u32>)>,
    pub(super) words: Vec<(String, String)>,
}

/// The postings of a batch of pages. Each distinct token is analysed (folded, stemmed) once
/// per batch and each stem numbered, so counting a token costs a lookup and no allocation.
pub(super) fn analyse(lang: &str, first: usize, batch: &[Record]) -> Terms {
    let mut stems = Stems::new(lang);
    let mut counts = Counts::default();
    for (i, record) in batch.iter().enumerate() {
        let page = (first + i) as u32;
        for (b, passage) in record.passages.iter().enumerate() {
            for token in text::tokens(&passage.text) {
                if let Some(id) = stems.id(token) {
                    counts.add(id);
                }
            }
            counts.drain(|id, n| stems.postings[id as usize].1.extend([page, b as u32, n]));
        }
    }
    stems.into_terms()
}

/// The stems of a batch, numbered in the order they are met, each with its postings.
struct Stems<'t> {
    analyzer: Analyzer,
    /// Token as written → its stem's number, or None for a word the index leaves out.
    seen: WordMap<&'t str, Option<u32>>,
    ids: WordMap<String, u32>,
    postings: Vec<(String, Vec<u32>)>,
    /// Word → its stem, where they differ.
    words: WordMap<String, String>,
}

impl<'t> Stems<'t> {
    fn new(lang: &str) -> Stems<'t> {
        Stems {
            analyzer: Analyzer::new(lang),
            seen: WordMap::default(),
            ids: WordMap::default(),
            postings: Vec::new(),
            words: WordMap::default(),
        }
    }

    /// The number of a token's stem, analysing the token the first time it is met.
    fn id(&mut self, token: &'t str) -> Option<u32> {
        if let Some(id) = self.seen.get(token) {
            return *id;
        }
        let (ids, postings, words) = (&mut self.ids, &mut self.postings, &mut self.words);
        let mut id = None;
        self.analyzer.words(token, |word, stem| {
            let n = match ids.get(stem) {
                Some(n) => *n,
                None => {
                    let n = postings.len() as u32;
                    ids.insert(stem.to_string(), n);
                    postings.push((stem.to_string(), Vec::new()));
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
        self.seen.insert(token, id);
        id
    }

    fn into_terms(self) -> Terms {
        Terms {
            postings: self
                .postings
                .into_iter()
                .filter(|(_, l)| !l.is_empty())
                .collect(),
            words: self.words.into_iter().collect(),
        }
    }
}

/// Occurrences of each stem in the passage at hand, and the stems it has: counting is an
/// increment. Each stem has its own list, so the order they are met in does not matter.
#[derive(Default)]
struct Counts {
    counts: Vec<u32>,
    ids: Vec<u32>,
}

impl Counts {
    fn add(&mut self, id: u32) {
        let n = id as usize;
        if n >= self.counts.len() {
            self.counts.resize(n + 1, 0);
        }
        if self.counts[n] == 0 {
            self.ids.push(id);
        }
        self.counts[n] += 1;
    }

    /// Hands on each stem of the passage with its occurrences, and starts the next at zero.
    fn drain(&mut self, mut f: impl FnMut(u32, u32)) {
        for &id in &self.ids {
            let n = id as usize;
            f(id, self.counts[n]);
            self.counts[n] = 0;
        }
        self.ids.clear();
    }
}

/// Sorts a flat list of (page, block, count) triples by page and block.
pub(super) fn sort_triples(list: &mut Vec<u32>) {
    let mut triples: Vec<[u32; 3]> = list.chunks_exact(3).map(|t| [t[0], t[1], t[2]]).collect();
    if triples.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    triples.sort_unstable();
    *list = triples.into_iter().flatten().collect();
}

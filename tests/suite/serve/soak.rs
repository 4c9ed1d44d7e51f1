//! A soak test of the preview: `charter serve` on the real content takes a long run of edits
//! (valid ones, the mistakes of the bad-input suite, nesting 100,000 deep, files deleted and
//! recreated, a file pair renamed and back), with pages asked for while each rebuild runs.
//! Afterwards the server still answers, every file it serves equals a full build of the final
//! files byte for byte, and its memory (resident heap) has stopped growing: at the end it is
//! within 1.5× of what it held once a tenth of the edits had run. (Measured from the first
//! build instead, the first edits add a one-time step of about 2×: see docs/reliability.md.)
//!
//! `CHARTER_SOAK_EDITS` edits (100 by default; docs/reliability.md has a run of 1,000).

use super::{Events, Server};
use crate::support::Site;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator: the run is the same every time.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What undoes the mistake of the previous step.
enum Undo {
    Write(String, String),
    Rename(Vec<(String, String)>),
}

/// A mistake an editor makes: its name, and what it does to a file's text.
type Mistake = (&'static str, fn(&str) -> String);

const MISTAKES: &[Mistake] = &[
    ("front matter not closed", |t| {
        t.replacen("\n+++\n", "\n++\n", 1)
    }),
    ("raw HTML", |t| format!("{t}\nUn <b>mot</b>.\n")),
    ("broken cross-reference", |t| {
        format!("{t}\nVoir [ceci](@/documents/nulle-part.md).\n")
    }),
    ("invalid TOML", |t| t.replacen(" = \"", " = ", 1)),
    ("unknown field", |t| {
        t.replacen("+++\n", "+++\ncolour = 1\n", 1)
    }),
    ("javascript: link", |t| {
        format!("{t}\n[x](javascript:alert(1))\n")
    }),
    ("nesting 100,000 deep", |t| {
        format!("{t}\n\n{} Trop.\n", ">".repeat(100_000))
    }),
    ("list items 100,000 deep", |t| {
        format!("{t}\n\n{}Trop.\n", "- ".repeat(100_000))
    }),
    ("a pinned id given twice", |t| {
        format!("{t}\n\n## Un {{#pareil}}\n\n## Deux {{#pareil}}\n")
    }),
    ("empty file", |_| String::new()),
];

/// Undoes the mistake of the previous step, if any.
fn undo_last(site: &Site, undo: Option<Undo>) {
    match undo {
        Some(Undo::Write(rel, text)) => site.write(&rel, &text),
        Some(Undo::Rename(pairs)) => {
            for (from, to) in pairs {
                std::fs::rename(site.path().join(&from), site.path().join(&to)).unwrap();
            }
        }
        None => {}
    }
}

fn files(root: &Path, under: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root.join(under))
        .unwrap()
        .map(|e| format!("{under}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// The memory of a server left idle for a moment, as between an editor's saves, in kB: its
/// resident anonymous memory (heap, stacks, relocated tables), once the threads that built
/// have handed back what they no longer use; not the pages of its code.
fn settled_rss_kb(pid: u32) -> u64 {
    std::thread::sleep(Duration::from_millis(500));
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn the_preview_survives_a_long_run_of_edits_and_ends_equal_to_a_full_build() {
    let _machine = crate::support::exclusive();
    let edits: usize = std::env::var("CHARTER_SOAK_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let site = Site::real();
    let root = site.path().to_path_buf();
    let mut server = Server::start(&site);
    let pid = server.child.id();
    let mut events = Events::open(&server);
    // The first build is done once the files about the whole site are there too.
    assert!(server
        .wait_for("/data/documents.json", "almaty-act-2002")
        .is_some());
    let rss_first = settled_rss_kb(pid);

    let texts: Vec<String> = files(&root, "content/documents");
    let states: Vec<String> = files(&root, "content/states");
    let cbms: Vec<String> = files(&root, "content/cbms");
    // Pages that every step keeps (the edits delete and rename states and measures).
    let pages = [
        "/fr/",
        "/en/",
        "/fr/documents/almaty-act-2002/",
        "/en/documents/summit-declaration-2006/",
        "/fr/documents/observer-status-request-2007/parallel/",
        "/en/search/",
    ];
    let mut dice = Dice(0x5eed_c1ca);
    let mut undo: Option<Undo> = None;
    let (mut requests, mut kinds) = (0, BTreeMap::<&str, usize>::new());
    // The memory the server settles at once edits have run through every part of it: the
    // first edits add a step over the first build (the threads that rebuild each keep some of
    // the allocator's pages), after which it must not grow.
    let warm_up = (edits / 10).max(20).min(edits);
    let mut rss_warm = rss_first;
    let start = Instant::now();
    for step in 0..edits {
        undo_last(&site, undo.take());
        let kind = match dice.below(10) {
            // A valid edit, kept: a word added to a paragraph of a text.
            0..=3 => {
                let rel = dice.pick(&texts).clone();
                let text = site.read(&rel);
                let para = text.find("\n1. ").expect("a first numbered paragraph");
                let at = text[para + 1..]
                    .find('\n')
                    .map_or(text.len(), |i| para + 1 + i);
                site.write(&rel, &format!("{} ({step}){}", &text[..at], &text[at..]));
                "valid edit"
            }
            // A file deleted, recreated at the next step.
            4 => {
                let rel = dice.pick(&states).clone();
                undo = Some(Undo::Write(rel.clone(), site.read(&rel)));
                std::fs::remove_file(root.join(&rel)).unwrap();
                "file deleted"
            }
            // A measure's file pair renamed, renamed back at the next step.
            5 => {
                let fr = dice.pick(&cbms).replace(".en.md", ".fr.md");
                let pairs: Vec<(String, String)> = [fr.clone(), fr.replace(".fr.md", ".en.md")]
                    .into_iter()
                    .map(|f| (f.clone(), f.replacen('.', "-renamed.", 1)))
                    .collect();
                for (from, to) in &pairs {
                    std::fs::rename(root.join(from), root.join(to)).unwrap();
                }
                undo = Some(Undo::Rename(
                    pairs.into_iter().map(|(a, b)| (b, a)).collect(),
                ));
                "file pair renamed"
            }
            // A mistake, undone at the next step.
            _ => {
                let (name, mistake) = dice.pick(MISTAKES);
                let pool = if dice.below(4) == 0 { &states } else { &texts };
                let rel = dice.pick(pool).clone();
                let text = site.read(&rel);
                site.write(&rel, &mistake(&text));
                undo = Some(Undo::Write(rel, text));
                name
            }
        };
        *kinds.entry(kind).or_default() += 1;
        // Pages asked for while the rebuild runs: each answered, from the last good site.
        for _ in 0..3 {
            let page = dice.pick(&pages);
            let (status, _) = server.get(page);
            assert!(
                status == 200,
                "step {step} ({kind}): {page} answered {status}"
            );
            requests += 1;
        }
        assert!(server.alive(), "step {step} ({kind}): the server is gone");
        events.next_reload();
        if step + 1 == warm_up {
            rss_warm = settled_rss_kb(pid);
        }
        if (step + 1) % 100 == 0 {
            eprintln!(
                "soak: {} edits, {} MB",
                step + 1,
                settled_rss_kb(pid) / 1024
            );
        }
    }
    undo_last(&site, undo.take());
    // A last edit with a mark: once the page and the open data show it, every edit before it
    // has been taken in.
    let last = "content/documents/almaty-act-2002.fr.md";
    let text = site.read(last);
    site.write(last, &text.replacen("\n1. ", "\n1. Fin du rodage. ", 1));
    assert!(server
        .wait_for("/fr/documents/almaty-act-2002/", "Fin du rodage.")
        .is_some());
    assert!(server
        .wait_for("/data/documents/almaty-act-2002.json", "Fin du rodage.")
        .is_some());
    let took = start.elapsed();
    let rss_last = settled_rss_kb(pid);

    // The same files, built in full.
    let out = tempfile::tempdir().unwrap();
    // The preview serves the site at its own address.
    let base_url = format!("http://127.0.0.1:{}/", server.port);
    let built = site.run(&[
        "build",
        "--out",
        out.path().to_str().unwrap(),
        "--base-url",
        &base_url,
    ]);
    assert_eq!(built.code(), 0, "the final files build: {}", built.stderr());
    let injected = b"<script src=\"/__charter/live.js\" defer></script>";
    let mut differ = Vec::new();
    let mut compared = 0;
    for (rel, bytes) in crate::support::tree(out.path()) {
        let path = format!("/{}", rel.to_string_lossy().replace('\\', "/"));
        let (_, status, served) = server.get_bytes(&path);
        let served = if status == 200 { served } else { Vec::new() };
        // The preview adds its live-reload client to each page, and nothing else.
        let served = match served.windows(injected.len()).position(|w| w == injected) {
            Some(i) if path.ends_with(".html") => {
                [&served[..i], &served[i + injected.len()..]].concat()
            }
            _ => served,
        };
        compared += 1;
        if served != bytes {
            differ.push(path);
        }
    }
    let mb = |kb: u64| kb / 1024;
    eprintln!(
        "soak: {edits} edits {kinds:?} and {requests} requests in {:.1} s; memory {} MB after \
         the first build, {} MB after {warm_up} edits, {} MB at the end ({:.2}x the first build, \
         {:.2}x after {warm_up} edits); {compared} files compared",
        took.as_secs_f64(),
        mb(rss_first),
        mb(rss_warm),
        mb(rss_last),
        rss_last as f64 / rss_first as f64,
        rss_last as f64 / rss_warm as f64,
    );
    assert!(
        differ.is_empty(),
        "{} files differ from a full build: {:?}",
        differ.len(),
        &differ[..differ.len().min(10)]
    );
    assert!(server.alive());
    assert!(
        rss_last as f64 <= 1.5 * rss_first as f64,
        "memory grew from {rss_first} kB after the first build to {rss_last} kB at the end"
    );
    assert!(
        rss_last as f64 <= 1.25 * rss_warm as f64,
        "memory still grows: {rss_warm} kB after {warm_up} edits, {rss_last} kB at the end"
    );
}

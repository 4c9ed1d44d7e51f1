//! No input crashes charter. Two parts:
//!
//! - A fuzz campaign: generated and raw bytes written into a small site's content files, then
//!   the whole pipeline run in-process on them, the way the preview does (read, front matter,
//!   Markdown, ids, resolve, render, the files about the whole site). Whatever the input, the
//!   result is the site or a report whose every error names its file and line; never a panic.
//!   It runs for `CHARTER_FUZZ_SECS` seconds (20 by default) from the seed `CHARTER_FUZZ_SEED`
//!   (fixed by default, so a run is repeatable; see docs/reliability.md for a longer campaign).
//! - The crash corpus: every input that once crashed charter, under `tests/fixtures/crashes/`,
//!   laid over the same small site and checked by the real binary, which must exit 0 or 1,
//!   never by a signal or a panic.

use crate::support::Site;
use charter::project::Project;
use charter::Options;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FR: &str = "content/documents/sample-act.fr.md";
const EN: &str = "content/documents/sample-act.en.md";
const STATE_FR: &str = "content/states/kazakhstan.fr.md";
const STATE_EN: &str = "content/states/kazakhstan.en.md";

const STATE: &str = "+++\nname = \"Kazakhstan\"\naliases = [\"Kazakhstan\"]\niso = \"KAZ\"\n\
    status = \"member\"\nstatus_source = \"@/documents/sample-act.md#para-1\"\n+++\n";

/// The `good` fixture with a member state: the site every case starts from.
fn base() -> Site {
    let site = Site::fixture("good");
    site.write(STATE_FR, STATE);
    site.write(
        STATE_EN,
        "+++\nname = \"Kazakhstan\"\naliases = [\"Kazakhstan\"]\n+++\n",
    );
    site.write(
        FR,
        &site
            .read(FR)
            .replace("Premier paragraphe.", "Premier paragraphe, au Kazakhstan."),
    );
    site.write(
        EN,
        &site
            .read(EN)
            .replace("First paragraph.", "First paragraph, in Kazakhstan."),
    );
    site.run(&["check"]).success();
    site
}

/// What a case writes.
#[derive(Debug, Clone)]
enum Case {
    /// The same body in the French and English text, behind their own front matter: the ids
    /// agree, so even strange bodies reach the render.
    Body(String),
    /// Bytes in place of a whole file.
    Raw(&'static str, Vec<u8>),
    /// A state file with these lines of front matter in place of its aliases.
    State(String),
}

/// Markdown that goes deep, wide and long, in every script and plane.
fn body() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        "[a-zàéœ«» .,;:]{1,40}",
        prop::collection::vec(prop::char::range('\0', char::MAX), 1..80)
            .prop_map(|c| c.into_iter().collect::<String>()),
        Just("Nul\0octet.".to_string()),
        Just("&#xD800; &#0; &#x110000; &#55296; \\u{D800}".to_string()),
        Just("[^1] [^1]: [^2]\n\n[^2]: [^1][^2]".to_string()),
        Just("[lien](@/documents/sample-act.md#para-1) [x](@/documents/nulle-part.md)".to_string()),
        Just("| a | b |\n|---|---|\n| 1<br>2 | <b>3</b> |".to_string()),
    ];
    let nesting = prop_oneof![
        Just("> "),
        Just(">"),
        Just("- "),
        Just("1. "),
        Just("* "),
        Just("  ")
    ];
    let piece = prop_oneof![
        3 => text.clone(),
        // Nesting to 10,000 levels, of mixed kinds.
        2 => (prop::collection::vec(nesting, 1..8), 1usize..10_000, text.clone())
            .prop_map(|(kinds, n, t)| format!("{}{t}", kinds.iter().cycle().take(n).copied().collect::<String>())),
        // Up to 100,000 list items.
        1 => (prop_oneof![9 => 1usize..1_000, 1 => 1usize..100_000], prop::bool::ANY).prop_map(|(n, numbered)| {
            (0..n).map(|i| if numbered { format!("{}. x\n", i + 1) } else { "- x\n".to_string() }).collect()
        }),
        // A line of up to a megabyte.
        1 => (prop::char::range('\0', char::MAX), 1usize..1_000_000)
            .prop_map(|(c, n)| c.to_string().repeat(n.min(1_000_000 / c.len_utf8()))),
        1 => (1usize..5_000).prop_map(|n| format!("{}x{}", "*".repeat(n), "*".repeat(n))),
        1 => (1usize..5_000).prop_map(|n| format!("{}x{}", "[".repeat(n), "](u)".repeat(n))),
        1 => Just("## Titre {#notes}\n\n## Titre {#x onclick=y}\n\n<script>x</script>".to_string()),
    ];
    prop::collection::vec(piece, 1..4).prop_map(|p| p.join("\n\n"))
}

/// Front matter at TOML's limits, for a state.
fn state_lines() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("\"\"".to_string()),
        Just("\"\\uD800\"".to_string()),
        Just("\"\\u0000\"".to_string()),
        Just(i64::MAX.to_string()),
        Just(i64::MIN.to_string()),
        Just("1e309".to_string()),
        Just("nan".to_string()),
        Just("0000-01-01".to_string()),
        Just("9999-12-31T23:59:60Z".to_string()),
        (1usize..200_000).prop_map(|n| format!("\"{}\"", "é".repeat(n))),
        (1usize..5_000).prop_map(|n| format!("{}\"x\"{}", "[".repeat(n), "]".repeat(n))),
        (1usize..5_000).prop_map(|n| format!("{}1{}", "{a=".repeat(n), "}".repeat(n))),
        "\"[ -~]{0,20}\"",
    ];
    let list =
        prop::collection::vec(value.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", ")));
    let key = prop_oneof![
        Just("aliases"),
        Just("not_mentions"),
        Just("name"),
        Just("official_name"),
        Just("iso"),
        Just("status_source")
    ];
    prop::collection::vec((key, prop_oneof![value, list]), 1..4).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(k, v)| format!("{k} = {v}\n"))
            .collect()
    })
}

/// A partial of the theme, included by the pages of measures and states.
const PARTIAL: &str = "themes/default/templates/partials/row.html";

/// Template source: Tera's tags, nested, repeated, calling and including themselves.
fn template() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("{% if r %}".to_string()),
        Just("{% endif %}".to_string()),
        Just("{% for i in [1, 2] %}".to_string()),
        Just("{% endfor %}".to_string()),
        Just("{{ r.label }}".to_string()),
        Just("{{ t.missing | upper }}".to_string()),
        Just("{% include \"partials/row.html\" %}".to_string()),
        Just("{% include \"partials/backlinks.html\" %}".to_string()),
        Just("{% macro m(n) %}{{ self::m(n=n) }}{% endmacro %}".to_string()),
        Just("{% raw %}{{ {% {% endraw %}".to_string()),
        Just("{{ (((((1))))) }}".to_string()),
        (1usize..5_000).prop_map(|n| "{% if true %}".repeat(n)),
        (1usize..5_000).prop_map(|n| format!("{{{{ {}1{} }}}}", "(".repeat(n), ")".repeat(n))),
        "[ -~\n]{0,30}",
    ];
    prop::collection::vec(piece, 1..6).prop_map(|p| p.concat().into_bytes())
}

fn case() -> impl Strategy<Value = Case> {
    prop_oneof![
        4 => body().prop_map(Case::Body),
        2 => (prop_oneof![Just(FR), Just(STATE_FR), Just("charter.toml"), Just(PARTIAL)],
              prop::collection::vec(any::<u8>(), 0..2_000))
            .prop_map(|(f, b)| Case::Raw(f, b)),
        2 => state_lines().prop_map(Case::State),
        1 => template().prop_map(|t| Case::Raw(PARTIAL, t)),
    ]
}

/// Writes `case` into the site; returns the files it changed.
fn write(root: &Path, originals: &[(&str, String)], case: &Case) -> Vec<&'static str> {
    let put = |rel: &str, bytes: &[u8]| std::fs::write(root.join(rel), bytes).unwrap();
    let original = |rel: &str| originals.iter().find(|(r, _)| *r == rel).unwrap().1.clone();
    match case {
        Case::Body(body) => {
            for rel in [FR, EN] {
                let text = original(rel);
                let front = &text[..text.rfind("+++\n").unwrap() + 4];
                put(rel, format!("{front}\n{body}\n").as_bytes());
            }
            vec![FR, EN]
        }
        Case::Raw(rel, bytes) => {
            put(rel, bytes);
            vec![rel]
        }
        Case::State(lines) => {
            put(
                STATE_FR,
                STATE
                    .replace("aliases = [\"Kazakhstan\"]\n", lines)
                    .as_bytes(),
            );
            vec![STATE_FR]
        }
    }
}

/// Runs the pipeline on the site as it is, as the preview does after a save: the project takes
/// in `changed` (or is opened afresh when the config changed) and renders.
fn run(project: &mut Option<Project>, root: &Path, changed: &[&str]) -> Result<(), String> {
    let outcome = charter::crash::guarded(|| {
        // The config and the theme are read when a project opens, as the preview does.
        let reopen = project.is_none()
            || changed
                .iter()
                .any(|c| *c == "charter.toml" || c.starts_with("themes/"));
        if reopen {
            *project = None;
            match Project::open(root, &Options::default()) {
                Ok(p) => *project = Some(p),
                Err(report) => return Some(report),
            }
        }
        let p = project.as_mut().expect("opened");
        if !reopen {
            p.apply(&changed.iter().map(PathBuf::from).collect::<BTreeSet<_>>());
        }
        match p.render() {
            Ok(_) => {
                p.make_machine_files();
                None
            }
            Err(report) => Some(report),
        }
    });
    match outcome {
        Err(crash) => {
            *project = None;
            Err(crash.to_string())
        }
        Ok(Some(report)) => {
            // Every error a person reads names its file and line.
            let unplaced: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.location.is_none())
                .map(|d| d.message.clone())
                .collect();
            if unplaced.is_empty() {
                Ok(())
            } else {
                Err(format!("errors without a place: {unplaced:?}"))
            }
        }
        Ok(None) => Ok(()),
    }
}

fn seed() -> u64 {
    std::env::var("CHARTER_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00c1_ca20_0206)
}

fn budget() -> Duration {
    let secs = std::env::var("CHARTER_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

#[test]
fn no_input_crashes_the_pipeline() {
    let _machine = crate::support::exclusive();
    let site = base();
    let root = site.path();
    let files = [FR, EN, STATE_FR, STATE_EN, "charter.toml", PARTIAL];
    let originals: Vec<(&str, String)> = files.iter().map(|f| (*f, site.read(f))).collect();
    let mut project = None;
    run(&mut project, root, &[]).unwrap();
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed().to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    // Where the case being run is kept: a stack overflow ends the process without a word, and
    // this file then holds what did it.
    let current = std::env::temp_dir().join(format!("charter-fuzz-case-{}.txt", seed()));
    let (start, budget) = (Instant::now(), budget());
    let (mut cases, mut crashes) = (0, Vec::new());
    while start.elapsed() < budget {
        let case = case().new_tree(&mut runner).unwrap().current();
        std::fs::write(&current, format!("{case:?}")).unwrap();
        let changed = write(root, &originals, &case);
        if let Err(why) = run(&mut project, root, &changed) {
            let kept =
                std::env::temp_dir().join(format!("charter-fuzz-crash-{}-{cases}.txt", seed()));
            std::fs::write(&kept, format!("{case:?}")).unwrap();
            crashes.push(format!("{why}\n  input: {}", kept.display()));
        }
        // Back to the base site, through the same path.
        for (rel, text) in &originals {
            std::fs::write(root.join(rel), text).unwrap();
        }
        run(&mut project, root, &changed).unwrap();
        cases += 1;
    }
    let _ = std::fs::remove_file(&current);
    println!(
        "fuzz: {cases} cases in {:.0?} from seed {}",
        start.elapsed(),
        seed()
    );
    assert!(cases > 0, "the campaign ran");
    assert!(
        crashes.is_empty(),
        "{} crashes:\n{}",
        crashes.len(),
        crashes.join("\n")
    );
}

/// Every folder of `tests/fixtures/crashes/`: files laid over the base site, in the same
/// places. A README in each says what crashed and why.
#[test]
fn inputs_that_once_crashed_charter_are_reported_in_words() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crashes");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    assert!(entries.len() >= 5, "the corpus is there: {entries:?}");
    let mut failures = Vec::new();
    for entry in entries {
        let site = base();
        site.write("public/index.html", "the last good site");
        crate::support::copy_dir(&entry, site.path());
        std::fs::remove_file(site.path().join("README.md")).ok();
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        for command in [&["check"][..], &["build"]] {
            let run = site.run(command);
            let err = run.stderr();
            let placed = err.contains(".md:") || err.contains(".html:") || err.contains(".toml:");
            let ok = match run.code() {
                0 => true,
                1 => placed && err.contains("help:") && !err.contains("internal error"),
                _ => false,
            };
            if !ok {
                failures.push(format!(
                    "{name}: `{}` exit {}:\n{err}",
                    command[0],
                    run.code()
                ));
            }
            if run.code() == 1 && site.read("public/index.html") != "the last good site" {
                failures.push(format!("{name}: a failed build touched public/"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

//! The synthetic corpus of the benchmarks (`benches/corpus/`), which the tests of large sites
//! use too: the same files for the same size, French and English aligned, and a site that
//! passes `check --strict`.

use crate::corpus;
use crate::support::Site;

#[test]
fn the_same_size_gives_the_same_files() {
    let (a, b) = (Site::generated(5), Site::generated(5));
    let content = a.tree("content");
    assert_eq!(
        content.len(),
        2 * 5 + 2 * 10,
        "5 texts and 10 states, in 2 languages"
    );
    assert_eq!(content, b.tree("content"));
}

#[test]
fn each_text_has_its_numbered_paragraphs_in_both_languages() {
    let site = Site::generated(3);
    let numbered = |slug: &str, lang: &str| {
        site.read(&format!("content/documents/{slug}.{lang}.md"))
            .lines()
            .filter(|l| {
                l.split(". ")
                    .next()
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            })
            .count()
    };
    for i in 0..3 {
        let slug = corpus::slug(i);
        assert_eq!(numbered(&slug, "fr"), corpus::PARAGRAPHS, "{slug}");
        assert_eq!(numbered(&slug, "en"), corpus::PARAGRAPHS, "{slug}");
    }
}

#[test]
fn the_generated_site_passes_a_strict_check() {
    let site = Site::generated(20);
    let run = site.run(&["check", "--strict"]);
    run.success();
    assert!(run.stdout().contains("20 documents"), "{}", run.stdout());
}

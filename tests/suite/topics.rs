//! The thematic index and the pages of cited texts, on the real content: every topic page
//! quotes exactly the paragraphs its file lists, paragraphs link their topics, a cited text's
//! page quotes the paragraphs that name it, and a broken topic reference fails `check`.

use crate::support::{select, Site};
use std::collections::{BTreeMap, BTreeSet};

fn built() -> &'static Site {
    crate::support::real_built()
}

fn page(rel: &str) -> scraper::Html {
    built().html(&format!("public/{rel}index.html"))
}

/// The topics of the real content and the paragraphs each file lists, as `slug#id`, read from
/// the files themselves (not through charter).
fn topic_files() -> BTreeMap<String, Vec<String>> {
    let dir = built().path().join("content/topics");
    let mut topics = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(slug) = name.strip_suffix(".fr.md") else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let listed: Vec<String> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"@/documents/"))
            .map(|l| l.split('"').next().unwrap().replace(".md#", "#"))
            .collect();
        topics.insert(slug.to_string(), listed);
    }
    topics
}

/// The paragraphs a page quotes, as `slug#id`, from the links of their captions.
fn quoted(doc: &scraper::Html, lang: &str) -> Vec<String> {
    let prefix = format!("/{lang}/documents/");
    select(doc, "figure.quote figcaption a")
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            href.strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{href} is not a document of /{lang}/"))
                .replacen("/#", "#", 1)
        })
        .collect()
}

#[test]
fn at_least_twelve_topics_each_page_quoting_the_paragraphs_its_file_lists() {
    let topics = topic_files();
    assert!(topics.len() >= 12, "{} topics", topics.len());
    for required in [
        "terrorism",
        "separatism-and-extremism",
        "drug-trafficking",
        "weapons-of-mass-destruction-and-disarmament",
        "small-arms-and-light-weapons",
        "energy-security",
        "transport-and-transit",
        "environment-and-disasters",
        "human-dimension-and-dialogue-among-civilizations",
        "economic-cooperation",
        "relations-with-the-united-nations",
        "cica-institutions",
    ] {
        assert!(topics.contains_key(required), "no topic {required}");
    }
    for lang in ["fr", "en"] {
        let index = page(&format!("{lang}/topics/"));
        let listed = select(&index, "ul.topics > li > a").len();
        assert_eq!(listed, topics.len(), "{lang}: the index lists every topic");
        for (slug, paragraphs) in &topics {
            let doc = page(&format!("{lang}/topics/{slug}/"));
            let got: BTreeSet<String> = quoted(&doc, lang).into_iter().collect();
            let want: BTreeSet<String> = paragraphs.iter().cloned().collect();
            assert_eq!(got, want, "{lang}/topics/{slug}/");
            // Each quote has its words and the citation its text gives the paragraph.
            for q in select(&doc, "figure.quote") {
                assert!(q
                    .value()
                    .attr("data-cite")
                    .is_some_and(|c| c.contains(", ")));
                let words: String = q.text().collect();
                assert!(words.trim().len() > 20, "{lang}/topics/{slug}/: {words:?}");
            }
        }
    }
}

#[test]
fn a_topic_quotes_its_paragraphs_by_text_oldest_first_and_in_reading_order() {
    let doc = page("fr/topics/terrorism/");
    let texts: Vec<String> = select(&doc, ".quote-group h3 a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        texts,
        [
            "Acte d'Almaty",
            "Déclaration du deuxième Sommet de la CICA",
            "Demande de statut d'observateur de la CIMCA",
            "Déclaration du vingt-cinquième anniversaire de la CICA"
        ]
    );
    let almaty: Vec<String> = quoted(&doc, "fr")
        .into_iter()
        .filter(|q| q.starts_with("almaty-act-2002#"))
        .collect();
    assert_eq!(
        almaty,
        [
            "almaty-act-2002#para-16",
            "almaty-act-2002#para-17",
            "almaty-act-2002#para-19",
            "almaty-act-2002#para-20",
            "almaty-act-2002#para-22"
        ]
    );
}

#[test]
fn each_paragraph_links_the_topics_that_list_it() {
    let topics = topic_files();
    for lang in ["fr", "en"] {
        let doc = page(&format!("{lang}/documents/almaty-act-2002/"));
        for (slug, paragraphs) in &topics {
            let url = format!("/{lang}/topics/{slug}/");
            let shown: BTreeSet<String> = select(&doc, &format!(".topic-links a[href='{url}']"))
                .iter()
                .map(|a| {
                    let mut block = a.parent().unwrap();
                    loop {
                        let el = scraper::ElementRef::wrap(block).unwrap();
                        if let Some(id) = el.value().attr("id") {
                            return format!("almaty-act-2002#{id}");
                        }
                        block = block.parent().unwrap();
                    }
                })
                .collect();
            let want: BTreeSet<String> = paragraphs
                .iter()
                .filter(|p| p.starts_with("almaty-act-2002#"))
                .cloned()
                .collect();
            assert_eq!(shown, want, "{lang}: paragraphs showing topic {slug}");
        }
    }
}

#[test]
fn the_declaration_on_principles_lists_the_paragraphs_of_2006_and_2017_that_cite_it() {
    for lang in ["fr", "en"] {
        let doc = page(&format!(
            "{lang}/references/declaration-on-principles-1999/"
        ));
        let got = quoted(&doc, lang);
        for want in [
            "almaty-act-2002#para-4",
            "summit-declaration-2006#para-1",
            "anniversary-declaration-2017#i-para-1",
            "anniversary-declaration-2017#ii-para-5",
        ] {
            assert!(
                got.contains(&want.to_string()),
                "{lang}: {want} not in {got:?}"
            );
        }
        assert!(
            got.iter().all(|q| q.contains('#')),
            "{lang}: every quote is a paragraph: {got:?}"
        );
        // The paragraph that names it links to its page.
        let text = page(&format!("{lang}/documents/anniversary-declaration-2017/"));
        let links = select(
            &text,
            "[id='ii-para-5'] a.cited-text[href$='/references/declaration-on-principles-1999/']",
        );
        assert_eq!(links.len(), 1, "{lang}: the name in II.5 is a link");
    }
    // The title in both languages, each marked with its language.
    let fr = page("fr/references/charter-of-the-united-nations/");
    let h1: String = select(&fr, "h1")[0].text().collect();
    assert_eq!(h1, "Charte des Nations Unies");
    let other: String = select(&fr, ".other-title [lang='en']")[0].text().collect();
    assert_eq!(other, "Charter of the United Nations");
    let index = page("en/references/");
    let titles: Vec<String> = select(&index, "ul.references > li > a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    for t in [
        "Charter of the United Nations",
        "Treaty on a Nuclear-Weapon-Free Zone in Central Asia",
        "Statute of the CICA Secretariat",
    ] {
        assert!(
            titles.iter().any(|x| x.contains(t)),
            "{t} not in {titles:?}"
        );
    }
}

#[test]
fn a_broken_topic_reference_fails_check_at_its_line() {
    let site = Site::real();
    let file = "content/topics/terrorism.fr.md";
    let text = site.read(file);
    let broken = text.replace(
        "\"@/documents/almaty-act-2002.md#para-17\"",
        "\"@/documents/almaty-act-2002.md#para-170\"",
    );
    assert_ne!(broken, text);
    site.write(file, &broken);
    let line = broken
        .lines()
        .position(|l| l.contains("#para-170"))
        .unwrap()
        + 1;
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    let err = check.stderr();
    assert!(err.contains(&format!("{file}:{line}:")), "{err}");
    assert!(err.contains("para-170") && err.contains("help:"), "{err}");
    // A paragraph listed twice, and a reference that is not a paragraph, are errors too.
    let twice = text.replace(
        "\"@/documents/almaty-act-2002.md#para-17\",",
        "\"@/documents/almaty-act-2002.md#para-17\", \"@/documents/almaty-act-2002.md#para-17\",",
    );
    site.write(file, &twice);
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 1);
    assert!(
        check.stderr().contains("listed twice"),
        "{}",
        check.stderr()
    );
    let page_only = text.replace(
        "\"@/documents/almaty-act-2002.md#para-17\"",
        "\"@/documents/almaty-act-2002.md\"",
    );
    site.write(file, &page_only);
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 1);
    assert!(
        check.stderr().contains("is not a paragraph"),
        "{}",
        check.stderr()
    );
}

/// Readers never see an id: no citation, "Cited in" entry, mention, quote caption or topic
/// list names a block by its id (`para-4-4`, `annex-3-6`, `intro-1`).
#[test]
fn no_citation_or_list_shows_a_raw_id() {
    let site = built();
    let id_like = |text: &str| -> Option<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .find(|w| {
                let parts: Vec<&str> = w.split('-').collect();
                parts.len() >= 2
                    && parts[0].chars().all(|c| c.is_ascii_lowercase())
                    && !parts[0].is_empty()
                    && parts.last().unwrap().chars().all(|c| c.is_ascii_digit())
                    && !parts.last().unwrap().is_empty()
            })
            .map(str::to_string)
    };
    let mut found = Vec::new();
    for lang in ["fr", "en"] {
        for section in ["documents", "states", "cbms", "topics", "references"] {
            let dir = site.path().join(format!("public/{lang}/{section}"));
            for entry in std::fs::read_dir(&dir).unwrap() {
                let page = entry.unwrap().path().join("index.html");
                if !page.is_file() {
                    continue;
                }
                let doc = scraper::Html::parse_document(&std::fs::read_to_string(&page).unwrap());
                for el in select(&doc, "[data-cite]") {
                    let cite = el.value().attr("data-cite").unwrap();
                    if let Some(id) = id_like(cite) {
                        found.push(format!("{}: data-cite {cite:?} ({id})", page.display()));
                    }
                }
                for css in [
                    ".backlinks",
                    "ul.mentions",
                    "figure.quote figcaption",
                    ".facts-list",
                    ".facts",
                ] {
                    for el in select(&doc, css) {
                        let text: String = el.text().collect();
                        if let Some(id) = id_like(&text) {
                            found.push(format!("{}: {css} shows {id}", page.display()));
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

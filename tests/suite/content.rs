//! The published texts themselves (content/): structure, alignment and wording at known ids.
//! These guard the content against regressions when it is edited.

use crate::support::{select, text_ids, Site};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DOCUMENTS: [&str; 4] = [
    "almaty-act-2002",
    "summit-declaration-2006",
    "anniversary-declaration-2017",
    "observer-status-request-2007",
];

/// The real site, built once for every test of this module.
fn built() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::real();
        let check = site.run(&["check", "--strict"]);
        assert_eq!(
            check.code(),
            0,
            "check --strict on the real content:\n{}",
            check.stderr()
        );
        site.run(&["build"]).success();
        site
    })
}

fn page(lang: &str, slug: &str) -> scraper::Html {
    built().html(&format!("public/{lang}/documents/{slug}/index.html"))
}

fn text_of(doc: &scraper::Html, id: &str) -> String {
    let found = select(doc, &format!("[id='{id}']"));
    assert_eq!(found.len(), 1, "#{id} is not on the page");
    found[0]
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Numbered paragraphs per part: `para-N` counts under "", `ii-para-N` under "ii".
fn numbered_per_part(doc: &scraper::Html) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for el in select(doc, ".text .para") {
        let id = el.value().attr("id").unwrap();
        let part = id
            .rsplit_once("para-")
            .map(|(p, _)| p.trim_end_matches('-'))
            .unwrap_or("");
        *counts.entry(part.to_string()).or_insert(0) += 1;
    }
    counts
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(p, n)| (p.to_string(), *n)).collect()
}

#[test]
fn four_documents_in_each_language() {
    for lang in ["fr", "en"] {
        let list = built().html(&format!("public/{lang}/documents/index.html"));
        let links: Vec<_> = select(&list, "ul.documents a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        for slug in DOCUMENTS {
            assert!(
                links.contains(&format!("/{lang}/documents/{slug}/")),
                "{lang}: {slug} not listed in {links:?}"
            );
        }
        assert_eq!(links.len(), 4);
    }
}

#[test]
fn numbered_paragraphs_per_part() {
    let expected = [
        ("almaty-act-2002", counts(&[("", 35)])),
        ("summit-declaration-2006", counts(&[("", 25)])),
        (
            "anniversary-declaration-2017",
            counts(&[("i", 5), ("ii", 7)]),
        ),
        (
            "observer-status-request-2007",
            counts(&[
                ("annex-1", 9),
                ("annex-2", 2),
                ("introduction", 4),
                ("economy", 10),
                ("environment", 5),
                ("human-dimension", 6),
                ("new-challenges", 5),
            ]),
        ),
    ];
    for (slug, want) in expected {
        for lang in ["fr", "en"] {
            assert_eq!(numbered_per_part(&page(lang, slug)), want, "{lang} {slug}");
        }
    }
}

#[test]
fn numbered_paragraphs_run_without_gaps() {
    let doc = page("fr", "almaty-act-2002");
    for n in 1..=35 {
        assert!(
            text_of(&doc, &format!("para-{n}")).starts_with(&format!("{n}. ")),
            "para-{n}"
        );
    }
    let doc = page("fr", "summit-declaration-2006");
    for n in 1..=25 {
        assert!(
            text_of(&doc, &format!("para-{n}")).starts_with(&format!("{n}. ")),
            "para-{n}"
        );
    }
}

#[test]
fn french_and_english_have_identical_id_sequences() {
    for slug in DOCUMENTS {
        let fr = text_ids(&page("fr", slug));
        let en = text_ids(&page("en", slug));
        assert!(fr.len() > 20, "{slug}: only {} ids", fr.len());
        assert_eq!(fr, en, "{slug}");
    }
}

#[test]
fn french_wording_at_known_ids() {
    let cases = [
        ("almaty-act-2002", "para-27", "« Catalogue CICA des mesures de confiance »"),
        ("almaty-act-2002", "para-1", "L'axe et l'objectif principaux de la CICA seront le renforcement de la coopération"),
        // Paragraphs cut by page breaks in the PDF are whole again.
        ("almaty-act-2002", "para-15", "en violation de la Charte des Nations Unies et du droit international, pour porter atteinte"),
        ("summit-declaration-2006", "para-1", "Nous sommes persuadés que la coopération multilatérale"),
        ("anniversary-declaration-2017", "ii-para-1", "Nous tenons à réaffirmer notre plein attachement à la Charte des Nations Unies"),
        ("observer-status-request-2007", "annex-1-para-7", "le Viet Nam, et les trois organisations dotées du statut d'observateur"),
        ("observer-status-request-2007", "economy-para-2", "Coopération pour la mise au point de systèmes sûrs et efficaces de couloirs de transport."),
        ("observer-status-request-2007", "annex-3-7", "aux sessions et travaux de l'Assemblée générale"),
    ];
    for (slug, id, words) in cases {
        let text = text_of(&page("fr", slug), id);
        assert!(
            text.contains(words),
            "{slug}#{id} should contain «{words}»: {text}"
        );
    }
}

#[test]
fn english_wording_follows_un_editorial_practice_at_known_ids() {
    let cases = [
        (
            "almaty-act-2002",
            "para-13",
            "the United Nations General Assembly has adopted",
        ),
        ("almaty-act-2002", "para-33", "The member States may decide"),
        (
            "almaty-act-2002",
            "annex-1",
            "[Translated from the French version]",
        ),
        (
            "summit-declaration-2006",
            "para-16",
            "Since the first CICA Summit, held in Almaty",
        ),
        (
            "summit-declaration-2006",
            "para-9",
            "we are ready and willing to implement",
        ),
        (
            "summit-declaration-2006",
            "para-9-2",
            "We recommend that action be taken at the international",
        ),
        (
            "summit-declaration-2006",
            "para-13-4",
            "whose outcome we look forward to with interest",
        ),
        (
            "summit-declaration-2006",
            "para-13-5",
            "in particular an increase in the literacy level of the population",
        ),
        (
            "summit-declaration-2006",
            "declaration-2",
            "action to address new threats and challenges",
        ),
        (
            "anniversary-declaration-2017",
            "ii-para-2",
            "mutually beneficial cooperation",
        ),
        (
            "anniversary-declaration-2017",
            "ii-para-5",
            "universal, indivisible, interdependent and interrelated",
        ),
        (
            "observer-status-request-2007",
            "new-challenges-para-2",
            "small arms and light weapons, including man-portable air defence systems",
        ),
        (
            "observer-status-request-2007",
            "new-challenges-para-2",
            "cross-border organized crime",
        ),
        (
            "observer-status-request-2007",
            "annex-3-9",
            "Chair of the CICA Ministerial Meetings",
        ),
    ];
    for (slug, id, words) in cases {
        let text = text_of(&page("en", slug), id);
        assert!(
            text.contains(words),
            "{slug}#{id} should contain «{words}»: {text}"
        );
    }
    // CICA members are "member States", lower-case m, except in the title of the 1999
    // Declaration on Principles Guiding Relations between CICA Member States.
    for slug in DOCUMENTS {
        let doc = page("en", slug);
        let text: String = select(&doc, ".text")
            .iter()
            .flat_map(|t| t.text())
            .collect();
        let text = text.replace("Relations between CICA Member States", "");
        // At the start of a sentence the capital is the sentence's.
        let stray = text
            .match_indices("Member States")
            .filter(|(i, _)| {
                let before = text[..*i].trim_end();
                !(before.is_empty() || before.ends_with(['.', ':', '¶']))
            })
            .count();
        assert_eq!(stray, 0, "{slug}: \"Member States\" with a capital M");
    }
}

#[test]
fn english_short_titles_are_in_sentence_case_like_their_full_titles() {
    // Capitals after the first word belong to names: the organization, a place, the Act, the
    // Summit (the French's "Sommet"). An ordinal is not a name: "second Summit".
    let names = ["CICA", "Almaty", "Act", "Summit"];
    for slug in DOCUMENTS {
        let path = format!(
            "{}/content/documents/{slug}.en.md",
            env!("CARGO_MANIFEST_DIR")
        );
        let file = std::fs::read_to_string(&path).unwrap();
        let short = file
            .lines()
            .find_map(|l| l.strip_prefix("short_title = "))
            .unwrap_or_else(|| panic!("{slug}: a short title"))
            .trim_matches('"');
        let capitalised: Vec<&str> = short
            .split_whitespace()
            .skip(1)
            .filter(|w| w.starts_with(char::is_uppercase) && !names.contains(w))
            .collect();
        assert!(
            capitalised.is_empty(),
            "{slug}: «{short}» capitalises {capitalised:?}"
        );
    }
}

/// The paragraphs a state's page lists as naming it, as (document, id).
fn mentioned_in(lang: &str, state: &str) -> std::collections::BTreeSet<(String, String)> {
    let doc = built().html(&format!("public/{lang}/states/{state}/index.html"));
    select(&doc, "section[aria-labelledby='mentions'] li a")
        .iter()
        .filter_map(|a| {
            let href = a.value().attr("href")?;
            let (path, id) = href.split_once('#')?;
            let slug = path.trim_end_matches('/').rsplit('/').next()?;
            Some((slug.to_string(), id.to_string()))
        })
        .collect()
}

#[test]
fn every_state_is_mentioned_in_the_same_paragraphs_in_both_languages() {
    // (state, document, id, why the two languages differ there)
    let exceptions: &[(&str, &str, &str, &str)] = &[];
    let states = std::fs::read_dir(built().path().join("content/states")).unwrap();
    let mut slugs: Vec<String> = states
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".fr.md").map(str::to_string))
        .collect();
    slugs.sort();
    assert_eq!(slugs.len(), 27);
    for state in &slugs {
        let (fr, en) = (mentioned_in("fr", state), mentioned_in("en", state));
        let differ: Vec<_> = fr.symmetric_difference(&en).collect();
        let unexplained: Vec<_> = differ
            .iter()
            .filter(|(d, id)| {
                !exceptions
                    .iter()
                    .any(|e| e.0 == state && e.1 == d && e.2 == id)
            })
            .collect();
        assert!(
            unexplained.is_empty(),
            "{state}: named in one language only at {unexplained:?}"
        );
    }
}

#[test]
fn every_heading_of_the_texts_has_an_id_to_cite() {
    for slug in DOCUMENTS {
        for lang in ["fr", "en"] {
            let doc = page(lang, slug);
            for h in select(&doc, ".text h2, .text h3, .text h4") {
                let text: String = h.text().collect();
                let id = h.value().attr("id");
                assert!(id.is_some(), "{lang}/{slug}: «{text}» has no id");
                let link = format!("a.self[href='#{}']", id.unwrap());
                assert_eq!(
                    h.select(&scraper::Selector::parse(&link).unwrap()).count(),
                    1,
                    "{lang}/{slug}: «{text}» has no self-link"
                );
            }
        }
    }
}

#[test]
fn measure_titles_keep_the_key_noun_of_the_measure() {
    let cases = [
        (
            "economy-1",
            "Coopération en vue de promouvoir divers modes de transport",
            "Cooperation to promote various modes of transport",
        ),
        (
            "environment-3",
            "Gestion des secours en cas de catastrophe",
            "Disaster relief management",
        ),
        ("new-threats-1", "séparatisme", "separatism"),
        (
            "new-threats-1",
            "Échange d'informations",
            "Information exchange",
        ),
        ("new-threats-2", "et d'autres crimes", "and other crimes"),
    ];
    for (slug, fr, en) in cases {
        for (lang, words) in [("fr", fr), ("en", en)] {
            let doc = built().html(&format!("public/{lang}/cbms/{slug}/index.html"));
            let h1: String = select(&doc, "h1")[0].text().collect();
            assert!(
                h1.contains(words),
                "{lang}/{slug}: «{h1}» should contain «{words}»"
            );
        }
    }
}

#[test]
fn no_conversion_defects_remain() {
    for slug in DOCUMENTS {
        let doc = page("fr", slug);
        for p in select(&doc, ".text p") {
            let text: String = p.text().collect();
            let first = text.trim_start().chars().next().unwrap_or('X');
            // A paragraph starting in lower case is a paragraph cut at a page break (lettered
            // sub-paragraphs such as "a)" are the text's own numbering).
            let lettered = text.trim_start().chars().nth(1) == Some(')');
            assert!(
                !first.is_lowercase() || lettered,
                "{slug}: paragraph starts in lower case: {text}"
            );
        }
        let html = built().read(&format!("public/fr/documents/{slug}/index.html"));
        assert!(!html.contains("****"), "{slug}: glued bold markers");
        assert!(!html.contains("&lt;i&gt;"), "{slug}: escaped <i> tags");
        for h in select(&doc, "h1, h2, h3, h4, h5, h6") {
            assert!(
                !h.text().collect::<String>().contains("**"),
                "{slug}: heading with stray **"
            );
        }
    }
}

#[test]
fn coordinator_table_rows_are_citable() {
    for lang in ["fr", "en"] {
        let doc = page(lang, "observer-status-request-2007");
        let rows = select(&doc, "#enclosure-annex table tbody tr, .table tbody tr");
        assert_eq!(rows.len(), 7, "{lang}: seven coordinating states");
        for (i, row) in rows.iter().enumerate() {
            let id = row.value().attr("id").expect("row id");
            assert!(id.ends_with(&format!("-row-{}", i + 1)), "{id}");
            assert_eq!(
                select(&doc, &format!("[id='{id}'] a[href='#{id}']")).len(),
                1
            );
        }
    }
    let fr = page("fr", "observer-status-request-2007");
    let table = &select(&fr, ".table")[0];
    let text: String = table.text().collect();
    assert!(
        text.contains("Azerbaïdjan") && text.contains("À déterminer"),
        "{text}"
    );
}

#[test]
fn iran_coordinates_two_measures_shown_as_two_lines_of_its_cell() {
    for (lang, first, second) in [
        (
            "fr",
            "1. Lutte contre la drogue",
            "2. Gestion nationale des secours en cas de catastrophe",
        ),
        (
            "en",
            "1. Fight against drugs",
            "2. National disaster relief management",
        ),
    ] {
        let doc = page(lang, "observer-status-request-2007");
        let iran = select(&doc, ".table tbody tr")
            .into_iter()
            .find(|row| row.text().any(|t| t.trim() == "Iran"))
            .expect("a row for Iran");
        let cell = iran
            .select(&scraper::Selector::parse("td").unwrap())
            .nth(1)
            .unwrap();
        let lines: Vec<String> = cell
            .inner_html()
            .split("<br>")
            .map(|part| {
                scraper::Html::parse_fragment(part)
                    .root_element()
                    .text()
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect();
        assert_eq!(lines, [first, second], "{lang}: {}", cell.inner_html());
    }
}

#[test]
fn footnote_of_2006_is_a_real_footnote() {
    for lang in ["fr", "en"] {
        let doc = page(lang, "summit-declaration-2006");
        assert_eq!(select(&doc, "sup.fnref a[href='#fn-1']").len(), 1, "{lang}");
        assert!(
            text_of(&doc, "fn-1").contains("A/60/910-S/2006/444"),
            "{lang}"
        );
    }
}

#[test]
fn english_pages_say_what_kind_of_translation_they_are() {
    // Texts written in English: the English here is translated from the French UN version and
    // differs from the official English wording.
    let english_originals = [
        "almaty-act-2002",
        "observer-status-request-2007",
        "anniversary-declaration-2017",
    ];
    for slug in DOCUMENTS {
        let en = page("en", slug);
        let notice = select(&en, ".notice");
        assert_eq!(notice.len(), 1, "{slug}");
        let text: String = notice[0].text().collect();
        if english_originals.contains(&slug) {
            assert!(
                text.contains("The original of this text is in English")
                    && text.contains("quote the official English text"),
                "{slug}: {text}"
            );
        } else {
            assert!(text.contains("Unofficial translation"), "{slug}: {text}");
        }
        // The link leads to the French text, and says so.
        let link = select(&en, ".notice a[hreflang='fr']");
        assert_eq!(link.len(), 1, "{slug}");
    }
}

#[test]
fn the_2006_declaration_says_where_it_was_first_issued_and_claims_no_symbol_of_its_own() {
    for (lang, label, date) in [
        ("fr", "Publié d'abord sous la cote", "28 juin 2006"),
        ("en", "First issued as", "28 June 2006"),
    ] {
        let doc = page(lang, "summit-declaration-2006");
        let facts: Vec<String> = select(&doc, ".facts > div")
            .iter()
            .map(|d| d.text().collect())
            .collect();
        let line = facts
            .iter()
            .find(|f| f.starts_with(label))
            .unwrap_or_else(|| panic!("{lang}: no `{label}` line in {facts:?}"));
        assert!(
            line.contains("A/60/910-S/2006/444") && line.contains(date),
            "{line}"
        );
        // The Conference on Disarmament's own symbol is not in the source: none is shown.
        assert_eq!(
            facts.iter().filter(|f| f.contains("A/60/910")).count(),
            1,
            "{facts:?}"
        );
    }
}

#[test]
fn each_kind_of_text_has_the_date_label_that_fits_it_and_no_invented_place() {
    let facts = |lang: &str, slug: &str| -> String {
        select(&page(lang, slug), ".facts > div:first-child")[0]
            .text()
            .collect::<String>()
    };
    let cases = [
        ("almaty-act-2002", "Signé", "Signed"),
        ("summit-declaration-2006", "Adoptée", "Adopted"),
        ("anniversary-declaration-2017", "Adoptée", "Adopted"),
        ("observer-status-request-2007", "Date", "Date"),
    ];
    for (slug, fr, en) in cases {
        assert!(
            facts("fr", slug).starts_with(fr),
            "{slug}: {}",
            facts("fr", slug)
        );
        assert!(
            facts("en", slug).starts_with(en),
            "{slug}: {}",
            facts("en", slug)
        );
    }
    // A letter is dated, not adopted, and its source gives no place.
    for lang in ["fr", "en"] {
        let line = facts(lang, "observer-status-request-2007");
        assert!(
            !line.contains("New York") && !line.contains("Adopt"),
            "{lang}: {line}"
        );
    }
}

#[test]
fn catalogue_has_26_measures_and_27_states_in_each_language() {
    for lang in ["fr", "en"] {
        let count = |dir: &str| {
            std::fs::read_dir(built().path().join(format!("public/{lang}/{dir}")))
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
                .count()
        };
        assert_eq!(count("cbms"), 26, "{lang} cbms");
        assert_eq!(count("states"), 27, "{lang} states");
        assert!(built()
            .path()
            .join(format!("public/{lang}/cbms/index.html"))
            .is_file());
        assert!(built()
            .path()
            .join(format!("public/{lang}/states/index.html"))
            .is_file());
    }
}

fn state(lang: &str, slug: &str) -> scraper::Html {
    built().html(&format!("public/{lang}/states/{slug}/index.html"))
}

fn hrefs(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn republic_of_korea_coordinates_economy_3_and_9_and_joined_in_2006() {
    for lang in ["fr", "en"] {
        let doc = state(lang, "republic-of-korea");
        let coordination = hrefs(&doc, "#coordination ~ ul a");
        assert!(
            coordination.contains(&format!("/{lang}/cbms/economy-3/")),
            "{coordination:?}"
        );
        assert!(
            coordination.contains(&format!("/{lang}/cbms/economy-9/")),
            "{coordination:?}"
        );
        let facts = hrefs(&doc, ".facts-list a");
        assert!(
            facts.contains(&format!(
                "/{lang}/documents/summit-declaration-2006/#para-22"
            )),
            "{facts:?}"
        );
    }
}

#[test]
fn kazakhstan_is_mentioned_in_all_four_documents() {
    for lang in ["fr", "en"] {
        let doc = state(lang, "kazakhstan");
        let documents = hrefs(&doc, "#mentions ~ h3 a");
        for slug in DOCUMENTS {
            assert!(
                documents.contains(&format!("/{lang}/documents/{slug}/")),
                "{lang}: {slug} not in {documents:?}"
            );
        }
    }
}

#[test]
fn turkey_coordinates_the_whole_new_threats_dimension() {
    let doc = state("en", "turkey");
    let text: String = select(&doc, "#coordination ~ ul")
        .iter()
        .flat_map(|e| e.text())
        .collect();
    assert!(
        text.contains("New challenges and threats")
            && text.contains("coordinates the whole dimension"),
        "{text}"
    );
    assert!(hrefs(&doc, "#coordination ~ ul a").contains(
        &"/en/documents/observer-status-request-2007/#enclosure-annex-2-row-7".to_string()
    ));
}

#[test]
fn every_member_and_observer_state_is_on_the_map_in_both_languages() {
    let site = built();
    let with_iso: Vec<String> = std::fs::read_dir(site.path().join("content/states"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".fr.md"))
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .any(|l| l.starts_with("iso = "))
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.trim_end_matches(".fr.md").to_string()
        })
        .collect();
    assert_eq!(with_iso.len(), 24, "the 18 members and 6 observer states");
    for lang in ["fr", "en"] {
        let doc = site.html(&format!("public/{lang}/states/index.html"));
        let mut linked: Vec<String> = select(&doc, "svg.map a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        linked.sort();
        let mut expected: Vec<String> = with_iso
            .iter()
            .map(|s| format!("/{lang}/states/{s}/"))
            .collect();
        expected.sort();
        assert_eq!(linked, expected, "{lang}");
        for href in &linked {
            assert!(site
                .path()
                .join(format!("public{href}index.html"))
                .is_file());
        }
        assert!(
            select(&doc, ".map-unmapped").is_empty(),
            "every state is drawn"
        );
    }
}

/// One entry of a page's outline: where it leads, its words and its range as shown.
#[derive(Debug, PartialEq)]
struct OutlineLink {
    id: String,
    label: String,
    range: Option<String>,
}

fn words(el: &scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn outline_links(doc: &scraper::Html) -> Vec<OutlineLink> {
    let navs = select(doc, "nav.outline[aria-label]");
    assert_eq!(navs.len(), 1, "one outline, named");
    let range = scraper::Selector::parse(".range").unwrap();
    let dash = scraper::Selector::parse(".dash").unwrap();
    select(doc, "nav.outline details > ol a")
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            let id = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
            let range = a.select(&range).next().map(|r| {
                let dash = r
                    .select(&dash)
                    .next()
                    .map(|d| words(&d))
                    .unwrap_or_default();
                assert_eq!(dash, "—", "{href}: the range follows a dash");
                words(&r).trim_start_matches('—').trim().to_string()
            });
            let all = words(a);
            let label = match all.rsplit_once(" — ") {
                Some((label, _)) if range.is_some() => label.to_string(),
                _ => all,
            };
            OutlineLink {
                id: id.to_string(),
                label,
                range,
            }
        })
        .collect()
}

/// What the outline should say, found in the text itself: every heading of the text in order,
/// with the numbers of the numbered paragraphs that follow it until the next heading of its
/// level or a higher one, as `par. 1–9` (none where those paragraphs belong to parts that each
/// number from 1, which their ids tell: `ii-para-1`).
fn outline_from_the_text(doc: &scraper::Html, lang: &str) -> Vec<OutlineLink> {
    let (one, many) = match lang {
        "fr" => ("par.", "par."),
        _ => ("para.", "paras"),
    };
    // (heading level or 0 for a paragraph, id, words or number, numbering run)
    let blocks: Vec<(usize, String, String, String)> = select(
        doc,
        ".text > h2, .text > h3, .text > h4, .text > h5, .text > h6, .text > .para",
    )
    .iter()
    .map(|el| {
        let id = el.value().attr("id").unwrap().to_string();
        let name = el.value().name();
        if name == "div" {
            let num = el
                .select(&scraper::Selector::parse("a.num").unwrap())
                .next()
                .map(|n| words(&n).trim_end_matches('.').to_string())
                .unwrap_or_else(|| panic!("#{id} has no number"));
            let run = id.rsplit_once("para-").map(|(r, _)| r.to_string()).unwrap();
            (0, id, num, run)
        } else {
            let level = name[1..].parse().unwrap();
            let text = words(el).trim_end_matches('¶').trim().to_string();
            (level, id, text, String::new())
        }
    })
    .collect();
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(i, (level, id, text, _))| {
            let held: Vec<&(usize, String, String, String)> = blocks[i + 1..]
                .iter()
                .take_while(|b| b.0 == 0 || b.0 > *level)
                .filter(|b| b.0 == 0)
                .collect();
            let one_run = held.iter().all(|b| b.3 == held[0].3);
            let range = match (held.first(), held.last()) {
                (Some(f), Some(l)) if one_run && f.2 == l.2 => Some(format!("{one} {}", f.2)),
                (Some(f), Some(l)) if one_run => Some(format!("{many} {}–{}", f.2, l.2)),
                _ => None,
            };
            OutlineLink {
                id: id.clone(),
                label: text.clone(),
                range,
            }
        })
        .collect()
}

#[test]
fn the_outline_lists_every_part_with_the_numbered_paragraphs_it_holds() {
    for slug in DOCUMENTS {
        for lang in ["fr", "en"] {
            let doc = page(lang, slug);
            let shown = outline_links(&doc);
            let expected = outline_from_the_text(&doc, lang);
            assert_eq!(
                shown.iter().map(|l| &l.id).collect::<Vec<_>>(),
                expected.iter().map(|l| &l.id).collect::<Vec<_>>(),
                "{lang}/{slug}: every heading, in the order of the text"
            );
            for (s, e) in shown.iter().zip(&expected) {
                assert_eq!(s.range, e.range, "{lang}/{slug}#{}", s.id);
                // The heading's words, cut at a word when long.
                let cut = s.label.trim_end_matches('…');
                assert!(
                    !cut.is_empty() && e.label.starts_with(cut),
                    "{lang}/{slug}#{}: «{}» for «{}»",
                    s.id,
                    s.label,
                    e.label
                );
                assert!(s.label == e.label || s.label.ends_with('…'), "{}", s.label);
            }
            // Every link leads to an id of the page, on the document and on its parallel view.
            let parallel = built().html(&format!(
                "public/{lang}/documents/{slug}/parallel/index.html"
            ));
            assert_eq!(
                outline_links(&parallel),
                shown,
                "{lang}/{slug}: parallel view"
            );
            for (page, name) in [(&doc, "page"), (&parallel, "parallel view")] {
                for link in &shown {
                    assert_eq!(
                        select(page, &format!("[id='{}']", link.id)).len(),
                        1,
                        "{lang}/{slug} {name}: #{} is not on the page",
                        link.id
                    );
                }
            }
        }
    }
}

#[test]
fn the_almaty_act_outline_at_known_parts() {
    let range = |lang: &str, slug: &str, id: &str| -> Option<String> {
        outline_links(&page(lang, slug))
            .into_iter()
            .find(|l| l.id == id)
            .unwrap_or_else(|| panic!("{lang}/{slug}: no #{id} in the outline"))
            .range
    };
    let cases: [(&str, &str, Option<&str>, Option<&str>); 9] = [
        ("almaty-act-2002", "letter", None, None),
        (
            "almaty-act-2002",
            "annex",
            Some("par. 1–35"),
            Some("paras 1–35"),
        ),
        ("almaty-act-2002", "preamble", None, None),
        ("almaty-act-2002", "i", Some("par. 1–9"), Some("paras 1–9")),
        (
            "almaty-act-2002",
            "ii",
            Some("par. 10–23"),
            Some("paras 10–23"),
        ),
        (
            "almaty-act-2002",
            "iv",
            Some("par. 28–35"),
            Some("paras 28–35"),
        ),
        ("almaty-act-2002", "iv-2", Some("par. 33"), Some("para. 33")),
        // Numbering that restarts in each part: each part its own numbers, the annex none.
        (
            "anniversary-declaration-2017",
            "ii",
            Some("par. 1–7"),
            Some("paras 1–7"),
        ),
        ("anniversary-declaration-2017", "annex", None, None),
    ];
    for (slug, id, fr, en) in cases {
        assert_eq!(range("fr", slug, id).as_deref(), fr, "fr/{slug}#{id}");
        assert_eq!(range("en", slug, id).as_deref(), en, "en/{slug}#{id}");
    }
    // Parts I to IV of the Act sit under its annex, the meetings of part IV under it.
    let doc = page("en", "almaty-act-2002");
    let nested: Vec<String> = select(
        &doc,
        "nav.outline details > ol > li > ol > li > ol > li > a",
    )
    .iter()
    .map(|a| a.value().attr("href").unwrap().to_string())
    .collect();
    assert_eq!(nested, ["#iv-1", "#iv-2", "#iv-3", "#iv-4"]);
    let label: String = select(&doc, "nav.outline a[href='#i']")[0].text().collect();
    assert_eq!(label, "I. Security and cooperation — paras 1–9");
}

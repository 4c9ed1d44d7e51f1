//! The catalogue, the state pages, backlinks and mentions, on the `catalogue` fixture.

use crate::support::{select, Site};
use std::sync::OnceLock;

fn built() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::fixture("catalogue");
        let check = site.run(&["check", "--strict"]);
        assert_eq!(check.code(), 0, "{}", check.stderr());
        site.run(&["build"]).success();
        site
    })
}

fn page(rel: &str) -> scraper::Html {
    built().html(&format!("public/{rel}index.html"))
}

fn hrefs(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

fn text(doc: &scraper::Html, css: &str) -> String {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_cbm_and_state_has_a_page_in_each_language() {
    for lang in ["fr", "en"] {
        for rel in [
            "cbms/",
            "cbms/economy-1/",
            "cbms/economy-2/",
            "states/",
            "states/azerbaijan/",
            "states/turkey/",
            "states/united-nations/",
        ] {
            assert!(
                built()
                    .path()
                    .join(format!("public/{lang}/{rel}index.html"))
                    .is_file(),
                "{lang}/{rel}"
            );
        }
    }
}

#[test]
fn catalogue_shows_all_five_dimensions_and_says_when_one_is_empty() {
    let doc = page("en/cbms/");
    let areas: Vec<_> = select(&doc, "section.area h2")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        areas,
        [
            "military-political",
            "economy",
            "environment",
            "human",
            "new-threats"
        ]
    );
    let sections: Vec<String> = select(&doc, "section.area")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    let military = &sections[0];
    assert!(military.contains("list no measure"), "{military}");
    assert_eq!(hrefs(&doc, "#economy ~ ol a[href^='/en/cbms/']").len(), 2);
    // Turkey coordinates the whole "new challenges" dimension; it shows there.
    let threats = &sections[4];
    assert!(
        threats.contains("Turkey") && threats.contains("whole dimension"),
        "{threats}"
    );
    // The view by coordinating state lists Azerbaijan with its measure.
    let by_state = text(&doc, ".by-state");
    assert!(
        by_state.contains("Azerbaijan") && by_state.contains("Economy 1"),
        "{by_state}"
    );
}

#[test]
fn cbm_page_quotes_its_source_and_links_coordinators_to_the_table_row() {
    let doc = page("fr/cbms/economy-1/");
    assert!(text(&doc, "blockquote.measure").contains("Coopération en matière de transport."));
    assert!(
        hrefs(&doc, ".source a").contains(&"/fr/documents/approach/#economy-para-1".to_string())
    );
    let coordination = hrefs(&doc, "#coordination ~ ul a");
    assert!(
        coordination.contains(&"/fr/states/azerbaijan/".to_string()),
        "{coordination:?}"
    );
    assert!(
        coordination.contains(&"/fr/documents/approach/#coordinators-1-row-1".to_string()),
        "{coordination:?}"
    );
    // The row's own wording is quoted.
    assert!(text(&doc, "#coordination ~ ul q").contains("Couloirs de transport"));
}

#[test]
fn state_page_cites_its_facts_and_lists_mentions_by_paragraph() {
    let doc = page("en/states/turkey/");
    let facts = hrefs(&doc, ".facts-list a");
    assert!(
        facts.contains(&"/en/documents/approach/#coordinators-2".to_string()),
        "{facts:?}"
    );
    assert!(text(&doc, ".facts-list").contains("Joined in 1999"));
    let coordination = text(&doc, "#coordination ~ ul");
    assert!(
        coordination.contains("New challenges and threats")
            && coordination.contains("whole dimension"),
        "{coordination}"
    );
    let mentions = hrefs(&doc, ".mentions a");
    assert!(
        mentions.contains(&"/en/documents/approach/#coordinators-1-row-2".to_string()),
        "{mentions:?}"
    );
    assert!(
        mentions.contains(&"/en/documents/approach/#coordinators-2".to_string()),
        "{mentions:?}"
    );
}

#[test]
fn mentions_are_whole_words_in_the_page_language() {
    let fr = page("fr/states/azerbaijan/");
    let mentions = hrefs(&fr, ".mentions a");
    // Row 1 and the paragraph naming it; "Azerbaïdjanais" is not a mention.
    assert_eq!(
        mentions,
        [
            "/fr/documents/approach/#coordinators-1-row-1",
            "/fr/documents/approach/#coordinators-2"
        ]
    );
    let un = page("en/states/united-nations/");
    assert_eq!(
        hrefs(&un, ".mentions a"),
        ["/en/documents/approach/#coordinators-2"]
    );
}

#[test]
fn states_index_is_split_by_status() {
    let doc = page("fr/states/");
    let groups: Vec<_> = select(&doc, "main section h2")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        groups,
        ["members", "observer-states", "observer-organizations"]
    );
    assert_eq!(
        hrefs(&doc, "#members ~ ul a"),
        ["/fr/states/azerbaijan/", "/fr/states/turkey/"]
    );
    assert_eq!(
        hrefs(&doc, "#observer-organizations ~ ul a"),
        ["/fr/states/united-nations/"]
    );
}

#[test]
fn cited_pages_and_paragraphs_show_what_cites_them() {
    // The document links to the CBM: the CBM page lists it under "Cited in".
    let cbm = page("en/cbms/economy-1/");
    assert!(
        hrefs(&cbm, ".backlinks a").contains(&"/en/documents/approach/#coordinators-3".to_string())
    );
    // The CBM cites the document's paragraph: the paragraph carries a marker to the list.
    let doc = page("en/documents/approach/");
    let marker = select(&doc, "#economy-para-1 a.cited");
    assert_eq!(marker.len(), 1);
    assert_eq!(
        marker[0].value().attr("href"),
        Some("#cited-economy-para-1")
    );
    assert!(marker[0]
        .value()
        .attr("aria-label")
        .unwrap()
        .contains("Cited in"));
    let list = hrefs(&doc, "#cited-economy-para-1 a");
    assert!(
        list.contains(&"/en/cbms/economy-1/".to_string()),
        "{list:?}"
    );
}

#[test]
fn home_links_the_collections_it_has_with_counts() {
    let doc = page("en/");
    let items: Vec<String> = select(&doc, ".collections a")
        .iter()
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(
        items,
        [
            "1 Documents",
            "2 Confidence-building measures",
            "3 States and organizations"
        ]
    );
}

#[test]
fn the_timeline_is_built_from_front_matter() {
    let doc = page("en/");
    let entries: Vec<String> = select(&doc, ".timeline li")
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        entries
            .iter()
            .any(|e| e.contains("1999") && e.contains("Accession: Turkey")),
        "{entries:?}"
    );
    assert!(
        entries
            .iter()
            .any(|e| e.contains("14 March 2007") && e.contains("Test approach")),
        "{entries:?}"
    );
    assert!(
        hrefs(&doc, ".timeline a").contains(&"/en/documents/approach/#coordinators-2".to_string()),
        "the accession links to the paragraph that states it"
    );

    // A new text appears in the timeline with no other step.
    let site = Site::fixture("catalogue");
    let fr = "+++\ntitle = \"Nouveau texte\"\nshort_title = \"Nouveau\"\nsummary = \"S.\"\nplace = \"Astana\"\nkind = \"declaration\"\ndate = 2022-10-13\n+++\n\n1. Un.\n";
    site.write("content/documents/new-text.fr.md", fr);
    site.run(&["build"]).success();
    let home = site.html("public/fr/index.html");
    let texts: Vec<String> = select(&home, ".timeline li")
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        texts
            .last()
            .is_some_and(|t| t.contains("13 octobre 2022") && t.contains("Nouveau texte")),
        "{texts:?}"
    );
}

#[test]
fn the_catalogue_at_a_glance_is_a_dimension_by_state_matrix_without_empty_dimensions() {
    let doc = page("en/cbms/");
    let columns: Vec<String> = select(&doc, "table.matrix thead th a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    // Only the dimensions some state coordinates: the others would be columns of dashes.
    assert_eq!(columns, ["#economy", "#new-threats"]);
    let rows = select(&doc, "table.matrix tbody tr");
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.text().collect::<String>().contains(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let cells = |name: &str| -> Vec<String> {
        let sel = scraper::Selector::parse("td").unwrap();
        row(name)
            .select(&sel)
            .map(|c| c.text().collect::<String>())
            .collect()
    };
    assert_eq!(cells("Azerbaijan")[0], "1");
    assert_eq!(cells("Turkey")[1], "whole dimension");
    let sel = scraper::Selector::parse("td a").unwrap();
    let links: Vec<String> = row("Azerbaijan")
        .select(&sel)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["/en/cbms/economy-1/"]);
}

#[test]
fn the_membership_map_shades_every_state_with_an_iso_code() {
    for lang in ["fr", "en"] {
        let doc = page(&format!("{lang}/states/"));
        let mut linked = hrefs(&doc, "figure.membership-map svg.map a");
        linked.sort();
        assert_eq!(
            linked,
            [
                format!("/{lang}/states/azerbaijan/"),
                format!("/{lang}/states/turkey/")
            ],
            "one link per state, none for the organization"
        );
        for href in &linked {
            assert!(built()
                .path()
                .join(format!("public{href}index.html"))
                .is_file());
        }
        let names: Vec<String> = select(&doc, "svg.map a")
            .iter()
            .map(|a| a.value().attr("aria-label").unwrap().to_string())
            .collect();
        assert!(
            names.iter().all(|n| n.contains(" — ")),
            "name and status: {names:?}"
        );
        assert!(
            hrefs(&doc, "section a").contains(&format!("/{lang}/states/united-nations/")),
            "organizations stay in the list under the map"
        );
    }

    // A new state is shaded by its code alone; a state without one is named under the map.
    let site = Site::fixture("catalogue");
    site.write(
        "content/states/kyrgyzstan.fr.md",
        "+++\nname = \"Kirghizistan\"\naliases = [\"Kirghizistan\"]\niso = \"KGZ\"\nstatus = \"observer\"\nstatus_source = \"@/documents/approach.md#coordinators-2\"\n+++\n",
    );
    site.write(
        "content/states/atlantis.fr.md",
        "+++\nname = \"Atlantide\"\naliases = [\"Atlantide\"]\nstatus = \"member\"\nstatus_source = \"@/documents/approach.md#coordinators-2\"\n+++\n",
    );
    let run = site.run(&["build"]);
    run.success();
    assert!(
        run.stderr().contains("atlantis.fr.md") && run.stderr().contains("no ISO code"),
        "{}",
        run.stderr()
    );
    let doc = site.html("public/fr/states/index.html");
    let observers: Vec<String> = select(&doc, "svg.map a")
        .iter()
        .filter(|a| {
            a.children().any(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| e.attr("class") == Some("map-observer"))
            })
        })
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(observers, ["/fr/states/kyrgyzstan/"]);
    assert_eq!(
        hrefs(&doc, ".map-unmapped a"),
        ["/fr/states/atlantis/"],
        "the state without a code is named, not dropped"
    );
    assert!(hrefs(&doc, "svg.map a")
        .iter()
        .all(|h| h != "/fr/states/atlantis/"));
}

#[test]
fn a_state_page_shows_a_locator_map_and_an_organization_none() {
    let doc = page("en/states/turkey/");
    let svg = select(&doc, "svg.locator");
    assert_eq!(svg.len(), 1);
    assert_eq!(svg[0].value().attr("role"), Some("img"));
    assert!(svg[0]
        .value()
        .attr("aria-label")
        .unwrap()
        .contains("Turkey"));
    assert_eq!(select(&doc, "svg.locator path.map-here").len(), 1);
    assert!(select(&page("en/states/united-nations/"), "svg.locator").is_empty());
}

#[test]
fn an_unknown_iso_code_is_an_error_with_its_place() {
    let site = Site::fixture("catalogue");
    let turkey = site.read("content/states/turkey.fr.md");
    site.write(
        "content/states/turkey.fr.md",
        &turkey.replace("iso = \"TUR\"", "iso = \"TRQ\""),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("turkey.fr.md:4"), "{err}");
    assert!(
        err.contains("`TRQ` is not an ISO 3166-1 alpha-3 code"),
        "{err}"
    );
}

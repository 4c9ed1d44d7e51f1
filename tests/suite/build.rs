//! `charter build` on a good site: the files, the anchors, the language switch, determinism,
//! and the output folder replaced whole or not at all.

use crate::support::{select, text_ids, Site};
use std::path::Path;

#[test]
fn writes_the_pages_of_the_url_scheme() {
    let site = Site::fixture("good");
    let run = site.run(&["build"]);
    run.success();
    assert!(run.stdout().contains("built"), "{}", run.stdout());
    for page in [
        "public/index.html",
        "public/404.html",
        "public/fr/index.html",
        "public/en/index.html",
        "public/fr/documents/index.html",
        "public/en/documents/index.html",
        "public/fr/documents/sample-act/index.html",
        "public/en/documents/sample-act/index.html",
        "public/fr/documents/other-text/index.html",
        "public/en/documents/other-text/index.html",
    ] {
        assert!(site.path().join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn numbered_paragraph_has_its_official_id_and_a_self_link() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    for lang in ["fr", "en"] {
        let doc = site.html(&format!("public/{lang}/documents/sample-act/index.html"));
        let para = select(&doc, "#para-27");
        assert_eq!(para.len(), 1, "{lang}: one element with id para-27");
        let link = select(&doc, "#para-27 a[href='#para-27']");
        assert_eq!(link.len(), 1, "{lang}: para-27 links to itself");
        assert_eq!(link[0].text().collect::<String>(), "27.");
        assert!(link[0].value().attr("aria-label").unwrap().contains("27"));
        // The further paragraph of 27 is addressable too.
        assert_eq!(select(&doc, "#para-27-2").len(), 1);
    }
}

#[test]
fn every_citable_block_has_a_labelled_self_link() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let doc = site.html("public/fr/documents/sample-act/index.html");
    let ids = text_ids(&doc);
    for id in [
        "letter",
        "letter-1",
        "letter-2",
        "preamble",
        "preamble-1",
        "preamble-2",
        "i",
        "para-1",
        "para-27",
        "ii",
        "ii-1",
        "ii-1-row-1",
        "ii-1-row-2",
        "ii-2",
        "fn-1",
    ] {
        assert!(ids.contains(&id.to_string()), "missing #{id} in {ids:?}");
    }
    for id in ids
        .iter()
        .filter(|id| !id.starts_with("fn-") && !id.starts_with("ref-"))
    {
        let links = select(&doc, &format!("[id='{id}'] a[href='#{id}']"));
        assert!(!links.is_empty(), "#{id} has no self-link");
        assert!(
            links[0].value().attr("aria-label").is_some(),
            "#{id}'s self-link has no label"
        );
    }
}

#[test]
fn translations_have_the_same_ids() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let fr = text_ids(&site.html("public/fr/documents/sample-act/index.html"));
    let en = text_ids(&site.html("public/en/documents/sample-act/index.html"));
    assert_eq!(fr, en);
}

#[test]
fn language_switcher_points_to_the_same_page_and_alternates_are_declared() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let fr = site.html("public/fr/documents/sample-act/index.html");
    let switch: Vec<_> = select(&fr, "nav.switch a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(switch, ["/en/documents/sample-act/"]);
    assert_eq!(select(&fr, "html[lang='fr']").len(), 1);
    let alternates: Vec<_> = select(&fr, "link[rel='alternate'][hreflang]")
        .iter()
        .map(|l| {
            (
                l.value().attr("hreflang").unwrap().to_string(),
                l.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        alternates.contains(&(
            "en".into(),
            "https://example.org/en/documents/sample-act/".into()
        )),
        "{alternates:?}"
    );
    assert!(
        alternates.contains(&(
            "fr".into(),
            "https://example.org/fr/documents/sample-act/".into()
        )),
        "{alternates:?}"
    );
    // The switcher keeps the fragment when scripts run: the script is loaded and marks the link.
    assert_eq!(select(&fr, "nav.switch a[data-keep-fragment]").len(), 1);
    let script = select(&fr, "script[src]")[0]
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    assert!(site
        .read(&format!("public{script}"))
        .contains("location.hash"));
    let en = site.html("public/en/documents/sample-act/index.html");
    assert_eq!(select(&en, "html[lang='en']").len(), 1);
}

#[test]
fn unofficial_translation_links_to_the_official_text() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let en = site.html("public/en/documents/sample-act/index.html");
    let notice = select(&en, ".notice a[href='/fr/documents/sample-act/']");
    assert_eq!(
        notice.len(),
        1,
        "the English page links to the French text from its notice"
    );
    let fr = site.html("public/fr/documents/sample-act/index.html");
    assert!(
        select(&fr, ".notice").is_empty(),
        "the official text has no notice"
    );
}

#[test]
fn missing_translation_falls_back_with_a_notice() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let en = site.html("public/en/documents/other-text/index.html");
    assert_eq!(
        select(&en, "article[lang='fr']").len(),
        1,
        "the French text is marked as French"
    );
    assert_eq!(select(&en, ".notice[lang='en']").len(), 1);
    // Per-part numbering qualifies ids by part.
    assert!(text_ids(&en).contains(&"ii-para-1".to_string()));
}

#[test]
fn cross_references_point_at_the_same_language() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    for lang in ["fr", "en"] {
        let doc = site.html(&format!("public/{lang}/documents/sample-act/index.html"));
        let hrefs: Vec<_> = select(&doc, "#ii-2 a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert!(
            hrefs.contains(&format!("/{lang}/documents/sample-act/#para-27")),
            "{hrefs:?}"
        );
        assert!(
            hrefs.contains(&format!("/{lang}/documents/other-text/")),
            "{hrefs:?}"
        );
    }
}

#[test]
fn base_url_flag_changes_absolute_links() {
    let site = Site::fixture("good");
    site.run(&["build", "--base-url", "https://preview.example.net/sub/"])
        .success();
    let fr = site.html("public/fr/documents/sample-act/index.html");
    let canonical = select(&fr, "link[rel='canonical']")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        canonical,
        "https://preview.example.net/sub/fr/documents/sample-act/"
    );
    let css = select(&fr, "link[rel='stylesheet']")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert!(
        css.starts_with("/sub/assets/style.") && css.ends_with(".css"),
        "{css}"
    );
}

/// Pages, the stylesheet and the script are published minified: the templates' indentation and
/// line breaks, and the theme's comments and spaces, are gone; what a reader sees is not.
#[test]
fn pages_stylesheets_and_scripts_are_minified() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let template = site.read("themes/default/templates/base.html");
    assert!(template.contains("\n  "), "the theme is written indented");
    for page in [
        "public/fr/index.html",
        "public/en/documents/sample-act/index.html",
    ] {
        let html = site.read(page);
        assert!(!html.contains("\n  ") && !html.contains(">\n<"), "{page}");
        assert!(html.starts_with("<!doctype html>"), "{page}");
    }
    let page = site.html("public/en/documents/sample-act/index.html");
    assert!(!select(&page, "#para-1").is_empty());
    let css_file = select(&page, "link[rel='stylesheet']")[0]
        .value()
        .attr("href")
        .unwrap()
        .trim_start_matches('/')
        .to_string();
    let css = site.read(&format!("public/{css_file}"));
    let theme_css = site.read("themes/default/static/style.css");
    assert!(
        css.len() < theme_css.len() * 9 / 10,
        "{} of {}",
        css.len(),
        theme_css.len()
    );
    assert!(!css.contains('\n'), "one line");
}

#[test]
fn stylesheets_and_scripts_are_named_after_their_content() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let page = site.html("public/fr/index.html");
    let css = select(&page, "link[rel='stylesheet']")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let js = select(&page, "script[src]")[0]
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    for asset in [&css, &js] {
        assert!(asset.starts_with("/assets/"), "{asset}");
        assert!(
            site.path().join(format!("public{asset}")).is_file(),
            "{asset} is published"
        );
    }
    // Change a rule of the stylesheet (a comment alone is minified away): its name changes.
    let theme_css = site.path().join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&theme_css).unwrap();
    std::fs::write(&theme_css, text + "\n.changed { color: red }\n").unwrap();
    site.run(&["build"]).success();
    let page = site.html("public/fr/index.html");
    let css2 = select(&page, "link[rel='stylesheet']")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_ne!(css, css2);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = Site::fixture("good");
    let b = Site::fixture("good");
    a.run(&["build"]).success();
    b.run(&["build"]).success();
    let (ta, tb) = (a.tree("public"), b.tree("public"));
    assert!(!ta.is_empty());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(
            bytes == &tb[path],
            "{} differs between two builds",
            path.display()
        );
    }
    // And a rebuild in place gives the same tree again.
    a.run(&["build"]).success();
    assert!(a.tree("public") == ta);
}

#[test]
fn out_flag_writes_elsewhere_and_check_writes_nothing() {
    let site = Site::fixture("good");
    site.run(&["check"]).success();
    assert!(!site.path().join("public").exists(), "check must not write");
    site.run(&["build", "--out", "elsewhere"]).success();
    assert!(site
        .path()
        .join("elsewhere/fr/documents/sample-act/index.html")
        .is_file());
    assert!(!site.path().join("public").exists());
    assert!(beside(&site.path().join("elsewhere")).is_empty());
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::fixture("good");
    assert_eq!(site.run(&["build", "--no-such-flag"]).code(), 2);
    assert_eq!(site.run(&["frobnicate"]).code(), 2);
}

/// What a build left beside the output folder `dir`: its temporary folders (`.public.*`).
fn beside(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy();
    std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.")))
        .collect()
}

#[test]
fn a_build_replaces_the_output_folder_whole() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let built = site.tree("public");
    site.write("public/stray.html", "left by hand");
    site.write("public/fr/stray/index.html", "left by hand");
    site.run(&["build"]).success();
    assert!(site.tree("public") == built, "the stray files are gone");
    assert!(beside(&site.path().join("public")).is_empty());
}

#[test]
fn a_build_into_a_folder_not_yet_there_makes_its_parents() {
    let site = Site::fixture("good");
    site.run(&["build", "--out", "a/b/site"]).success();
    assert!(site.path().join("a/b/site/fr/index.html").is_file());
    assert!(beside(&site.path().join("a/b/site")).is_empty());
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_site_and_nothing_beside() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let before = site.tree("public");
    // The documents' pages fail while the others are written.
    let template = site.read("themes/default/templates/document.html");
    site.write(
        "themes/default/templates/document.html",
        &template.replace("{% block main %}", "{% block main %}{{ no_such_variable }}"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("no_such_variable"),
        "{}",
        run.stderr()
    );
    assert!(site.tree("public") == before, "public/ changed");
    assert!(beside(&site.path().join("public")).is_empty());
}

#[test]
fn a_write_error_exits_with_2_naming_the_path_and_leaves_the_site() {
    let site = Site::fixture("good");
    site.run(&["build"]).success();
    let before = site.tree("public");
    // A static file of the theme where the French pages' folder goes.
    site.write("themes/default/static/fr", "in the way");
    let run = site.run(&["build"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.starts_with("error: cannot "), "{err}");
    assert!(err.contains("/.public.") && err.contains("/fr"), "{err}");
    assert!(site.tree("public") == before, "public/ changed");
    assert!(beside(&site.path().join("public")).is_empty());
}

#[test]
fn an_output_folder_under_a_file_exits_with_2_naming_the_file() {
    let site = Site::fixture("good");
    site.write("taken", "a file");
    let run = site.run(&["build", "--out", "taken/public"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let taken = site.path().join("taken");
    assert!(
        run.stderr()
            .contains(&format!("cannot create the folder {}", taken.display())),
        "{}",
        run.stderr()
    );
    assert_eq!(site.read("taken"), "a file");
}

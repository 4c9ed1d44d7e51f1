//! `charter new` and the placeholders it writes: a new text is a draft, an original that still
//! holds a placeholder fails `check --strict`, and a file that is not a draft warns about
//! each one until it is replaced.

use crate::support::Site;

const FR: &str = "content/documents/new-text.fr.md";
const EN: &str = "content/documents/new-text.en.md";

fn new_text() -> Site {
    let site = Site::empty();
    site.run(&["new", "document", "new-text"]).success();
    site
}

/// The file with every placeholder replaced, and its `draft = true` line kept or dropped.
fn filled(site: &Site, rel: &str, title: &str, keep_draft: bool) {
    let text = site.read(rel);
    let mut out = String::new();
    for line in text.lines() {
        let line = if line.starts_with("draft = true") && !keep_draft {
            continue;
        } else if line.starts_with("title = ")
            || line.starts_with("short_title = ")
            || line.starts_with("summary = ")
        {
            format!("{} = \"{title}\"", line.split(" = ").next().unwrap())
        } else if line.starts_with("place = ") {
            "place = \"Almaty\"".to_string()
        } else if line.starts_with("date = ") {
            "date = 2002-06-04".to_string()
        } else if line.starts_with("## TODO part heading") {
            "## I. Sécurité".to_string()
        } else if line.starts_with("1. TODO") {
            "1. Le premier paragraphe.".to_string()
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    site.write(rel, &out);
}

#[test]
fn a_new_text_fails_the_strict_check_naming_each_placeholder_until_filled_in() {
    let site = new_text();
    for rel in [FR, EN] {
        assert!(
            site.read(rel).contains("\ndraft = true"),
            "{rel} is not a draft"
        );
    }
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1, "{}", strict.stderr());
    let err = strict.stderr();
    for (line, field) in [
        (2, "`title`"),
        (3, "`short_title`"),
        (4, "`summary`"),
        (5, "`place`"),
    ] {
        assert!(
            err.contains(&format!(
                "error: {field} still holds the placeholder \"TODO\"\n --> {FR}:{line}:"
            )),
            "{field}:\n{err}"
        );
    }
    assert!(
        err.contains("`date` still holds the example date 2000-01-01"),
        "{err}"
    );
    assert!(
        err.contains("error: the text still holds the placeholder TODO"),
        "{err}"
    );
    assert!(
        err.contains("help: write the real value in its place"),
        "{err}"
    );
    // The translation is a draft skeleton: not held to it.
    assert!(!err.contains(EN), "{err}");
    // Without --strict, a draft is work in progress: nothing to report.
    let lenient = site.run(&["check"]);
    assert_eq!(lenient.code(), 0, "{}", lenient.stderr());
    assert!(
        !lenient.stderr().contains("placeholder"),
        "{}",
        lenient.stderr()
    );

    filled(&site, FR, "Acte d'essai", false);
    filled(&site, EN, "Test act", false);
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 0, "{}", strict.stderr());
    assert!(strict.stderr().is_empty(), "{}", strict.stderr());
}

#[test]
fn a_published_file_with_placeholders_warns_and_fails_strict() {
    let site = new_text();
    for rel in [FR, EN] {
        let text = site.read(rel).replace("draft = true", "# draft = true");
        site.write(rel, &text);
    }
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let warnings = check.stderr();
    assert!(
        warnings.contains(&format!(
            "warning: `title` still holds the placeholder \"TODO\"\n --> {FR}:2:"
        )),
        "{warnings}"
    );
    assert!(
        warnings.contains(&format!(
            "warning: `title` still holds the placeholder \"TODO\"\n --> {EN}:2:"
        )),
        "{warnings}"
    );
    assert!(warnings.contains("help:"), "{warnings}");
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1);
    assert!(
        strict.stderr().contains(&format!(
            "error: `title` still holds the placeholder \"TODO\"\n --> {EN}:2:"
        )),
        "{}",
        strict.stderr()
    );
}

#[test]
fn a_draft_translation_is_left_out_until_its_translator_publishes_it() {
    let site = new_text();
    filled(&site, FR, "Acte d'essai", false);
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(
        check.stderr().is_empty(),
        "the draft skeleton is not reported:\n{}",
        check.stderr()
    );
    site.run(&["build"]).success();
    let page = site.read("public/en/documents/new-text/index.html");
    assert!(
        !page.contains("TODO"),
        "the draft translation was published"
    );
    assert!(
        page.contains("Acte d'essai"),
        "the English page shows the French text"
    );
    // CI requires every translation: a draft one is still missing.
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1);
    assert!(
        strict
            .stderr()
            .contains("`new-text` has no `en` translation"),
        "{}",
        strict.stderr()
    );
}

//! Bad content: `check` and `build` exit 1 with `file:line`, the source line and a `help:`,
//! and a failed build leaves an existing `public/` byte-for-byte as it was.

use crate::support::Site;

struct Case {
    fixture: &'static str,
    /// `file:line` the message must point at.
    at: &'static str,
    /// Words the message must contain.
    says: &'static str,
}

const CASES: &[Case] = &[
    Case {
        fixture: "misaligned",
        at: "content/documents/text.fr.md:12:",
        says: "`para-2` has no counterpart in content/documents/text.en.md",
    },
    Case {
        fixture: "duplicate-id",
        at: "content/documents/text.fr.md:14:",
        says: "the id `para-2` is used twice",
    },
    Case {
        fixture: "invalid-toml",
        at: "content/documents/text.fr.md:2:",
        says: "invalid front matter",
    },
    Case {
        fixture: "missing-field",
        at: "content/documents/text.fr.md:1:",
        says: "required field `summary` is missing",
    },
    Case {
        fixture: "unknown-field",
        at: "content/documents/text.en.md:6:",
        says: "unknown field `author`",
    },
    Case {
        fixture: "contradiction",
        at: "content/documents/text.en.md:6:",
        says: "`date` contradicts the value in content/documents/text.fr.md",
    },
    Case {
        fixture: "unknown-coordinator",
        at: "content/cbms/economy-1.fr.md:8:",
        says: "coordinator `azerbaijn` is not a known state",
    },
    Case {
        fixture: "unknown-area",
        at: "content/cbms/economy-2.fr.md:3:",
        says: "unknown variant `economics`",
    },
    Case {
        fixture: "broken-xref",
        at: "content/documents/text.fr.md:12:",
        says: "links to `#para-9`",
    },
];

#[test]
fn check_reports_file_line_source_and_help() {
    for case in CASES {
        let site = Site::fixture(case.fixture);
        let run = site.run(&["check"]);
        let err = run.stderr();
        assert_eq!(run.code(), 1, "{}: exit code\n{err}", case.fixture);
        assert!(
            err.contains(case.at),
            "{}: no `{}` in\n{err}",
            case.fixture,
            case.at
        );
        assert!(
            err.contains(case.says),
            "{}: no `{}` in\n{err}",
            case.fixture,
            case.says
        );
        assert!(
            err.contains("\nhelp: "),
            "{}: no help line in\n{err}",
            case.fixture
        );
        // The offending source line is quoted under its line number.
        let line: usize = case.at.split(':').nth(1).unwrap().parse().unwrap();
        assert!(
            err.contains(&format!("\n{line} | ")),
            "{}: source line not quoted\n{err}",
            case.fixture
        );
        assert!(!site.path().join("public").exists(), "check must not write");
    }
}

#[test]
fn failed_build_leaves_public_untouched() {
    for case in CASES {
        let site = Site::fixture(case.fixture);
        site.write("public/index.html", "<p>the previous, good site</p>");
        site.write("public/fr/documents/text/index.html", "previous page");
        let before = site.tree("public");
        let run = site.run(&["build"]);
        assert_eq!(
            run.code(),
            1,
            "{}: exit code\n{}",
            case.fixture,
            run.stderr()
        );
        assert!(
            run.stderr().contains(case.at),
            "{}\n{}",
            case.fixture,
            run.stderr()
        );
        assert!(
            site.tree("public") == before,
            "{}: public/ changed",
            case.fixture
        );
        let names: Vec<_> = std::fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect();
        assert!(
            names.is_empty(),
            "{}: temporary folder left behind: {names:?}",
            case.fixture
        );
    }
}

#[test]
fn all_problems_of_a_run_are_reported() {
    let site = Site::fixture("missing-field");
    // A second, unrelated problem in another file.
    site.write(
        "content/documents/other.fr.md",
        "+++\ntitle = \"T\"\nshort_title = \"T\"\nsummary = \"S\"\nplace = \"P\"\nkind = \"act\"\ndate = 2002-06-04\nauthor = \"x\"\n+++\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("required field `summary`"), "{err}");
    assert!(err.contains("unknown field `author`"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn strict_check_requires_every_translation() {
    let site = Site::fixture("missing-translation");
    site.run(&["check"]).success();
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("`text` has no `en` translation"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr()
            .contains("help: add content/documents/text.en.md"),
        "{}",
        run.stderr()
    );
}

#[test]
fn broken_template_names_the_template_and_line() {
    let site = Site::fixture("good");
    site.write(
        "themes/default/templates/home.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ oops \n{% endblock main %}\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("themes/default/templates/home.html:"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("help:"), "{}", run.stderr());
}

#[test]
fn orphan_translation_and_bad_file_names_are_errors() {
    let site = Site::fixture("good");
    site.write(
        "content/documents/lonely.en.md",
        "+++\ntitle = \"x\"\n+++\n",
    );
    site.write("content/documents/nolang.md", "+++\n+++\n");
    site.write("content/documents/text.de.md", "+++\n+++\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("content/documents/lonely.en.md") && err.contains("no `fr` original"),
        "{err}"
    );
    assert!(
        err.contains("content/documents/nolang.md") && err.contains("no language suffix"),
        "{err}"
    );
    assert!(err.contains("`de` is not a language of this site"), "{err}");
}

#[test]
fn broken_anchor_suggests_the_nearest_id() {
    let run = Site::fixture("broken-xref").run(&["check"]);
    assert!(
        run.stderr().contains("help: did you mean #para-1?"),
        "{}",
        run.stderr()
    );
}

#[test]
fn unknown_coordinator_suggests_the_nearest_state() {
    let run = Site::fixture("unknown-coordinator").run(&["check"]);
    assert!(
        run.stderr().contains("did you mean \"azerbaijan\"?"),
        "{}",
        run.stderr()
    );
}

#[test]
fn cross_reference_to_one_language_file_is_refused() {
    let site = Site::fixture("good");
    let fr = site.read("content/documents/other-text.fr.md");
    site.write(
        "content/documents/other-text.fr.md",
        &format!("{fr}\nVoir [l'acte](@/documents/sample-act.en.md#para-1).\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("write @/documents/sample-act.md"),
        "{}",
        run.stderr()
    );
}

#[test]
fn alias_that_matches_nothing_is_a_warning_not_an_error() {
    let site = Site::fixture("catalogue");
    site.write(
        "content/states/turkey.en.md",
        "+++\nname = \"Turkey\"\naliases = [\"Turkey\", \"Türkiye\"]\n+++\n",
    );
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("warning: alias \"Türkiye\" of `turkey` matches nothing in the en texts"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("content/states/turkey.en.md:3:"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_official_name_without_a_source_is_an_error_at_its_line() {
    let site = Site::fixture("catalogue");
    let fr = site.read("content/states/turkey.fr.md");
    site.write(
        "content/states/turkey.fr.md",
        &fr.replacen("+++\n", "+++\nofficial_name = \"République turque\"\n", 1),
    );
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("content/states/turkey.fr.md:2:"), "{err}");
    assert!(
        err.contains("the official name \"République turque\" of `turkey` has no source"),
        "{err}"
    );
    assert!(
        err.contains("help: every fact on a state page cites a published text"),
        "{err}"
    );
    // With its source, the same name passes and is shown with a link to the paragraph.
    let sourced = site.read("content/states/turkey.fr.md");
    let status = sourced
        .lines()
        .find(|l| l.starts_with("status_source"))
        .unwrap()
        .replace("status_source", "official_name_source");
    site.write(
        "content/states/turkey.fr.md",
        &sourced.replacen("+++\n", &format!("+++\n{status}\n"), 1),
    );
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
}

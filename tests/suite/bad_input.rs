//! Bad input never breaks the site: each case starts from the small good site of the
//! `misaligned` family (`tests/fixtures/duplicate-id` without its fault, see `base`), makes one
//! mistake an editor makes, and checks that `check` and `build` exit 1 with `file:line`, the
//! source line and a `help:`, and that an existing `public/` is left byte-for-byte as it was.

use crate::support::{select, Site};

const FR: &str = "content/documents/text.fr.md";
const EN: &str = "content/documents/text.en.md";

/// A good bilingual site: one text, three numbered paragraphs.
fn base() -> Site {
    let site = Site::fixture("duplicate-id");
    let fr = site.read(FR).replace("2. Trois.", "3. Trois.");
    site.write(FR, &fr);
    assert_eq!(
        site.run(&["check", "--strict"]).code(),
        0,
        "the base site is good"
    );
    site
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

/// A member state named in the text, with `aliases_line` as its aliases.
fn state(site: &Site, aliases_line: &str) {
    edit(site, FR, "1. Un.", "1. Un, au Kazakhstan.");
    edit(site, EN, "1. One.", "1. One, in Kazakhstan.");
    let file = |aliases: &str| {
        format!(
            "+++\nname = \"Kazakhstan\"\n{aliases}\niso = \"KAZ\"\nstatus = \"member\"\n\
             status_source = \"@/documents/text.md#para-1\"\n+++\n"
        )
    };
    site.write("content/states/kazakhstan.fr.md", &file(aliases_line));
    site.write(
        "content/states/kazakhstan.en.md",
        &file(r#"aliases = ["Kazakhstan"]"#).replace(
            "iso = \"KAZ\"\nstatus = \"member\"\nstatus_source = \"@/documents/text.md#para-1\"\n",
            "",
        ),
    );
}

struct Case {
    name: &'static str,
    setup: fn(&Site),
    /// `file:line:` the message points at.
    at: &'static str,
    says: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "front matter not closed",
        setup: |s| edit(s, FR, "date = 2002-06-04\n+++\n", "date = 2002-06-04\n"),
        at: "text.fr.md:1:",
        says: "front matter is not closed",
    },
    Case {
        name: "wrong type",
        setup: |s| edit(s, FR, "title = \"Texte\"", "title = 12"),
        at: "text.fr.md:2:",
        says: "invalid type",
    },
    Case {
        name: "date not a date",
        setup: |s| edit(s, FR, "date = 2002-06-04", "date = \"le 4 juin\""),
        at: "text.fr.md:7:",
        says: "invalid front matter",
    },
    Case {
        name: "date with a time",
        setup: |s| edit(s, FR, "date = 2002-06-04", "date = 2002-06-04T10:00:00"),
        at: "text.fr.md:7:",
        says: "must be a date without a time",
    },
    Case {
        name: "pinned id clash",
        setup: |s| {
            edit(s, FR, "1. Un.", "Un. {#same}\n\nDeux. {#same}");
            edit(s, EN, "1. One.", "One. {#same}\n\nTwo. {#same}")
        },
        at: "text.fr.md:12:",
        says: "the id `same` is used twice",
    },
    Case {
        name: "extra paragraph in the translation",
        setup: |s| edit(s, EN, "3. Three.", "3. Three.\n\n4. Four."),
        at: "text.en.md:15:",
        says: "`para-4` in content/documents/text.en.md has no counterpart",
    },
    Case {
        name: "reordered paragraphs",
        setup: |s| edit(s, EN, "2. Two.\n\n3. Three.", "3. Three.\n\n2. Two."),
        at: "text.en.md:11:",
        says: "in another order",
    },
    Case {
        name: "file without a language suffix",
        setup: |s| s.write("content/documents/notes.md", "+++\n+++\n"),
        at: "content/documents/notes.md:1:",
        says: "no language suffix",
    },
    Case {
        name: "language not in the config",
        setup: |s| s.write("content/documents/text.de.md", "+++\n+++\n"),
        at: "content/documents/text.de.md:1:",
        says: "`de` is not a language of this site",
    },
    Case {
        name: "orphan translation",
        setup: |s| s.write("content/documents/alone.en.md", "+++\ntitle = \"x\"\n+++\n"),
        at: "content/documents/alone.en.md:1:",
        says: "no `fr` original",
    },
    Case {
        name: "two measures with one number",
        setup: |s| {
            s.write("content/cbms/economy-1.fr.md", "+++\ntitle = \"A\"\narea = \"economy\"\nnumber = 1\nsource = \"@/documents/text.md#para-1\"\n+++\n");
            s.write("content/cbms/economy-1.en.md", "+++\ntitle = \"A\"\n+++\n");
            s.write("content/cbms/economy-one.fr.md", "+++\ntitle = \"B\"\narea = \"economy\"\nnumber = 1\nsource = \"@/documents/text.md#para-2\"\n+++\n");
            s.write(
                "content/cbms/economy-one.en.md",
                "+++\ntitle = \"B\"\n+++\n",
            );
        },
        at: "content/cbms/economy-one.fr.md:4:",
        says: "are both measure 1 of economy",
    },
    Case {
        name: "cross-reference to a missing page",
        setup: |s| {
            edit(s, FR, "2. Deux.", "2. Voir [l'acte](@/documents/acte.md).");
            edit(s, EN, "2. Two.", "2. See [the act](@/documents/act.md).")
        },
        at: "text.fr.md:12:",
        says: "links to a page that does not exist",
    },
    Case {
        name: "cross-reference into one language's file",
        setup: |s| {
            edit(
                s,
                FR,
                "2. Deux.",
                "2. Voir [ceci](@/documents/text.en.md#para-1).",
            )
        },
        at: "text.fr.md:12:",
        says: "not a valid cross-reference",
    },
    Case {
        name: "unknown section",
        setup: |s| edit(s, FR, "2. Deux.", "2. Voir [ceci](@/treaties/text.md)."),
        at: "text.fr.md:12:",
        says: "unknown section `treaties`",
    },
    Case {
        name: "raw HTML",
        setup: |s| edit(s, FR, "2. Deux.", "2. Deux <script>alert(1)</script>."),
        at: "text.fr.md:12:",
        says: "raw HTML is not allowed",
    },
    Case {
        name: "raw HTML other than a line break in a table cell",
        setup: |s| {
            edit(
                s,
                FR,
                "2. Deux.",
                "| a | b |\n|---|---|\n| 1<br>2 | <b>3</b> |",
            )
        },
        at: "text.fr.md:14:12",
        says: "raw HTML is not allowed",
    },
    Case {
        name: "an empty alias",
        setup: |s| state(s, r#"aliases = ["", "Kazakhstan"]"#),
        at: "kazakhstan.fr.md:3:12",
        says: "aliases entry \"\" has no letter or digit",
    },
    Case {
        name: "an alias of spaces and punctuation",
        setup: |s| state(s, r#"aliases = ["Kazakhstan", " ,. "]"#),
        at: "kazakhstan.fr.md:3:26",
        says: "has no letter or digit",
    },
    Case {
        name: "an alias longer than a name",
        setup: |s| {
            state(
                s,
                &format!("aliases = [\"Kazakhstan\", \"{}\"]", "é".repeat(20_000)),
            )
        },
        at: "kazakhstan.fr.md:3:26",
        says: "aliases entry is 20000 characters long; a name has at most 200",
    },
    Case {
        name: "100,000 nested block quotes",
        setup: |s| {
            edit(
                s,
                FR,
                "2. Deux.",
                &format!("2. Deux.\n\n{} Trop.", ">".repeat(100_000)),
            )
        },
        at: "text.fr.md:14:",
        says: "nested deeper than 32 levels",
    },
    Case {
        name: "100,000 nested list items",
        setup: |s| {
            edit(
                s,
                FR,
                "2. Deux.",
                &format!("2. Deux.\n\n{}Trop.", "- ".repeat(100_000)),
            )
        },
        at: "text.fr.md:14:",
        says: "nested deeper than 32 levels",
    },
    Case {
        name: "javascript: link",
        setup: |s| edit(s, FR, "2. Deux.", "2. [Deux](javascript:alert(1))."),
        at: "text.fr.md:12:",
        says: "`javascript:` scheme",
    },
    Case {
        name: "event handler attribute on a heading",
        setup: |s| edit(s, FR, "1. Un.", "## Titre {#t onclick=alert(1)}\n\n1. Un."),
        at: "text.fr.md:10:",
        says: "headings accept only an id",
    },
    Case {
        name: "invalid pinned id",
        setup: |s| edit(s, FR, "2. Deux.", "2. Deux. {#Bad_Id}"),
        at: "text.fr.md:12:",
        says: "is not a valid id",
    },
    Case {
        name: "empty file",
        setup: |s| s.write("content/documents/blank.fr.md", ""),
        at: "content/documents/blank.fr.md:1:",
        says: "the file is empty",
    },
    Case {
        name: "invalid UTF-8",
        setup: |s| {
            std::fs::write(
                s.path().join("content/documents/latin1.fr.md"),
                b"+++\ntitle = \"Caf\xe9\"\n+++\n",
            )
            .unwrap()
        },
        at: "content/documents/latin1.fr.md:2:",
        says: "not valid UTF-8",
    },
    Case {
        name: "slug with dots",
        setup: |s| s.write("content/documents/a..b.fr.md", "+++\n+++\n"),
        at: "content/documents/a..b.fr.md:1:",
        says: "not a valid slug",
    },
    Case {
        name: "contradicting a neutral fact",
        setup: |s| {
            edit(
                s,
                EN,
                "place = \"Almaty\"",
                "place = \"Almaty\"\nkind = \"letter\"",
            )
        },
        at: "text.en.md:6:",
        says: "`kind` contradicts",
    },
    Case {
        name: "neutral fact only in the translation",
        setup: |s| {
            edit(
                s,
                EN,
                "place = \"Almaty\"",
                "place = \"Almaty\"\nsymbol = \"A/1\"",
            )
        },
        at: "text.en.md:6:",
        says: "`symbol` is language-neutral",
    },
];

#[test]
fn every_bad_input_is_reported_and_leaves_public_alone() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = base();
        site.write("public/index.html", "<p>the previous, good site</p>");
        let before = site.tree("public");
        (case.setup)(&site);
        let check = site.run(&["check"]);
        let err = check.stderr();
        let line: usize = case
            .at
            .rsplit(':')
            .nth(1)
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        let ok = check.code() == 1
            && err.contains(case.at)
            && err.contains(case.says)
            && err.contains("\nhelp: ")
            && !err.contains("panicked");
        if !ok {
            failures.push(format!(
                "{}: exit {}, expected `{}` and `{}` (line {line}):\n{err}",
                case.name,
                check.code(),
                case.at,
                case.says
            ));
            continue;
        }
        let build = site.run(&["build"]);
        if build.code() != 1 || site.tree("public") != before {
            failures.push(format!(
                "{}: build exit {} or public/ changed",
                case.name,
                build.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_work() {
    let site = base();
    for rel in [FR, EN] {
        let text = site.read(rel).replace('\n', "\r\n");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.as_bytes());
        std::fs::write(site.path().join(rel), bytes).unwrap();
    }
    site.run(&["check", "--strict"]).success();
    site.run(&["build"]).success();
    let page = site.html("public/fr/documents/text/index.html");
    assert_eq!(crate::support::select(&page, "#para-3").len(), 1);
}

#[test]
fn a_10_mb_file_builds_in_bounded_time() {
    let site = base();
    let mut fr = site.read(FR);
    let mut en = site.read(EN);
    let paragraph = "Texte long ".repeat(60);
    let mut n = 4;
    while fr.len() < 10 * 1024 * 1024 {
        fr.push_str(&format!("\n{n}. {paragraph}\n"));
        en.push_str(&format!("\n{n}. {paragraph}\n"));
        n += 1;
    }
    site.write(FR, &fr);
    site.write(EN, &en);
    let start = std::time::Instant::now();
    site.run(&["build"]).success();
    assert!(
        start.elapsed() < std::time::Duration::from_secs(120),
        "took {:?}",
        start.elapsed()
    );
    let page = site.html("public/fr/documents/text/index.html");
    assert!(
        !select(&page, &format!("#para-{}", n - 1)).is_empty(),
        "the last paragraph is there"
    );
}

#[test]
fn a_symbolic_link_loop_under_content_is_an_error_not_a_hang() {
    let site = base();
    std::os::unix::fs::symlink(
        site.path().join("content"),
        site.path().join("content/documents/loop"),
    )
    .unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("content/documents/loop"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr()
            .contains("points back to one of its own parent folders"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("help:"));
}

#[test]
fn nesting_up_to_the_bound_builds_in_every_kind_of_block() {
    let site = base();
    // Quotes, lists and numbered lists inside each other, 32 levels with the top block, and
    // emphasis as deep inside them; a table
    // in a list in a quote; notes that call each other.
    // Emphasis 32 levels deep, inside the deepest block.
    let deep_emphasis = "*a _a ".repeat(16);
    let closing = " a_ a*".repeat(16);
    let chain: String = ["> ", "- ", "1. "]
        .iter()
        .cycle()
        .take(31)
        .copied()
        .collect();
    let deep = format!(
        "\n\n{chain}{deep_emphasis}Au fond.{closing}\n\n> - | a | b |\n>   |---|---|\n>   | 1 | 2 |\n\n\
         Voir[^a].\n\n[^a]: Voir aussi[^b].\n\n[^b]: Et encore[^a]."
    );
    edit(&site, FR, "2. Deux.", &format!("2. Deux.{deep}"));
    edit(&site, EN, "2. Two.", &format!("2. Two.{deep}"));
    site.run(&["build"]).success();
    let page = site.html("public/fr/documents/text/index.html");
    let deepest = select(&page, "blockquote li li blockquote")
        .into_iter()
        .filter(|b| b.text().any(|t| t.contains("Au fond.")))
        .count();
    assert!(deepest > 0, "the deepest words are on the page");
    assert_eq!(select(&page, "blockquote li table").len(), 1);
    let emphasis = "em ".repeat(32);
    assert_eq!(select(&page, emphasis.trim()).len(), 1, "emphasis 32 deep");
    assert_eq!(select(&page, ".footnotes ol > li").len(), 2, "two notes");
}

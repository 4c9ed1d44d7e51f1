//! The French texts are the UN's, word for word: each `content/documents/{slug}.fr.md` against
//! the seed it was converted from (`tests/fixtures/seeds/{slug}.fr.txt`, the PDF conversion as
//! received). Markup is dropped on both sides, the two word sequences are diffed, and the only
//! differences allowed are the repairs listed below for each document, each with its reason. A
//! French word changed, dropped or added by mistake fails, and so does an allowed difference that
//! no longer occurs (the list stays true).
//!
//! The typos of the official text stay, marked `[sic]` (docs/writing.md): the second test lists
//! every one, so that a `[sic]` added, moved or lost is noticed.

use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::ops::Range;
use std::path::PathBuf;

/// A difference between the seed and the content that the test accepts.
struct Allowed {
    /// Seed words the content leaves out ("" for none).
    seed: &'static str,
    /// Content words the seed does not have ("" for none).
    content: &'static str,
    /// Why: one line.
    reason: &'static str,
}

struct Document {
    slug: &'static str,
    /// The seed gives the title only in its header block, which the content moved into front
    /// matter; the title then counts among the content's words, in the header's place.
    title_from_front_matter: bool,
    allowed: &'static [Allowed],
}

const DOCUMENTS: [Document; 4] = [
    Document {
        slug: "almaty-act-2002",
        title_from_front_matter: false,
        allowed: &[Allowed {
            seed: "Assemblée générale Conseil de sécurité \
                   Distr. générale 24 septembre 2002 Français Original: anglais \
                   Assemblée générale Cinquante-septième session \
                   Points 66 s) et v), 68 d), 101 et 160 de l'ordre du jour \
                   Désarmement général et complet : désarmement nucléaire; \
                   commerce illicite des armes légères sous tous ses aspects \
                   Examen de l'application des recommandations et décisions adoptées par \
                   l'Assemblée générale à sa dixième session extraordinaire : \
                   Rapport de la Conférence du désarmement \
                   Contrôle international des drogues \
                   Mesures visant à éliminer le terrorisme international \
                   Conseil de sécurité Cinquante-septième année",
            content: "",
            reason: "the UN header block, now front matter: distributed, original_languages, sessions, agenda_items",
        }],
    },
    Document {
        slug: "summit-declaration-2006",
        title_from_front_matter: false,
        allowed: &[],
    },
    Document {
        slug: "anniversary-declaration-2017",
        title_from_front_matter: false,
        allowed: &[Allowed {
            seed: "Assemblée générale \
                   Distr. générale 22 décembre 2017 Français Original : anglais \
                   Assemblée générale Soixante-douzième session \
                   Points 15, 17, 19, 34, 72 et 118 de l'ordre du jour \
                   Culture de paix \
                   Questions de politique macroéconomique \
                   Développement durable \
                   Prévention des conflits armés \
                   Promotion et protection des droits de l'homme \
                   La Stratégie antiterroriste mondiale des Nations Unies",
            content: "",
            reason: "the UN header block, now front matter: distributed, original_languages, sessions, agenda_items",
        }],
    },
    Document {
        slug: "observer-status-request-2007",
        title_from_front_matter: true,
        allowed: &[Allowed {
            seed: "Assemblée générale \
                   Distr. générale 4 octobre 2007 Français Original : anglais \
                   Soixante-deuxième session \
                   Demande d'inscription d'une question additionnelle \
                   à l'ordre du jour de la soixante-deuxième session",
            content: "",
            reason: "the UN header block, now front matter: distributed, original_languages, sessions, agenda_items (the agenda item's title that follows it is the document's title)",
        }],
    },
];

/// Words of context printed on each side of a difference.
const CONTEXT: usize = 8;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn seed_text(slug: &str) -> String {
    read(&format!("tests/fixtures/seeds/{slug}.fr.txt"))
}

fn french_content(slug: &str) -> String {
    read(&format!("content/documents/{slug}.fr.md"))
}

// ---- Words of the seed --------------------------------------------------------------------

/// The seed's words, without the conversion's markup: heading `#`s, `---` rules, `<i>` tags and
/// tabs of the flattened table, bold and italic markers, superscript note markers.
fn seed_words(seed: &str) -> Vec<String> {
    seed.lines()
        .filter(|line| line.trim() != "---")
        .flat_map(|line| words(&strip_seed_markup(line)))
        .collect()
}

fn strip_seed_markup(line: &str) -> String {
    // Headings at random levels: their `#`s are markup.
    let line = line.trim_start().trim_start_matches('#');
    let line = line.replace("<i>", " ").replace("</i>", " ");
    let line = strip_emphasis(&line);
    // ¹ after a word calls a note; ¹ opening a line labels it.
    line.chars().filter(|c| !is_superscript_digit(*c)).collect()
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// Bold and italic markers. `**` becomes a space, not nothing: the conversion glued bold runs
/// to each other and to the next word (`aspects****Examen`, `session**Demande`).
fn strip_emphasis(text: &str) -> String {
    text.replace("**", " ").replace('*', "")
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

// ---- Words of the content -----------------------------------------------------------------

/// The content's words, without its Markdown. List numbers (`27.`, `a)`, `-`) stay: the seed
/// has the same ones, so a paragraph renumbered, added or merged shows as a difference.
fn content_words(content: &str, title_from_front_matter: bool) -> Vec<String> {
    let (front_matter, body) = split_front_matter(content);
    let mut found = Vec::new();
    if title_from_front_matter {
        found.extend(words(&title(front_matter)));
    }
    for line in body.lines().filter(|line| !is_table_rule(line)) {
        found.extend(words(&strip_markdown(line)));
    }
    found
}

fn split_front_matter(content: &str) -> (&str, &str) {
    let rest = content
        .strip_prefix("+++\n")
        .expect("front matter opens the file");
    rest.split_once("\n+++\n").expect("front matter is closed")
}

fn title(front_matter: &str) -> String {
    let table: toml::Table = toml::from_str(front_matter).expect("front matter is TOML");
    table["title"]
        .as_str()
        .expect("title is a string")
        .to_string()
}

/// The `| --- | --- |` line under a table's header.
fn is_table_rule(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// One line of Markdown as plain words.
fn strip_markdown(line: &str) -> String {
    // Heading levels.
    let line = line.trim_start().trim_start_matches('#');
    // A backslash ending a line breaks it (addresses, signatures).
    let line = line.trim_end().trim_end_matches('\\');
    // The editor's marks: allowed, and listed by the second test.
    let line = line.replace(" [sic]", "");
    // A line break inside a table cell, where the seed had a space.
    let line = line.replace("<br>", " ");
    // A table row's cell borders (the French text has no `|` of its own).
    let line = if line.starts_with('|') {
        line.replace('|', " ")
    } else {
        line
    };
    let line = drop_footnote_marks(&unlink(&line));
    let line = strip_emphasis(&line);
    // Pinned ids, `{#letter}`, stand apart after a space.
    line.split_whitespace()
        .filter(|word| !(word.starts_with("{#") && word.ends_with('}')))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `[text](@/documents/….md#…)` → `text`: cross-references the editors added.
fn unlink(line: &str) -> String {
    let mut out = line.to_string();
    while let Some(mid) = out.find("](@/") {
        let open = out[..mid].rfind('[').expect("a link's text opens with [");
        let close = mid + out[mid..].find(')').expect("a link's target closes with )");
        out = format!(
            "{}{}{}",
            &out[..open],
            &out[open + 1..mid],
            &out[close + 1..]
        );
    }
    out
}

/// `[^1]` calls and the `[^1]:` label opening a note.
fn drop_footnote_marks(line: &str) -> String {
    let mut out = line.to_string();
    while let Some(open) = out.find("[^") {
        let close = open + out[open..].find(']').expect("a note call closes with ]");
        let end = if out[close + 1..].starts_with(':') {
            close + 2
        } else {
            close + 1
        };
        out.replace_range(open..end, "");
    }
    out
}

// ---- The comparison -----------------------------------------------------------------------

/// Seed words `seed` became content words `content`.
struct Difference {
    seed: Range<usize>,
    content: Range<usize>,
}

/// The differences between two word sequences, case aside (headings were in capitals). RawMyers
/// gives a shortest edit script, that is a longest common subsequence, without the heuristics
/// that would trade that for speed.
fn differences(seed: &[String], content: &[String]) -> Vec<Difference> {
    let seed_keys = keys(seed);
    let content_keys = keys(content);
    capture_diff_slices(Algorithm::RawMyers, &seed_keys, &content_keys)
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag != DiffTag::Equal)
        .map(|(_, seed, content)| Difference { seed, content })
        .collect()
}

fn keys(words: &[String]) -> Vec<String> {
    words.iter().map(|word| word.to_lowercase()).collect()
}

fn key_of(text: &str) -> String {
    keys(&words(text)).join(" ")
}

/// Seed and content words of a difference, with context, for the failure message.
fn describe(diff: &Difference, seed: &[String], content: &[String]) -> String {
    format!(
        "    seed:    {}\n    content: {}",
        in_context(seed, &diff.seed),
        in_context(content, &diff.content)
    )
}

fn in_context(words: &[String], range: &Range<usize>) -> String {
    let before = range.start.saturating_sub(CONTEXT)..range.start;
    let after = range.end..(range.end + CONTEXT).min(words.len());
    format!(
        "…{} ⟦{}⟧ {}…",
        words[before].join(" "),
        words[range.clone()].join(" "),
        words[after].join(" ")
    )
}

/// What is wrong with one document: differences not allowed, allowed ones that did not occur.
fn problems(doc: &Document) -> Vec<String> {
    problems_in(doc, &french_content(doc.slug))
}

/// What is wrong with `content` as the French text of the seed `slug`: the differences the
/// curated text is allowed (the header, now front matter) are the only ones allowed. The
/// import test holds `charter import`'s output to the same list.
pub(crate) fn differences_from_seed(slug: &str, content: &str) -> Vec<String> {
    let doc = DOCUMENTS
        .iter()
        .find(|d| d.slug == slug)
        .unwrap_or_else(|| panic!("no seed {slug}"));
    problems_in(doc, content)
}

fn problems_in(doc: &Document, content: &str) -> Vec<String> {
    let seed = seed_words(&seed_text(doc.slug));
    let content = content_words(content, doc.title_from_front_matter);
    let mut unused: Vec<&Allowed> = doc.allowed.iter().collect();
    let mut found = Vec::new();
    for diff in differences(&seed, &content) {
        let removed = keys(&seed[diff.seed.clone()]).join(" ");
        let added = keys(&content[diff.content.clone()]).join(" ");
        match unused
            .iter()
            .position(|a| key_of(a.seed) == removed && key_of(a.content) == added)
        {
            Some(i) => {
                unused.remove(i);
            }
            None => found.push(format!(
                "{}: a difference not allowed\n{}",
                doc.slug,
                describe(&diff, &seed, &content)
            )),
        }
    }
    for allowed in unused {
        found.push(format!(
            "{}: allowed difference no longer found ({}):\n    seed: {:?}\n    content: {:?}",
            doc.slug, allowed.reason, allowed.seed, allowed.content
        ));
    }
    found
}

#[test]
fn french_texts_keep_every_word_of_the_un_text() {
    let found: Vec<String> = DOCUMENTS.iter().flat_map(problems).collect();
    assert!(found.is_empty(), "\n{}\n", found.join("\n\n"));
}

// ---- Typos of the official text -----------------------------------------------------------

/// A typo of the UN's text, kept and marked: the words the `[sic]` follows, and what is wrong.
struct Typo {
    slug: &'static str,
    words: &'static str,
    reason: &'static str,
}

/// Every `[sic]` of the French texts, in the order of each text.
const TYPOS: &[Typo] = &[
    Typo {
        slug: "almaty-act-2002",
        words: "transparence de",
        reason: "article: de for des (« la transparence des opérations bancaires »)",
    },
    Typo {
        slug: "almaty-act-2002",
        words: "chefs d'état",
        reason: "capital: chefs d'État",
    },
    Typo {
        slug: "almaty-act-2002",
        words: "Les États Membres",
        reason: "capital: CICA's members are États membres; Membres is for the UN's",
    },
    Typo {
        slug: "summit-declaration-2006",
        words: "Nous enjoignons",
        reason: "construction: enjoindre à quelqu'un de faire (« enjoignons à tous les États … de régler »)",
    },
    Typo {
        slug: "summit-declaration-2006",
        words: "civilisation ou ethnique",
        reason: "adjective for a noun: ethnie",
    },
    Typo {
        slug: "summit-declaration-2006",
        words: "Nous enjoignons",
        reason: "construction: enjoindre à quelqu'un de faire (« enjoignons à tous les États de coopérer »)",
    },
    Typo {
        slug: "summit-declaration-2006",
        words: "la Journée du CICA",
        reason: "gender: the text says la CICA everywhere else (« de la CICA »)",
    },
    Typo {
        slug: "anniversary-declaration-2017",
        words: "prise de décisions telles",
        reason: "agreement: tels, with mécanismes (the meetings, committee and group listed)",
    },
    Typo {
        slug: "anniversary-declaration-2017",
        words: "environnemental et humain ainsi",
        reason: "extra word: tant … qu'en combattant",
    },
    Typo {
        slug: "anniversary-declaration-2017",
        words: "ce qui a lui",
        reason: "word order: ce qui lui a permis",
    },
    Typo {
        slug: "anniversary-declaration-2017",
        words: "ou qui sont associées",
        reason: "missing word: qui y sont associées (to acts of terrorism)",
    },
    Typo {
        slug: "anniversary-declaration-2017",
        words: "nous nous",
        reason: "extra word: nous affirmons",
    },
    Typo {
        slug: "anniversary-declaration-2017",
        words: "l'efficacité et l'efficacé",
        reason: "spelling: no such word (efficience)",
    },
    Typo {
        slug: "observer-status-request-2007",
        words: "que soit inscrit",
        reason: "agreement: inscrite, with une question additionnelle",
    },
    Typo {
        slug: "observer-status-request-2007",
        words: "du règlement intérieur et la",
        reason: "missing word: et de la Déclaration",
    },
    Typo {
        slug: "observer-status-request-2007",
        words: "sur l'alliance",
        reason: "capital: the Alliance des civilisations is a name",
    },
    Typo {
        slug: "observer-status-request-2007",
        words: "État Membre",
        reason: "capital: CICA's members are États membres; Membre is for the UN's",
    },
];

const SIC: &str = " [sic]";

#[test]
fn typos_of_the_official_text_are_marked_sic() {
    let mut found = Vec::new();
    for doc in &DOCUMENTS {
        let content = french_content(doc.slug);
        let listed: Vec<&Typo> = TYPOS.iter().filter(|t| t.slug == doc.slug).collect();
        for (i, typo) in listed.iter().enumerate() {
            // Words listed for several occurrences are checked once, for all of them.
            if listed[..i].iter().all(|t| t.words != typo.words) {
                found.extend(marking_problem(doc.slug, &content, typo, &listed));
            }
        }
        let marks = content.matches(SIC).count();
        if marks != listed.len() {
            found.push(format!(
                "{}: {marks} [sic] in the text, {} listed in TYPOS",
                doc.slug,
                listed.len()
            ));
        }
    }
    assert!(found.is_empty(), "\n{}\n", found.join("\n"));
}

/// Whether `typo` is marked as often as it is listed, and is the UN's: its words are in the seed.
fn marking_problem(slug: &str, content: &str, typo: &Typo, listed: &[&Typo]) -> Option<String> {
    let marked = format!("{}{SIC}", typo.words);
    let times = listed.iter().filter(|t| t.words == typo.words).count();
    let seed = seed_words(&seed_text(slug)).join(" ");
    if content.matches(&marked).count() != times {
        Some(format!(
            "{slug}: «{marked}» should occur {times} time(s) ({})",
            typo.reason
        ))
    } else if !seed.contains(typo.words) {
        Some(format!("{slug}: «{}» is not in the seed text", typo.words))
    } else {
        None
    }
}

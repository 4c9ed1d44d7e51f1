//! The outline of a text: its headings, nested by level, each with the range of numbered
//! paragraphs it holds (`I. Sécurité et coopération — par. 1–9`) and a link to its anchor.
//! Shown beside the text on a document page and its parallel view; computed here from the
//! parsed body, so that the template only lays it out.

use super::citations::short;
use super::views::{OutlineEntry, OutlineView};
use super::Renderer;
use crate::model::{Body, Document, Node, Numbering};
use crate::theme::Strings;

/// How deep the outline nests: parts, their sections, and theirs. A heading deeper still is
/// listed beside the deepest level rather than under it.
pub const MAX_DEPTH: usize = 3;

/// A heading's label is its text, cut at a word before this many characters (the side column
/// is narrow, and the heading itself is one click away).
const LABEL_CHARS: usize = 60;

/// A heading of a text as its outline holds it, before its range is put in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub id: String,
    pub level: u8,
    pub text: String,
    /// The numbers of the first and last numbered paragraphs the heading holds, as the text
    /// gives them. `None` when it holds none, or when they belong to parts that each number
    /// from 1 (such a heading's parts show their own ranges).
    pub range: Option<(String, String)>,
    pub children: Vec<Heading>,
}

/// What a heading holds while the text is read: its numbered paragraphs so far.
#[derive(Default)]
struct Held {
    first: Option<(String, usize)>,
    last: String,
    /// Its paragraphs belong to more than one numbering run.
    mixed: bool,
}

struct Flat {
    id: String,
    level: u8,
    text: String,
    held: Held,
}

/// The outline of a body: its top-level headings, each holding the numbered paragraphs that
/// follow it until the next heading of the same or a higher level. Under per-part numbering a
/// heading that opens a part (pinned or numbered) starts a new run of numbers.
pub fn outline(body: &Body, numbering: Numbering) -> Vec<Heading> {
    let mut flat: Vec<Flat> = Vec::new();
    // The headings the reader is inside, as indices into `flat`.
    let mut open: Vec<usize> = Vec::new();
    let mut run = 0;
    for node in &body.nodes {
        match node {
            Node::Heading {
                anchor,
                level,
                part,
                content,
            } => {
                open.retain(|&i| flat[i].level < *level);
                open.push(flat.len());
                flat.push(Flat {
                    id: anchor.id.clone(),
                    level: *level,
                    text: content.text().to_string(),
                    held: Held::default(),
                });
                if *part && numbering == Numbering::PerPart {
                    run += 1;
                }
            }
            Node::Numbered { anchor, .. } => {
                let Some(n) = &anchor.number else { continue };
                for &i in &open {
                    let held = &mut flat[i].held;
                    match &held.first {
                        None => held.first = Some((n.clone(), run)),
                        Some((_, r)) if *r != run => held.mixed = true,
                        Some(_) => {}
                    }
                    held.last.clone_from(n);
                }
            }
            _ => {}
        }
    }
    nest(&mut flat.into_iter().peekable(), 0, 1)
}

/// The headings deeper than `parent_level` that come next, each with the deeper ones after
/// it as its children, down to [`MAX_DEPTH`].
fn nest(
    flat: &mut std::iter::Peekable<std::vec::IntoIter<Flat>>,
    parent_level: u8,
    depth: usize,
) -> Vec<Heading> {
    let mut out = Vec::new();
    while let Some(h) = flat.next_if(|h| h.level > parent_level) {
        let children = if depth < MAX_DEPTH {
            nest(flat, h.level, depth + 1)
        } else {
            Vec::new()
        };
        let range = match h.held {
            Held {
                first: Some((first, _)),
                last,
                mixed: false,
            } => Some((first, last)),
            _ => None,
        };
        out.push(Heading {
            id: h.id,
            level: h.level,
            text: h.text,
            range,
            children,
        });
    }
    out
}

/// A range in words: `par. 5`, `par. 1–9` (`para. 5`, `paras 1–9`).
pub fn range_words(range: &(String, String), s: &Strings) -> String {
    let (first, last) = range;
    if first == last {
        s.get("outline_paragraph").replace("{n}", first)
    } else {
        s.get("outline_paragraphs")
            .replace("{first}", first)
            .replace("{last}", last)
    }
}

/// A heading's text, cut at a word if long, without the punctuation before the cut.
fn label(text: &str) -> String {
    let cut = short(text, LABEL_CHARS);
    match cut.strip_suffix('…') {
        Some(words) => format!("{}…", words.trim_end_matches([',', ';', ':', ' '])),
        None => cut,
    }
}

fn entries(headings: &[Heading], s: &Strings) -> Vec<OutlineEntry> {
    headings
        .iter()
        .map(|h| OutlineEntry {
            id: h.id.clone(),
            label: label(&h.text),
            range: h.range.as_ref().map(|r| range_words(r, s)),
            children: entries(&h.children, s),
        })
        .collect()
}

impl Renderer<'_> {
    /// The outline of a document as its page in `lang` shows it.
    pub fn outline_view(&self, lang: &str, doc: &Document) -> OutlineView {
        let version = doc.version(lang, self.default());
        OutlineView {
            entries: entries(
                &outline(&version.body, doc.facts.numbering),
                self.strings(lang),
            ),
            text_lang: (version.lang != lang).then(|| version.lang.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{anchors, markdown};
    use crate::source::Source;

    fn parsed(md: &str, numbering: Numbering) -> Vec<Heading> {
        let src = Source::new("t.fr.md", md.to_string());
        let (mut body, d) = markdown::parse(&src, 0..md.len());
        assert!(d.is_empty(), "{d:?}");
        anchors::assign(&mut body, numbering);
        outline(&body, numbering)
    }

    /// Each heading as `id: first–last`, children indented.
    fn lines(headings: &[Heading], indent: usize, out: &mut Vec<String>) {
        for h in headings {
            let range = match &h.range {
                Some((a, b)) => format!("{a}–{b}"),
                None => "-".into(),
            };
            out.push(format!("{}{}: {range}", "  ".repeat(indent), h.id));
            lines(&h.children, indent + 1, out);
        }
    }

    fn shape(md: &str, numbering: Numbering) -> Vec<String> {
        let mut out = Vec::new();
        lines(&parsed(md, numbering), 0, &mut out);
        out
    }

    #[test]
    fn each_heading_holds_the_numbered_paragraphs_until_the_next_of_its_level_or_higher() {
        let md = "## Letter {#letter}\n\nText.\n\n## Annex {#annex}\n\n### Act\n\n\
                  ### Preamble {#preamble}\n\n*Considering*\n\n### I. Security\n\n1. One.\n\n\
                  2. Two.\n\n### II. Risks\n\n3. Three.\n\n### IV. Structure\n\n4. Four.\n\n\
                  #### 1. Meetings\n\n5. Five.\n\n6. Six.\n\n#### 2. Secretariat\n\n7. Seven.\n";
        assert_eq!(
            shape(md, Numbering::Continuous),
            [
                "letter: -",
                "annex: 1–7",
                "  annex-1: -",
                "  preamble: -",
                "  i: 1–2",
                "  ii: 3–3",
                "  iv: 4–7",
                "    iv-1: 5–6",
                "    iv-2: 7–7",
            ]
        );
    }

    #[test]
    fn a_heading_over_parts_that_restart_their_numbering_shows_no_range_of_its_own() {
        let md = "## Annex {#annex}\n\n### I\n\n1. One.\n\n2. Two.\n\n### II\n\n1. One.\n\n\
                  2. Two.\n\n3. Three.\n";
        assert_eq!(
            shape(md, Numbering::PerPart),
            ["annex: -", "  i: 1–2", "  ii: 1–3"]
        );
        // A heading that is no part (neither pinned nor numbered) does not restart a run.
        let md = "## Annex II {#annex-2}\n\n### Draft resolution\n\n1. One.\n\n2. Two.\n";
        assert_eq!(
            shape(md, Numbering::PerPart),
            ["annex-2: 1–2", "  annex-2-1: 1–2"]
        );
    }

    #[test]
    fn deeper_headings_are_listed_at_the_deepest_level_and_a_skipped_level_still_nests() {
        let md = "## A {#a}\n\n#### B {#b}\n\n##### C {#c}\n\n###### D {#d}\n\n## E {#e}\n";
        assert_eq!(
            shape(md, Numbering::Continuous),
            ["a: -", "  b: -", "    c: -", "    d: -", "e: -"]
        );
    }

    #[test]
    fn labels_are_the_heading_text_without_note_calls_and_ranges_are_in_words() {
        let md = "## Letter dated 3 July 2006 from the Chargé d'affaires of the Permanent \
                  Mission of Kazakhstan[^1] {#letter}\n\n5. Five.\n\n[^1]: A note.\n";
        let h = parsed(md, Numbering::Continuous);
        assert_eq!(
            h[0].text,
            "Letter dated 3 July 2006 from the Chargé d'affaires of the Permanent Mission of Kazakhstan"
        );
        assert_eq!(
            label(&h[0].text),
            "Letter dated 3 July 2006 from the Chargé d'affaires of the…"
        );
        assert_eq!(
            label("Démarche coopérative pour la mise en œuvre des mesures de confiance : annexe"),
            "Démarche coopérative pour la mise en œuvre des mesures de…"
        );
        assert_eq!(
            label("Cooperative Approach for the Implementation of CICA CBMs: annex"),
            "Cooperative Approach for the Implementation of CICA CBMs…"
        );
        let s = Strings {
            map: [
                ("outline_paragraph", "para. {n}"),
                ("outline_paragraphs", "paras {first}–{last}"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            months: Vec::new(),
        };
        assert_eq!(range_words(&("5".into(), "5".into()), &s), "para. 5");
        assert_eq!(range_words(&("1".into(), "9".into()), &s), "paras 1–9");
    }
}

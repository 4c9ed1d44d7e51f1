//! Paragraph ids: the rules of `docs/writing.md`, as one pure pass over a parsed body.
//!
//! 1. Pinned ids win. 2. Official numbers come next (`para-27`, `ii-para-1`, `iv-1`, `para-6-a`).
//! 3. Everything else is numbered by position within its part (`preamble-3`), so an edit in one
//!    part never renumbers another. Ids never derive from translated words.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Anchor, Body, Node, Numbering};
use crate::parse::markdown::footnote_id;
use crate::source::Source;
use std::collections::HashMap;

/// The part blocks belong to before the first heading that opens a part.
pub const INTRO: &str = "intro";

struct PartHeading {
    level: u8,
    id: String,
    numbered: bool,
}

struct Ids {
    numbering: Numbering,
    open: Vec<PartHeading>,
    part: String,
    position: usize,
}

impl Ids {
    fn next_position(&mut self) -> String {
        self.position += 1;
        format!("{}-{}", self.part, self.position)
    }

    fn open_part(&mut self, level: u8, id: &str, numbered: bool) {
        self.open.retain(|h| h.level < level);
        self.open.push(PartHeading {
            level,
            id: id.to_string(),
            numbered,
        });
        self.part = id.to_string();
        self.position = 0;
    }
}

/// Assigns an id to every anchor of `body`.
pub fn assign(body: &mut Body, numbering: Numbering) {
    let mut ids = Ids {
        numbering,
        open: Vec::new(),
        part: INTRO.to_string(),
        position: 0,
    };
    for node in &mut body.nodes {
        top_level(node, &mut ids);
    }
    for f in &mut body.footnotes {
        f.anchor.id = footnote_id(&f.label);
        let parent = f.anchor.id.clone();
        children(&mut f.body, &parent, 1);
    }
}

/// Gives a top-level block its id, and the blocks inside it theirs.
fn top_level(node: &mut Node, ids: &mut Ids) {
    match node {
        Node::Heading {
            anchor,
            level,
            part,
            ..
        } => {
            heading(anchor, *level, ids);
            debug_assert_eq!(*part, anchor.pinned || anchor.number.is_some());
        }
        Node::Numbered { anchor, rest, .. } => {
            numbered(anchor, ids);
            let parent = anchor.id.clone();
            children(rest, &parent, 2);
        }
        Node::Paragraph { anchor, .. } => {
            paragraph(anchor, ids);
        }
        Node::List { items, .. } => {
            for item in items {
                if !item.anchor.pinned {
                    item.anchor.id = ids.next_position();
                }
                let parent = item.anchor.id.clone();
                children(&mut item.rest, &parent, 2);
            }
        }
        Node::Table { anchor, rows, .. } => {
            positional(anchor, ids);
            for (i, row) in rows.iter_mut().enumerate() {
                row.anchor.id = format!("{}-row-{}", anchor.id, i + 1);
            }
        }
        Node::Quote { anchor, body } => {
            positional(anchor, ids);
            let parent = anchor.id.clone();
            children(body, &parent, 1);
        }
        Node::Code { anchor, .. } => positional(anchor, ids),
        Node::Rule => {}
    }
}

/// A heading opens a part when pinned or officially numbered; otherwise it is numbered by
/// position like any block.
fn heading(anchor: &mut Anchor, level: u8, ids: &mut Ids) {
    if anchor.pinned {
        ids.open_part(level, &anchor.id.clone(), false);
    } else if let Some(number) = &anchor.number {
        // A numbered heading is qualified by the enclosing numbered heading: IV → 1 = iv-1.
        ids.open.retain(|h| h.level < level);
        let own = number.to_lowercase();
        anchor.id = match ids.open.iter().rev().find(|h| h.numbered) {
            Some(parent) => format!("{}-{own}", parent.id),
            None => own,
        };
        ids.open_part(level, &anchor.id.clone(), true);
    } else {
        anchor.id = ids.next_position();
    }
}

/// An officially numbered paragraph: `para-N`, or `{part}-para-N` where numbering restarts
/// in each part.
fn numbered(anchor: &mut Anchor, ids: &Ids) {
    if !anchor.pinned {
        let n = anchor.number.clone().unwrap_or_default();
        anchor.id = match ids.numbering {
            Numbering::Continuous => format!("para-{n}"),
            Numbering::PerPart => format!("{}-para-{n}", ids.part),
        };
    }
}

/// A lettered paragraph is `{part}-{letter}`; any other is numbered by position.
fn paragraph(anchor: &mut Anchor, ids: &mut Ids) {
    if !anchor.pinned {
        anchor.id = match &anchor.number {
            Some(letter) => format!("{}-{letter}", ids.part),
            None => ids.next_position(),
        };
    }
}

fn positional(anchor: &mut Anchor, ids: &mut Ids) {
    if !anchor.pinned {
        anchor.id = ids.next_position();
    }
}

/// Blocks inside a numbered paragraph, a list item, a quote or a footnote: `{parent}-{k}`,
/// with `k` counting from `first` (2 where the parent's own text is its first paragraph).
fn children(nodes: &mut [Node], parent: &str, first: usize) {
    let mut k = first;
    let mut next = |a: &mut Anchor| {
        if !a.pinned {
            a.id = format!("{parent}-{k}");
        }
        k += 1;
    };
    for node in nodes {
        match node {
            Node::Paragraph { anchor, .. } => match anchor.number.clone() {
                Some(letter) if !anchor.pinned => anchor.id = format!("{parent}-{letter}"),
                _ => next(anchor),
            },
            Node::Heading { anchor, .. } | Node::Code { anchor, .. } => next(anchor),
            Node::Numbered { anchor, rest, .. } => {
                next(anchor);
                let id = anchor.id.clone();
                children(rest, &id, 2);
            }
            Node::List { items, .. } => {
                for item in items {
                    next(&mut item.anchor);
                    let id = item.anchor.id.clone();
                    children(&mut item.rest, &id, 2);
                }
            }
            Node::Table { anchor, rows, .. } => {
                next(anchor);
                for (i, row) in rows.iter_mut().enumerate() {
                    row.anchor.id = format!("{}-row-{}", anchor.id, i + 1);
                }
            }
            Node::Quote { anchor, body } => {
                next(anchor);
                let id = anchor.id.clone();
                children(body, &id, 1);
            }
            Node::Rule => {}
        }
    }
}

/// Ids are unique in a page: a duplicate names both places and says how to fix it.
pub fn check_unique(body: &Body, source: &Source) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Anchor> = HashMap::new();
    let mut out = Vec::new();
    for a in body.anchors() {
        if let Some(first) = seen.get(a.id.as_str()) {
            let help = if a.pinned || first.pinned {
                "pin a different id on one of the two blocks".to_string()
            } else if a.id.contains("para-") {
                "if the text restarts its numbering in each part, set numbering = \"per-part\" in the front matter; otherwise correct the paragraph number or pin an id with {#…}".to_string()
            } else {
                "pin a distinct id on one of the two blocks with {#…}".to_string()
            };
            out.push(
                Diagnostic::error(format!("the id `{}` is used twice on this page", a.id))
                    .at(Location::at(source, a.span.start))
                    .note(Location::at(source, first.span.start), "first used here")
                    .help(help),
            );
        } else {
            seen.insert(&a.id, a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown;

    fn ids(md: &str, numbering: Numbering) -> Vec<String> {
        let src = Source::new("t.fr.md", md.to_string());
        let (mut body, diags) = markdown::parse(&src, 0..md.len());
        assert!(diags.is_empty(), "{diags:?}");
        assign(&mut body, numbering);
        assert_eq!(check_unique(&body, &src), vec![]);
        body.anchors().iter().map(|a| a.id.clone()).collect()
    }

    #[test]
    fn the_notes_heading_id_cannot_be_pinned() {
        let md = "Texte. {#notes}\n";
        let src = Source::new("t.fr.md", md.to_string());
        let (mut body, diags) = markdown::parse(&src, 0..md.len());
        assert!(
            diags.iter().any(|d| d.message.contains("notes heading")),
            "{diags:?}"
        );
        assign(&mut body, Numbering::Continuous);
        assert!(body.anchors().iter().all(|a| a.id != "notes"));
    }

    #[test]
    fn official_numbers_win() {
        let md = "## Préambule {#preamble}\n\nA\n\nB\n\n## I. Sécurité\n\n1. Un\n\n2. Deux\n\n27. Vingt-sept\n";
        assert_eq!(
            ids(md, Numbering::Continuous),
            [
                "preamble",
                "preamble-1",
                "preamble-2",
                "i",
                "para-1",
                "para-2",
                "para-27"
            ]
        );
    }

    #[test]
    fn per_part_numbering_is_qualified_by_part() {
        let md = "### I\n\nOuverture\n\n1. Un\n\n### II\n\nOuverture\n\n1. Un\n\n## Annexe I {#annex-1}\n\n### Mémoire\n\n3. Trois\n";
        assert_eq!(
            ids(md, Numbering::PerPart),
            [
                "i",
                "i-1",
                "i-para-1",
                "ii",
                "ii-1",
                "ii-para-1",
                "annex-1",
                "annex-1-1",
                "annex-1-para-3"
            ]
        );
    }

    #[test]
    fn numbered_subheadings_are_qualified_by_their_numbered_parent() {
        let md = "## Annexe {#annex}\n\n### IV. Structure\n\n28. Texte\n\n#### 1. Réunions\n\n29. Texte\n\n#### 2. Autres\n\nFait à Almaty\n";
        assert_eq!(
            ids(md, Numbering::Continuous),
            ["annex", "iv", "para-28", "iv-1", "para-29", "iv-2", "iv-2-1"]
        );
    }

    #[test]
    fn unnumbered_blocks_are_positional_within_their_part_only() {
        let a = ids(
            "## A {#a}\n\nx\n\n## B {#b}\n\ny\n\nz\n",
            Numbering::Continuous,
        );
        let b = ids(
            "## A {#a}\n\nx\n\nnew\n\n## B {#b}\n\ny\n\nz\n",
            Numbering::Continuous,
        );
        assert_eq!(a, ["a", "a-1", "b", "b-1", "b-2"]);
        // Inserting a paragraph in part A leaves part B's ids untouched.
        assert_eq!(b, ["a", "a-1", "a-2", "b", "b-1", "b-2"]);
    }

    #[test]
    fn further_paragraphs_lists_letters_tables_and_footnotes() {
        let md = "Intro[^1]\n\n6. Premier\n\n    Deuxième\n\n    a) lettre\n\n- un\n- deux\n\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nb) autre\n\n[^1]: Note.\n";
        assert_eq!(
            ids(md, Numbering::Continuous),
            [
                "intro-1",
                "para-6",
                "para-6-2",
                "para-6-a",
                "intro-2",
                "intro-3",
                "intro-4",
                "intro-4-row-1",
                "intro-4-row-2",
                "intro-b",
                "fn-1",
                "fn-1-1"
            ]
        );
    }

    #[test]
    fn pinned_ids_win_everywhere() {
        let md = "## Titre {#t}\n\nTexte {#pinned}\n\n5. Cinq {#five}\n\n- item {#it}\n";
        assert_eq!(
            ids(md, Numbering::Continuous),
            ["t", "pinned", "five", "it"]
        );
    }

    #[test]
    fn duplicates_name_both_lines() {
        let md = "1. Un\n\n1. Encore\n";
        let src = Source::new("t.fr.md", md.to_string());
        let (mut body, _) = markdown::parse(&src, 0..md.len());
        assign(&mut body, Numbering::Continuous);
        let d = check_unique(&body, &src);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, 3);
        assert_eq!(d[0].notes[0].0.line, 1);
        assert!(d[0].help.as_ref().unwrap().contains("per-part"));
    }
}

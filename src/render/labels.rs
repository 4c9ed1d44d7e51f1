//! Labels of citable blocks for people: "par. 27", "par. 6, deuxième alinéa", "Modalités b)",
//! "Préambule, quatrième alinéa", "Annexe II, ligne 4", "note 1". One function makes them for
//! every place a block is named (citations, "Cited in", mentions, search results, quotes);
//! ids stay in URLs and data files.

use crate::model::{Anchor, Block, Body, Item, Node, Numbering};
use std::collections::HashMap;

/// Human labels of every block of one version, by id.
pub type BlockLabels = HashMap<String, String>;

/// The words labels are made of, in one language (`i18n/*.toml`, `label_*`).
pub struct LabelWords<'a> {
    /// "par."
    pub para: &'a str,
    /// "ligne"
    pub row: &'a str,
    /// "note"
    pub note: &'a str,
    /// "{p} {l})": a lettered paragraph `{l}` of `{p}`.
    pub lettered: &'a str,
    /// "{p}, {n} alinéa": the `{n}`th paragraph of a numbered paragraph `{p}`, or of a part.
    pub nth: &'a str,
    /// "{n} alinéa": the `{n}`th paragraph before any part.
    pub nth_alone: &'a str,
    /// "tableau"
    pub table: &'a str,
    /// "premier,deuxième,…": ordinals in words, from the first; past them, the number.
    pub ordinals: &'a str,
}

impl LabelWords<'_> {
    fn ordinal(&self, n: usize) -> String {
        self.ordinals
            .split(',')
            .nth(n.wrapping_sub(1))
            .map(|o| o.trim().to_string())
            .unwrap_or_else(|| n.to_string())
    }

    fn nth_of(&self, of: Option<&str>, n: usize) -> String {
        let ord = self.ordinal(n);
        match of {
            Some(p) => self.nth.replace("{p}", p).replace("{n}", &ord),
            None => self.nth_alone.replace("{n}", &ord),
        }
    }

    fn lettered_of(&self, of: Option<&str>, letter: &str) -> String {
        match of {
            Some(p) => self.lettered.replace("{p}", p).replace("{l}", letter),
            None => format!("{letter})"),
        }
    }
}

/// Labels every block of a body.
pub fn block_labels(body: &Body, numbering: Numbering, words: &LabelWords) -> BlockLabels {
    let mut labels = Labeller {
        words,
        numbering,
        part: None,
        count: 0,
        out: HashMap::new(),
    };
    for node in &body.nodes {
        labels.top(node);
    }
    for f in &body.footnotes {
        let note = format!("{} {}", words.note, f.label);
        labels.out.insert(f.anchor.id.clone(), note.clone());
        let mut n = 0;
        crate::model::visit(&f.body, &mut |b| {
            n += 1;
            let label = if n == 1 {
                note.clone()
            } else {
                words.nth_of(Some(&note), n)
            };
            labels.out.insert(b.anchor().id.clone(), label);
        });
    }
    labels.out
}

struct Labeller<'w> {
    words: &'w LabelWords<'w>,
    numbering: Numbering,
    /// The label of the part being read ("Préambule", "II", "Annexe III").
    part: Option<String>,
    /// Unnumbered paragraphs so far in the part.
    count: usize,
    out: BlockLabels,
}

impl Labeller<'_> {
    fn set(&mut self, id: &str, label: String) {
        self.out.insert(id.to_string(), label);
    }

    /// A block at the top of the body, or in a quote there.
    fn top(&mut self, node: &Node) {
        match node {
            Node::Heading {
                anchor,
                part,
                content,
                ..
            } => {
                let name = heading_name(content.text());
                if *part {
                    // A part with an official number is cited by it: "II, par. 1".
                    self.part = Some(anchor.number.clone().unwrap_or_else(|| name.clone()));
                    self.count = 0;
                }
                self.set(&anchor.id, name);
            }
            Node::Numbered { anchor, rest, .. } => {
                let n = anchor.number.clone().unwrap_or_default();
                let label = match (&self.part, self.numbering) {
                    (Some(p), Numbering::PerPart) => format!("{p}, {} {n}", self.words.para),
                    _ => format!("{} {n}", self.words.para),
                };
                self.set(&anchor.id, label.clone());
                let mut sub = 1;
                for node in rest {
                    self.within(node, &label, &mut sub);
                }
            }
            Node::List { items, .. } => {
                for item in items {
                    let part = self.part.clone();
                    let label = match lettered(item) {
                        Some(l) => self.words.lettered_of(part.as_deref(), l),
                        None => {
                            self.count += 1;
                            self.words.nth_of(part.as_deref(), self.count)
                        }
                    };
                    self.set(&item.anchor.id, label.clone());
                    let mut sub = 1;
                    for node in &item.rest {
                        self.within(node, &label, &mut sub);
                    }
                }
            }
            Node::Table { anchor, rows, .. } => {
                let table = match &self.part {
                    Some(p) => format!("{p}, {}", self.words.table),
                    None => capitalized(self.words.table),
                };
                self.set(&anchor.id, table);
                for (i, r) in rows.iter().enumerate() {
                    let row = match &self.part {
                        Some(p) => format!("{p}, {} {}", self.words.row, i + 1),
                        None => format!("{} {}", capitalized(self.words.row), i + 1),
                    };
                    self.set(&r.anchor.id, row);
                }
            }
            Node::Quote { anchor, body } => {
                self.count += 1;
                let part = self.part.clone();
                let label = self.words.nth_of(part.as_deref(), self.count);
                self.set(&anchor.id, label.clone());
                let mut sub = 1;
                for node in body {
                    self.within(node, &label, &mut sub);
                }
            }
            Node::Paragraph { anchor, .. } if letter(anchor).is_some() => {
                let part = self.part.clone();
                let label = self
                    .words
                    .lettered_of(part.as_deref(), letter(anchor).unwrap_or_default());
                self.set(&anchor.id, label);
            }
            Node::Paragraph { anchor, .. } | Node::Code { anchor, .. } => {
                self.count += 1;
                let part = self.part.clone();
                let label = self.words.nth_of(part.as_deref(), self.count);
                self.set(&anchor.id, label);
            }
            Node::Rule => {}
        }
    }

    /// A block inside the block labelled `of` (a numbered paragraph, an item, a quote): its
    /// lettered paragraphs by letter, the others by their place from the second.
    fn within(&mut self, node: &Node, of: &str, sub: &mut usize) {
        let mut label_of = |this: &mut Self, b: Block| {
            let label = match b {
                b @ (Block::Item(_) | Block::Node(Node::Paragraph { .. }))
                    if letter(b.anchor()).is_some() =>
                {
                    this.words
                        .lettered_of(Some(of), letter(b.anchor()).unwrap_or_default())
                }
                Block::Row(_) => return,
                _ => {
                    *sub += 1;
                    this.words.nth_of(Some(of), *sub)
                }
            };
            this.set(&b.anchor().id, label);
        };
        let mut blocks = Vec::new();
        crate::model::visit(std::slice::from_ref(node), &mut |b| blocks.push(b));
        for b in blocks {
            label_of(self, b);
        }
        if let Node::Table { rows, .. } = node {
            for (i, r) in rows.iter().enumerate() {
                let row = format!("{of}, {} {}", self.words.row, i + 1);
                self.set(&r.anchor.id, row);
            }
        }
    }
}

/// The letter of a lettered paragraph or item (`a)`), as the parser numbered it.
fn letter(anchor: &Anchor) -> Option<&str> {
    anchor
        .number
        .as_deref()
        .filter(|n| n.chars().all(|c| c.is_ascii_lowercase()))
}

fn lettered(item: &Item) -> Option<&str> {
    letter(&item.anchor)
}

/// How a heading is named: its words, a long title of a letter or an annex shortened to what
/// comes before its first comma or before the words that say who wrote it ("Lettre datée du 20
/// septembre 2002"). Never cut within a phrase: a citation does not end in "…".
fn heading_name(text: &str) -> String {
    const LONG: usize = 48;
    if text.chars().count() <= LONG {
        return text.to_string();
    }
    const ENDS: [&str; 7] = [
        ", ",
        " from ",
        " addressed ",
        " adressée ",
        " transmitting ",
        " transmettant ",
        " par le ",
    ];
    ENDS.iter()
        .filter_map(|end| text.find(end))
        .filter(|&at| text[..at].split_whitespace().count() >= 2)
        .min()
        .map(|at| text[..at].to_string())
        .unwrap_or_else(|| text.to_string())
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{anchors, markdown};
    use crate::source::Source;

    const WORDS: LabelWords = LabelWords {
        para: "para.",
        row: "row",
        note: "note",
        lettered: "{p} ({l})",
        nth: "{p}, {n} paragraph",
        nth_alone: "{n} paragraph",
        table: "table",
        ordinals: "first,second,third,fourth",
    };

    fn labels(md: &str, numbering: Numbering) -> BlockLabels {
        let src = Source::new("t.en.md", md.to_string());
        let (mut body, d) = markdown::parse(&src, 0..md.len());
        assert!(d.is_empty(), "{d:?}");
        anchors::assign(&mut body, numbering);
        block_labels(&body, numbering, &WORDS)
    }

    #[test]
    fn labels_name_places_as_readers_cite_them_never_by_id() {
        let md = "Opening words.\n\n## Preamble {#preamble}\n\nOne.\n\nTwo.\n\n## II. Part\n\n6. Six:\n\n    Further words.\n\n    a) first;\n\n    b) second.\n\n7. Seven.[^1]\n\n| A | B |\n|---|---|\n| x | y |\n\n[^1]: A note.\n";
        let l = labels(md, Numbering::Continuous);
        assert_eq!(l["intro-1"], "first paragraph");
        assert_eq!(l["preamble"], "Preamble");
        assert_eq!(l["preamble-2"], "Preamble, second paragraph");
        assert_eq!(l["ii"], "II. Part");
        assert_eq!(l["para-6"], "para. 6");
        assert_eq!(l["para-6-2"], "para. 6, second paragraph");
        assert_eq!(l["para-6-a"], "para. 6 (a)");
        assert_eq!(l["para-6-b"], "para. 6 (b)");
        assert_eq!(l["fn-1"], "note 1");
        for (id, label) in &l {
            assert!(
                !label.contains(id.as_str()) || !id.contains('-'),
                "{id}: {label}"
            );
        }
        let rows: Vec<&String> = l
            .iter()
            .filter(|(k, _)| k.contains("row"))
            .map(|(_, v)| v)
            .collect();
        assert_eq!(rows, ["II, row 1"]);
        let per_part = labels("## II. Part\n\n1. One.\n", Numbering::PerPart);
        assert_eq!(per_part["ii-para-1"], "II, para. 1");
    }

    #[test]
    fn a_long_heading_is_named_by_its_words_before_the_first_comma() {
        assert_eq!(
            heading_name("Lettre datée du 20 septembre 2002, adressée au Secrétaire général par la Représentante permanente"),
            "Lettre datée du 20 septembre 2002"
        );
        assert_eq!(heading_name("Annexe III"), "Annexe III");
        assert_eq!(
            heading_name(
                "Annex to the letter dated 13 December 2017 from the Permanent Representative"
            ),
            "Annex to the letter dated 13 December 2017"
        );
        let whole =
            "Démarche coopérative pour la mise en œuvre des mesures de confiance de la CICA";
        assert_eq!(heading_name(whole), whole);
    }
}

use super::*;
use crate::import::classify::classify;
use crate::import::model::Block;
use crate::import::read::chunks;

fn built(text: &str) -> (Vec<Block>, Outline) {
    let mut log = Log::default();
    let mut pieces = classify(chunks(text));
    let outline = build(&mut pieces, &mut log);
    (pieces.into_iter().map(|p| p.block).collect(), outline)
}

fn headings(blocks: &[Block]) -> Vec<(u8, Option<String>, String)> {
    blocks
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Heading { level, pin } => Some((*level, pin.clone(), b.text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn letter_annexes_sections_and_numbered_parts_take_their_levels() {
    let text = "**Lettre datée du 20 septembre 2002**\n\nTexte.\n\n**Annexe à la lettre**\n\n**Acte d'Almaty**\n\n**Préambule**\n\n*Les chefs d'État,*\n\n## **I. Sécurité**\n\n1. Un.\n\n##### **1. Réunions**\n\n2. Deux.\n\nPièce jointe\n\nDomaines de coopération prioritaires\n\nÉconomie\n\n1. Un.\n\nEnvironnement\n\n1. Un.\n\nModalités\n\nTexte.\n\nDémarche : annexe\n\nTexte.\n";
    let (blocks, outline) = built(text);
    let pin = |s: &str| Some(s.to_string());
    assert_eq!(
        headings(&blocks),
        [
            (2, pin("letter"), "Lettre datée du 20 septembre 2002".into()),
            (2, pin("annex"), "Annexe à la lettre".into()),
            (3, None, "Acte d'Almaty".into()),
            (3, pin("preamble"), "Préambule".into()),
            (3, None, "I. Sécurité".into()),
            (4, None, "1. Réunions".into()),
            (2, pin("enclosure"), "Pièce jointe".into()),
            (
                3,
                pin("priority-areas"),
                "Domaines de coopération prioritaires".into()
            ),
            (4, pin("economy"), "Économie".into()),
            (4, pin("environment"), "Environnement".into()),
            (3, pin("modalities"), "Modalités".into()),
            (3, pin("enclosure-annex"), "Démarche : annexe".into()),
        ]
    );
    assert_eq!(outline.title, Some(3));
    assert_eq!(outline.letter, Some(0..2));
    assert_eq!(outline.numbering, Numbering::PerPart);
}

#[test]
fn a_text_after_the_letter_without_an_annex_heading_is_a_part_named_by_its_kind() {
    let (blocks, outline) = built("**Lettre datée du 3 juillet 2006**\n\nTexte.\n\nDÉCLARATION\nadoptée à l'issue\n\nI\n\n1. Un.\n");
    assert_eq!(headings(&blocks)[1].1.as_deref(), Some("declaration"));
    assert_eq!(headings(&blocks)[2].0, 3);
    assert_eq!(outline.title, Some(2));
    assert_eq!(outline.numbering, Numbering::Continuous);
}

#[test]
fn further_paragraphs_belong_to_the_numbered_paragraph_above() {
    let text = "1. Un.\n\nSuite de un.\n\na) lettre.\n\n2. Deux.\n\n1. Économie;\n2. Environnement.\n\nTout État membre peut.\n\nFait à Almaty, le 4 juin 2002\n";
    let (blocks, _) = built(text);
    let nested: Vec<bool> = blocks.iter().map(|b| b.nested).collect();
    assert_eq!(
        nested,
        [false, true, true, false, false, false, false, false]
    );
    // After the last numbered paragraph, the reading is noted: it might stand on its own.
    assert!(blocks[1].notes.is_empty());
}

#[test]
fn a_restart_under_an_unnamed_heading_gives_it_an_id() {
    let (blocks, outline) = built("**Annexe I**\n\n1. Un.\n\nMémoire\n\n1. Un.\n");
    assert_eq!(outline.numbering, Numbering::PerPart);
    assert_eq!(headings(&blocks)[1].1.as_deref(), Some("memoire"));
    assert!(blocks[2].notes.iter().any(|n| n.contains("`memoire`")));
}

#[test]
fn notes_move_out_of_a_numbered_paragraph() {
    let mut further = Block::new(Kind::Paragraph, "Suite.", 3);
    further.nested = true;
    let blocks = vec![
        Block::new(Kind::Numbered { number: 1 }, "Un[^1].", 1),
        Block::new(Kind::Note { label: "1".into() }, "Note.", 2),
        further,
        Block::new(Kind::Paragraph, "Hors.", 4),
    ];
    let lines: Vec<usize> = settle_notes(blocks).iter().map(|b| b.line).collect();
    assert_eq!(lines, [1, 3, 2, 4]);
}

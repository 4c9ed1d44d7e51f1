use super::*;
use crate::import::read::chunks;

fn shown(text: &str) -> Vec<(Kind, String, How)> {
    classify(chunks(text))
        .into_iter()
        .map(|p| (p.block.kind, p.block.text, p.how))
        .collect()
}

fn heading() -> Kind {
    Kind::Heading {
        level: 0,
        pin: None,
    }
}

#[test]
fn headings_marked_known_and_guessed() {
    assert_eq!(
        shown("## **I. Sécurité et coopération**\n\n**2. Réunions spécialisées**\n\nII\n\nMémoire explicatif\n\nL'Assemblée générale,\n"),
        [
            (heading(), "I. Sécurité et coopération".into(), How::Marked),
            (heading(), "2. Réunions spécialisées".into(), How::Marked),
            (heading(), "II".into(), How::Marked),
            (heading(), "Mémoire explicatif".into(), How::Guessed),
            (Kind::Paragraph, "L'Assemblée générale,".into(), How::Plain),
        ]
    );
}

#[test]
fn closing_lines_and_signatures() {
    assert_eq!(
        shown("**Fait à Almaty, le 4 juin 2002**\n\nLe Chargé d'affaires,\nMission permanente\n(Signé) Arkin **Akhmetov**\n"),
        [
            (Kind::Paragraph, "**Fait à Almaty, le 4 juin 2002**".into(), How::Closing),
            (
                Kind::Paragraph,
                "Le Chargé d'affaires,\\\nMission permanente\\\n(Signé) Arkin **Akhmetov**".into(),
                How::Signature
            ),
        ]
    );
    assert_eq!(
        closing("New York, le 20 septembre 2017").unwrap().1,
        "New York"
    );
    assert_eq!(
        closing("Fait à Almaty, le 4 juin 2002").unwrap().0.iso(),
        "2002-06-04"
    );
    assert_eq!(closing("Le Conseil s'est réuni le 4 juin 2002"), None);
}

#[test]
fn items_on_consecutive_lines_and_short_lists() {
    let got = shown("1. Économie;\n2. Environnement.\n\n1. *Décide* d'inviter la Conférence sur l'interaction et les mesures de confiance en Asie à participer;\n2. *Prie* le Secrétaire général.\n\n- un;\n- deux\n\nb) D'autre part :\n");
    let kinds: Vec<(Kind, How)> = got.iter().map(|(k, _, h)| (k.clone(), *h)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Numbered { number: 1 }, How::InList),
            (Kind::Numbered { number: 2 }, How::InList),
            (Kind::Numbered { number: 1 }, How::Plain),
            (Kind::Numbered { number: 2 }, How::Plain),
            (Kind::Item, How::Plain),
            (Kind::Item, How::Plain),
            (Kind::Lettered, How::Plain),
        ]
    );
    assert_eq!(got[0].1, "Économie;");
    assert_eq!(got[4].1, "un;");
}

#[test]
fn a_long_line_without_punctuation_is_a_paragraph_and_a_letter_heading_is_a_heading() {
    let long = format!(
        "Liste des États membres {}",
        "qui se sont proposés comme pays coordonnateurs ".repeat(4)
    );
    let letter = "Lettre datée du 13 décembre 2017, adressée au Secrétaire général par les représentants de la Chine et du Kazakhstan auprès de l'Organisation des Nations Unies";
    let got = shown(&format!("{long}\n\n{letter}\n"));
    assert_eq!(got[0].2, How::Plain);
    assert_eq!((got[1].0.clone(), got[1].2), (heading(), How::Marked));
}

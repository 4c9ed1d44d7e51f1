use super::*;
use crate::import::read::chunks;

fn header_of(text: &str) -> (Header, Vec<Chunk>, Log) {
    let mut log = Log::default();
    let (header, body) = read(chunks(text), &mut log);
    (header, body, log)
}

fn seed(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/seeds/{name}.fr.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn glued_bold_runs_of_the_almaty_header_are_items_of_their_own() {
    let (h, body, log) = header_of(&seed("almaty-act-2002"));
    assert_eq!(h.distributed.unwrap().iso(), "2002-09-24");
    assert_eq!(h.original_languages, ["en"]);
    assert_eq!(
        h.sessions,
        [
            "Assemblée générale, cinquante-septième session",
            "Conseil de sécurité, cinquante-septième année"
        ]
    );
    assert_eq!(h.agenda_items.len(), 5);
    assert_eq!(
        h.agenda_items[0],
        "Points 66 s) et v), 68 d), 101 et 160 de l'ordre du jour"
    );
    assert_eq!(
        h.agenda_items[1],
        "Désarmement général et complet : désarmement nucléaire; commerce illicite des armes légères sous tous ses aspects"
    );
    assert!(h.symbols.is_empty() && h.title.is_none() && !h.request);
    // The text starts with the letter's heading, as a bold run of its own.
    assert!(body[0]
        .joined()
        .starts_with("**Lettre datée du 20 septembre 2002"));
    assert!(body[0].joined().ends_with("Nations Unies**"));
    assert!(log.repairs.iter().any(|r| r.what.contains("glued")));
}

#[test]
fn a_request_gives_the_title_of_its_item() {
    let (h, body, _) = header_of(&seed("observer-status-request-2007"));
    assert!(h.request);
    assert_eq!(
        h.title.as_deref(),
        Some("Octroi du statut d'observateur à la Conférence sur l'interaction et les mesures de confiance en Asie")
    );
    assert_eq!(
        h.sessions,
        ["Assemblée générale, soixante-deuxième session"]
    );
    assert_eq!(h.distributed.unwrap().iso(), "2007-10-04");
    assert!(body[0]
        .joined()
        .starts_with("**Lettre datée du 3 octobre 2007"));
}

#[test]
fn a_plain_header_ends_at_the_letter() {
    let (h, body, _) = header_of(&seed("anniversary-declaration-2017"));
    assert_eq!(h.agenda_items.len(), 7);
    assert_eq!(
        h.agenda_items[6],
        "La Stratégie antiterroriste mondiale des Nations Unies"
    );
    assert_eq!(h.lines, Some((5, 28)));
    assert!(body[0]
        .joined()
        .starts_with("Lettre datée du 13 décembre 2017"));
}

#[test]
fn a_text_without_a_header_keeps_its_chunks_as_they_were() {
    let text = seed("summit-declaration-2006");
    let (h, body, log) = header_of(&text);
    assert_eq!(h, Header::default());
    assert!(log.repairs.is_empty());
    assert_eq!(body, chunks(&text));
}

#[test]
fn symbols_and_several_organs() {
    let text = "A/62/194–S/2007/123\n\n**Assemblée générale  \nConseil de sécurité**\n\nDistr. générale  \n3 août 2007\n\nSoixante-deuxième session\nSoixante-deuxième année\n\nLettre datée du 1er août 2007\n";
    let (h, _, _) = header_of(text);
    assert_eq!(h.symbols, ["A/62/194", "S/2007/123"]);
    assert_eq!(h.distributed.unwrap().iso(), "2007-08-03");
    assert_eq!(
        h.sessions,
        [
            "Assemblée générale, soixante-deuxième session",
            "Conseil de sécurité, soixante-deuxième année"
        ]
    );
}

//! The front matter of the imported text: what the header says, and what the text says of
//! itself (its title, the letter's date and signatories, where and when it was adopted, the
//! languages of its original, the symbol it was first issued under). Each value keeps where
//! it was found, written beside it as a comment for the editor to check.

use super::classify::{closing, How, Piece};
use super::dates::{find_date, fold, languages, symbols};
use super::header::Header;
use super::model::Kind;
use super::structure::Outline;
use crate::model::{Date, DocumentKind, Numbering};

/// A value and where it was found, as the comment beside it says ("from the header").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub from: String,
}

fn found<T>(value: T, from: impl Into<String>) -> Found<T> {
    Found {
        value,
        from: from.into(),
    }
}

/// Everything the front matter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    pub title: Option<Found<String>>,
    pub kind: Found<DocumentKind>,
    pub date: Option<Found<Date>>,
    pub place: Option<Found<String>>,
    pub letter_date: Option<Date>,
    pub distributed: Option<Date>,
    pub symbol: Option<String>,
    pub first_issued: Option<(String, Option<Date>)>,
    pub original_languages: Option<Found<Vec<String>>>,
    pub numbering: Numbering,
    pub signatories: Vec<String>,
    pub sessions: Vec<String>,
    pub agenda_items: Vec<String>,
}

/// The front matter of a text whose header is `header` and blocks `pieces`.
pub fn gather(
    header: &Header,
    pieces: &[Piece],
    outline: &Outline,
    kind: Option<DocumentKind>,
) -> Front {
    let letter = outline.letter.clone().unwrap_or(0..0);
    let letter_date = letter
        .clone()
        .next()
        .and_then(|i| find_date(&pieces[i].block.text))
        .map(|(d, _)| d);
    let title = title(header, pieces, outline);
    let kind = match kind {
        Some(k) => found(k, "given with --kind"),
        None => guess_kind(header, title.as_ref(), outline),
    };
    // Where and when the text was adopted: its closing line, after the letter.
    let adopted = pieces[letter.end..]
        .iter()
        .find(|p| p.how == How::Closing)
        .and_then(|p| closing(&p.block.text).map(|(d, place)| (d, place, p.block.text.clone())));
    let by_letter = matches!(kind.value, DocumentKind::Letter | DocumentKind::Request);
    let date = match (&adopted, letter_date) {
        (_, Some(d)) if by_letter => Some(found(d, "the date of the letter")),
        (Some((d, _, line)), _) => Some(found(
            *d,
            format!("from the closing line \"{}\"", line.replace('*', "")),
        )),
        (None, Some(d)) => Some(found(
            d,
            "no closing line gives a date: the letter's date; check it",
        )),
        (None, None) => None,
    };
    let place = adopted
        .filter(|_| !by_letter)
        .map(|(_, place, _)| found(place, "from the closing line"));
    Front {
        title,
        kind,
        date,
        place,
        letter_date,
        distributed: header.distributed,
        symbol: (!header.symbols.is_empty()).then(|| header.symbols.join("-")),
        first_issued: pieces.iter().find_map(|p| first_issued(&p.block.text)),
        original_languages: original_languages(header, pieces),
        numbering: outline.numbering,
        signatories: pieces[letter]
            .iter()
            .filter(|p| p.how == How::Signature)
            .flat_map(|p| signatories(&p.block.text))
            .collect(),
        sessions: header.sessions.clone(),
        agenda_items: header.agenda_items.clone(),
    }
}

fn title(header: &Header, pieces: &[Piece], outline: &Outline) -> Option<Found<String>> {
    if let Some(t) = &header.title {
        return Some(found(
            t.clone(),
            "from the item the header asks to put on the agenda",
        ));
    }
    if let Some(i) = outline.title {
        return Some(found(
            plain(&pieces[i].block.text),
            "from the heading of the text",
        ));
    }
    let letter = outline.letter.as_ref()?;
    Some(found(
        plain(&pieces[letter.start].block.text),
        "from the heading of the letter",
    ))
}

/// A heading's words without footnote calls.
fn plain(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("[^") {
        let end = out[start..].find(']').map_or(out.len(), |e| start + e + 1);
        out.replace_range(start..end, "");
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn guess_kind(
    header: &Header,
    title: Option<&Found<String>>,
    outline: &Outline,
) -> Found<DocumentKind> {
    if header.request {
        return found(
            DocumentKind::Request,
            "the header asks for an item on the agenda",
        );
    }
    let first = title.map(|t| fold(&t.value)).unwrap_or_default();
    let first = first
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    match first {
        "acte" | "act" => found(DocumentKind::Act, "from the title"),
        "declaration" => found(DocumentKind::Declaration, "from the title"),
        "lettre" | "letter" | "lettres" | "letters" | "note" => {
            found(DocumentKind::Letter, "from the title")
        }
        _ if outline.letter.is_some() && outline.title.is_none() => {
            found(DocumentKind::Letter, "a letter without a text of its own")
        }
        _ => found(
            DocumentKind::Declaration,
            "a guess: check it (act | declaration | letter | request)",
        ),
    }
}

/// The original languages: those the transmitted text gives ("[Original : anglais et
/// russe]"), else the header's.
fn original_languages(header: &Header, pieces: &[Piece]) -> Option<Found<Vec<String>>> {
    let own = pieces
        .iter()
        .filter(|p| matches!(p.block.kind, Kind::Paragraph))
        .find_map(|p| {
            let at = p.block.text.find("[Original")?;
            Some(languages(&p.block.text[at..]))
        })
        .filter(|l| !l.is_empty());
    match own {
        Some(l) => Some(found(l, "from the text's own \"[Original : …]\"")),
        None if !header.original_languages.is_empty() => {
            Some(found(header.original_languages.clone(), "from the header"))
        }
        None => None,
    }
}

/// "publié initialement … sous la cote A/60/910-S/2006/444, daté du 28 juin 2006".
fn first_issued(text: &str) -> Option<(String, Option<Date>)> {
    let folded = fold(text);
    let first = ["initialement", "originally", "first issued"]
        .iter()
        .any(|w| folded.contains(w));
    let at = ["sous la cote ", "under the symbol "]
        .iter()
        .find_map(|m| text.find(m).map(|i| i + m.len()))?;
    let word = text[at..].split_whitespace().next()?;
    let word = word.trim_end_matches([',', '.', ';', ')']);
    let symbol = symbols(word)?.join("-");
    let date = find_date(&text[at..]).map(|(d, _)| d);
    first.then_some((symbol, date))
}

/// The names signing a signature block: the words after "(Signé)" on its lines.
fn signatories(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let plain = line.replace(['*', '\\'], "");
            let at = plain
                .find("(Signé)")
                .map(|i| i + "(Signé)".len())
                .or_else(|| plain.find("(Signed)").map(|i| i + "(Signed)".len()))?;
            let name = plain[at..].split_whitespace().collect::<Vec<_>>().join(" ");
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_issue_from_a_note() {
        let note = "Le texte de cette déclaration a été publié initialement comme document de l'Assemblée générale et du Conseil de sécurité sous la cote A/60/910-S/2006/444, daté du 28 juin 2006.";
        let (symbol, date) = first_issued(note).unwrap();
        assert_eq!(symbol, "A/60/910-S/2006/444");
        assert_eq!(date.unwrap().iso(), "2006-06-28");
        assert_eq!(first_issued("Publié sous la cote A/60/910."), None);
    }

    #[test]
    fn names_after_the_signature_mark() {
        let block = "La Représentante permanente\\\n(*Signé*) Madina B. **Jarbussynova**";
        assert_eq!(signatories(block), ["Madina B. Jarbussynova"]);
        assert_eq!(signatories("(Signed) Kairat **Umarov**"), ["Kairat Umarov"]);
    }

    #[test]
    fn footnote_calls_leave_a_title() {
        assert_eq!(
            plain("Lettre datée du 3 juillet 2006[^1]"),
            "Lettre datée du 3 juillet 2006"
        );
    }
}

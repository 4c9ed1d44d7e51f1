//! The front matter of the written files: TOML values written by `toml` itself, so that the
//! quotes and backslashes of a title are escaped as TOML wants, each with a comment saying
//! where it was found.

use super::front::Front;
use crate::model::Date;

/// One line `key = value` of front matter, with its comment.
pub struct Field {
    pub key: &'static str,
    pub value: toml::Value,
    pub comment: String,
}

pub fn field(
    key: &'static str,
    value: impl Into<toml::Value>,
    comment: impl Into<String>,
) -> Field {
    Field {
        key,
        value: value.into(),
        comment: comment.into(),
    }
}

pub fn date(d: Date) -> toml::Value {
    toml::Value::Datetime(toml::value::Datetime {
        date: Some(toml::value::Date {
            year: d.year,
            month: d.month,
            day: d.day,
        }),
        time: None,
        offset: None,
    })
}

pub fn strings(items: &[String]) -> toml::Value {
    toml::Value::Array(items.iter().cloned().map(toml::Value::String).collect())
}

/// The front matter: `+++`, a comment, the fields, `+++`.
pub fn front_matter(intro: &str, fields: &[Field]) -> String {
    let mut out = String::from("+++\n");
    for line in intro.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    for f in fields {
        // A list too long for one line gets one item per line.
        let inline = f.value.to_string();
        let value = match &f.value {
            toml::Value::Array(items) if inline.chars().count() > 60 => {
                let items: Vec<String> = items.iter().map(|i| format!("  {i},\n")).collect();
                format!("[\n{}]", items.concat())
            }
            _ => inline,
        };
        let line = format!("{} = {value}", f.key);
        let width = line.chars().count();
        if f.comment.is_empty() {
            out.push_str(&format!("{line}\n"));
        } else if line.contains('\n') || width + f.comment.chars().count() > 96 {
            out.push_str(&format!("# {}\n{line}\n", f.comment));
        } else {
            out.push_str(&format!("{line:<38}  # {}\n", f.comment));
        }
    }
    out.push_str("+++\n");
    out
}

/// The fields of the original: what was found, each with where it was found.
pub fn original_fields(front: &Front, with_facts: bool) -> Vec<Field> {
    let todo = |what: &str| format!("TODO: {what}");
    let mut fields = vec![];
    match &front.title {
        Some(t) => {
            fields.push(field("title", t.value.clone(), t.from.clone()));
            fields.push(field(
                "short_title",
                t.value.clone(),
                "used in citations: shorten it",
            ));
        }
        None => {
            fields.push(field("title", "TODO", todo("the full title")));
            fields.push(field(
                "short_title",
                "TODO",
                todo("the title used in citations"),
            ));
        }
    }
    fields.push(field(
        "summary",
        "TODO",
        "two sentences: what the text is and what it does",
    ));
    if let Some(p) = &front.place {
        fields.push(field("place", p.value.clone(), p.from.clone()));
    }
    if !front.sessions.is_empty() {
        fields.push(field(
            "sessions",
            strings(&front.sessions),
            "from the header",
        ));
    }
    if !front.agenda_items.is_empty() {
        fields.push(field(
            "agenda_items",
            strings(&front.agenda_items),
            "from the header",
        ));
    }
    fields.push(field(
        "draft",
        true,
        "left out of the site until removed: remove it once the text is checked",
    ));
    if with_facts {
        fields.extend(facts(front));
    }
    fields
}

/// The language-neutral facts, written in the default language's file only.
pub fn facts(front: &Front) -> Vec<Field> {
    let kind = field("kind", front.kind.value.name(), front.kind.from.clone());
    let mut fields = vec![kind, adoption_date(front)];
    let mut some = |key, value: Option<toml::Value>, from: &str| {
        if let Some(v) = value {
            fields.push(field(key, v, from));
        }
    };
    let (first_as, first_on) = match &front.first_issued {
        Some((symbol, on)) => (Some(symbol.clone()), *on),
        None => (None, None),
    };
    let letter = "from the heading of the letter";
    some("letter_date", front.letter_date.map(date), letter);
    some(
        "distributed",
        front.distributed.map(date),
        "from the header",
    );
    some(
        "symbol",
        front.symbol.clone().map(Into::into),
        "from the header",
    );
    some(
        "first_issued_as",
        first_as.map(Into::into),
        "from a note of the text",
    );
    some(
        "first_issued_on",
        first_on.map(date),
        "from a note of the text",
    );
    if let Some(l) = &front.original_languages {
        fields.push(field(
            "original_languages",
            strings(&l.value),
            l.from.clone(),
        ));
    }
    let numbering = match front.numbering {
        crate::model::Numbering::Continuous => "continuous",
        crate::model::Numbering::PerPart => "per-part",
    };
    fields.push(field(
        "numbering",
        numbering,
        "as the numbered paragraphs run",
    ));
    if !front.signatories.is_empty() {
        let names = strings(&front.signatories);
        fields.push(field("signatories", names, "from the letter's signature"));
    }
    fields
}

/// The text's date, or the scaffold's example date where none was found (a placeholder that
/// `check --strict` reports).
fn adoption_date(front: &Front) -> Field {
    match &front.date {
        Some(d) => field("date", date(d.value), d.from.clone()),
        None => {
            let example = Date {
                year: 2000,
                month: 1,
                day: 1,
            };
            field(
                "date",
                date(example),
                "TODO: the date of the text; none was found",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_values_are_escaped_by_toml() {
        let fm = front_matter(
            "Imported.",
            &[field("title", "L'\"Acte\" \\ d'Almaty", "from the heading")],
        );
        let table: toml::Table =
            toml::from_str(fm.trim_matches(|c| c == '+' || c == '\n')).unwrap();
        assert_eq!(table["title"].as_str(), Some("L'\"Acte\" \\ d'Almaty"));
    }
}

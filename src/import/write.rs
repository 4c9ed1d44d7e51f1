//! The files: TOML front matter (values written by `toml`, so that quotes and backslashes in
//! a title are escaped as TOML wants) and the Markdown of the blocks. Text that Markdown would
//! read as markup of its own (a line starting `12. ` in a paragraph, a `<`) is escaped, so
//! that the words on the page are the source's.

use super::front::Front;
use super::model::{Block, Kind, Table};
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
    let datetime: toml::value::Datetime =
        d.iso().parse().unwrap_or_else(|_| toml::value::Datetime {
            date: None,
            time: None,
            offset: None,
        });
    toml::Value::Datetime(datetime)
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
    let mut fields = vec![field(
        "kind",
        front.kind.value.name(),
        front.kind.from.clone(),
    )];
    match &front.date {
        Some(d) => fields.push(field("date", date(d.value), d.from.clone())),
        None => fields.push(field(
            "date",
            date(Date {
                year: 2000,
                month: 1,
                day: 1,
            }),
            "TODO: the date of the text; none was found",
        )),
    }
    if let Some(d) = front.letter_date {
        fields.push(field(
            "letter_date",
            date(d),
            "from the heading of the letter",
        ));
    }
    if let Some(d) = front.distributed {
        fields.push(field("distributed", date(d), "from the header"));
    }
    if let Some(s) = &front.symbol {
        fields.push(field("symbol", s.clone(), "from the header"));
    }
    if let Some((symbol, on)) = &front.first_issued {
        fields.push(field(
            "first_issued_as",
            symbol.clone(),
            "from a note of the text",
        ));
        if let Some(d) = on {
            fields.push(field(
                "first_issued_on",
                date(*d),
                "from a note of the text",
            ));
        }
    }
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
        fields.push(field(
            "signatories",
            strings(&front.signatories),
            "from the letter's signature",
        ));
    }
    fields
}

/// The Markdown of `blocks`, after a blank line, and the line (in `out`, from 1) where each
/// block starts.
pub fn body(blocks: &[Block], out: &mut String) -> Vec<usize> {
    let mut starts = Vec::with_capacity(blocks.len());
    let mut indent = String::new();
    let mut prev: Option<&Block> = None;
    for block in blocks {
        let tight = matches!(block.kind, Kind::Item)
            && prev.is_some_and(|p| matches!(p.kind, Kind::Item) && p.nested == block.nested);
        let first = prev.is_none();
        out.push_str(if tight || first { "\n" } else { "\n\n" });
        if !block.nested {
            indent.clear();
        }
        for note in &block.notes {
            out.push_str(&format!(
                "{indent}<!-- import: {} -->\n\n",
                note.replace("--", "–")
            ));
        }
        starts.push(out.matches('\n').count() + 1);
        let text = match &block.kind {
            Kind::Heading { level, pin } => {
                let pin = pin
                    .as_ref()
                    .map(|p| format!(" {{#{p}}}"))
                    .unwrap_or_default();
                format!(
                    "{} {}{pin}",
                    "#".repeat(usize::from(*level)),
                    escape_inline(&block.text.replace("\\\n", " "))
                )
            }
            Kind::Numbered { number } => format!("{number}. {}", escape_lines(&block.text, true)),
            Kind::Item => format!("- {}", escape_lines(&block.text, true)),
            Kind::Paragraph | Kind::Lettered => escape_lines(&block.text, false),
            Kind::Table(table) => table_markdown(table),
            Kind::Note { label } => format!("[^{label}]: {}", escape_lines(&block.text, true)),
        };
        let hang = match &block.kind {
            Kind::Numbered { number } => format!("{number}. ").len(),
            Kind::Item => 2,
            Kind::Note { .. } => 4,
            _ => 0,
        };
        out.push_str(&indented(&text, &indent, hang));
        if let Kind::Numbered { number } = block.kind {
            indent = " ".repeat(format!("{number}. ").len().max(4));
        }
        prev = Some(block);
    }
    out.push('\n');
    starts
}

/// `text` under `indent`, its lines after the first `hang` columns further in (under the
/// text of a list item, not its marker).
fn indented(text: &str, indent: &str, hang: usize) -> String {
    let continuation = format!("{indent}{}", " ".repeat(hang));
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(if line.is_empty() { "" } else { &continuation });
        } else {
            out.push_str(indent);
        }
        out.push_str(line);
    }
    out
}

fn table_markdown(table: &Table) -> String {
    let row = |cells: &[String]| {
        format!(
            "| {} |",
            cells
                .iter()
                .map(|c| escape_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let mut lines = vec![
        row(&table.head),
        row(&vec!["---".to_string(); table.head.len()]),
    ];
    lines.extend(table.rows.iter().map(|r| row(r)));
    lines.join("\n")
}

/// A cell's `<` that is not the `<br>` the importer put there.
fn escape_cell(cell: &str) -> String {
    cell.split("<br>")
        .map(escape_inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Each line of a block escaped; `after_marker`: the first line follows a list marker, so a
/// marker at its start is the text's own.
fn escape_lines(text: &str, after_marker: bool) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = escape_inline(line);
            if i == 0 && after_marker {
                line
            } else {
                escape_start(&line)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `<` before a letter, `/`, `!` or `?` would open raw HTML.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that Markdown would read as a heading, a quote, a list item or a rule.
fn escape_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0
        && digits <= 9
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        return format!("{}\\{rest}", &line[..digits]);
    }
    let special = matches!(line.chars().next(), Some('#' | '>' | '=' | '|'))
        || ["- ", "+ ", "* "].iter().any(|m| line.starts_with(m))
        || line == "-"
        || line.chars().all(|c| c == '-' || c == '*' || c == '_') && line.len() >= 3;
    if special {
        format!("\\{line}")
    } else {
        line.to_string()
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

    #[test]
    fn markup_of_the_text_is_escaped() {
        assert_eq!(escape_start("12. suite"), "12\\. suite");
        assert_eq!(escape_start("# dièse"), "\\# dièse");
        assert_eq!(escape_start("- tiret"), "\\- tiret");
        assert_eq!(escape_start("---"), "\\---");
        assert_eq!(escape_start("a) lettre"), "a) lettre");
        assert_eq!(escape_inline("x <b> y < 3"), "x \\<b> y < 3");
        assert_eq!(escape_cell("1. Un<br>2. <i>"), "1. Un<br>2. \\<i>");
    }

    #[test]
    fn nested_blocks_are_indented_under_their_paragraph() {
        let mut first = Block::new(Kind::Numbered { number: 10 }, "Dix.", 1);
        first.notes.push("a -- b".into());
        let mut further = Block::new(Kind::Paragraph, "Suite.\\\nligne", 2);
        further.nested = true;
        let mut out = String::new();
        let starts = body(
            &[first, further, Block::new(Kind::Paragraph, "Hors.", 3)],
            &mut out,
        );
        assert_eq!(
            out,
            "\n<!-- import: a – b -->\n\n10. Dix.\n\n    Suite.\\\n    ligne\n\nHors.\n"
        );
        assert_eq!(starts, [4, 6, 9]);
    }
}

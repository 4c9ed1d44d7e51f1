//! The Markdown of the blocks. Text that Markdown would read as markup of its own (a line
//! starting `12. ` in a paragraph, a `<`) is escaped, so that the words on the page are the
//! source's.

use super::model::{Block, Kind, Table};

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
                let words = escape_braces(&escape_inline(&block.text.replace("\\\n", " ")));
                format!("{} {words}{pin}", "#".repeat(usize::from(*level)))
            }
            Kind::Numbered { number } => format!("{number}. {}", escape_lines(&block.text)),
            Kind::Item => format!("- {}", escape_lines(&block.text)),
            Kind::Paragraph | Kind::Lettered => escape_lines(&block.text),
            Kind::Table(table) => table_markdown(table),
            Kind::Note { label } => format!("[^{label}]: {}", escape_lines(&block.text)),
        };
        let text = match &block.pin {
            Some(pin) => format!("{text} {{#{pin}}}"),
            None => text,
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

/// Each line of a block escaped (after a list marker too: a second marker would open a list
/// inside the item), and braces ending it, which would read as a pinned id.
pub(super) fn escape_lines(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| escape_start(&escape_inline(line)))
        .collect();
    escape_braces(&lines.join("\n"))
}

/// `… {x}` at the end of a block reads as its attributes or pinned id: its closing brace is
/// written as a character reference, `… {x&#125;`, which the page shows as `}`.
fn escape_braces(text: &str) -> String {
    let trimmed = text.trim_end();
    match trimmed.strip_suffix('}') {
        Some(before) if before.contains('{') => format!("{before}&#125;"),
        _ => text.to_string(),
    }
}

/// `---`, `* * *`, `__ _`: three or more of one of these, spaces aside, make a rule.
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && ['-', '*', '_'].iter().any(|m| marks.iter().all(|c| c == m))
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
        || is_rule(line);
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
    fn markup_of_the_text_is_escaped() {
        assert_eq!(escape_start("12. suite"), "12\\. suite");
        assert_eq!(escape_start("# dièse"), "\\# dièse");
        assert_eq!(escape_start("- tiret"), "\\- tiret");
        assert_eq!(escape_start("---"), "\\---");
        assert_eq!(escape_start("** \t **"), "\\** \t **");
        assert_eq!(escape_start("a) lettre"), "a) lettre");
        assert_eq!(escape_inline("x <b> y < 3"), "x \\<b> y < 3");
        assert_eq!(escape_cell("1. Un<br>2. <i>"), "1. Un<br>2. \\<i>");
        assert_eq!(escape_braces("Texte {#id}"), "Texte {#id&#125;");
        assert_eq!(escape_braces("{ a } b"), "{ a } b");
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

//! Tables the conversion flattened into tab-separated lines (with `<i>` tags from the PDF),
//! rebuilt as tables whose rows can be cited. The first line is the header row. A cell that
//! lists numbered items on one line ("1. Lutte contre la drogue 2. Gestion…") lost its line
//! breaks in the flattening: they are put back as `<br>`.

use super::model::{Chunk, Log, Table};

/// Chunks with at least two tab-separated lines become tables; lines before the first
/// tab-separated one stay a chunk of their own.
pub fn rebuild(chunks: Vec<Chunk>, log: &mut Log) -> Vec<Chunk> {
    let mut out = Vec::new();
    for mut chunk in chunks {
        let tabbed = chunk.lines.iter().filter(|l| l.text.contains('\t')).count();
        if tabbed < 2 || chunk.note.is_some() {
            out.push(chunk);
            continue;
        }
        let first = chunk
            .lines
            .iter()
            .position(|l| l.text.contains('\t'))
            .unwrap_or(0);
        let rows = chunk.lines.split_off(first);
        if !chunk.lines.is_empty() {
            out.push(Chunk::new(std::mem::take(&mut chunk.lines)));
        }
        let line = rows[0].no;
        let texts: Vec<String> = rows.iter().map(|l| l.text.clone()).collect();
        let (table, breaks) = table(&texts);
        log.add(
            line,
            format!(
                "rebuilt a table of {} rows and {} columns from tab-separated lines",
                table.rows.len(),
                table.head.len()
            ),
        );
        if breaks > 0 {
            log.add(line, format!("put back {breaks} line breaks between the numbered items of table cells, as <br>"));
        }
        let mut chunk = Chunk::new(rows);
        chunk.table = Some(table);
        out.push(chunk);
    }
    out
}

/// The table of tab-separated `lines`, and how many line breaks were put back in its cells.
/// A line without a tab continues the last cell of the row above.
fn table(lines: &[String]) -> (Table, usize) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in lines {
        match (line.contains('\t'), rows.last_mut()) {
            (false, Some(row)) => {
                if let Some(cell) = row.last_mut() {
                    cell.push(' ');
                    cell.push_str(line.trim());
                }
            }
            _ => rows.push(line.split('\t').map(|c| c.trim().to_string()).collect()),
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut breaks = 0;
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut row| {
            row.resize(width, String::new());
            row
        })
        .collect();
    let head = rows
        .remove(0)
        .iter()
        .map(|c| escape(&strip_tags(c, false)))
        .collect();
    let rows = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    let (cell, n) = item_breaks(&escape(&strip_tags(c, true)));
                    breaks += n;
                    cell
                })
                .collect()
        })
        .collect();
    (Table { head, rows }, breaks)
}

/// `<i>x</i>` → `*x*` (or `x` in a header cell, bold already), `<b>x</b>` → `**x**`.
fn strip_tags(cell: &str, keep_emphasis: bool) -> String {
    let (i, b) = if keep_emphasis { ("*", "**") } else { ("", "") };
    cell.replace("<i>", i)
        .replace("</i>", i)
        .replace("<b>", b)
        .replace("</b>", b)
}

/// A table cell's `|` would end the cell.
fn escape(cell: &str) -> String {
    cell.replace('|', "\\|")
}

/// "1. Un 2. Deux" → "1. Un<br>2. Deux": the numbered items of a cell on lines of their own.
fn item_breaks(cell: &str) -> (String, usize) {
    if !cell.starts_with("1. ") {
        return (cell.to_string(), 0);
    }
    let mut out = cell.to_string();
    let mut n = 0;
    for k in 2.. {
        let marker = format!(" {k}. ");
        match out.find(&marker) {
            Some(at) => {
                out.replace_range(at..at + 1, "<br>");
                n += 1;
            }
            None => break,
        }
    }
    (out, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::chunks;

    #[test]
    fn tab_separated_lines_become_a_table() {
        let text = "<i>État Membre</i>\t<i>Mesures</i>\nIran\t1. Lutte contre la drogue 2. Gestion des secours\nKazakhstan\tÀ déterminer\nsuite | du texte\n";
        let mut log = Log::default();
        let out = rebuild(chunks(text), &mut log);
        let table = out[0].table.as_ref().unwrap();
        assert_eq!(table.head, ["État Membre", "Mesures"]);
        assert_eq!(
            table.rows,
            [
                vec![
                    "Iran",
                    "1. Lutte contre la drogue<br>2. Gestion des secours"
                ],
                vec!["Kazakhstan", "À déterminer suite \\| du texte"],
            ]
        );
        assert_eq!(log.repairs.len(), 2);
    }

    #[test]
    fn one_tab_is_not_a_table() {
        let mut log = Log::default();
        let out = rebuild(chunks("Un\tdeux\ntrois\n"), &mut log);
        assert!(out[0].table.is_none() && log.repairs.is_empty());
    }
}

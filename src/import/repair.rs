//! The conversion's defects that concern lines rather than structure: the page furniture a
//! PDF conversion leaves in the text (running heads, page numbers, job numbers, stray rules),
//! bold runs glued into one line, and paragraphs cut in two by a page break.

use super::dates::symbols;
use super::model::{quote, Chunk, Line, Log};
use std::collections::HashMap;

/// Drops the page furniture. `symbols`: the document's symbols from its header, which running
/// heads repeat. A chunk left empty marks a page boundary before the next one.
pub fn drop_furniture(chunks: Vec<Chunk>, header_symbols: &[String], log: &mut Log) -> Vec<Chunk> {
    let repeated = repeated_symbol_lines(&chunks);
    let mut out: Vec<Chunk> = Vec::new();
    let mut boundary = false;
    for mut chunk in chunks {
        let alone = chunk.lines.len() == 1;
        let before = chunk.lines.len();
        chunk.lines.retain(
            |line| match furniture(&line.text, alone, header_symbols, &repeated) {
                Some(what) => {
                    log.add(line.no, format!("dropped {what} {}", quote(&line.text)));
                    false
                }
                None => true,
            },
        );
        if chunk.lines.is_empty() {
            boundary = true;
            continue;
        }
        if chunk.lines.len() < before {
            boundary = true;
        }
        chunk.page_break_before |= std::mem::take(&mut boundary);
        out.push(chunk);
    }
    out
}

/// What a line of page furniture is, or `None` for a line of the text.
fn furniture(
    text: &str,
    alone: bool,
    header_symbols: &[String],
    repeated: &HashMap<String, usize>,
) -> Option<&'static str> {
    let t = text.trim();
    if t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')) {
        return Some("a stray rule");
    }
    if is_job_number(t) {
        return Some("a job number");
    }
    if alone && is_page_number(t) {
        return Some("a page number");
    }
    // A running head may end with the page: "CD/1785 page 2".
    let head = t
        .rsplit_once(" page ")
        .or_else(|| t.rsplit_once(" Page "))
        .filter(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map_or(t, |(head, _)| head.trim());
    if let Some(found) = symbols(head) {
        let known = found.iter().all(|s| header_symbols.contains(s));
        if known || repeated.get(head).is_some_and(|n| *n > 1) {
            return Some("a running head");
        }
    }
    None
}

/// `02-60593 (F)    260902    260902`, `GE.06-62345  (F)`, a barcode `*0260593*`.
fn is_job_number(t: &str) -> bool {
    let word = t.split_whitespace().next().unwrap_or_default();
    let word = word.strip_prefix("GE.").unwrap_or(word);
    let job = word.len() == 8
        && word.as_bytes()[2] == b'-'
        && word
            .chars()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit());
    let barcode = t.len() > 6
        && t.starts_with('*')
        && t.ends_with('*')
        && t[1..t.len() - 1].chars().all(|c| c.is_ascii_digit());
    job || barcode
}

/// `2`, `- 2 -`, `Page 2`, alone on its line.
fn is_page_number(t: &str) -> bool {
    let t = t
        .trim_start_matches(['P', 'p'])
        .trim_start_matches("age")
        .trim_matches(['-', '–', ' ']);
    (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// Lines made only of symbols, with how often each occurs: a running head repeats.
fn repeated_symbol_lines(chunks: &[Chunk]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in chunks.iter().flat_map(|c| &c.lines) {
        if symbols(line.text.trim()).is_some() {
            *counts.entry(line.text.trim().to_string()).or_insert(0) += 1;
        }
    }
    counts
}

/// Splits bold runs the conversion glued into one line (`**A****B**`) into chunks of their own.
pub fn unglue(chunks: Vec<Chunk>, log: &mut Log) -> Vec<Chunk> {
    let mut out = Vec::new();
    for chunk in chunks {
        let glued = chunk.lines.iter().any(|l| l.text.contains("****"));
        if !glued || chunk.note.is_some() {
            out.push(chunk);
            continue;
        }
        log.add(
            chunk.line(),
            "separated bold runs glued into one line (`**A****B**`)",
        );
        let mut current: Vec<Line> = Vec::new();
        let push = |current: &mut Vec<Line>, line: &Line, text: String| {
            if !text.trim_matches(['*', ' ']).is_empty() {
                current.push(Line {
                    text,
                    ..line.clone()
                });
            }
        };
        for line in &chunk.lines {
            let mut pieces = line.text.split("****");
            push(
                &mut current,
                line,
                pieces.next().unwrap_or_default().to_string(),
            );
            for piece in pieces {
                if let Some(last) = current.last_mut() {
                    last.text.push_str("**");
                }
                if !current.is_empty() {
                    out.push(Chunk::new(std::mem::take(&mut current)));
                }
                push(&mut current, line, format!("**{piece}"));
            }
        }
        if !current.is_empty() {
            out.push(Chunk::new(current));
        }
    }
    out
}

/// Joins the paragraphs a page break cut in two: one that ends without final punctuation,
/// followed by one that starts in lower case (`…Nations Unies et` / `au droit international…`).
/// A cut where the next paragraph starts with a capital cannot be told from two paragraphs:
/// after a page boundary the importer knows of, it is left as it is and noted.
pub fn join_page_breaks(chunks: Vec<Chunk>, log: &mut Log) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for mut chunk in chunks {
        let Some(prev) = out.last_mut() else {
            out.push(chunk);
            continue;
        };
        let cut = is_prose(prev) && !ends_a_sentence(&prev.joined());
        if cut && continues(&chunk) {
            log.add(
                chunk.line(),
                format!(
                    "joined a paragraph cut by a page break: {} continues at {}",
                    quote(&tail(&prev.joined())),
                    quote(&chunk.joined())
                ),
            );
            prev.lines.extend(chunk.lines);
            continue;
        }
        if cut && chunk.page_break_before && is_prose(&chunk) {
            chunk.notes.push(
                "the paragraph before this one ends without punctuation at a page break: if it continues here, join the two".to_string(),
            );
        }
        out.push(chunk);
    }
    out
}

/// A paragraph of running text: not a heading, a note, a table or an item.
fn is_prose(chunk: &Chunk) -> bool {
    let text = chunk.joined();
    chunk.note.is_none()
        && chunk.table.is_none()
        && text.chars().count() >= 80
        && !text.starts_with('#')
        && !(text.starts_with("**") && text.ends_with("**"))
}

/// Ends with final punctuation (markup and footnote calls aside).
pub fn ends_a_sentence(text: &str) -> bool {
    let mut t = text.trim_end().trim_end_matches(['*', '_', ' ']);
    // A footnote call after the last word: `2006[^1]`.
    while let Some(call) = t
        .strip_suffix(']')
        .and_then(|r| r.rfind("[^").map(|i| &r[..i]))
    {
        t = call;
    }
    let t = t.trim_end_matches(|c: char| super::footnotes::is_superscript(c));
    t.ends_with(['.', ';', ':', '!', '?', '…', '»', '"', ')', ']'])
}

/// Starts in lower case, and is not a lettered paragraph or a list item.
fn continues(chunk: &Chunk) -> bool {
    let text = chunk.joined();
    let first = text.trim_start_matches(['*', '_', '«', ' ']);
    let lettered = first.chars().nth(1) == Some(')');
    let item = text.starts_with("- ") || text.starts_with("• ");
    chunk.note.is_none()
        && chunk.table.is_none()
        && !lettered
        && !item
        && first.chars().next().is_some_and(char::is_lowercase)
}

fn tail(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(6)..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::chunks;

    fn texts(chunks: &[Chunk]) -> Vec<String> {
        chunks.iter().map(|c| c.joined()).collect()
    }

    #[test]
    fn page_furniture_is_dropped_and_marks_a_boundary() {
        let text = "Un paragraphe.\n\n02-60593 (F)    260902    260902\n*0260593*\n\n2\n\nA/57/424\nS/2002/1077\n\n---\n\nDeux paragraphes.\n";
        let mut log = Log::default();
        let out = drop_furniture(
            chunks(text),
            &["A/57/424".into(), "S/2002/1077".into()],
            &mut log,
        );
        assert_eq!(texts(&out), ["Un paragraphe.", "Deux paragraphes."]);
        assert!(out[1].page_break_before);
        assert_eq!(log.repairs.len(), 6, "{:?}", log.repairs);
        assert!(log.repairs[0].what.starts_with("dropped a job number"));
    }

    #[test]
    fn numbers_and_symbols_in_the_text_stay() {
        let text = "Point 2\n\n12. Le paragraphe.\n\nIl cite A/57/424.\n";
        let mut log = Log::default();
        let out = drop_furniture(chunks(text), &["A/57/424".into()], &mut log);
        assert_eq!(out.len(), 3);
        assert!(log.repairs.is_empty());
    }

    #[test]
    fn glued_bold_runs_become_chunks() {
        let mut log = Log::default();
        let out = unglue(chunks("**Un****Deux  \ntrois****Quatre**\n"), &mut log);
        assert_eq!(texts(&out), ["**Un**", "**Deux trois**", "**Quatre**"]);
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_joined() {
        let text = "15. Nous considérons comme des menaces pour la paix régionale et internationale, en violation de la Charte des Nations Unies et\n\nau droit international; les ingérences.\n\nb) D'autre part, une phrase qui ne finit pas et qui est longue de plus de quatre-vingts signes\n\na) une lettre.\n";
        let mut log = Log::default();
        let out = join_page_breaks(chunks(text), &mut log);
        assert_eq!(out.len(), 3);
        assert!(out[0]
            .joined()
            .ends_with("Nations Unies et au droit international; les ingérences."));
        assert_eq!(log.repairs.len(), 1);
    }
}

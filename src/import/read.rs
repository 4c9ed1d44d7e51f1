//! The source file as text: UTF-8 checked, line endings and a byte-order mark undone, lines
//! grouped into chunks at blank lines. A form feed, which some converters leave at a page
//! break, ends a chunk and marks the next as following a page boundary.

use super::model::{Chunk, Line};

/// Where a file stops being UTF-8: the first undecodable byte, as line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub col: usize,
}

/// The file's text, or where it stops being UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, NotUtf8> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(NotUtf8 { line, col })
        }
    }
}

const FORM_FEED: char = '\u{c}';

/// The lines of `text`, numbered from 1, grouped into chunks at blank lines and form feeds.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    let mut page_break = false;
    let close = |current: &mut Vec<Line>, page_break: &mut bool, chunks: &mut Vec<Chunk>| {
        if !current.is_empty() {
            let mut chunk = Chunk::new(std::mem::take(current));
            chunk.page_break_before = std::mem::take(page_break);
            chunks.push(chunk);
        }
    };
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut pieces = raw.split(FORM_FEED).peekable();
        while let Some(piece) = pieces.next() {
            match line(i + 1, piece) {
                Some(l) => current.push(l),
                None => close(&mut current, &mut page_break, &mut chunks),
            }
            if pieces.peek().is_some() {
                close(&mut current, &mut page_break, &mut chunks);
                page_break = true;
            }
        }
    }
    close(&mut current, &mut page_break, &mut chunks);
    chunks
}

/// One line, or `None` for a blank one. Tabs are kept: they are the cells of a flattened
/// table.
fn line(no: usize, raw: &str) -> Option<Line> {
    let trimmed = raw.trim_end_matches([' ', '\u{a0}']);
    if trimmed.trim().is_empty() {
        return None;
    }
    let spaces = raw.len() - trimmed.len();
    let (text, backslash) = match trimmed.strip_suffix('\\') {
        Some(t) => (t.trim_end(), true),
        None => (trimmed, false),
    };
    if text.trim().is_empty() {
        return None;
    }
    Some(Line {
        no,
        text: text.to_string(),
        hard_break: backslash || spaces >= 2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_where_utf8_stops() {
        assert_eq!(decode(b"\xef\xbb\xbfabc").unwrap(), "abc");
        assert_eq!(
            decode(b"un\ndeux \xe9t\xe9\n"),
            Err(NotUtf8 { line: 2, col: 6 })
        );
    }

    #[test]
    fn groups_lines_at_blank_lines_and_form_feeds() {
        let text = "Titre  \nsuite\r\n\n\n  \nUn\x0cDeux\n";
        let c = chunks(text);
        let lines = |c: &Chunk| -> Vec<(usize, String, bool)> {
            c.lines
                .iter()
                .map(|l| (l.no, l.text.clone(), l.hard_break))
                .collect()
        };
        let shown: Vec<_> = c.iter().map(|c| (lines(c), c.page_break_before)).collect();
        assert_eq!(
            shown,
            [
                (
                    vec![(1, "Titre".into(), true), (2, "suite".into(), false)],
                    false
                ),
                (vec![(6, "Un".into(), false)], false),
                (vec![(6, "Deux".into(), false)], true),
            ]
        );
    }
}

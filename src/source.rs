//! A loaded text file with a line index, so that byte spans found by the parsers can be turned
//! into `line:column` only when a diagnostic is reported.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the site root, with `/` separators (what diagnostics print).
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based position in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Source {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Line and column (in characters) of a byte offset; offsets past the end clamp to it.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        LineCol {
            line: line + 1,
            col: col + 1,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let s = Source::new("a.md", "ab\nçd\r\n\nxyz".to_string());
        assert_eq!(s.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(s.line_col(3), LineCol { line: 2, col: 1 });
        // 'd' comes after the two-byte 'ç': column counts characters, not bytes.
        assert_eq!(s.line_col(5), LineCol { line: 2, col: 2 });
        assert_eq!(s.line_col(9), LineCol { line: 4, col: 1 });
        assert_eq!(s.line_text(2), "çd");
        assert_eq!(s.line_text(3), "");
        assert_eq!(s.line_text(4), "xyz");
        assert_eq!(s.line_col(1000), LineCol { line: 4, col: 4 });
    }
}

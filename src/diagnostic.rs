//! Problems found in content, config or theme, reported the way a compiler reports them:
//! what is wrong, where (file:line:col with the source line), and what to do about it.

use crate::source::Source;
use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file, already resolved to a line and column, with that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// The line, or on a long line the part of it around the column, marked `…` at a cut.
    pub line_text: String,
    /// Where the column falls in `line_text`, in characters from 0.
    pub caret: usize,
}

/// How many characters of a line a report shows at most: a pasted or generated file can hold
/// a line of megabytes, and each report keeps its own copy.
const SHOWN_LINE: usize = 120;

impl Location {
    pub fn at(source: &Source, offset: usize) -> Location {
        let lc = source.line_col(offset);
        Location::new(&source.path, lc.line, lc.col, source.line_text(lc.line))
    }

    /// A location at 1-based `line` and `col` (in characters) of `file`, whose text is
    /// `line_text`; a long line is kept only around the column.
    pub fn new(file: &Path, line: usize, col: usize, line_text: &str) -> Location {
        let skip = col.saturating_sub(1 + SHOWN_LINE / 2);
        let mut chars = line_text.char_indices().skip(skip);
        let start = chars.next().map_or(line_text.len(), |(i, _)| i);
        let end = chars
            .nth(SHOWN_LINE - 1)
            .map_or(line_text.len(), |(i, _)| i);
        let mut shown = String::new();
        if start > 0 {
            shown.push('…');
        }
        shown.push_str(&line_text[start..end]);
        if end < line_text.len() {
            shown.push('…');
        }
        Location {
            file: file.to_path_buf(),
            line,
            col,
            line_text: shown,
            caret: col.saturating_sub(1 + skip) + usize::from(start > 0),
        }
    }

    /// A location for a whole file, when no better position is known (e.g. an unreadable file).
    pub fn file(path: &Path) -> Location {
        Location {
            file: path.to_path_buf(),
            line: 1,
            col: 1,
            line_text: String::new(),
            caret: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    /// Worth a look, but the site is built: e.g. an alias that matches nothing.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Boxed: diagnostics travel in `Result`s on every path, and a small error keeps the
    /// success path small.
    pub location: Option<Box<Location>>,
    /// Secondary places that explain the problem ("first defined here").
    pub notes: Vec<(Location, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    pub fn note(mut self, location: Location, text: impl Into<String>) -> Diagnostic {
        self.notes.push((location, text.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col` of the primary location, for sorting and one-line summaries.
    pub fn position(&self) -> String {
        match &self.location {
            Some(l) => format!("{}:{}:{}", display_path(&l.file), l.line, l.col),
            None => String::new(),
        }
    }
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn write_snippet(f: &mut fmt::Formatter<'_>, loc: &Location, label: &str) -> fmt::Result {
    let gutter = loc.line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(
        f,
        "{pad}--> {}:{}:{}",
        display_path(&loc.file),
        loc.line,
        loc.col
    )?;
    if loc.line_text.is_empty() && label.is_empty() {
        return Ok(());
    }
    writeln!(f, "{pad} |")?;
    writeln!(f, "{} | {}", loc.line, loc.line_text)?;
    let caret_pad = " ".repeat(loc.caret);
    if label.is_empty() {
        writeln!(f, "{pad} | {caret_pad}^")
    } else {
        writeln!(f, "{pad} | {caret_pad}^ {label}")
    }
}

/// Renders like rustc:
///
/// ```text
/// error: paragraph para-12 has no English counterpart
///   --> content/documents/almaty-act-2002.fr.md:88:1
///    |
/// 88 | 12. Maintenant que la guerre froide est finie, ...
///    | ^
/// help: add the paragraph to ...
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{level}: {}", self.message)?;
        if let Some(loc) = &self.location {
            write_snippet(f, loc, "")?;
        }
        for (loc, text) in &self.notes {
            writeln!(f, "note: {text}")?;
            write_snippet(f, loc, "")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "help: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run: the pipeline collects them instead of stopping at the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Splits off the warnings, leaving the errors.
    pub fn take_warnings(&mut self) -> Report {
        let (warnings, errors) = std::mem::take(&mut self.diagnostics)
            .into_iter()
            .partition(|d| d.severity == Severity::Warning);
        self.diagnostics = errors;
        Report {
            diagnostics: warnings,
        }
    }

    /// Stable order (by file, then line) so that output does not depend on thread scheduling.
    pub fn sorted(mut self) -> Report {
        self.diagnostics.sort_by(|a, b| {
            let ka = a.location.as_ref().map(|l| (l.file.clone(), l.line, l.col));
            let kb = b.location.as_ref().map(|l| (l.file.clone(), l.line, l.col));
            ka.cmp(&kb).then_with(|| a.message.cmp(&b.message))
        });
        self.diagnostics.dedup();
        self
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = self.diagnostics.len() - errors;
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match (errors, warnings) {
            (e, 0) => write!(f, "{e} error{}", plural(e)),
            (0, w) => write!(f, "{w} warning{}", plural(w)),
            (e, w) => write!(f, "{e} error{}, {w} warning{}", plural(e), plural(w)),
        }
    }
}

impl From<Diagnostic> for Report {
    fn from(d: Diagnostic) -> Report {
        Report {
            diagnostics: vec![d],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_and_help() {
        let src = Source::new("content/a.fr.md", "+++\ntitle = 1\n+++\n".to_string());
        let d = Diagnostic::error("wrong type")
            .at(Location::at(&src, 12))
            .help("write a string");
        let text = d.to_string();
        assert!(text.starts_with("error: wrong type\n"), "{text}");
        assert!(text.contains("--> content/a.fr.md:2:9"), "{text}");
        assert!(text.contains("2 | title = 1"), "{text}");
        assert!(text.contains("  |         ^"), "{text}");
        assert!(text.ends_with("help: write a string\n"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_around_the_column_with_the_caret_under_it() {
        let line = format!("{}<b>{}", "é".repeat(100_000), "x".repeat(100_000));
        let src = Source::new("content/a.fr.md", format!("+++\n+++\n{line}\n"));
        let offset = src.text.find("<b>").unwrap();
        let text = Diagnostic::error("raw HTML")
            .at(Location::at(&src, offset))
            .to_string();
        let shown = text.lines().nth(3).unwrap();
        let caret = text.lines().nth(4).unwrap();
        assert!(text.contains("a.fr.md:3:100001"), "{text}");
        assert!(shown.chars().count() < 140, "{shown}");
        assert!(
            shown.starts_with("3 | …é") && shown.ends_with("x…"),
            "{shown}"
        );
        let column = |s: &str, pat: &str| s[..s.find(pat).unwrap()].chars().count();
        assert_eq!(
            column(caret, "^"),
            column(shown, "<b>"),
            "\n{shown}\n{caret}"
        );
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let src = Source::new("a.md", "abc <b> def\n".to_string());
        let loc = Location::at(&src, 4);
        assert_eq!((loc.line_text.as_str(), loc.caret), ("abc <b> def", 4));
    }
}

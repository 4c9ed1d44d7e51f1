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
    pub line_text: String,
}

impl Location {
    pub fn at(source: &Source, offset: usize) -> Location {
        let lc = source.line_col(offset);
        Location {
            file: source.path.clone(),
            line: lc.line,
            col: lc.col,
            line_text: source.line_text(lc.line).to_string(),
        }
    }

    /// A location for a whole file, when no better position is known (e.g. an unreadable file).
    pub fn file(path: &Path) -> Location {
        Location {
            file: path.to_path_buf(),
            line: 1,
            col: 1,
            line_text: String::new(),
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
    let caret_pad = " ".repeat(loc.col.saturating_sub(1));
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
}

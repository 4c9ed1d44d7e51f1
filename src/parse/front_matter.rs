//! Splitting a content file into its TOML front matter and its Markdown body.

use crate::diagnostic::{Diagnostic, Location};
use crate::source::Source;
use std::ops::Range;

/// The two parts of a content file, as byte ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub front_matter: Range<usize>,
    pub body: Range<usize>,
}

/// Front matter sits between a first line `+++` and the next line that is exactly `+++`.
pub fn split(source: &Source) -> Result<Split, Diagnostic> {
    let text = source.text.as_str();
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        let help = "start the file with a line `+++`, the TOML fields (title = \"…\"), and another `+++` line";
        let msg = if text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file does not start with front matter"
        };
        return Err(Diagnostic::error(msg)
            .at(Location::at(source, 0))
            .help(help));
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        if text[pos..end].trim_end() == "+++" {
            return Ok(Split {
                front_matter: first_end..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(Diagnostic::error("the front matter is not closed")
        .at(Location::at(source, 0))
        .help("add a line `+++` after the last front-matter field, before the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(t: &str) -> Source {
        Source::new("x.fr.md", t.to_string())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = src("+++\ntitle = \"a\"\n+++\nText\n");
        let sp = split(&s).unwrap();
        assert_eq!(&s.text[sp.front_matter.clone()], "title = \"a\"\n");
        assert_eq!(&s.text[sp.body.clone()], "Text\n");
    }

    #[test]
    fn accepts_crlf_line_endings() {
        let s = src("+++\r\ntitle = \"a\"\r\n+++\r\nText\r\n");
        let sp = split(&s).unwrap();
        assert_eq!(&s.text[sp.front_matter], "title = \"a\"\r\n");
        assert_eq!(&s.text[sp.body], "Text\r\n");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert!(split(&src("Text"))
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(split(&src("")).unwrap_err().message.contains("empty"));
        assert!(split(&src("+++\ntitle = 1\n"))
            .unwrap_err()
            .message
            .contains("not closed"));
    }
}

//! Splitting a content file into its TOML front matter and its Markdown body.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Date, XRef};
use crate::parse::markdown;
use crate::source::Source;
use std::ops::Range;
use toml::Spanned;

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

/// Parsed front matter of one file, with the file it came from: spans inside `raw` are
/// relative to `offset`.
pub struct FrontMatter<'a, R> {
    pub source: &'a Source,
    pub offset: usize,
    pub raw: R,
}

/// Deserializes the TOML front matter into `R`; `guide` names the docs for the fields.
pub fn parse<'a, R: serde::de::DeserializeOwned>(
    source: &'a Source,
    range: Range<usize>,
    guide: &str,
) -> Result<FrontMatter<'a, R>, Diagnostic> {
    let offset = range.start;
    let raw: R = toml::from_str(&source.text[range]).map_err(|e| {
        let at = offset + e.span().map(|s| s.start).unwrap_or(0);
        let message = e.message().trim().to_string();
        let help = if message.contains("unknown field") {
            format!("remove the field or correct its spelling; see {guide} for the fields")
        } else if message.contains("Datetime") || message.contains("date") {
            "write a date without quotes, as year-month-day: date = 2002-06-04".to_string()
        } else if message.contains("variant") {
            format!("use one of the accepted values listed in {guide}")
        } else if message.contains("invalid type") {
            format!("check the value's type (text in \"quotes\", numbers and dates bare, lists in [ ]); see {guide}")
        } else {
            "the front matter is TOML: key = value, text in \"quotes\", one field per line".to_string()
        };
        Diagnostic::error(format!("invalid front matter: {message}"))
            .at(Location::at(source, at))
            .help(help)
    })?;
    Ok(FrontMatter {
        source,
        offset,
        raw,
    })
}

impl<R> FrontMatter<'_, R> {
    pub fn at(&self, span: Range<usize>) -> Location {
        Location::at(self.source, self.offset + span.start)
    }

    pub fn file_span(&self, span: Range<usize>) -> Range<usize> {
        self.offset + span.start..self.offset + span.end
    }

    /// Where to point when a field is missing: the opening `+++`.
    pub fn top(&self) -> Location {
        Location::at(self.source, 0)
    }

    pub fn missing(&self, field: &str, example: &str, inherited: bool) -> Diagnostic {
        let help = if inherited {
            format!("add `{field} = {example}` to the front matter of this file (the default-language file); the other languages inherit it")
        } else {
            format!("add `{field} = {example}` to the front matter")
        };
        Diagnostic::error(format!("required field `{field}` is missing"))
            .at(self.top())
            .help(help)
    }

    /// A required per-language or neutral field: reports it when absent.
    pub fn required<T: Clone>(
        &self,
        value: &Option<T>,
        field: &str,
        example: &str,
        inherited: bool,
        out: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        if value.is_none() {
            out.push(self.missing(field, example, inherited));
        }
        value.clone()
    }

    /// A TOML date without time: `2002-06-04`.
    pub fn date(
        &self,
        field: &Option<Spanned<toml::value::Datetime>>,
        name: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Date> {
        let spanned = field.as_ref()?;
        let dt = spanned.get_ref();
        match (&dt.date, &dt.time, &dt.offset) {
            (Some(d), None, None) => Some(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            _ => {
                out.push(
                    Diagnostic::error(format!("`{name}` must be a date without a time"))
                        .at(self.at(spanned.span()))
                        .help(format!("write it as year-month-day: {name} = 2002-06-04")),
                );
                None
            }
        }
    }

    /// A cross-reference written as a front-matter value: `"@/documents/x.md#para-1"`.
    pub fn xref(
        &self,
        value: &Spanned<String>,
        field: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<XRef> {
        let raw = value.get_ref();
        let span = self.file_span(value.span());
        let parsed = match raw.strip_prefix("@/") {
            Some(path) => markdown::parse_xref(path),
            None => Err(format!(
                "write `{field}` as a cross-reference: \"@/<section>/<slug>.md#<id>\", e.g. \"@/documents/almaty-act-2002.md#para-27\""
            )),
        };
        match parsed {
            Ok((section, slug, fragment)) => Some(XRef {
                section,
                slug,
                fragment,
                raw: raw.clone(),
                span,
            }),
            Err(help) => {
                out.push(
                    Diagnostic::error(format!("`{field}` is not a valid cross-reference: `{raw}`"))
                        .at(Location::at(self.source, span.start))
                        .help(help),
                );
                None
            }
        }
    }

    /// A translation may repeat a language-neutral field, but not contradict it.
    pub fn inherit<T: PartialEq>(
        &self,
        from: &FrontMatter<R>,
        name: &str,
        mine: &Option<Spanned<T>>,
        theirs: &Option<Spanned<T>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(mine) = mine else { return };
        let from_file = from.source.path.display();
        let d = match theirs {
            Some(theirs) if theirs.get_ref() == mine.get_ref() => return,
            Some(theirs) => {
                Diagnostic::error(format!("`{name}` contradicts the value in {from_file}"))
                    .at(self.at(mine.span()))
                    .note(from.at(theirs.span()), "the value every language inherits")
            }
            None => Diagnostic::error(format!(
                "`{name}` is language-neutral and must be written in {from_file}"
            ))
            .at(self.at(mine.span())),
        };
        out.push(d.help(format!(
            "write `{name}` once, in {from_file}, and remove it from this file"
        )));
    }
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

//! Placeholders the scaffold (`charter new`, `charter import`) writes and an editor must
//! replace: `"TODO"` values, the example date `2000-01-01`, `@/documents/TODO.md#TODO`
//! references, and `TODO` in a text. A file that still holds one is unfinished: the check
//! names each, so that nothing unfinished is published by mistake.
//!
//! The rule (docs/writing.md, "Drafts and placeholders"): in a file that is not a draft, a
//! placeholder is a warning, and an error under `check --strict`. Under `--strict` an
//! original's placeholders are errors even in a draft, since its title, date and facts are
//! what gets committed and cited; a translation marked `draft = true` is a skeleton waiting
//! for its translator and is not held to it until it is published.

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::source::Source;
use std::ops::Range;

/// The example date of the scaffold's templates.
pub const EXAMPLE_DATE: &str = "2000-01-01";
/// The word the scaffold writes where an editor must write something.
pub const TODO: &str = "TODO";

/// One placeholder left in a file: where, and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub offset: usize,
    /// The front-matter field it is the value of, if it is in the front matter.
    pub field: Option<String>,
    pub what: &'static str,
}

/// Every placeholder of a file whose front matter spans `front_matter` and body `body`.
pub fn find(source: &Source, front_matter: Range<usize>, body: Range<usize>) -> Vec<Placeholder> {
    let mut found = Vec::new();
    for (start, line) in lines(&source.text, front_matter) {
        let value = strip_toml_comment(line);
        let field = value
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches(['[', ']']).to_string())
            .filter(|k| !k.is_empty());
        let hits = [
            ("\"TODO\"", "the placeholder \"TODO\""),
            ("TODO.md", "a reference to the placeholder page TODO"),
            (EXAMPLE_DATE, "the example date 2000-01-01"),
        ];
        for (needle, what) in hits {
            if let Some(at) = value.find(needle) {
                found.push(Placeholder {
                    offset: start + at,
                    field: field.clone(),
                    what,
                });
            }
        }
    }
    for (start, line) in lines(&source.text, body) {
        if let Some(at) = find_word(line, TODO) {
            found.push(Placeholder {
                offset: start + at,
                field: None,
                what: "the placeholder TODO",
            });
        }
    }
    found
}

/// The diagnostics for the placeholders of one file: errors under `--strict`, warnings
/// otherwise.
pub fn check(
    source: &Source,
    front_matter: Range<usize>,
    body: Range<usize>,
    strict: bool,
) -> Vec<Diagnostic> {
    find(source, front_matter, body)
        .into_iter()
        .map(|p| diagnostic(source, &p, strict))
        .collect()
}

fn diagnostic(source: &Source, p: &Placeholder, strict: bool) -> Diagnostic {
    let message = match &p.field {
        Some(field) => format!("`{field}` still holds {}", p.what),
        None => format!("the text still holds {}", p.what),
    };
    let help = "write the real value in its place; a text still being written keeps \
                `draft = true` in its front matter, which leaves it out of the site";
    let mut d = Diagnostic::error(message)
        .at(Location::at(source, p.offset))
        .help(help);
    if !strict {
        d.severity = Severity::Warning;
    }
    d
}

/// The lines of `text[range]` with their byte offsets in `text`.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> {
    let base = range.start;
    let part = &text[range];
    let mut offset = 0;
    part.split_inclusive('\n').map(move |line| {
        let start = base + offset;
        offset += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

/// A TOML line without its comment: the first `#` outside a quoted string.
fn strip_toml_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return &line[..i],
            None => {}
        }
    }
    line
}

/// The byte offset of `word` in `line` standing as a whole word (not inside `TODOS` or
/// `xTODO`).
fn find_word(line: &str, word: &str) -> Option<usize> {
    line.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::front_matter;

    fn found(text: &str) -> Vec<(usize, Option<String>, &'static str)> {
        let src = Source::new("x.fr.md", text.to_string());
        let split = front_matter::split(&src).unwrap();
        find(&src, split.front_matter, split.body)
            .into_iter()
            .map(|p| (src.line_col(p.offset).line, p.field, p.what))
            .collect()
    }

    #[test]
    fn finds_the_scaffolds_values_dates_references_and_text() {
        let text = "+++\ntitle = \"TODO\"   # the title\ndate = 2000-01-01\nsource = \"@/documents/TODO.md#TODO\"\nplace = \"Almaty\"\n+++\n\n## TODO part heading {#part-id}\n\nUn texte.\n";
        assert_eq!(
            found(text),
            [
                (2, Some("title".into()), "the placeholder \"TODO\""),
                (3, Some("date".into()), "the example date 2000-01-01"),
                (
                    4,
                    Some("source".into()),
                    "a reference to the placeholder page TODO"
                ),
                (8, None, "the placeholder TODO"),
            ]
        );
    }

    #[test]
    fn comments_other_words_and_real_values_are_not_placeholders() {
        let text = "+++\ntitle = \"Acte\"   # was \"TODO\" on 2000-01-01\n# date = 2000-01-01\nsummary = \"Un # dans le texte\"\n+++\n\nTODOS, xTODO et autres mots.\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn severity_follows_strict() {
        let src = Source::new("x.fr.md", "+++\ntitle = \"TODO\"\n+++\n".to_string());
        let split = front_matter::split(&src).unwrap();
        let lenient = check(&src, split.front_matter.clone(), split.body.clone(), false);
        let strict = check(&src, split.front_matter, split.body, true);
        assert_eq!(lenient[0].severity, Severity::Warning);
        assert_eq!(strict[0].severity, Severity::Error);
        let shown = strict[0].to_string();
        assert!(
            shown.contains("x.fr.md:2:9") && shown.contains("help:"),
            "{shown}"
        );
    }
}

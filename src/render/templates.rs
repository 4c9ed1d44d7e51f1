//! The theme's templates, compiled as the theme has them. Interface strings reach them
//! through each page's context (`t`), never by rewriting their source.

use super::template_depth;
use crate::diagnostic::{Diagnostic, Location};
use crate::source::Source;
use std::path::Path;

pub fn new_engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    // What a template inserts into HTML and XML is escaped by the engine.
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera
}

/// The templates compiled as written. A syntax error points at the line the designer wrote.
pub fn compile_templates(
    dir: &Path,
    templates: &[(String, Source)],
) -> Result<tera::Tera, Diagnostic> {
    for (name, source) in templates {
        template_depth::check_nesting(name, source)?;
    }
    let mut tera = new_engine();
    let raw = templates.iter().map(|(n, s)| (n.as_str(), s.text.as_str()));
    if let Err(e) = tera.add_raw_templates(raw) {
        // Tera names the template in its message ("Failed to parse 'x.html'").
        let chain = error_chain(&e);
        let culprit = templates
            .iter()
            .find(|(n, _)| chain.contains(&format!("'{n}'")));
        return Err(match culprit {
            Some((name, source)) => template_error(&chain, source, name),
            None => Diagnostic::error(format!("template error: {chain}"))
                .at(Location::file(dir))
                .help("check the {% extends %}, {% include %} and {% block %} tags of the theme"),
        });
    }
    template_depth::check_calls(&tera, templates)?;
    Ok(tera)
}

/// Escapes a value inserted into a page: `&`, `<`, `>` and `"`, which is all HTML text and
/// double-quoted attribute values need (the theme quotes every attribute so). Tera's default
/// also escapes `'` and `/`, which made every "d'Almaty" and URL longer for nothing.
fn escape_html(input: &str) -> String {
    super::escape::escape(input, false)
}

/// Tera reports a syntax error as ` --> line:col` inside its message: turn it into a location.
fn template_error(chain: &str, source: &Source, name: &str) -> Diagnostic {
    let position = chain.split("--> ").nth(1).and_then(|rest| {
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((
            it.next()?.parse::<usize>().ok()?,
            it.next()?.parse::<usize>().ok()?,
        ))
    });
    let location = match position {
        Some((line, col)) => Location::new(&source.path, line, col, source.line_text(line)),
        None => Location::file(&source.path),
    };
    let first = chain
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("syntax error");
    let detail = chain
        .lines()
        .filter(|l| l.trim_start().starts_with('='))
        .map(|l| l.trim().trim_start_matches('=').trim())
        .collect::<Vec<_>>()
        .join("; ");
    Diagnostic::error(format!("template `{name}` does not parse: {first} {detail}").trim_end().to_string())
        .at(location)
        .help("fix the template syntax (Tera: {{ value }}, {% tag %}); see https://keats.github.io/tera/docs/")
}

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

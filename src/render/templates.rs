//! The theme's templates: read, compacted once, and compiled, as the theme has them and as
//! each language's copy with its interface strings written in (see [`localize`]).

use crate::diagnostic::{Diagnostic, Location};
use crate::load;
use crate::output::compact_html;
use crate::source::Source;
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

/// The theme's templates compiled, and their texts as compiled (name, text).
pub type Templates = (tera::Tera, Vec<(String, String)>);

/// Templates whose names end so have what they insert escaped by the engine.
const ESCAPED: [&str; 2] = [".html", ".xml"];

pub fn new_engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(ESCAPED.to_vec());
    tera.set_escape_fn(escape_html);
    tera
}

/// Whether the engine escapes what a template inserts (see [`new_engine`]).
fn escapes(name: &str) -> bool {
    ESCAPED.iter().any(|e| name.ends_with(e))
}

/// Whether a template may give the name `t` to something else (`{% for t in … %}`,
/// `{% set t = … %}`, a macro's argument): then `{{ t.key }}` need not be a UI string, and no
/// template is localized. Errs on the side of yes.
pub fn binds_t(text: &str) -> bool {
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut rest = text;
    while let Some(open) = rest.find("{%") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("%}") else {
            return false;
        };
        let inner = after[..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = inner.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "for" | "set" | "set_global" | "macro") {
            let bytes = inner.as_bytes();
            let bound = (0..bytes.len()).any(|i| {
                bytes[i] == b't'
                    && !(i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b'.'))
                    && !bytes.get(i + 1).is_some_and(|&n| ident(n) || n == b'.')
            });
            if bound {
                return true;
            }
        }
        rest = &after[close + 2..];
    }
    false
}

/// A template with each plain `{{ t.key }}` replaced by the string itself, escaped as the
/// engine would have escaped it: the same page, without a lookup of `t` per string per page.
/// Anything else (filters, `{{- … -}}`, tags, unknown keys, strings with braces, templates
/// with `raw` blocks) is left for the engine.
pub fn localize(name: &str, text: &str, strings: &BTreeMap<String, String>) -> String {
    if text.contains("raw %}") || text.contains("raw -%}") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let value = after[..close]
            .trim_matches(|c: char| c == ' ')
            .strip_prefix("t.")
            .filter(|key| {
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .and_then(|key| strings.get(key))
            .filter(|v| !v.contains(['{', '}']));
        match value {
            Some(v) => {
                out.push_str(&rest[..open]);
                if escapes(name) {
                    out.push_str(&escape_html(v));
                } else {
                    out.push_str(v);
                }
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The theme's templates, by name (`partials/x.html`), in name order.
pub fn read_templates(root: &Path, dir: &Path) -> Result<Vec<(String, Source)>, Diagnostic> {
    let mut templates = Vec::new();
    for entry in WalkDir::new(root.join(dir)).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("cannot read the theme's templates: {e}"))
                .at(Location::file(dir))
                .help("check that the theme folder exists and is readable")
        })?;
        if !entry.file_type().is_file()
            || load::is_scratch_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root.join(dir))
            .unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        let source = load::read(entry.path(), &dir.join(rel))?;
        templates.push((name, source));
    }
    Ok(templates)
}

/// The templates as pages use them: their indentation and line breaks collapsed once here,
/// rather than every rendered page compacted afterwards.
pub fn compact_templates(templates: &[(String, Source)]) -> Vec<(String, String)> {
    templates
        .iter()
        .map(|(n, s)| {
            let text = if n.ends_with(".html") {
                String::from_utf8(compact_html(&s.text)).unwrap_or_else(|_| s.text.clone())
            } else {
                s.text.clone()
            };
            (n.clone(), text)
        })
        .collect()
}

/// The templates compiled as compacted or, when that fails, as written: an error then points
/// at the line the designer wrote, and a template whose meaning depends on its spacing is
/// used as written.
pub fn compile_templates(
    dir: &Path,
    templates: &[(String, Source)],
    compacted: &[(String, String)],
) -> Result<Templates, Diagnostic> {
    let mut compact = new_engine();
    if compact
        .add_raw_templates(compacted.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .is_ok()
    {
        return Ok((compact, compacted.to_vec()));
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
    let texts = templates
        .iter()
        .map(|(n, s)| (n.clone(), s.text.clone()))
        .collect();
    Ok((tera, texts))
}

/// The keys of the UI strings the templates use, when every use is `t.key` inside a tag or an
/// expression; None when one uses `t` otherwise (`t[name]`, `t` passed whole), and then pages
/// are given every string.
pub fn used_strings<'a>(
    sources: impl Iterator<Item = &'a str>,
) -> Option<std::collections::BTreeSet<String>> {
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut keys = std::collections::BTreeSet::new();
    for source in sources {
        let mut rest = source;
        while let Some(open) = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min()
        {
            let close = if rest[open..].starts_with("{{") {
                "}}"
            } else {
                "%}"
            };
            let inner_start = open + 2;
            let Some(len) = rest[inner_start..].find(close) else {
                break;
            };
            let inner = &rest.as_bytes()[inner_start..inner_start + len];
            let mut quote = None;
            for (i, &c) in inner.iter().enumerate() {
                // String literals are not names.
                match (quote, c) {
                    (None, b'"' | b'\'' | b'`') => quote = Some(c),
                    (Some(q), _) if c == q => quote = None,
                    _ => {}
                }
                let before = i.checked_sub(1).map(|j| inner[j]);
                if quote.is_some() || c != b't' || before.is_some_and(|b| ident(b) || b == b'.') {
                    continue;
                }
                match inner.get(i + 1) {
                    Some(&n) if ident(n) => continue,
                    Some(b'.') => {
                        let key: String = inner[i + 2..]
                            .iter()
                            .take_while(|&&b| ident(b))
                            .map(|&b| b as char)
                            .collect();
                        if key.is_empty() {
                            return None;
                        }
                        keys.insert(key);
                    }
                    _ => return None,
                }
            }
            rest = &rest[inner_start + len + 2..];
        }
    }
    Some(keys)
}

/// Escapes a value inserted into a page: `&`, `<`, `>` and `"`, which is all HTML text and
/// double-quoted attribute values need (the theme quotes every attribute so). Tera's default
/// also escapes `'` and `/`, which made every "d'Almaty" and URL longer for nothing.
fn escape_html(input: &str) -> String {
    super::body::escape(input, false)
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
        Some((line, col)) => Location {
            file: source.path.clone(),
            line,
            col,
            line_text: source.line_text(line).to_string(),
        },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_are_written_into_the_templates_as_the_engine_would_print_them() {
        let strings: BTreeMap<String, String> = [
            ("home", "Accueil"),
            ("quote", "« l'Acte » & <co>"),
            ("braces", "{{ x }}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let page = "<a title=\"{{ t.quote }}\">{{t.home}}</a>{{ t.home | upper }}{{- t.home -}}{{ t.missing }}{{ t.braces }}{% if t.home %}{% endif %}";
        assert_eq!(
            localize("x.html", page, &strings),
            "<a title=\"« l'Acte » &amp; &lt;co&gt;\">Accueil</a>{{ t.home | upper }}{{- t.home -}}{{ t.missing }}{{ t.braces }}{% if t.home %}{% endif %}"
        );
        // Not escaped where the engine does not escape; left alone around raw blocks.
        assert_eq!(
            localize("x.txt", "{{ t.quote }}", &strings),
            "« l'Acte » & <co>"
        );
        let raw = "{% raw %}{{ t.home }}{% endraw %}";
        assert_eq!(localize("x.html", raw, &strings), raw);
        // What is left is what pages still look up.
        let left = localize("x.html", page, &strings);
        assert_eq!(
            used_strings([left.as_str()].into_iter()).unwrap(),
            ["braces", "home", "missing"]
                .map(String::from)
                .into_iter()
                .collect()
        );
    }

    #[test]
    fn a_template_that_names_something_else_t_is_not_localized() {
        for text in [
            "{% for t in items %}{{ t.name }}{% endfor %}",
            "{%- for k, t in map -%}{{ t.name }}{% endfor %}",
            "{% set t = doc %}",
            "{% set_global t = 1 %}",
            "{% macro row(t) %}{{ t.x }}{% endmacro %}",
        ] {
            assert!(binds_t(text), "{text}");
        }
        for text in [
            "{{ t.home }}{% for x in t.list %}{% endfor %}{% set total = 1 %}{% if t.home %}{% endif %}",
            "{% for item in items %}{{ item.t }}{% endfor %}",
        ] {
            assert!(!binds_t(text), "{text}");
        }
    }

    #[test]
    fn pages_carry_the_strings_the_templates_use() {
        let used = used_strings(
            [
                "<a>{{ t.home }}</a>{% if page.kind == \"t\" %}{{ t.nav_label | upper }}{% endif %}",
                "<p>it's t.not_a_key outside tags</p>{{ other.t.x }}{{ at.y }}",
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(used.into_iter().collect::<Vec<_>>(), ["home", "nav_label"]);
        // Any other use of `t` and pages get every string.
        assert_eq!(used_strings(["{{ t[name] }}"].into_iter()), None);
        assert_eq!(used_strings(["{% set s = t %}"].into_iter()), None);
    }
}

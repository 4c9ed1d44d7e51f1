//! The theme: Tera templates, translated UI strings and static assets, all read from
//! `themes/{name}/` once per build.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::load;
use crate::model::Date;
use crate::output::compact_html;
use crate::source::Source;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub struct Theme {
    /// The templates of each language, with its UI strings written in where they are used
    /// plainly (`{{ t.key }}`, see [`localize`]): pages then look up only what varies.
    pub localized: BTreeMap<String, tera::Tera>,
    /// The templates as the theme has them, for a language without its own (none, unless
    /// writing the strings in failed).
    pub fallback: Option<tera::Tera>,
    /// UI strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// The UI strings each page is given as `t`, per language: those its templates still look
    /// up, when they use them only as `t.key` (every page carries its own copy).
    pub page_strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Static files by output path.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Where each static file is published: stylesheets and scripts get a name that changes
    /// with their content (`assets/style.3f2a9c1b0d.css`), so hosts can cache them forever.
    pub asset_paths: BTreeMap<String, String>,
    /// Theme folder relative to the site root, for messages.
    pub dir: PathBuf,
}

/// The UI strings of one language (`themes/{name}/i18n/{lang}.toml`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Strings {
    pub map: BTreeMap<String, String>,
    pub months: Vec<String>,
}

impl Strings {
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(|s| s.as_str()).unwrap_or(key)
    }

    /// `4 juin 2002`, `4 June 2002`; `first_day` ("1er") where a language writes the first
    /// of the month differently.
    pub fn date(&self, d: &Date) -> String {
        let month = self
            .months
            .get(usize::from(d.month).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| d.month.to_string());
        let day = match (d.day, self.map.get("first_day")) {
            (1, Some(first)) => first.clone(),
            _ => d.day.to_string(),
        };
        self.get("date_format")
            .replace("{day}", &day)
            .replace("{month}", &month)
            .replace("{year}", &d.year.to_string())
    }
}

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Report> {
        let dir = PathBuf::from("themes").join(&config.theme);
        let abs = root.join(&dir);
        let mut report = Report::default();
        if !abs.is_dir() {
            return Err(Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                .at(Location::file(&dir))
                .help("set theme in charter.toml to a folder under themes/, or restore themes/default/")
                .into());
        }
        let templates_dir = dir.join("templates");
        let templates = match read_templates(root, &templates_dir) {
            Ok(t) => Some(t),
            Err(d) => {
                report.push(d);
                None
            }
        };
        let mut strings = BTreeMap::new();
        for lang in config.codes() {
            match load_strings(root, &dir.join("i18n").join(format!("{lang}.toml"))) {
                Ok(s) => {
                    strings.insert(lang.to_string(), s);
                }
                Err(d) => report.push(d),
            }
        }
        let (assets, asset_paths) = match load_assets(&abs.join("static")) {
            Ok(a) => fingerprint(a),
            Err(d) => {
                report.push(d);
                (BTreeMap::new(), BTreeMap::new())
            }
        };
        let Some(templates) = templates else {
            return Err(report);
        };
        let compacted = compact_templates(&templates);
        let localizable = !compacted.iter().any(|(_, text)| binds_t(text));
        // Per language, in parallel: its templates with its strings written in.
        let localized: BTreeMap<String, (tera::Tera, Vec<String>)> = {
            use rayon::prelude::*;
            strings
                .par_iter()
                .filter(|_| localizable)
                .filter_map(|(lang, s)| {
                    let texts: Vec<(&str, String)> = compacted
                        .iter()
                        .map(|(name, text)| (name.as_str(), localize(name, text, &s.map)))
                        .collect();
                    let mut engine = new_engine();
                    engine
                        .add_raw_templates(texts.iter().map(|(n, t)| (*n, t.as_str())))
                        .ok()?;
                    let texts = texts.into_iter().map(|(_, t)| t).collect();
                    Some((lang.clone(), (engine, texts)))
                })
                .collect()
        };
        // The theme's templates themselves, compiled only for a language without its own:
        // when they do not compile (the message then points at the designer's line), or when
        // its strings could not be read.
        let fallback = if config.codes().all(|l| localized.contains_key(l)) {
            None
        } else {
            match compile_templates(&templates_dir, &templates, &compacted) {
                Ok(t) => Some(t),
                Err(d) => {
                    report.push(d);
                    None
                }
            }
        };
        if !report.is_empty() {
            return Err(report);
        }
        // The strings each language's pages still look up.
        let page_strings = strings
            .iter()
            .map(|(lang, s)| {
                let sources: Vec<&str> = match (localized.get(lang), &fallback) {
                    (Some((_, texts)), _) => texts.iter().map(String::as_str).collect(),
                    (None, Some((_, texts))) => texts.iter().map(|(_, t)| t.as_str()).collect(),
                    (None, None) => Vec::new(),
                };
                let map = match used_strings(sources.into_iter()) {
                    Some(keys) => s
                        .map
                        .iter()
                        .filter(|(k, _)| keys.contains(k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    None => s.map.clone(),
                };
                (lang.clone(), map)
            })
            .collect();
        Ok(Theme {
            localized: localized
                .into_iter()
                .map(|(lang, (engine, _))| (lang, engine))
                .collect(),
            fallback: fallback.map(|(engine, _)| engine),
            strings,
            page_strings,
            assets,
            asset_paths,
            dir,
        })
    }

    /// The templates a page in `lang` is rendered with (every language of the site has them).
    pub fn engine(&self, lang: &str) -> Option<&tera::Tera> {
        self.localized.get(lang).or(self.fallback.as_ref())
    }
}

/// The theme's templates compiled, and their texts as compiled (name, text).
type Templates = (tera::Tera, Vec<(String, String)>);

fn new_engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera
}

/// Whether the engine escapes what a template inserts (see [`new_engine`]).
fn escapes(name: &str) -> bool {
    name.ends_with(".html") || name.ends_with(".xml")
}

/// Whether a template may give the name `t` to something else (`{% for t in … %}`,
/// `{% set t = … %}`, a macro's argument): then `{{ t.key }}` need not be a UI string, and no
/// template is localized. Errs on the side of yes.
fn binds_t(text: &str) -> bool {
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
fn localize(name: &str, text: &str, strings: &BTreeMap<String, String>) -> String {
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
fn read_templates(root: &Path, dir: &Path) -> Result<Vec<(String, Source)>, Diagnostic> {
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
fn compact_templates(templates: &[(String, Source)]) -> Vec<(String, String)> {
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
fn compile_templates(
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
fn used_strings<'a>(
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

fn load_strings(root: &Path, rel: &Path) -> Result<Strings, Diagnostic> {
    let source = load::read(&root.join(rel), rel).map_err(|d| {
        d.help(format!(
            "every language of the site needs its UI strings in {}",
            rel.display()
        ))
    })?;
    let table: toml::Table = toml::from_str(&source.text).map_err(|e| {
        Diagnostic::error(format!("invalid UI strings: {}", e.message()))
            .at(Location::at(
                &source,
                e.span().map(|s| s.start).unwrap_or(0),
            ))
            .help("the file is TOML: key = \"text\"")
    })?;
    let mut map = BTreeMap::new();
    let mut months = Vec::new();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("months", toml::Value::Array(a)) => {
                months = a
                    .into_iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
            }
            (_, toml::Value::String(s)) => {
                map.insert(key, s);
            }
            _ => {
                let at = source.text.find(&key).unwrap_or(0);
                return Err(Diagnostic::error(format!("UI string `{key}` is not text"))
                    .at(Location::at(&source, at))
                    .help("write every UI string as key = \"text\" (only `months` is a list)"));
            }
        }
    }
    if months.len() != 12 {
        return Err(
            Diagnostic::error("the UI strings need the names of the 12 months")
                .at(Location::at(
                    &source,
                    source.text.find("months").unwrap_or(0),
                ))
                .help("add months = [\"janvier\", …] with twelve names"),
        );
    }
    Ok(Strings { map, months })
}

/// Renames stylesheets and scripts after a hash of their content.
fn fingerprint(
    files: BTreeMap<String, Vec<u8>>,
) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, String>) {
    let mut assets = BTreeMap::new();
    let mut paths = BTreeMap::new();
    for (name, bytes) in files {
        let published = match name.rsplit_once('.') {
            Some((stem, ext @ ("css" | "js"))) => {
                let hash = blake3::hash(&bytes).to_hex();
                format!("assets/{stem}.{}.{ext}", &hash[..10])
            }
            _ => name.clone(),
        };
        paths.insert(name, published.clone());
        assets.insert(published, bytes);
    }
    (assets, paths)
}

impl Theme {
    /// The published path of a static file of the theme.
    pub fn asset<'a>(&'a self, name: &'a str) -> &'a str {
        self.asset_paths
            .get(name)
            .map(|s| s.as_str())
            .unwrap_or(name)
    }
}

fn load_assets(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut assets = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(assets);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("cannot read the theme's static files: {e}"))
                .help("check the theme folder's permissions")
        })?;
        if entry.file_type().is_dir() || load::is_scratch_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.path_is_symlink() || !entry.file_type().is_file() {
            // A link could publish any file of the machine: only real files are copied.
            return Err(Diagnostic::error(format!(
                "static file {} is a symbolic link or a special file",
                rel.display()
            ))
            .at(Location::file(&Path::new("themes").join(rel)))
            .help("copy the file itself into the theme's static/ folder"));
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(format!("cannot read a static file: {e}")).at(Location::file(rel))
        })?;
        assets.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
    }
    Ok(assets)
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
    fn the_default_theme_prints_its_plain_strings_without_looking_them_up() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (config, _) = Config::load(root).unwrap();
        let theme = Theme::load(root, &config).unwrap();
        assert!(theme.fallback.is_none());
        for lang in config.codes() {
            assert!(theme.localized.contains_key(lang), "{lang}");
            // Only strings with braces (placeholders such as `{n}`) are left to look up.
            let left = &theme.page_strings[lang];
            assert!(
                left.values().all(|v| v.contains(['{', '}'])),
                "{lang}: {left:?}"
            );
        }
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

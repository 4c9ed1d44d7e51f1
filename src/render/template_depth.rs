//! How deep a theme's templates may go. Tera parses and renders by recursion and has no bound
//! of its own: a template nested a few thousand tags deep, or one that includes itself, ends the
//! process with a stack overflow, which no error handling can catch. Both are refused here with
//! the template and line, before Tera parses (nesting) and before anything is rendered (calls).

use crate::diagnostic::{Diagnostic, Location};
use crate::source::Source;
use std::collections::{BTreeMap, BTreeSet};
use tera::ast::{Expr, ExprVal, Node};

/// How deep tags (`{% if %}`, `{% for %}`, `{% block %}`…) and brackets inside a tag may nest,
/// and how long a chain of includes and macro calls may be. A theme uses a handful.
pub const MAX_DEPTH: usize = 32;

/// Tags that open a body closed by an `{% end… %}`.
const OPENERS: [&str; 6] = ["if", "for", "block", "macro", "filter", "raw"];

/// Checks the nesting of the tags of a template and of the brackets inside each tag.
pub fn check_nesting(name: &str, source: &Source) -> Result<(), Diagnostic> {
    let text = &source.text;
    let mut tags = 0usize;
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let close = match text.get(open + 1..open + 2) {
            Some("%") => "%}",
            Some("{") => "}}",
            Some("#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let Some(end) = text[open + 2..].find(close).map(|i| open + 2 + i) else {
            return Ok(()); // An unclosed tag: Tera reports it.
        };
        let inside = &text[open + 2..end];
        at = end + 2;
        if close == "#}" {
            continue;
        }
        if let Some(depth_at) = too_deep_brackets(inside) {
            return Err(too_deep(name, source, open + 2 + depth_at, "brackets"));
        }
        if close == "%}" {
            let word = inside.trim_matches(|c: char| c == '-' || c.is_whitespace());
            let word = word.split_whitespace().next().unwrap_or("");
            if word == "raw" {
                // Nothing inside is a tag; skip to the end of the raw section.
                at = text[at..].find("endraw").map_or(text.len(), |i| at + i);
                continue;
            }
            if OPENERS.contains(&word) {
                tags += 1;
                if tags > MAX_DEPTH {
                    return Err(too_deep(name, source, open, "tags"));
                }
            } else if word.starts_with("end") {
                tags = tags.saturating_sub(1);
            }
        }
    }
    Ok(())
}

/// The offset in `inside` where brackets nest deeper than [`MAX_DEPTH`], outside quotes.
fn too_deep_brackets(inside: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in inside.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn too_deep(name: &str, source: &Source, offset: usize, what: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "template `{name}` nests {what} deeper than {MAX_DEPTH} levels here"
    ))
    .at(Location::at(source, offset))
    .help("split the template into partials or macros; a page's template nests a few levels")
}

/// A template or a macro: what can be entered during a render.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    Template(String),
    /// A macro, by the template that defines it and its name.
    Macro(String, String),
}

/// Checks that no template includes itself and no macro calls itself, directly or through
/// others, and that no chain of includes and calls is longer than [`MAX_DEPTH`]: either would
/// recurse until the stack runs out while rendering.
pub fn check_calls(tera: &tera::Tera, sources: &[(String, Source)]) -> Result<(), Diagnostic> {
    let mut calls: BTreeMap<Callee, BTreeSet<Callee>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let imports: BTreeMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let resolve = |namespace: &str, macro_name: &str| {
            let file = if namespace == "self" {
                name.as_str()
            } else {
                imports.get(namespace).copied().unwrap_or(namespace)
            };
            Callee::Macro(file.to_string(), macro_name.to_string())
        };
        let mut from_template = BTreeSet::new();
        for node in &template.ast {
            if let Node::MacroDefinition(_, m, _) = node {
                let mut from_macro = BTreeSet::new();
                walk(&m.body, &resolve, &mut from_macro);
                calls.insert(Callee::Macro(name.clone(), m.name.clone()), from_macro);
            } else {
                walk(std::slice::from_ref(node), &resolve, &mut from_template);
            }
        }
        calls.insert(Callee::Template(name.clone()), from_template);
    }
    match longest_chain(&calls) {
        Ok(_) => Ok(()),
        Err(callee) => {
            let (file, what) = match &callee {
                Callee::Template(t) => (t.clone(), format!("template `{t}`")),
                Callee::Macro(t, m) => (t.clone(), format!("macro `{m}` of `{t}`")),
            };
            let location = sources.iter().find(|(n, _)| *n == file).map_or_else(
                || Location::file(std::path::Path::new(&file)),
                |(_, s)| Location::at(s, 0),
            );
            Err(Diagnostic::error(format!(
                "{what} includes or calls itself, or starts a chain of more than {MAX_DEPTH} includes and calls"
            ))
            .at(location)
            .help("a template or macro may not include or call itself, even through others: rendering it would never end"))
        }
    }
}

/// The longest chain of calls, or a callee on a cycle (or on a chain too long). Kahn's
/// algorithm, without recursion: the graph is as large as a theme makes it.
fn longest_chain(calls: &BTreeMap<Callee, BTreeSet<Callee>>) -> Result<usize, Callee> {
    let mut callers: BTreeMap<&Callee, usize> = calls.keys().map(|c| (c, 0)).collect();
    for targets in calls.values() {
        for t in targets {
            *callers.entry(t).or_default() += 1;
        }
    }
    // Depth of each callee: the longest chain of calls that leads to it.
    let mut depth: BTreeMap<&Callee, usize> = BTreeMap::new();
    let mut ready: Vec<&Callee> = callers
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(c, _)| *c)
        .collect();
    let mut done = 0;
    let mut longest = 0;
    while let Some(callee) = ready.pop() {
        done += 1;
        let d = depth.get(callee).copied().unwrap_or(0);
        if d > MAX_DEPTH {
            return Err(callee.clone());
        }
        longest = longest.max(d);
        for target in calls.get(callee).into_iter().flatten() {
            let e = depth.entry(target).or_default();
            *e = (*e).max(d + 1);
            let n = callers.get_mut(target).expect("every target counted");
            *n -= 1;
            if *n == 0 {
                ready.push(target);
            }
        }
    }
    if done < callers.len() {
        let on_cycle = callers.iter().find(|(_, n)| **n > 0).map(|(c, _)| *c);
        return Err(on_cycle.expect("a callee left").clone());
    }
    Ok(longest)
}

/// Gathers the templates included and the macros called in `nodes`.
fn walk(nodes: &[Node], resolve: &dyn Fn(&str, &str) -> Callee, out: &mut BTreeSet<Callee>) {
    // A stack rather than recursion: the nesting is bounded by `check_nesting`, but this walk
    // should not depend on it.
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    let mut exprs: Vec<&Expr> = Vec::new();
    while let Some(node) = stack.pop() {
        match node {
            Node::Include(_, names, _) => {
                out.extend(names.iter().map(|n| Callee::Template(n.clone())));
            }
            Node::VariableBlock(_, e) => exprs.push(e),
            Node::Set(_, s) => exprs.push(&s.value),
            Node::MacroDefinition(_, m, _) => stack.extend(m.body.iter().rev()),
            Node::FilterSection(_, f, _) => {
                exprs.extend(f.filter.args.values());
                stack.extend(f.body.iter().rev());
            }
            Node::Block(_, b, _) => stack.extend(b.body.iter().rev()),
            Node::Forloop(_, f, _) => {
                exprs.push(&f.container);
                stack.extend(f.body.iter().rev());
                stack.extend(f.empty_body.iter().flatten().rev());
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    exprs.push(cond);
                    stack.extend(body.iter().rev());
                }
                if let Some((_, body)) = &i.otherwise {
                    stack.extend(body.iter().rev());
                }
            }
            _ => {}
        }
    }
    while let Some(e) = exprs.pop() {
        for f in &e.filters {
            exprs.extend(f.args.values());
        }
        match &e.val {
            ExprVal::MacroCall(m) => {
                out.insert(resolve(&m.namespace, &m.name));
                exprs.extend(m.args.values());
            }
            ExprVal::FunctionCall(f) => exprs.extend(f.args.values()),
            ExprVal::Math(m) => exprs.extend([&*m.lhs, &*m.rhs]),
            ExprVal::Logic(l) => exprs.extend([&*l.lhs, &*l.rhs]),
            ExprVal::In(i) => exprs.extend([&*i.lhs, &*i.rhs]),
            ExprVal::Test(t) => exprs.extend(&t.args),
            ExprVal::Array(items) => exprs.extend(items),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(templates: &[(&str, &str)]) -> Vec<(String, Source)> {
        templates
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    Source::new(format!("themes/t/templates/{n}"), t.to_string()),
                )
            })
            .collect()
    }

    fn calls(templates: &[(&str, &str)]) -> Result<(), Diagnostic> {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        check_calls(&tera, &sources(templates))
    }

    #[test]
    fn a_template_that_includes_itself_through_another_is_refused() {
        let err = calls(&[
            ("a.html", "{% if x %}{% include \"b.html\" %}{% endif %}"),
            (
                "b.html",
                "{% for i in y %}{% include \"a.html\" %}{% endfor %}",
            ),
        ])
        .unwrap_err();
        assert!(err.message.contains("includes or calls itself"), "{err}");
        assert!(err.position().starts_with("themes/t/templates/"), "{err}");
    }

    #[test]
    fn a_macro_that_calls_itself_is_refused() {
        let err = calls(&[(
            "m.html",
            "{% macro walk(n) %}{{ self::walk(n=n - 1) }}{% endmacro %}",
        )])
        .unwrap_err();
        assert!(err.message.contains("macro `walk` of `m.html`"), "{err}");
        let err = calls(&[(
            "m.html",
            "{% macro a() %}{% if true %}{{ self::b() | safe }}{% endif %}{% endmacro %}\
             {% macro b() %}{{ self::a() }}{% endmacro %}",
        )])
        .unwrap_err();
        assert!(err.message.contains("of `m.html`"), "{err}");
    }

    #[test]
    fn a_chain_longer_than_the_bound_is_refused_and_a_short_one_passes() {
        let chain = |n: usize| -> Vec<(String, String)> {
            (0..n)
                .map(|i| {
                    (
                        format!("t{i}.html"),
                        format!("{{% include \"t{}.html\" %}}", i + 1),
                    )
                })
                .chain([(format!("t{n}.html"), "end".to_string())])
                .collect()
        };
        for (n, ok) in [(MAX_DEPTH, true), (MAX_DEPTH + 2, false)] {
            let templates = chain(n);
            let refs: Vec<(&str, &str)> = templates
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            assert_eq!(calls(&refs).is_ok(), ok, "a chain of {n}");
        }
    }

    #[test]
    fn the_default_theme_passes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let templates =
            crate::theme::templates::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &dir)
                .unwrap();
        let tera = super::super::templates::compile_templates(&dir, &templates).unwrap();
        check_calls(&tera, &templates).unwrap();
        for (name, source) in &templates {
            check_nesting(name, source).unwrap();
        }
    }

    #[test]
    fn nesting_is_bounded_for_tags_and_brackets() {
        let deep_tags = format!(
            "{}x{}",
            "{% if a %}".repeat(5_000),
            "{% endif %}".repeat(5_000)
        );
        let deep_brackets = format!(
            "line\n{{{{ {}1{} }}}}",
            "(".repeat(5_000),
            ")".repeat(5_000)
        );
        let fine = format!(
            "{}x{}{{{{ ((1)) }}}}",
            "{% if a %}".repeat(MAX_DEPTH),
            "{% endif %}".repeat(MAX_DEPTH)
        );
        let quoted = format!("{{{{ \"{}\" }}}}", "(".repeat(5_000));
        let src = |t: &str| Source::new("themes/t/templates/x.html", t.to_string());
        let err = check_nesting("x.html", &src(&deep_tags)).unwrap_err();
        assert!(err.message.contains("nests tags deeper than 32"), "{err}");
        let err = check_nesting("x.html", &src(&deep_brackets)).unwrap_err();
        assert!(
            err.message.contains("brackets") && err.position().ends_with(":2:36"),
            "{err}"
        );
        check_nesting("x.html", &src(&fine)).unwrap();
        check_nesting("x.html", &src(&quoted)).unwrap();
    }
}

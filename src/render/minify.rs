//! Minification with `minify-html`: every page as it is rendered, and the theme's stylesheets
//! and scripts once, when the theme is prepared ([`super::prepared`]).

use minify_html::{minify, Cfg};

/// Settings that keep pages valid HTML for the Nu checker: the doctype, quoted attribute
/// values where the specification needs them, spaces between attributes and entities are left
/// as the standard wants them. Closing tags that HTML makes optional are dropped. Pages carry
/// no inline style or script (the Content-Security-Policy forbids them), so their CSS and JS
/// minifiers stay off here.
fn page_cfg() -> Cfg {
    Cfg {
        keep_closing_tags: false,
        keep_html_and_head_opening_tags: false,
        keep_comments: false,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_optimal_entities: false,
        allow_removing_spaces_between_attributes: false,
        ..Cfg::new()
    }
}

/// A page as published.
pub fn page(html: &[u8]) -> Vec<u8> {
    minify(html, &page_cfg())
}

/// A stylesheet or a script of the theme, minified by the same crate: the file is wrapped in
/// the element that holds such code in a page, minified as part of it, and unwrapped. Other
/// files, and code the minifier cannot parse, are published as they are.
pub fn asset(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let (open, close): (&[u8], &[u8]) = match name.rsplit_once('.') {
        Some((_, "css")) => (b"<style>", b"</style>"),
        Some((_, "js")) => (b"<script>", b"</script>"),
        _ => return bytes,
    };
    let cfg = Cfg {
        minify_css: true,
        minify_js: true,
        ..page_cfg()
    };
    let wrapped = [open, &bytes, close].concat();
    let out = minify(&wrapped, &cfg);
    match out
        .strip_prefix(open)
        .and_then(|rest| rest.strip_suffix(close))
    {
        Some(code) if !code.is_empty() && code.len() < bytes.len() => code.to_vec(),
        _ => bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_lose_indentation_but_keep_what_a_reader_sees() {
        let html = b"<!doctype html>\n<html lang=\"fr\">\n  <head>\n    <title>Acte</title>\n  </head>\n  <body>\n    <p class=\"a b\">Un\n      deux  trois</p>\n    <pre>  code\n    kept </pre>\n  </body>\n</html>\n";
        let out = String::from_utf8(page(html)).unwrap();
        assert!(out.starts_with("<!doctype html><html lang=fr>"), "{out}");
        assert!(out.contains("Un deux trois"), "{out}");
        assert!(out.contains("<pre>  code\n    kept </pre>"), "{out}");
        assert!(out.contains("class=\"a b\""), "{out}");
        assert!(out.len() < html.len());
    }

    #[test]
    fn stylesheets_and_scripts_are_minified_and_other_files_kept() {
        let css = b"body {\n  color: #ff0000;\n  margin: 0px;\n}\n".to_vec();
        let out = String::from_utf8(asset("style.css", css)).unwrap();
        assert_eq!(out, "body{color:red;margin:0}");
        let js = b"function hello(name) {\n  // a comment\n  return 'hi ' + name;\n}\nwindow.hello = hello;\n".to_vec();
        let out = String::from_utf8(asset("charter.js", js.clone())).unwrap();
        // The crate's JavaScript printer keeps comments; indentation and spaces go.
        assert!(out.len() < js.len() && !out.contains("  "), "{out}");
        assert!(out.contains("window.hello=hello"), "{out}");
        let svg = b"<svg>  </svg>".to_vec();
        assert_eq!(asset("logo.svg", svg.clone()), svg);
    }
}

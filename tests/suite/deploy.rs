//! Deployment: netlify.toml says what the host must do, and the pages need nothing the
//! Content-Security-Policy would block.

use crate::support::{select, Site};
use std::path::Path;

fn netlify() -> toml::Table {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("netlify.toml"))
        .expect("netlify.toml exists");
    toml::from_str(&text).expect("netlify.toml is valid TOML")
}

/// The Content-Security-Policy every page is served with.
pub fn csp() -> String {
    let n = netlify();
    let headers = n["headers"].as_array().unwrap();
    let all = headers
        .iter()
        .find(|h| h["for"].as_str() == Some("/*"))
        .expect("headers for /*");
    all["values"]["Content-Security-Policy"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn netlify_builds_publishes_and_previews_with_their_own_url() {
    let n = netlify();
    let build = &n["build"];
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().unwrap();
    assert!(
        command.starts_with("cargo run --release") && command.ends_with("-- build"),
        "{command}"
    );
    assert!(
        command.contains("--no-default-features"),
        "the deploy build leaves the dev server out"
    );
    assert_eq!(
        build["environment"]["CARGO_PROFILE_RELEASE_INCREMENTAL"].as_str(),
        Some("true"),
        "a warm deploy recompiles only what changed"
    );
    for context in ["deploy-preview", "branch-deploy"] {
        let c = n["context"][context]["command"].as_str().unwrap();
        assert!(
            c.contains("build --base-url \"$DEPLOY_PRIME_URL\""),
            "{context}: {c}"
        );
    }
    // target/ and the cargo registry are kept between deploys by a plugin local to the
    // repository: Netlify would refuse a plugin that is neither in its directory nor in a
    // package.json (tests/suite/netlify.rs runs Netlify's build on a clean clone).
    let plugins = n["plugins"].as_array().unwrap();
    assert_eq!(plugins.len(), 1, "{plugins:?}");
    let cache = plugins[0]["package"].as_str().unwrap();
    assert_eq!(cache, "./plugins/cargo-cache");
    let plugin = Path::new(env!("CARGO_MANIFEST_DIR")).join(cache);
    let manifest = std::fs::read_to_string(plugin.join("manifest.yml")).unwrap();
    assert!(manifest.contains("name: cargo-cache"), "{manifest}");
    let logic = std::fs::read_to_string(plugin.join("index.js")).unwrap();
    for needle in [
        "onPreBuild",
        "utils.cache.restore",
        "onPostBuild",
        "utils.cache.save",
        "'target'",
        "'registry'",
        "'git'",
    ] {
        assert!(logic.contains(needle), "the plugin lacks {needle}");
    }
    let toolchain =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rust-toolchain.toml"))
            .unwrap();
    let toolchain: toml::Table = toml::from_str(&toolchain).unwrap();
    assert!(
        toolchain["toolchain"]["channel"]
            .as_str()
            .unwrap()
            .chars()
            .next()
            .unwrap()
            .is_ascii_digit(),
        "a pinned version"
    );
}

#[test]
fn the_root_redirects_by_language_with_the_chooser_as_fallback() {
    let n = netlify();
    let redirects = n["redirects"].as_array().unwrap();
    for (lang, to) in [("fr", "/fr/"), ("en", "/en/")] {
        let r = redirects
            .iter()
            .find(|r| {
                r["from"].as_str() == Some("/")
                    && r["conditions"]["Language"]
                        .as_array()
                        .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(lang)))
            })
            .unwrap_or_else(|| panic!("no redirect for {lang}"));
        assert_eq!(r["to"].as_str(), Some(to));
        assert!(!r.get("force").and_then(|f| f.as_bool()).unwrap_or(false));
    }
    // Without a matching language, "/" is the chooser page itself: no unconditional redirect.
    assert!(!redirects
        .iter()
        .any(|r| r["from"].as_str() == Some("/") && r.get("conditions").is_none()));
}

#[test]
fn security_and_caching_headers() {
    let n = netlify();
    let headers = n["headers"].as_array().unwrap();
    let values = |path: &str| {
        headers
            .iter()
            .find(|h| h["for"].as_str() == Some(path))
            .unwrap_or_else(|| panic!("headers for {path}"))["values"]
            .clone()
    };
    let all = values("/*");
    let csp = all["Content-Security-Policy"].as_str().unwrap();
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}");
    }
    assert_eq!(all["X-Content-Type-Options"].as_str(), Some("nosniff"));
    assert!(all["Referrer-Policy"].as_str().is_some());
    assert!(all["Permissions-Policy"]
        .as_str()
        .unwrap()
        .contains("camera=()"));
    let hsts = all["Strict-Transport-Security"].as_str().unwrap();
    let max_age: u64 = hsts
        .split("max-age=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(max_age >= 31_536_000, "{hsts}");
    // Every path matches /*: a Cache-Control there would reach /assets/ too, beside the
    // year below. Pages keep Netlify's default (max-age=0, must-revalidate).
    assert!(all.get("Cache-Control").is_none(), "{all:?}");
    let assets = values("/assets/*");
    let cache = assets["Cache-Control"].as_str().unwrap();
    assert!(
        cache.contains("immutable") && cache.contains("max-age=31536000"),
        "{cache}"
    );
}

#[test]
fn no_page_has_inline_script_style_or_handlers() {
    let site = Site::real();
    site.run(&["build"]).success();
    let mut pages = 0;
    let mut problems = Vec::new();
    for entry in walk(&site.path().join("public")) {
        if entry.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        pages += 1;
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&entry).unwrap());
        let rel = entry
            .strip_prefix(site.path())
            .unwrap()
            .display()
            .to_string();
        // A JSON-LD data block is data, not script: the browser never runs it, and the
        // Content-Security-Policy need not allow it. Anything else inline would be executable.
        for s in select(&doc, "script") {
            let data = s.value().attr("type") == Some("application/ld+json");
            if s.value().attr("src").is_none() && !data {
                problems.push(format!("{rel}: inline <script>"));
            }
        }
        if !select(&doc, "style").is_empty() {
            problems.push(format!("{rel}: <style>"));
        }
        for el in select(&doc, "*") {
            for (name, value) in el.value().attrs() {
                if name == "style" || name.starts_with("on") {
                    problems.push(format!("{rel}: {name}= on <{}>", el.value().name()));
                }
                if value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
                {
                    problems.push(format!("{rel}: javascript: URL"));
                }
            }
        }
    }
    assert!(pages > 100, "{pages} pages checked");
    assert!(problems.is_empty(), "{problems:#?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

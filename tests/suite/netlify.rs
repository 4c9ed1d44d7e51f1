//! Netlify's own build tool on a clean clone of the committed HEAD: `netlify-build --offline`
//! (npm's @netlify/build, pinned in tests/browser/) reads netlify.toml, loads its plugins and
//! runs the build command as a deploy does; then `netlify-config --offline` (@netlify/config,
//! the resolver that build uses) prints the configuration the deploy would get, and the test
//! checks the headers and redirects it resolved for every published path. Without the tools
//! (`npm ci` in tests/browser) the test says so loudly and skips; under `CI=true` it fails.

use crate::support::require;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A tool from tests/browser/node_modules/.bin, or the reason the test cannot run: fatal in CI,
/// a loud skip elsewhere.
fn tool(name: &str) -> Option<PathBuf> {
    let path = repo().join("tests/browser/node_modules/.bin").join(name);
    require(
        path.is_file().then_some(path),
        &format!("netlify build: {name}"),
        "run `npm ci` in tests/browser",
    )
}

/// The target folder this test binary was built in (`…/target/debug/charter` → `…/target`),
/// so that the clone's `cargo run --release` reuses the dependencies compiled there and
/// compiles only the crate and the features it builds differently. `cargo test` builds in
/// target/debug; the clone builds in target/release. Under `cargo test --release` the clone
/// would replace the binary the other tests run, so it gets a folder of its own.
fn target_dir() -> PathBuf {
    let exe = Path::new(env!("CARGO_BIN_EXE_charter"));
    let profile = exe.parent().unwrap();
    let target = profile.parent().unwrap();
    if profile.file_name().is_some_and(|p| p == "release") {
        target.join("netlify")
    } else {
        target.to_path_buf()
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs `cmd` to its end (or kills it after `limit`), its output kept in files beside `dir`.
fn run(mut cmd: Command, dir: &Path, name: &str, limit: Duration) -> (bool, String) {
    let log = dir.join(format!("{name}.log"));
    let file = std::fs::File::create(&log).unwrap();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap_or_else(|e| panic!("{name} starts: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    match status {
        Some(s) => (s.success(), output),
        None => panic!("{name} still running after {limit:?}:\n{}", tail(&output)),
    }
}

fn tail(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    lines[lines.len().saturating_sub(120)..].join("\n")
}

/// Netlify's path patterns as this netlify.toml uses them: exact paths, and `prefix/*`.
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('/') && !prefix.contains(['*', ':']) => {
            path.starts_with(prefix)
        }
        None if !pattern.contains(':') => pattern == path,
        _ => panic!("the test does not know how Netlify matches {pattern:?}"),
    }
}

/// Every path the published site answers: each file, and each folder with an index.html.
fn published_paths(public: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    for file in crate::support::tree(public).into_keys() {
        let rel = file.to_string_lossy().replace('\\', "/");
        if let Some(dir) = rel.strip_suffix("index.html") {
            paths.push(format!("/{dir}"));
        }
        paths.push(format!("/{rel}"));
    }
    paths
}

#[test]
fn netlify_builds_a_clean_clone_with_the_intended_headers_and_redirects() {
    let Some(build) = tool("netlify-build") else {
        return;
    };
    let Some(config) = tool("netlify-config") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // The clone sits at one place beside the compiled code, so that each run builds the same
    // package (cargo names a crate's artifacts, and rustc its incremental state, after its
    // path): the build reuses them instead of leaving another copy behind every time. A lock
    // keeps two runs of the test from sharing the clone.
    let target = target_dir();
    std::fs::create_dir_all(&target).unwrap();
    let lock = std::fs::File::create(target.join("netlify-site.lock")).unwrap();
    lock.lock().unwrap();
    let site = target.join("netlify-site");
    if site.exists() {
        std::fs::remove_dir_all(&site).unwrap();
    }
    git(
        tmp.path(),
        &[
            "clone",
            "--quiet",
            repo().to_str().unwrap(),
            site.to_str().unwrap(),
        ],
    );
    let commit = git(&site, &["rev-parse", "--short", "HEAD"]);

    // The build, as a deploy runs it: no login, no site, nothing asked of Netlify's API.
    let mut cmd = Command::new(&build);
    cmd.arg("--offline")
        .current_dir(&site)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_TERM_COLOR", "never")
        // Plain text, also under CI=true (where the tool would colour its log).
        .env("FORCE_COLOR", "0");
    let (ok, output) = run(
        cmd,
        tmp.path(),
        "netlify-build",
        Duration::from_secs(45 * 60),
    );
    assert!(
        ok,
        "netlify-build --offline failed on a clone of {commit}:\n{}",
        tail(&output)
    );
    for line in [
        "./plugins/cargo-cache from netlify.toml",
        "$ cargo run --release --locked --no-default-features -- build",
        "Netlify Build Complete",
    ] {
        assert!(output.contains(line), "no {line:?} in:\n{}", tail(&output));
    }
    // The cache plugin ran before and after the build (outside Netlify it has nothing to keep).
    assert_eq!(
        output.matches("cargo-cache: a local build keeps").count(),
        2,
        "{}",
        tail(&output)
    );
    let public = site.join("public");
    for file in [
        "index.html",
        "fr/index.html",
        "en/index.html",
        "en/documents/almaty-act-2002/index.html",
        "fr/documents/almaty-act-2002/index.html",
        "search-index/fr/index.json",
        "search-index/en/index.json",
        "sitemap.xml",
        "404.html",
    ] {
        assert!(
            public.join(file).is_file(),
            "public/{file} was not published"
        );
    }

    // What the deploy gets: the configuration resolved from netlify.toml and any _headers or
    // _redirects file the build published.
    let json = tmp.path().join("resolved.json");
    let mut cmd = Command::new(&config);
    cmd.args(["--offline", "--output"])
        .arg(&json)
        .current_dir(&site)
        .env("FORCE_COLOR", "0");
    let (ok, output) = run(cmd, tmp.path(), "netlify-config", Duration::from_secs(120));
    assert!(ok, "netlify-config failed:\n{}", tail(&output));
    let resolved: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap())
        .expect("netlify-config writes JSON");
    let config = &resolved["config"];
    assert_eq!(
        config["build"]["publish"].as_str(),
        public.to_str(),
        "the published folder"
    );
    let plugins: Vec<&str> = config["plugins"]
        .as_array()
        .expect("resolved plugins")
        .iter()
        .filter_map(|p| p["package"].as_str())
        .collect();
    assert_eq!(plugins, ["./plugins/cargo-cache"]);

    // Redirects: `/` goes to the reader's language, 302 so that a change of language is not
    // cached; no other redirect, and no unconditional one (the chooser is the fallback).
    let redirects: Vec<(String, String, u64, bool, Value)> = config["redirects"]
        .as_array()
        .expect("resolved redirects")
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap().to_string(),
                r["to"].as_str().unwrap().to_string(),
                r["status"].as_u64().unwrap(),
                r["force"].as_bool().unwrap(),
                r["conditions"].clone(),
            )
        })
        .collect();
    let by_language = |lang: &str, to: &str| {
        (
            "/".to_string(),
            to.to_string(),
            302,
            false,
            serde_json::json!({ "Language": [lang] }),
        )
    };
    assert_eq!(
        redirects,
        [by_language("fr", "/fr/"), by_language("en", "/en/")],
        "resolved redirects"
    );
    for (_, to, ..) in &redirects {
        assert!(public.join(&to[1..]).join("index.html").is_file(), "{to}");
    }

    // Headers, path by path, as the rules that match each published path set them.
    let rules: Vec<(String, BTreeMap<String, String>)> = config["headers"]
        .as_array()
        .expect("resolved headers")
        .iter()
        .map(|h| {
            let values = h["values"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let v = v.as_str().unwrap_or_else(|| panic!("{k}: {v}"));
                    (k.to_ascii_lowercase(), v.to_string())
                })
                .collect();
            (h["for"].as_str().unwrap().to_string(), values)
        })
        .collect();
    let csp = crate::deploy::csp();
    let paths = published_paths(&public);
    assert!(paths.len() > 200, "{} paths", paths.len());
    let mut problems = Vec::new();
    for path in &paths {
        let mut set: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for (pattern, values) in &rules {
            if matches(pattern, path) {
                for (name, value) in values {
                    set.entry(name).or_default().push((pattern, value));
                }
            }
        }
        let one = |name: &str| match set.get(name).map(Vec::as_slice) {
            Some([(_, value)]) => Some(*value),
            _ => None,
        };
        for (name, want) in [
            ("content-security-policy", csp.as_str()),
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "strict-origin-when-cross-origin"),
            (
                "permissions-policy",
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            ),
            (
                "strict-transport-security",
                "max-age=63072000; includeSubDomains; preload",
            ),
        ] {
            if one(name) != Some(want) {
                let rules = set.get(name).map_or(&[][..], Vec::as_slice);
                problems.push((rules.len(), format!("{path}: {name} from {rules:?}")));
            }
        }
        // Cache-Control from one rule at most: fingerprinted assets for a year, everything
        // else Netlify's default (max-age=0, must-revalidate).
        let cache = set.get("cache-control").map(Vec::as_slice).unwrap_or(&[]);
        let want: &[(&str, &str)] = if path.starts_with("/assets/") {
            &[("/assets/*", "public, max-age=31536000, immutable")]
        } else {
            &[]
        };
        if cache != want {
            problems.push((cache.len(), format!("{path}: cache-control from {cache:?}")));
        }
    }
    assert!(
        paths.iter().filter(|p| p.starts_with("/assets/")).count() >= 2,
        "the stylesheet and the script are published under /assets/"
    );
    // Headers set by several rules first, twenty problems at most.
    problems.sort_by_key(|(rules, _)| std::cmp::Reverse(*rules));
    let problems: Vec<String> = problems.into_iter().take(20).map(|(_, p)| p).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

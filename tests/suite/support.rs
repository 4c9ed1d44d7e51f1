//! Fixture sites in temporary folders, and a runner for the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

pub const CONFIG: &str = r#"base_url = "https://example.org/"
default_language = "fr"

[[languages]]
code = "fr"
title = "Site d'essai"

[[languages]]
code = "en"
title = "Test site"
"#;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Whether the tests run in CI, where a missing tool is a failure rather than a loud skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Something the suite needs, or the reason it cannot run: fatal in CI, a loud skip elsewhere.
pub fn require(what: Option<PathBuf>, name: &str, install: &str) -> Option<PathBuf> {
    if what.is_none() {
        let msg = format!("{name} not found ({install})");
        assert!(!in_ci(), "{msg}; CI=true requires it");
        eprintln!("\n!!!!!!!! SKIPPED: {msg} !!!!!!!!\n");
    }
    what
}

/// A command on the PATH.
pub fn which(cmd: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(cmd))
        .find(|p| p.is_file())
}

/// The repository's own site, built once for every test that only reads it.
pub fn real_built() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::real();
        site.run(&["build"]).success();
        site
    })
}

/// A site in a temporary folder: a fixture's files, the repository's theme, and a config.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// `tests/fixtures/{name}` with the default theme and, unless it has its own, the test config.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        if !dir.path().join("charter.toml").exists() {
            std::fs::write(dir.path().join("charter.toml"), CONFIG).unwrap();
        }
        Site { dir }
    }

    /// A site with the test config and the repository's theme, and no content yet.
    pub fn empty() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        std::fs::write(dir.path().join("charter.toml"), CONFIG).unwrap();
        Site { dir }
    }

    /// The repository's own site: its config, content and theme.
    pub fn real() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        std::fs::copy(repo().join("charter.toml"), dir.path().join("charter.toml")).unwrap();
        Site { dir }
    }

    /// The synthetic corpus of `documents` texts in French and English (`benches/corpus/`,
    /// what the benchmarks use), with the repository's theme.
    pub fn generated(documents: usize) -> Site {
        let dir = tempfile::tempdir().unwrap();
        crate::corpus::write(dir.path(), documents).unwrap();
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        Site { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("the charter binary runs");
        Run(output)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Every file under `rel` with its bytes, for byte-for-byte comparisons.
    pub fn tree(&self, rel: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.path().join(rel))
    }
}

pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// Elements matching a CSS selector.
pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    doc.select(&sel).collect()
}

/// The ids of every element in a page's text, in document order.
pub fn text_ids(doc: &scraper::Html) -> Vec<String> {
    select(doc, ".text [id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect()
}

/// A plain static file server over a built `public/`, on a free loopback port: what a static
/// host does, and nothing more (no live reload, no rewriting). It sends the
/// Content-Security-Policy of netlify.toml, as the host will.
pub struct StaticServer {
    pub port: u16,
}

impl StaticServer {
    pub fn start(root: PathBuf) -> StaticServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let csp = crate::deploy::csp().replace("; upgrade-insecure-requests", "");
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let csp = csp.clone();
                std::thread::spawn(move || serve_one(stream, &root, &csp));
            }
        });
        StaticServer { port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn serve_one(mut stream: std::net::TcpStream, root: &Path, csp: &str) {
    use std::io::{BufRead, BufReader, Write};
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let rel = percent_decode(path.trim_start_matches('/'));
    let mut file = root.join(&rel);
    if rel.split('/').any(|s| s == "..") {
        file = root.join("404.html");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", root.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mime = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Security-Policy: {csp}\r\nX-Content-Type-Options: nosniff\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Held by the tests that measure time (how long a request waits during a rebuild) and by the
/// CPU-heavy campaigns (fuzzing, the soak test), so that neither runs while the other does: on
/// a machine of two cores, a campaign beside a timing test measures the campaign.
pub fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    static MACHINE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A test that failed while holding it leaves it poisoned; the machine is free all the same.
    MACHINE.lock().unwrap_or_else(|e| e.into_inner())
}

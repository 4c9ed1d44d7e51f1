//! `charter serve`: the editors' preview. Builds the site into memory, serves it over HTTP,
//! watches the sources, rebuilds what an edit touches, and tells open pages to reload once the
//! new output is complete. A failed build never stops the server: the last good site stays
//! up with the problems shown over every page.

use crate::diagnostic::Report;
use crate::project::Project;
use crate::watch::{self, Changes};
use crate::Options;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::Instant;
use tokio::sync::watch as tokio_watch;
use tokio_stream::wrappers::WatchStream;
use tokio_stream::StreamExt;

pub const EVENTS: &str = "/__charter/events";
pub const LIVE_JS: &str = "/__charter/live.js";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// What the HTTP side reads: the project (with its last good output) and the problems of the
/// latest build, if it failed.
struct Shared {
    project: RwLock<Option<Project>>,
    problems: RwLock<Option<String>>,
    reload: tokio_watch::Sender<u64>,
}

pub fn run(root: &Path, options: ServeOptions) -> Result<(), String> {
    // Watch events carry absolute paths: compare them with an absolute root.
    let root = &root
        .canonicalize()
        .map_err(|e| format!("cannot open the site folder {}: {e}", root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::new(
            options.bind,
            options.port,
        )))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{addr}/");
    let build_options = Options {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        strict: false,
    };

    let (reload, _) = tokio_watch::channel(0u64);
    let shared = Arc::new(Shared {
        project: RwLock::new(None),
        problems: RwLock::new(None),
        reload,
    });
    let start = Instant::now();
    let project = open(root, &build_options, &shared);
    publish_first(&shared, project, start);

    let (tx, rx) = mpsc::channel::<PathBuf>();
    let _watcher = start_watcher(root, tx)?;
    {
        let shared = shared.clone();
        let root = root.to_path_buf();
        std::thread::spawn(move || rebuild_loop(&root, &build_options, &shared, &rx));
    }

    println!("serving {} at {url} (Ctrl+C to stop)", root.display());
    if options.open {
        open_browser(&url);
    }
    let app = Router::new()
        .route(EVENTS, get(events))
        .route(LIVE_JS, get(live_js))
        .fallback(get(page))
        .with_state(shared);
    runtime
        .block_on(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })
        .map_err(|e| format!("the server stopped: {e}"))
}

fn open(root: &Path, options: &Options, shared: &Shared) -> Option<Project> {
    match Project::open(root, options) {
        Ok(p) => Some(p),
        Err(report) => {
            show_problems(shared, &report);
            None
        }
    }
}

fn publish_first(shared: &Shared, project: Option<Project>, start: Instant) {
    if let Some(mut p) = project {
        match p.render() {
            Ok(r) => {
                print_warnings(&p.report());
                println!(
                    "built {} pages in {} ms",
                    r.pages,
                    start.elapsed().as_millis()
                );
                *shared.problems.write().unwrap() = None;
            }
            Err(report) => show_problems(shared, &report),
        }
        *shared.project.write().unwrap() = Some(p);
    }
}

fn show_problems(shared: &Shared, report: &Report) {
    eprintln!("{report}");
    eprintln!("serving the last good version of the site; fix the problem and save");
    *shared.problems.write().unwrap() = Some(report.to_string());
}

fn print_warnings(report: &Report) {
    if !report.is_empty() {
        eprintln!("{report}");
    }
}

/// Gathers edits, rebuilds, and announces each result to the open pages.
fn rebuild_loop(root: &Path, options: &Options, shared: &Shared, rx: &mpsc::Receiver<PathBuf>) {
    let mut version = 0u64;
    let mut last = None;
    while let Some(paths) = watch::gather(rx, watch::Debounce::default(), last) {
        let mut changes = watch::classify(root, paths);
        // Edits that arrived while the previous build ran join this one.
        changes.merge(watch::classify(root, rx.try_iter()));
        if changes.is_empty() {
            continue;
        }
        let start = Instant::now();
        let what = describe(&changes);
        {
            let mut guard = shared.project.write().unwrap();
            let mut usable = true;
            if changes.everything || guard.is_none() {
                // The config or theme changed: start afresh, but keep the last good output
                // to serve until the new project renders.
                match open(root, options, shared) {
                    Some(mut fresh) => {
                        if let Some(old) = guard.take() {
                            fresh.keep_output_of(old);
                        }
                        *guard = Some(fresh);
                    }
                    None => usable = false,
                }
            } else if let Some(p) = guard.as_mut() {
                p.apply(&changes.content);
            }
            match guard.as_mut().filter(|_| usable).map(|p| p.render()) {
                Some(Ok(r)) => {
                    println!(
                        "rebuilt {} page{} in {:.1} ms ({what})",
                        r.pages,
                        if r.pages == 1 { "" } else { "s" },
                        start.elapsed().as_secs_f64() * 1000.0
                    );
                    *shared.problems.write().unwrap() = None;
                }
                Some(Err(report)) => show_problems(shared, &report),
                None => {}
            }
        }
        // Only now is the new output complete: the pages may reload.
        version += 1;
        let _ = shared.reload.send(version);
        last = Some(Instant::now());
    }
}

fn describe(changes: &Changes) -> String {
    if changes.everything {
        return "theme or config changed".to_string();
    }
    let names: Vec<String> = changes
        .content
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    let more = changes.content.len().saturating_sub(3);
    if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    }
}

fn start_watcher(
    root: &Path,
    tx: mpsc::Sender<PathBuf>,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })
    .map_err(|e| format!("cannot watch the files: {e}"))?;
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    // The root itself, not recursively: for charter.toml (and content/ appearing).
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    Ok(watcher)
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let stream = WatchStream::from_changes(shared.reload.subscribe())
        .map(|v| Ok::<Event, Infallible>(Event::default().event("reload").data(v.to_string())));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn live_js() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        LIVE_RELOAD_JS,
    )
}

/// Any other request: a file of the built site, never anything outside it.
async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    // Files about the whole site (search index, sitemap, feeds, open data) are brought up to
    // date when asked for, not after every edit: on a large site they take seconds, and an
    // editor looking at a page should not wait for them.
    if about_the_whole_site(uri.path()) {
        let refreshed = match shared.project.write().unwrap().as_mut() {
            Some(p) => p.refresh_machine_files(),
            None => Ok(()),
        };
        if let Err(report) = refreshed {
            show_problems(&shared, &report);
        }
    }
    let problems = shared.problems.read().unwrap().clone();
    let guard = shared.project.read().unwrap();
    let output = guard.as_ref().map(|p| p.output());
    let found = safe_path(uri.path()).and_then(|path| {
        let output = output?;
        if path.is_empty() || path.ends_with('/') {
            let file = format!("{path}index.html");
            return output
                .files
                .get(&file)
                .map(|b| Found::File(file, b.clone()));
        }
        if let Some(b) = output.files.get(&path) {
            return Some(Found::File(path, b.clone()));
        }
        // `/fr/documents` → `/fr/documents/`, so that relative links resolve.
        output
            .files
            .contains_key(&format!("{path}/index.html"))
            .then_some(Found::Folder)
    });
    let (status, file, bytes) = match found {
        Some(Found::Folder) => {
            return Response::builder()
                .status(StatusCode::PERMANENT_REDIRECT)
                .header(header::LOCATION, format!("{}/", uri.path()))
                .body(Body::empty())
                .unwrap();
        }
        Some(Found::File(file, bytes)) => (StatusCode::OK, file, bytes),
        None => match output.and_then(|o| o.files.get("404.html")) {
            Some(b) => (StatusCode::NOT_FOUND, "404.html".to_string(), b.clone()),
            None => (
                StatusCode::NOT_FOUND,
                "404.html".to_string(),
                b"<!doctype html><title>404</title><p>Not found.</p>".to_vec(),
            ),
        },
    };
    let (status, bytes) = if output.is_none() && problems.is_some() {
        // No good build yet: every page is the list of problems.
        (StatusCode::SERVICE_UNAVAILABLE, b"<!doctype html><html lang=en><title>charter: build failed</title><body></body></html>".to_vec())
    } else {
        (status, bytes)
    };
    let content_type = content_type(&file);
    let body = if content_type.starts_with("text/html") {
        inject(&bytes, problems.as_deref())
    } else {
        bytes
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap()
}

fn about_the_whole_site(path: &str) -> bool {
    path.starts_with("/search-index/")
        || path.starts_with("/data/")
        || path == "/sitemap.xml"
        || path.ends_with("/atom.xml")
}

enum Found {
    File(String, Vec<u8>),
    Folder,
}

/// The site-relative file a URL path asks for, or `None` if it tries to leave the site:
/// `..` segments (encoded or not), backslashes, NUL bytes.
pub fn safe_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let rel = decoded.strip_prefix('/').unwrap_or(&decoded);
    if rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    if rel.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    if rel.starts_with('/') || rel.contains("//") {
        return None;
    }
    Some(rel.to_string())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script, and the problems of a failed build, to an HTML page.
fn inject(html: &[u8], problems: Option<&str>) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = format!("<script src=\"{LIVE_JS}\" defer></script>");
    if let Some(p) = problems {
        extra.push_str(&overlay(p));
    }
    let out = match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    };
    out.into_bytes()
}

/// The problems of a failed build, over the page: what, where (file:line) and what to do.
pub fn overlay(problems: &str) -> String {
    let escaped = crate::render::body::esc(problems);
    format!(
        "<div id=\"charter-problems\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fafafa;padding:2rem;font:14px/1.5 ui-monospace,monospace\">\
<p style=\"font:700 18px system-ui,sans-serif;margin:0 0 1rem\">The site could not be rebuilt. The last good version is underneath; save a fix and this goes away.</p>\
<pre style=\"white-space:pre-wrap;margin:0\">{escaped}</pre></div>"
    )
}

/// The reload client: reloads once the server says the new output is complete, and puts the
/// reader back where they were.
const LIVE_RELOAD_JS: &str = r#"(function () {
  "use strict";
  var key = "charter-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = saved.split(",");
    window.addEventListener("load", function () { window.scrollTo(+xy[0], +xy[1]); });
  }
  var source = new EventSource("/__charter/events");
  source.addEventListener("reload", function () {
    sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
    location.reload();
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(safe_path("/fr/documents/"), Some("fr/documents/".into()));
        assert_eq!(safe_path("/"), Some("".into()));
        assert_eq!(safe_path("/%C3%A9t%C3%A9.html"), Some("été.html".into()));
        for bad in [
            "/../Cargo.toml",
            "/fr/../../etc/passwd",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/..%5cCargo.toml",
            "/a%00b",
            "//etc/passwd",
            "/%zz",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("fr/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/documents.json"), "application/json");
    }

    #[test]
    fn injection_adds_the_client_and_the_overlay() {
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>",
            Some("error: <bad>\n --> a.md:3:1"),
        ))
        .unwrap();
        assert!(out.contains("<script src=\"/__charter/live.js\" defer></script>"));
        assert!(out.contains("a.md:3:1") && out.contains("&lt;bad&gt;"));
        assert!(out.ends_with("</body></html>"));
    }
}

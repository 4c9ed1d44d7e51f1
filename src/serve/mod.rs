//! `charter serve`: the editors' preview. Builds the site into memory, serves it over HTTP,
//! watches the sources, rebuilds what an edit touches, and tells open pages to reload once the
//! new output is complete. A failed build never stops the server: the last good site stays
//! up with the problems shown over every page.
//!
//! The server only reads: each build is published as an immutable `Snapshot` that requests
//! answer from, while the building happens on threads of its own (`rebuild`).

mod rebuild;
mod snapshot;

use crate::options::Options;
use crate::output::Bytes;
use crate::watch::WatchError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use snapshot::{Current, Snapshot};
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
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

/// Why the preview could not start, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot open the site folder {}", .path.display())]
    Root {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot start the server")]
    Runtime(#[source] io::Error),
    #[error("cannot listen on {addr}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Watch(#[from] WatchError),
    #[error("the server stopped")]
    Stopped(#[source] io::Error),
}

/// What the HTTP side shares with the rebuilds: the snapshot to answer from, and the channel
/// that tells open pages to reload.
struct Shared {
    current: Current,
    reload: tokio_watch::Sender<u64>,
}

pub fn run(root: &Path, options: ServeOptions) -> Result<(), ServeError> {
    // Watch events carry absolute paths: compare them with an absolute root.
    let root = &root.canonicalize().map_err(|source| ServeError::Root {
        path: root.to_path_buf(),
        source,
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let addr = SocketAddr::new(options.bind, options.port);
    let listen = |source| ServeError::Listen { addr, source };
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(listen)?;
    let addr = listener.local_addr().map_err(listen)?;
    let url = format!("http://{addr}/");
    let build_options = Options {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        strict: false,
    };

    let (reload, _) = tokio_watch::channel(0u64);
    let shared = Arc::new(Shared {
        current: Current::default(),
        reload,
    });
    // Watched from before the first build, so that a save made during it is not missed.
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let _watcher = crate::watch::start(root, tx)?;
    rebuild::spawn(root, build_options, shared.clone(), rx).map_err(ServeError::Runtime)?;

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
        .map_err(ServeError::Stopped)
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

/// Any other request: a file of the current snapshot, never anything outside it. Answered
/// from the snapshot as it is, whatever a rebuild is doing.
async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    answer(&shared.current.load(), uri.path())
}

fn answer(snapshot: &Snapshot, uri_path: &str) -> Response {
    let problems = snapshot.problems.as_deref();
    let found = safe_path(uri_path).and_then(|path| {
        if path.is_empty() || path.ends_with('/') {
            let file = format!("{path}index.html");
            return snapshot.file(&file).map(|b| Found::File(file, b.clone()));
        }
        if let Some(b) = snapshot.file(&path) {
            return Some(Found::File(path, b.clone()));
        }
        // `/fr/documents` → `/fr/documents/`, so that relative links resolve.
        snapshot
            .file(&format!("{path}/index.html"))
            .is_some()
            .then_some(Found::Folder)
    });
    let (status, file, bytes) = match found {
        Some(Found::Folder) => {
            return Response::builder()
                .status(StatusCode::PERMANENT_REDIRECT)
                .header(header::LOCATION, format!("{uri_path}/"))
                .body(Body::empty())
                .unwrap();
        }
        Some(Found::File(file, bytes)) => (StatusCode::OK, file, bytes),
        None => match snapshot.file("404.html") {
            Some(b) => (StatusCode::NOT_FOUND, "404.html".to_string(), b.clone()),
            None => (
                StatusCode::NOT_FOUND,
                "404.html".to_string(),
                Bytes::from_static(b"<!doctype html><title>404</title><p>Not found.</p>"),
            ),
        },
    };
    let (status, bytes) = if snapshot.pages.is_none() && problems.is_some() {
        // No good build yet: every page is the list of problems.
        (StatusCode::SERVICE_UNAVAILABLE, Bytes::from_static(b"<!doctype html><html lang=en><title>charter: build failed</title><body></body></html>"))
    } else {
        (status, bytes)
    };
    let content_type = content_type(&file);
    let body = if content_type.starts_with("text/html") {
        Bytes::from(inject(&bytes, problems))
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

enum Found {
    File(String, Bytes),
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

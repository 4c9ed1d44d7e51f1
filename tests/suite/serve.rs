//! `charter serve`: the real server on a free port, real file edits, the reload channel.

use crate::corpus;
use crate::support::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    lines: Arc<Lines>,
}

/// Every line the server printed, as it prints them, and a signal for each new one.
#[derive(Default)]
struct Lines {
    seen: Mutex<Vec<String>>,
    added: Condvar,
}

impl Lines {
    fn push(&self, line: String) {
        self.seen.lock().unwrap().push(line);
        self.added.notify_all();
    }

    /// Waits until `found` finds something in the lines printed so far (20 s at most).
    fn wait<T>(&self, found: impl Fn(&[String]) -> Option<T>) -> Option<T> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = self.seen.lock().unwrap();
        loop {
            if let Some(t) = found(&seen) {
                return Some(t);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            seen = self.added.wait_timeout(seen, left).unwrap().0;
        }
    }

    fn all(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("charter serve starts");
        let lines = Arc::new(Lines::default());
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    lines.push(line);
                }
            });
        }
        let port = lines.wait(|seen| {
            seen.iter().find_map(|l| {
                l.split("http://127.0.0.1:")
                    .nth(1)
                    .and_then(|r| r.split('/').next())
                    .and_then(|p| p.parse().ok())
            })
        });
        let port = port.unwrap_or_else(|| panic!("server did not start: {:?}", lines.all()));
        Server { child, port, lines }
    }

    /// A raw request, so that paths such as `/../x` reach the server unnormalized.
    fn get(&self, path: &str) -> (u16, String) {
        let (_, status, body) = self.get_timed(path);
        (status, body)
    }

    /// A request, with the time the server took to start answering (to its first byte).
    fn get_timed(&self, path: &str) -> (Duration, u16, String) {
        let (first_byte, status, body) = self.get_bytes(path);
        (
            first_byte,
            status,
            String::from_utf8_lossy(&body).into_owned(),
        )
    }

    /// A request as raw bytes: the time to the first byte, the status, and the body as sent.
    fn get_bytes(&self, path: &str) -> (Duration, u16, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let sent = Instant::now();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = vec![0];
        s.read_exact(&mut raw).unwrap();
        let first_byte = sent.elapsed();
        s.read_to_end(&mut raw).unwrap();
        let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n");
        let head = String::from_utf8_lossy(&raw[..head_end.unwrap_or(raw.len())]);
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = head_end.map_or_else(Vec::new, |i| raw[i + 4..].to_vec());
        (first_byte, status, body)
    }

    /// Asks for `path` until it contains `text` (20 s at most), and returns that answer. For
    /// the files about the whole site, which follow the pages with no event of their own.
    fn wait_for(&self, path: &str, text: &str) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let (_, body) = self.get(path);
            if body.contains(text) {
                return Some(body);
            }
            // The interval between two requests of a wait bounded by the deadline above.
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The rebuilds that took in a save of `path`, and the failed ones.
    fn rebuilds_of(&self, path: &str) -> usize {
        self.lines
            .all()
            .iter()
            .filter(|l| (l.starts_with("rebuilt") && l.contains(path)) || l.starts_with("error:"))
            .count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The reload channel, open: waits for the next `reload` event.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(server: &Server) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(s, "GET /__charter/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut r = BufReader::new(s);
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert!(line.contains("200"), "{line}");
        // Headers, up to the blank line: from here on the subscription is live.
        loop {
            line.clear();
            r.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
        }
        Events(r)
    }

    /// Waits for the next `reload` event (20 s at most between two lines of the stream).
    fn next_reload(&mut self) {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self
                .0
                .read_line(&mut line)
                .expect("a reload event within 20 s");
            assert!(n > 0, "the event stream closed");
            if line.contains("event: reload") {
                return;
            }
        }
    }
}

mod soak;

const DOC: &str = "content/documents/sample-act.fr.md";

#[test]
fn an_edit_reloads_and_a_broken_edit_shows_the_overlay_until_fixed() {
    let site = Site::fixture("good");
    let mut server = Server::start(&site);
    let (status, body) = server.get("/fr/documents/sample-act/");
    assert_eq!(status, 200);
    assert!(
        body.contains("/__charter/live.js"),
        "the live-reload client is injected"
    );

    let mut events = Events::open(&server);
    let original = site.read(DOC);
    site.write(
        DOC,
        &original.replace("Premier paragraphe.", "Premier paragraphe, modifié."),
    );
    events.next_reload();
    let (_, body) = server.get("/fr/documents/sample-act/");
    assert!(
        body.contains("Premier paragraphe, modifié."),
        "the page has the new text"
    );
    // Files about the whole site follow a moment later.
    let data = server.wait_for(
        "/data/documents/sample-act.json",
        "Premier paragraphe, modifié.",
    );
    assert!(data.is_some(), "open data is brought up to date");

    // Break the front matter: the last good page is served, with the problems over it.
    site.write(
        DOC,
        &original.replace("title = \"Acte d'exemple\"", "title = \"Acte d'exemple"),
    );
    events.next_reload();
    let (status, body) = server.get("/fr/documents/sample-act/");
    assert_eq!(status, 200);
    assert!(body.contains("charter-problems"), "overlay shown");
    assert!(
        body.contains("content/documents/sample-act.fr.md:2:"),
        "overlay names file and line"
    );
    assert!(body.contains("help:"));
    assert!(
        body.contains("Premier paragraphe, modifié."),
        "the last good page is underneath"
    );
    let (_, other) = server.get("/en/");
    assert!(other.contains("charter-problems"), "overlay on every page");

    site.write(DOC, &original);
    events.next_reload();
    let (_, body) = server.get("/fr/documents/sample-act/");
    assert!(
        !body.contains("charter-problems"),
        "fixing the file clears the overlay"
    );
    assert!(body.contains("Premier paragraphe."));
    assert!(server.alive(), "the server never exits");
}

#[test]
fn nesting_a_hundred_thousand_deep_shows_the_overlay_and_the_server_recovers() {
    let site = Site::fixture("good");
    let mut server = Server::start(&site);
    let mut events = Events::open(&server);
    let original = site.read(DOC);
    let line = original
        .lines()
        .position(|l| l.contains("Premier paragraphe."))
        .unwrap()
        + 1;
    for deep in [
        format!("{} Trop.", ">".repeat(100_000)),
        format!("{}Trop.", "- ".repeat(100_000)),
    ] {
        site.write(
            DOC,
            &original.replace(
                "Premier paragraphe.",
                &format!("Premier paragraphe.\n\n{deep}"),
            ),
        );
        events.next_reload();
        let (status, body) = server.get("/fr/documents/sample-act/");
        assert_eq!(status, 200, "the server answers");
        assert!(
            body.contains("charter-problems")
                && body.contains("nested deeper than 32 levels")
                && body.contains(&format!("sample-act.fr.md:{}:", line + 2)),
            "the overlay names the file and line"
        );
        assert!(server.alive(), "the server survives");
        site.write(DOC, &original);
        events.next_reload();
        let (_, body) = server.get("/fr/documents/sample-act/");
        assert!(
            !body.contains("charter-problems"),
            "fixing the file clears the overlay"
        );
    }
}

#[test]
fn a_first_build_that_fails_still_serves_the_problems() {
    let site = Site::fixture("good");
    let original = site.read(DOC);
    site.write(
        DOC,
        &original.replace("kind = \"act\"", "kind = \"treaty\""),
    );
    let mut server = Server::start(&site);
    let (_, body) = server.get("/fr/");
    assert!(
        body.contains("charter-problems") && body.contains("sample-act.fr.md:"),
        "{body}"
    );
    let mut events = Events::open(&server);
    site.write(DOC, &original);
    events.next_reload();
    let (status, body) = server.get("/fr/documents/sample-act/");
    assert_eq!(status, 200);
    assert!(!body.contains("charter-problems"));
    assert!(server.alive());
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = Site::fixture("good");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site);
    for path in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/fr/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/secret.txt",
        "/charter.toml",
        "/content/documents/sample-act.fr.md",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve"), "{path}");
    }
    // The site's own 404 page; directories serve their index; content types are right.
    let (_, body) = server.get("/nowhere/");
    assert!(body.contains("Page introuvable"));
    let (status, _) = server.get("/fr/documents/");
    assert_eq!(status, 200);
    let (status, _) = server.get("/fr/documents");
    assert_eq!(status, 308);
    let (_, home) = server.get("/fr/");
    let css = home
        .split("href=")
        .find_map(|h| {
            h.split_whitespace()
                .next()
                .map(|h| h.trim_matches(|c| c == '"' || c == '>'))
                .filter(|h| h.ends_with(".css"))
                .map(str::to_string)
        })
        .expect("a stylesheet link");
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        s,
        "GET {css} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut head = String::new();
    s.read_to_string(&mut head).unwrap();
    assert!(
        head.to_lowercase().contains("content-type: text/css"),
        "{head}"
    );
}

#[test]
fn a_symlink_out_of_the_theme_is_refused_not_served() {
    let site = Site::fixture("good");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site);
    let mut events = Events::open(&server);
    std::os::unix::fs::symlink(
        site.path().join("secret.txt"),
        site.path().join("themes/default/static/leak.txt"),
    )
    .unwrap();
    events.next_reload();
    let (status, body) = server.get("/leak.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("do not serve"));
    assert!(
        body.contains("leak.txt is a symbolic link"),
        "the overlay says why"
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("leak.txt is a symbolic link"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_burst_of_saves_ends_in_the_last_content_with_few_rebuilds() {
    let _machine = crate::support::exclusive();
    let site = Site::fixture("good");
    let mut server = Server::start(&site);
    let mut events = Events::open(&server);
    let original = site.read(DOC);
    let before = server.rebuilds_of(DOC);
    let start = Instant::now();
    for i in 0..50 {
        site.write(
            DOC,
            &original.replace(
                "Premier paragraphe.",
                &format!("Premier paragraphe, version {i}."),
            ),
        );
        // Not a wait: it spaces the saves, fifty a second, as an editor saving as it types.
        std::thread::sleep(Duration::from_millis(1000 / 50));
    }
    assert!(start.elapsed() < Duration::from_secs(3));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        events.next_reload();
        let (_, body) = server.get("/fr/documents/sample-act/");
        if body.contains("version 49.") {
            break;
        }
        assert!(Instant::now() < deadline, "the last save never showed");
    }
    // A save of another file after the burst: once it is rebuilt, every event of the burst
    // has been taken in (the watcher keeps their order), so the count below is final.
    let after = "content/documents/sample-act.en.md";
    site.write(
        after,
        &site
            .read(after)
            .replace("First paragraph.", "First paragraph, after the burst."),
    );
    let rebuilt = server.lines.wait(|seen| {
        seen.iter()
            .any(|l| l.starts_with("rebuilt") && l.contains(after))
            .then_some(())
    });
    assert!(
        rebuilt.is_some(),
        "the save after the burst was not rebuilt"
    );
    let rebuilds = server.rebuilds_of(DOC) - before;
    assert!(rebuilds <= 10, "{rebuilds} rebuilds for 50 saves");
    assert!(server.alive());
}

#[test]
fn ten_thousand_requests_fifty_at_a_time_without_an_error() {
    let site = Site::fixture("good");
    let server = Server::start(&site);
    let port = server.port;
    let paths = [
        "/fr/",
        "/en/documents/sample-act/",
        "/fr/documents/sample-act/parallel/",
        "/data/documents.json",
        "/nowhere/",
    ];
    let start = Instant::now();
    let errors: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..50)
            .map(|w| {
                scope.spawn(move || {
                    let mut errors = 0;
                    for i in 0..200 {
                        let path = paths[(w + i) % paths.len()];
                        let expected = if path == "/nowhere/" { 404 } else { 200 };
                        let ok = TcpStream::connect(("127.0.0.1", port))
                            .ok()
                            .and_then(|mut s| {
                                write!(
                                    s,
                                    "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                )
                                .ok()?;
                                let mut raw = Vec::new();
                                s.read_to_end(&mut raw).ok()?;
                                let text = String::from_utf8_lossy(&raw);
                                text.split(' ').nth(1)?.parse::<u16>().ok()
                            });
                        if ok != Some(expected) {
                            errors += 1;
                        }
                    }
                    errors
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    let elapsed = start.elapsed();
    eprintln!(
        "10,000 requests, 50 at a time: {:.0} requests/s",
        10_000.0 / elapsed.as_secs_f64()
    );
    assert_eq!(errors, 0);
}

/// Requests made while a slow rebuild runs (a template edited: every page of a generated site
/// rendered again) are answered at once, from the last good site, and the new site comes with
/// the reload event.
#[test]
fn requests_during_a_slow_rebuild_are_answered_at_once_from_the_last_good_site() {
    let _machine = crate::support::exclusive();
    let site = Site::generated(40);
    let server = Server::start(&site);
    let page = format!("/fr/documents/{}/", corpus::slug(7));
    let marker = "charter-new-template";
    let (status, body) = server.get(&page);
    assert_eq!(status, 200);
    assert!(!body.contains(marker));

    let mut events = Events::open(&server);
    let template = "themes/default/templates/base.html";
    let original = site.read(template);
    let saved = Instant::now();
    site.write(
        template,
        &original.replacen(
            "<meta charset=\"utf-8\">",
            &format!("<meta charset=\"utf-8\"><meta name=\"generator\" content=\"{marker}\">"),
            1,
        ),
    );
    let reloaded = std::thread::spawn(move || {
        events.next_reload();
        Instant::now()
    });
    // (sent, time to the answer's first byte, from the new site), from the save until the
    // reload event.
    let mut answers = Vec::new();
    while !reloaded.is_finished() {
        let sent = Instant::now();
        let (took, status, body) = server.get_timed(&page);
        assert_eq!(status, 200);
        answers.push((sent - saved, took, body.contains(marker)));
        assert!(saved.elapsed() < Duration::from_secs(60), "no reload event");
        // Not a wait (the reload event ends the loop): it spaces the requests made meanwhile.
        std::thread::sleep(Duration::from_millis(5));
    }
    let rebuild = reloaded.join().unwrap() - saved;
    let slowest = answers.iter().map(|a| a.1).max().unwrap_or_default();
    eprintln!(
        "rebuild {} ms; {} requests meanwhile, slowest answered in {} ms",
        rebuild.as_millis(),
        answers.len(),
        slowest.as_millis()
    );
    assert!(
        rebuild > Duration::from_millis(500),
        "the rebuild took {rebuild:?}: too quick to show anything"
    );
    assert!(
        slowest < rebuild / 10,
        "a request waited for the rebuild ({rebuild:?}): {answers:?}"
    );
    // Asked while the rebuild ran (once the watcher had the save, until shortly before the
    // end): answered from the last good site.
    let during: Vec<_> = answers
        .iter()
        .filter(|(sent, _, _)| {
            *sent > Duration::from_millis(100) && *sent + Duration::from_millis(100) < rebuild
        })
        .collect();
    assert!(during.len() >= 3, "too few requests during the rebuild");
    assert!(during.iter().all(|(_, _, new)| !new), "{answers:?}");
    let (_, body) = server.get(&page);
    assert!(body.contains(marker), "the new site after the reload event");
}

/// After an edit the pages come first, with the reload event; the files about the whole site
/// follow, and until they do a request for one gets the last good version at once.
#[test]
fn files_about_the_whole_site_follow_the_pages_without_holding_requests_up() {
    let _machine = crate::support::exclusive();
    let site = Site::generated(100);
    let server = Server::start(&site);
    let slug = corpus::slug(7);
    let doc = format!("content/documents/{slug}.fr.md");
    let marker = "Zanzibar";
    let mut events = Events::open(&server);
    site.write(
        &doc,
        &site.read(&doc).replacen("1. ", &format!("1. {marker} "), 1),
    );
    events.next_reload();
    let reloaded = Instant::now();
    let (_, page) = server.get(&format!("/fr/documents/{slug}/"));
    assert!(
        page.contains(marker),
        "the page is new with the reload event"
    );
    // (time to the answer's first byte, from the new site)
    let mut answers = Vec::new();
    loop {
        let (took, status, body) = server.get_timed(&format!("/data/documents/{slug}.json"));
        assert_eq!(status, 200);
        let new = body.contains(marker);
        answers.push((took, new));
        if new {
            break;
        }
        assert!(
            reloaded.elapsed() < Duration::from_secs(60),
            "no new open data"
        );
        // The interval between two requests: each one is measured, so the loop asks until
        // the new open data comes (no event announces it), bounded by the deadline above.
        std::thread::sleep(Duration::from_millis(5));
    }
    let follow = reloaded.elapsed();
    let slowest = answers.iter().map(|a| a.0).max().unwrap_or_default();
    eprintln!(
        "open data new {} ms after the pages; {} requests meanwhile, slowest answered in {} ms",
        follow.as_millis(),
        answers.len(),
        slowest.as_millis()
    );
    assert!(
        answers.len() >= 2 && slowest < follow / 3,
        "requests for open data waited for it ({follow:?}): {answers:?}"
    );
}

#[test]
fn a_port_in_use_is_an_error_with_its_cause() {
    let site = Site::fixture("good");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{}",
        run.stderr()
    );
}

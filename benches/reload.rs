//! Edit → reload-event latency of `charter serve`, median over many edits, on the real content
//! and on a generated site of 5,000 documents × 2 languages. Run with
//! `cargo bench --bench reload` (add `-- --quick` for 100 documents instead of 5,000).
//!
//! Each edit rewrites one document file; the time is measured from just before the write to
//! the `reload` event on the server's event stream, which is sent only once the new output is
//! complete. Edits are spaced out so that each is an isolated save.

// The synthetic corpus, `benches/corpus/mod.rs`.
mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EDITS: usize = 25;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("charter-reload-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);

    let real = tmp.join("real");
    for dir in ["content", "themes"] {
        copy(&repo.join(dir), &real.join(dir));
    }
    std::fs::copy(repo.join("charter.toml"), real.join("charter.toml")).unwrap();
    let n = if quick { 100 } else { 5000 };
    let big = tmp.join("generated");
    corpus::write(&big, n).unwrap();
    copy(&repo.join("themes"), &big.join("themes"));

    let real_doc = "content/documents/almaty-act-2002.fr.md";
    let big_doc = format!("content/documents/{}.fr.md", corpus::slug(n / 2));
    println!("edit → reload event, median of {EDITS} edits");
    for (name, root, doc) in [
        ("real content", &real, real_doc.to_string()),
        (&*format!("{n} documents × 2"), &big, big_doc),
    ] {
        let (times, startup) = measure(root, &doc);
        let mut sorted = times.clone();
        sorted.sort();
        let median = sorted[sorted.len() / 2];
        let p90 = sorted[sorted.len() * 9 / 10];
        println!(
            "{name:>22}: median {:6.1} ms, p90 {:6.1} ms, min {:6.1} ms (first build {:.0} ms)",
            ms(median),
            ms(p90),
            ms(sorted[0]),
            ms(startup)
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn measure(root: &Path, doc: &str) -> (Vec<Duration>, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["serve", "--port", "0"])
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start charter serve");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let port: u16 = loop {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "server exited");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    let startup = started.elapsed();
    // Drain the server's output so it never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = out.read_to_string(&mut sink);
    });
    let mut events = open_events(port);
    let path = root.join(doc);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut times = Vec::new();
    for i in 0..EDITS {
        std::thread::sleep(Duration::from_millis(400));
        let text = original.replacen("1. ", &format!("1. Edit {i}: "), 1);
        let t0 = Instant::now();
        std::fs::write(&path, text).unwrap();
        wait_reload(&mut events);
        times.push(t0.elapsed());
    }
    std::fs::write(&path, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    (times, startup)
}

fn open_events(port: u16) -> BufReader<TcpStream> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__charter/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        if line == "\r\n" {
            return r;
        }
    }
}

fn wait_reload(r: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(r.read_line(&mut line).unwrap() > 0, "event stream closed");
        if line.starts_with("event: reload") {
            return;
        }
    }
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

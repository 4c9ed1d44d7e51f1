//! The output folder replaced whole or not at all, through the library: the cases the binary
//! cannot reach (a swap that fails half-way, a build dropped unfinished).

use charter::output::{Op, Output, OutputError, Replacement, Sink};
use std::path::Path;

/// Writes a whole site the way a build does.
fn write(output: &Output, dir: &Path) -> Result<(), OutputError> {
    let new = Replacement::begin(dir)?;
    for (path, bytes) in &output.files {
        new.put(path, bytes);
    }
    new.finish()
}

fn site(files: &[(&str, &str)]) -> Output {
    let mut out = Output::default();
    for (path, text) in files {
        out.insert(*path, text.as_bytes().to_vec());
    }
    out
}

/// The files under `dir`, and the names beside it.
fn look(dir: &Path) -> (Output, Vec<String>) {
    let mut files = Output::default();
    for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    let parent = std::fs::read_dir(dir.parent().unwrap()).unwrap();
    let names = parent
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    (files, names)
}

#[test]
fn each_write_replaces_the_folder_whole() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a/b/public");
    let builds = [
        site(&[("index.html", "1"), ("fr/a/index.html", "a")]),
        // A folder becomes a file.
        site(&[("index.html", "2"), ("fr/a", "now a file")]),
        site(&[]),
    ];
    for out in builds {
        write(&out, &dir).unwrap();
        assert_eq!(look(&dir), (out, vec!["public".to_string()]));
    }
    // Made like any folder, readable by a web server.
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
    assert_eq!(mode(&dir), mode(dir.parent().unwrap()));
}

#[test]
fn the_first_error_is_reported_and_the_previous_site_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let old = site(&[("index.html", "old")]);
    write(&old, &dir).unwrap();
    let new = Replacement::begin(&dir).unwrap();
    new.put("fr", b"a file");
    new.put("fr/index.html", b"where a folder must go");
    new.put("data.json", b"{}");
    let e = new.finish().unwrap_err();
    assert_eq!(e.op, Op::Write);
    assert!(e.path.ends_with("fr/index.html"), "{e}");
    assert_eq!(look(&dir), (old, vec!["public".to_string()]));
}

#[test]
fn files_are_written_from_any_thread_and_an_unfinished_build_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let new = Replacement::begin(&dir).unwrap();
    std::thread::scope(|s| {
        s.spawn(|| Sink::put(&new, "en/data.json".into(), b"{}".to_vec()));
    });
    new.finish().unwrap();
    assert_eq!(look(&dir).0, site(&[("en/data.json", "{}")]));
    Replacement::begin(&dir)
        .unwrap()
        .put("index.html", b"dropped");
    assert_eq!(
        look(&dir),
        (site(&[("en/data.json", "{}")]), vec!["public".into()])
    );
}

#[test]
fn a_swap_that_fails_half_way_puts_the_previous_site_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("public");
    let old = site(&[("index.html", "old")]);
    write(&old, &dir).unwrap();
    let new = Replacement::begin(&dir).unwrap();
    new.put("index.html", b"new");
    // The new folder is gone when the previous site has been moved aside.
    let (_, names) = look(&dir);
    let temporary = names.iter().find(|n| n.starts_with(".public.")).unwrap();
    std::fs::remove_dir_all(tmp.path().join(temporary)).unwrap();
    assert_eq!(new.finish().unwrap_err().op, Op::MoveIn);
    assert_eq!(look(&dir), (old, vec!["public".to_string()]));
}

//! Writes the synthetic benchmark corpus: `cargo run --release --example corpus -- N DIR`.
//! The theme is copied from this repository's `themes/`.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next(),
    ) else {
        eprintln!("usage: corpus N DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    corpus::write(&dir, n).expect("write the corpus");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &dir.join("themes"),
    );
    println!("wrote {n} documents × 2 languages to {}", dir.display());
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read the theme") {
        let path = entry.expect("theme entry").path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

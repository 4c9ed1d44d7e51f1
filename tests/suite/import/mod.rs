//! `charter import`: the four seed texts against the curated ones ([`seeds`]), and what the
//! command does with other files ([`files`]).

mod files;
mod seeds;

use crate::support::{Run, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(super) const SEEDS: [&str; 4] = [
    "almaty-act-2002",
    "summit-declaration-2006",
    "anniversary-declaration-2017",
    "observer-status-request-2007",
];

/// The share of the curated blocks the imported page must have, by id and then by text.
pub(super) const THRESHOLD: f64 = 0.95;

pub(super) fn seed(slug: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/seeds/{slug}.fr.txt"))
}

/// A site with the real configuration and theme and no content.
pub(super) fn empty_site() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("charter.toml"), site.path().join("charter.toml")).unwrap();
    site
}

pub(super) fn import(site: &Site, file: &Path, args: &[&str]) -> Run {
    let file = file.to_str().unwrap();
    let mut all = vec!["import", file];
    all.extend(args);
    site.run(&all)
}

/// Each seed imported into a site of its own, built with its drafts.
pub(super) fn imported(slug: &str) -> &'static Site {
    use std::sync::OnceLock;
    static SITES: OnceLock<BTreeMap<&'static str, Site>> = OnceLock::new();
    let sites = SITES.get_or_init(|| {
        SEEDS
            .iter()
            .map(|slug| {
                let site = empty_site();
                import(&site, &seed(slug), &["--slug", slug]).success();
                site.run(&["build", "--drafts"]).success();
                (*slug, site)
            })
            .collect()
    });
    &sites[slug]
}

/// The front matter of an imported French file, as TOML.
pub(super) fn front_matter(site: &Site, slug: &str) -> toml::Table {
    let text = site.read(&format!("content/documents/{slug}.fr.md"));
    let inner = text
        .strip_prefix("+++\n")
        .unwrap()
        .split_once("\n+++\n")
        .unwrap()
        .0;
    toml::from_str(inner).unwrap()
}

pub(super) fn value(fm: &toml::Table, key: &str) -> Option<String> {
    fm.get(key).map(|v| match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

//! Render the resolved site: every page through its Tera template, in parallel, minified
//! ([`minify`]) and, in French, set with French typography ([`typography`]); the search index,
//! the feeds, the sitemap and the open data alongside. Each file goes to a
//! [`Sink`](crate::output::Sink): the site in memory ([`Output`](crate::output::Output), for
//! `check` and `serve`) or a build's new folder. The theme comes loaded ([`crate::theme`]) and is
//! compiled once ([`prepared`]): nothing here reads from disk.
//!
//! The list of pages is in `page_id` ([`PageId`]), each page's template and context in `pages`
//! and `context`, a body on its page in `page_body`, the making of every file in `files`. This
//! file holds the [`Renderer`] and what every part of it uses: URLs, dates, labels.

mod akn;
pub mod body;
pub mod cbms;
pub mod citations;
mod cite_files;
mod context;
pub mod data;
pub mod documents;
pub mod escape;
pub mod feeds;
mod files;
pub mod inline;
pub mod labels;
pub mod minify;
mod name_links;
pub mod outline;
pub mod overview;
mod page_body;
mod page_id;
mod pages;
pub mod parallel;
pub mod prepared;
mod quote;
pub mod references;
pub mod search;
pub mod states;
mod template_depth;
pub mod templates;
pub mod topics;
pub mod typography;
pub mod views;

pub use page_id::PageId;

use crate::config::Config;
use crate::model::{Area, Date, Numbering, Section, Site};
use crate::resolve::Graph;
use crate::theme::Strings;
use crate::urls;
use labels::BlockLabels;
use prepared::PreparedTheme;
use std::collections::HashMap;
use views::*;

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
    pub config: &'a Config,
    pub theme: &'a PreparedTheme,
    /// Absolute base URL (overridden for deploy previews), with a trailing slash.
    pub base_url: String,
    pub base_path: String,
    /// Labels of the blocks of each version, computed when first needed.
    labels: std::sync::Mutex<HashMap<(Section, String, String), std::sync::Arc<BlockLabels>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        graph: &'a Graph,
        config: &'a Config,
        theme: &'a PreparedTheme,
        base_url: Option<&str>,
    ) -> Renderer<'a> {
        let mut cfg = config.clone();
        if let Some(url) = base_url {
            cfg.base_url = url.to_string();
        }
        Renderer {
            site,
            graph,
            config,
            theme,
            base_url: cfg.base_url(),
            base_path: cfg.base_path(),
            labels: Default::default(),
        }
    }

    /// The labels of one version's blocks (`par. 27`), memoized: a page may cite the same
    /// text many times.
    pub fn block_labels(
        &self,
        section: Section,
        slug: &str,
        lang: &str,
    ) -> Option<std::sync::Arc<BlockLabels>> {
        let key = (section, slug.to_string(), lang.to_string());
        if let Some(l) = self.labels.lock().unwrap().get(&key) {
            return Some(l.clone());
        }
        let d = self.default();
        let (body, numbering) = match section {
            Section::Documents => self
                .site
                .documents
                .get(slug)
                .map(|e| (&e.version(lang, d).body, e.facts.numbering))?,
            Section::Cbms => self
                .site
                .cbms
                .get(slug)
                .map(|e| (&e.version(lang, d).body, Numbering::Continuous))?,
            Section::States => self
                .site
                .states
                .get(slug)
                .map(|e| (&e.version(lang, d).body, Numbering::Continuous))?,
            Section::Topics => self
                .site
                .topics
                .get(slug)
                .map(|e| (&e.version(lang, d).body, Numbering::Continuous))?,
            Section::References => self
                .site
                .references
                .get(slug)
                .map(|e| (&e.version(lang, d).body, Numbering::Continuous))?,
        };
        let s = self.strings(lang);
        let words = labels::LabelWords {
            para: s.get("para_abbr"),
            row: s.get("row_abbr"),
            note: s.get("label_note"),
            lettered: s.get("label_lettered"),
            nth: s.get("label_nth"),
            nth_alone: s.get("label_nth_alone"),
            table: s.get("label_table"),
            ordinals: s.get("label_ordinals"),
        };
        let labels = std::sync::Arc::new(labels::block_labels(body, numbering, &words));
        self.labels.lock().unwrap().insert(key, labels.clone());
        Some(labels)
    }

    pub fn default(&self) -> &str {
        &self.config.default_language
    }

    pub fn strings(&self, lang: &str) -> &Strings {
        &self.theme.strings[lang]
    }

    pub fn abs(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn rel(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    pub fn date(&self, lang: &str, d: &Date) -> DateView {
        DateView {
            iso: d.iso(),
            display: self.strings(lang).date(d),
        }
    }

    pub fn area_name(&self, lang: &str, area: Area) -> String {
        self.strings(lang)
            .get(&format!("area_{}", area.key()))
            .to_string()
    }

    /// The URL of each cross-reference of a body, for pages in `lang`.
    pub fn xref_urls<'x>(
        &'x self,
        lang: &'x str,
        xrefs: &'x [crate::model::XRef],
    ) -> impl Fn(usize) -> String + 'x {
        move |n: usize| {
            let x = &xrefs[n];
            let mut url = self.rel(&urls::page(lang, x.section, &x.slug));
            if let Some(f) = &x.fragment {
                url.push('#');
                url.push_str(f);
            }
            url
        }
    }
}
